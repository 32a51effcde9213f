"""Reserved IPv6 (resources/reserved_ipv6.py): the rules of the reference, every answer checked
against the spec."""
from tests.helpers import Checker

ITEM = "/v2/reserved_ipv6/{reserved_ipv6}"
ACTIONS = ITEM + "/actions"


def test_create_assign_move_unassign_and_delete(simulator):
    c = Checker(simulator)
    first, second = simulator.seed("droplets", count=2, ipv6=True)
    created = c.call("POST", "/v2/reserved_ipv6", "/v2/reserved_ipv6", {"region_slug": "nyc3"},
                     expect=201)["reserved_ipv6"]
    address = created["ip"]
    path = "/v2/reserved_ipv6/" + address
    assert created["region_slug"] == "nyc3"
    action = c.call("POST", path + "/actions", ACTIONS, {"type": "assign", "droplet_id": first},
                    expect=201)["action"]
    assert action["type"] == "assign_ip" and action["resource_type"] == "reserved_ipv6"
    status, body = simulator.api("POST", path + "/actions", json={"type": "unassign"})
    assert status == 422 and "pending event" in body["message"]
    simulator._ctl("POST", "clock", {"advance": 1})
    got = c.call("GET", path, ITEM, expect=200)["reserved_ipv6"]
    assert got["droplet"]["id"] == first
    c.call("POST", path + "/actions", ACTIONS, {"type": "assign", "droplet_id": second}, expect=201)
    simulator._ctl("POST", "clock", {"advance": 1})
    status, body = simulator.api("DELETE", path)
    assert status == 422 and "unassign it" in body["message"]
    listed = c.call("GET", "/v2/reserved_ipv6", "/v2/reserved_ipv6", expect=200)
    assert [(r["ip"], r["droplet"]["id"]) for r in listed["reserved_ipv6s"]] == [(address, second)]
    c.call("POST", path + "/actions", ACTIONS, {"type": "unassign"}, expect=201)
    simulator._ctl("POST", "clock", {"advance": 1})
    assert c.call("GET", path, ITEM, expect=200)["reserved_ipv6"]["droplet"] is None
    c.call("DELETE", path, ITEM, expect=204)
    c.call("GET", path, ITEM, expect=404)


def test_assignment_refusals_and_a_deleted_droplet(simulator):
    v4_only = simulator.seed("droplets")[0]
    other_region = simulator.seed("droplets", region="ams3", ipv6=True)[0]
    holder = simulator.seed("droplets", ipv6=True)[0]
    address = simulator.seed("reserved_ipv6")[0]
    path = "/v2/reserved_ipv6/" + address
    status, body = simulator.api("POST", path + "/actions", json={"type": "assign", "droplet_id": v4_only})
    assert status == 422 and "IPv6 is not enabled" in body["message"]
    status, body = simulator.api("POST", path + "/actions", json={"type": "assign", "droplet_id": other_region})
    assert status == 422 and "ams3" in body["message"]
    status, body = simulator.api("POST", path + "/actions", json={"type": "unassign"})
    assert status == 422 and "not assigned" in body["message"]
    assert simulator.api("POST", path + "/actions", json={"type": "assign", "droplet_id": holder})[0] == 201
    simulator._ctl("POST", "clock", {"advance": 1})
    assert simulator.api("DELETE", "/v2/droplets/%d" % holder)[0] == 204
    assert simulator.api("GET", path)[1]["reserved_ipv6"]["droplet"] is None
    status, body = simulator.api("POST", "/v2/reserved_ipv6", json={"region_slug": "xyz9"})
    assert status == 422
