"""Soak: playbooks/site.yml through API faults, many seeds, against a clean run's snapshot.

The long variant of tests/integration/test_faults.py. Every round resets the in-process simulator,
sets one fault mix with its own seed, runs site.yml, clears the faults and compares the resources
(counted by name through the API, see tests/integration/site_support.py) with the snapshot of a
clean run; then runs site.yml again, which must report changed=0. Interrupt rounds send SIGINT
(Ctrl-C) to ansible-playbook once the simulator has answered a seed-chosen number of requests,
then run it again. SOAK_ROUNDS (default 3) sets the rounds per scenario.

The simulator behaves like the real API throughout (its realism knobs on, delays scaled by
SOAK_REALISM_SCALE, default 0.25): eventually consistent lists, busy droplets, deletes blocked for
a while, late database transitions; the faults come on top.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter

from tests.bench.common import ansible_env, simulator, table
from tests.conftest import SimulatorClient
from tests.integration.site_support import ANSIBLE_PLAYBOOK, SITE, duplicates, recap, snapshot

TITLE = "Soak: site.yml under API faults"
ROUNDS = int(os.environ.get("SOAK_ROUNDS", "3"))
ERROR_MIX = [500, 502, 503, 500, 502, 503, 429, 429, 429]
SCENARIOS = [
    # (name, description, faults or None for an interrupted run)
    ("errors", "30 % of requests answered 500/502/503 (20 %) or 429 (10 %)",
     {"rate": 0.3, "statuses": ERROR_MIX}),
    ("drops", "10 % of answers dropped after the request was performed",
     {"drop_rate": 0.1}),
    ("mixed", "10 % 5xx/429, 5 % dropped answers, 50 ms latency",
     {"rate": 0.15, "statuses": ERROR_MIX, "drop_rate": 0.05, "latency_ms": 50}),
    ("interrupt", "SIGINT after a seed-chosen number (3 to 60) of answered requests, then a re-run",
     None),
]
TIMEOUT = 900
REALISM_SCALE = float(os.environ.get("SOAK_REALISM_SCALE", "0.25"))


def environment(repo, sim):
    return ansible_env(repo, repo / ".collections", {
        "DIGITALOCEAN_API_URL": sim.url,
        "DIGITALOCEAN_ACCESS_TOKEN": sim.token,
    })


def run_site(repo, env):
    started = time.monotonic()
    completed = subprocess.run([str(ANSIBLE_PLAYBOOK), str(SITE)], cwd=str(repo), env=env, capture_output=True,
                               text=True, timeout=TIMEOUT, check=False)
    return completed, time.monotonic() - started


def interrupted_run(repo, env, client, after_requests):
    """Start site.yml, Ctrl-C it once the simulator answered after_requests requests."""
    process = subprocess.Popen([str(ANSIBLE_PLAYBOOK), str(SITE)], cwd=str(repo), env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while process.poll() is None and len(client.requests()) < after_requests:
            time.sleep(0.05)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode


def fired(log):
    counts = Counter(entry["status"] for entry in log)
    return {
        "5xx": sum(n for status, n in counts.items() if status >= 500),
        "429": counts[429],
        "dropped": sum(1 for entry in log if entry.get("dropped")),
        "dropped POST": sum(1 for entry in log if entry.get("dropped") and entry["method"] == "POST"),
    }


def one_round(repo, env, client, clean, name, faults, seed):
    client.reset()
    note = ""
    if faults is None:
        after = random.Random(seed).randint(3, 60)
        code = interrupted_run(repo, env, client, after)
        note = "interrupted after %d requests (rc %s)" % (after, code)
    else:
        client.faults(**dict(faults, seed=seed))
    completed, elapsed = run_site(repo, env)
    log = client.requests()
    client.clear_faults()
    client.settle()
    snap = snapshot(client)
    again, _seconds = run_site(repo, env)
    summary = recap(completed.stdout) or {}
    second = recap(again.stdout) or {}
    return {
        "scenario": name, "seed": seed, "elapsed": elapsed, "requests": len(log), "fired": fired(log),
        "ok": completed.returncode == 0 and summary.get("failed") == 0,
        "same": snap == clean, "duplicates": duplicates(snap),
        "rerun_changed": second.get("changed"), "note": note,
        "failure": "" if completed.returncode == 0 else completed.stdout[-1500:],
    }


def run(context):
    repo = context["repo"]
    results = []
    with simulator(action_seconds=0.2, boot_seconds=0.3, realism=True, realism_scale=REALISM_SCALE) as (sim, _control):
        sim.validator.wait_ready()
        client = SimulatorClient(sim, sim.url, sim.token)
        env = environment(repo, sim)
        client.reset()
        completed, clean_time = run_site(repo, env)
        if completed.returncode != 0:
            raise SystemExit("the clean site.yml run failed:\n%s" % completed.stdout[-3000:])
        client.settle()
        clean = snapshot(client)
        print("clean run %.1f s" % clean_time, flush=True)
        for name, _description, faults in SCENARIOS:
            for seed in range(1, ROUNDS + 1):
                result = one_round(repo, env, client, clean, name, faults, seed)
                results.append(result)
                print("%-9s seed %-3d %6.1f s  ok=%s same=%s dup=%s rerun changed=%s %s %s"
                      % (name, seed, result["elapsed"], result["ok"], result["same"], result["duplicates"],
                         result["rerun_changed"], result["fired"], result["note"]), flush=True)
                if result["failure"]:
                    print(result["failure"], flush=True)
        client.http.close()

    rows = []
    for result in results:
        fired_text = ", ".join("%s %d" % (key, value) for key, value in result["fired"].items() if value)
        rows.append((result["scenario"], result["seed"], "%.1f" % result["elapsed"], result["requests"],
                     fired_text or result["note"] or "-", "yes" if result["ok"] else "**no**",
                     "yes" if result["same"] else "**no**", len(result["duplicates"]),
                     result["rerun_changed"]))
    lines = ["Clean cold run: %.1f s. Simulator action_seconds 0.2, boot_seconds 0.3, no rate limit, realism on "
             "with its delays scaled by %s." % (clean_time, REALISM_SCALE),
             "Scenarios: " + "; ".join("**%s**: %s" % (name, text) for name, text, _faults in SCENARIOS) + ".",
             "`same` compares every resource, counted by name through the API, with the clean run's snapshot;"
             " `re-run changed` is the changed count of a second run without faults (0 = idempotent).",
             "",
             table(("scenario", "seed", "wall time (s)", "requests", "faults fired", "no failure", "same",
                    "duplicates", "re-run changed"), rows, align="lrrrlllrr")]
    bad = [r for r in results if not (r["ok"] and r["same"] and not r["duplicates"] and r["rerun_changed"] == 0)]
    lines += ["", "%d of %d rounds converged." % (len(results) - len(bad), len(results))]
    return "\n".join(lines)
