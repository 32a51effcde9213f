#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_replica_info
short_description: List the read-only replicas of a DigitalOcean database cluster
version_added: 0.2.0
description:
  - Lists the read-only replicas of one managed database cluster, with their connection details, and never
    changes anything.
  - Passwords and URIs are masked by Ansible's C(no_log) handling, unless the task runs with C(no_log) set to true,
    which hides the whole result from the output instead.
options:
  name:
    description: Only the replica with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Replicas of the backend cluster
  fathom.digitalocean.database_replica_info:
    cluster_name: backend
  register: backend_replicas
"""

RETURN = r"""
database_replicas:
  description: The replicas, as the API returns them (passwords masked).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "backend-replica", "region": "ams3", "size": "db-s-1vcpu-2gb", "status": "online"}]
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_replica import DATABASE_REPLICA


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(name=dict(type="str"))
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_REPLICA, filters={"name": module.params.get("name")})


if __name__ == "__main__":
    main()
