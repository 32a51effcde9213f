#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: droplet_autoscale_pool_info
short_description: List DigitalOcean Droplet autoscale pools, with their members and history
version_added: 0.2.0
description:
  - Lists Droplet autoscale pools and never changes anything. O(name) is filtered by the API.
  - With O(members) or O(history), each pool also carries its members (C(members)) or its scaling
    events (C(history)), one request per pool each.
options:
  id:
    description: Id of one pool to read.
    type: str
  name:
    description: Only the pool with this name.
    type: str
  members:
    description: Add each pool's members - its Droplets with their status, health and utilization.
    type: bool
    default: false
  history:
    description: Add each pool's history of scaling events.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The web pool with its Droplets
  fathom.digitalocean.droplet_autoscale_pool_info:
    name: web
    members: true
  register: web_pool

- name: Their ids
  ansible.builtin.debug:
    msg: "{{ web_pool.droplet_autoscale_pools[0].members | map(attribute='droplet_id') }}"
"""

RETURN = r"""
droplet_autoscale_pools:
  description:
    - The matching pools, as the API returns them, with C(members) and C(history) when asked for.
    - The template's C(user_data) is masked.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "0d3db13e-a604-4944-9827-7ec2642d32ac", "name": "web", "status": "active",
            "config": {"target_number_instances": 2}, "active_resources_count": 2,
            "members": [{"droplet_id": 300000001, "status": "active", "health_status": "healthy"}]}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet_autoscale_pool import (
    DROPLET_AUTOSCALE_POOL, expand_info)


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            members=dict(type="bool", default=False),
            history=dict(type="bool", default=False),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(DROPLET_AUTOSCALE_POOL, filters={"name": params["name"]},
                    expand=expand_info if params["members"] or params["history"] else None)


if __name__ == "__main__":
    main()
