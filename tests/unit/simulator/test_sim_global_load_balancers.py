"""GLOBAL load balancers (resources/load_balancers.py): targets, glb_settings and domains, the
regional-only attributes refused, and a PUT that leaves the global fields out resetting them;
every answer checked against the spec."""
from tests.helpers import Checker

ITEM = "/v2/load_balancers/{lb_id}"
RULES = [{"entry_protocol": "http", "entry_port": 80, "target_protocol": "http", "target_port": 80}]


def _regional(c, name):
    body = {"name": name, "region": "nyc3", "droplet_ids": [], "forwarding_rules": RULES}
    return c.call("POST", "/v2/load_balancers", "/v2/load_balancers", body, expect=202)["load_balancer"]


def test_global_load_balancer_lifecycle(simulator):
    c = Checker(simulator)
    target = _regional(c, "web-nyc3")
    body = {"name": "web-global", "region": "nyc3", "type": "GLOBAL", "droplet_ids": [], "forwarding_rules": RULES,
            "glb_settings": {"target_protocol": "http", "target_port": 80, "region_priorities": {"nyc3": 1},
                             "failover_threshold": 50, "cdn": {"is_enabled": True}},
            "target_load_balancer_ids": [target["id"]], "domains": [{"name": "example.com", "is_managed": True}]}
    glb = c.call("POST", "/v2/load_balancers", "/v2/load_balancers", body, expect=202)["load_balancer"]
    assert glb["type"] == "GLOBAL" and glb["target_load_balancer_ids"] == [target["id"]]
    assert glb["glb_settings"]["cdn"] == {"is_enabled": True} and "size_unit" not in glb and "vpc_uuid" not in glb
    path = "/v2/load_balancers/" + glb["id"]
    full = {k: v for k, v in body.items() if k != "type"}
    updated = c.call("PUT", path, ITEM, dict(full, glb_settings=dict(body["glb_settings"], failover_threshold=30)),
                     expect=200)["load_balancer"]
    assert updated["glb_settings"]["failover_threshold"] == 30 and updated["domains"][0]["name"] == "example.com"
    # A PUT that leaves the global fields out resets them, like any mutable attribute.
    reset = c.call("PUT", path, ITEM, {"name": "web-global", "region": "nyc3", "droplet_ids": [],
                                       "forwarding_rules": RULES}, expect=200)["load_balancer"]
    assert reset["glb_settings"] == {} and reset["target_load_balancer_ids"] == [] and reset["domains"] == []


def test_refusals(simulator):
    c = Checker(simulator)
    target = _regional(c, "web-nyc3")
    droplet = simulator.seed("droplets")[0]
    base = {"name": "g", "region": "nyc3", "type": "GLOBAL", "forwarding_rules": RULES}
    for extra, message in ((dict(droplet_ids=[droplet]), "not to Droplets"),
                           (dict(droplet_ids=[], size_unit=2), "no size_unit"),
                           (dict(droplet_ids=[], glb_settings={"target_port": 80}), "target_protocol"),
                           (dict(droplet_ids=[], target_load_balancer_ids=["nope"]), "not found")):
        status, answer = simulator.api("POST", "/v2/load_balancers", json=dict(base, **extra))
        assert status == 422 and message in answer["message"], (extra, answer)
    glb = simulator.api("POST", "/v2/load_balancers", json=dict(base, droplet_ids=[]))[1]["load_balancer"]
    status, answer = simulator.api("POST", "/v2/load_balancers", json=dict(
        base, droplet_ids=[], target_load_balancer_ids=[glb["id"]]))
    assert status == 422 and "is a GLOBAL" in answer["message"]
    status, answer = simulator.api("PUT", "/v2/load_balancers/" + target["id"], json={
        "name": "web-nyc3", "region": "nyc3", "droplet_ids": [], "forwarding_rules": RULES,
        "glb_settings": {"target_protocol": "http", "target_port": 80}})
    assert status == 422 and "only a GLOBAL" in answer["message"]
