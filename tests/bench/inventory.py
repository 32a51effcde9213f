"""ansible-inventory --list: fathom.digitalocean.droplets against community.digitalocean.digitalocean.

Both plugins run, one after the other, in this process's benchmark against the same in-process
simulator, which adds LATENCY_MS to every request as a real network does. community.digitalocean
comes from the pinned `ansible` release on PyPI: its wheel is downloaded once into build/bench/
and only that collection is extracted.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import requests
import yaml

from tests.simulator.server import Simulator

TITLE = "Dynamic inventory: ansible-inventory --list"
ANSIBLE_RELEASE = "12.3.0"  # ships community.digitalocean 1.27.0
COUNTS = (1000, 10000)
LATENCY_MS = 150
TOKEN = "bench-token"
OURS = "fathom.digitalocean.droplets"
THEIRS = "community.digitalocean.digitalocean"


def community_collection(build):
    """build/bench/collections with ansible_collections/community/digitalocean from the pinned wheel."""
    root = build / "collections"
    target = root / "ansible_collections" / "community" / "digitalocean"
    if (target / "MANIFEST.json").exists():
        return root
    download = build / "download"
    wheel = download / ("ansible-%s-py3-none-any.whl" % ANSIBLE_RELEASE)
    if not wheel.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                        "ansible==%s" % ANSIBLE_RELEASE, "-d", str(download)], check=True)
    prefix = "ansible_collections/community/digitalocean/"
    with zipfile.ZipFile(wheel) as archive:
        members = [name for name in archive.namelist() if name.startswith(prefix)]
        if not members:
            raise SystemExit("ansible %s does not ship community.digitalocean" % ANSIBLE_RELEASE)
        archive.extractall(root, members)
    return root


def collection_version(root):
    import json
    manifest = root / "ansible_collections" / "community" / "digitalocean" / "MANIFEST.json"
    return json.loads(manifest.read_text())["collection_info"]["version"]


class Control:
    def __init__(self, url):
        self.url = url
        self.http = requests.Session()

    def __call__(self, method, path, payload=None):
        response = self.http.request(method, self.url + "/_sim/" + path, json=payload, timeout=300)
        response.raise_for_status()
        return response.json()


def run_inventory(repo, workdir, collections, plugin, url, env_base):
    if plugin == OURS:
        path = workdir / "bench.droplets.yml"
        config = {"plugin": OURS, "token": TOKEN, "api_url": url}
    else:
        path = workdir / "bench.digitalocean.yml"
        config = {"plugin": THEIRS, "oauth_token": TOKEN, "baseurl": url + "/v2"}
    path.write_text(yaml.safe_dump(config))
    output = workdir / ("%s.json" % plugin)
    env = dict(env_base)
    env.update({
        "ANSIBLE_CONFIG": str(repo / "ansible.cfg"),
        "ANSIBLE_COLLECTIONS_PATH": os.pathsep.join([str(repo / ".collections"), str(collections)]),
        "ANSIBLE_INVENTORY_ENABLED": plugin,
        "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1",
    })
    command = [str(Path(sys.executable).parent / "ansible-inventory"), "-i", str(path), "--list",
               "--output", str(output)]
    started = time.monotonic()
    completed = subprocess.run(command, cwd=str(repo), env=env, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if completed.returncode != 0:
        raise SystemExit("%s failed:\n%s" % (plugin, completed.stderr[-3000:]))
    import json
    hosts = len(json.loads(output.read_text()).get("_meta", {}).get("hostvars", {}))
    return elapsed, hosts


def run(context):
    repo, build = context["repo"], context["build"]
    collections = community_collection(build)
    version = collection_version(collections)
    workdir = build / "inventory"
    workdir.mkdir(parents=True, exist_ok=True)
    env_base = {k: v for k, v in os.environ.items()
                if not k.startswith(("DIGITALOCEAN_", "DO_", "OAUTH_TOKEN", "ANSIBLE_"))}
    sim = Simulator(host="127.0.0.1", port=0, token=TOKEN, rate_limit_per_minute=0, rate_limit_per_hour=0)
    sim.start()
    control = Control(sim.url)
    rows = []
    try:
        for count in COUNTS:
            control("POST", "reset")
            control("POST", "seed", {"kind": "droplets", "count": count, "tags": ["web"]})
            control("PUT", "faults", {"latency_ms": LATENCY_MS})
            for plugin in (OURS, THEIRS):
                control("DELETE", "requests")
                elapsed, hosts = run_inventory(repo, workdir, collections, plugin, sim.url, env_base)
                requests_sent = len(control("GET", "requests")["requests"])
                rows.append((count, plugin, elapsed, requests_sent, hosts))
                print("%6d droplets  %-38s %7.2f s  %3d requests  %d hosts"
                      % (count, plugin, elapsed, requests_sent, hosts), flush=True)
    finally:
        sim.stop()

    lines = [
        "Simulator latency %d ms per request; every run starts a new `ansible-inventory` process"
        " (wall time includes Ansible's start-up and writing the JSON)." % LATENCY_MS,
        "`%s` is version %s from the `ansible` %s package on PyPI; ours uses its defaults"
        " (4 concurrent pages, default host variables and groups)." % (THEIRS, version, ANSIBLE_RELEASE),
        "",
        "| droplets | plugin | wall time (s) | API requests | hosts |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for count, plugin, elapsed, requests_sent, hosts in rows:
        lines.append("| %d | `%s` | %.2f | %d | %d |" % (count, plugin, elapsed, requests_sent, hosts))
    speedups = []
    for count in COUNTS:
        ours = next(r[2] for r in rows if r[0] == count and r[1] == OURS)
        theirs = next(r[2] for r in rows if r[0] == count and r[1] == THEIRS)
        speedups.append("%d droplets: %.1fx" % (count, theirs / ours if ours else 0))
    lines += ["", "Speed-up of `%s`: %s." % (OURS, "; ".join(speedups))]
    return "\n".join(lines)
