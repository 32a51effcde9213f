#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_connection_pool
short_description: Manage PgBouncer connection pools of a DigitalOcean PostgreSQL cluster
version_added: 0.1.0
description:
  - Makes sure a connection pool exists, or not, in a managed PostgreSQL cluster. It is found by
    O(name) within the cluster.
  - O(mode), O(size), O(db) and O(user) change in place with one PUT of the pool.
  - The pool's connection details hold the password of its user; they are masked by Ansible's
    C(no_log) handling unless the task runs with C(no_log) set to true.
options:
  state:
    description: Whether the pool exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description: Name of the pool, 3 to 60 characters.
    type: str
    required: true
  mode:
    description: PgBouncer pool mode. Required to create.
    type: str
    choices: [session, transaction, statement]
  size:
    description:
      - Number of backend connections of the pool. Required to create.
      - The cluster allows 25 per GiB of memory of its primary node, less 3, shared by all pools.
    type: int
  db:
    description: Database the pool connects to. Required to create.
    type: str
  user:
    description:
      - User the pool connects as. When unset at creation, sessions connect as the inbound user.
      - Leaving it unset on an existing pool leaves it alone.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A transaction pool for the app
  fathom.digitalocean.database_connection_pool:
    cluster_name: backend
    name: app-pool
    mode: transaction
    size: 10
    db: app
    user: app

- name: Make it larger
  fathom.digitalocean.database_connection_pool:
    cluster_name: backend
    name: app-pool
    size: 20
"""

RETURN = r"""
database_connection_pool:
  description: The pool as the API returns it (secrets masked); empty when it is absent.
  returned: always
  type: dict
  sample: {"name": "app-pool", "mode": "transaction", "size": 10, "db": "app", "user": "app"}
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
      description: Name of the object, when it existed before the task.
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
    DATABASE_CONNECTION_POOL,
    POOL_MODES,
    cluster_argument_spec,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        name=dict(type="str", required=True),
        mode=dict(type="str", choices=list(POOL_MODES)),
        size=dict(type="int"),
        db=dict(type="str"),
        user=dict(type="str"),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run(DATABASE_CONNECTION_POOL)


if __name__ == "__main__":
    main()
