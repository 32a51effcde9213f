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
  - O(version) is upgraded in place, only upward and only to a version the API lists for the engine
    (C(/v2/databases/options)); the task waits until the cluster is C(online) again.
  - O(project_id) moves the cluster to another project. O(storage_autoscale), O(eviction_policy),
    O(sql_mode) and O(do_settings) change through their own endpoints; each is read only when the task
    sets it.
  - O(install_update=true) installs a pending maintenance update now, and does nothing when none is pending.
  - O(backup_restore) creates the cluster from a backup of another cluster (a fork); it matters only
    when the cluster is created.
  - A change to O(engine) or O(private_network_uuid) fails with an error naming the field; nothing is changed.
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
    description:
      - Engine version, for example V(16) for PostgreSQL. The API's default when unset.
      - A higher version upgrades the cluster in place (C(PUT /upgrade)); a lower one fails, as does a version
        C(/v2/databases/options) does not list for the engine.
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
    description:
      - UUID of the project the cluster belongs to. The default project when unset.
      - A different project moves the cluster there (it is assigned through the project's resources).
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
  storage_autoscale:
    description:
      - Storage autoscaling. Only the suboptions set are compared; thresholds do not matter while it is off.
      - Sent with the create, then changed through C(PUT /autoscale).
    type: dict
    suboptions:
      enabled:
        description: Whether storage grows on its own.
        type: bool
        required: true
      threshold_percent:
        description: Disk use, in percent (15 to 95), at which storage grows.
        type: int
      increment_gib:
        description: How much storage is added each time, in GiB (10 to 500).
        type: int
  eviction_policy:
    description:
      - How a Redis (Caching) or Valkey cluster evicts keys when memory is full. Refused for other engines.
    type: str
    choices: [noeviction, allkeys_lru, allkeys_random, volatile_lru, volatile_random, volatile_ttl]
  sql_mode:
    description:
      - SQL modes of a MySQL cluster, separated by commas (for example V(ANSI,STRICT_ALL_TABLES)). They compare
        as a set, in any case and order. Refused for other engines.
    type: str
  do_settings:
    description: DigitalOcean settings of the cluster.
    type: dict
    suboptions:
      service_cnames:
        description:
          - Custom host names (at most 16) the nodes' TLS certificate also names, compared as a set.
            V([]) removes them. The nodes are replaced one by one to apply a change, without downtime.
        type: list
        elements: str
  install_update:
    description:
      - Install a pending maintenance update now (C(PUT /install_update)). Nothing happens when no update is
        pending (C(maintenance_window.pending) is false).
    type: bool
    default: false
  backup_restore:
    description:
      - Create the cluster from a backup of another cluster of the same engine (PostgreSQL, MySQL and
        MongoDB take daily backups). Used only when the cluster is created; O(engine), O(size),
        O(num_nodes) and O(region) are still required.
      - The source cluster is found by name before anything is created, and the backup by its time; the
        task fails, listing the backups there are, when the time matches none.
    type: dict
    suboptions:
      database_name:
        description: Name of the cluster whose backup is restored.
        type: str
        required: true
      backup_created_at:
        description:
          - When the backup was taken, as C(fathom.digitalocean.database_backup_info) returns it
            (for example V(2024-01-31T03:00:00Z)). The latest backup when unset.
        type: str
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

- name: Upgrade it to PostgreSQL 17, with storage that grows on its own
  fathom.digitalocean.database_cluster:
    name: backend
    version: "17"
    storage_autoscale:
      enabled: true
      threshold_percent: 80
      increment_gib: 10

- name: A fork of backend from the backup of a given night
  fathom.digitalocean.database_cluster:
    name: backend-restored
    engine: pg
    version: "17"
    size: db-s-1vcpu-2gb
    num_nodes: 1
    region: nyc3
    backup_restore:
      database_name: backend
      backup_created_at: "2024-01-31T03:00:00Z"

- name: A Valkey cache that evicts the least recently used keys
  fathom.digitalocean.database_cluster:
    name: cache
    engine: valkey
    size: db-s-1vcpu-1gb
    num_nodes: 1
    region: nyc3
    eviction_policy: allkeys_lru

- name: Install a pending maintenance update now
  fathom.digitalocean.database_cluster:
    name: backend
    install_update: true

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
    - The settings read from their own endpoints because the task sets them are included too (C(autoscale),
      C(eviction_policy), C(sql_mode), C(do_settings)).
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import EVICTION_POLICIES


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
            storage_autoscale=dict(type="dict", options=dict(
                enabled=dict(type="bool", required=True),
                threshold_percent=dict(type="int"),
                increment_gib=dict(type="int"),
            )),
            eviction_policy=dict(type="str", choices=list(EVICTION_POLICIES)),
            sql_mode=dict(type="str"),
            do_settings=dict(type="dict", options=dict(
                service_cnames=dict(type="list", elements="str"),
            )),
            install_update=dict(type="bool", default=False),
            backup_restore=dict(type="dict", options=dict(
                database_name=dict(type="str", required=True),
                backup_created_at=dict(type="str"),
            )),
        ),
        required_one_of=[("id", "name")],
        wait_timeout=1800,
    )
    module.run(DATABASE_CLUSTER)


if __name__ == "__main__":
    main()
