"""BYOIP prefixes (resources/byoip_prefixes.py): the rules of the reference, every answer checked
against the spec."""
from tests.helpers import Checker

ITEM = "/v2/byoip_prefixes/{byoip_prefix_uuid}"


def test_prefix_is_brought_advertised_withdrawn_and_deleted(simulator):
    c = Checker(simulator)
    created = c.call("POST", "/v2/byoip_prefixes", "/v2/byoip_prefixes",
                     {"prefix": "198.51.100.0/24", "region": "nyc3", "signature": "sig"}, expect=202)["byoip_prefix"]
    assert created["status"] == "in_progress"
    path = "/v2/byoip_prefixes/" + created["uuid"]
    status, body = simulator.api("PATCH", path, json={"advertise": True})
    assert status == 422 and "in_progress" in body["message"]
    simulator._ctl("POST", "clock", {"advance": 1})
    assert c.call("GET", path, ITEM, expect=200)["byoip_prefix"]["status"] == "active"
    assert c.call("PATCH", path, ITEM, {"advertise": True}, expect=202)["byoip_prefix"]["advertised"] is True
    status, body = simulator.api("DELETE", path)
    assert status == 422 and "withdraw" in body["message"]
    listed = c.call("GET", "/v2/byoip_prefixes", "/v2/byoip_prefixes", expect=200)["byoip_prefixes"]
    assert [p["prefix"] for p in listed] == ["198.51.100.0/24"]
    assert c.call("GET", path + "/ips", ITEM + "/ips", expect=200)["ips"] == []
    c.call("PATCH", path, ITEM, {"advertise": False}, expect=202)
    c.call("DELETE", path, ITEM, expect=202)
    c.call("GET", path, ITEM, expect=404)


def test_refusals_a_failed_signature_and_assigned_ips(simulator):
    c = Checker(simulator)
    for prefix, message in (("10.0.0.0/24", "not a public"), ("198.51.0.0/16", "/24 to /18"),
                            ("198.51.100.7/24", "CIDR")):
        status, body = simulator.api("POST", "/v2/byoip_prefixes", json={"prefix": prefix, "region": "nyc3",
                                                                         "signature": "s"})
        assert status == 422 and message in body["message"], prefix
    bad = c.call("POST", "/v2/byoip_prefixes", "/v2/byoip_prefixes",
                 {"prefix": "192.0.2.0/24", "region": "nyc3", "signature": "invalid"}, expect=202)["byoip_prefix"]
    simulator._ctl("POST", "clock", {"advance": 1})
    got = c.call("GET", "/v2/byoip_prefixes/" + bad["uuid"], ITEM, expect=200)["byoip_prefix"]
    assert got["status"] == "failed" and got["failure_reason"]
    seeded = simulator.seed("byoip_prefixes", prefix="203.0.113.0/24", assigned=2)[0]
    ips = c.call("GET", "/v2/byoip_prefixes/%s/ips" % seeded, ITEM + "/ips", expect=200)["ips"]
    assert [ip["byoip"] for ip in ips] == ["203.0.113.10", "203.0.113.11"]
    status, body = simulator.api("POST", "/v2/byoip_prefixes", json={"prefix": "203.0.113.0/24", "region": "nyc3",
                                                                     "signature": "s"})
    assert status == 422 and "overlaps" in body["message"]
