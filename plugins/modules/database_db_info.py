#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_db_info
short_description: List the databases of a DigitalOcean managed database cluster
version_added: 0.1.0
description:
  - Lists the databases inside one managed database cluster and never changes anything.
options:
  name:
    description: Only the database with this name (read directly, one request).
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Databases of the backend cluster
  fathom.digitalocean.database_db_info:
    cluster_name: backend
  register: backend_dbs
"""

RETURN = r"""
database_dbs:
  description: The databases, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "defaultdb"}, {"name": "app"}]
cluster_id:
  description: Id of the cluster.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    DATABASE_DB,
    cluster_argument_spec,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(name=dict(type="str"))
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_DB)


if __name__ == "__main__":
    main()
