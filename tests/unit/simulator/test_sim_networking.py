"""VPCs, firewalls and reserved IPs in the simulator: behaviour, and answers that match the spec."""
import time

from tests.helpers import Checker

RULE_22 = {"protocol": "tcp", "ports": "22", "sources": {"addresses": ["0.0.0.0/0"]}}


def test_answers_match_the_spec(simulator):
    c = Checker(simulator)
    [did] = simulator.seed(count=1)
    vpc = c.call("POST", "/v2/vpcs", "/v2/vpcs", {"name": "net", "region": "nyc3"}, expect=201)["vpc"]
    c.call("GET", "/v2/vpcs", "/v2/vpcs", expect=200)
    c.call("GET", "/v2/vpcs/%s" % vpc["id"], "/v2/vpcs/{vpc_id}", expect=200)
    c.call("PATCH", "/v2/vpcs/%s" % vpc["id"], "/v2/vpcs/{vpc_id}", {"description": "d"}, expect=200)
    c.call("PUT", "/v2/vpcs/%s" % vpc["id"], "/v2/vpcs/{vpc_id}", {"name": "net2"}, expect=200)
    c.call("GET", "/v2/vpcs/%s/members" % vpc["id"], "/v2/vpcs/{vpc_id}/members", expect=200)

    c.call("POST", "/v2/tags", "/v2/tags", {"name": "web"}, expect=201)
    fw = c.call("POST", "/v2/firewalls", "/v2/firewalls", {
        "name": "fw", "inbound_rules": [RULE_22, {"protocol": "icmp", "ports": "0",
                                                  "sources": {"tags": ["web"]}}],
        "droplet_ids": [did], "tags": ["web"]}, expect=202)["firewall"]
    path = "/v2/firewalls/%s" % fw["id"]
    c.call("GET", "/v2/firewalls", "/v2/firewalls", expect=200)
    c.call("GET", path, "/v2/firewalls/{firewall_id}", expect=200)
    c.call("PUT", path, "/v2/firewalls/{firewall_id}", {"name": "fw", "inbound_rules": [RULE_22]}, expect=200)
    c.call("POST", path + "/droplets", "/v2/firewalls/{firewall_id}/droplets", {"droplet_ids": [did]}, expect=204)
    c.call("POST", path + "/tags", "/v2/firewalls/{firewall_id}/tags", {"tags": ["web"]}, expect=204)
    c.call("GET", "/v2/droplets/%d/firewalls" % did, "/v2/droplets/{droplet_id}/firewalls", expect=200)
    c.call("DELETE", path + "/tags", "/v2/firewalls/{firewall_id}/tags", {"tags": ["web"]}, expect=204)
    c.call("DELETE", path + "/droplets", "/v2/firewalls/{firewall_id}/droplets", {"droplet_ids": [did]},
           expect=204)

    created = c.call("POST", "/v2/reserved_ips", "/v2/reserved_ips", {"droplet_id": did}, expect=202)
    ip = created["reserved_ip"]["ip"]
    c.call("POST", "/v2/reserved_ips", "/v2/reserved_ips", {"region": "nyc3"}, expect=202)
    c.call("GET", "/v2/reserved_ips", "/v2/reserved_ips", expect=200)
    c.call("GET", "/v2/reserved_ips/%s" % ip, "/v2/reserved_ips/{reserved_ip}", expect=200)
    time.sleep(0.25)
    action = c.call("POST", "/v2/reserved_ips/%s/actions" % ip, "/v2/reserved_ips/{reserved_ip}/actions",
                    {"type": "unassign"}, expect=201)["action"]
    c.call("GET", "/v2/reserved_ips/%s/actions" % ip, "/v2/reserved_ips/{reserved_ip}/actions", expect=200)
    c.call("GET", "/v2/reserved_ips/%s/actions/%d" % (ip, action["id"]),
           "/v2/reserved_ips/{reserved_ip}/actions/{action_id}", expect=200)
    c.call("DELETE", "/v2/reserved_ips/%s" % ip, "/v2/reserved_ips/{reserved_ip}", expect=204)
    c.call("DELETE", path, "/v2/firewalls/{firewall_id}", expect=204)
    c.call("DELETE", "/v2/vpcs/%s" % vpc["id"], "/v2/vpcs/{vpc_id}", expect=204)


def test_vpc_rules(simulator):
    status, body = simulator.api("POST", "/v2/vpcs", json={"name": "a", "region": "nyc3", "ip_range": "10.10.0.0/20"})
    assert status == 201 and body["vpc"]["default"] is False
    first = body["vpc"]
    assert simulator.api("POST", "/v2/vpcs", json={"name": "a", "region": "fra1"})[0] == 409
    for bad in ("8.8.8.0/24", "10.20.0.0/12", "10.30.0.0/29", "10.10.4.0/24", "10.1.0.1/24", "nonsense"):
        status, body = simulator.api("POST", "/v2/vpcs", json={"name": "b", "region": "nyc3", "ip_range": bad})
        assert status == 422 and "ip_range" in body["message"], bad
    status, body = simulator.api("POST", "/v2/vpcs", json={"name": "b", "region": "nyc3"})
    second = body["vpc"]
    assert second["ip_range"].endswith("/20") and second["ip_range"] != first["ip_range"]
    # making one the default unsets the other; default cannot be unset; the default cannot be deleted
    simulator.api("PATCH", "/v2/vpcs/%s" % first["id"], json={"default": True})
    simulator.api("PATCH", "/v2/vpcs/%s" % second["id"], json={"default": True})
    assert simulator.api("GET", "/v2/vpcs/%s" % first["id"])[1]["vpc"]["default"] is False
    assert simulator.api("PATCH", "/v2/vpcs/%s" % second["id"], json={"default": False})[0] == 422
    assert simulator.api("DELETE", "/v2/vpcs/%s" % second["id"])[0] == 403
    # PUT needs the name and resets what it leaves out
    simulator.api("PATCH", "/v2/vpcs/%s" % first["id"], json={"description": "keep?"})
    assert simulator.api("PUT", "/v2/vpcs/%s" % first["id"], json={"description": "x"})[0] == 422
    status, body = simulator.api("PUT", "/v2/vpcs/%s" % first["id"], json={"name": "a2"})
    assert body["vpc"]["description"] == "" and body["vpc"]["name"] == "a2"
    # a VPC with members cannot be deleted
    status, body = simulator.api("POST", "/v2/droplets", json={
        "name": "m", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64", "vpc_uuid": first["id"]})
    members = simulator.api("GET", "/v2/vpcs/%s/members" % first["id"])[1]["members"]
    assert [m["name"] for m in members] == ["m"]
    assert simulator.api("DELETE", "/v2/vpcs/%s" % first["id"])[0] == 403
    simulator.api("DELETE", "/v2/droplets/%d" % body["droplet"]["id"])
    assert simulator.api("DELETE", "/v2/vpcs/%s" % first["id"])[0] == 204


def test_firewall_rules(simulator):
    d1, d2 = simulator.seed(count=2)
    base = {"name": "fw", "inbound_rules": [RULE_22]}
    assert simulator.api("POST", "/v2/firewalls", json={"name": "fw"})[0] == 422
    assert simulator.api("POST", "/v2/firewalls", json={"name": "fw", "inbound_rules": []})[0] == 422
    for rule, where in [
        ({"protocol": "tcp", "ports": "70000", "sources": {"addresses": ["1.2.3.4"]}}, "ports"),
        ({"protocol": "tcp", "ports": "90-80", "sources": {"addresses": ["1.2.3.4"]}}, "ports"),
        ({"protocol": "tcp", "ports": "80", "sources": {"addresses": ["1.2.3.400"]}}, "addresses"),
        ({"protocol": "tcp", "ports": "80", "sources": {}}, "sources"),
        ({"protocol": "tcp", "ports": "80", "sources": {"tags": ["nope"]}}, "tags"),
        ({"protocol": "tcp", "ports": "80", "sources": {"droplet_ids": [1]}}, "droplet_ids"),
    ]:
        status, body = simulator.api("POST", "/v2/firewalls", json={"name": "fw", "inbound_rules": [rule]})
        assert status == 422 and where in body["message"], (rule, body)
    status, body = simulator.api("POST", "/v2/firewalls", json=dict(base, droplet_ids=[d1, d2], outbound_rules=[
        {"protocol": "icmp", "ports": "0", "destinations": {"addresses": ["::/0"]}},
        {"protocol": "udp", "ports": "all", "destinations": {"droplet_ids": [d2]}}]))
    fw = body["firewall"]
    assert fw["status"] == "succeeded" and [r["ports"] for r in fw["outbound_rules"]] == ["0", "0"]
    # PUT replaces everything: droplets left out are removed
    status, body = simulator.api("PUT", "/v2/firewalls/%s" % fw["id"], json=dict(base, droplet_ids=[d2]))
    assert body["firewall"]["droplet_ids"] == [d2] and body["firewall"]["outbound_rules"] == []
    assert simulator.api("PUT", "/v2/firewalls/%s" % fw["id"], json={"inbound_rules": [RULE_22]})[0] == 422
    # a deleted droplet leaves the firewall
    simulator.api("DELETE", "/v2/droplets/%d" % d2)
    assert simulator.api("GET", "/v2/firewalls/%s" % fw["id"])[1]["firewall"]["droplet_ids"] == []


def test_reserved_ip_rules(simulator):
    [d1] = simulator.seed(count=1)
    [d2] = simulator.seed(count=1, name_prefix="two")
    [far] = simulator.seed(count=1, region="sfo3", name_prefix="far")
    assert simulator.api("POST", "/v2/reserved_ips", json={"region": "nyc3", "droplet_id": d1})[0] in (400, 422)
    status, body = simulator.api("POST", "/v2/reserved_ips", json={"droplet_id": d1})
    assert status == 202 and body["reserved_ip"]["droplet"]["id"] == d1
    assert body["reserved_ip"]["locked"] is True and body["links"]["actions"][0]["rel"] == "assign_ip"
    ip = body["reserved_ip"]["ip"]
    assert simulator.api("POST", "/v2/reserved_ips", json={"droplet_id": d1})[0] == 422
    path = "/v2/reserved_ips/%s" % ip
    assert simulator.api("POST", path + "/actions", json={"type": "unassign"})[0] == 422    # locked
    time.sleep(0.25)
    assert simulator.api("DELETE", path)[0] == 422                                          # assigned
    assert simulator.api("POST", path + "/actions", json={"type": "assign", "droplet_id": far})[0] == 422
    status, body = simulator.api("POST", path + "/actions", json={"type": "assign", "droplet_id": d2})
    assert status == 201 and body["action"]["type"] == "assign_ip"
    assert simulator.api("GET", path)[1]["reserved_ip"]["droplet"]["id"] == d2
    simulator.api("DELETE", "/v2/droplets/%d" % d2)
    assert simulator.api("GET", path)[1]["reserved_ip"]["droplet"] is None
    assert simulator.api("DELETE", path) == (204, None)
    assert simulator.api("GET", path)[0] == 404
