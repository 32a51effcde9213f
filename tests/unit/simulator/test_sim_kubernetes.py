"""DigitalOcean Kubernetes (resources/kubernetes.py): the rules of the reference, every answer
checked against the spec."""
import yaml

import requests

from tests.helpers import Checker

CLUSTERS = "/v2/kubernetes/clusters"
ITEM = CLUSTERS + "/{cluster_id}"
POOLS = ITEM + "/node_pools"
POOL = POOLS + "/{node_pool_id}"


def cluster_body(**overrides):
    body = {"name": "prod", "region": "nyc3", "version": "latest", "tags": ["web"],
            "node_pools": [{"name": "workers", "size": "s-2vcpu-4gb", "count": 2, "labels": {"tier": "web"}},
                           {"name": "burst", "size": "s-2vcpu-4gb", "count": 1, "auto_scale": True,
                            "min_nodes": 1, "max_nodes": 3}],
            "maintenance_policy": {"day": "sunday", "start_time": "03:00"}}
    body.update(overrides)
    return body


def node_droplets(simulator, cluster_id):
    status, body = simulator.api("GET", "/v2/droplets", params={"tag_name": "k8s:" + cluster_id})
    assert status == 200
    return body["droplets"]


def test_cluster_is_provisioned_updated_upgraded_and_deleted(simulator):
    c = Checker(simulator)
    options = c.call("GET", "/v2/kubernetes/options", "/v2/kubernetes/options", expect=200)["options"]
    newest = options["versions"][0]["slug"]
    created = c.call("POST", CLUSTERS, CLUSTERS, cluster_body(), expect=201)["kubernetes_cluster"]
    path = CLUSTERS + "/" + created["id"]
    assert created["version"] == newest and created["status"]["state"] == "provisioning"
    assert created["tags"] == ["k8s", "k8s:" + created["id"], "web"]
    assert created["maintenance_policy"]["day"] == "sunday"
    droplets = node_droplets(simulator, created["id"])
    assert len(droplets) == 3
    assert all({"k8s", "k8s:worker", "k8s:" + created["id"]} <= set(d["tags"]) for d in droplets)
    simulator._ctl("POST", "clock", {"advance": 5})
    got = c.call("GET", path, ITEM, expect=200)["kubernetes_cluster"]
    assert got["status"]["state"] == "running" and got["registry_enabled"] is False
    listed = c.call("GET", CLUSTERS, CLUSTERS, expect=200)["kubernetes_clusters"]
    assert [item["id"] for item in listed] == [created["id"]]

    updated = c.call("PUT", path, ITEM, {"name": "prod", "tags": ["web", "team"], "auto_upgrade": True,
                                         "maintenance_policy": {"day": "monday", "start_time": "04:00"},
                                         "ha": True}, expect=202)["kubernetes_cluster"]
    assert updated["auto_upgrade"] is True and updated["ha"] is True
    assert updated["maintenance_policy"] == {"day": "monday", "start_time": "04:00", "duration": "4h0m0s"}
    status, body = simulator.api("PUT", path, json={"name": "prod", "ha": False})
    assert status == 422 and "cannot be turned off" in body["message"]

    # The oldest version has upgrades; the newest has none.
    old = c.call("POST", CLUSTERS, CLUSTERS, cluster_body(name="old", version="1.31.9-do.0"),
                 expect=201)["kubernetes_cluster"]
    old_path = CLUSTERS + "/" + old["id"]
    simulator._ctl("POST", "clock", {"advance": 5})
    assert c.call("GET", path + "/upgrades", ITEM + "/upgrades", expect=200)["available_upgrade_versions"] == []
    upgrades = c.call("GET", old_path + "/upgrades", ITEM + "/upgrades", expect=200)["available_upgrade_versions"]
    assert [u["slug"] for u in upgrades] == ["1.32.5-do.0", "1.32.2-do.0"]
    status, body = simulator.api("POST", old_path + "/upgrade", json={"version": "1.33.1-do.0"})
    assert status == 422 and "available: 1.32.5-do.0, 1.32.2-do.0" in body["message"]
    c.call("POST", old_path + "/upgrade", ITEM + "/upgrade", {"version": "1.32.5-do.0"}, expect=202)
    got = c.call("GET", old_path, ITEM, expect=200)["kubernetes_cluster"]
    assert got["version"] == "1.32.5-do.0" and got["status"]["state"] == "upgrading"

    # Registry integration
    c.call("POST", "/v2/kubernetes/registry", "/v2/kubernetes/registry", {"cluster_uuids": [created["id"]]},
           expect=204)
    assert c.call("GET", path, ITEM, expect=200)["kubernetes_cluster"]["registry_enabled"] is True
    c.call("DELETE", "/v2/kubernetes/registry", "/v2/kubernetes/registry", {"cluster_uuids": [created["id"]]},
           expect=204)
    assert c.call("GET", path, ITEM, expect=200)["kubernetes_cluster"]["registry_enabled"] is False

    c.call("DELETE", path, ITEM, expect=204)
    c.call("GET", path, ITEM, expect=404)
    assert node_droplets(simulator, created["id"]) == []
    c.call("DELETE", old_path + "/destroy_with_associated_resources/dangerous",
           ITEM + "/destroy_with_associated_resources/dangerous", expect=204)
    c.call("GET", old_path, ITEM, expect=404)


def test_node_pools_scale_relabel_recycle_and_delete(simulator):
    c = Checker(simulator)
    cluster = c.call("POST", CLUSTERS, CLUSTERS, cluster_body(), expect=201)["kubernetes_cluster"]
    pools_path = CLUSTERS + "/" + cluster["id"] + "/node_pools"
    pools = c.call("GET", pools_path, POOLS, expect=200)["node_pools"]
    assert [p["name"] for p in pools] == ["workers", "burst"]
    workers = pools[0]
    assert workers["labels"] == {"tier": "web"} and len(workers["nodes"]) == 2
    pool_path = pools_path + "/" + workers["id"]
    updated = c.call("PUT", pool_path, POOL, {"name": "workers", "count": 3, "labels": {"tier": "api"},
                                              "taints": [{"key": "dedicated", "value": "api",
                                                          "effect": "NoSchedule"}]},
                     expect=202)["node_pool"]
    assert updated["count"] == 3 and len(updated["nodes"]) == 3 and updated["labels"] == {"tier": "api"}
    assert len(node_droplets(simulator, cluster["id"])) == 4
    status, body = simulator.api("PUT", pools_path + "/" + pools[1]["id"], json={"name": "burst", "count": 5})
    assert status == 422 and "between min_nodes (1) and max_nodes (3)" in body["message"]
    added = c.call("POST", pools_path, POOLS, {"name": "batch", "size": "s-1vcpu-2gb", "count": 1},
                   expect=201)["node_pool"]
    status, body = simulator.api("POST", pools_path, json={"name": "batch", "size": "s-1vcpu-2gb", "count": 1})
    assert status == 422 and "already exists" in body["message"]
    node = updated["nodes"][0]
    c.call("POST", pool_path + "/recycle", POOL + "/recycle", {"nodes": [node["name"]]}, expect=202)
    after = c.call("GET", pool_path, POOL, expect=200)["node_pool"]
    assert node["id"] not in [n["id"] for n in after["nodes"]] and len(after["nodes"]) == 3
    c.call("DELETE", pool_path + "/nodes/" + after["nodes"][0]["id"], POOL + "/nodes/{node_id}",
           params={"replace": "1"}, expect=202)
    assert c.call("GET", pool_path, POOL, expect=200)["node_pool"]["count"] == 3
    c.call("DELETE", pools_path + "/" + added["id"], POOL, expect=204)
    c.call("GET", pools_path + "/" + added["id"], POOL, expect=404)


def test_refusals(simulator):
    for overrides, words in [
        ({"version": "1.20.0-do.0"}, "not a supported Kubernetes version"),
        ({"name": "Prod_1"}, "lower-case letters"),
        ({"node_pools": []}, "at least one node pool"),
        ({"node_pools": [{"name": "w", "count": 1}]}, None),
        ({"node_pools": [{"name": "w", "size": "s-2vcpu-4gb", "count": 5, "auto_scale": True, "min_nodes": 1,
                          "max_nodes": 3}]}, "between min_nodes"),
        ({"region": "nyc2"}, "not a region"),
    ]:
        status, body = simulator.api("POST", CLUSTERS, json=cluster_body(**overrides))
        assert status == 422, overrides
        if words:
            assert words in body["message"], body
    assert simulator.api("GET", "/v2/droplets")[1]["droplets"] == []
    simulator.api("POST", CLUSTERS, json=cluster_body())
    status, body = simulator.api("POST", CLUSTERS, json=cluster_body())
    assert status == 422 and "already exists" in body["message"]


def test_credentials_and_kubeconfig(simulator):
    c = Checker(simulator)
    cluster = c.call("POST", CLUSTERS, CLUSTERS, cluster_body(), expect=201)["kubernetes_cluster"]
    path = CLUSTERS + "/" + cluster["id"]
    creds = c.call("GET", path + "/credentials", ITEM + "/credentials", params={"expiry_seconds": 3600},
                   expect=200)
    assert creds["token"].startswith("dop_v1_") and creds["server"] == cluster["endpoint"]
    resp = requests.get(simulator.url + path + "/kubeconfig", params={"expiry_seconds": 3600},
                        headers={"Authorization": "Bearer " + simulator.token}, timeout=30)
    assert resp.status_code == 200 and resp.headers["Content-Type"] == "application/yaml"
    config = yaml.safe_load(resp.text)
    assert config["kind"] == "Config" and config["current-context"] == "do-nyc3-prod"
    assert config["users"][0]["user"]["token"] == creds["token"]
    assert config["clusters"][0]["cluster"]["server"] == cluster["endpoint"]
    messages = c.call("GET", path + "/status_messages", ITEM + "/status_messages", expect=200)["messages"]
    assert messages[0]["message"] == "cluster created"
    c.call("GET", path + "/destroy_with_associated_resources", ITEM + "/destroy_with_associated_resources",
           expect=200)
