"""Monitoring alert policies and uptime checks with their state and alerts (resources/monitoring.py,
resources/uptime.py): the rules of the reference, and every answer checked against the spec."""
from tests.helpers import Checker

HOOK = "https://hooks.slack.com/services/T0/B0/SIM"
POLICY = {"type": "v1/insights/droplet/cpu", "description": "web CPU", "compare": "GreaterThan", "value": 80,
          "window": "5m", "entities": [], "tags": ["web"], "enabled": True,
          "alerts": {"email": ["ops@example.com"], "slack": [{"channel": "#ops", "url": HOOK}]}}
CHECK = {"name": "site", "type": "https", "target": "https://example.com/", "regions": ["us_east", "eu_west"],
         "enabled": True}
ALERT = {"name": "down", "type": "down", "period": "2m", "notifications": {"email": ["ops@example.com"], "slack": []}}


def test_alert_policy_crud_with_put_replacing_the_whole_policy(simulator):
    c = Checker(simulator)
    created = c.call("POST", "/v2/monitoring/alerts", "/v2/monitoring/alerts", POLICY, expect=200)["policy"]
    uuid = created["uuid"]
    assert created["value"] == 80.0 and created["alerts"]["slack"] == [{"channel": "#ops", "url": HOOK}]
    listed = c.call("GET", "/v2/monitoring/alerts", "/v2/monitoring/alerts", expect=200)
    assert [p["uuid"] for p in listed["policies"]] == [uuid] and listed["meta"]["total"] == 1
    changed = dict(POLICY, value=95, tags=[], enabled=False)
    updated = c.call("PUT", "/v2/monitoring/alerts/" + uuid, "/v2/monitoring/alerts/{alert_uuid}", changed,
                     expect=200)["policy"]
    assert (updated["value"], updated["tags"], updated["enabled"]) == (95.0, [], False)
    got = c.call("GET", "/v2/monitoring/alerts/" + uuid, "/v2/monitoring/alerts/{alert_uuid}", expect=200)
    assert got["policy"] == updated
    c.call("DELETE", "/v2/monitoring/alerts/" + uuid, "/v2/monitoring/alerts/{alert_uuid}", expect=204)
    c.call("GET", "/v2/monitoring/alerts/" + uuid, "/v2/monitoring/alerts/{alert_uuid}", expect=404)


def test_a_put_missing_a_field_and_a_plain_http_webhook_are_refused(simulator):
    status, body = simulator.api("POST", "/v2/monitoring/alerts", json=POLICY)
    uuid = body["policy"]["uuid"]
    partial = {key: value for key, value in POLICY.items() if key != "window"}
    status, body = simulator.api("PUT", "/v2/monitoring/alerts/" + uuid, json=partial)
    assert status == 422 and "window" in body["message"]
    plain = dict(POLICY, alerts={"email": [], "slack": [{"channel": "#ops", "url": "http://hooks.example.com/x"}]})
    status, body = simulator.api("POST", "/v2/monitoring/alerts", json=plain)
    assert status == 422 and body["message"].startswith("alerts.slack[0].url")
    status, body = simulator.api("POST", "/v2/monitoring/alerts", json=dict(POLICY, window="2h"))
    assert status == 422


def test_two_policies_may_share_a_description(simulator):
    created = [simulator.api("POST", "/v2/monitoring/alerts", json=POLICY) for attempt in range(2)]
    assert [status for status, body in created] == [200, 200]
    assert created[0][1]["policy"]["uuid"] != created[1][1]["policy"]["uuid"]
    assert len(simulator.api("GET", "/v2/monitoring/alerts")[1]["policies"]) == 2


def test_uptime_check_crud_state_and_alerts(simulator):
    c = Checker(simulator)
    check = c.call("POST", "/v2/uptime/checks", "/v2/uptime/checks", CHECK, expect=201)["check"]
    assert check["enabled"] is True
    path = "/v2/uptime/checks/" + check["id"]
    state = c.call("GET", path + "/state", "/v2/uptime/checks/{check_id}/state", expect=200)["state"]
    assert {region["status"] for region in state["regions"].values()} == {"CHECKING"}
    assert sorted(state["regions"]) == ["eu_west", "us_east"]
    simulator._ctl("POST", "clock", {"advance": 5})
    state = c.call("GET", path + "/state", "/v2/uptime/checks/{check_id}/state", expect=200)["state"]
    assert {region["status"] for region in state["regions"].values()} == {"UP"}
    updated = c.call("PUT", path, "/v2/uptime/checks/{check_id}", {"enabled": False, "regions": ["us_west"]},
                     expect=200)["check"]
    assert (updated["enabled"], updated["regions"], updated["target"]) == (False, ["us_west"], CHECK["target"])
    c.call("GET", "/v2/uptime/checks", "/v2/uptime/checks", expect=200)

    alert = c.call("POST", path + "/alerts", "/v2/uptime/checks/{check_id}/alerts", ALERT, expect=201)["alert"]
    assert "threshold" not in alert
    alert_path = "%s/alerts/%s" % (path, alert["id"])
    latency = dict(ALERT, type="latency", threshold=300, comparison="greater_than")
    got = c.call("PUT", alert_path, "/v2/uptime/checks/{check_id}/alerts/{alert_id}", latency, expect=200)["alert"]
    assert (got["threshold"], got["comparison"]) == (300, "greater_than")
    c.call("GET", alert_path, "/v2/uptime/checks/{check_id}/alerts/{alert_id}", expect=200)
    c.call("GET", path + "/alerts", "/v2/uptime/checks/{check_id}/alerts", expect=200)
    # Deleting the check deletes its alerts.
    c.call("DELETE", path, "/v2/uptime/checks/{check_id}", expect=204)
    assert simulator.state("uptime_alerts") == []
    c.call("GET", alert_path, "/v2/uptime/checks/{check_id}/alerts/{alert_id}", expect=404)


def test_uptime_rules_of_the_reference(simulator):
    status, body = simulator.api("POST", "/v2/uptime/checks", json=dict(CHECK, target="http://example.com/"))
    assert status == 422 and "https://" in body["message"]
    status, body = simulator.api("POST", "/v2/uptime/checks", json={"name": "x", "type": "ping", "target": "10.0.0.1",
                                                                    "enabled": True})
    assert status == 422 and "regions" in body["message"]
    status, body = simulator.api("POST", "/v2/uptime/checks", json=dict(CHECK, regions=["mars"]))
    assert status == 422
    check = simulator.api("POST", "/v2/uptime/checks", json=CHECK)[1]["check"]
    status, body = simulator.api("POST", "/v2/uptime/checks/%s/alerts" % check["id"],
                                 json={key: value for key, value in ALERT.items() if key != "period"})
    assert status == 422 and "period" in body["message"]


def test_seeding_policies_and_checks(simulator):
    assert len(simulator.seed("alert_policies", count=3, tags=["web"])) == 3
    assert len(simulator.seed("uptime_checks", count=2)) == 2
    assert len(simulator.api("GET", "/v2/monitoring/alerts")[1]["policies"]) == 3
    assert [c["name"] for c in simulator.api("GET", "/v2/uptime/checks")[1]["checks"]] == ["seed-1", "seed-2"]
