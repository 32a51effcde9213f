#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: volume_info
short_description: List DigitalOcean block storage volumes
version_added: 0.1.0
description:
  - Lists block storage volumes, filtered on the API side where the API can filter, and never changes anything.
options:
  id:
    description: Id of one volume to read.
    type: str
  name:
    description: Only volumes with this name (filtered by the API).
    type: str
  region:
    description: Only volumes in this region slug (filtered by the API).
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Volumes in nyc3
  fathom.digitalocean.volume_info:
    region: nyc3
  register: nyc3_volumes
"""

RETURN = r"""
volumes:
  description: The matching block storage volumes, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "506f78a4-e098-11e5-ad9f-000f53306ae1", "name": "data-1", "size_gigabytes": 100}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.volume import VOLUME


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
    module.run_info(VOLUME, filters={"name": params["name"], "region": params["region"]})


if __name__ == "__main__":
    main()
