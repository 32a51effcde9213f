#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpc_peering_info
short_description: List DigitalOcean VPC peerings
version_added: 0.2.0
description:
  - Lists VPC peerings and never changes anything.
options:
  id:
    description: Id of one peering to read.
    type: str
  name:
    description: Only the peering with this name.
    type: str
  region:
    description: Only peerings of which one VPC is in this region (filtered by the API).
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Peerings that reach into nyc3
  fathom.digitalocean.vpc_peering_info:
    region: nyc3
  register: nyc3_peerings
"""

RETURN = r"""
vpc_peerings:
  description: The matching peerings, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "name": "nyc3-ams3", "status": "ACTIVE",
            "vpc_ids": ["c140286f-e6ce-4131-8b7b-df4590ce8d6a", "994a2735-dc84-11e8-b4fb-3cfdfeaa3e33"]}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_peering import VPC_PEERING


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
    module.run_info(VPC_PEERING, filters={"name": params["name"]}, query={"region": params["region"]})


if __name__ == "__main__":
    main()
