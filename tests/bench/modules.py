"""Modules: fathom.digitalocean against community.digitalocean and ansible.builtin.ping, per task.

Every figure comes from a new `ansible-playbook` process against the in-process simulator, which
adds LATENCY_MS to every API request. community.digitalocean's modules are pointed at the
simulator with their `baseurl` option (their default is https://api.digitalocean.com/v2) and get
the token from DO_API_TOKEN; ours read DIGITALOCEAN_API_URL and DIGITALOCEAN_ACCESS_TOKEN.

Per-task cost: the same task runs once in one playbook and 1 + REPEAT times in another;
(t[1 + REPEAT] - t[1]) / REPEAT is the cost of one task without ansible-playbook's start-up, and
t[1] minus that is the start-up. Each playbook runs ROUNDS times and the fastest run is kept. API
requests are counted the same way from GET /_sim/requests. Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time

import yaml

from tests.bench.common import (ANSIBLE_RELEASE, BIN, LATENCY_MS, TOKEN, ansible_env, collection_version,
                                community_collection, simulator, table)

TITLE = "Modules: fathom.digitalocean against community.digitalocean"
REPEAT = 5          # extra copies of the task in the long playbook
ROUNDS = 2          # runs of each playbook of a no-op task; the fastest is kept
GROUP = 10          # droplets created and waited for
BOOT_SECONDS = 1.0  # simulator: a droplet is "new" this long
ACTION_SECONDS = 0.5  # simulator: an action is "in-progress" this long
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
OURS, THEIRS, FLOOR = "fathom.digitalocean", "community.digitalocean", "ansible.builtin"

REGION, SIZE, IMAGE = "nyc3", "s-1vcpu-1gb", "ubuntu-24-04-x64"
DROPLET_NAME, VOLUME_NAME = "bench-1", "bench-vol-1"  # what the seeders name the first record


def theirs(args):
    """community.digitalocean options pointing the module at the simulator."""
    return dict(args, baseurl="{{ sim_url }}/v2")


NOOP_TASKS = [
    # (resource, collection, task)
    ("ping", FLOOR, {"ansible.builtin.ping": {}}),
    ("droplet", OURS, {"fathom.digitalocean.droplet": {
        "name": DROPLET_NAME, "region": REGION, "size": SIZE, "image": IMAGE}}),
    ("droplet", THEIRS, {"community.digitalocean.digital_ocean_droplet": theirs({
        "name": DROPLET_NAME, "unique_name": True, "region": REGION, "size": SIZE, "image": IMAGE})}),
    ("volume", OURS, {"fathom.digitalocean.volume": {
        "name": VOLUME_NAME, "region": REGION, "size_gigabytes": 10}}),
    ("volume", THEIRS, {"community.digitalocean.digital_ocean_block_storage": theirs({
        "state": "present", "command": "create", "volume_name": VOLUME_NAME, "region": REGION,
        "block_size": 10})}),
]

_NAMES = ["bench-group-%d" % i for i in range(1, GROUP + 1)]
GROUP_TASKS = [
    # (label, collection, task)
    ("`droplet_group` count %d" % GROUP, OURS, {"fathom.digitalocean.droplet_group": {
        "group_tag": "bench-group", "count": GROUP, "name_template": "bench-group-{index}",
        "region": REGION, "size": SIZE, "image": IMAGE, "wait": True}}),
    ("`droplet` loop of %d, wait" % GROUP, OURS, {"fathom.digitalocean.droplet": {
        "name": "{{ item }}", "region": REGION, "size": SIZE, "image": IMAGE, "tags": ["bench-group"],
        "wait": True}, "loop": _NAMES}),
    ("`digital_ocean_droplet` loop of %d, wait, sleep_interval 1" % GROUP, THEIRS,
     {"community.digitalocean.digital_ocean_droplet": theirs({
         "name": "{{ item }}", "unique_name": True, "region": REGION, "size": SIZE, "image": IMAGE,
         "tags": ["bench-group"], "wait": True, "sleep_interval": 1}), "loop": _NAMES}),
]
# Their default sleep_interval (10 s) mostly measures sleeping (over 3 minutes for 10 droplets);
# BENCH_SLOW=1 adds that row.
if os.environ.get("BENCH_SLOW") == "1":
    GROUP_TASKS.append(
        ("`digital_ocean_droplet` loop of %d, wait (sleep_interval 10, its default)" % GROUP, THEIRS,
         {"community.digitalocean.digital_ocean_droplet": theirs({
             "name": "{{ item }}", "unique_name": True, "region": REGION, "size": SIZE, "image": IMAGE,
             "tags": ["bench-group"], "wait": True}), "loop": _NAMES}))


# community.digitalocean sends every unset option as null in these request bodies.
NULL_TOLERANT = {("POST", "/v2/volumes"), ("POST", "/v2/droplets")}


def relax_null_fields(sim):
    """Let NULL_TOLERANT request bodies with null fields through the simulator's spec check.

    digital_ocean_block_storage always sends "description" and "snapshot_id", digital_ocean_droplet
    its whole option set ("ssh_keys", "user_data", "vpc_uuid", ...), null when unset. The OpenAPI
    spec types them as non-nullable, so the simulator answers 422 where the real API accepts them.
    Null fields are dropped from what the validator sees, for these operations only; the handler
    gets the body as sent.
    """
    validate = sim.validator.validate_request

    def validate_request(method, template, path, params, pairs, headers, raw):
        if (method, template) in NULL_TOLERANT and raw:
            body = json.loads(raw.decode("utf-8"))
            if isinstance(body, dict):
                raw = json.dumps({k: v for k, v in body.items() if v is not None}).encode("utf-8")
                headers = {k: v for k, v in headers.items() if k.lower() != "content-length"}
        return validate(method, template, path, params, pairs, headers, raw)

    sim.validator.validate_request = validate_request


RECAP = re.compile(r"^localhost\s*:.*?changed=(\d+).*?failed=(\d+)", re.M)


class Runner:
    def __init__(self, repo, workdir, collections, sim, control):
        self.repo, self.workdir, self.sim, self.control = repo, workdir, sim, control
        self.env = ansible_env(repo, collections, {
            "ANSIBLE_NOCOLOR": "1",
            "DIGITALOCEAN_API_URL": sim.url,
            "DIGITALOCEAN_ACCESS_TOKEN": TOKEN,
            "DO_API_TOKEN": TOKEN,
        })
        self.count = 0

    def write(self, tasks):
        self.count += 1
        path = self.workdir / ("play%d.yml" % self.count)
        play = {"name": "bench", "hosts": "localhost", "gather_facts": False,
                "vars": {"sim_url": self.sim.url}, "tasks": tasks}
        path.write_text(yaml.safe_dump([play], sort_keys=False))
        return path

    def droplet_statuses(self):
        """Statuses as the API answers them now (the simulator computes them on read); not logged."""
        self.control.clear_requests()
        response = self.control.http.get(self.sim.url + "/v2/droplets", params={"per_page": 200},
                                         headers={"Authorization": "Bearer " + TOKEN}, timeout=60)
        response.raise_for_status()
        return [droplet["status"] for droplet in response.json()["droplets"]]

    def playbook(self, path, must_succeed=True):
        """Run one playbook; returns (seconds, requests, changed, failed, returncode)."""
        self.control.clear_requests()
        started = time.monotonic()
        completed = subprocess.run([str(BIN / "ansible-playbook"), str(path)], cwd=str(self.repo), env=self.env,
                                   capture_output=True, text=True, check=False)
        elapsed = time.monotonic() - started
        log = self.control.requests()
        recap = RECAP.search(completed.stdout)
        changed, failed = (int(recap.group(1)), int(recap.group(2))) if recap else (None, None)
        if completed.returncode != 0 and must_succeed:
            raise SystemExit("%s failed:\n%s\n%s" % (path, completed.stdout[-4000:], completed.stderr[-2000:]))
        if completed.returncode != 0:
            print(completed.stdout[-3000:], completed.stderr[-1500:], flush=True)
        return elapsed, log, changed, failed, completed.returncode


def measure_noop(runner, resource, collection, task):
    """Per-task time and requests of a no-op task, and ansible-playbook's start-up, from the fastest of
    ROUNDS runs of the one-task and the (1 + REPEAT)-task playbook."""
    short = runner.write([dict(task, name="%s %s" % (collection, resource))])
    long_ = runner.write([dict(task, name="%s %s %d" % (collection, resource, i)) for i in range(1 + REPEAT)])
    runs = {short: [], long_: []}
    mutating, one_task = [], None
    for _round in range(ROUNDS):
        for path in (short, long_):
            elapsed, log, changed, _failed, _returncode = runner.playbook(path)
            if changed:
                raise SystemExit("%s %s is not a no-op (changed=%d)" % (collection, resource, changed))
            runs[path].append((elapsed, len(log)))
            if path is short and one_task is None:
                one_task = ["%s %s" % (entry["method"], entry["path"]) for entry in log]
            mutating += ["%s %s" % (entry["method"], entry["path"]) for entry in log if entry["method"] in MUTATING]
    t1, tn = min(t for t, _requests in runs[short]), min(t for t, _requests in runs[long_])
    r1, rn = runs[short][0][1], runs[long_][0][1]
    per_task = (tn - t1) / REPEAT
    figures = {"time": per_task, "startup": t1 - per_task, "requests": (rn - r1) / REPEAT,
               "mutating": sorted(set(mutating)), "one_task": one_task}
    print("no-op %-8s %-22s %6.3f s/task  %4.1f requests/task  start-up %.2f s  runs %s"
          % (resource, collection, per_task, figures["requests"], figures["startup"],
             " / ".join(" ".join("%.2f" % t for t, _requests in runs[path]) for path in (short, long_))), flush=True)
    return figures


def measure_group(runner, label, collection, task):
    runner.control.reset()
    path = runner.write([dict(task, name=label.replace("`", ""))])
    elapsed, log, _changed, _failed, _returncode = runner.playbook(path)
    active = sum(1 for status in runner.droplet_statuses() if status == "active")
    figures = {"time": elapsed, "requests": len(log),
               "mutating": sum(1 for entry in log if entry["method"] in MUTATING), "active": active}
    print("create  %-60s %7.2f s  %3d requests (%d mutating)  %d active"
          % (label, elapsed, figures["requests"], figures["mutating"], active), flush=True)
    return figures


# --- playbooks/site.yml hook -----------------------------------------------------------------------
# The whole-stack playbook: cold (empty account) and then a no-op re-run. Measured only when
# playbooks/site.yml exists; a failing run is reported as such, not raised.
SITE = "playbooks/site.yml"


def measure_site(runner):
    path = runner.repo / SITE
    if not path.exists():
        print("site    %s does not exist; skipped" % SITE, flush=True)
        return None
    runner.control.reset()
    rows = []
    for phase in ("cold", "no-op re-run"):
        elapsed, log, changed, failed, returncode = runner.playbook(path, must_succeed=False)
        row = {"phase": phase, "time": elapsed, "requests": len(log), "changed": changed,
               "mutating": sum(1 for entry in log if entry["method"] in MUTATING), "rc": returncode}
        rows.append(row)
        print("site    %-14s %7.2f s  %4d requests (%d mutating)  changed=%s rc=%d"
              % (phase, elapsed, row["requests"], row["mutating"], changed, returncode), flush=True)
        if returncode != 0:
            break
    return rows
# --- end of the site.yml hook ----------------------------------------------------------------------


def ratio(value, other):
    return "%.2fx" % (value / other) if other else "-"


def run(context):
    repo, build = context["repo"], context["build"]
    collections = community_collection(build)
    version = collection_version(collections)
    workdir = build / "modules"
    workdir.mkdir(parents=True, exist_ok=True)
    with simulator(boot_seconds=BOOT_SECONDS, action_seconds=ACTION_SECONDS) as (sim, control):
        relax_null_fields(sim)
        runner = Runner(repo, workdir, collections, sim, control)
        runner.playbook(runner.write([{"ansible.builtin.ping": {}}]))  # warm-up, not timed
        control.reset()
        control("POST", "seed", {"kind": "droplets", "count": 1, "name_prefix": "bench", "region": REGION,
                                 "size": SIZE, "image": IMAGE})
        control("POST", "seed", {"kind": "volumes", "count": 1, "name_prefix": "bench-vol", "region": REGION,
                                 "size_gigabytes": 10})
        noop = {(resource, collection): measure_noop(runner, resource, collection, task)
                for resource, collection, task in NOOP_TASKS}
        group = [(label, collection, measure_group(runner, label, collection, task))
                 for label, collection, task in GROUP_TASKS]
        site = measure_site(runner)

    floor = noop[("ping", FLOOR)]
    rows = [("`ansible.builtin.ping` (floor)", FLOOR, "%.1f" % floor["requests"], "-", "%.3f" % floor["time"], "-",
             "1.00x", "-", "%.2f" % floor["startup"])]
    for resource in ("droplet", "volume"):
        for collection in (OURS, THEIRS):
            figures = noop[(resource, collection)]
            other = noop[(resource, THEIRS if collection == OURS else OURS)]
            rows.append(("`%s` no-op" % resource, collection, "%.1f" % figures["requests"],
                         ratio(figures["requests"], other["requests"]), "%.3f" % figures["time"], ratio(figures["time"], other["time"]),
                         ratio(figures["time"], floor["time"]),
                         "%+.3f" % (figures["time"] - floor["time"]), "%.2f" % figures["startup"]))
    noop_table = table(("task", "collection", "API requests per task", "requests vs other collection",
                        "time per task (s)", "time vs other collection", "time vs ping", "over ping (s)",
                        "playbook start-up (s)"), rows, align="llrrrrrrr")
    one_task = ["- %s `%s`: %s" % (collection, resource, ", ".join("`%s`" % r for r in value["one_task"]))
                for (resource, collection), value in noop.items() if resource != "ping"]
    mutating = ["%s `%s`: %s" % (collection, resource, ", ".join("`%s`" % m for m in value["mutating"]))
                for (resource, collection), value in noop.items() if value["mutating"]]

    reference = next(figures for _label, collection, figures in group if collection == THEIRS)
    group_rows = []
    for label, collection, figures in group:
        group_rows.append((label, collection, figures["requests"], ratio(figures["requests"], reference["requests"]),
                           figures["mutating"], "%.2f" % figures["time"], ratio(figures["time"], reference["time"]),
                           "%d/%d" % (figures["active"], GROUP)))
    group_table = table(("playbook", "collection", "API requests", "requests vs community loop", "of which mutating",
                         "wall time (s)", "time vs community loop", "active at the end"), group_rows,
                        align="llrrrrrl")

    lines = [
        "Simulator latency %d ms per API request; droplets boot in %.1f s and actions take %.1f s"
        " (simulator settings). `%s` is version %s from the `ansible` %s package on PyPI, pointed at the"
        " simulator with its `baseurl` option (no patching needed); the token comes from `DO_API_TOKEN`."
        % (LATENCY_MS, BOOT_SECONDS, ACTION_SECONDS, THEIRS, version, ANSIBLE_RELEASE),
        "",
        "### No-op re-run of one task",
        "",
        "The droplet (`%s`) and the volume (`%s`) exist already and match the task, so every run is a no-op"
        " (checked: `changed=0` in the play recap). Method: the task runs once in one playbook and %d times"
        " in another (both new `ansible-playbook` processes); the difference divided by %d is the cost of"
        " one task, and the one-task run minus that cost is the playbook's start-up. Each playbook runs %d"
        " times and the fastest run is used (the machine is shared; the slower runs only add noise)."
        " `ansible.builtin.ping` is the floor: what Ansible itself costs per task on localhost with no API"
        " request, so \"over ping\" is what a module adds to it. Requests per task come from the"
        " simulator's request log the same way." % (DROPLET_NAME, VOLUME_NAME, 1 + REPEAT, REPEAT, ROUNDS),
        "",
        "`digital_ocean_block_storage` has no read-only path: every run POSTs `/v2/volumes` and takes the"
        " 409 `conflict` answer as \"exists\", then reads the volume.",
        "",
        "community.digitalocean sends unset options as `null` in create bodies (`description` and"
        " `snapshot_id` for volumes; `ssh_keys`, `user_data`, `vpc_uuid`, `volumes` and more for droplets)."
        " The OpenAPI spec types those fields as non-nullable, so the simulator's request validation"
        " answers 422 where the real API accepts them. For `POST /v2/volumes` and `POST /v2/droplets` only,"
        " the benchmark drops null fields from what the validator sees; the handler gets the body as sent."
        " Nothing of community.digitalocean is patched.",
        "",
        noop_table,
        "",
        ("Mutating requests during the no-op runs: none." if not mutating else
         "Mutating requests during the no-op runs: %s." % "; ".join(mutating)),
        "",
        "The requests of one no-op task:",
        "",
    ] + one_task + [
        "",
        "### Creating %d droplets and waiting until all are active" % GROUP,
        "",
        "One playbook per row on an empty account, wall time of the whole `ansible-playbook` run (start-up"
        " included, about %.1f s). `droplet_group` sends one create request for up to 10 droplets and polls"
        " the group with one list request; the loops create and wait for one droplet after another."
        " `digital_ocean_droplet` with `wait: true` also sends a `power_on` action after the boot and waits"
        " for it, sleeping `sleep_interval` seconds between polls: it runs with `sleep_interval: 1`, the"
        " shortest it accepts. Its default, 10 s, adds at least 2 x 9 s of sleep per droplet (one wait for"
        " the boot, one for the action), over 3 minutes for %d droplets; `BENCH_SLOW=1 make bench` adds"
        " that row." % (floor["startup"], GROUP),
        "",
        group_table,
    ]
    lines += ["", "### `playbooks/site.yml` cold, then a no-op re-run", ""]
    if site is None:
        lines.append("`%s` does not exist in this tree; not measured." % SITE)
    else:
        lines += [
            "The whole stack on an empty account, then the same playbook again (wall time of"
            " `ansible-playbook`, start-up included).",
            "",
            table(("run", "API requests", "of which mutating", "wall time (s)", "tasks changed", "exit code"),
                  [(r["phase"], r["requests"], r["mutating"], "%.2f" % r["time"],
                    "-" if r["changed"] is None else r["changed"], r["rc"]) for r in site], align="lrrrrr"),
        ]
    return "\n".join(lines)
