#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_connection_pool_info
short_description: List the connection pools of a DigitalOcean PostgreSQL cluster
version_added: 0.1.0
description:
  - Lists the PgBouncer connection pools of one managed PostgreSQL cluster and never changes anything.
  - Passwords and URIs in the connection details are masked by Ansible's C(no_log) handling, unless
    the task runs with C(no_log) set to true, which hides the whole result from the output instead.
options:
  name:
    description: Only the pool with this name (read directly, one request).
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Pools of the backend cluster
  fathom.digitalocean.database_connection_pool_info:
    cluster_name: backend
  register: backend_pools
"""

RETURN = r"""
database_connection_pools:
  description: The pools, as the API returns them (secrets masked).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "app-pool", "mode": "transaction", "size": 10, "db": "app", "user": "app"}]
cluster_id:
  description: Id of the cluster.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    DATABASE_CONNECTION_POOL,
    cluster_argument_spec,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(name=dict(type="str"))
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_CONNECTION_POOL)


if __name__ == "__main__":
    main()
