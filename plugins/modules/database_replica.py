#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_replica
short_description: Create, promote and delete read-only replicas of a DigitalOcean database cluster
version_added: 0.2.0
description:
  - Makes sure a read-only replica of a PostgreSQL or MySQL cluster exists, or not. It is found by O(name)
    within the cluster.
  - Creating waits until the replica is online. A replica has connection details of its own
    (RV(connection), RV(private_connection)); passwords and URIs in them are masked in the output unless the
    task runs with C(no_log).
  - The API has no request that changes a replica in place, so a different O(size), O(region),
    O(private_network_uuid), O(storage_size_mib) or O(tags) fails with an error naming the field.
    Delete the replica and create it again instead.
  - O(promote=true) promotes the replica to a cluster of its own (C(PUT .../promote)). This is planned like any
    change and B(cannot be undone). Afterwards the replica no longer exists under its cluster; the task finds
    the cluster of the same name and reports no change.
options:
  wait_timeout:
    description:
      - Seconds to wait for asynchronous work before failing the task. A new replica or a promotion can take many minutes.
    default: 1800
  state:
    description: Whether the replica exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description: Name of the replica.
    type: str
    required: true
  size:
    description:
      - Size slug of the replica's node, at least as large as the cluster's. Required to create.
    type: str
  region:
    description: Region slug. The cluster's region when unset.
    type: str
  private_network_uuid:
    description: UUID of the VPC the replica joins. The region's default VPC when unset.
    type: str
  storage_size_mib:
    description: Storage of the replica in MiB. The size's default when unset.
    type: int
  tags:
    description: Tags given to the replica when it is created.
    type: list
    elements: str
  promote:
    description:
      - Promote the replica to a standalone cluster. Irreversible. With O(state=absent) it is ignored.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A read-only replica of the backend cluster in another region
  fathom.digitalocean.database_replica:
    cluster_name: backend
    name: backend-replica
    size: db-s-1vcpu-2gb
    region: ams3

- name: Read its connection details for the reporting app (the result is hidden from the output)
  fathom.digitalocean.database_replica:
    cluster_name: backend
    name: backend-replica
  no_log: true
  register: replica

- name: Promote it to a cluster of its own (irreversible)
  fathom.digitalocean.database_replica:
    cluster_name: backend
    name: backend-replica
    promote: true

- name: Delete a replica
  fathom.digitalocean.database_replica:
    cluster_name: backend
    name: backend-replica
    state: absent
"""

RETURN = r"""
database_replica:
  description:
    - The replica as the API returns it; once promoted, the cluster it became, with C(promoted) true.
    - Empty when it is absent. Passwords and URIs are masked unless the task runs with C(no_log).
  returned: always
  type: dict
  sample: {"name": "backend-replica", "region": "ams3", "size": "db-s-1vcpu-2gb", "status": "online"}
cluster_id:
  description: Id of the cluster the replica belongs to.
  returned: always
  type: str
connection:
  description: Public connection details of the replica; empty when it is absent.
  returned: always
  type: dict
private_connection:
  description: Connection details of the replica inside its VPC; empty when it is absent.
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    cluster_argument_spec,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_replica import DATABASE_REPLICA


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        name=dict(type="str", required=True),
        size=dict(type="str"),
        region=dict(type="str"),
        private_network_uuid=dict(type="str"),
        storage_size_mib=dict(type="int"),
        tags=dict(type="list", elements="str"),
        promote=dict(type="bool", default=False),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, wait_timeout=1800, **CLUSTER_CHOICE)
    module.run(DATABASE_REPLICA)


if __name__ == "__main__":
    main()
