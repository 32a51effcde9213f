# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Topics of a Kafka cluster (/v2/databases/{id}/topics/{name}).

A topic is found by name within its cluster. Its partition count, replication factor and config
change together with one PUT; the partition count only grows (Kafka cannot take partitions away),
so a smaller one is refused in the plan. The config is managed key by key like a cluster's
configuration, each key checked against the spec's kafka_topic_config schema.
"""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.database_config_schema import KAFKA_TOPIC_CONFIG
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Create, Field, Lookup, Put, Ready
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import ENGINE_NAMES, IN_CLUSTER
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import child_api, cluster_id_of
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_config import check_settings
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_config import covered, managed_keys
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_config import merged

# Kafka's own rule for topic names.
TOPIC_NAME = re.compile(r"^[A-Za-z0-9._\-]{1,249}$")


def partition_count_of(topic):
    """The list answer counts partitions; a topic's own answer lists them."""
    if topic.get("partition_count") is not None:
        return topic["partition_count"]
    partitions = topic.get("partitions")
    return len(partitions) if partitions is not None else None


def check_topic(params):
    name = params.get("name")
    if name is not None and not TOPIC_NAME.match(name):
        raise PlanError("name must be a Kafka topic name of letters, digits, '.', '_' and '-' (at most 249), got %r"
                        % name)
    for option in ("partition_count", "replication_factor"):
        value = params.get(option)
        if value is not None and value < 1:
            raise PlanError("%s must be at least 1, got %s" % (option, value))
    if params.get("config") is not None:
        params = dict(params, config=check_settings("config", params["config"], KAFKA_TOPIC_CONFIG, "Kafka topics"))
    return params


def check_kafka(engine):
    cluster = engine.parent or {}
    if cluster.get("engine") not in (None, "kafka"):
        raise PlanError("topics exist in Kafka clusters only; %s is a %s cluster" % (
            cluster.get("name"), ENGINE_NAMES.get(cluster.get("engine"), cluster.get("engine"))))
    return engine.params


def forbid_partition_shrink(engine, topic, changes):
    change = changes.get("partition_count")
    if change is not None and change.before is not None and change.after < change.before:
        raise PlanError("partition_count of %s cannot shrink from %s to %s: Kafka only adds partitions" % (
            engine.describe(topic), change.before, change.after))


def topic_body(engine, topic, changes):
    """What the PUT sends: the counts the task sets, and the config with the managed keys laid over it."""
    body = {option: engine.params[option] for option in ("partition_count", "replication_factor")
            if engine.params.get(option) is not None}
    if engine.params.get("config") is not None:
        body["config"] = merged(topic.get("config"), engine.params["config"])
    return body


TOPIC_PUT = Put(body=topic_body, refuse=forbid_partition_shrink, answer=True)

DATABASE_KAFKA_TOPIC = ResourceSpec(
    kind="database_kafka_topic",
    api=child_api("topics", "topic"),
    lookup=Lookup(id_option="name"),
    fields={
        "partition_count": Field(read=partition_count_of, update=TOPIC_PUT),
        "replication_factor": Field(update=TOPIC_PUT),
        "config": Field(equal=covered, show=managed_keys, update=TOPIC_PUT),
    },
    create=Create(fields=("name", "partition_count", "replication_factor", "config")),
    ready=Ready(lambda topic: (topic or {}).get("state", "active") == "active", status="state"),
    parent=IN_CLUSTER,
    prepare=check_topic,
    resolve=check_kafka,
    extras=cluster_id_of,
    label="Kafka topic",
)
