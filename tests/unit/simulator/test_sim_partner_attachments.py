"""Partner Network Connect attachments (resources/partner_attachments.py): the rules of the
reference, every answer checked against the spec."""
from tests.helpers import Checker

BASE = "/v2/partner_network_connect/attachments"
ITEM = BASE + "/{pa_id}"
BGP = {"local_router_ip": "169.254.0.1/29", "peer_router_ip": "169.254.0.6/29", "peer_router_asn": 133937,
       "auth_key": "bgp-SECRET"}


def test_attachment_lifecycle(simulator):
    c = Checker(simulator)
    vpc, other = simulator.seed("vpcs", count=2, name_prefix="net")
    body = {"name": "to-aws", "connection_bandwidth_in_mbps": 1000, "region": "nyc", "naas_provider": "MEGAPORT",
            "vpc_ids": [vpc], "bgp": BGP}
    created = c.call("POST", BASE, BASE, body, expect=202)["partner_attachment"]
    assert created["state"] == "CREATED" and "auth_key" not in created["bgp"]
    path = BASE + "/" + created["id"]
    simulator._ctl("POST", "clock", {"advance": 1})
    assert c.call("GET", path, ITEM, expect=200)["partner_attachment"]["state"] == "active"
    moved = c.call("PATCH", path, ITEM, {"vpc_ids": [vpc, other]}, expect=202)["partner_attachment"]
    assert moved["vpc_ids"] == [vpc, other]
    assert c.call("PATCH", path, ITEM, {"name": "to-aws-2"}, expect=202)["partner_attachment"]["name"] == "to-aws-2"
    key = c.call("GET", path + "/bgp_auth_key", ITEM + "/bgp_auth_key", expect=200)["bgp_auth_key"]
    assert key["value"] == "bgp-SECRET"
    assert c.call("GET", path + "/remote_routes", ITEM + "/remote_routes", expect=200)["remote_routes"] == []
    assert c.call("GET", path + "/service_key", ITEM + "/service_key", expect=200)["service_key"]["value"]
    assert [a["id"] for a in c.call("GET", BASE, BASE, expect=200)["partner_attachments"]] == [created["id"]]
    status, _answer = simulator.api("POST", BASE, json=dict(body, name="to-aws-2"))
    assert status == 409
    status, answer = simulator.api("POST", BASE, json=dict(body, name="x", vpc_ids=["nope"]))
    assert status == 422 and "nope" in answer["message"]
    assert c.call("DELETE", path, ITEM, expect=202)["partner_attachment"]["state"] == "DELETING"
    simulator._ctl("POST", "clock", {"advance": 2})
    c.call("GET", path, ITEM, expect=404)
