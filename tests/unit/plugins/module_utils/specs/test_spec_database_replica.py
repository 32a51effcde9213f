# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The database_replica declaration (specs/database_replica.py) through the engine against the
simulator: created and awaited until online with connection details of its own, a re-run without a
change, changes refused (the API has no request for them), promotion planned in check mode, carried
out once and then a no-op, deletion; and a scripted session for the exact requests."""

from __future__ import annotations

import pytest

from fakes import module_engine, reply
from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_replica import DATABASE_REPLICA


def task(simulator, check_mode=False, **options):
    options.setdefault("cluster_name", "backend-1")
    options.setdefault("name", "backend-ro")
    options.setdefault("wait_timeout", 30)
    return run(simulator, DATABASE_REPLICA, "database_replica", check_mode=check_mode, **options)


def test_create_no_op_refused_change_promote_and_delete(simulator):
    cid = simulator.seed("database_clusters", name_prefix="backend")[0]
    path = "/v2/databases/%s/replicas" % cid

    planned = task(simulator, check_mode=True, size="db-s-2vcpu-4gb", region="ams3")
    assert planned.result["plan"]["action"] == "create" and planned.mutating == []
    assert planned.result["database_replica"]["name"] == "backend-ro"

    created = task(simulator, size="db-s-2vcpu-4gb", region="ams3", tags=["ro"])
    assert created.mutating == ["POST " + path]
    replica = created.result["database_replica"]
    assert replica["status"] == "online" and replica["region"] == "ams3"
    assert created.result["connection"]["host"].startswith("replica-backend-ro-")
    assert created.result["cluster_id"] == cid
    assert created.calls.count("GET %s/backend-ro" % path) >= 1

    again = task(simulator, size="db-s-2vcpu-4gb", region="ams3", tags=["RO"])
    assert again.mutating == [] and again.result["changed"] is False
    assert again.calls == ["GET /v2/databases", "GET %s/backend-ro" % path]

    with pytest.raises(PlanError, match="^size cannot change in place on database_replica backend-ro: it is "
                                        "db-s-2vcpu-4gb and the task asks for db-s-4vcpu-8gb$"):
        task(simulator, size="db-s-4vcpu-8gb")
    with pytest.raises(PlanError, match="^tags cannot change in place"):
        task(simulator, tags=["other"])

    check = task(simulator, check_mode=True, promote=True)
    assert check.result["plan"]["changes"] == {"promote": {"before": False, "after": True, "via": "PUT:promote"}}
    assert check.mutating == []

    promoted = task(simulator, promote=True)
    assert promoted.mutating == ["PUT %s/backend-ro/promote" % path]
    cluster = promoted.result["database_replica"]
    assert cluster["promoted"] is True and cluster["id"] == replica["id"] and cluster["status"] == "online"
    assert [db["name"] for db in simulator.state("database_clusters")] == ["backend-1", "backend-ro"]

    # The replica is now a cluster: promote stays true, nothing left to do.
    after = task(simulator, promote=True)
    assert after.mutating == [] and after.result["changed"] is False

    # A new replica under the same name, then removed.
    task(simulator, name="second", size="db-s-1vcpu-2gb")
    gone = task(simulator, name="second", state="absent")
    assert gone.mutating == ["DELETE %s/second" % path]
    assert simulator.api("GET", path + "/second")[0] == 404
    assert task(simulator, name="second", state="absent").mutating == []


def test_replicas_exist_for_postgresql_and_mysql_only(simulator):
    simulator.seed("database_clusters", engine="valkey", size="db-s-1vcpu-1gb", name_prefix="cache")
    for check_mode in (True, False):
        with pytest.raises(PlanError, match="^read-only replicas exist for PostgreSQL and MySQL clusters only; "
                                            "cache-1 is a Valkey cluster$"):
            task(simulator, check_mode=check_mode, cluster_name="cache-1", size="db-s-1vcpu-1gb")
    assert simulator.mutating_requests() == []


def test_a_create_needs_a_size(simulator):
    simulator.seed("database_clusters", name_prefix="backend")
    with pytest.raises(PlanError, match="^size is required to create read-only replica backend-ro$"):
        task(simulator)


def test_info_lists_the_replicas_with_their_connection(simulator):
    cid = simulator.seed("database_clusters", name_prefix="backend")[0]
    task(simulator, size="db-s-1vcpu-2gb")
    task(simulator, name="other", size="db-s-1vcpu-2gb")
    listed = run_info(simulator, DATABASE_REPLICA, "database_replica_info", cluster_name="backend-1")
    assert [r["name"] for r in listed.result["database_replicas"]] == ["backend-ro", "other"]
    assert listed.result["cluster_id"] == cid
    one = run_info(simulator, DATABASE_REPLICA, "database_replica_info", filters={"name": "other"},
                   cluster_id=cid, name="other")
    assert [r["name"] for r in one.result["database_replicas"]] == ["other"]


CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"
REPLICA = "/v2/databases/%s/replicas/ro" % CLUSTER


def test_promotion_takes_the_cluster_the_replica_became_even_when_the_list_lags():
    engine, session, clock = module_engine(DATABASE_REPLICA, "database_replica", cluster_id=CLUSTER, name="ro",
                                           promote=True)
    session.on("GET", "/v2/databases/" + CLUSTER, reply(200, {"database": {"id": CLUSTER, "name": "b", "engine": "pg"}}))
    session.on("GET", REPLICA, reply(200, {"replica": {"id": "r-1", "name": "ro", "status": "online"}}))
    session.on("PUT", REPLICA + "/promote", reply(204))
    session.on("GET", "/v2/databases", reply(200, {"databases": []}),
               reply(200, {"databases": [{"id": "r-1", "name": "ro", "status": "online", "engine": "pg"}]}))
    result = engine.run()
    assert result["database_replica"] == {"id": "r-1", "name": "ro", "status": "online", "engine": "pg",
                                          "promoted": True}
    assert [r.method for r in session.requests] == ["GET", "GET", "PUT", "GET", "GET"]
    assert clock.slept >= 1
