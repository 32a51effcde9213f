#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_backup_info
short_description: List the backups of a DigitalOcean database cluster
version_added: 0.2.0
description:
  - Lists the backups of one managed PostgreSQL, MySQL or MongoDB cluster, oldest first, and never changes
    anything. Caching and Valkey clusters have no backups.
  - A backup's C(created_at) names it for a restore (O(fathom.digitalocean.database_cluster#module:backup_restore)).
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Backups of the backend cluster
  fathom.digitalocean.database_backup_info:
    cluster_name: backend
  register: backups

- name: Fork the cluster from its latest backup
  fathom.digitalocean.database_cluster:
    name: backend-fork
    engine: pg
    size: db-s-1vcpu-2gb
    num_nodes: 1
    region: nyc3
    backup_restore:
      database_name: backend
      backup_created_at: "{{ (backups.database_backups | last).created_at }}"
"""

RETURN = r"""
database_backups:
  description: The backups, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"created_at": "2024-01-31T03:00:00Z", "size_gigabytes": 0.03}]
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_info import DATABASE_BACKUP


def main():
    module = DigitalOceanModule(argument_spec=cluster_argument_spec(), waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_BACKUP)


if __name__ == "__main__":
    main()
