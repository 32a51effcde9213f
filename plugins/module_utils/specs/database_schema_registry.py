# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Subjects of the schema registry of a Kafka cluster (/v2/databases/{id}/schema-registry/{subject}).

A subject is found by name within its cluster; its answer is its latest version. Registering a
different schema under the subject (POST .../schema-registry, as for the first one) adds a version:
the registry keeps the earlier ones. Schemas compare as JSON (AVRO and JSON schemas: key order and
white space do not matter) or as text without surrounding white space (PROTOBUF). The schema type
of a subject cannot change. The subject's compatibility level (.../schema-registry/config/{subject})
is read only when the task sets it.
"""

from __future__ import annotations

import json
import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, Updater
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import ENGINE_NAMES, IN_CLUSTER
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import cluster_id_of

SCHEMA_TYPES = ("AVRO", "JSON", "PROTOBUF")
COMPATIBILITY_LEVELS = ("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL",
                        "FULL_TRANSITIVE")
# A subject name is one segment of the API's paths; "config" names the registry's configuration there.
SUBJECT_NAME = re.compile(r"^[A-Za-z0-9._\-]{1,255}$")
RESERVED = ("config",)


def schema_text(value):
    """The schema as the API takes it: text; a dict or list (a schema Ansible parsed) as JSON."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return value


def normalize_schema(value):
    """JSON schemas compare parsed (key order and spacing do not matter); other text stripped."""
    if value is None:
        return None
    text = schema_text(value)
    try:
        return json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return str(text).strip()


def check_subject(params):
    name = params.get("name")
    if name is not None and (not SUBJECT_NAME.match(name) or name in RESERVED):
        raise PlanError("name must be a subject name of letters, digits, '.', '_' and '-' (at most 255, not %s), "
                        "got %r" % (" or ".join(RESERVED), name))
    schema = params.get("schema")
    if schema is not None:
        if not isinstance(schema, (str, dict, list)) or not str(schema_text(schema)).strip():
            raise PlanError("schema must be the schema's text (or, for AVRO and JSON, a dict), got %r" % (schema,))
        text = schema_text(schema)
        if params.get("schema_type") in ("AVRO", "JSON"):
            try:
                json.loads(text)
            except ValueError as exc:
                raise PlanError("schema of an %s subject must be JSON text: %s" % (params["schema_type"], exc))
        params = dict(params, schema=text)
    return params


def check_kafka(engine):
    cluster = engine.parent or {}
    if cluster.get("engine") not in (None, "kafka"):
        raise PlanError("a schema registry exists in Kafka clusters only; %s is a %s cluster" % (
            cluster.get("name"), ENGINE_NAMES.get(cluster.get("engine"), cluster.get("engine"))))
    return engine.params


def subject_create_body(engine, body):
    return {"subject_name": body["name"], "schema_type": body["schema_type"], "schema": body["schema"]}


def compatibility_path(engine, subject):
    return "%s/config/%s" % (engine.collection_path, subject["subject_name"])


def with_compatibility(engine, subject):
    """The subject with its compatibility level, read only when the task sets one."""
    if engine.params.get("compatibility_level") is None or "compatibility_level" in subject:
        return subject
    config = engine.client.get_or_none(compatibility_path(engine, subject)) or {}
    return dict(subject, compatibility_level=config.get("compatibility_level"))


class RegisterVersion(Updater):
    """A new schema for the subject: registered under its name, which adds a version."""

    via = "POST:schema-registry"

    def apply(self, engine, current, changes):
        engine.post_harmless(engine.collection_path, {"subject_name": current["subject_name"],
                                                      "schema_type": current["schema_type"],
                                                      "schema": changes["schema"].after})
        # The subject's latest version, read now, so that a compatibility change after it starts from it.
        return engine.reload(current)


class SetCompatibility(Updater):
    """The subject's own compatibility level (PUT .../schema-registry/config/{subject})."""

    via = "PUT:config"

    def apply(self, engine, current, changes):
        level = changes["compatibility_level"].after
        engine.client.put(compatibility_path(engine, current), {"compatibility_level": level})
        return dict(current, compatibility_level=level)


DATABASE_SCHEMA_REGISTRY_SUBJECT = ResourceSpec(
    kind="database_schema_registry_subject",
    api=Api("/v2/databases/{parent}/schema-registry", "subject", plural_key="subjects", id_field="subject_name"),
    lookup=Lookup(id_option="name", names=("subject_name",)),
    fields={
        "name": Field(read=lambda subject: subject.get("subject_name")),
        "schema_type": Field(),
        "schema": Field(normalize=normalize_schema, update=RegisterVersion()),
        "compatibility_level": Field(update=SetCompatibility()),
    },
    create=Create(fields=("name", "schema_type", "schema"), required=("schema_type", "schema"),
                  body=subject_create_body, then=("compatibility_level",)),
    parent=IN_CLUSTER,
    prepare=check_subject,
    resolve=check_kafka,
    extras=cluster_id_of,
    expand=with_compatibility,
    label="schema registry subject",
)
