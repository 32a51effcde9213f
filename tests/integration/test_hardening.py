"""Found by trying the collection as a hostile user would: plans of a new environment, teardowns run
twice, secrets that a failing task would print, input that names two resources, names and values
the API would refuse or misread."""

from __future__ import annotations

import json
import subprocess

from conftest import REPO, ansible_env
from site_support import ANSIBLE_PLAYBOOK, SITE, TEARDOWN, recap
from tests.helpers import mutations, new_droplet

DRIFT = REPO / "playbooks" / "drift.yml"


def run(simulator, playbook_path, *options, env=None):
    completed = subprocess.run([str(ANSIBLE_PLAYBOOK), str(playbook_path), *options], cwd=str(REPO),
                               env=ansible_env(simulator, env), capture_output=True, text=True, timeout=600,
                               check=False)
    simulator.settle()
    return completed


def test_check_mode_on_an_empty_account_plans_the_whole_stack_as_new(simulator, tmp_path):
    completed = run(simulator, DRIFT, "--check", "--diff", env={
        "ANSIBLE_CALLBACKS_ENABLED": "fathom.digitalocean.drift_report", "DRIFT_REPORT_DIR": str(tmp_path)})
    assert completed.returncode == 0, completed.stdout[-5000:]
    assert simulator.mutating_requests() == []
    report = json.loads((tmp_path / "drift.json").read_text())
    actions = {resource["kind"]: resource["action"] for resource in report["resources"]}
    not_created = [(resource["kind"], resource["action"]) for resource in report["resources"]
                   if resource["action"] != "create"]
    # The database replica is off by default: the role makes sure it is absent, which it already is.
    assert not_created == [("database_replica", "none")], not_created
    for kind in ("vpc", "droplet_group", "load_balancer", "firewall", "domain_records", "database_cluster",
                 "database_user", "database_firewall", "app", "cdn_endpoint"):
        assert actions.get(kind) == "create", (kind, actions)
    # Values only the API assigns are shown as Terraform shows them.
    assert "(known after apply)" in (tmp_path / "drift.md").read_text()


def test_a_placeholder_reaching_a_real_run_is_a_clear_error_before_any_request(simulator, playbook):
    simulator.clear_requests()
    run_ = playbook([{"name": "fw", "ignore_errors": True, "fathom.digitalocean.firewall": {
        "name": "fw", "inbound_rules": [{"protocol": "tcp", "ports": "80",
                                         "sources": {"load_balancer_uids": ["(known after apply)"]}}]}}])
    message = run_.result("fw")["msg"]
    assert "inbound_rules[0].sources.load_balancer_uids[0] is (known after apply)" in message
    assert simulator.requests() == []


def test_teardown_twice_passes_both_times_and_changes_nothing_the_second(simulator):
    built = run(simulator, SITE)
    assert built.returncode == 0, built.stdout[-4000:]
    first = run(simulator, TEARDOWN)
    assert first.returncode == 0, first.stdout[-4000:]
    simulator.clear_requests()
    second = run(simulator, TEARDOWN)
    assert second.returncode == 0, second.stdout[-4000:]
    assert recap(second.stdout)["changed"] == 0, second.stdout[-3000:]
    assert simulator.mutating_requests() == []


def test_children_of_a_parent_that_is_gone_are_absent_without_error(simulator, playbook):
    cluster = "0b0f1f3e-3a5e-4c1b-9a59-000000000000"
    run_ = playbook([
        {"name": "record", "fathom.digitalocean.domain_record": {
            "domain": "gone.example", "type": "A", "name": "www", "data": "192.0.2.1", "state": "absent"}},
        {"name": "user", "fathom.digitalocean.database_user": {
            "cluster_id": cluster, "name": "app", "state": "absent"}},
        {"name": "db", "fathom.digitalocean.database_db": {"cluster_name": "gone", "name": "app", "state": "absent"}},
        {"name": "pool", "fathom.digitalocean.database_connection_pool": {
            "cluster_name": "gone", "name": "pool", "state": "absent"}},
        {"name": "resources", "fathom.digitalocean.project_resources": {
            "project": "gone", "resources": ["do:droplet:1"], "state": "absent"}},
    ])
    assert run_.returncode == 0, run_.stdout
    assert [record["status"] for record in run_.records] == ["ok"] * 5
    assert simulator.mutating_requests() == []


MALFORMED_APP = {"name": "web", "services": "not a list", "envs": [
    {"key": "API_KEY", "value": "s3cr3t-app-value-61", "type": "SECRET"},
    {"key": "PIN", "value": 987654321, "type": "SECRET"}]}


def test_app_secrets_never_show_even_when_the_task_fails_before_validation(simulator, playbook):
    for args in ({"spec": MALFORMED_APP}, {"spec": dict(MALFORMED_APP, services=[]), "force_deploy": "maybe"}):
        run_ = playbook([{"name": "app", "ignore_errors": True, "fathom.digitalocean.app": args}], verbosity=3)
        assert run_.status("app") == "failed"
        shown = run_.stdout + run_.stderr + json.dumps(run_.records)
        assert "s3cr3t-app-value-61" not in shown
        assert "987654321" not in shown


def test_a_private_key_pasted_as_a_public_key_is_refused_and_never_shown(simulator, playbook):
    private = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUtc2VjcmV0LWJvZHk=\n" \
              "-----END OPENSSH PRIVATE KEY-----\n"
    run_ = playbook([{"name": "key", "ignore_errors": True,
                      "fathom.digitalocean.ssh_key": {"name": "laptop", "public_key": private}}], verbosity=3)
    assert "public_key holds a private key" in run_.result("key")["msg"]
    assert "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUtc2VjcmV0LWJvZHk" not in run_.stdout + run_.stderr
    assert simulator.requests() == []


def test_an_id_and_a_name_that_name_two_droplets_delete_nothing(simulator, playbook):
    first = new_droplet(simulator, "web-1")
    new_droplet(simulator, "web-2")
    simulator.clear_requests()
    run_ = playbook([{"name": "gone", "ignore_errors": True, "fathom.digitalocean.droplet": {
        "id": first, "name": "web-2", "state": "absent"}}])
    message = run_.result("gone")["msg"]
    assert "droplet with id %s has name web-1, not web-2" % first in message
    assert mutations(simulator) == []


def test_volumes_named_by_a_droplet_task_are_found_in_its_region(simulator, playbook):
    status, body = simulator.api("POST", "/v2/volumes", json={
        "name": "bvol", "region": "nyc3", "size_gigabytes": 10})
    assert status == 201, body
    simulator.settle()
    droplet = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}
    run_ = playbook([
        {"name": "named", "fathom.digitalocean.droplet": dict(droplet, volumes=["bvol"])},
        {"name": "unknown", "ignore_errors": True, "fathom.digitalocean.droplet": dict(
            droplet, name="web-2", volumes=["nope"])},
    ])
    assert run_.status("named") == "changed", run_.stdout
    assert run_.result("named")["droplet"]["volume_ids"] == [body["volume"]["id"]]
    assert "volumes[0]: no volume is named nope in region nyc3" in run_.result("unknown")["msg"]


def test_a_vpc_range_that_overlaps_another_vpc_is_refused_before_the_create(simulator, playbook):
    playbook([{"name": "first", "fathom.digitalocean.vpc": {
        "name": "app", "region": "nyc3", "ip_range": "10.10.0.0/16"}}])
    simulator.clear_requests()
    run_ = playbook([{"name": "second", "ignore_errors": True, "fathom.digitalocean.vpc": {
        "name": "data", "region": "nyc3", "ip_range": "10.10.8.0/24"}}])
    assert run_.result("second")["msg"].startswith("ip_range 10.10.8.0/24 overlaps VPC app (10.10.0.0/16)")
    assert mutations(simulator) == []


def test_warnings_for_what_the_api_takes_but_is_likely_a_mistake(simulator, playbook):
    playbook([{"name": "domain", "fathom.digitalocean.domain": {"name": "example.com"}}])
    run_ = playbook([
        {"name": "cname", "fathom.digitalocean.domain_record": {
            "domain": "example.com", "type": "CNAME", "name": "www", "data": "lb"}},
        {"name": "open", "fathom.digitalocean.firewall": {"name": "open", "inbound_rules": [
            {"protocol": "tcp", "ports": "all", "sources": {"addresses": ["0.0.0.0/0"]}}]}},
    ])
    cname_warnings = " ".join(run_.result("cname").get("warnings") or [])
    assert "single label" in cname_warnings and "lb.example.com" in cname_warnings
    assert "opens every port to 0.0.0.0/0" in " ".join(run_.result("open").get("warnings") or [])


def test_maintenance_days_are_taken_in_any_case(simulator, playbook):
    run_ = playbook([{"name": "cluster", "fathom.digitalocean.database_cluster": {
        "name": "backend", "engine": "pg", "version": "16", "size": "db-s-1vcpu-2gb", "num_nodes": 1,
        "region": "nyc3", "maintenance_window": {"day": "Tuesday", "hour": "03:00"}}}])
    assert run_.returncode == 0, run_.stdout
    assert run_.result("cluster")["database_cluster"]["maintenance_window"]["day"] == "tuesday"
