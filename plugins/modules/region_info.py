#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: region_info
short_description: List DigitalOcean regions
version_added: 0.1.0
description:
  - Lists the regions and never changes anything.
  - The API has no filters for regions, so the options are matched on the listed regions.
options:
  slug:
    description: Only the region with this slug, for example V(nyc3).
    type: str
  available:
    description: Only the regions where new resources can (V(true)) or cannot (V(false)) be created.
    type: bool
  features:
    description: Only the regions that have every one of these features, for example V(backups) or V(ipv6).
    type: list
    elements: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The regions where droplets with backups and IPv6 can be created
  fathom.digitalocean.region_info:
    available: true
    features: [backups, ipv6]
  register: regions

- name: Their slugs
  ansible.builtin.debug:
    msg: "{{ regions.regions | map(attribute='slug') }}"
"""

RETURN = r"""
regions:
  description: The matching regions, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "New York 3", "slug": "nyc3", "available": true, "sizes": ["s-1vcpu-1gb", "s-1vcpu-2gb"],
            "features": ["backups", "ipv6", "metadata", "install_agent", "storage", "image_transfer"]}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.catalog import REGION


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            slug=dict(type="str"),
            available=dict(type="bool"),
            features=dict(type="list", elements="str"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(REGION, filters={"slug": params["slug"], "available": params["available"]})


if __name__ == "__main__":
    main()
