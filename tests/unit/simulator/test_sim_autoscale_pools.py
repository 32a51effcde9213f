"""Droplet autoscale pools (resources/autoscale_pools.py): the rules of the reference, every answer
checked against the spec."""
import requests

from tests.helpers import Checker

ITEM = "/v2/droplets/autoscale/{autoscale_pool_id}"
TEMPLATE = {"region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64", "ssh_keys": [], "tags": ["web"],
            "user_data": "#cloud-config\n"}


def _advance(simulator, seconds=1):
    simulator._ctl("POST", "clock", {"advance": seconds})


def test_pool_scales_updates_lists_and_deletes_keeping_its_droplets(simulator):
    c = Checker(simulator)
    body = {"name": "web", "config": {"min_instances": 2, "max_instances": 4, "target_cpu_utilization": 0.6},
            "droplet_template": TEMPLATE}
    pool = c.call("POST", "/v2/droplets/autoscale", "/v2/droplets/autoscale", body, expect=202)["autoscale_pool"]
    assert pool["status"] == "active" and pool["config"]["cooldown_minutes"] == 10
    path = "/v2/droplets/autoscale/" + pool["id"]
    members = c.call("GET", path + "/members", ITEM + "/members", expect=200)["droplets"]
    assert [m["status"] for m in members] == ["provisioning", "provisioning"]
    _advance(simulator)
    assert c.call("GET", path, ITEM, expect=200)["autoscale_pool"]["active_resources_count"] == 2
    status, answer = simulator.api("PUT", path, json={"config": {"target_number_instances": 3}})
    assert status in (400, 422)   # the full pool is required
    updated = c.call("PUT", path, ITEM, dict(body, config={"target_number_instances": 3}), expect=200)["autoscale_pool"]
    assert updated["config"] == {"target_number_instances": 3}
    assert len(c.call("GET", path + "/members", ITEM + "/members", expect=200)["droplets"]) == 3
    history = c.call("GET", path + "/history", ITEM + "/history", expect=200)["history"]
    events = [(h["reason"], h["desired_instance_count"]) for h in history]
    assert events == [("CONFIGURATION_CHANGE", 2), ("CONFIGURATION_CHANGE", 3)]
    listed = c.call("GET", "/v2/droplets/autoscale", "/v2/droplets/autoscale", params={"name": "web"}, expect=200)
    assert [p["id"] for p in listed["autoscale_pools"]] == [pool["id"]]
    status, answer = simulator.api("PUT", path, json=dict(body, name="other"))
    assert status == 422 and "cannot be updated" in answer["message"]
    c.call("DELETE", path, ITEM, expect=202)
    assert c.call("GET", path, ITEM, expect=200)["autoscale_pool"]["status"] == "deleting"
    _advance(simulator, 2)
    c.call("GET", path, ITEM, expect=404)
    assert len(simulator.state("droplets")) == 3


def test_the_dangerous_delete_destroys_the_droplets(simulator):
    c = Checker(simulator)
    pool = simulator.seed("autoscale_pools", instances=2)[0]
    path = "/v2/droplets/autoscale/%s/dangerous" % pool
    resp = requests.delete(simulator.url + path, headers={"Authorization": "Bearer " + simulator.token}, timeout=10)
    assert resp.status_code in (400, 422)   # X-Dangerous is required
    resp = requests.delete(simulator.url + path, headers={"Authorization": "Bearer " + simulator.token,
                                                          "X-Dangerous": "true"}, timeout=10)
    assert resp.status_code == 202
    assert simulator.state("droplets") == []
    assert c.call("GET", "/v2/droplets/autoscale/" + pool, ITEM, expect=200)["autoscale_pool"]["status"] == "deleting"


def test_refusals(simulator):
    base = {"name": "web", "droplet_template": TEMPLATE}
    for config, message in (({"min_instances": 3, "max_instances": 2, "target_cpu_utilization": 0.5}, "exceed"),
                            ({"min_instances": 1, "max_instances": 2}, "needs target_cpu_utilization"),
                            ({"target_number_instances": 2, "min_instances": 1}, "static config")):
        status, answer = simulator.api("POST", "/v2/droplets/autoscale", json=dict(base, config=config))
        assert status == 422 and message in answer["message"], (config, answer)
    far = simulator.seed("vpcs", region="ams3")[0]
    status, answer = simulator.api("POST", "/v2/droplets/autoscale", json=dict(
        base, config={"target_number_instances": 1}, droplet_template=dict(TEMPLATE, vpc_uuid=far)))
    assert status == 422 and "not a VPC of region nyc3" in answer["message"]
    status, _answer = simulator.api("POST", "/v2/droplets/autoscale", json=dict(
        base, config={"target_number_instances": 1}, droplet_template=dict(TEMPLATE, size="nope")))
    assert status == 422
