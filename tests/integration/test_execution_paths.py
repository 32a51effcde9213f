"""The controller path and the module path give the same results and send the same requests.

Every case runs the same tasks twice against a freshly reset simulator: once with
FATHOM_DO_EXECUTION=module (AnsiballZ, a new interpreter per task) and once on the controller path
(the action plugin runs the module's main() in the worker). The task results, as a callback sees
them, and the API request logs must be equal once generated values (ids, times, addresses) are
replaced by placeholders.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import running_simulator
from tests.integration.conftest import REPO, ansible_env

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
GENERATED_TEXT = re.compile(r"\b\d{6,}\b|EV\[[^\]]*\]|-[a-z]{5}\.ondigitalocean\.app")
TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?")
GENERATED_KEYS = ("id", "ip", "ip_address", "created_at", "updated_at", "password", "uri", "private_uri",
                  "fingerprint", "sha1_fingerprint", "not_after", "endpoint", "live_url", "default_ingress", "urn", "droplet_ids",
                  "resource_id", "host", "source_commit_hash", "private_host", "gateway", "netmask", "live_domain")


@pytest.fixture(scope="module")
def sim_server():
    """Realism off: the realism knobs' timing would make the two runs poll a different number of times."""
    yield from running_simulator(realism=False)


def task(title, module, **options):
    return {"name": title, "fathom.digitalocean.%s" % module: options}


def normalize(value, key=None):
    if isinstance(value, dict):
        return {k: normalize(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(item, key) for item in value]
    if key in GENERATED_KEYS and value not in (None, "", [], 0):
        return "<generated>"
    if isinstance(value, int) and not isinstance(value, bool) and value >= 100000:
        return "<n>"
    if isinstance(value, str):
        return GENERATED_TEXT.sub("<n>", TIME.sub("<time>", UUID.sub("<uuid>", value)))
    return value


def differences(left, right, where="$"):
    """Where two results differ, as readable paths (for the assertion message)."""
    if isinstance(left, dict) and isinstance(right, dict):
        return [found for key in sorted(set(left) | set(right), key=str)
                for found in differences(left.get(key, "<missing>"), right.get(key, "<missing>"),
                                         "%s.%s" % (where, key))]
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        return [found for index, pair in enumerate(zip(left, right))
                for found in differences(pair[0], pair[1], "%s[%d]" % (where, index))]
    return [] if left == right else ["%s: %r != %r" % (where, left, right)]


def normalized_requests(simulator):
    return [(entry["method"], GENERATED_TEXT.sub("<n>", UUID.sub("<uuid>", entry["path"])), entry["status"])
            for entry in simulator.requests()]


def run_on_path(simulator, tmp_path, path, tasks, check=False, diff=False, module_defaults=None, seed=None):
    simulator.reset()
    context = seed(simulator) if seed else {}
    simulator.clear_requests()
    play = {"name": "paths", "hosts": "localhost", "gather_facts": False, "vars": context, "tasks": tasks}
    if module_defaults:
        play["module_defaults"] = module_defaults
    playbook = tmp_path / ("%s.yml" % path)
    playbook.write_text(yaml.safe_dump([play], sort_keys=False))
    capture = tmp_path / ("%s.json" % path)
    environment = ansible_env(simulator, {"RESULT_CAPTURE_FILE": str(capture), "FATHOM_DO_EXECUTION": path})
    command = [str(Path(sys.executable).parent / "ansible-playbook"), str(playbook), "-vvv"]
    command += ["--check"] if check else []
    command += ["--diff"] if diff else []
    completed = subprocess.run(command, cwd=str(REPO), env=environment, capture_output=True, text=True,
                               timeout=600, check=False)
    records = json.loads(capture.read_text()) if capture.exists() else []
    return completed, [normalize(record) for record in records], normalized_requests(simulator)


def assert_same_on_both_paths(simulator, tmp_path, tasks, **options):
    module_run, module_records, module_requests = run_on_path(simulator, tmp_path, "module", tasks, **options)
    controller_run, controller_records, controller_requests = run_on_path(
        simulator, tmp_path, "controller", tasks, **options)
    assert len(module_records) == len(tasks), module_run.stdout + module_run.stderr
    assert "module path, FATHOM_DO_EXECUTION asks for it" in module_run.stdout
    assert ": controller path" in controller_run.stdout and ": module path" not in controller_run.stdout
    assert controller_records == module_records, differences(controller_records, module_records)
    assert controller_requests == module_requests
    assert controller_run.returncode == module_run.returncode
    return controller_run, controller_records, controller_requests


def seed_droplets(simulator):
    first, second = simulator.seed(count=2)
    return {"first_droplet": first, "second_droplet": second}


LB_RULE = {"entry_protocol": "http", "entry_port": 80, "target_protocol": "http", "target_port": 80}
FIREWALL_RULES = [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["192.0.2.0/24"]}}]

CASES = {
    "compute": [
        task("ssh key", "ssh_key", name="deploy", public_key="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBV5rnJxsTEi5k0XU"
                                                             "1f3Uqb3a3x5rDT4cg1wVOYT6wGk deploy@example"),
        task("ssh keys", "ssh_key_info"),
        task("tag", "tag", name="paths-web"),
        task("tags", "tag_info"),
        task("droplet", "droplet", name="paths-1", region="nyc3", size="s-1vcpu-1gb", image="ubuntu-24-04-x64",
             tags=["paths-web"]),
        task("droplet again", "droplet", name="paths-1", region="nyc3", size="s-1vcpu-1gb", image="ubuntu-24-04-x64",
             tags=["paths-web"]),
        task("droplets", "droplet_info", tag_name="paths-web"),
        task("group", "droplet_group", group_tag="paths-group", count=2, name_template="paths-group-{index}",
             region="nyc3", size="s-1vcpu-1gb", image="ubuntu-24-04-x64"),
        task("volume", "volume", name="paths-data", region="nyc3", size_gigabytes=10),
        task("volumes", "volume_info", region="nyc3"),
        task("snapshot", "snapshot", name="paths-snap", resource_type="droplet", resource_id="{{ first_droplet }}"),
        task("snapshots", "snapshot_info"),
        task("reserved ip", "reserved_ip", region="nyc3"),
        task("reserved ips", "reserved_ip_info"),
        task("droplet gone", "droplet", name="paths-1", region="nyc3", state="absent"),
        task("droplet gone again", "droplet", name="paths-1", region="nyc3", state="absent"),
    ],
    "network": [
        task("vpc", "vpc", name="paths-net", region="nyc3", ip_range="10.60.0.0/20"),
        task("vpcs", "vpc_info"),
        task("firewall", "firewall", name="paths-edge", inbound_rules=FIREWALL_RULES,
             droplet_ids=["{{ first_droplet }}"]),
        task("firewalls", "firewall_info"),
        task("certificate", "certificate", name="paths-cert", dns_names=["paths.example.com"]),
        task("certificates", "certificate_info"),
        task("load balancer", "load_balancer", name="paths-lb", region="nyc3", size_unit=1,
             droplet_ids=["{{ first_droplet }}", "{{ second_droplet }}"], forwarding_rules=[LB_RULE]),
        task("load balancers", "load_balancer_info"),
        task("domain", "domain", name="paths.example.com"),
        task("domains", "domain_info"),
        task("record", "domain_record", domain="paths.example.com", type="A", name="www", data="192.0.2.10", ttl=300),
        task("records", "domain_records", domain="paths.example.com",
             records=[{"type": "TXT", "name": "@", "data": "paths"}]),
        task("record list", "domain_record_info", domain="paths.example.com"),
        task("cdn", "cdn_endpoint", origin="paths.nyc3.digitaloceanspaces.com", ttl=600),
        task("cdns", "cdn_endpoint_info"),
        task("load balancer gone", "load_balancer", name="paths-lb", region="nyc3", state="absent"),
    ],
    "platform": [
        task("project", "project", name="paths-project", purpose="Web Application", environment="Development"),
        task("projects", "project_info"),
        task("project members", "project_resources", project="paths-project",
             resources=["do:droplet:{{ first_droplet }}"]),
        task("cluster", "database_cluster", name="paths-db", engine="pg", version="16", size="db-s-1vcpu-2gb",
             num_nodes=1, region="nyc3"),
        task("clusters", "database_cluster_info"),
        task("db", "database_db", cluster_name="paths-db", name="app"),
        task("dbs", "database_db_info", cluster_name="paths-db"),
        task("user", "database_user", cluster_name="paths-db", name="app"),
        task("users", "database_user_info", cluster_name="paths-db"),
        task("pool", "database_connection_pool", cluster_name="paths-db", name="app-pool", mode="transaction",
             size=5, db="app", user="app"),
        task("pools", "database_connection_pool_info", cluster_name="paths-db"),
        task("trusted sources", "database_firewall", cluster_name="paths-db",
             rules=[{"type": "ip_addr", "value": "192.0.2.0/24"}]),
        task("trusted source list", "database_firewall_info", cluster_name="paths-db"),
        task("app", "app", spec={"name": "paths-app", "region": "nyc", "services": [
            {"name": "api", "image": {"registry_type": "DOCKER_HUB", "registry": "library", "repository": "nginx",
                                      "tag": "latest"},
             "envs": [{"key": "API_TOKEN", "value": "paths-app-secret-value", "type": "SECRET"}]}]}),
        task("apps", "app_info"),
    ],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_resources_give_the_same_results_and_requests_on_both_paths(simulator, tmp_path, case):
    run, records, requests = assert_same_on_both_paths(simulator, tmp_path, CASES[case], seed=seed_droplets)
    assert run.returncode == 0, run.stdout
    assert any(method != "GET" for method, _path, _status in requests)
    assert "paths-app-secret-value" not in run.stdout


def test_check_mode_and_diff_are_the_same_on_both_paths(simulator, tmp_path):
    tasks = [
        task("vpc", "vpc", name="paths-net", region="nyc3", ip_range="10.61.0.0/20", description="before"),
        task("drift", "vpc", name="paths-net", region="nyc3", description="after"),
    ]

    def seed(sim):
        status, _body = sim.api("POST", "/v2/vpcs", json={"name": "paths-net", "region": "nyc3",
                                                          "ip_range": "10.61.0.0/20", "description": "before"})
        assert status == 201
        return {}

    run, records, requests = assert_same_on_both_paths(simulator, tmp_path, tasks, check=True, diff=True, seed=seed)
    assert [record["status"] for record in records] == ["ok", "changed"]
    assert [method for method, _path, _status in requests] == ["GET", "GET"]
    assert "-    \"description\": \"before\"" in run.stdout or "before" in run.stdout


def test_module_defaults_no_log_bad_input_and_api_failures_are_the_same_on_both_paths(simulator, tmp_path):
    tasks = [
        task("defaults", "tag", name="paths-defaults"),
        {"name": "hidden", "fathom.digitalocean.tag": {"name": "paths-hidden"}, "no_log": True},
        {"name": "bad choice", "fathom.digitalocean.droplet": {"name": "x", "state": "exploded"},
         "ignore_errors": True},
        {"name": "unknown option", "fathom.digitalocean.tag": {"name": "x", "colour": "red"}, "ignore_errors": True},
        {"name": "api refuses", "fathom.digitalocean.vpc": {"name": "paths-refused", "region": "nyc3"},
         "ignore_errors": True},
    ]

    def seed(sim):
        sim.faults(rate=1.0, statuses=[403], path_regex="^/v2/vpcs$", methods=["POST"])
        return {}

    defaults = {"group/fathom.digitalocean.all": {"timeout": 17}}
    run, records, _requests = assert_same_on_both_paths(simulator, tmp_path, tasks, module_defaults=defaults,
                                                        seed=seed)
    by_name = {record["task"]: record for record in records}
    assert by_name["defaults"]["result"]["invocation"]["module_args"]["timeout"] == 17
    assert "censored" in by_name["hidden"]["result"]
    assert "value of state must be one of" in by_name["bad choice"]["result"]["msg"]
    assert "Unsupported parameters for (fathom.digitalocean.tag) module: colour" in by_name["unknown option"]["result"]["msg"]
    assert "403" in by_name["api refuses"]["result"]["msg"]
    simulator.clear_faults()


def inventory_with_unreachable_host(tmp_path):
    inventory = tmp_path / "hosts.yml"
    inventory.write_text(yaml.safe_dump({"all": {"hosts": {"far-away": {
        "ansible_connection": "ssh", "ansible_host": "127.0.0.1", "ansible_port": 9,
        "ansible_ssh_common_args": "-o ConnectTimeout=3 -o StrictHostKeyChecking=no -o BatchMode=yes",
        "ansible_python_interpreter": sys.executable}}}}))
    return inventory


def test_a_task_on_a_remote_host_takes_the_module_path(simulator, tmp_path):
    play = [{"name": "remote", "hosts": "far-away", "gather_facts": False,
             "tasks": [task("tag", "tag", name="paths-remote")]}]
    playbook = tmp_path / "remote.yml"
    playbook.write_text(yaml.safe_dump(play, sort_keys=False))
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(inventory_with_unreachable_host(tmp_path)),
         str(playbook), "-vvv"],
        cwd=str(REPO), env=ansible_env(simulator), capture_output=True, text=True, timeout=300, check=False)
    assert "fathom.digitalocean.tag: module path, the task runs through connection" in completed.stdout
    assert "UNREACHABLE!" in completed.stdout
    assert completed.returncode == 4
    assert simulator.requests() == []


def test_a_long_wait_prints_progress_lines_on_the_controller_path(simulator, playbook):
    # Probes run at 0, 1, 2.5, 4.75, 8.1, 13.2, 20.8 and 30.8 s: a droplet that boots in 22 s is still
    # booting at 20.8 s, past the 15 s after which a wait reports itself.
    simulator.config(boot_seconds=22)
    run = playbook([task("slow droplet", "droplet", name="paths-slow", region="nyc3", size="s-1vcpu-1gb",
                         image="ubuntu-24-04-x64")], verbosity=1)
    assert run.returncode == 0, run.stdout
    lines = [line for line in run.stdout.splitlines() if line.startswith("slow droplet: waiting for ")]
    assert len(lines) == 1, run.stdout
    assert "droplet paths-slow" in lines[0] and lines[0].endswith(" of 10m")
