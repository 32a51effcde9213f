#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: reserved_ipv6_info
short_description: List DigitalOcean reserved IPv6 addresses
version_added: 0.2.0
description:
  - Lists reserved IPv6 addresses and never changes anything.
  - The API has no filters for them, so O(region) and O(droplet_id) are matched on the listed items.
options:
  ip:
    description: One reserved IPv6 address to read.
    type: str
  region:
    description: Only reserved IPv6 addresses of this region.
    type: str
  droplet_id:
    description: Only the reserved IPv6 assigned to this Droplet (V(0) - only unassigned ones).
    type: int
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Unassigned reserved IPv6 addresses of nyc3
  fathom.digitalocean.reserved_ipv6_info:
    region: nyc3
    droplet_id: 0
  register: spare
"""

RETURN = r"""
reserved_ipv6s:
  description: The matching reserved IPv6 addresses, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"ip": "2604:a880:4:1d0::a:1", "region_slug": "nyc3", "reserved_at": "2024-05-02T08:12:44Z",
            "droplet": null}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.reserved_ipv6 import RESERVED_IPV6


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            ip=dict(type="str"),
            region=dict(type="str"),
            droplet_id=dict(type="int"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(RESERVED_IPV6, filters={"region": params["region"], "droplet_id": params["droplet_id"]})


if __name__ == "__main__":
    main()
