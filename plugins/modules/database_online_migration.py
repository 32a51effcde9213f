#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_online_migration
short_description: Start, wait for and stop an online migration into a DigitalOcean database cluster
version_added: 0.2.0
description:
  - Migrates a database from outside DigitalOcean into a managed MySQL, PostgreSQL, Caching or Valkey cluster
    while it is in use. The data is copied, then changes keep flowing until the migration is stopped.
  - O(state=present) starts a migration unless the cluster's latest one is running, syncing or done, and waits
    until it is C(syncing) (the copy is complete) or C(done). A migration that ends in C(error) fails the task.
  - O(state=absent) stops a running or syncing migration.
  - The API never returns the source of a migration, so an existing one is not compared with O(source).
  - O(source.password) is masked everywhere in the output, also at C(-vvv); the plan shows the source as
    C((sensitive)).
options:
  state:
    description: Whether a migration is under way (or done).
    type: str
    choices: [present, absent]
    default: present
  source:
    description: The database to migrate from. Required to start a migration.
    type: dict
    suboptions:
      host:
        description: Host name or address of the source.
        type: str
        required: true
      port:
        description: Port of the source.
        type: int
        required: true
      dbname:
        description: Database to migrate.
        type: str
      username:
        description: User to connect as.
        type: str
      password:
        description: Its password.
        type: str
  disable_ssl:
    description: Connect to the source without TLS.
    type: bool
    default: false
  ignore_dbs:
    description: Databases of the source that are not migrated (MySQL and PostgreSQL).
    type: list
    elements: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Copy the old database into the backend cluster, and keep it in sync
  fathom.digitalocean.database_online_migration:
    cluster_name: backend
    source:
      host: db.old.example.com
      port: 5432
      dbname: shop
      username: migrator
      password: "{{ vault_old_db_password }}"
    ignore_dbs: [scratch]

- name: Stop it once the application has moved
  fathom.digitalocean.database_online_migration:
    cluster_name: backend
    state: absent
"""

RETURN = r"""
database_online_migration:
  description: The migration (C(id), C(status), C(created_at)); empty when there is none.
  returned: always
  type: dict
  sample: {"id": "77b28fc8-19ff-11eb-8c9c-c68e24557488", "status": "syncing", "created_at": "2024-01-31T03:00:00Z"}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_migration import (
    DATABASE_ONLINE_MIGRATION,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        source=dict(type="dict", options=dict(
            host=dict(type="str", required=True),
            port=dict(type="int", required=True),
            dbname=dict(type="str"),
            username=dict(type="str"),
            password=dict(type="str", no_log=True),
        )),
        disable_ssl=dict(type="bool", default=False),
        ignore_dbs=dict(type="list", elements="str"),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, secrets=DATABASE_ONLINE_MIGRATION.secrets,
                                **CLUSTER_CHOICE)
    module.run(DATABASE_ONLINE_MIGRATION)


if __name__ == "__main__":
    main()
