"""VPC NAT gateways (resources/vpc_nat_gateways.py): the rules of the reference, every answer
checked against the spec."""
from tests.helpers import Checker

ITEM = "/v2/vpc_nat_gateways/{id}"


def test_gateway_is_provisioned_updated_filtered_and_deleted(simulator):
    c = Checker(simulator)
    vpc, other = simulator.seed("vpcs", count=2, name_prefix="net")
    body = {"name": "egress", "type": "PUBLIC", "region": "nyc3", "size": 1,
            "vpcs": [{"vpc_uuid": vpc, "default_gateway": True}], "udp_timeout_seconds": 60}
    created = c.call("POST", "/v2/vpc_nat_gateways", "/v2/vpc_nat_gateways", body, expect=202)["vpc_nat_gateway"]
    path = "/v2/vpc_nat_gateways/" + created["id"]
    got = c.call("GET", path, ITEM, expect=200)["vpc_nat_gateway"]
    assert got["state"] in ("NEW", "PROVISIONING")
    assert (got["udp_timeout_seconds"], got["icmp_timeout_seconds"], got["tcp_timeout_seconds"]) == (60, 30, 300)
    simulator._ctl("POST", "clock", {"advance": 1})
    got = c.call("GET", path, ITEM, expect=200)["vpc_nat_gateway"]
    assert got["state"] == "ACTIVE" and got["egresses"]["public_gateways"][0]["ipv4"]
    assert got["vpcs"][0]["vpc_uuid"] == vpc and got["vpcs"][0]["gateway_ip"]
    updated = c.call("PUT", path, ITEM, {"name": "egress-2", "size": 2,
                                         "vpcs": [{"vpc_uuid": vpc}, {"vpc_uuid": other}]},
                     expect=200)["vpc_nat_gateway"]
    assert updated["size"] == 2 and [v["vpc_uuid"] for v in updated["vpcs"]] == [vpc, other]
    assert updated["udp_timeout_seconds"] == 60   # left out: kept
    listed = c.call("GET", "/v2/vpc_nat_gateways", "/v2/vpc_nat_gateways",
                    params={"name": "egress-2", "region": "nyc3", "state": "active"}, expect=200)
    assert [g["id"] for g in listed["vpc_nat_gateways"]] == [created["id"]]
    assert c.call("GET", "/v2/vpc_nat_gateways", "/v2/vpc_nat_gateways", params={"region": "ams3"},
                  expect=200)["vpc_nat_gateways"] == []
    c.call("DELETE", path, ITEM, expect=202)
    assert c.call("GET", path, ITEM, expect=200)["vpc_nat_gateway"]["state"] == "DELETING"
    simulator._ctl("POST", "clock", {"advance": 2})
    c.call("GET", path, ITEM, expect=404)


def test_refusals(simulator):
    vpc = simulator.seed("vpcs", name_prefix="net")[0]
    far = simulator.seed("vpcs", region="ams3", name_prefix="far")[0]
    base = {"name": "egress", "type": "PUBLIC", "region": "nyc3", "size": 1}
    status, body = simulator.api("POST", "/v2/vpc_nat_gateways", json=dict(base, vpcs=[{"vpc_uuid": far}]))
    assert status == 422 and "is in ams3" in body["message"]
    status, body = simulator.api("POST", "/v2/vpc_nat_gateways", json=dict(base, vpcs=[]))
    assert status == 422
    status, body = simulator.api("POST", "/v2/vpc_nat_gateways", json=dict(base, size=0, vpcs=[{"vpc_uuid": vpc}]))
    assert status == 422 and body["message"].startswith("size")
    created = simulator.api("POST", "/v2/vpc_nat_gateways", json=dict(base, vpcs=[{"vpc_uuid": vpc}]))[1]
    status, _answer = simulator.api("PUT", "/v2/vpc_nat_gateways/" + created["vpc_nat_gateway"]["id"], json={"size": 2})
    assert status in (400, 422)   # name is required
