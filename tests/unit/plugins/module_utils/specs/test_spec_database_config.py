# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The database_config declaration (specs/database_config.py): only the keys a task gives are compared,
shown and sent (one PATCH); each key is checked against the engine's config schema from the spec
(database_config_schema.py) before any request. Through the engine against the simulator, and
through a scripted session for the exact requests."""

from __future__ import annotations

import pytest

from fakes import module_engine, reply
from sim_engine import run

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.database_config_schema import ENGINE_CONFIG
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_config import DATABASE_CONFIG
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_config import check_settings


def task(simulator, check_mode=False, **options):
    options.setdefault("cluster_name", "backend")
    return run(simulator, DATABASE_CONFIG, "database_config", check_mode=check_mode, **options)


def new_cluster(simulator, engine="pg", name="backend"):
    return simulator.seed("database_clusters", engine=engine, name_prefix=name)[0]


def test_set_no_op_change_check_mode_and_diff_of_the_managed_keys_only(simulator):
    cid = new_cluster(simulator)
    first = task(simulator, cluster_name="backend-1", engine="pg",
                 config={"work_mem": 8, "idle_in_transaction_session_timeout": 600000})
    path = "/v2/databases/%s/config" % cid
    assert first.mutating == ["PATCH " + path]
    assert first.result["plan"]["action"] == "update"
    assert first.result["plan"]["changes"] == {"config": {
        "before": {"work_mem": 4, "idle_in_transaction_session_timeout": 0},
        "after": {"work_mem": 8, "idle_in_transaction_session_timeout": 600000}, "via": "PATCH"}}
    assert first.result["diff"]["before"]["config"] == {"work_mem": 4, "idle_in_transaction_session_timeout": 0}
    assert first.result["database_config"]["config"]["jit"] is True      # the whole config is returned
    assert first.result["cluster_id"] == cid
    assert [r for r in simulator.state("database_clusters") if r["id"] == cid][0]["config"]["work_mem"] == 8

    again = task(simulator, cluster_name="backend-1", config={"work_mem": "8", "idle_in_transaction_session_timeout": 600000})
    assert again.mutating == [] and again.result["changed"] is False
    assert again.calls == ["GET /v2/databases", "GET " + path]

    planned = task(simulator, check_mode=True, cluster_id=cid, config={"work_mem": 16, "jit": True})
    assert planned.mutating == []
    assert planned.result["plan"]["changes"]["config"] == {"before": {"work_mem": 8, "jit": True},
                                                           "after": {"work_mem": 16, "jit": True}, "via": "PATCH"}
    assert planned.result["diff"] == {"before": {"config": {"work_mem": 8, "jit": True}, "cluster_id": cid},
                                      "after": {"config": {"work_mem": 16, "jit": True}, "cluster_id": cid}}

    nested = task(simulator, cluster_id=cid, config={"pgbouncer": {"server_idle_timeout": 120}})
    assert nested.mutating == ["PATCH " + path]
    assert nested.result["database_config"]["config"]["pgbouncer"] == {
        "server_idle_timeout": 120, "server_lifetime": 3600, "min_pool_size": 0}
    assert task(simulator, cluster_id=cid, config={"pgbouncer": {"server_idle_timeout": 120}}).mutating == []


def test_one_patch_carries_only_the_changed_keys():
    engine, session, _clock = module_engine(DATABASE_CONFIG, "database_config", cluster_id=CLUSTER,
                                            config={"work_mem": 8, "jit": False, "pgbouncer": {"min_pool_size": 5}})
    session.on("GET", "/v2/databases/" + CLUSTER, reply(200, {"database": {"id": CLUSTER, "name": "b", "engine": "pg"}}))
    session.on("GET", "/v2/databases/%s/config" % CLUSTER, reply(200, {"config": {
        "work_mem": 4, "jit": False, "pgbouncer": {"min_pool_size": 0, "server_lifetime": 3600}}}))
    session.on("PATCH", "/v2/databases/%s/config" % CLUSTER, reply(200))
    result = engine.run()
    patch = session.sent("PATCH")[0].json
    assert patch == {"config": {"work_mem": 8, "jit": False,
                                "pgbouncer": {"min_pool_size": 5, "server_lifetime": 3600}}}
    assert result["database_config"]["config"]["work_mem"] == 8
    assert len(session.requests) == 3


CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"


@pytest.mark.parametrize("engine, config, message", [
    ("pg", {"work_mem": 5000}, r"^config.work_mem must be between 1 and 1024, got 5000$"),
    ("pg", {"no_such_setting": 1}, r"^config.no_such_setting is not a setting of PostgreSQL clusters \(engine pg\); "
                                   r"the settings are: autovacuum_analyze_scale_factor, "),
    ("pg", {"track_commit_timestamp": "maybe"}, r"^config.track_commit_timestamp must be one of off, on, got 'maybe'$"),
    ("pg", {"pgbouncer": {"server_lifetime": 10}}, r"^config.pgbouncer.server_lifetime must be between 60 and 86400"),
    ("mysql", {"sql_require_primary_key": "sometimes"}, r"^config.sql_require_primary_key must be a boolean"),
    ("mysql", {"connect_timeout": 1}, r"^config.connect_timeout must be between 2 and 3600, got 1$"),
    ("mysql", {"work_mem": 8}, r"^config.work_mem is not a setting of MySQL clusters \(engine mysql\)"),
    ("kafka", {"log_retention_hours": -2}, r"^config.log_retention_hours must be between -1 and 2147483647, got -2$"),
    ("kafka", {"retention_ms": 1}, r"^config.retention_ms is not a setting of Kafka clusters"),
    ("valkey", {"valkey_io_threads": 64}, r"^config.valkey_io_threads must be between 1 and 32, got 64$"),
    ("valkey", {"valkey_maxmemory_policy": "allkeys-lru"}, r"^config.valkey_maxmemory_policy must be one of noeviction"),
    ("opensearch", {"search_max_buckets": 0}, r"^config.search_max_buckets must be between 1 and 1000000, got 0$"),
    ("mongodb", {"verbosity": 9}, r"^config.verbosity must be between 0 and 5, got 9$"),
])
def test_unknown_keys_and_out_of_range_values_fail_before_any_request(engine, config, message):
    task_engine, session, _clock = module_engine(DATABASE_CONFIG, "database_config", cluster_name="backend",
                                                 engine=engine, config=config)
    with pytest.raises(PlanError, match=message):
        task_engine.run()
    assert session.requests == []


@pytest.mark.parametrize("config, message", [
    ({"no_such_setting": 1}, "^config.no_such_setting is not a configuration setting of any database engine$"),
    ({"work_mem": 5000}, "^config.work_mem must be between 1 and 1024, got 5000$"),
])
def test_without_the_engine_keys_are_checked_against_every_engine_before_any_request(config, message):
    task_engine, session, _clock = module_engine(DATABASE_CONFIG, "database_config", cluster_name="backend",
                                                 config=config)
    with pytest.raises(PlanError, match=message):
        task_engine.run()
    assert session.requests == []


def test_without_the_engine_the_cluster_engine_decides_once_the_cluster_is_read(simulator):
    new_cluster(simulator, engine="mysql", name="shop")
    # backup_hour exists for PostgreSQL and MySQL; work_mem only for PostgreSQL.
    with pytest.raises(PlanError, match=r"^config.work_mem is not a setting of MySQL clusters"):
        task(simulator, cluster_name="shop-1", config={"backup_hour": 4, "work_mem": 8})
    assert simulator.mutating_requests() == []
    with pytest.raises(PlanError, match="^engine is pg, but cluster shop-1 is a mysql cluster$"):
        task(simulator, cluster_name="shop-1", engine="pg", config={"backup_hour": 4})
    done = task(simulator, cluster_name="shop-1", config={"backup_hour": 4, "sql_require_primary_key": "false"})
    assert done.result["database_config"]["config"]["sql_require_primary_key"] is False


def test_values_ansible_may_hand_over_as_strings_are_taken_as_the_schema_types():
    rules = ENGINE_CONFIG["pg"]
    assert check_settings("config", {"work_mem": "8", "jit": "yes", "track_io_timing": True,
                                     "autovacuum_vacuum_scale_factor": "0.2"}, rules, "pg") == {
        "work_mem": 8, "jit": True, "track_io_timing": "on", "autovacuum_vacuum_scale_factor": 0.2}
    with pytest.raises(PlanError, match="^config.work_mem must be an integer, got True$"):
        check_settings("config", {"work_mem": True}, rules, "pg")


def test_a_cluster_planned_by_an_earlier_task_is_planned_as_new_in_check_mode(simulator):
    warnings = []
    planned = run(simulator, DATABASE_CONFIG, "database_config", check_mode=True, cluster_name="future",
                  engine="pg", config={"work_mem": 8})
    warnings = planned.warnings
    assert planned.result["plan"]["action"] == "create" and planned.mutating == []
    assert warnings and "no database cluster is named future" in warnings[0]
    with pytest.raises(PlanError, match="no database cluster is named future"):
        task(simulator, cluster_name="future", config={"work_mem": 8})
