#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_schema_registry_subject_info
short_description: List the subjects of the schema registry of a DigitalOcean Kafka cluster
version_added: 0.2.0
description:
  - Lists the subjects of a Kafka cluster's schema registry, each with its latest schema, or the one named O(name)
    (then with its version number).
  - It never changes anything.
options:
  name:
    description: Only this subject.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every subject of the events cluster
  fathom.digitalocean.database_schema_registry_subject_info:
    cluster_name: events
  register: events_subjects
"""

RETURN = r"""
database_schema_registry_subjects:
  description: The subjects, each as its latest schema (C(schema_id), C(subject_name), C(schema_type), C(schema)).
  returned: always
  type: list
  elements: dict
  sample: [{"schema_id": 12, "subject_name": "orders-value", "schema_type": "AVRO", "schema": "{\"type\": \"string\"}"}]
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_schema_registry import (
    DATABASE_SCHEMA_REGISTRY_SUBJECT,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(name=dict(type="str"))
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_SCHEMA_REGISTRY_SUBJECT, filters={})


if __name__ == "__main__":
    main()
