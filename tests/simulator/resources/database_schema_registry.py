"""The schema registry of Kafka clusters: /v2/databases/{id}/schema-registry[/{subject}[/versions/{v}]]
and its compatibility configuration (/schema-registry/config[/{subject}]).

A subject holds numbered versions of one schema. Registering a schema under a subject adds a
version, unless the latest version already holds the same text (then the answer is that version,
as a schema registry does); a schema of another type than the subject's is refused (422), and an
AVRO or JSON schema must be JSON text (422). Every schema gets an id unique within the cluster. A
subject's own answer is its latest version. The cluster's compatibility level starts at
``BACKWARD``; a subject follows it until it is given its own. Deleting a subject deletes its
versions and its configuration. Only Kafka clusters have a registry (422 otherwise).
"""
import json

from tests.simulator.resources import databases
from tests.simulator.routing import on, route
from tests.simulator.state import not_found, unprocessable

DEFAULT_LEVEL = "BACKWARD"


def _cluster(ctx, cluster_id):
    db = databases.get_cluster_or_404(ctx, cluster_id)
    databases.require_engine(db, ("kafka",), "schema registry")
    return db


def _registry(db):
    return db.setdefault("schema_registry", {"subjects": {}, "next_id": 1, "compatibility_level": DEFAULT_LEVEL})


def _subject_or_404(db, name):
    subject = _registry(db)["subjects"].get(name)
    if subject is None:
        raise not_found()
    return subject


def render(name, version, verbose=True):
    shown = {"schema_id": version["schema_id"], "subject_name": name, "schema_type": version["schema_type"],
             "schema": version["schema"]}
    if verbose:
        shown["version"] = str(version["version"])
    return shown


def _check_schema(schema_type, schema):
    if schema_type in ("AVRO", "JSON"):
        try:
            json.loads(schema)
        except ValueError:
            raise unprocessable("schema: not a valid %s schema (it must be JSON text)" % schema_type)
    elif not schema.strip():
        raise unprocessable("schema: must not be empty")


@on("database.created")
def _empty_registry(ctx, db):
    if db["engine"] == "kafka":
        _registry(db)


@route("GET", "/v2/databases/{database_cluster_uuid}/schema-registry")
def list_subjects(ctx, database_cluster_uuid):
    db = _cluster(ctx, database_cluster_uuid)
    subjects = _registry(db)["subjects"]
    return 200, {"subjects": [render(name, subject["versions"][-1], verbose=False)
                              for name, subject in sorted(subjects.items())]}


@route("POST", "/v2/databases/{database_cluster_uuid}/schema-registry")
def register_schema(ctx, database_cluster_uuid):
    db = _cluster(ctx, database_cluster_uuid)
    databases.require_online(ctx, db, "register a schema")
    body = ctx.json_body()
    name, schema_type, schema = body["subject_name"], body["schema_type"], body["schema"]
    if not name.strip():
        raise unprocessable("subject_name: must not be empty")
    _check_schema(schema_type, schema)
    registry = _registry(db)
    subject = registry["subjects"].setdefault(name, {"versions": [], "compatibility_level": None})
    latest = subject["versions"][-1] if subject["versions"] else None
    if latest is not None:
        if latest["schema_type"] != schema_type:
            raise unprocessable("schema_type: subject %s holds %s schemas, not %s" % (
                name, latest["schema_type"], schema_type))
        if latest["schema"] == schema:
            return 201, render(name, latest, verbose=False)
    version = {"schema_id": registry["next_id"], "version": len(subject["versions"]) + 1,
               "schema_type": schema_type, "schema": schema}
    registry["next_id"] += 1
    subject["versions"].append(version)
    return 201, render(name, version, verbose=False)


@route("GET", "/v2/databases/{database_cluster_uuid}/schema-registry/{subject_name}")
def get_subject(ctx, database_cluster_uuid, subject_name):
    db = _cluster(ctx, database_cluster_uuid)
    return 200, render(subject_name, _subject_or_404(db, subject_name)["versions"][-1])


@route("GET", "/v2/databases/{database_cluster_uuid}/schema-registry/{subject_name}/versions/{version}")
def get_version(ctx, database_cluster_uuid, subject_name, version):
    db = _cluster(ctx, database_cluster_uuid)
    versions = _subject_or_404(db, subject_name)["versions"]
    if version == "latest":
        return 200, render(subject_name, versions[-1])
    if not version.isdigit() or not 1 <= int(version) <= len(versions):
        raise not_found()
    return 200, render(subject_name, versions[int(version) - 1])


@route("DELETE", "/v2/databases/{database_cluster_uuid}/schema-registry/{subject_name}")
def delete_subject(ctx, database_cluster_uuid, subject_name):
    db = _cluster(ctx, database_cluster_uuid)
    _subject_or_404(db, subject_name)
    del _registry(db)["subjects"][subject_name]
    return 204, None


@route("GET", "/v2/databases/{database_cluster_uuid}/schema-registry/config")
def get_config(ctx, database_cluster_uuid):
    db = _cluster(ctx, database_cluster_uuid)
    return 200, {"compatibility_level": _registry(db)["compatibility_level"]}


@route("PUT", "/v2/databases/{database_cluster_uuid}/schema-registry/config")
def update_config(ctx, database_cluster_uuid):
    db = _cluster(ctx, database_cluster_uuid)
    _registry(db)["compatibility_level"] = ctx.json_body()["compatibility_level"]
    return 200, {"compatibility_level": _registry(db)["compatibility_level"]}


@route("GET", "/v2/databases/{database_cluster_uuid}/schema-registry/config/{subject_name}")
def get_subject_config(ctx, database_cluster_uuid, subject_name):
    db = _cluster(ctx, database_cluster_uuid)
    subject = _subject_or_404(db, subject_name)
    level = subject["compatibility_level"] or _registry(db)["compatibility_level"]
    return 200, {"subject_name": subject_name, "compatibility_level": level}


@route("PUT", "/v2/databases/{database_cluster_uuid}/schema-registry/config/{subject_name}")
def update_subject_config(ctx, database_cluster_uuid, subject_name):
    db = _cluster(ctx, database_cluster_uuid)
    subject = _subject_or_404(db, subject_name)
    subject["compatibility_level"] = ctx.json_body()["compatibility_level"]
    return 200, {"subject_name": subject_name, "compatibility_level": subject["compatibility_level"]}
