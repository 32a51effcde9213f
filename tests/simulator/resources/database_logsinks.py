"""Log sinks of managed database clusters: /v2/databases/{id}/logsink[/{logsink_id}].

A sink's config must fit its type (the spec's rsyslog_logsink, elasticsearch_logsink,
opensearch_logsink and datadog_logsink: the keys each requires and takes; 422 otherwise), which
request validation cannot tell (the body's config is any of them). Datadog sinks are for MongoDB
clusters only. Elasticsearch and OpenSearch sinks get ``index_days_max`` 7 and ``timeout`` 10 when
they leave them out. A PUT replaces the config. The config is returned as it was sent, credentials
in the URL included (as the reference's samples show). A sink's own GET answers the bare sink, as
the spec says, not ``{"sink": ...}``. Names need not be unique.
"""
import secrets

from tests.simulator.resources import databases
from tests.simulator.resources.database_config import check_against
from tests.simulator.routing import on, route
from tests.simulator.state import not_found, unprocessable

SCHEMAS = {"rsyslog": "rsyslog_logsink", "elasticsearch": "elasticsearch_logsink",
           "opensearch": "opensearch_logsink", "datadog": "datadog_logsink"}
REQUIRED = {"rsyslog": ("server", "port", "tls", "format"), "elasticsearch": ("url", "index_prefix"),
            "opensearch": ("url", "index_prefix"), "datadog": ("site", "datadog_api_key")}
SEARCH_DEFAULTS = {"index_days_max": 7, "timeout": 10.0}


def render(sink):
    return {"sink_id": sink["sink_id"], "sink_name": sink["sink_name"], "sink_type": sink["sink_type"],
            "config": dict(sink["config"])}


def _config(db, sink_type, config):
    if sink_type == "datadog" and db["engine"] != "mongodb":
        raise unprocessable("sink_type: datadog sinks are for MongoDB clusters only")
    check_against(SCHEMAS[sink_type], config)
    missing = [key for key in REQUIRED[sink_type] if key not in config]
    if missing:
        raise unprocessable("config.%s: is required for a %s sink" % (missing[0], sink_type))
    if sink_type in ("elasticsearch", "opensearch"):
        config = dict(SEARCH_DEFAULTS, **config)
    return dict(config)


def _sink_or_404(db, sink_id):
    sink = db["logsinks"].get(sink_id)
    if sink is None:
        raise not_found()
    return sink


@on("database.created")
def _no_sinks(ctx, db):
    db.setdefault("logsinks", {})


@route("GET", "/v2/databases/{database_cluster_uuid}/logsink")
def list_sinks(ctx, database_cluster_uuid):
    db = databases.get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, {"sinks": [render(sink) for sink in db["logsinks"].values()]}


@route("POST", "/v2/databases/{database_cluster_uuid}/logsink")
def create_sink(ctx, database_cluster_uuid):
    db = databases.get_cluster_or_404(ctx, database_cluster_uuid)
    body = ctx.json_body()
    databases.require_online(ctx, db, "add a log sink")
    sink = {"sink_id": secrets.token_hex(20), "sink_name": body["sink_name"], "sink_type": body["sink_type"],
            "config": _config(db, body["sink_type"], body["config"])}
    db["logsinks"][sink["sink_id"]] = sink
    return 201, {"sink": render(sink)}


@route("GET", "/v2/databases/{database_cluster_uuid}/logsink/{logsink_id}")
def get_sink(ctx, database_cluster_uuid, logsink_id):
    db = databases.get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, render(_sink_or_404(db, logsink_id))


@route("PUT", "/v2/databases/{database_cluster_uuid}/logsink/{logsink_id}")
def update_sink(ctx, database_cluster_uuid, logsink_id):
    db = databases.get_cluster_or_404(ctx, database_cluster_uuid)
    sink = _sink_or_404(db, logsink_id)
    sink["config"] = _config(db, sink["sink_type"], ctx.json_body()["config"])
    return 200, None


@route("DELETE", "/v2/databases/{database_cluster_uuid}/logsink/{logsink_id}")
def delete_sink(ctx, database_cluster_uuid, logsink_id):
    db = databases.get_cluster_or_404(ctx, database_cluster_uuid)
    del db["logsinks"][_sink_or_404(db, logsink_id)["sink_id"]]
    return 200, None
