"""Topics of Kafka clusters: /v2/databases/{id}/topics[/{topic_name}].

A topic is ``configuring`` for ``action_seconds`` after it is created or changed, then ``active``.
Its config starts at the defaults of the spec's kafka_topic_config and takes the keys sent (422
for a key the schema does not have or a value it refuses). The partition count only grows (422
otherwise); the replication factor is 1 to 3 (the cluster's brokers). The list shows each
topic's partition count; a topic's own answer lists its partitions.
"""
from tests.simulator.resources import databases
from tests.simulator.resources.database_config import check_against, defaults_of_schema
from tests.simulator.routing import on, route
from tests.simulator.state import not_found, unprocessable

DEFAULT_PARTITIONS = 3
DEFAULT_REPLICATION = 2
MAX_PARTITIONS = 2048
MAX_REPLICATION = 3


def _state(ctx, topic):
    return "configuring" if ctx.now < topic["busy_until"] else "active"


def render(ctx, topic):
    partitions = [{"id": index, "size": 0, "in_sync_replicas": topic["replication_factor"], "earliest_offset": 0,
                   "consumer_groups": None} for index in range(topic["partition_count"])]
    return {"name": topic["name"], "state": _state(ctx, topic), "replication_factor": topic["replication_factor"],
            "partitions": partitions, "config": dict(topic["config"])}


def _cluster(ctx, cluster_id):
    db = databases.get_cluster_or_404(ctx, cluster_id)
    databases.require_engine(db, ("kafka",), "topics")
    return db


def _topic_or_404(db, name):
    topic = db["topics"].get(name)
    if topic is None:
        raise not_found()
    return topic


def _counts(body, topic):
    partitions = body.get("partition_count", topic["partition_count"])
    replication = body.get("replication_factor", topic["replication_factor"])
    if not 1 <= partitions <= MAX_PARTITIONS:
        raise unprocessable("partition_count: must be between 1 and %d" % MAX_PARTITIONS)
    if partitions < topic["partition_count"]:
        raise unprocessable("partition_count: the number of partitions cannot be decreased (it is %d)"
                            % topic["partition_count"])
    if not 1 <= replication <= MAX_REPLICATION:
        raise unprocessable("replication_factor: must be between 1 and %d" % MAX_REPLICATION)
    return partitions, replication


@on("database.created")
def _no_topics(ctx, db):
    db.setdefault("topics", {})


@route("GET", "/v2/databases/{database_cluster_uuid}/topics")
def list_topics(ctx, database_cluster_uuid):
    db = _cluster(ctx, database_cluster_uuid)
    return 200, {"topics": [{"name": topic["name"], "replication_factor": topic["replication_factor"],
                             "partition_count": topic["partition_count"], "state": _state(ctx, topic)}
                            for topic in db["topics"].values()]}


@route("POST", "/v2/databases/{database_cluster_uuid}/topics")
def create_topic(ctx, database_cluster_uuid):
    db = _cluster(ctx, database_cluster_uuid)
    body = ctx.json_body()
    databases.require_online(ctx, db, "add a topic")
    name = body["name"]
    if name in db["topics"]:
        raise unprocessable("topic %r already exists" % name)
    config = body.get("config") or {}
    check_against("kafka_topic_config", config)
    empty = {"partition_count": 1, "replication_factor": 1}
    partitions, replication = _counts(dict({"partition_count": DEFAULT_PARTITIONS,
                                            "replication_factor": DEFAULT_REPLICATION}, **body), empty)
    topic = {"name": name, "partition_count": partitions, "replication_factor": replication,
             "config": dict(defaults_of_schema("kafka_topic_config"), **config),
             "busy_until": ctx.now + ctx.config["action_seconds"]}
    db["topics"][name] = topic
    return 201, {"topic": render(ctx, topic)}


@route("GET", "/v2/databases/{database_cluster_uuid}/topics/{topic_name}")
def get_topic(ctx, database_cluster_uuid, topic_name):
    db = _cluster(ctx, database_cluster_uuid)
    return 200, {"topic": render(ctx, _topic_or_404(db, topic_name))}


@route("PUT", "/v2/databases/{database_cluster_uuid}/topics/{topic_name}")
def update_topic(ctx, database_cluster_uuid, topic_name):
    db = _cluster(ctx, database_cluster_uuid)
    topic = _topic_or_404(db, topic_name)
    body = ctx.json_body()
    config = body.get("config") or {}
    check_against("kafka_topic_config", config)
    topic["partition_count"], topic["replication_factor"] = _counts(body, topic)
    topic["config"].update(config)
    topic["busy_until"] = ctx.now + ctx.config["action_seconds"]
    return 200, {"topic": render(ctx, topic)}


@route("DELETE", "/v2/databases/{database_cluster_uuid}/topics/{topic_name}")
def delete_topic(ctx, database_cluster_uuid, topic_name):
    db = _cluster(ctx, database_cluster_uuid)
    del db["topics"][_topic_or_404(db, topic_name)["name"]]
    return 204, None
