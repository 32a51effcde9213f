#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_options_info
short_description: List the engines, versions, regions and sizes DigitalOcean managed databases offer
version_added: 0.2.0
description:
  - Reads C(/v2/databases/options) (the database options) and returns one item per engine with its versions, regions and layouts (each
    number of nodes with the sizes it allows), and the end of life and of availability of each version.
  - It never changes anything.
options:
  engine:
    description: Only this engine.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: What PostgreSQL offers
  fathom.digitalocean.database_options_info:
    engine: pg
  register: pg_options

- name: Upgrade to the newest version
  fathom.digitalocean.database_cluster:
    name: backend
    version: "{{ (pg_options.database_options | first).versions | max }}"
"""

RETURN = r"""
database_options:
  description: One item per engine.
  returned: always
  type: list
  elements: dict
  contains:
    engine:
      description: The engine slug, as O(fathom.digitalocean.database_cluster#module:engine) takes it.
      type: str
    versions:
      description: Versions a cluster may be created with or upgraded to.
      type: list
      elements: str
    regions:
      description: Regions the engine is offered in.
      type: list
      elements: str
    layouts:
      description: Each number of nodes (C(num_nodes)) with the size slugs (C(sizes)) it allows.
      type: list
      elements: dict
    version_availability:
      description: Each version with its C(end_of_life) and C(end_of_availability).
      type: list
      elements: dict
  sample: [{"engine": "pg", "versions": ["16", "17"], "regions": ["nyc3"],
            "layouts": [{"num_nodes": 1, "sizes": ["db-s-1vcpu-1gb"]}], "version_availability": []}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_info import DATABASE_OPTIONS


def main():
    module = DigitalOceanModule(argument_spec=dict(engine=dict(type="str")), waits=False)
    module.run_info(DATABASE_OPTIONS, filters={"engine": module.params.get("engine")})


if __name__ == "__main__":
    main()
