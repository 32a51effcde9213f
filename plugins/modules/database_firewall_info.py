#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_firewall_info
short_description: List the trusted sources of a DigitalOcean managed database cluster
version_added: 0.1.0
description:
  - Reads the firewall rules (trusted sources) of one managed database cluster and never changes
    anything. M(fathom.digitalocean.database_firewall) manages them.
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Who may connect to the backend cluster
  fathom.digitalocean.database_firewall_info:
    cluster_name: backend
  register: backend_firewall

- name: Show the rules
  ansible.builtin.debug:
    msg: "{{ (backend_firewall.database_firewalls | first).rules | map(attribute='value') | list }}"
"""

RETURN = r"""
database_firewalls:
  description:
    - The cluster's firewall, as a list of one item like every C(_info) module's result.
  returned: always
  type: list
  elements: dict
  contains:
    cluster_id:
      description: Id of the cluster.
      type: str
    rules:
      description: The trusted sources, as the API returns them.
      type: list
      elements: dict
  sample: [{"cluster_id": "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30",
            "rules": [{"uuid": "79f26d28-ea8a-41f2-8ad8-8cfcdd020095",
                       "cluster_uuid": "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30",
                       "type": "tag", "value": "web", "created_at": "2026-11-23T10:00:00Z"}]}]
cluster_id:
  description: Id of the cluster.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    DATABASE_FIREWALL,
    cluster_argument_spec,
)


def main():
    module = DigitalOceanModule(argument_spec=cluster_argument_spec(), waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_FIREWALL)


if __name__ == "__main__":
    main()
