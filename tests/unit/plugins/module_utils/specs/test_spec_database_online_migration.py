# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The database_online_migration declaration (specs/database_migration.py) through the engine
against the simulator: started and awaited until syncing, a re-run without a change, stopped,
planned in check mode, a failed migration reported; the source's password masked and never in the
plan or the result."""

from __future__ import annotations

import json

import pytest

from fakes import module_engine
from sim_engine import run

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_migration import (
    DATABASE_ONLINE_MIGRATION,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import WaitError

PASSWORD = "mig-Src-p4ss-0917"
SOURCE = {"host": "db.old.example.com", "port": 5432, "dbname": "shop", "username": "migrator", "password": PASSWORD}


def task(simulator, check_mode=False, **options):
    options.setdefault("cluster_name", "backend-1")
    options.setdefault("wait_timeout", 30)
    return run(simulator, DATABASE_ONLINE_MIGRATION, "database_online_migration", check_mode=check_mode, **options)


def test_start_wait_no_op_stop_and_check_mode(simulator):
    cid = simulator.seed("database_clusters", name_prefix="backend")[0]
    path = "/v2/databases/%s/online-migration" % cid

    planned = task(simulator, check_mode=True, source=SOURCE)
    assert planned.result["plan"]["action"] == "create" and planned.mutating == []
    assert planned.result["plan"]["changes"]["source"] == {"before": None, "after": "(sensitive)", "via": "create"}
    assert PASSWORD in planned.masked and PASSWORD not in json.dumps(planned.result)

    started = task(simulator, source=SOURCE, ignore_dbs=["scratch"])
    assert started.mutating == ["PUT " + path]
    assert started.result["database_online_migration"]["status"] == "syncing"
    assert PASSWORD not in json.dumps(started.result)
    stored = [db for db in simulator.state("database_clusters") if db["id"] == cid][0]["migration"]
    assert stored["source"] == SOURCE and stored["ignore_dbs"] == ["scratch"]

    again = task(simulator, source=SOURCE)
    assert again.mutating == [] and again.calls == ["GET /v2/databases", "GET " + path]
    assert task(simulator).mutating == []          # no source needed once it runs

    check_stop = task(simulator, check_mode=True, state="absent")
    assert check_stop.result["plan"]["action"] == "delete" and check_stop.mutating == []
    stopped = task(simulator, state="absent")
    migration_id = started.result["database_online_migration"]["id"]
    assert stopped.mutating == ["DELETE %s/%s" % (path, migration_id)]
    assert simulator.api("GET", path)[1]["status"] == "canceled"
    assert task(simulator, state="absent").mutating == []


def test_a_migration_that_fails_fails_the_task(simulator):
    simulator.seed("database_clusters", name_prefix="backend")
    with pytest.raises(WaitError, match="the online migration .* failed \\(status error\\)"):
        task(simulator, source=dict(SOURCE, host="db.old.invalid"))


def test_start_needs_a_source_and_an_engine_that_migrates(simulator):
    simulator.seed("database_clusters", name_prefix="backend")
    with pytest.raises(PlanError, match="^source is required to create online migration$"):
        task(simulator)
    simulator.seed("database_clusters", engine="kafka", size="db-s-2vcpu-4gb", num_nodes=3, name_prefix="events")
    with pytest.raises(PlanError, match="^online migration is available for MySQL, PostgreSQL, Caching and Valkey "
                                        "clusters only; events-1 is a Kafka cluster$"):
        task(simulator, cluster_name="events-1", source=SOURCE)
    assert simulator.mutating_requests() == []


def test_the_source_password_is_masked_before_anything_can_fail():
    masked = []
    engine, session, _clock = module_engine(DATABASE_ONLINE_MIGRATION, "database_online_migration",
                                            mask=masked.extend, cluster_name="backend", source=SOURCE)
    engine.prepare()
    assert masked == [PASSWORD] and session.requests == []
