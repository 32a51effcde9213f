"""The simulator's managed databases in depth: engine configuration, replicas, upgrades, settings,
backups and restores, events, the CA, options, Kafka topics, log sinks and online migrations.
Every answer is checked against the spec; the real API's rules are enforced."""
import base64
import time

from tests.helpers import Checker

BASE = "/v2/databases/{database_cluster_uuid}"
UNKNOWN = "00000000-0000-4000-8000-000000000000"


def wait_online(simulator, cluster_id):
    deadline = time.time() + 10
    while simulator.api("GET", "/v2/databases/%s" % cluster_id)[1]["database"]["status"] != "online":
        assert time.time() < deadline
        time.sleep(0.05)


def cluster(simulator, name="backend", engine="pg", **body):
    payload = {"name": name, "engine": engine, "size": "db-s-1vcpu-2gb", "num_nodes": 1, "region": "nyc3"}
    payload.update(body)
    status, answer = simulator.api("POST", "/v2/databases", json=payload)
    assert status == 201, answer
    wait_online(simulator, answer["database"]["id"])
    return answer["database"]["id"]


def clock(simulator, seconds):
    simulator._ctl("POST", "clock", {"advance": seconds})


def error_of(simulator, method, path, body=None):
    status, answer = simulator.api(method, path, json=body)
    return status, (answer or {}).get("message", "")


# -- engine configuration --------------------------------------------------------------------------


def test_config_has_engine_defaults_and_a_patch_is_checked_against_the_cluster_engine(simulator):
    c = Checker(simulator)
    pg = cluster(simulator)
    mysql = cluster(simulator, "shop", "mysql")
    config = c.call("GET", "/v2/databases/%s/config" % pg, BASE + "/config", expect=200)["config"]
    assert config["work_mem"] == 4 and config["idle_in_transaction_session_timeout"] == 0
    assert "sql_mode" not in config
    assert c.call("GET", "/v2/databases/%s/config" % mysql, BASE + "/config", expect=200)["config"][
        "sql_require_primary_key"] is True
    c.call("PATCH", "/v2/databases/%s/config" % pg, BASE + "/config",
           {"config": {"work_mem": 8, "pgbouncer": {"server_idle_timeout": 300}}}, expect=200)
    after = simulator.api("GET", "/v2/databases/%s/config" % pg)[1]["config"]
    assert after["work_mem"] == 8 and after["pgbouncer"] == {"server_idle_timeout": 300, "server_lifetime": 3600,
                                                             "min_pool_size": 0}
    # A MySQL key on a PostgreSQL cluster passes request validation (any engine's schema) but not the engine's.
    assert error_of(simulator, "PATCH", "/v2/databases/%s/config" % pg, {"config": {"sql_require_primary_key": True}}) \
        == (422, "config.sql_require_primary_key: is not a setting of this cluster's engine")
    status, message = error_of(simulator, "PATCH", "/v2/databases/%s/config" % pg, {"config": {"work_mem": 5000}})
    assert status == 422 and message.startswith("config.work_mem: 5000 is greater than the maximum of 1024")
    assert simulator.api("GET", "/v2/databases/%s/config" % pg)[1]["config"]["work_mem"] == 8


def test_sql_mode_and_eviction_policy_are_config_settings_too(simulator):
    c = Checker(simulator)
    mysql = cluster(simulator, "shop", "mysql")
    cache = cluster(simulator, "cache", "valkey", size="db-s-1vcpu-1gb")
    c.call("PUT", "/v2/databases/%s/sql_mode" % mysql, BASE + "/sql_mode", {"sql_mode": "ANSI,TRADITIONAL"},
           expect=204)
    assert c.call("GET", "/v2/databases/%s/sql_mode" % mysql, BASE + "/sql_mode", expect=200) == {
        "sql_mode": "ANSI,TRADITIONAL"}
    assert simulator.api("GET", "/v2/databases/%s/config" % mysql)[1]["config"]["sql_mode"] == "ANSI,TRADITIONAL"
    c.call("PUT", "/v2/databases/%s/eviction_policy" % cache, BASE + "/eviction_policy",
           {"eviction_policy": "allkeys_lru"}, expect=204)
    assert c.call("GET", "/v2/databases/%s/eviction_policy" % cache, BASE + "/eviction_policy", expect=200) == {
        "eviction_policy": "allkeys_lru"}
    assert simulator.api("GET", "/v2/databases/%s/config" % cache)[1]["config"][
        "valkey_maxmemory_policy"] == "allkeys_lru"
    assert error_of(simulator, "GET", "/v2/databases/%s/eviction_policy" % mysql)[0] == 422
    assert error_of(simulator, "PUT", "/v2/databases/%s/sql_mode" % cache, {"sql_mode": "ANSI"})[0] == 422


# -- cluster settings ---------------------------------------------------------------------------------


def test_upgrade_moves_the_version_up_only(simulator):
    c = Checker(simulator)
    cid = cluster(simulator, version="15")
    path = "/v2/databases/%s" % cid
    assert error_of(simulator, "PUT", path + "/upgrade", {"version": "14"}) == (
        422, "version: the cluster runs 15; it can only be upgraded to a later version")
    assert error_of(simulator, "PUT", path + "/upgrade", {"version": "99"})[0] == 422
    c.call("PUT", path + "/upgrade", BASE + "/upgrade", {"version": "16"}, expect=204)
    cluster_now = simulator.api("GET", path)[1]["database"]
    assert cluster_now["version"] == "16" and cluster_now["status"] == "migrating"
    wait_online(simulator, cid)
    assert [e["event_type"] for e in simulator.api("GET", path + "/events")[1]["events"]] == [
        "cluster_create", "cluster_update"]


def test_autoscale_do_settings_and_pending_maintenance(simulator):
    c = Checker(simulator)
    cid = cluster(simulator, autoscale={"storage": {"enabled": True, "threshold_percent": 80, "increment_gib": 10}},
                  do_settings={"service_cnames": ["db.example.com"]})
    path = "/v2/databases/%s" % cid
    assert c.call("GET", path + "/autoscale", BASE + "/autoscale", expect=200) == {
        "autoscale": {"storage": {"enabled": True, "threshold_percent": 80, "increment_gib": 10}}}
    c.call("PUT", path + "/autoscale", BASE + "/autoscale", {"storage": {"enabled": False}}, expect=204)
    assert simulator.api("GET", path + "/autoscale")[1]["autoscale"] == {"storage": {"enabled": False}}
    assert error_of(simulator, "PUT", path + "/autoscale", {"storage": {"enabled": True, "threshold_percent": 99,
                                                                        "increment_gib": 10}})[0] == 422
    assert c.call("GET", path + "/do_settings", BASE + "/do_settings", expect=200) == {
        "do_settings": {"service_cnames": ["db.example.com"]}}
    c.call("PUT", path + "/do_settings", BASE + "/do_settings", {"do_settings": {"service_cnames": []}}, expect=204)
    assert simulator.api("GET", path)[1]["database"]["do_settings"] == {"service_cnames": []}

    pending = simulator.seed("database_clusters", pending_maintenance=True)[0]
    assert simulator.api("GET", "/v2/databases/%s" % pending)[1]["database"]["maintenance_window"]["pending"] is True
    c.call("PUT", "/v2/databases/%s/install_update" % pending, BASE + "/install_update", expect=204)
    assert simulator.api("GET", "/v2/databases/%s" % pending)[1]["database"]["maintenance_window"]["pending"] is False
    assert simulator.api("GET", "/v2/databases/%s/events" % pending)[1]["events"][-1]["event_type"] == \
        "cluster_maintenance_perform"


def test_a_cluster_moves_between_projects(simulator):
    status, project = simulator.api("POST", "/v2/projects", json={"name": "shop", "purpose": "Web Application"})
    assert status == 201
    cid = cluster(simulator)
    before = simulator.api("GET", "/v2/databases/%s" % cid)[1]["database"]["project_id"]
    assert before != project["project"]["id"]
    assert simulator.api("POST", "/v2/projects/%s/resources" % project["project"]["id"],
                         json={"resources": ["do:dbaas:%s" % cid]})[0] == 200
    assert simulator.api("GET", "/v2/databases/%s" % cid)[1]["database"]["project_id"] == project["project"]["id"]


def test_user_settings_are_replaced_by_put_and_belong_to_one_engine(simulator):
    c = Checker(simulator)
    kafka = cluster(simulator, "events", "kafka", size="db-s-2vcpu-4gb", num_nodes=3)
    pg = cluster(simulator)
    user = c.call("POST", "/v2/databases/%s/users" % kafka, BASE + "/users",
                  {"name": "billing", "settings": {"acl": [{"topic": "orders", "permission": "consume"}]}},
                  expect=201)["user"]
    assert [(a["topic"], a["permission"]) for a in user["settings"]["acl"]] == [("orders", "consume")]
    updated = c.call("PUT", "/v2/databases/%s/users/billing" % kafka, BASE + "/users/{username}",
                     {"settings": {"acl": [{"topic": "orders", "permission": "produceconsume"}]}}, expect=201)["user"]
    assert updated["settings"]["acl"][0]["permission"] == "produceconsume"
    assert error_of(simulator, "PUT", "/v2/databases/%s/users/doadmin" % pg,
                    {"settings": {"acl": [{"topic": "x", "permission": "admin"}]}}) == (
        422, "settings.acl: not supported for pg clusters")
    c.call("PUT", "/v2/databases/%s/users/doadmin" % pg, BASE + "/users/{username}",
           {"settings": {"pg_allow_replication": True}}, expect=201)
    assert error_of(simulator, "POST", "/v2/databases/%s/users" % pg, {"name": "ro", "readonly": True})[0] == 422


# -- backups and restores ----------------------------------------------------------------------------


def test_backups_have_timestamps_that_a_restore_names(simulator):
    c = Checker(simulator)
    source = cluster(simulator)
    simulator.api("POST", "/v2/databases/%s/dbs" % source, json={"name": "orders"})
    clock(simulator, 86400 + 60)
    backups = c.call("GET", "/v2/databases/%s/backups" % source, BASE + "/backups", expect=200)["backups"]
    assert len(backups) == 2
    assert all(b["created_at"].endswith("Z") for b in backups)
    named = backups[0]["created_at"]
    missing = error_of(simulator, "POST", "/v2/databases", {
        "name": "restored", "engine": "pg", "size": "db-s-1vcpu-2gb", "num_nodes": 1, "region": "nyc3",
        "backup_restore": {"database_name": "backend", "backup_created_at": "2001-01-01T00:00:00Z"}})
    assert missing == (422, "backup_restore: cluster 'backend' has no backup taken at 2001-01-01T00:00:00Z")
    restored = c.call("POST", "/v2/databases", "/v2/databases", {
        "name": "restored", "engine": "pg", "size": "db-s-1vcpu-2gb", "num_nodes": 1, "region": "nyc3",
        "backup_restore": {"database_name": "backend", "backup_created_at": named}}, expect=201)["database"]
    assert restored["status"] == "forking" and restored["id"] != source
    assert sorted(restored["db_names"]) == ["defaultdb", "orders"]
    wait_online(simulator, restored["id"])
    assert error_of(simulator, "POST", "/v2/databases", {
        "name": "other", "engine": "mysql", "size": "db-s-1vcpu-2gb", "num_nodes": 1, "region": "nyc3",
        "backup_restore": {"database_name": "backend"}}) == (422, "backup_restore: 'backend' is a pg cluster, not mysql")
    cache = cluster(simulator, "cache", "valkey", size="db-s-1vcpu-1gb")
    assert error_of(simulator, "GET", "/v2/databases/%s/backups" % cache)[0] == 422


def test_events_ca_and_options(simulator):
    c = Checker(simulator)
    cid = cluster(simulator)
    events = c.call("GET", "/v2/databases/%s/events" % cid, BASE + "/events", expect=200)["events"]
    assert [(e["cluster_name"], e["event_type"]) for e in events] == [("backend", "cluster_create")]
    ca = c.call("GET", "/v2/databases/%s/ca" % cid, BASE + "/ca", expect=200)["ca"]["certificate"]
    assert base64.b64decode(ca).decode().startswith("-----BEGIN CERTIFICATE-----\n")
    options = c.call("GET", "/v2/databases/options", "/v2/databases/options", expect=200)
    assert options["options"]["pg"]["versions"] == ["13", "14", "15", "16", "17"]
    assert options["options"]["pg"]["layouts"][0] == {"num_nodes": 1, "sizes": options["options"]["pg"]["layouts"][0]
                                                      ["sizes"]}
    assert "db-s-1vcpu-1gb" not in options["options"]["pg"]["layouts"][1]["sizes"]
    assert options["version_availability"]["mysql"] == [{"version": "8", "end_of_life": None,
                                                         "end_of_availability": None}]


# -- replicas ----------------------------------------------------------------------------------------


def test_replicas_fork_with_their_own_connection_and_promote_to_a_cluster(simulator):
    c = Checker(simulator)
    cid = cluster(simulator)
    path = "/v2/databases/%s/replicas" % cid
    assert error_of(simulator, "POST", path, {"name": "small", "size": "db-s-1vcpu-1gb"}) == (
        422, "size: a replica must be at least as large as its cluster (db-s-1vcpu-2gb)")
    replica = c.call("POST", path, BASE + "/replicas", {"name": "backend-ro", "size": "db-s-2vcpu-4gb",
                                                        "region": "ams3", "tags": ["ro"]}, expect=201)["replica"]
    assert replica["status"] == "forking" and replica["region"] == "ams3"
    assert replica["connection"]["host"].startswith("replica-backend-ro-")
    primary = simulator.api("GET", "/v2/databases/%s" % cid)[1]["database"]["connection"]
    assert replica["connection"]["host"] != primary["host"]
    assert replica["connection"]["password"] == primary["password"]
    assert error_of(simulator, "POST", path, {"name": "backend-ro", "size": "db-s-2vcpu-4gb"})[0] == 422
    assert error_of(simulator, "PUT", path + "/backend-ro/promote")[0] == 422       # still forking
    c.call("GET", path, BASE + "/replicas", expect=200)
    deadline = time.time() + 10
    while c.call("GET", path + "/backend-ro", BASE + "/replicas/{replica_name}", expect=200)["replica"][
            "status"] != "online":
        assert time.time() < deadline
        time.sleep(0.05)
    c.call("PUT", path + "/backend-ro/promote", BASE + "/replicas/{replica_name}/promote", expect=204)
    assert simulator.api("GET", path + "/backend-ro")[0] == 404
    promoted = simulator.api("GET", "/v2/databases/%s" % replica["id"])[1]["database"]
    assert promoted["name"] == "backend-ro" and promoted["status"] == "online" and promoted["region"] == "ams3"
    assert simulator.api("GET", "/v2/databases/%s/events" % replica["id"])[1]["events"][-1]["event_type"] == \
        "cluster_master_promotion"
    c.call("POST", path, BASE + "/replicas", {"name": "second", "size": "db-s-1vcpu-2gb"}, expect=201)
    c.call("DELETE", path + "/second", BASE + "/replicas/{replica_name}", expect=204)
    cache = cluster(simulator, "cache", "valkey", size="db-s-1vcpu-1gb")
    assert error_of(simulator, "GET", "/v2/databases/%s/replicas" % cache)[0] == 422


# -- Kafka topics ------------------------------------------------------------------------------------


def test_topics_grow_but_never_shrink(simulator):
    c = Checker(simulator)
    kafka = cluster(simulator, "events", "kafka", size="db-s-2vcpu-4gb", num_nodes=3)
    path = "/v2/databases/%s/topics" % kafka
    topic = c.call("POST", path, BASE + "/topics", {"name": "orders", "partition_count": 3, "replication_factor": 2,
                                                    "config": {"retention_ms": 3600000}}, expect=201)["topic"]
    assert topic["state"] == "configuring" and len(topic["partitions"]) == 3
    assert topic["config"]["retention_ms"] == 3600000 and topic["config"]["cleanup_policy"] == "delete"
    assert c.call("GET", path, BASE + "/topics", expect=200)["topics"][0]["partition_count"] == 3
    grown = c.call("PUT", path + "/orders", BASE + "/topics/{topic_name}", {"partition_count": 6}, expect=200)["topic"]
    assert len(grown["partitions"]) == 6
    assert error_of(simulator, "PUT", path + "/orders", {"partition_count": 2}) == (
        422, "partition_count: the number of partitions cannot be decreased (it is 6)")
    status, message = error_of(simulator, "POST", path, {"name": "bad", "config": {"min_cleanable_dirty_ratio": 2}})
    assert status == 422 and message.startswith("config.min_cleanable_dirty_ratio:")
    c.call("GET", path + "/orders", BASE + "/topics/{topic_name}", expect=200)
    c.call("DELETE", path + "/orders", BASE + "/topics/{topic_name}", expect=204)
    pg = cluster(simulator)
    assert error_of(simulator, "GET", "/v2/databases/%s/topics" % pg)[0] == 422


# -- log sinks ---------------------------------------------------------------------------------------


def test_log_sinks_are_checked_for_their_type(simulator):
    c = Checker(simulator)
    cid = cluster(simulator)
    path = "/v2/databases/%s/logsink" % cid
    sink = c.call("POST", path, BASE + "/logsink", {
        "sink_name": "logs", "sink_type": "opensearch",
        "config": {"url": "https://user:s3cret@search.example.com:25060", "index_prefix": "backend"}},
        expect=201)["sink"]
    assert sink["config"] == {"url": "https://user:s3cret@search.example.com:25060", "index_prefix": "backend",
                              "index_days_max": 7, "timeout": 10.0}
    one = c.call("GET", path + "/" + sink["sink_id"], BASE + "/logsink/{logsink_id}", expect=200)
    assert one["sink_name"] == "logs" and "sink" not in one
    c.call("PUT", path + "/" + sink["sink_id"], BASE + "/logsink/{logsink_id}", {
        "config": {"url": "https://user:other@search.example.com:25060", "index_prefix": "db"}}, expect=200)
    assert simulator.api("GET", path)[1]["sinks"][0]["config"]["index_prefix"] == "db"
    assert error_of(simulator, "PUT", path + "/" + sink["sink_id"], {
        "config": {"server": "logs.example.com", "port": 514, "tls": False, "format": "rfc5424"}})[0] == 422
    assert error_of(simulator, "POST", path, {"sink_name": "dd", "sink_type": "datadog",
                                              "config": {"site": "datadoghq.com", "datadog_api_key": "k"}}) == (
        422, "sink_type: datadog sinks are for MongoDB clusters only")
    c.call("POST", path, BASE + "/logsink", {"sink_name": "syslog", "sink_type": "rsyslog", "config": {
        "server": "logs.example.com", "port": 514, "tls": True, "format": "rfc5424"}}, expect=201)
    c.call("GET", path, BASE + "/logsink", expect=200)
    c.call("DELETE", path + "/" + sink["sink_id"], BASE + "/logsink/{logsink_id}", expect=200)
    assert simulator.api("GET", path + "/" + sink["sink_id"])[0] == 404


# -- online migrations -------------------------------------------------------------------------------


def test_online_migration_runs_syncs_and_stops(simulator):
    c = Checker(simulator)
    cid = cluster(simulator)
    path = "/v2/databases/%s/online-migration" % cid
    assert simulator.api("GET", path)[0] == 404
    source = {"host": "db.old.example.com", "port": 5432, "dbname": "shop", "username": "u", "password": "p4ss"}
    started = c.call("PUT", path, BASE + "/online-migration", {"source": source}, expect=200)
    assert started["status"] == "running" and "source" not in started
    assert error_of(simulator, "PUT", path, {"source": source})[1] == "an online migration is already running"
    deadline = time.time() + 10
    while c.call("GET", path, BASE + "/online-migration", expect=200)["status"] != "syncing":
        assert time.time() < deadline
        time.sleep(0.05)
    c.call("DELETE", "%s/%s" % (path, started["id"]), BASE + "/online-migration/{migration_id}", expect=204)
    assert simulator.api("GET", path)[1]["status"] == "canceled"
    failing = simulator.api("PUT", path, json={"source": dict(source, host="nowhere.invalid")})[1]
    clock(simulator, 5)
    assert simulator.api("GET", path)[1] == dict(failing, status="error")
    kafka = cluster(simulator, "events", "kafka", size="db-s-2vcpu-4gb", num_nodes=3)
    assert error_of(simulator, "GET", "/v2/databases/%s/online-migration" % kafka)[0] == 422


def test_unknown_cluster_is_404_everywhere(simulator):
    for suffix in ("/config", "/replicas", "/topics", "/logsink", "/online-migration", "/backups", "/events", "/ca",
                   "/autoscale"):
        assert simulator.api("GET", "/v2/databases/%s%s" % (UNKNOWN, suffix))[0] == 404, suffix
