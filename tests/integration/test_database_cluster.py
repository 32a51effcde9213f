"""database_cluster and database_cluster_info through ansible-playbook against the simulator."""

from __future__ import annotations

from tests.helpers import failing, mutations, stored_named

MASKED = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
BACKEND = {"name": "backend", "engine": "pg", "version": "16", "size": "db-s-1vcpu-2gb", "num_nodes": 1,
           "region": "nyc3"}


def cluster_task(task="cluster", **options):
    return {"name": task, "fathom.digitalocean.database_cluster": dict(options)}


def stored_cluster(simulator, name="backend"):
    return stored_named(simulator, "/v2/databases", "databases", name)


def test_create_noop_resize_and_check_mode(simulator, playbook):
    options = dict(BACKEND, tags=["production"], maintenance_window={"day": "sunday", "hour": "03:00"})
    run = playbook([cluster_task(**options)])
    assert run.returncode == 0, run.stdout
    result = run.result("cluster")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    assert result["database_cluster"]["status"] == "online"
    assert result["connection"]["port"] == 25060 and result["connection"]["user"] == "doadmin"
    # The password is masked in the result; the URI keeps its shape but not the secret.
    assert result["connection"]["password"] == MASKED
    stored = stored_cluster(simulator)
    assert stored["connection"]["password"] not in str(result)
    assert stored["tags"] == ["production"]
    assert stored["maintenance_window"]["day"] == "sunday"
    assert stored["maintenance_window"]["hour"] == "03:00:00"
    assert mutations(simulator) == [("POST", "/v2/databases"),
                                    ("PUT", "/v2/databases/%s/maintenance" % stored["id"])]

    simulator.clear_requests()
    again = playbook([cluster_task(**options)])
    assert again.result("cluster")["changed"] is False
    assert simulator.mutating_requests() == []
    assert len(simulator.requests()) == 1

    check = playbook([cluster_task(**{**BACKEND, "size": "db-s-2vcpu-4gb", "num_nodes": 2})], check=True, diff=True)
    planned = check.result("cluster")
    assert planned["changed"] is True
    assert planned["plan"]["changes"] == {
        "size": {"before": "db-s-1vcpu-2gb", "after": "db-s-2vcpu-4gb", "via": "PUT:resize"},
        "num_nodes": {"before": 1, "after": 2, "via": "PUT:resize"},
    }
    assert planned["diff"]["before"]["num_nodes"] == 1 and planned["diff"]["after"]["num_nodes"] == 2
    assert simulator.mutating_requests() == []
    assert stored_cluster(simulator)["size"] == "db-s-1vcpu-2gb"

    resized = playbook([cluster_task(**{**BACKEND, "size": "db-s-2vcpu-4gb", "num_nodes": 2})])
    assert resized.returncode == 0, resized.stdout
    assert resized.result("cluster")["database_cluster"]["status"] == "online"
    # One resize for both fields, then polls until the cluster is online again.
    assert mutations(simulator) == [("PUT", "/v2/databases/%s/resize" % stored["id"])]
    after = stored_cluster(simulator)
    assert (after["size"], after["num_nodes"], after["status"]) == ("db-s-2vcpu-4gb", 2, "online")


def test_migrate_maintenance_tags_and_storage(simulator, playbook):
    assert playbook([cluster_task(tags=["a"], **BACKEND)]).returncode == 0
    cluster_id = stored_cluster(simulator)["id"]
    simulator.clear_requests()
    run = playbook([cluster_task(name="backend", region="ams3", tags=["b"], storage_size_mib=30720,
                                 maintenance_window={"day": "tuesday", "hour": "14:30"})], diff=True)
    assert run.returncode == 0, run.stdout
    changes = run.result("cluster")["plan"]["changes"]
    assert changes["region"] == {"before": "nyc3", "after": "ams3", "via": "PUT:migrate"}
    assert changes["tags"] == {"before": ["a"], "after": ["b"], "via": "tags"}
    assert changes["storage_size_mib"] == {"before": 20480, "after": 30720, "via": "PUT:resize"}
    assert changes["maintenance_window"] == {"before": {"day": "saturday", "hour": "08:45"},
                                             "after": {"day": "tuesday", "hour": "14:30"},
                                             "via": "PUT:maintenance"}
    assert mutations(simulator) == [
        ("POST", "/v2/tags"), ("POST", "/v2/tags/b/resources"), ("DELETE", "/v2/tags/a/resources"),
        ("PUT", "/v2/databases/%s/maintenance" % cluster_id),
        ("PUT", "/v2/databases/%s/resize" % cluster_id),
        ("PUT", "/v2/databases/%s/migrate" % cluster_id),
    ]
    stored = stored_cluster(simulator)
    assert (stored["region"], stored["tags"], stored["storage_size_mib"], stored["status"]) == (
        "ams3", ["b"], 30720, "online")
    simulator.clear_requests()
    again = playbook([cluster_task(name="backend", region="ams3", tags=["b"], storage_size_mib=30720,
                                   maintenance_window={"day": "tuesday", "hour": "14:30:00"})])
    assert again.result("cluster")["changed"] is False
    assert simulator.mutating_requests() == []


def test_immutable_fields_and_bad_input_fail_before_any_change(simulator, playbook):
    assert playbook([cluster_task(**BACKEND)]).returncode == 0
    simulator.clear_requests()
    run = playbook([
        failing(cluster_task("version", **{**BACKEND, "version": "15"})),
        failing(cluster_task("engine", **{**BACKEND, "engine": "mysql"})),
        failing(cluster_task("shrink", name="backend", storage_size_mib=10240)),
        failing(cluster_task("missing", name="other", engine="pg", region="nyc3")),
    ])
    assert [r["status"] for r in run.records] == ["failed"] * 4
    # A version is upgraded in place, never downgraded.
    assert run.result("version")["msg"].startswith("version of database_cluster backend")
    assert run.result("version")["msg"].endswith("can only be upgraded: it is 16 and the task asks for 15")
    assert run.result("engine")["msg"].startswith("engine cannot change in place")
    assert "storage_size_mib of database_cluster backend" in run.result("shrink")["msg"]
    assert run.result("missing")["msg"] == "size and num_nodes are required to create database cluster other"
    assert simulator.mutating_requests() == []

    simulator.clear_requests()
    bad = playbook([
        failing(cluster_task("nodes", **{**BACKEND, "num_nodes": 5})),
        failing(cluster_task("hour", name="backend", maintenance_window={"day": "monday", "hour": "25:00"})),
        failing(cluster_task("day", name="backend", maintenance_window={"day": "someday", "hour": "01:00"})),
    ])
    assert "num_nodes must be between 1 and 3" in bad.result("nodes")["msg"]
    assert "maintenance_window.hour must be HH:MM" in bad.result("hour")["msg"]
    assert "maintenance_window" in bad.result("day")["msg"] and "someday" in bad.result("day")["msg"]
    assert simulator.requests() == []

    # The simulator rejects what the real API rejects: an unknown version.
    api_error = playbook([cluster_task(**{**BACKEND, "name": "other", "version": "9"})])
    assert "422" in api_error.result("cluster")["msg"] and "version" in api_error.result("cluster")["msg"]


def test_password_never_in_output(simulator, playbook):
    run = playbook([cluster_task(**BACKEND)], diff=True, verbosity=1)
    assert run.returncode == 0, run.stdout
    stored = stored_cluster(simulator)
    password = stored["connection"]["password"]
    assert password and password not in run.stdout and password not in run.stderr
    assert stored["connection"]["uri"] not in run.stdout
    assert MASKED in run.stdout

    again = playbook([cluster_task(**BACKEND), {"name": "info", "fathom.digitalocean.database_cluster_info": {}}],
                     check=True, diff=True, verbosity=3)
    assert again.returncode == 0
    assert password not in again.stdout and password not in again.stderr
    assert again.result("info")["database_clusters"][0]["connection"]["password"] == MASKED

    # With no_log on the task, the whole result is hidden and later tasks get the real secret.
    revealed = playbook([
        dict(cluster_task(name="backend"), no_log=True, register="db"),
        {"name": "usable", "ansible.builtin.assert": {"that": [
            "db.connection.password == expected", "db.connection.uri is search(expected)"]}},
    ], extra_vars={"expected": password}, verbosity=1)
    assert revealed.returncode == 0, revealed.stdout
    assert password not in revealed.stdout.replace('"expected": "%s"' % password, "")


def test_info_wait_false_and_delete(simulator, playbook):
    run = playbook([
        cluster_task(task="one", tags=["x"], **BACKEND),
        cluster_task(task="two", **{**BACKEND, "name": "cache", "engine": "valkey", "version": "8", "wait": False}),
    ])
    assert run.returncode == 0, run.stdout
    assert run.result("two")["database_cluster"]["status"] == "creating"
    info = playbook([
        {"name": "all", "fathom.digitalocean.database_cluster_info": {}},
        {"name": "tagged", "fathom.digitalocean.database_cluster_info": {"tag_name": "x"}},
        {"name": "valkey", "fathom.digitalocean.database_cluster_info": {"engine": "valkey"}},
    ])
    assert sorted(db["name"] for db in info.result("all")["database_clusters"]) == ["backend", "cache"]
    assert [db["name"] for db in info.result("tagged")["database_clusters"]] == ["backend"]
    assert [db["name"] for db in info.result("valkey")["database_clusters"]] == ["cache"]
    assert info.result("all")["changed"] is False
    lists = [e for e in simulator.requests() if e["method"] == "GET" and e["path"] == "/v2/databases"]
    assert any(e["query"].get("tag_name") == "x" for e in lists)

    cluster_id = stored_cluster(simulator)["id"]
    check = playbook([cluster_task(name="backend", state="absent")], check=True)
    assert check.result("cluster")["plan"]["action"] == "delete"
    assert stored_cluster(simulator) is not None
    gone = playbook([cluster_task(name="backend", state="absent")])
    assert gone.returncode == 0, gone.stdout
    assert simulator.api("GET", "/v2/databases/%s" % cluster_id)[0] == 404
    status, tag = simulator.api("GET", "/v2/tags/x")
    assert tag["tag"]["resources"]["count"] == 0
    simulator.clear_requests()
    assert playbook([cluster_task(name="backend", state="absent")]).result("cluster")["changed"] is False
    assert simulator.mutating_requests() == []
