"""kubernetes_cluster, kubernetes_node_pool, container_registry (+ credentials) through
ansible-playbook against the simulator, and the inventory's k8s_<cluster> groups: what only a
playbook shows (results, masking, the kubeconfig file, check mode with --diff)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, ansible_env


def tasks(kubeconfig, count=2, state="present"):
    if state == "absent":
        return [
            {"name": "pool", "fathom.digitalocean.kubernetes_node_pool": {
                "cluster": "prod", "name": "batch", "state": "absent"}},
            {"name": "cluster", "fathom.digitalocean.kubernetes_cluster": {
                "name": "prod", "region": "nyc3", "state": "absent"}},
            {"name": "registry", "fathom.digitalocean.container_registry": {"name": "acme", "state": "absent"}},
        ]
    return [
        {"name": "registry", "fathom.digitalocean.container_registry": {
            "name": "acme", "region": "nyc3", "subscription_tier": "basic"}},
        {"name": "cluster", "fathom.digitalocean.kubernetes_cluster": {
            "name": "prod", "region": "nyc3", "version": "latest", "registry_enabled": True,
            "kubeconfig_path": str(kubeconfig), "wait_timeout": 60,
            "maintenance_policy": {"day": "sunday", "start_time": "03:00"},
            "node_pools": [{"name": "workers", "size": "s-2vcpu-4gb", "count": count, "labels": {"tier": "web"}}]}},
        {"name": "pool", "fathom.digitalocean.kubernetes_node_pool": {
            "cluster": "prod", "name": "batch", "size": "s-2vcpu-4gb", "count": 1, "auto_scale": True,
            "min_nodes": 1, "max_nodes": 3}},
        {"name": "credentials", "fathom.digitalocean.container_registry_docker_credentials": {
            "expiry_seconds": 3600}},
        {"name": "info", "fathom.digitalocean.kubernetes_cluster_info": {"name": "prod", "upgrades": True}},
    ]


def test_cluster_pool_registry_noop_drift_and_delete(simulator, playbook, tmp_path):
    kubeconfig = tmp_path / "kubeconfig"
    created = playbook(tasks(kubeconfig), verbosity=1)
    assert created.returncode == 0, created.stdout
    cluster = created.result("cluster")
    assert cluster["changed"] is True and cluster["kubernetes_cluster"]["status"]["state"] == "running"
    assert created.result("pool")["kubernetes_node_pool"]["auto_scale"] is True
    assert created.result("registry")["container_registry"]["name"] == "acme"
    assert created.result("info")["kubernetes_clusters"][0]["upgrades"] == []
    config = yaml.safe_load(kubeconfig.read_text())
    token = config["users"][0]["user"]["token"]
    assert stat.S_IMODE(os.stat(kubeconfig).st_mode) == 0o600
    auth = simulator.api("GET", "/v2/registry/docker-credentials", params={"expiry_seconds": 3600})[1]
    secret = auth["auths"]["registry.digitalocean.com"]["auth"]
    assert token not in created.stdout and secret not in created.stdout

    simulator.clear_requests()
    again = playbook(tasks(kubeconfig))
    assert again.returncode == 0, again.stdout
    assert again.changed == [] and simulator.mutating_requests() == []

    # A pool resized behind Ansible's back: check mode with --diff shows it and changes nothing.
    pool = [p for p in cluster["kubernetes_cluster"]["node_pools"] if p["name"] == "workers"][0]
    status, _answer = simulator.api("PUT", "/v2/kubernetes/clusters/%s/node_pools/%s" % (
        cluster["kubernetes_cluster"]["id"], pool["id"]), json={"name": "workers", "count": 1})
    assert status == 202
    simulator.clear_requests()
    check = playbook(tasks(kubeconfig), check=True, diff=True)
    drift = check.result("cluster")["plan"]["changes"]["node_pools"]
    assert drift["before"]["workers"]["count"] == 1 and drift["after"]["workers"]["count"] == 2
    assert simulator.mutating_requests() == []

    removed = playbook(tasks(kubeconfig, state="absent"))
    assert removed.returncode == 0, removed.stdout
    assert [r["changed"] for r in (removed.result("pool"), removed.result("cluster"), removed.result("registry"))] \
        == [True, True, True]
    simulator.clear_requests()
    gone = playbook(tasks(kubeconfig, state="absent"))
    assert gone.changed == [] and simulator.mutating_requests() == []


def test_bad_input_fails_before_any_request(simulator, playbook):
    simulator.clear_requests()
    run = playbook([{"name": "cluster", "ignore_errors": True, "fathom.digitalocean.kubernetes_cluster": {
        "name": "prod", "region": "nyc3", "version": "1.32",
        "node_pools": [{"name": "w", "size": "s-2vcpu-4gb", "count": 9, "auto_scale": True, "min_nodes": 1,
                        "max_nodes": 3}]}}])
    result = run.result("cluster")
    assert run.status("cluster") == "failed"
    assert result["msg"].startswith("node_pools[0].count (9) must be between min_nodes (1) and max_nodes (3)")
    assert simulator.requests() == []


def test_inventory_groups_doks_workers_by_cluster_when_asked(simulator, tmp_path):
    cluster_id = simulator.seed("kubernetes_clusters", name_prefix="prod", nodes=2)[0]
    simulator.seed(count=1, name_prefix="web")

    def inventory(config):
        path = tmp_path / "test.droplets.yml"
        path.write_text(yaml.safe_dump(dict({"plugin": "fathom.digitalocean.droplets"}, **config)))
        completed = subprocess.run([str(Path(sys.executable).parent / "ansible-inventory"), "-i", str(path),
                                    "--list"], cwd=str(REPO), env=ansible_env(simulator), capture_output=True,
                                   text=True, timeout=300, check=False)
        assert completed.returncode == 0, completed.stderr
        return yaml.safe_load(completed.stdout)

    off = inventory({})
    assert not [group for group in off if group.startswith("k8s_")]
    on = inventory({"kubernetes_groups": True})
    assert len(on["k8s_prod_1"]["hosts"]) == 2
    assert "web-1" not in on["k8s_prod_1"]["hosts"]
    assert cluster_id


def test_drift_report_shows_a_node_pool_resized_behind_ansibles_back(simulator, playbook, tmp_path):
    cluster_task = {"name": "cluster", "fathom.digitalocean.kubernetes_cluster": {
        "name": "drift", "region": "nyc3", "version": "latest", "wait_timeout": 60,
        "node_pools": [{"name": "workers", "size": "s-2vcpu-4gb", "count": 2}]}}
    created = playbook([cluster_task])
    assert created.returncode == 0, created.stdout
    cluster = created.result("cluster")["kubernetes_cluster"]
    pool = cluster["node_pools"][0]
    pool_path = "/v2/kubernetes/clusters/%s/node_pools/%s" % (cluster["id"], pool["id"])
    status = simulator.api("PUT", pool_path, json={"name": "workers", "count": 3})[0]
    assert status == 202
    simulator.clear_requests()
    report_dir = tmp_path / "report"
    check = playbook([cluster_task], check=True, diff=True, env={
        "ANSIBLE_CALLBACKS_ENABLED": "result_capture,fathom.digitalocean.drift_report",
        "DRIFT_REPORT_DIR": str(report_dir)})
    assert check.returncode == 0, check.stdout
    assert simulator.mutating_requests() == []
    report = json.loads((report_dir / "drift.json").read_text())
    drifted = [resource for resource in report["resources"] if resource["action"] != "none"]
    assert [(r["kind"], r["action"]) for r in drifted] == [("kubernetes_cluster", "update")]
    change = drifted[0]["changes"]["node_pools"]
    assert change["before"]["workers"]["count"] == 3 and change["after"]["workers"]["count"] == 2
