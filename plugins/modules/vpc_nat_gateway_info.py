#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpc_nat_gateway_info
short_description: List DigitalOcean VPC NAT gateways
version_added: 0.2.0
description:
  - Lists VPC NAT gateways and never changes anything. O(name) and O(region) are filtered by the API.
options:
  id:
    description: Id of one gateway to read.
    type: str
  name:
    description: Only the gateway with this name.
    type: str
  region:
    description: Only gateways in this region.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The public egress address of the web gateway
  fathom.digitalocean.vpc_nat_gateway_info:
    name: web-egress
    region: nyc3
  register: egress
"""

RETURN = r"""
vpc_nat_gateways:
  description: The matching gateways, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "70e1b58d-cdec-4e95-b3ee-2d4d95feff51", "name": "web-egress", "state": "ACTIVE", "region": "nyc3",
            "size": 1, "egresses": {"public_gateways": [{"ipv4": "174.138.113.197"}]}}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_nat_gateway import VPC_NAT_GATEWAY


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
    module.run_info(VPC_NAT_GATEWAY, filters={"name": params["name"], "region": params["region"]})


if __name__ == "__main__":
    main()
