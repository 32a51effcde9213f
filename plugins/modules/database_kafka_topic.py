#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_kafka_topic
short_description: Manage the topics of a DigitalOcean Kafka cluster
version_added: 0.2.0
description:
  - Makes sure a topic exists, or not, in a managed Kafka cluster. It is found by O(name) within the cluster.
  - O(partition_count), O(replication_factor) and O(config) change together with one C(PUT) of the topic.
  - The partition count only grows; a smaller one fails before any change, as Kafka cannot remove partitions.
  - Only the keys given in O(config) are managed, compared one by one and shown alone in the plan and the diff.
    Each is checked against the topic config schema of the DigitalOcean API before any request.
  - The task fails for a cluster that is not a Kafka cluster.
options:
  state:
    description: Whether the topic exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description: Name of the topic.
    type: str
    required: true
  partition_count:
    description: Number of partitions. The API's default when unset at creation. Can only grow.
    type: int
  replication_factor:
    description: Number of copies of each partition, at most the number of nodes. The API's default when unset.
    type: int
  config:
    description:
      - Topic settings as the API names them, for example V(retention_ms), V(cleanup_policy) or
        V(min_insync_replicas).
    type: dict
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: An orders topic kept for a week, compacted
  fathom.digitalocean.database_kafka_topic:
    cluster_name: events
    name: orders
    partition_count: 6
    replication_factor: 3
    config:
      retention_ms: 604800000
      cleanup_policy: compact_delete

- name: More partitions
  fathom.digitalocean.database_kafka_topic:
    cluster_name: events
    name: orders
    partition_count: 12

- name: Remove a topic
  fathom.digitalocean.database_kafka_topic:
    cluster_name: events
    name: scratch
    state: absent
"""

RETURN = r"""
database_kafka_topic:
  description: The topic as the API returns it (its partitions and whole config); empty when it is absent.
  returned: always
  type: dict
  sample: {"name": "orders", "state": "active", "replication_factor": 3, "partitions": [{"id": 0, "size": 4096}],
           "config": {"retention_ms": 604800000, "cleanup_policy": "compact_delete"}}
cluster_id:
  description: Id of the cluster.
  returned: always
  type: str
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource.
      type: str
    identity:
      description: The options that identify the resource.
      type: dict
    id:
      description: Id of the resource, when it existed before the task.
      type: raw
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (how it changes).
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    cluster_argument_spec,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_kafka import DATABASE_KAFKA_TOPIC


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        name=dict(type="str", required=True),
        partition_count=dict(type="int"),
        replication_factor=dict(type="int"),
        config=dict(type="dict"),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, **CLUSTER_CHOICE)
    module.run(DATABASE_KAFKA_TOPIC)


if __name__ == "__main__":
    main()
