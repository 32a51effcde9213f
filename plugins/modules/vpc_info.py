#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpc_info
short_description: List DigitalOcean VPC networks
version_added: 0.1.0
description:
  - Lists VPC networks and never changes anything.
  - The API has no filters for VPCs, so O(name) and O(region) are matched on the listed VPCs.
options:
  id:
    description: Id of one VPC to read.
    type: str
  name:
    description: Only the VPC with this name.
    type: str
  region:
    description: Only VPCs in this region slug.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: VPC networks in nyc3
  fathom.digitalocean.vpc_info:
    region: nyc3
  register: nyc3_vpcs

- name: The default VPC of nyc3
  ansible.builtin.debug:
    msg: "{{ nyc3_vpcs.vpcs | selectattr('default') | map(attribute='id') | first }}"
"""

RETURN = r"""
vpcs:
  description: The matching VPC networks, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "name": "backend", "region": "nyc3",
            "ip_range": "10.10.0.0/20", "default": false}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc import VPC


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            region=dict(type="str"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(VPC, filters={"name": params["name"], "region": params["region"]})


if __name__ == "__main__":
    main()
