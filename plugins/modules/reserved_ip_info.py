#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: reserved_ip_info
short_description: List DigitalOcean reserved IPs
version_added: 0.1.0
description:
  - Lists reserved IPs and never changes anything.
  - The API has no filters for reserved IPs, so O(region) and O(droplet_id) are matched on the listed ones.
options:
  ip:
    description: One reserved IP to read.
    type: str
  region:
    description: Only reserved IPs in this region slug.
    type: str
  droplet_id:
    description: Only the reserved IP assigned to this Droplet; V(0) lists the unassigned ones.
    type: int
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Unassigned reserved IPs in nyc3
  fathom.digitalocean.reserved_ip_info:
    region: nyc3
    droplet_id: 0
  register: spare_ips
"""

RETURN = r"""
reserved_ips:
  description: The matching reserved IPs, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"ip": "45.55.96.47", "region": {"slug": "nyc3"}, "droplet": null, "locked": false}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.reserved_ip import RESERVED_IP


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
    module.run_info(RESERVED_IP, filters={"region": params["region"], "droplet_id": params["droplet_id"]})


if __name__ == "__main__":
    main()
