#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: size_info
short_description: List DigitalOcean droplet sizes
version_added: 0.1.0
description:
  - Lists the droplet sizes, with their prices, and never changes anything.
  - The API has no filters for sizes, so the options are matched on the listed sizes.
options:
  slug:
    description: Only the size with this slug, for example V(s-1vcpu-1gb).
    type: str
  available:
    description: Only the sizes that new droplets can (V(true)) or cannot (V(false)) have.
    type: bool
  region:
    description: Only the sizes offered in this region slug.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The sizes a new droplet in fra1 can have
  fathom.digitalocean.size_info:
    available: true
    region: fra1
  register: sizes

- name: The cheapest one
  ansible.builtin.debug:
    msg: "{{ (sizes.sizes | sort(attribute='price_monthly') | first).slug }}"
"""

RETURN = r"""
sizes:
  description: The matching sizes, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"slug": "s-1vcpu-1gb", "memory": 1024, "vcpus": 1, "disk": 25, "transfer": 1.0,
            "price_monthly": 6.0, "price_hourly": 0.00893, "regions": ["nyc3", "fra1"], "available": true,
            "description": "Basic"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.catalog import SIZE


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            slug=dict(type="str"),
            available=dict(type="bool"),
            region=dict(type="str"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(SIZE, filters={"slug": params["slug"], "available": params["available"]})


if __name__ == "__main__":
    main()
