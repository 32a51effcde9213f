#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: nfs_info
short_description: List the DigitalOcean NFS shares of a region
version_added: 0.2.0
description:
  - Lists the NFS shares of one region and never changes anything.
options:
  region:
    description: Region slug; the API lists NFS shares per region.
    type: str
    required: true
  id:
    description: Id of one share to read.
    type: str
  name:
    description: Only the share with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: NFS shares of nyc3
  fathom.digitalocean.nfs_info:
    region: nyc3
  register: shares
"""

RETURN = r"""
nfs:
  description: The matching shares, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "name": "web-assets", "region": "nyc3", "size_gib": 100,
            "status": "ACTIVE", "vpc_ids": ["796c6fe3-2a1d-4da2-9f3e-38239827dc91"]}]
region:
  description: The region listed.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.nfs import NFS


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            region=dict(type="str", required=True),
            id=dict(type="str"),
            name=dict(type="str"),
        ),
        waits=False,
    )
    module.run_info(NFS, filters={"name": module.params["name"]})


if __name__ == "__main__":
    main()
