"""The controller path against the module path: seconds per no-op task, and playbooks/site.yml.

Simulator with no latency, so the figures are Ansible's and the collection's own costs. Per task:
(the 21-task playbook - the 1-task playbook) / 20, the fastest of ROUNDS runs of each.
"""

from __future__ import annotations

from tests.bench.common import simulator, table
from tests.bench.modules import Runner

TITLE = "Execution paths: the controller path against the module path"
REPEAT = 20
ROUNDS = 3
REGION, SIZE, IMAGE = "nyc3", "s-1vcpu-1gb", "ubuntu-24-04-x64"
DROPLET_TASK = {"fathom.digitalocean.droplet": {"name": "bench-1", "region": REGION, "size": SIZE, "image": IMAGE}}
TASKS = (
    ("`ansible.builtin.debug` (action plugin, no module)", "-", {"ansible.builtin.debug": {"msg": "hello"}}),
    ("`ansible.builtin.ping` (a module doing nothing)", "-", {"ansible.builtin.ping": {}}),
    ("`fathom.digitalocean.droplet` no-op (1 GET)", "module", DROPLET_TASK),
    ("`fathom.digitalocean.droplet` no-op (1 GET)", "controller", DROPLET_TASK),
)
SITE = "playbooks/site.yml"


def per_task(runner, task):
    one = runner.write([dict(task, name="task")])
    many = runner.write([dict(task, name="task %d" % index) for index in range(1 + REPEAT)])
    best = {}
    for path in (one, many):
        best[path] = min(runner.playbook(path)[0] for _round in range(ROUNDS))
    return (best[many] - best[one]) / REPEAT


def site_runs(runner):
    runner.control.reset(latency_ms=0)
    rows = []
    for phase in ("cold", "no-op"):
        elapsed, log, changed, _failed, returncode = runner.playbook(runner.repo / SITE, must_succeed=False)
        rows.append((phase, elapsed, len(log), changed, returncode))
    return rows


def run(context):
    repo, build = context["repo"], context["build"]
    workdir = build / "paths"
    workdir.mkdir(parents=True, exist_ok=True)
    figures, site = {}, {}
    with simulator(boot_seconds=0.3, action_seconds=0.2) as (sim, control):
        runner = Runner(repo, workdir, build, sim, control)
        runner.playbook(runner.write([{"ansible.builtin.ping": {}}]))  # warm-up, not timed
        control.reset(latency_ms=0)
        control("POST", "seed", {"kind": "droplets", "count": 1, "name_prefix": "bench", "region": REGION,
                                 "size": SIZE, "image": IMAGE})
        for label, path, task in TASKS:
            runner.env["FATHOM_DO_EXECUTION"] = path if path != "-" else "auto"
            figures[(label, path)] = per_task(runner, task)
            print("%-55s %-10s %.3f s/task" % (label, path, figures[(label, path)]), flush=True)
        for path in ("module", "controller"):
            runner.env["FATHOM_DO_EXECUTION"] = path
            site[path] = site_runs(runner)
            for phase, elapsed, requests, changed, returncode in site[path]:
                print("site %-10s %-6s %6.2f s  %4d requests  changed=%s rc=%d"
                      % (path, phase, elapsed, requests, changed, returncode), flush=True)

    ping = figures[(TASKS[1][0], "-")]
    rows = [(label, path, "%.3f" % seconds, "%.2fx" % (seconds / ping)) for (label, path), seconds in figures.items()]
    site_rows = []
    for phase_index, phase in enumerate(("cold", "no-op")):
        module_row, controller_row = site["module"][phase_index], site["controller"][phase_index]
        site_rows.append(("`%s` %s" % (SITE, phase), "%.2f" % module_row[1], "%.2f" % controller_row[1],
                          "%.1fx" % (module_row[1] / controller_row[1]),
                          "%d / %d" % (module_row[2], controller_row[2]),
                          "%s / %s" % (module_row[3], controller_row[3])))
    controller = figures[(TASKS[3][0], "controller")]
    no_op_speedup = site["module"][1][1] / site["controller"][1][1]
    return "\n".join([
        "Simulator with no latency (droplets boot in 0.3 s, actions take 0.2 s). Seconds per task: (the %d-task"
        " playbook - the 1-task playbook) / %d, the fastest of %d runs of each. The module path is"
        " `FATHOM_DO_EXECUTION=module`; the controller path is the default for tasks on localhost."
        % (1 + REPEAT, REPEAT, ROUNDS),
        "",
        table(("task", "path", "seconds per task", "vs ping"), rows, align="llrr"),
        "",
        "A no-op droplet task on the controller path costs %.2f of `ansible.builtin.ping`'s per-task time"
        " (goal: at most 0.25)." % (controller / ping),
        "",
        table(("playbook", "module path (s)", "controller path (s)", "speed-up", "API requests (module / controller)",
               "changed (module / controller)"), site_rows, align="lrrrll"),
        "",
        "The no-op re-run of `%s` is %.1fx faster on the controller path (goal: at least 4x)." % (SITE, no_op_speedup),
    ])
