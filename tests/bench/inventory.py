"""ansible-inventory --list: fathom.digitalocean.droplets against community.digitalocean.digitalocean.

Both plugins run, one after the other, in this process's benchmark against the same in-process
simulator, which adds LATENCY_MS to every request as a real network does. community.digitalocean
comes from the pinned `ansible` release on PyPI (see tests/bench/common.py).
"""

from __future__ import annotations

import json
import subprocess
import time

import yaml

from tests.bench.common import (ANSIBLE_RELEASE, BIN, LATENCY_MS, TOKEN, ansible_env, collection_version,
                                community_collection, simulator, table)

TITLE = "Dynamic inventory: ansible-inventory --list"
COUNTS = (1000, 10000)
OURS = "fathom.digitalocean.droplets"
THEIRS = "community.digitalocean.digitalocean"


def run_inventory(repo, workdir, collections, plugin, url):
    if plugin == OURS:
        path = workdir / "bench.droplets.yml"
        config = {"plugin": OURS, "token": TOKEN, "api_url": url}
    else:
        path = workdir / "bench.digitalocean.yml"
        config = {"plugin": THEIRS, "oauth_token": TOKEN, "baseurl": url + "/v2"}
    path.write_text(yaml.safe_dump(config))
    output = workdir / ("%s.json" % plugin)
    env = ansible_env(repo, collections, {
        "ANSIBLE_INVENTORY_ENABLED": plugin,
        "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1",
    })
    command = [str(BIN / "ansible-inventory"), "-i", str(path), "--list", "--output", str(output)]
    started = time.monotonic()
    completed = subprocess.run(command, cwd=str(repo), env=env, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if completed.returncode != 0:
        raise SystemExit("%s failed:\n%s" % (plugin, completed.stderr[-3000:]))
    hosts = len(json.loads(output.read_text()).get("_meta", {}).get("hostvars", {}))
    return elapsed, hosts


def run(context):
    repo, build = context["repo"], context["build"]
    collections = community_collection(build)
    version = collection_version(collections)
    workdir = build / "inventory"
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    with simulator() as (sim, control):
        for count in COUNTS:
            control("POST", "reset")
            control("POST", "seed", {"kind": "droplets", "count": count, "tags": ["web"]})
            control("PUT", "faults", {"latency_ms": LATENCY_MS, "rate": 0})
            for plugin in (OURS, THEIRS):
                control.clear_requests()
                elapsed, hosts = run_inventory(repo, workdir, collections, plugin, sim.url)
                requests_sent = len(control.requests())
                rows.append((count, plugin, elapsed, requests_sent, hosts))
                print("%6d droplets  %-38s %7.2f s  %3d requests  %d hosts"
                      % (count, plugin, elapsed, requests_sent, hosts), flush=True)

    lines = [
        "Simulator latency %d ms per request; every run starts a new `ansible-inventory` process"
        " (wall time includes Ansible's start-up and writing the JSON)." % LATENCY_MS,
        "`%s` is version %s from the `ansible` %s package on PyPI; ours uses its defaults"
        " (4 concurrent pages, default host variables and groups)." % (THEIRS, version, ANSIBLE_RELEASE),
        "",
        table(("droplets", "plugin", "wall time (s)", "API requests", "hosts"),
              [(count, "`%s`" % plugin, "%.2f" % elapsed, requests_sent, hosts)
               for count, plugin, elapsed, requests_sent, hosts in rows], align="rlrrr"),
    ]
    speedups = []
    for count in COUNTS:
        ours = next(r[2] for r in rows if r[0] == count and r[1] == OURS)
        theirs = next(r[2] for r in rows if r[0] == count and r[1] == THEIRS)
        speedups.append("%d droplets: %.1fx" % (count, theirs / ours if ours else 0))
    lines += ["", "Speed-up of `%s`: %s." % (OURS, "; ".join(speedups))]
    return "\n".join(lines)
