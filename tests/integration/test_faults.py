"""Faults: playbooks/site.yml converges through API faults to the state a clean run builds.

Each faulted run is compared, resource by resource and by name, with the snapshot of one clean
run (computed once per session and shared by the xdist workers); every test also asserts from
the request log that its fault really fired. Longer, randomised variants: tests/bench/soak.py.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import time
from collections import Counter

import pytest

from conftest import PlaybookRun, REPO, ansible_env
from site_support import ANSIBLE_PLAYBOOK, SITE, duplicates, recap, snapshot
from tests.conftest import SimulatorClient

SERVER_ERRORS = (500, 502, 503)
# rate 0.15 over these: 10 % of requests answered 500/502/503, 5 % answered 429 (retry-after: 1).
ERROR_MIX = [500, 502, 503, 500, 502, 503, 429, 429, 429]
# Seeds chosen so that the first faults hit creating POSTs early in the run, where the request
# order does not depend on timing: with ERROR_MIX seed 12 answers POST /v2/vpcs 503; with a 3 %
# drop rate seed 2223 drops the answer to POST /v2/droplets (the droplets are created).
ERROR_SEED = 12
DROP_SEED = 2223


class SiteRun(PlaybookRun):
    def __init__(self, returncode, stdout, stderr, records, elapsed):
        super().__init__(returncode, stdout, stderr, records)
        self.elapsed = elapsed
        self.recap = recap(stdout)

    def explain(self):
        failed = [(r["task"], (r["result"] or {}).get("msg")) for r in self.failed]
        return "rc=%s recap=%s failed=%s\n%s\n%s" % (
            self.returncode, self.recap, failed, self.stdout[-4000:], self.stderr[-2000:])


def _site_env(simulator, capture):
    env = ansible_env(simulator)
    env["RESULT_CAPTURE_FILE"] = str(capture)
    return env


def run_site(simulator, workdir, name="site", playbook=SITE, timeout=600):
    capture = workdir / ("%s.json" % name)
    started = time.monotonic()
    completed = subprocess.run([str(ANSIBLE_PLAYBOOK), str(playbook)], cwd=str(REPO),
                               env=_site_env(simulator, capture), capture_output=True, text=True,
                               timeout=timeout, check=False)
    records = json.loads(capture.read_text()) if capture.exists() else []
    return SiteRun(completed.returncode, completed.stdout, completed.stderr, records,
                   time.monotonic() - started)


@pytest.fixture
def site_playbook(simulator, tmp_path):
    """site_playbook() runs playbooks/site.yml against the simulator -> SiteRun;
    site_playbook.start() starts it in its own process group -> subprocess.Popen."""
    counter = {"n": 0}

    def run(playbook=SITE):
        counter["n"] += 1
        return run_site(simulator, tmp_path, "site%d" % counter["n"], playbook)

    def start(playbook=SITE):
        counter["n"] += 1
        capture = tmp_path / ("site%d.json" % counter["n"])
        return subprocess.Popen([str(ANSIBLE_PLAYBOOK), str(playbook)], cwd=str(REPO),
                                env=_site_env(simulator, capture), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)

    run.start = start
    return run


@pytest.fixture(scope="session")
def clean_snapshot(sim_server, tmp_path_factory):
    """The snapshot of one clean site.yml run, made once and shared by the xdist workers."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path = shared / "faults-clean-snapshot.json"
    with open(shared / "faults-clean-snapshot.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return json.loads(path.read_text())
        client = SimulatorClient(sim_server, sim_server.url, sim_server.token)
        try:
            client.reset()
            run = run_site(client, tmp_path_factory.mktemp("clean"), "clean")
            assert run.returncode == 0 and run.recap["failed"] == 0, run.explain()
            snap = snapshot(client)
            client.reset()
        finally:
            client.http.close()
        path.write_text(json.dumps(snap))
        return snap


def assert_converged(run, simulator, clean_snapshot):
    """The run reported no failure and left exactly what a clean run leaves."""
    assert run.returncode == 0, run.explain()
    assert run.recap is not None and run.recap["failed"] == 0 and run.recap["unreachable"] == 0, run.explain()
    assert run.failed == [], run.explain()
    simulator.clear_faults()
    simulator.config(rate_limit_per_minute=0, rate_limit_per_hour=0)
    snap = snapshot(simulator)
    assert duplicates(snap) == []
    assert snap == clean_snapshot


def statuses(log):
    return Counter(entry["status"] for entry in log)


def test_clean_snapshot_has_the_whole_stack_once(clean_snapshot):
    snap = clean_snapshot
    assert snap["droplets"] == {"web-1": 1, "web-2": 1}
    assert snap["vpcs"]["web-vpc"] == 1
    assert snap["ssh_keys"] == {"web-deploy": 1}
    assert snap["firewalls"] == {"web-fw": 1}
    assert snap["load_balancers"] == {"web-lb": 1}
    assert snap["certificates"] == {"static-example-com": 1, "web-cert": 1}
    assert snap["domains"] == {"example.com": 1}
    assert [key for key in snap["records of example.com"] if key.startswith("A ")] \
        == ["A @ load balancer web-lb", "A www load balancer web-lb"]
    assert snap["database_clusters"] == {"backend-db": 1}
    assert snap["dbs of backend-db"]["app"] == 1
    assert snap["users of backend-db"]["app"] == 1
    assert snap["pools of backend-db"] == {"app-pool": 1}
    assert snap["firewall of backend-db"] == {"tag web": 1}
    assert snap["apps"] == {"web-app": 1}
    assert snap["cdn_endpoints"] == {"static-site.nyc3.digitaloceanspaces.com": 1}
    assert duplicates(snap) == []


# The collections in which site.yml creates exactly one resource (the droplets in one batch).
CREATE_PATHS = ("/v2/vpcs", "/v2/account/keys", "/v2/droplets", "/v2/volumes", "/v2/domains",
                "/v2/load_balancers", "/v2/firewalls", "/v2/databases", "/v2/apps", "/v2/cdn/endpoints")


def test_server_errors_and_429s_are_retried_without_duplicates(simulator, site_playbook, clean_snapshot):
    simulator.faults(rate=0.15, statuses=ERROR_MIX, seed=ERROR_SEED)
    run = site_playbook()
    log = simulator.requests()
    assert_converged(run, simulator, clean_snapshot)

    counts = statuses(log)
    server_errors = sum(counts[status] for status in SERVER_ERRORS)
    assert server_errors >= 2 and counts[429] >= 1, counts
    assert (server_errors + counts[429]) / float(len(log)) < 0.35, counts
    # A create answered 5xx was not performed: it was looked for, then sent again, and made once.
    failed_creates = [e for e in log if e["method"] == "POST" and e["status"] in SERVER_ERRORS
                      and e["path"] in CREATE_PATHS]
    assert failed_creates, [e for e in log if e["method"] == "POST"]
    for failed in failed_creates:
        made = [e["status"] for e in log if e["method"] == "POST" and e["path"] == failed["path"]
                and e["status"] in (201, 202)]
        assert len(made) == 1, (failed["path"], made)


def test_dropped_answers_to_posts_create_nothing_twice(simulator, site_playbook, clean_snapshot):
    simulator.faults(drop_rate=0.03, seed=DROP_SEED)
    run = site_playbook()
    log = simulator.requests()
    assert_converged(run, simulator, clean_snapshot)

    dropped = [e for e in log if e.get("dropped")]
    assert dropped, "no connection was dropped"
    # A create whose answer was dropped was performed; the run found what it made instead of
    # posting again.
    dropped_creates = [e for e in dropped if e["method"] == "POST" and e["path"] in CREATE_PATHS]
    assert dropped_creates, dropped
    for lost in dropped_creates:
        assert lost["status"] in (201, 202), lost
        sent = [e for e in log if e["method"] == "POST" and e["path"] == lost["path"]]
        assert len(sent) == 1, sent


def test_rate_limit_is_waited_out_with_latency_on_every_request(simulator, site_playbook, clean_snapshot):
    # A cold run sends about 55 requests; 30 a minute means waiting for the window to move on.
    simulator.config(rate_limit_per_minute=30)
    simulator.faults(latency_ms=200)
    run = site_playbook()
    log = simulator.requests()
    assert_converged(run, simulator, clean_snapshot)

    counts = statuses(log)
    assert counts[429] >= 1, counts
    assert set(counts) <= {200, 201, 202, 204, 404, 429}, counts
    # Each 429 was followed by the same request succeeding, after the wait the answer asked for.
    for index, entry in enumerate(log):
        if entry["status"] == 429:
            later = [e for e in log[index + 1:] if (e["method"], e["path"]) == (entry["method"], entry["path"])]
            assert later and any(e["status"] != 429 for e in later), entry
    # 200 ms on each of the requests, one after the other, and at least a minute's window.
    assert run.elapsed >= 0.2 * len(log), (run.elapsed, len(log))
    assert run.elapsed >= 55, run.elapsed


def test_interrupted_run_then_rerun_converges(simulator, site_playbook, clean_snapshot):
    process = site_playbook.start()
    try:
        deadline = time.monotonic() + 180
        while len(simulator.state("droplets")) < 2:
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "the droplets were never created"
            time.sleep(0.1)
        # Ctrl-C: SIGINT to ansible-playbook and the module it is running.
        os.killpg(process.pid, signal.SIGINT)
        output, _errors = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode != 0, output
    partial = snapshot(simulator)
    assert partial["droplets"] == {"web-1": 1, "web-2": 1}
    assert partial["apps"] == {} and partial["database_clusters"] == {}

    simulator.clear_requests()
    run = site_playbook()
    assert_converged(run, simulator, clean_snapshot)
    droplet_posts = [e for e in simulator.requests() if e["method"] == "POST" and e["path"] == "/v2/droplets"]
    assert droplet_posts == []


# -- asynchronous work that fails: the task names the resource, the action/deployment and its state --


DROPLET = {"name": "fault-1", "region": "nyc3", "image": "ubuntu-24-04-x64", "state": "active"}


def droplet_task(size, **extra):
    return {"name": "droplet", "fathom.digitalocean.droplet": dict(DROPLET, size=size, **extra)}


def test_errored_action_fails_the_task_and_a_rerun_converges(simulator, playbook):
    assert playbook([droplet_task("s-1vcpu-1gb")]).returncode == 0
    [droplet] = simulator.state("droplets")
    simulator.faults(action_errors={"type": "resize", "resource_type": "droplet"})
    resize = droplet_task("s-2vcpu-2gb", allow_resize_power_cycle=True)
    run = playbook([resize])
    assert run.returncode != 0
    result = run.result("droplet")
    [action] = [a for a in simulator.state("actions") if a["type"] == "resize"]
    message = result["msg"]
    for part in ("fault-1", str(droplet["id"]), str(action["id"]), "resize", "errored"):
        assert part in message, message
    assert result["failure"]["action"]["status"] == "errored"
    status, body = simulator.api("GET", "/v2/droplets/%s" % droplet["id"])
    assert body["droplet"]["size_slug"] == "s-1vcpu-1gb"

    simulator.clear_faults()
    again = playbook([resize])
    assert again.returncode == 0, again.stdout
    assert again.result("droplet")["changed"] is True
    status, body = simulator.api("GET", "/v2/droplets/%s" % droplet["id"])
    assert body["droplet"]["size_slug"] == "s-2vcpu-2gb" and body["droplet"]["status"] == "active"
    assert len(simulator.state("droplets")) == 1


CLUSTER = {"name": "stuck-db", "engine": "pg", "version": "16", "size": "db-s-1vcpu-1gb", "num_nodes": 1,
           "region": "nyc3"}
DB = {"name": "app db", "fathom.digitalocean.database_db": {"cluster_name": "stuck-db", "name": "app"}}


def test_database_that_never_comes_online_times_out_and_a_rerun_converges(simulator, playbook):
    simulator.faults(database_stuck=True)
    cluster_task = {"name": "cluster", "fathom.digitalocean.database_cluster": dict(CLUSTER, wait_timeout=2)}
    run = playbook([cluster_task, DB])
    assert run.returncode != 0
    [cluster] = simulator.state("database_clusters")
    message = run.result("cluster")["msg"]
    for part in ("stuck-db", cluster["id"], "creating", "Timed out after 2s"):
        assert part in message, message
    assert [r["task"] for r in run.records] == ["cluster"]

    simulator.clear_faults()
    again = playbook([cluster_task, DB])
    assert again.returncode == 0, again.stdout
    assert again.result("cluster")["database_cluster"]["status"] == "online"
    assert again.result("app db")["changed"] is True
    assert [c["name"] for c in simulator.state("database_clusters")] == ["stuck-db"]


IMAGE = {"registry_type": "DOCKER_HUB", "registry": "library", "repository": "nginx", "tag": "latest"}


def app_task(run_command):
    service = {"name": "web", "image": IMAGE, "http_port": 80, "run_command": run_command}
    return {"name": "app", "fathom.digitalocean.app": {"spec": {"name": "fault-app", "services": [service]}}}


def test_failed_deployment_fails_the_task_and_a_rerun_converges(simulator, playbook):
    # The simulator fails a deployment whose component exits 1 (see tests/simulator/README.md).
    run = playbook([app_task("exit 1")])
    assert run.returncode != 0
    result = run.result("app")
    [app] = simulator.state("apps")
    [deployment] = list(simulator.state("app_deployments"))
    message = result["msg"]
    for part in ("fault-app", app["id"], deployment["id"], "ERROR"):
        assert part in message, message
    assert result["failure"]["deployment"]["phase"] == "ERROR"

    again = playbook([app_task("nginx -g 'daemon off;'")])
    assert again.returncode == 0, again.stdout
    assert again.result("app")["deployment"]["phase"] == "ACTIVE"
    status, body = simulator.api("GET", "/v2/apps")
    assert [a["spec"]["name"] for a in body["apps"]] == ["fault-app"]
    assert body["apps"][0]["active_deployment"]["phase"] == "ACTIVE"
