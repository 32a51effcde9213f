# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The database_kafka_topic declaration (specs/database_kafka.py) through the engine against the
simulator: created and awaited until active, a re-run without a change, partitions, replication and
config changed with one PUT, a smaller partition count refused, check mode, deletion, and the
config checked against the spec's topic schema before any request."""

from __future__ import annotations

import pytest

from fakes import module_engine
from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_kafka import DATABASE_KAFKA_TOPIC


def task(simulator, check_mode=False, **options):
    options.setdefault("cluster_name", "events-1")
    options.setdefault("name", "orders")
    options.setdefault("wait_timeout", 30)
    return run(simulator, DATABASE_KAFKA_TOPIC, "database_kafka_topic", check_mode=check_mode, **options)


def kafka(simulator):
    return simulator.seed("database_clusters", engine="kafka", size="db-s-2vcpu-4gb", num_nodes=3,
                          name_prefix="events")[0]


def test_create_no_op_update_check_mode_and_delete(simulator):
    cid = kafka(simulator)
    path = "/v2/databases/%s/topics" % cid
    created = task(simulator, partition_count=3, replication_factor=2, config={"retention_ms": 3600000})
    assert created.mutating == ["POST " + path]
    topic = created.result["database_kafka_topic"]
    assert topic["state"] == "active" and len(topic["partitions"]) == 3
    assert topic["config"]["retention_ms"] == 3600000 and created.result["cluster_id"] == cid

    again = task(simulator, partition_count=3, replication_factor=2, config={"retention_ms": "3600000"})
    assert again.mutating == [] and again.calls == ["GET /v2/databases", "GET %s/orders" % path]

    planned = task(simulator, check_mode=True, partition_count=6, config={"retention_ms": 7200000,
                                                                          "cleanup_policy": "compact"})
    assert planned.mutating == []
    assert planned.result["plan"]["changes"] == {
        "partition_count": {"before": 3, "after": 6, "via": "PUT"},
        "config": {"before": {"retention_ms": 3600000, "cleanup_policy": "delete"},
                   "after": {"retention_ms": 7200000, "cleanup_policy": "compact"}, "via": "PUT"}}
    assert planned.result["diff"]["before"]["config"] == {"retention_ms": 3600000, "cleanup_policy": "delete"}

    changed = task(simulator, partition_count=6, config={"retention_ms": 7200000, "cleanup_policy": "compact"})
    assert changed.mutating == ["PUT %s/orders" % path]
    put = [r for r in changed.requests if r["method"] == "PUT"]
    assert len(put) == 1
    topic = changed.result["database_kafka_topic"]
    assert len(topic["partitions"]) == 6 and topic["config"]["cleanup_policy"] == "compact"
    assert topic["config"]["segment_ms"] == 604800000 and topic["state"] == "active"

    gone = task(simulator, state="absent")
    assert gone.mutating == ["DELETE %s/orders" % path]
    assert task(simulator, state="absent").mutating == []


def test_partitions_refuse_to_shrink(simulator):
    kafka(simulator)
    task(simulator, partition_count=6)
    for check_mode in (True, False):
        with pytest.raises(PlanError, match=r"^partition_count of database_kafka_topic orders cannot shrink from 6 "
                                            r"to 3: Kafka only adds partitions$"):
            task(simulator, check_mode=check_mode, partition_count=3)
    assert simulator.mutating_requests() == []


def test_topics_exist_in_kafka_clusters_only(simulator):
    simulator.seed("database_clusters", name_prefix="backend")
    with pytest.raises(PlanError, match="^topics exist in Kafka clusters only; backend-1 is a PostgreSQL cluster$"):
        task(simulator, cluster_name="backend-1")
    assert simulator.mutating_requests() == []


@pytest.mark.parametrize("options, message", [
    (dict(config={"min_cleanable_dirty_ratio": 1.5}), r"^config.min_cleanable_dirty_ratio must be between 0 and 1"),
    (dict(config={"cleanup_policy": "forever"}), r"^config.cleanup_policy must be one of delete, compact, "),
    (dict(config={"log_retention_hours": 2}), r"^config.log_retention_hours is not a setting of Kafka topics"),
    (dict(partition_count=0), r"^partition_count must be at least 1, got 0$"),
    (dict(name="bad name"), r"^name must be a Kafka topic name"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = module_engine(DATABASE_KAFKA_TOPIC, "database_kafka_topic",
                                            **dict(dict(cluster_name="events", name="orders"), **options))
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def test_info_lists_the_topics(simulator):
    cid = kafka(simulator)
    task(simulator, partition_count=2)
    task(simulator, name="payments")
    listed = run_info(simulator, DATABASE_KAFKA_TOPIC, "database_kafka_topic_info", cluster_id=cid)
    assert [(t["name"], t["partition_count"]) for t in listed.result["database_kafka_topics"]] == [
        ("orders", 2), ("payments", 3)]
