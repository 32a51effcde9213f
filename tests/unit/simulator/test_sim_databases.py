"""The simulator's managed databases: answers match the spec, real-API rules are enforced."""
import time

from tests.helpers import Checker

BASE = "/v2/databases/{database_cluster_uuid}"


def wait_online(simulator, cluster_id):
    deadline = time.time() + 10
    while simulator.api("GET", "/v2/databases/%s" % cluster_id)[1]["database"]["status"] != "online":
        assert time.time() < deadline
        time.sleep(0.05)


def create(simulator, **body):
    payload = {"name": "backend", "engine": "pg", "size": "db-s-1vcpu-2gb", "num_nodes": 1, "region": "nyc3"}
    payload.update(body)
    return simulator.api("POST", "/v2/databases", json=payload)


def test_database_responses_match_the_spec(simulator):
    c = Checker(simulator)
    db = c.call("POST", "/v2/databases", "/v2/databases", {
        "name": "backend", "engine": "pg", "version": "16", "size": "db-s-1vcpu-2gb", "num_nodes": 1,
        "region": "nyc3", "tags": ["prod"], "rules": [{"type": "ip_addr", "value": "10.0.0.0/8"}]},
        expect=201)["database"]
    assert db["status"] == "creating" and db["db_names"] == ["defaultdb"]
    assert db["users"][0]["name"] == "doadmin" and db["connection"]["password"] == db["users"][0]["password"]
    cid = db["id"]
    path = "/v2/databases/%s" % cid
    c.call("GET", "/v2/databases", "/v2/databases", params={"tag_name": "prod"}, expect=200)
    c.call("GET", path, BASE, expect=200)
    wait_online(simulator, cid)
    c.call("PUT", path + "/maintenance", BASE + "/maintenance", {"day": "monday", "hour": "02:00"}, expect=204)
    c.call("GET", path + "/firewall", BASE + "/firewall", expect=200)
    c.call("PUT", path + "/firewall", BASE + "/firewall", {"rules": [{"type": "tag", "value": "web"}]}, expect=204)
    c.call("GET", path + "/dbs", BASE + "/dbs", expect=200)
    c.call("POST", path + "/dbs", BASE + "/dbs", {"name": "app"}, expect=201)
    c.call("GET", path + "/dbs/app", BASE + "/dbs/{database_name}", expect=200)
    c.call("GET", path + "/users", BASE + "/users", expect=200)
    c.call("POST", path + "/users", BASE + "/users", {"name": "app"}, expect=201)
    c.call("GET", path + "/users/app", BASE + "/users/{username}", expect=200)
    c.call("POST", path + "/users/app/reset_auth", BASE + "/users/{username}/reset_auth", {}, expect=200)
    c.call("POST", path + "/pools", BASE + "/pools",
           {"name": "pool", "mode": "transaction", "size": 5, "db": "app", "user": "app"}, expect=201)
    c.call("GET", path + "/pools", BASE + "/pools", expect=200)
    c.call("GET", path + "/pools/pool", BASE + "/pools/{pool_name}", expect=200)
    c.call("PUT", path + "/pools/pool", BASE + "/pools/{pool_name}",
           {"mode": "session", "size": 6, "db": "app"}, expect=204)
    c.call("DELETE", path + "/pools/pool", BASE + "/pools/{pool_name}", expect=204)
    c.call("DELETE", path + "/users/app", BASE + "/users/{username}", expect=204)
    c.call("DELETE", path + "/dbs/app", BASE + "/dbs/{database_name}", expect=204)
    c.call("PUT", path + "/resize", BASE + "/resize", {"size": "db-s-2vcpu-4gb", "num_nodes": 2}, expect=202)
    assert simulator.api("GET", path)[1]["database"]["status"] == "resizing"
    wait_online(simulator, cid)
    c.call("PUT", path + "/migrate", BASE + "/migrate", {"region": "ams3"}, expect=202)
    assert simulator.api("GET", path)[1]["database"]["status"] == "migrating"
    c.call("GET", "/v2/databases/00000000-0000-4000-8000-000000000000", BASE, expect=404)
    c.call("DELETE", path, BASE, expect=204)


def test_clusters_are_validated_like_the_api(simulator):
    assert create(simulator, engine="redis")[0] == 422
    assert create(simulator, version="9")[0] == 422
    assert create(simulator, size="s-1vcpu-1gb")[0] == 422
    assert create(simulator, num_nodes=4)[0] == 422
    assert create(simulator, name="Bad_Name")[0] == 422
    status, body = create(simulator)
    assert status == 201
    cid = body["database"]["id"]
    assert create(simulator)[0] == 422      # names are unique
    # Busy clusters refuse resizes and new users until they are online.
    status, body = simulator.api("PUT", "/v2/databases/%s/resize" % cid, json={"size": "db-s-2vcpu-4gb", "num_nodes": 1})
    assert status == 422 and "creating" in body["message"]
    assert simulator.api("POST", "/v2/databases/%s/users" % cid, json={"name": "u"})[0] == 422
    wait_online(simulator, cid)
    status, body = simulator.api("PUT", "/v2/databases/%s/resize" % cid, json={"size": "db-s-2vcpu-4gb"})
    assert status == 422 and "num_nodes" in body["message"]      # the spec requires both
    assert simulator.api("PUT", "/v2/databases/%s/migrate" % cid, json={"region": "nyc3"})[0] == 422
    assert simulator.api("PUT", "/v2/databases/%s/maintenance" % cid, json={"day": "funday", "hour": "1:00"})[0] == 422
    assert simulator.api("DELETE", "/v2/databases/%s/users/doadmin" % cid)[0] == 422


def test_children_rules_and_tags(simulator):
    status, body = create(simulator)
    cid = body["database"]["id"]
    wait_online(simulator, cid)
    path = "/v2/databases/%s" % cid
    # Firewall values are checked per type; kept rules keep their uuid.
    assert simulator.api("PUT", path + "/firewall", json={"rules": [{"type": "ip_addr", "value": "nope"}]})[0] == 422
    assert simulator.api("PUT", path + "/firewall", json={"rules": [{"type": "droplet", "value": "1"}]})[0] == 422
    assert simulator.api("PUT", path + "/firewall", json={"rules": [{"type": "vpc", "value": "x"}]})[0] == 422
    assert simulator.api("PUT", path + "/firewall", json={"rules": [{"type": "tag", "value": "web"}]})[0] == 204
    first = simulator.api("GET", path + "/firewall")[1]["rules"][0]
    simulator.api("PUT", path + "/firewall", json={"rules": [{"type": "tag", "value": "web"},
                                                             {"type": "ip_addr", "value": "192.0.2.1"}]})
    rules = simulator.api("GET", path + "/firewall")[1]["rules"]
    assert rules[0]["uuid"] == first["uuid"] and len(rules) == 2
    # Pools: PostgreSQL only, existing db and user, size within the cluster's connections.
    assert simulator.api("POST", path + "/pools", json={"name": "pool", "mode": "x", "size": 5, "db": "defaultdb"})[0] == 422
    assert simulator.api("POST", path + "/pools", json={"name": "pool", "mode": "session", "size": 5, "db": "nope"})[0] == 422
    assert simulator.api("POST", path + "/pools", json={"name": "pool", "mode": "session", "size": 500, "db": "defaultdb"})[0] == 422
    assert simulator.api("POST", path + "/pools", json={"name": "pool", "mode": "session", "size": 5})[0] == 422
    # Clusters are taggable through /v2/tags/{tag}/resources.
    simulator.api("POST", "/v2/tags", json={"name": "blue"})
    status, _body = simulator.api("POST", "/v2/tags/blue/resources", json={
        "resources": [{"resource_id": cid, "resource_type": "database"}]})
    assert status == 204
    assert simulator.api("GET", path)[1]["database"]["tags"] == ["blue"]
    assert simulator.api("GET", "/v2/tags/blue")[1]["tag"]["resources"]["databases"]["count"] == 1
    assert [d["id"] for d in simulator.api("GET", "/v2/databases", params={"tag_name": "blue"})[1]["databases"]] == [cid]
    simulator.api("DELETE", path)
    assert simulator.api("GET", "/v2/tags/blue")[1]["tag"]["resources"]["count"] == 0
