"""database_db, database_user, database_connection_pool, database_firewall and their _info modules."""

from __future__ import annotations

from tests.helpers import failing, mutations, new_cluster

MASKED = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def task(module, title=None, **options):
    return {"name": title or module, "fathom.digitalocean.%s" % module: dict(options)}


def api(simulator, path):
    status, body = simulator.api("GET", path)
    assert status == 200, body
    return body


# -- databases ---------------------------------------------------------------------------------------


def test_db_create_noop_check_delete_and_info(simulator, playbook):
    cluster_id = new_cluster(simulator)
    run = playbook([task("database_db", cluster_name="backend", name="app")])
    assert run.returncode == 0, run.stdout
    result = run.result("database_db")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    assert result["database_db"] == {"name": "app"} and result["cluster_id"] == cluster_id
    assert mutations(simulator) == [("POST", "/v2/databases/%s/dbs" % cluster_id)]
    assert [d["name"] for d in api(simulator, "/v2/databases/%s/dbs" % cluster_id)["dbs"]] == ["defaultdb", "app"]

    simulator.clear_requests()
    again = playbook([task("database_db", cluster_id=cluster_id, name="app")])
    assert again.result("database_db")["changed"] is False
    assert simulator.mutating_requests() == []
    # Found by id: one GET of the database, no list.
    assert [(e["method"], e["path"]) for e in simulator.requests()] == [
        ("GET", "/v2/databases/%s" % cluster_id), ("GET", "/v2/databases/%s/dbs/app" % cluster_id)]

    check = playbook([task("database_db", cluster_name="backend", name="app", state="absent")],
                     check=True, diff=True)
    planned = check.result("database_db")
    assert planned["changed"] is True and planned["plan"]["action"] == "delete"
    assert planned["diff"] == {"before": {"name": "app"}, "after": {}}
    assert simulator.mutating_requests() == []

    info = playbook([task("database_db_info", cluster_name="backend"),
                     task("database_db_info", title="one", cluster_id=cluster_id, name="app")])
    assert [d["name"] for d in info.result("database_db_info")["database_dbs"]] == ["defaultdb", "app"]
    assert info.result("one")["database_dbs"] == [{"name": "app"}] and info.result("one")["changed"] is False

    gone = playbook([task("database_db", cluster_name="backend", name="app", state="absent")])
    assert gone.result("database_db")["changed"] is True
    assert mutations(simulator) == [("DELETE", "/v2/databases/%s/dbs/app" % cluster_id)]
    simulator.clear_requests()
    assert playbook([task("database_db", cluster_name="backend", name="app", state="absent")]).result(
        "database_db")["changed"] is False
    assert simulator.mutating_requests() == []


def test_cluster_lookup_errors(simulator, playbook):
    run = playbook([
        failing(task("database_db", "nowhere", cluster_name="nowhere", name="app")),
        failing(task("database_user", "missing", cluster_id="0b0f1f3e-3a5e-4c1b-9a59-000000000000", name="app")),
        failing(task("database_db", "both", cluster_name="a", cluster_id="b", name="app")),
        failing(task("database_db", "bad", cluster_name="backend", name="-bad name")),
    ])
    assert [r["status"] for r in run.records] == ["failed"] * 4
    assert run.result("nowhere")["msg"] == "no database cluster is named nowhere (cluster_name)"
    assert "database cluster with cluster_id 0b0f1f3e-3a5e-4c1b-9a59-000000000000 does not exist" in \
        run.result("missing")["msg"]
    assert "mutually exclusive" in run.result("both")["msg"]
    assert run.result("bad")["msg"].startswith("name must be a database name")
    assert mutations(simulator) == []
    # The bad name and the bad option combination fail before any request about them.
    assert [e["path"] for e in simulator.requests()] == ["/v2/databases", "/v2/databases/0b0f1f3e-3a5e-4c1b-9a59-000000000000"]


# -- users -------------------------------------------------------------------------------------------


def test_user_create_noop_reset_and_secrets(simulator, playbook):
    cluster_id = new_cluster(simulator)
    run = playbook([task("database_user", cluster_name="backend", name="app")], diff=True, verbosity=1)
    assert run.returncode == 0, run.stdout
    result = run.result("database_user")
    assert result["changed"] is True and result["database_user"]["name"] == "app"
    assert result["database_user"]["password"] == MASKED
    password = api(simulator, "/v2/databases/%s/users/app" % cluster_id)["user"]["password"]
    assert password not in run.stdout and password not in str(result)

    simulator.clear_requests()
    again = playbook([task("database_user", cluster_name="backend", name="app")])
    assert again.result("database_user")["changed"] is False
    assert simulator.mutating_requests() == []

    check = playbook([task("database_user", cluster_name="backend", name="app", reset_password=True)],
                     check=True, diff=True, verbosity=1)
    planned = check.result("database_user")
    assert planned["changed"] is True
    assert planned["plan"]["changes"] == {"password": {"before": "(sensitive)", "after": "(sensitive)",
                                                       "via": "POST:reset_auth"}}
    assert planned["diff"]["before"]["password"] == "(sensitive)"
    assert password not in check.stdout
    assert simulator.mutating_requests() == []

    reset = playbook([task("database_user", cluster_name="backend", name="app", reset_password=True)],
                     diff=True, verbosity=1)
    assert reset.result("database_user")["changed"] is True
    assert mutations(simulator) == [("POST", "/v2/databases/%s/users/app/reset_auth" % cluster_id)]
    new_password = api(simulator, "/v2/databases/%s/users/app" % cluster_id)["user"]["password"]
    assert new_password != password
    assert new_password not in reset.stdout and password not in reset.stdout

    info = playbook([task("database_user_info", cluster_name="backend"),
                     task("database_user_info", title="one", cluster_name="backend", name="doadmin")],
                    verbosity=1)
    assert [u["name"] for u in info.result("database_user_info")["database_users"]] == ["doadmin", "app"]
    assert [u["role"] for u in info.result("one")["database_users"]] == ["primary"]
    assert new_password not in info.stdout
    assert all(u["password"] == MASKED for u in info.result("database_user_info")["database_users"])

    # no_log on the task: the result is hidden and the registered password is the real one.
    revealed = playbook([
        dict(task("database_user", cluster_name="backend", name="app"), no_log=True, register="u"),
        {"name": "check", "ansible.builtin.assert": {"that": ["u.database_user.password | length == 25",
                                                              "u.database_user.password is match('AVNS_')"]}},
    ])
    assert revealed.returncode == 0, revealed.stdout

    gone = playbook([task("database_user", cluster_name="backend", name="app", state="absent")])
    assert gone.result("database_user")["plan"]["action"] == "delete"
    assert simulator.api("GET", "/v2/databases/%s/users/app" % cluster_id)[0] == 404


def test_user_mysql_auth_plugin(simulator, playbook):
    cluster_id = new_cluster(simulator, name="shop", engine="mysql")
    run = playbook([task("database_user", cluster_name="shop", name="legacy",
                         mysql_auth_plugin="mysql_native_password")])
    assert run.returncode == 0, run.stdout
    stored = api(simulator, "/v2/databases/%s/users/legacy" % cluster_id)["user"]
    assert stored["mysql_settings"] == {"auth_plugin": "mysql_native_password"}
    simulator.clear_requests()
    change = playbook([task("database_user", cluster_name="shop", name="legacy",
                            mysql_auth_plugin="caching_sha2_password")])
    assert change.result("database_user")["plan"]["changes"]["mysql_auth_plugin"] == {
        "before": "mysql_native_password", "after": "caching_sha2_password", "via": "POST:reset_auth"}
    assert mutations(simulator) == [("POST", "/v2/databases/%s/users/legacy/reset_auth" % cluster_id)]
    assert api(simulator, "/v2/databases/%s/users/legacy" % cluster_id)["user"]["mysql_settings"] == {
        "auth_plugin": "caching_sha2_password"}

    new_cluster(simulator)
    wrong = playbook([task("database_user", cluster_name="backend", name="app",
                           mysql_auth_plugin="caching_sha2_password")])
    assert wrong.returncode != 0
    assert "mysql_auth_plugin applies to MySQL clusters only" in wrong.result("database_user")["msg"]
    assert simulator.mutating_requests() == []


# -- connection pools --------------------------------------------------------------------------------


def test_pool_create_noop_update_check_and_info(simulator, playbook):
    cluster_id = new_cluster(simulator)
    simulator.api("POST", "/v2/databases/%s/users" % cluster_id, json={"name": "app"})
    simulator.clear_requests()
    pool = {"cluster_name": "backend", "name": "app-pool", "mode": "transaction", "size": 10, "db": "defaultdb",
            "user": "app"}
    run = playbook([task("database_connection_pool", **pool)], verbosity=1)
    assert run.returncode == 0, run.stdout
    result = run.result("database_connection_pool")
    assert result["changed"] is True and result["database_connection_pool"]["size"] == 10
    assert result["database_connection_pool"]["connection"]["password"] == MASKED
    stored = api(simulator, "/v2/databases/%s/pools/app-pool" % cluster_id)["pool"]
    assert stored["connection"]["password"] not in run.stdout

    simulator.clear_requests()
    assert playbook([task("database_connection_pool", **pool)]).result("database_connection_pool")["changed"] is False
    assert simulator.mutating_requests() == []

    check = playbook([task("database_connection_pool", cluster_name="backend", name="app-pool", size=20,
                           mode="session")], check=True, diff=True)
    planned = check.result("database_connection_pool")
    assert planned["plan"]["changes"] == {"mode": {"before": "transaction", "after": "session", "via": "PUT"},
                                          "size": {"before": 10, "after": 20, "via": "PUT"}}
    assert planned["diff"]["after"]["size"] == 20
    assert simulator.mutating_requests() == []

    update = playbook([task("database_connection_pool", cluster_name="backend", name="app-pool", size=20,
                            mode="session")])
    assert update.returncode == 0, update.stdout
    assert mutations(simulator) == [("PUT", "/v2/databases/%s/pools/app-pool" % cluster_id)]
    stored = api(simulator, "/v2/databases/%s/pools/app-pool" % cluster_id)["pool"]
    assert (stored["mode"], stored["size"], stored["db"], stored["user"]) == ("session", 20, "defaultdb", "app")

    info = playbook([task("database_connection_pool_info", cluster_id=cluster_id)])
    assert [p["name"] for p in info.result("database_connection_pool_info")["database_connection_pools"]] == ["app-pool"]

    gone = playbook([task("database_connection_pool", cluster_name="backend", name="app-pool", state="absent")])
    assert gone.result("database_connection_pool")["changed"] is True
    assert api(simulator, "/v2/databases/%s/pools" % cluster_id)["pools"] == []


def test_pool_bad_input(simulator, playbook):
    new_cluster(simulator)
    pool = {"cluster_name": "backend", "db": "defaultdb"}
    run = playbook([
        failing(task("database_connection_pool", "short", name="p", mode="session", size=5, **pool)),
        failing(task("database_connection_pool", "zero", name="pool", mode="session", size=0, **pool)),
        failing(task("database_connection_pool", "mode", name="pool", mode="bulk", size=5, **pool)),
    ])
    assert "name of a connection pool must be 3 to 60 characters" in run.result("short")["msg"]
    assert "size must be at least 1" in run.result("zero")["msg"]
    assert "value of mode must be one of: session, transaction, statement" in run.result("mode")["msg"]
    assert simulator.requests() == []
    later = playbook([
        failing(task("database_connection_pool", "missing", cluster_name="backend", name="pool", size=5)),
        # Beyond what the cluster allows: the API's answer, clearly.
        failing(task("database_connection_pool", "huge", name="pool", mode="session", size=500, **pool)),
    ])
    assert later.result("missing")["msg"] == "mode and db are required to create connection pool pool"
    assert "422" in later.result("huge")["msg"] and "at most 47 connections" in later.result("huge")["msg"]
    assert [r["status"] for r in simulator.mutating_requests()] == [422]


# -- firewall ----------------------------------------------------------------------------------------


def test_firewall_set_noop_drift_and_check(simulator, playbook):
    cluster_id = new_cluster(simulator)
    rules = [{"type": "ip_addr", "value": "203.0.113.0/24"}, {"type": "tag", "value": "web"}]
    run = playbook([task("database_firewall", cluster_name="backend", rules=rules)], diff=True)
    assert run.returncode == 0, run.stdout
    result = run.result("database_firewall")
    assert result["changed"] is True
    assert result["plan"]["changes"]["rules"]["before"] == []
    assert sorted((r["type"], r["value"]) for r in result["database_firewall"]["rules"]) == [
        ("ip_addr", "203.0.113.0/24"), ("tag", "web")]
    assert mutations(simulator) == [("PUT", "/v2/databases/%s/firewall" % cluster_id)]
    stored = api(simulator, "/v2/databases/%s/firewall" % cluster_id)["rules"]
    uuids = {r["value"]: r["uuid"] for r in stored}

    simulator.clear_requests()
    again = playbook([task("database_firewall", cluster_id=cluster_id, rules=list(reversed(rules)))])
    assert again.result("database_firewall")["changed"] is False
    assert simulator.mutating_requests() == []

    # Drift: a rule added outside the task is reported and removed.
    status, _body = simulator.api("PUT", "/v2/databases/%s/firewall" % cluster_id, json={"rules": [
        {"uuid": uuids["203.0.113.0/24"], "type": "ip_addr", "value": "203.0.113.0/24"},
        {"uuid": uuids["web"], "type": "tag", "value": "web"},
        {"type": "ip_addr", "value": "198.51.100.7"}]})
    assert status == 204
    simulator.clear_requests()
    check = playbook([task("database_firewall", cluster_name="backend", rules=rules)], check=True, diff=True)
    planned = check.result("database_firewall")
    assert planned["changed"] is True
    assert planned["plan"]["changes"]["rules"] == {
        "before": [{"type": "ip_addr", "value": "198.51.100.7"}, {"type": "ip_addr", "value": "203.0.113.0/24"},
                   {"type": "tag", "value": "web"}],
        "after": [{"type": "ip_addr", "value": "203.0.113.0/24"}, {"type": "tag", "value": "web"}],
        "via": "PUT"}
    assert planned["diff"]["before"]["rules"] == planned["plan"]["changes"]["rules"]["before"]
    assert "198.51.100.7" in check.stdout
    assert simulator.mutating_requests() == []

    fixed = playbook([task("database_firewall", cluster_name="backend", rules=rules)])
    assert fixed.result("database_firewall")["changed"] is True
    stored = api(simulator, "/v2/databases/%s/firewall" % cluster_id)["rules"]
    # The rules that stayed kept their ids.
    assert {r["value"]: r["uuid"] for r in stored} == uuids

    simulator.clear_requests()
    info = playbook([task("database_firewall_info", cluster_name="backend")]).result("database_firewall_info")
    assert info["changed"] is False
    assert info["cluster_id"] == cluster_id
    assert [firewall["cluster_id"] for firewall in info["database_firewalls"]] == [cluster_id]
    rules = info["database_firewalls"][0]["rules"]
    assert sorted((r["type"], r["value"]) for r in rules) == [("ip_addr", "203.0.113.0/24"), ("tag", "web")]
    assert simulator.mutating_requests() == []

    cleared = playbook([task("database_firewall", cluster_name="backend", rules=[], purge=True)])
    assert cleared.result("database_firewall")["changed"] is True
    assert api(simulator, "/v2/databases/%s/firewall" % cluster_id)["rules"] == []


def test_firewall_bad_rules_fail_before_any_request(simulator, playbook):
    new_cluster(simulator)
    run = playbook([
        failing(task("database_firewall", "ip", cluster_name="backend", rules=[{"type": "ip_addr", "value": "300.1.1.1"}])),
        failing(task("database_firewall", "k8s", cluster_name="backend",
                     rules=[{"type": "tag", "value": "ok"}, {"type": "k8s", "value": "not-a-uuid"}])),
        failing(task("database_firewall", "kind", cluster_name="backend", rules=[{"type": "vpc", "value": "x"}])),
    ])
    assert run.result("ip")["msg"].startswith("rules[0].value must be an IP address or CIDR range")
    assert run.result("k8s")["msg"].startswith("rules[1].value must be a UUID for type k8s")
    assert "rules" in run.result("kind")["msg"] and "ip_addr" in run.result("kind")["msg"]
    assert simulator.requests() == []
    # A droplet that does not exist: the API refuses it.
    droplet = playbook([task("database_firewall", cluster_name="backend", rules=[{"type": "droplet", "value": "42"}])])
    assert "422" in droplet.result("database_firewall")["msg"]
    assert "droplet 42" in droplet.result("database_firewall")["msg"]
