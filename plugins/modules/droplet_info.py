#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: droplet_info
short_description: List DigitalOcean droplets
version_added: 0.1.0
description:
  - Lists droplets, filtered on the API side where the API can filter, and never changes anything.
options:
  id:
    description: Id of one droplet to read.
    type: int
  name:
    description: Only droplets with this name (filtered by the API).
    type: str
  tag_name:
    description: Only droplets with this tag (filtered by the API).
    type: str
  region:
    description: Only droplets in this region slug.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: All droplets tagged web
  fathom.digitalocean.droplet_info:
    tag_name: web
  register: web

- name: Their public addresses
  ansible.builtin.debug:
    msg: "{{ web.droplets | map(attribute='networks.v4') | flatten | selectattr('type', 'eq', 'public') | map(attribute='ip_address') }}"
"""

RETURN = r"""
droplets:
  description: The matching droplets, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": 3164444, "name": "web-1", "status": "active", "region": {"slug": "nyc3"}}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import DROPLET


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="int"),
            name=dict(type="str"),
            tag_name=dict(type="str"),
            region=dict(type="str"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(
        DROPLET,
        filters={"name": params["name"], "region": params["region"]},
        query={"tag_name": params["tag_name"]},
    )


if __name__ == "__main__":
    main()
