#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: firewall_info
short_description: List DigitalOcean cloud firewalls
version_added: 0.1.0
description:
  - Lists cloud firewalls and never changes anything.
  - O(droplet_id) lists the firewalls of one Droplet through C(/v2/droplets/{id}/firewalls); O(name)
    is matched on the listed firewalls (the API has no name filter).
options:
  id:
    description: Id of one firewall to read.
    type: str
  name:
    description: Only firewalls with this name.
    type: str
  droplet_id:
    description: Only the firewalls that apply to this Droplet, directly or through its tags (filtered by the API).
    type: int
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every firewall
  fathom.digitalocean.firewall_info:
  register: all_firewalls

- name: The firewalls protecting one Droplet
  fathom.digitalocean.firewall_info:
    droplet_id: "{{ web.droplet.id }}"
  register: web_firewalls
"""

RETURN = r"""
firewalls:
  description: The matching firewalls, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "bb4b2611-3d72-467b-8602-280330ecd65c", "name": "web", "status": "succeeded",
            "inbound_rules": [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["192.0.2.0/24"]}}],
            "outbound_rules": [], "droplet_ids": [3164444], "tags": []}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.firewall import FIREWALL


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            droplet_id=dict(type="int"),
        ),
        waits=False,
    )
    module.run_info(FIREWALL, filters={"name": module.params["name"]})


if __name__ == "__main__":
    main()
