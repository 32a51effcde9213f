"""Knobs dependant_errors / dependant_release_seconds: deletes blocked by dependants, and for a
while after the last one left (VPC 409, project 412, certificate 403)."""
from sim_realism_support import CLUSTER, DROPLET, RULE, advance, certificate_body, created, new_project

HTTPS = {"entry_protocol": "https", "entry_port": 443, "target_protocol": "http", "target_port": 80}


def delete(simulator, path):
    return simulator.api("DELETE", path)


def test_vpc_with_members_answers_409_until_they_are_gone_for_a_while(simulator):
    simulator.config(dependant_errors=True, dependant_release_seconds=3)
    vpc = created(simulator, "/v2/vpcs", {"name": "net", "region": "nyc3"}, "vpc")
    d = created(simulator, "/v2/droplets", dict(DROPLET, vpc_uuid=vpc["id"]), "droplet")
    lb = created(simulator, "/v2/load_balancers", {"name": "lb", "region": "nyc3", "droplet_ids": [],
                                                   "forwarding_rules": [RULE], "vpc_uuid": vpc["id"]},
                 "load_balancer")
    db = created(simulator, "/v2/databases", dict(CLUSTER, private_network_uuid=vpc["id"]), "database")
    members = simulator.api("GET", "/v2/vpcs/%s/members" % vpc["id"])[1]["members"]
    assert sorted(m["urn"].split(":")[1] for m in members) == ["dbaas", "droplet", "loadbalancer"]
    status, body = delete(simulator, "/v2/vpcs/%s" % vpc["id"])
    assert status == 409 and body["id"] == "conflict"
    assert body["message"] == "Can not delete VPC with members"
    assert delete(simulator, "/v2/droplets/%d" % d["id"])[0] == 204
    assert delete(simulator, "/v2/load_balancers/%s" % lb["id"])[0] == 204
    assert delete(simulator, "/v2/vpcs/%s" % vpc["id"])[0] == 409       # the cluster is left
    assert delete(simulator, "/v2/databases/%s" % db["id"])[0] == 204
    advance(simulator, 2.5)
    assert delete(simulator, "/v2/vpcs/%s" % vpc["id"])[0] == 409       # released 2.5 s ago
    advance(simulator, 0.6)
    assert delete(simulator, "/v2/vpcs/%s" % vpc["id"])[0] == 204


def test_vpc_off_answers_403_for_droplets_only(simulator):
    vpc = created(simulator, "/v2/vpcs", {"name": "net", "region": "nyc3"}, "vpc")
    d = created(simulator, "/v2/droplets", dict(DROPLET, vpc_uuid=vpc["id"]), "droplet")
    created(simulator, "/v2/databases", dict(CLUSTER, private_network_uuid=vpc["id"]), "database")
    assert delete(simulator, "/v2/vpcs/%s" % vpc["id"])[0] == 403
    members = simulator.api("GET", "/v2/vpcs/%s/members" % vpc["id"])[1]["members"]
    assert [m["urn"] for m in members] == ["do:droplet:%d" % d["id"]]
    assert delete(simulator, "/v2/droplets/%d" % d["id"])[0] == 204
    assert delete(simulator, "/v2/vpcs/%s" % vpc["id"])[0] == 204        # at once, cluster or not


def move(simulator, project_id, urns):
    status, body = simulator.api("POST", "/v2/projects/%s/resources" % project_id,
                                 json={"resources": urns})
    assert status == 200, body
    return body


def test_project_left_by_a_move_cannot_be_deleted_for_a_while(simulator):
    simulator.config(dependant_errors=True, dependant_release_seconds=3)
    [droplet_id] = simulator.seed("droplets", count=1)
    shop, other = new_project(simulator, "shop"), new_project(simulator, "other")
    move(simulator, shop["id"], ["do:droplet:%d" % droplet_id])
    assert delete(simulator, "/v2/projects/%s" % shop["id"])[0] == 412
    move(simulator, other["id"], ["do:droplet:%d" % droplet_id])
    status, body = delete(simulator, "/v2/projects/%s" % shop["id"])
    assert status == 412 and body["id"] == "precondition_failed"
    assert "cannot delete a project with resources" in body["message"]
    advance(simulator, 3.1)
    assert delete(simulator, "/v2/projects/%s" % shop["id"])[0] == 204
    # a project nothing ever left is deleted at once
    assert delete(simulator, "/v2/projects/%s" % new_project(simulator, "empty")["id"])[0] == 204


def test_project_off_is_deleted_as_soon_as_it_is_empty(simulator):
    [droplet_id] = simulator.seed("droplets", count=1)
    shop, other = new_project(simulator, "shop"), new_project(simulator, "other")
    move(simulator, shop["id"], ["do:droplet:%d" % droplet_id])
    move(simulator, other["id"], ["do:droplet:%d" % droplet_id])
    assert delete(simulator, "/v2/projects/%s" % shop["id"])[0] == 204


def test_certificate_in_use_answers_403_until_released_for_a_while(simulator):
    simulator.config(dependant_errors=True, dependant_release_seconds=3)
    cert = created(simulator, "/v2/certificates", certificate_body(), "certificate")
    rule = dict(HTTPS, certificate_id=cert["id"])
    lb = created(simulator, "/v2/load_balancers", {"name": "lb", "region": "nyc3", "droplet_ids": [],
                                                   "forwarding_rules": [rule]}, "load_balancer")
    status, body = delete(simulator, "/v2/certificates/%s" % cert["id"])
    assert status == 403 and body["id"] == "forbidden"
    assert "Make sure the certificate is not in use before deleting it" in body["message"]
    assert delete(simulator, "/v2/load_balancers/%s" % lb["id"])[0] == 204
    assert delete(simulator, "/v2/certificates/%s" % cert["id"])[0] == 403
    advance(simulator, 3.1)
    assert delete(simulator, "/v2/certificates/%s" % cert["id"])[0] == 204


def test_certificate_of_a_cdn_endpoint(simulator):
    simulator.config(dependant_errors=True, dependant_release_seconds=3)
    cert = created(simulator, "/v2/certificates", certificate_body(), "certificate")
    endpoint = created(simulator, "/v2/cdn/endpoints", {
        "origin": "assets.nyc3.digitaloceanspaces.com", "custom_domain": "static.example.com",
        "certificate_id": cert["id"]}, "endpoint")
    assert delete(simulator, "/v2/certificates/%s" % cert["id"])[0] == 403
    status, _body = simulator.api("PUT", "/v2/cdn/endpoints/%s" % endpoint["id"], json={"custom_domain": ""})
    assert status == 200
    assert delete(simulator, "/v2/certificates/%s" % cert["id"])[0] == 403   # released just now
    advance(simulator, 3.1)
    assert delete(simulator, "/v2/certificates/%s" % cert["id"])[0] == 204


def test_certificate_off_422_then_deleted_at_once(simulator):
    cert = created(simulator, "/v2/certificates", certificate_body(), "certificate")
    lb = created(simulator, "/v2/load_balancers", {
        "name": "lb", "region": "nyc3", "droplet_ids": [],
        "forwarding_rules": [dict(HTTPS, certificate_id=cert["id"])]}, "load_balancer")
    assert delete(simulator, "/v2/certificates/%s" % cert["id"])[0] == 422
    assert delete(simulator, "/v2/load_balancers/%s" % lb["id"])[0] == 204
    assert delete(simulator, "/v2/certificates/%s" % cert["id"])[0] == 204


def test_default_release_window_with_realism_on(simulator):
    config = simulator.config(realism=True, consistency_seconds=0)
    assert config["dependant_errors"] is True and config["dependant_release_seconds"] == 3.0
    vpc = created(simulator, "/v2/vpcs", {"name": "net", "region": "nyc3"}, "vpc")
    d = created(simulator, "/v2/droplets", dict(DROPLET, vpc_uuid=vpc["id"]), "droplet")
    assert delete(simulator, "/v2/droplets/%d" % d["id"])[0] == 204
    advance(simulator, 2.9)
    assert delete(simulator, "/v2/vpcs/%s" % vpc["id"])[0] == 409
    advance(simulator, 0.2)
    assert delete(simulator, "/v2/vpcs/%s" % vpc["id"])[0] == 204
