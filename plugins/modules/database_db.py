#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_db
short_description: Create and delete databases inside a DigitalOcean managed database cluster
version_added: 0.1.0
description:
  - Makes sure a database (a schema namespace such as PostgreSQL's C(CREATE DATABASE)) exists, or
    not, in a managed database cluster. It is found by O(name) within the cluster.
  - Not available for Valkey, Kafka and OpenSearch clusters.
options:
  state:
    description: Whether the database exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description: Name of the database.
    type: str
    required: true
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A database for the app
  fathom.digitalocean.database_db:
    cluster_name: backend
    name: app

- name: Drop it
  fathom.digitalocean.database_db:
    cluster_name: backend
    name: app
    state: absent
"""

RETURN = r"""
database_db:
  description: The database as the API returns it; empty when it is absent.
  returned: always
  type: dict
  sample: {"name": "app"}
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
      description: One of V(create), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource.
      type: str
    identity:
      description: The options that identify the resource.
      type: dict
    id:
      description: Name of the database, when it existed before the task.
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
    DATABASE_DB,
    cluster_argument_spec,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        name=dict(type="str", required=True),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run(DATABASE_DB)


if __name__ == "__main__":
    main()
