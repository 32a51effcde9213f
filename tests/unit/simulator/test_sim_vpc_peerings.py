"""VPC peerings (resources/vpc_peerings.py): the rules of the reference, every answer checked
against the spec."""
from tests.helpers import Checker

ITEM = "/v2/vpc_peerings/{vpc_peering_id}"


def _vpcs(simulator, count=3):
    return simulator.seed("vpcs", count=count, name_prefix="net")


def test_peering_is_provisioned_renamed_listed_and_deleted(simulator):
    c = Checker(simulator)
    a, b, _other = _vpcs(simulator)
    created = c.call("POST", "/v2/vpc_peerings", "/v2/vpc_peerings", {"name": "a-b", "vpc_ids": [a, b]},
                     expect=202)["vpc_peering"]
    assert created["status"] == "PROVISIONING" and created["vpc_ids"] == [a, b]
    path = "/v2/vpc_peerings/" + created["id"]
    simulator._ctl("POST", "clock", {"advance": 1})
    assert c.call("GET", path, ITEM, expect=200)["vpc_peering"]["status"] == "ACTIVE"
    renamed = c.call("PATCH", path, ITEM, {"name": "a-to-b"}, expect=200)["vpc_peering"]
    assert renamed["name"] == "a-to-b"
    listed = c.call("GET", "/v2/vpc_peerings", "/v2/vpc_peerings", expect=200)
    assert [p["id"] for p in listed["vpc_peerings"]] == [created["id"]] and listed["meta"]["total"] == 1
    by_vpc = c.call("GET", "/v2/vpcs/%s/peerings" % b, "/v2/vpcs/{vpc_id}/peerings", expect=200)
    assert [p["id"] for p in by_vpc["peerings"]] == [created["id"]]
    assert c.call("GET", "/v2/vpc_peerings", "/v2/vpc_peerings", params={"region": "sfo3"},
                  expect=200)["vpc_peerings"] == []
    assert c.call("DELETE", path, ITEM, expect=202)["vpc_peering"]["status"] == "DELETING"
    simulator._ctl("POST", "clock", {"advance": 2})
    c.call("GET", path, ITEM, expect=404)


def test_refusals(simulator):
    c = Checker(simulator)
    a, b, d = _vpcs(simulator)
    status, body = simulator.api("POST", "/v2/vpc_peerings", json={"name": "self", "vpc_ids": [a, a]})
    assert status == 422 and "two different VPCs" in body["message"]
    missing = "5a4981aa-9653-4bd1-bef5-d6bff52042e4"
    status, body = simulator.api("POST", "/v2/vpc_peerings", json={"name": "x", "vpc_ids": [a, missing]})
    assert status == 422 and missing in body["message"]
    c.call("POST", "/v2/vpc_peerings", "/v2/vpc_peerings", {"name": "one", "vpc_ids": [a, b]}, expect=202)
    status, body = simulator.api("POST", "/v2/vpc_peerings", json={"name": "two", "vpc_ids": [b, a]})
    assert status == 409 and "already peered" in body["message"]
    status, body = simulator.api("POST", "/v2/vpc_peerings", json={"name": "one", "vpc_ids": [a, d]})
    assert status == 409
    # The spec's pattern: letters, digits and dashes only.
    status, _answer = simulator.api("POST", "/v2/vpc_peerings", json={"name": "a.b", "vpc_ids": [a, d]})
    assert status in (400, 422)
