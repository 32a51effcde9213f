#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: byoip_prefix_info
short_description: List DigitalOcean BYOIP prefixes and their assigned IPs
version_added: 0.2.0
description:
  - Lists bring-your-own-IP prefixes and never changes anything.
  - With O(ips), each prefix also carries C(ips) - its addresses assigned to resources, one request per prefix.
options:
  id:
    description: Uuid of one prefix to read.
    type: str
  prefix:
    description: Only the prefix with this network.
    type: str
  region:
    description: Only prefixes of this region.
    type: str
  ips:
    description: Add each prefix's assigned IPs.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Our prefix and the addresses of it in use
  fathom.digitalocean.byoip_prefix_info:
    prefix: 203.0.113.0/24
    ips: true
  register: ours
"""

RETURN = r"""
byoip_prefixes:
  description: The matching prefixes, as the API returns them, with C(ips) when asked for.
  returned: always
  type: list
  elements: dict
  sample: [{"uuid": "f47ac10b-58cc-4372-a567-0e02b2c3d479", "prefix": "203.0.113.0/24", "status": "active",
            "advertised": true, "ips": [{"byoip": "203.0.113.10", "resource": "do:droplet:3164444"}]}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.byoip_prefix import BYOIP_PREFIX, with_ips


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            prefix=dict(type="str"),
            region=dict(type="str"),
            ips=dict(type="bool", default=False),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(BYOIP_PREFIX, filters={"prefix": params["prefix"], "region": params["region"]},
                    expand=with_ips if params["ips"] else None)


if __name__ == "__main__":
    main()
