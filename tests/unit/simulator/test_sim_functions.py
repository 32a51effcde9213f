"""Functions namespaces, scheduled triggers and access keys (resources/functions.py): the rules of
the reference, every answer checked against the spec."""
from tests.helpers import Checker

NS = "/v2/functions/namespaces/{namespace_id}"
TRIGGER = NS + "/triggers/{trigger_name}"
KEY = NS + "/keys/{key_id}"


def test_namespace_trigger_and_key_lifecycle(simulator):
    c = Checker(simulator)
    ns = c.call("POST", "/v2/functions/namespaces", "/v2/functions/namespaces", {"region": "nyc1", "label": "jobs"},
                expect=200)["namespace"]
    assert ns["namespace"].startswith("fn-") and ns["label"] == "jobs"
    path = "/v2/functions/namespaces/" + ns["namespace"]
    assert c.call("GET", path, NS, expect=200)["namespace"] == ns
    status, _answer = simulator.api("POST", "/v2/functions/namespaces", json={"region": "nyc1", "label": "jobs"})
    assert status == 409

    trigger = {"name": "nightly", "function": "reports/build", "type": "SCHEDULED", "is_enabled": True,
               "scheduled_details": {"cron": "0 2 * * *", "body": {"name": "full"}}}
    created = c.call("POST", path + "/triggers", NS + "/triggers", trigger, expect=200)["trigger"]
    assert created["scheduled_details"] == {"cron": "0 2 * * *", "body": {"name": "full"}}
    updated = c.call("PUT", path + "/triggers/nightly", TRIGGER,
                     {"is_enabled": False, "scheduled_details": {"cron": "30 3 * * 1", "body": None}},
                     expect=200)["trigger"]
    assert updated["is_enabled"] is False and updated["scheduled_details"]["cron"] == "30 3 * * 1"
    assert [t["name"] for t in c.call("GET", path + "/triggers", NS + "/triggers", expect=200)["triggers"]] == ["nightly"]
    status, body = simulator.api("POST", path + "/triggers", json=dict(trigger, name="bad",
                                                                       scheduled_details={"cron": "every day"}))
    assert status == 422 and "five fields" in body["message"]
    c.call("DELETE", path + "/triggers/nightly", TRIGGER, expect=204)
    c.call("GET", path + "/triggers/nightly", TRIGGER, expect=404)

    key = c.call("POST", path + "/keys", NS + "/keys", {"name": "ci", "expires_in": "30d"}, expect=201)["access_key"]
    assert key["secret"] and key["expires_at"]
    listed = c.call("GET", path + "/keys", NS + "/keys", expect=200)
    assert [k["name"] for k in listed["access_keys"]] == ["ci"] and "secret" not in listed["access_keys"][0]
    renamed = c.call("PUT", path + "/keys/" + key["id"], KEY, {"name": "ci-2"}, expect=200)["access_key"]
    assert renamed["name"] == "ci-2"
    status, body = simulator.api("POST", path + "/keys", json={"name": "x", "expires_in": "soon"})
    assert status == 422
    c.call("DELETE", path + "/keys/" + key["id"], KEY, expect=200)
    c.call("DELETE", path, NS, expect=204)
    c.call("GET", path, NS, expect=404)
