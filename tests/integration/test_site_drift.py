"""Drift of the whole stack: converge playbooks/site.yml, change six things behind its back through
the API, and check that a --check --diff run with the drift_report callback reports exactly those
six, with their before and after values, without sending a single mutating request."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO, ansible_env

ANSIBLE_PLAYBOOK = Path(sys.executable).parent / "ansible-playbook"
SITE = REPO / "playbooks" / "site.yml"
DRIFT = REPO / "playbooks" / "drift.yml"
DRIFTED_WWW = "203.0.113.99"
EXTRA_RULE = {"protocol": "tcp", "ports": "8080", "sources": {"addresses": ["0.0.0.0/0"]}}


def run_playbook(simulator, path, report_dir, *options):
    env = ansible_env(simulator, {
        "ANSIBLE_CALLBACKS_ENABLED": "fathom.digitalocean.drift_report",
        "DRIFT_REPORT_DIR": str(report_dir),
    })
    return subprocess.run([str(ANSIBLE_PLAYBOOK), str(path), *options], cwd=str(REPO), env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def run_site(simulator, report_dir, check=False):
    """site.yml converges; the check run is playbooks/drift.yml --check --diff, which imports it."""
    if check:
        completed = run_playbook(simulator, DRIFT, report_dir, "--check", "--diff")
    else:
        completed = run_playbook(simulator, SITE, report_dir)
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-3000:]
    return completed


def api_ok(simulator, method, path, **kwargs):
    status, body = simulator.api(method, path, **kwargs)
    assert status < 300, (method, path, status, body)
    return body


def wait_for(simulator, path):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        action = api_ok(simulator, "GET", path)["action"]
        if action["status"] != "in-progress":
            assert action["status"] == "completed", action
            return action
        time.sleep(0.1)
    raise AssertionError("action %s did not finish" % path)


def canonical(rules):
    return sorted(json.dumps(rule, sort_keys=True) for rule in rules)


def named(items, name, key="name"):
    matches = [item for item in items if item[key] == name]
    assert len(matches) == 1, (name, items)
    return matches[0]


def drift_behind_the_playbooks_back(simulator):
    """The six changes; returns what the report should show about them."""
    # 1. web-1 resized: power off, then resize (it stays off, as on the real API).
    droplets = api_ok(simulator, "GET", "/v2/droplets", params={"tag_name": "web"})["droplets"]
    web1 = named(droplets, "web-1")
    for action in ({"type": "power_off"}, {"type": "resize", "size": "s-2vcpu-2gb"}):
        started = api_ok(simulator, "POST", "/v2/droplets/%s/actions" % web1["id"], json=action)["action"]
        wait_for(simulator, "/v2/droplets/%s/actions/%s" % (web1["id"], started["id"]))
        simulator.settle()  # the droplet refuses the next event for a moment after this one

    # 2. One more inbound rule on the web firewall (PUT takes the whole firewall).
    firewall = named(api_ok(simulator, "GET", "/v2/firewalls")["firewalls"], "web-fw")
    body = {key: firewall[key] for key in ("name", "inbound_rules", "outbound_rules", "droplet_ids", "tags")}
    body["inbound_rules"] = firewall["inbound_rules"] + [EXTRA_RULE]
    api_ok(simulator, "PUT", "/v2/firewalls/%s" % firewall["id"], json=body)

    # 3. The www A record points elsewhere.
    records = api_ok(simulator, "GET", "/v2/domains/example.com/records",
                     params={"type": "A", "name": "www.example.com"})["domain_records"]
    www = named(records, "www")
    api_ok(simulator, "PATCH", "/v2/domains/example.com/records/%s" % www["id"],
           json={"type": "A", "data": DRIFTED_WWW})

    # 4. The data volume is gone (detached first, as the API requires).
    volume = named(api_ok(simulator, "GET", "/v2/volumes", params={"name": "web-data", "region": "nyc3"})["volumes"],
                   "web-data")
    assert volume["droplet_ids"] == [web1["id"]]
    detach = api_ok(simulator, "POST", "/v2/volumes/%s/actions" % volume["id"],
                    json={"type": "detach", "droplet_id": web1["id"], "region": "nyc3"})["action"]
    wait_for(simulator, "/v2/volumes/%s/actions/%s" % (volume["id"], detach["id"]))
    api_ok(simulator, "DELETE", "/v2/volumes/%s" % volume["id"])

    # 5. The app scaled out by hand.
    app = [app for app in api_ok(simulator, "GET", "/v2/apps")["apps"] if app["spec"]["name"] == "web-app"][0]
    spec = json.loads(json.dumps(app["spec"]))
    assert spec["services"][0]["instance_count"] == 1
    spec["services"][0]["instance_count"] = 3
    api_ok(simulator, "PUT", "/v2/apps/%s" % app["id"], json={"spec": spec})

    # 6. The threshold of the web tier's CPU alert raised by hand (PUT takes the whole policy).
    policy = named(api_ok(simulator, "GET", "/v2/monitoring/alerts")["policies"], "web: CPU of the web droplets",
                   key="description")
    assert policy["value"] == 80.0
    body = {key: value for key, value in policy.items() if key != "uuid"}
    api_ok(simulator, "PUT", "/v2/monitoring/alerts/%s" % policy["uuid"], json=dict(body, value=95))

    return {"web1": web1, "firewall": firewall, "www": www, "app": app, "policy": policy}


def test_site_drift_report_lists_exactly_the_changes_made_outside(simulator, tmp_path):
    run_site(simulator, tmp_path / "converge")
    before = drift_behind_the_playbooks_back(simulator)
    simulator.clear_requests()

    check = run_site(simulator, tmp_path / "report", check=True)
    assert [(r["method"], r["path"]) for r in simulator.mutating_requests()] == []
    assert simulator.requests(), "the check run read nothing"

    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    drifted = {resource["kind"]: resource for resource in report["resources"] if resource["action"] != "none"}
    assert sorted(drifted) == ["app", "domain_records", "droplet_group", "firewall", "monitoring_alert_policy",
                               "volume"], json.dumps(report["resources"], indent=1)
    in_sync = [resource["kind"] for resource in report["resources"] if resource["action"] == "none"]
    assert report["summary"] == {"create": 1, "update": 5, "replace": 0, "delete": 0, "unknown": 0,
                                 "none": len(in_sync), "total": len(in_sync) + 6, "drift": 6}
    assert {"uptime_check", "uptime_alert"} <= set(in_sync)
    assert len(in_sync) >= 10, in_sync

    # The resized droplet: one member of the group, back to the role's size.
    group = drifted["droplet_group"]
    assert group["action"] == "update"
    assert group["identity"] == {"group_tag": "web"}
    assert group["changes"] == {"web-1.size": {"before": "s-2vcpu-2gb", "after": "s-1vcpu-1gb"}}

    # The extra firewall rule: before has it, after does not; the other rules are the same.
    firewall = drifted["firewall"]
    assert (firewall["action"], firewall["id"]) == ("update", before["firewall"]["id"])
    assert list(firewall["changes"]) == ["inbound_rules"]
    rules = firewall["changes"]["inbound_rules"]
    assert EXTRA_RULE in rules["before"]
    assert EXTRA_RULE not in rules["after"]
    assert canonical(rules["before"]) == canonical(rules["after"] + [EXTRA_RULE])

    # The changed www record: the same record, its data back to the load balancer's address.
    records = drifted["domain_records"]
    assert records["action"] == "update"
    assert list(records["changes"]) == ["A www %s" % before["www"]["data"]]
    change = records["changes"]["A www %s" % before["www"]["data"]]
    assert change["before"]["data"] == DRIFTED_WWW
    assert change["after"]["data"] == before["www"]["data"]
    assert {key: value for key, value in change["before"].items() if key != "data"} == \
        {key: value for key, value in change["after"].items() if key != "data"}

    # The deleted volume: planned as a create, attached to web-1 again.
    volume = drifted["volume"]
    assert volume["action"] == "create"
    assert volume["identity"] == {"name": "web-data", "region": "nyc3"}
    assert volume["changes"]["size_gigabytes"] == {"before": None, "after": 10}
    assert volume["changes"]["droplet_id"] == {"before": None, "after": before["web1"]["id"]}

    # The app: instance_count is the only difference in its spec.
    app = drifted["app"]
    assert (app["action"], app["id"]) == ("update", before["app"]["id"])
    assert list(app["changes"]) == ["spec"]
    spec_before, spec_after = app["changes"]["spec"]["before"], app["changes"]["spec"]["after"]
    assert spec_before["services"][0]["instance_count"] == 3
    assert spec_after["services"][0]["instance_count"] == 1
    spec_before["services"][0]["instance_count"] = 1
    assert spec_before == spec_after

    # The CPU alert: its threshold back to the role's, the rest of the policy as it was.
    policy = drifted["monitoring_alert_policy"]
    assert (policy["action"], policy["id"]) == ("update", before["policy"]["uuid"])
    assert policy["identity"] == {"description": "web: CPU of the web droplets"}
    assert policy["changes"] == {"value": {"before": 95.0, "after": 80.0}}

    summary = "Drift: 1 to create, 5 to change, 0 to delete (%d resources in sync)" % len(in_sync)
    assert summary in check.stdout
    markdown = (tmp_path / "report" / "drift.md").read_text()
    assert markdown.rstrip().splitlines()[-1] == summary
    assert markdown.count("\n## ") == 6
    assert '~ web-1.size: "s-2vcpu-2gb" -> "s-1vcpu-1gb"' in markdown
    assert "~ value: 95.0 -> 80.0" in markdown
    page = (tmp_path / "report" / "drift.html").read_text()
    assert page.count("<tr class=") == len(report["resources"])
    assert page.count("<tr class=\"none\"") == len(in_sync)


def test_exclusive_names_changes_a_record_in_place(simulator, playbook):
    """The option site.yml's web_cluster role relies on for the www drift above."""
    assert playbook([{"name": "domain", "fathom.digitalocean.domain": {"name": "example.org"}}]).returncode == 0
    task = {"name": "records", "fathom.digitalocean.domain_records": {
        "domain": "example.org", "exclusive_names": True,
        "records": [{"type": "A", "name": "www", "data": "192.0.2.1"}]}}
    added = {"name": "extra", "fathom.digitalocean.domain_record": {
        "domain": "example.org", "type": "A", "name": "www", "data": "192.0.2.2"}}
    other = {"name": "other", "fathom.digitalocean.domain_record": {
        "domain": "example.org", "type": "A", "name": "api", "data": "192.0.2.9"}}
    assert playbook([added, other]).returncode == 0

    simulator.clear_requests()
    check = playbook([task], check=True, diff=True)
    assert check.returncode == 0, check.stdout
    assert simulator.mutating_requests() == []
    plan = check.result("records")["plan"]
    assert list(plan["changes"]) == ["A www 192.0.2.1"]
    change = plan["changes"]["A www 192.0.2.1"]
    assert (change["before"]["data"], change["after"]["data"], change["via"]) == ("192.0.2.2", "192.0.2.1", "PATCH")

    run = playbook([task])
    assert run.returncode == 0 and run.status("records") == "changed", run.stdout
    assert [r["method"] for r in simulator.mutating_requests()] == ["PATCH"]
    records = api_ok(simulator, "GET", "/v2/domains/example.org/records", params={"type": "A"})["domain_records"]
    assert sorted((r["name"], r["data"]) for r in records) == [("api", "192.0.2.9"), ("www", "192.0.2.1")]

    # A second record of the name is deleted; api is another name and stays.
    assert playbook([added]).returncode == 0
    simulator.clear_requests()
    again = playbook([task])
    assert again.returncode == 0 and again.status("records") == "changed", again.stdout
    assert [r["method"] for r in simulator.mutating_requests()] == ["DELETE"]
    simulator.clear_requests()
    noop = playbook([task])
    assert noop.status("records") == "ok" and simulator.mutating_requests() == []


def test_drift_playbook_refuses_to_run_without_check(simulator, tmp_path):
    completed = run_playbook(simulator, DRIFT, tmp_path / "report")
    assert completed.returncode != 0
    assert "only reports drift: run it with --check --diff" in completed.stdout
    assert simulator.mutating_requests() == []
    assert [r for r in simulator.requests() if r["path"].startswith("/v2/")] == []
