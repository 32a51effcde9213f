#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_cluster
short_description: Create, resize, migrate and delete DigitalOcean managed database clusters
version_added: 0.1.0
description:
  - Reconciles one managed database cluster, found by O(id) or by O(name), to the declared state.
  - Creating waits until the cluster is C(online).
  - O(size), O(num_nodes) and O(storage_size_mib) change together through one resize; O(region)
    changes by migrating the cluster. Each change waits until the cluster is C(online) again.
  - O(maintenance_window) and O(tags) change in place.
  - A change to O(engine), O(version), O(private_network_uuid) or O(project_id) fails with an
    error naming the field; nothing is changed.
  - The result holds the connection details (host, port, user, password, uri, database, ssl) in
    RV(connection) and RV(private_connection). Passwords, connection URIs and keys are
    registered with Ansible's C(no_log) handling, so they are masked everywhere in the output,
    also at C(-v) and with C(--diff). To use them in later tasks, run the task with
    C(no_log) set to true; Ansible then hides the whole result from the output and the module returns
    the secrets unmasked in the registered variable.
options:
  wait_timeout:
    description:
      - Seconds to wait for asynchronous work before failing the task. A new cluster, a resize or a migration can take many minutes.
    default: 1800
  state:
    description: Whether the cluster exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id (UUID) of the cluster. When set, the cluster is found by id.
    type: str
  name:
    description: Name of the cluster, unique in the account. Identifies the cluster.
    type: str
  engine:
    description: Database engine. Required to create; cannot change.
    type: str
    choices: [pg, mysql, valkey, redis, mongodb, kafka, opensearch]
  version:
    description: Engine version, for example V(16) for PostgreSQL. The API's default when unset. Cannot change.
    type: str
  size:
    description: Size slug of the nodes, for example V(db-s-1vcpu-1gb). Required to create.
    type: str
  num_nodes:
    description: Number of nodes, 1 to 3. Required to create.
    type: int
  region:
    description: Region slug. Required to create; a change migrates the cluster.
    type: str
  private_network_uuid:
    description: UUID of the VPC the cluster is placed in. The region's default VPC when unset. Cannot change.
    type: str
  project_id:
    description: UUID of the project the cluster belongs to. The default project when unset. Cannot change.
    type: str
  storage_size_mib:
    description: Total disk of the cluster in MiB. Can only grow.
    type: int
  tags:
    description: Tags of the cluster, compared as a set. V([]) removes every tag.
    type: list
    elements: str
  maintenance_window:
    description: When automatic maintenance may run.
    type: dict
    suboptions:
      day:
        description:
          - Day of the week, V(monday) to V(sunday), in any case (V(Tuesday) works too).
        type: str
        required: true
      hour:
        description: Hour in UTC, C(HH:MM) in 24-hour format.
        type: str
        required: true
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Create a PostgreSQL cluster
  fathom.digitalocean.database_cluster:
    name: backend
    engine: pg
    version: "16"
    size: db-s-1vcpu-2gb
    num_nodes: 1
    region: nyc3
    tags: [production]
    maintenance_window:
      day: sunday
      hour: "03:00"

- name: Grow it to two nodes
  fathom.digitalocean.database_cluster:
    name: backend
    size: db-s-2vcpu-4gb
    num_nodes: 2

- name: Read the connection details for a later task (the result is hidden from the output)
  fathom.digitalocean.database_cluster:
    name: backend
  no_log: true
  register: backend_db

- name: Delete it
  fathom.digitalocean.database_cluster:
    name: backend
    state: absent
"""

RETURN = r"""
database_cluster:
  description:
    - The cluster as the API returns it after the task; empty when it is absent.
    - Passwords and URIs are masked unless the task runs with C(no_log).
  returned: always
  type: dict
  sample: {"id": "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30", "name": "backend", "engine": "pg", "version": "16",
           "size": "db-s-1vcpu-2gb", "num_nodes": 1, "region": "nyc3", "status": "online"}
connection:
  description: Public connection details of the cluster (C(database_cluster.connection)); empty when it is absent.
  returned: always
  type: dict
  contains:
    host:
      description: Host name.
      type: str
    port:
      description: Port.
      type: int
    user:
      description: The primary user.
      type: str
    password:
      description: Its password, masked unless the task runs with C(no_log).
      type: str
    uri:
      description: Connection URI, masked unless the task runs with C(no_log).
      type: str
    database:
      description: Default database.
      type: str
    ssl:
      description: Whether connections require TLS.
      type: bool
private_connection:
  description: Connection details inside the VPC (C(database_cluster.private_connection)), shaped like RV(connection).
  returned: always
  type: dict
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import DATABASE_CLUSTER, ENGINES


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            engine=dict(type="str", choices=list(ENGINES)),
            version=dict(type="str"),
            size=dict(type="str"),
            num_nodes=dict(type="int"),
            region=dict(type="str"),
            private_network_uuid=dict(type="str"),
            project_id=dict(type="str"),
            storage_size_mib=dict(type="int"),
            tags=dict(type="list", elements="str"),
            maintenance_window=dict(type="dict", options=dict(
                day=dict(type="str", required=True),
                hour=dict(type="str", required=True),
            )),
        ),
        required_one_of=[("id", "name")],
        wait_timeout=1800,
    )
    module.run(DATABASE_CLUSTER)


if __name__ == "__main__":
    main()
