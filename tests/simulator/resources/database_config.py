"""Engine configuration of managed database clusters: GET and PATCH /v2/databases/{id}/config.

Every cluster starts with its engine's defaults: the ``default`` of each key of the engine's
config schema in the spec (postgres_advanced_config, mysql_advanced_config, ...), plus the values
the real API shows for a few keys the schema gives no default (``work_mem``, ``sql_mode``...).
A PATCH is checked against the schema of the cluster's own engine, which request validation
cannot do (the body's ``config`` is any of the seven schemas): a key of another engine or a value
out of that engine's range is 422 naming the key. The keys sent are merged into the config
(nested objects too). The eviction policy of a Valkey/Caching cluster and the SQL mode of a MySQL
cluster are the same settings as their own endpoints (``valkey_maxmemory_policy``,
``redis_maxmemory_policy``, ``sql_mode``): a change through either shows in both.
"""
import json

from openapi_schema_validator import OAS30Validator

from tests.simulator.resources import databases
from tests.simulator.routing import on, route
from tests.simulator.state import unprocessable
from tests.simulator.validation import SPEC_PATH

SCHEMAS = {"pg": "postgres_advanced_config", "mysql": "mysql_advanced_config", "redis": "redis_advanced_config",
           "valkey": "valkey_advanced_config", "mongodb": "mongo_advanced_config", "kafka": "kafka_advanced_config",
           "opensearch": "opensearch_advanced_config"}
# Values the API shows for keys whose schema has no default.
KNOWN_DEFAULTS = {
    "pg": {"work_mem": 4, "idle_in_transaction_session_timeout": 0, "max_connections": 97, "jit": True,
           "timezone": "UTC", "backup_hour": 3, "backup_minute": 0, "shared_buffers_percentage": 25.0,
           "pgbouncer": {"server_idle_timeout": 600, "server_lifetime": 3600, "min_pool_size": 0}},
    "mysql": {"sql_mode": databases.DEFAULT_SQL_MODE, "sql_require_primary_key": True, "connect_timeout": 10,
              "wait_timeout": 28800, "default_time_zone": "SYSTEM", "backup_hour": 3, "backup_minute": 0},
    "valkey": {"valkey_maxmemory_policy": "noeviction", "valkey_persistence": "rdb"},
    "redis": {"redis_maxmemory_policy": "noeviction", "redis_persistence": "rdb"},
    "kafka": {"log_retention_hours": 168, "num_partitions": 3, "default_replication_factor": 2,
              "min_insync_replicas": 1},
    "opensearch": {"thread_pool_search_size": 1},
}
_SPEC = {}


def components():
    if not _SPEC:
        with open(SPEC_PATH) as handle:
            _SPEC.update(json.load(handle))
    return _SPEC["components"]


def schema_of(name):
    return components()["schemas"][name]


def _resolved(schema):
    while "$ref" in schema:
        schema = schema_of(schema["$ref"].rsplit("/", 1)[-1])
    return schema


def defaults_of_schema(schema_name):
    """The keys of a schema that have a default, at their default."""
    config = {}
    for key, prop in schema_of(schema_name)["properties"].items():
        prop = _resolved(prop)
        if "default" in prop:
            config[key] = prop["default"]
    return config


def defaults(engine):
    config = defaults_of_schema(SCHEMAS[engine])
    config.update(json.loads(json.dumps(KNOWN_DEFAULTS.get(engine, {}))))
    return config


def check_against(schema_name, values, where="config"):
    """422 naming the first key that the schema does not have, or whose value it refuses."""
    properties = schema_of(schema_name)["properties"]
    for key in values:
        if key not in properties:
            raise unprocessable("%s.%s: is not a setting of this cluster's engine" % (where, key))
    validator = OAS30Validator({"$ref": "#/components/schemas/%s" % schema_name, "components": components()})
    errors = sorted(validator.iter_errors(values), key=lambda error: list(error.path))
    if errors:
        path = ".".join(str(part) for part in errors[0].path)
        raise unprocessable("%s.%s: %s" % (where, path, errors[0].message))


def merge(have, want):
    result = dict(have or {})
    for key, value in want.items():
        result[key] = merge(result.get(key), value) if isinstance(value, dict) else value
    return result


@on("database.created")
def _initial_config(ctx, db):
    db.setdefault("config", defaults(db["engine"]))


@on("database.eviction_policy")
def _eviction_to_config(ctx, db):
    if db["engine"] == "valkey":
        db["config"]["valkey_maxmemory_policy"] = db["eviction_policy"]
    else:
        db["config"]["redis_maxmemory_policy"] = db["eviction_policy"].replace("_", "-")


@on("database.sql_mode")
def _sql_mode_to_config(ctx, db):
    db["config"]["sql_mode"] = db["sql_mode"]


@route("GET", "/v2/databases/{database_cluster_uuid}/config")
def get_config(ctx, database_cluster_uuid):
    db = databases.get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, {"config": db["config"]}


@route("PATCH", "/v2/databases/{database_cluster_uuid}/config")
def patch_config(ctx, database_cluster_uuid):
    db = databases.get_cluster_or_404(ctx, database_cluster_uuid)
    config = ctx.json_body().get("config") or {}
    databases.require_online(ctx, db, "change the configuration")
    check_against(SCHEMAS[db["engine"]], config)
    db["config"] = merge(db["config"], config)
    if "valkey_maxmemory_policy" in config:
        db["eviction_policy"] = config["valkey_maxmemory_policy"]
    if "redis_maxmemory_policy" in config:
        db["eviction_policy"] = config["redis_maxmemory_policy"].replace("-", "_")
    if "sql_mode" in config and db["engine"] == "mysql":
        db["sql_mode"] = config["sql_mode"]
    databases.record_event(ctx, db, "cluster_update")
    return 200, None
