#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: load_balancer_info
short_description: List DigitalOcean load balancers
version_added: 0.1.0
description:
  - Lists load balancers and never changes anything.
  - The API has no filters for load balancers, so O(name) and O(region) are matched on the listed
    load balancers (every page is read, 200 per request).
options:
  id:
    description: Id of one load balancer to read.
    type: str
  name:
    description: Only load balancers with this name.
    type: str
  region:
    description: Only load balancers in this region slug.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Load balancers in nyc3
  fathom.digitalocean.load_balancer_info:
    region: nyc3
  register: nyc3_lbs
"""

RETURN = r"""
load_balancers:
  description: The matching load balancers, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "4de7ac8b-495b-4884-9a69-1050c6793cd6", "name": "web-lb", "status": "active",
            "region": {"slug": "nyc3"}, "droplet_ids": [3164444]}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.load_balancer import LOAD_BALANCER


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
    module.run_info(LOAD_BALANCER, filters={"name": params["name"], "region": params["region"]})


if __name__ == "__main__":
    main()
