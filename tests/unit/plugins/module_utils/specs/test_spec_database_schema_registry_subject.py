# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The database_schema_registry_subject declaration (specs/database_schema_registry.py) through the
engine against the simulator: a subject created with its compatibility level, a re-run without a
change (the schema written differently), a new schema planned in check mode then registered as a new
version, the compatibility level changed, a type change refused, deletion; bad input refused before
any request; Kafka clusters only; the _info listing."""

from __future__ import annotations

import json

import pytest

from fakes import module_engine
from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_schema_registry import (
    DATABASE_SCHEMA_REGISTRY_SUBJECT,
)

ORDER = {"type": "record", "name": "Order", "fields": [{"name": "id", "type": "int"}]}
ORDER_2 = {"type": "record", "name": "Order", "fields": [{"name": "id", "type": "int"},
                                                         {"name": "note", "type": ["null", "string"], "default": None}]}


def task(simulator, check_mode=False, **options):
    options.setdefault("cluster_name", "events-1")
    options.setdefault("name", "orders-value")
    return run(simulator, DATABASE_SCHEMA_REGISTRY_SUBJECT, "database_schema_registry_subject",
               check_mode=check_mode, **options)


def kafka(simulator):
    return simulator.seed("database_clusters", engine="kafka", size="db-s-2vcpu-4gb", num_nodes=3,
                          name_prefix="events")[0]


def test_create_no_op_new_version_check_mode_and_delete(simulator):
    cid = kafka(simulator)
    path = "/v2/databases/%s/schema-registry" % cid

    planned = task(simulator, check_mode=True, schema_type="AVRO", schema=json.dumps(ORDER))
    assert planned.result["plan"]["action"] == "create" and planned.mutating == []

    created = task(simulator, schema_type="AVRO", schema=json.dumps(ORDER), compatibility_level="FULL")
    assert created.mutating == ["POST " + path, "PUT %s/config/orders-value" % path]
    subject = created.result["database_schema_registry_subject"]
    assert subject["subject_name"] == "orders-value" and subject["schema_type"] == "AVRO"
    assert json.loads(subject["schema"]) == ORDER and subject["compatibility_level"] == "FULL"
    assert created.result["cluster_id"] == cid

    # The same schema written another way (a dict, other key order and spacing): no change.
    again = task(simulator, schema_type="AVRO", schema=dict(reversed(list(ORDER.items()))),
                 compatibility_level="FULL")
    assert again.mutating == [] and again.result["changed"] is False
    assert again.calls == ["GET /v2/databases", "GET %s/orders-value" % path,
                           "GET %s/config/orders-value" % path]
    assert task(simulator).mutating == []

    check = task(simulator, check_mode=True, schema=json.dumps(ORDER_2), compatibility_level="BACKWARD")
    changes = check.result["plan"]["changes"]
    assert changes["compatibility_level"] == {"before": "FULL", "after": "BACKWARD", "via": "PUT:config"}
    assert changes["schema"]["via"] == "POST:schema-registry"
    assert json.loads(changes["schema"]["before"]) == ORDER and json.loads(changes["schema"]["after"]) == ORDER_2
    assert check.result["diff"]["after"]["compatibility_level"] == "BACKWARD" and check.mutating == []

    changed = task(simulator, schema=json.dumps(ORDER_2), compatibility_level="BACKWARD")
    assert changed.mutating == ["POST " + path, "PUT %s/config/orders-value" % path]
    latest = changed.result["database_schema_registry_subject"]
    assert latest["version"] == "2" and json.loads(latest["schema"]) == ORDER_2
    assert simulator.api("GET", path + "/orders-value/versions/1")[1]["schema"] == json.dumps(ORDER)
    assert task(simulator, schema=ORDER_2, compatibility_level="BACKWARD").mutating == []

    with pytest.raises(PlanError, match="^schema_type cannot change in place on database_schema_registry_subject "
                                        "orders-value: it is AVRO and the task asks for JSON"):
        task(simulator, schema_type="JSON")

    gone = task(simulator, state="absent")
    assert gone.mutating == ["DELETE %s/orders-value" % path]
    assert simulator.api("GET", path)[1] == {"subjects": []}
    assert task(simulator, state="absent").mutating == []


def test_protobuf_schemas_compare_as_text(simulator):
    kafka(simulator)
    proto = 'syntax = "proto3";\nmessage Order { int32 id = 1; }\n'
    task(simulator, name="orders-proto", schema_type="PROTOBUF", schema=proto)
    assert task(simulator, name="orders-proto", schema=proto.strip()).mutating == []


@pytest.mark.parametrize("options, message", [
    (dict(name="config", schema_type="AVRO", schema="{}"), r"^name must be a subject name .* not config\), got 'config'$"),
    (dict(name="a/b"), "^name must be a subject name"),
    (dict(schema_type="AVRO", schema="record Order"), "^schema of an AVRO subject must be JSON text: "),
    (dict(schema_type="JSON", schema="  "), r"^schema must be the schema's text"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = module_engine(DATABASE_SCHEMA_REGISTRY_SUBJECT, "database_schema_registry_subject",
                                            **dict(dict(cluster_name="events", name="orders-value"), **options))
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def test_a_create_needs_a_type_and_a_schema_and_a_kafka_cluster(simulator):
    kafka(simulator)
    with pytest.raises(PlanError, match="schema_type"):
        task(simulator, schema=json.dumps(ORDER))
    simulator.seed("database_clusters", engine="pg", name_prefix="backend")
    for check_mode in (True, False):
        with pytest.raises(PlanError, match="^a schema registry exists in Kafka clusters only; backend-1 is a "
                                            "PostgreSQL cluster$"):
            task(simulator, check_mode=check_mode, cluster_name="backend-1", schema_type="AVRO", schema="{}")
    assert simulator.mutating_requests() == []


def test_info_lists_the_subjects(simulator):
    cid = kafka(simulator)
    task(simulator, schema_type="AVRO", schema=json.dumps(ORDER))
    task(simulator, name="payments-value", schema_type="JSON", schema='{"type": "object"}')
    listed = run_info(simulator, DATABASE_SCHEMA_REGISTRY_SUBJECT, "database_schema_registry_subject_info",
                      cluster_id=cid)
    assert [s["subject_name"] for s in listed.result["database_schema_registry_subjects"]] == [
        "orders-value", "payments-value"]
    one = run_info(simulator, DATABASE_SCHEMA_REGISTRY_SUBJECT, "database_schema_registry_subject_info",
                   cluster_id=cid, name="payments-value")
    assert [s["version"] for s in one.result["database_schema_registry_subjects"]] == ["1"]
    assert one.calls == ["GET /v2/databases/%s" % cid, "GET /v2/databases/%s/schema-registry/payments-value" % cid]
