#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_cluster_info
short_description: List DigitalOcean managed database clusters
version_added: 0.1.0
description:
  - Lists managed database clusters and never changes anything.
  - O(tag_name) is filtered by the API; O(name), O(engine) and O(region) are matched on the list.
  - Passwords, connection URIs and keys in the result are masked by Ansible's C(no_log) handling,
    unless the task runs with C(no_log) set to true, which hides the whole result from the output instead.
options:
  id:
    description: Id of one cluster to read.
    type: str
  name:
    description: Only the cluster with this name.
    type: str
  engine:
    description: Only clusters of this engine.
    type: str
  region:
    description: Only clusters in this region slug.
    type: str
  tag_name:
    description: Only clusters with this tag (filtered by the API).
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: PostgreSQL clusters tagged production
  fathom.digitalocean.database_cluster_info:
    engine: pg
    tag_name: production
  register: production_databases
"""

RETURN = r"""
database_clusters:
  description: The matching clusters, as the API returns them (secrets masked).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30", "name": "backend", "engine": "pg", "status": "online"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import DATABASE_CLUSTER


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            engine=dict(type="str"),
            region=dict(type="str"),
            tag_name=dict(type="str"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(DATABASE_CLUSTER, filters={field: params[field] for field in ("name", "engine", "region")},
                    query={"tag_name": params["tag_name"]})


if __name__ == "__main__":
    main()
