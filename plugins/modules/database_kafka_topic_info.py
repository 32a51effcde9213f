#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_kafka_topic_info
short_description: List the topics of a DigitalOcean Kafka cluster
version_added: 0.2.0
description:
  - Lists the topics of one managed Kafka cluster and never changes anything.
  - The list holds each topic's name, state, partition count and replication factor; with O(name), the one
    topic is read whole (partitions and config).
options:
  name:
    description: Only the topic with this name (read directly, one request).
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Topics of the events cluster
  fathom.digitalocean.database_kafka_topic_info:
    cluster_name: events
  register: topics
"""

RETURN = r"""
database_kafka_topics:
  description: The topics, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "orders", "state": "active", "partition_count": 6, "replication_factor": 3}]
cluster_id:
  description: Id of the cluster.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    cluster_argument_spec,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_kafka import DATABASE_KAFKA_TOPIC


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(name=dict(type="str"))
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_KAFKA_TOPIC)


if __name__ == "__main__":
    main()
