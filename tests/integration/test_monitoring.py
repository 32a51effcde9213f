"""Monitoring, uptime and droplet actions through ansible-playbook against the simulator: the drift
report of a threshold changed behind the playbook's back, Slack webhook URLs kept out of every output,
and droplet actions that always change and only plan in check mode."""

from __future__ import annotations

import json

from tests.helpers import failing, mutations

HOOK = "https://hooks.slack.com/services/T0/B0/WEBHOOK-SECRET-4d2a"
POLICY = {"description": "web CPU", "type": "v1/insights/droplet/cpu", "compare": "GreaterThan", "value": 80,
          "window": "5m", "tags": ["web"],
          "alerts": {"email": ["ops@example.com"], "slack": [{"channel": "#ops", "url": HOOK}]}}
CHECK = {"name": "site", "type": "https", "target": "https://example.com/", "regions": ["us_east", "eu_west"]}
ALERT = {"check_name": "site", "name": "slow", "type": "latency", "threshold": 500, "comparison": "greater_than",
         "period": "5m", "notifications": {"email": ["ops@example.com"], "slack": [{"channel": "#ops", "url": HOOK}]}}


def monitoring_tasks():
    return [
        {"name": "policy", "fathom.digitalocean.monitoring_alert_policy": POLICY},
        {"name": "check", "fathom.digitalocean.uptime_check": CHECK},
        {"name": "alert", "fathom.digitalocean.uptime_alert": ALERT},
    ]


def report_env(tmp_path):
    return {"ANSIBLE_CALLBACKS_ENABLED": "result_capture,fathom.digitalocean.drift_report",
            "DRIFT_REPORT_DIR": str(tmp_path / "report")}


def test_thresholds_changed_behind_the_playbook_s_back_show_in_the_drift_report(simulator, playbook, tmp_path):
    setup = playbook(monitoring_tasks() + [
        {"name": "policies", "fathom.digitalocean.monitoring_alert_policy_info": {"description": "web CPU"}}],
        diff=True, verbosity=1)
    assert setup.returncode == 0, setup.stdout
    assert [record["task"] for record in setup.changed] == ["policy", "check", "alert"]
    listed = setup.result("policies")["monitoring_alert_policies"]
    assert [p["value"] for p in listed] == [80.0]
    # The URL the task gave, and the URL the API answered with, are masked in what Ansible keeps.
    assert listed[0]["alerts"]["slack"][0]["url"] != HOOK

    status, body = simulator.api("GET", "/v2/monitoring/alerts")
    policy = body["policies"][0]
    assert policy["alerts"]["slack"][0]["url"] == HOOK
    behind = {key: policy[key] for key in ("type", "description", "compare", "window", "entities", "tags", "alerts",
                                           "enabled")}
    assert simulator.api("PUT", "/v2/monitoring/alerts/" + policy["uuid"], json=dict(behind, value=95))[0] == 200
    check = simulator.api("GET", "/v2/uptime/checks")[1]["checks"][0]
    alert = simulator.api("GET", "/v2/uptime/checks/%s/alerts" % check["id"])[1]["alerts"][0]
    alert_path = "/v2/uptime/checks/%s/alerts/%s" % (check["id"], alert["id"])
    kept = {key: alert[key] for key in ("name", "type", "comparison", "period", "notifications")}
    assert simulator.api("PUT", alert_path, json=dict(kept, threshold=2000))[0] == 200
    simulator.clear_requests()

    check_run = playbook(monitoring_tasks(), check=True, diff=True, env=report_env(tmp_path))
    assert check_run.returncode == 0, check_run.stdout + check_run.stderr
    assert mutations(simulator) == []
    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    by_task = {resource["task"]: resource for resource in report["resources"]}
    assert by_task["policy"]["action"] == "update"
    assert by_task["policy"]["changes"] == {"value": {"before": 95.0, "after": 80.0}}
    assert by_task["alert"]["changes"] == {"threshold": {"before": 2000, "after": 500}}
    assert by_task["check"]["action"] == "none"
    assert report["summary"]["update"] == 2 and report["summary"]["drift"] == 2
    markdown = (tmp_path / "report" / "drift.md").read_text()
    assert "~ value: 95.0 -> 80.0" in markdown

    everything = [setup.stdout, setup.stderr, json.dumps(setup.records), check_run.stdout, check_run.stderr,
                  json.dumps(check_run.records), markdown, (tmp_path / "report" / "drift.html").read_text(),
                  json.dumps(report)]
    assert not [text for text in everything if "WEBHOOK-SECRET" in text]

    fixed = playbook(monitoring_tasks())
    assert [record["task"] for record in fixed.changed] == ["policy", "alert"]
    simulator.clear_requests()
    again = playbook(monitoring_tasks())
    assert again.changed == [] and mutations(simulator) == []


def test_droplet_actions_always_change_plan_only_in_check_mode_and_backups_follow_the_policy(simulator, playbook):
    droplet = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64",
               "backup_policy": {"plan": "weekly", "weekday": "SUN", "hour": 20}}
    setup = playbook([
        {"name": "droplet", "fathom.digitalocean.droplet": droplet},
        {"name": "snapshot", "fathom.digitalocean.droplet_action": {
            "droplet_name": "web-1", "type": "snapshot", "name": "before-upgrade"}},
        {"name": "backups", "fathom.digitalocean.droplet_backup_info": {"droplet_name": "web-1"}},
        {"name": "rebuild refused", **failing({"fathom.digitalocean.droplet": dict(droplet, image="debian-12-x64")})},
    ])
    assert setup.returncode == 0, setup.stdout
    assert setup.result("snapshot")["snapshot"]["name"] == "before-upgrade"
    assert setup.result("snapshot")["droplet_action"]["status"] == "completed"
    assert setup.result("backups")["policy"]["backup_policy"]["weekday"] == "SUN"
    assert "Set allow_rebuild: true" in setup.result("rebuild refused")["msg"]

    simulator.clear_requests()
    check = playbook([
        {"name": "reboot", "fathom.digitalocean.droplet_action": {"droplet_name": "web-1", "type": "reboot"}},
        {"name": "same droplet", "fathom.digitalocean.droplet": droplet},
    ], check=True)
    assert check.result("reboot")["changed"] is True and check.result("reboot")["plan"]["action"] == "create"
    assert check.result("same droplet")["changed"] is False
    assert mutations(simulator) == []

    run = playbook([
        {"name": "reboot", "fathom.digitalocean.droplet_action": {"droplet_name": "web-1", "type": "reboot"}},
        {"name": "daily", "fathom.digitalocean.droplet": dict(droplet, backup_policy={"plan": "daily", "hour": 4})},
        {"name": "rebuild", "fathom.digitalocean.droplet": dict(droplet, image="debian-12-x64", allow_rebuild=True,
                                                                backup_policy={"plan": "daily", "hour": 4})},
    ])
    assert run.returncode == 0, run.stdout
    assert [record["task"] for record in run.changed] == ["reboot", "daily", "rebuild"]
    droplet_id = run.result("reboot")["droplet_id"]
    assert [entry for entry in mutations(simulator) if entry[0] == "POST"] == [
        ("POST", "/v2/droplets/%d/actions" % droplet_id)] * 3
    status, body = simulator.api("GET", "/v2/droplets/%d/backups/policy" % droplet_id)
    assert body["policy"]["backup_policy"]["plan"] == "daily"
    assert simulator.api("GET", "/v2/droplets/%d" % droplet_id)[1]["droplet"]["image"]["slug"] == "debian-12-x64"
