#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: droplet_neighbor_info
short_description: List the DigitalOcean droplets that share a physical host
version_added: 0.1.0
description:
  - Reads the report of the account's droplets that run on the same physical hardware
    (C(GET /v2/reports/droplet_neighbors_ids)) and never changes anything.
  - Spread the members of a redundant group over hosts by comparing them with this report.
options:
  droplet_id:
    description: Only the group this droplet belongs to (matched on the report).
    type: int
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The droplets that share a host
  fathom.digitalocean.droplet_neighbor_info:
  register: neighbors

- name: Fail when two web droplets share one
  ansible.builtin.assert:
    that: neighbors.droplet_neighbors | map('intersect', web_ids) | map('length') | select('gt', 1) | list | length == 0
"""

RETURN = r"""
droplet_neighbors:
  description: Groups of ids of droplets that share a physical host; a droplet alone on its host is in no group.
  returned: always
  type: list
  elements: list
  sample: [[168671828, 168663509, 168671815], [168671883, 168671750]]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import DROPLET_NEIGHBOR


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            droplet_id=dict(type="int"),
        ),
        waits=False,
    )
    module.run_info(DROPLET_NEIGHBOR)


if __name__ == "__main__":
    main()
