"""Knob consistency_seconds: a resource created through the API is missing from GET (404) and
from lists for a while, then present; the create's own answer has it."""
from sim_realism_support import (CLUSTER, DROPLET, INBOUND, RULE, advance, app_body,
                                 certificate_body, created)

# kind -> (create path, create body, answer key, get path prefix, list path, list key)
KINDS = {
    "droplets": ("/v2/droplets", DROPLET, "droplet", "/v2/droplets/", "/v2/droplets", "droplets"),
    "volumes": ("/v2/volumes", {"name": "data", "region": "nyc3", "size_gigabytes": 10},
                "volume", "/v2/volumes/", "/v2/volumes", "volumes"),
    "load_balancers": ("/v2/load_balancers", {"name": "lb", "region": "nyc3", "droplet_ids": [],
                                              "forwarding_rules": [RULE]},
                       "load_balancer", "/v2/load_balancers/", "/v2/load_balancers", "load_balancers"),
    "databases": ("/v2/databases", CLUSTER, "database", "/v2/databases/", "/v2/databases", "databases"),
    "firewalls": ("/v2/firewalls", {"name": "fw", "inbound_rules": INBOUND}, "firewall",
                  "/v2/firewalls/", "/v2/firewalls", "firewalls"),
    "vpcs": ("/v2/vpcs", {"name": "net", "region": "nyc3"}, "vpc", "/v2/vpcs/", "/v2/vpcs", "vpcs"),
    "certificates": ("/v2/certificates", certificate_body(), "certificate", "/v2/certificates/",
                     "/v2/certificates", "certificates"),
    "apps": ("/v2/apps", app_body(), "app", "/v2/apps/", "/v2/apps", "apps"),
}


def listed_ids(simulator, path, key):
    status, body = simulator.api("GET", path)
    assert status == 200, body
    return [item["id"] for item in body[key]]


def create_all(simulator):
    out = {}
    for kind, (path, body, key, _get_prefix, _list_path, _list_key) in KINDS.items():
        expect = (200,) if kind == "apps" else (201, 202)
        out[kind] = created(simulator, path, body, key, expect)["id"]
    return out


def test_new_resources_are_invisible_for_consistency_seconds(simulator):
    simulator.config(consistency_seconds=5)
    ids = create_all(simulator)
    for kind, (_path, _body, key, get_prefix, list_path, list_key) in KINDS.items():
        status, body = simulator.api("GET", get_prefix + str(ids[kind]))
        assert status == 404 and body["id"] == "not_found", kind
        assert ids[kind] not in listed_ids(simulator, list_path, list_key), kind
    # a Droplet's sub-resources are hidden too, and a filtered list leaves it out
    assert simulator.api("GET", "/v2/droplets/%d/actions" % ids["droplets"])[0] == 404
    assert simulator.api("GET", "/v2/droplets", params={"name": "web-1"})[1]["droplets"] == []
    status, body = simulator.api("GET", "/v2/droplets")
    assert body["meta"]["total"] == 0
    advance(simulator, 5)
    for kind, (_path, _body, key, get_prefix, list_path, list_key) in KINDS.items():
        status, body = simulator.api("GET", get_prefix + str(ids[kind]))
        assert status == 200 and body[key]["id"] == ids[kind], kind
        assert ids[kind] in listed_ids(simulator, list_path, list_key), kind


def test_writes_reach_a_resource_that_reads_do_not_see_yet(simulator):
    simulator.config(consistency_seconds=5)
    vpc = created(simulator, "/v2/vpcs", {"name": "net", "region": "nyc3"}, "vpc")
    assert simulator.api("GET", "/v2/vpcs/%s" % vpc["id"])[0] == 404
    status, body = simulator.api("PATCH", "/v2/vpcs/%s" % vpc["id"], json={"description": "x"})
    assert status == 200 and body["vpc"]["description"] == "x"


def test_seeded_resources_are_visible_at_once(simulator):
    simulator.config(consistency_seconds=5)
    [droplet_id] = simulator.seed("droplets", count=1)
    assert simulator.api("GET", "/v2/droplets/%d" % droplet_id)[0] == 200


def test_off_everything_is_visible_at_once(simulator):
    assert simulator.config()["consistency_seconds"] == 0.0     # the fixture: realism off
    ids = create_all(simulator)
    for kind, (_path, _body, key, get_prefix, list_path, list_key) in KINDS.items():
        assert simulator.api("GET", get_prefix + str(ids[kind]))[0] == 200, kind
        assert ids[kind] in listed_ids(simulator, list_path, list_key), kind


def test_default_window_with_realism_on(simulator):
    config = simulator.config(realism=True)
    assert config["consistency_seconds"] == 2.0
    droplet = created(simulator, "/v2/droplets", DROPLET, "droplet")
    assert simulator.api("GET", "/v2/droplets/%d" % droplet["id"])[0] == 404
    advance(simulator, 1.5)
    assert simulator.api("GET", "/v2/droplets/%d" % droplet["id"])[0] == 404
    advance(simulator, 0.6)
    assert simulator.api("GET", "/v2/droplets/%d" % droplet["id"])[0] == 200
