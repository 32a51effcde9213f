#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_schema_registry_subject
short_description: Manage the subjects of the schema registry of a DigitalOcean Kafka cluster
version_added: 0.2.0
description:
  - Makes sure a subject exists, or not, in the schema registry of a managed Kafka cluster, with O(schema) as its
    latest version. It is found by O(name) within the cluster.
  - A different O(schema) registers a new version of the subject; the registry keeps the earlier versions, and
    it may refuse a schema that breaks the subject's compatibility level. AVRO and JSON schemas compare as JSON,
    so key order and white space do not matter.
  - O(schema_type) cannot change; a different one fails with an error naming it. Delete the subject and create
    it again instead.
  - O(compatibility_level) is the subject's own; it is read and changed only when the task sets it.
  - O(state=absent) deletes the subject with all its versions.
  - The task fails for a cluster that is not a Kafka cluster.
options:
  state:
    description: Whether the subject exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description: Name of the subject, for example V(orders-value). V(config) is not a subject name.
    type: str
    required: true
  schema_type:
    description: Type of the schema. Required to create. Cannot change.
    type: str
    choices: [AVRO, JSON, PROTOBUF]
  schema:
    description:
      - The schema's definition, as text, for example from C(lookup('ansible.builtin.file', 'order.avsc')).
        For AVRO and JSON a dict is taken too, and sent as JSON.
      - Required to create.
    type: raw
  compatibility_level:
    description: The subject's compatibility level. The cluster's when never set.
    type: str
    choices: [NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE]
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The schema of the orders topic's values
  fathom.digitalocean.database_schema_registry_subject:
    cluster_name: events
    name: orders-value
    schema_type: AVRO
    schema: "{{ lookup('ansible.builtin.file', 'schemas/order.avsc') }}"
    compatibility_level: FULL

- name: Remove a subject and all its versions
  fathom.digitalocean.database_schema_registry_subject:
    cluster_name: events
    name: scratch-value
    state: absent
"""

RETURN = r"""
database_schema_registry_subject:
  description:
    - The subject's latest version as the API returns it; empty when it is absent.
    - With O(compatibility_level) set, also the subject's C(compatibility_level).
  returned: always
  type: dict
  sample: {"schema_id": 12, "version": "2", "subject_name": "orders-value", "schema_type": "AVRO",
           "schema": "{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"int\"}]}"}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_schema_registry import (
    COMPATIBILITY_LEVELS,
    DATABASE_SCHEMA_REGISTRY_SUBJECT,
    SCHEMA_TYPES,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        name=dict(type="str", required=True),
        schema_type=dict(type="str", choices=list(SCHEMA_TYPES)),
        schema=dict(type="raw"),
        compatibility_level=dict(type="str", choices=list(COMPATIBILITY_LEVELS)),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run(DATABASE_SCHEMA_REGISTRY_SUBJECT)


if __name__ == "__main__":
    main()
