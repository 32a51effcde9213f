#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: nfs_snapshot_info
short_description: List the snapshots of DigitalOcean NFS shares
version_added: 0.2.0
description:
  - Lists the NFS snapshots of one region, or of one share, and never changes anything.
options:
  region:
    description: Region slug; the API lists NFS snapshots per region.
    type: str
    required: true
  share:
    description: Id or name of a share - only its snapshots (filtered by the API).
    type: str
  id:
    description: Id of one snapshot to read.
    type: str
  name:
    description: Only the snapshots with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Snapshots of the assets share
  fathom.digitalocean.nfs_snapshot_info:
    region: nyc3
    share: web-assets
  register: assets_snapshots
"""

RETURN = r"""
nfs_snapshots:
  description: The matching snapshots, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "a1b2c3d4-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "name": "assets-before-migration", "region": "nyc3",
            "share_id": "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "size_gib": 100, "status": "ACTIVE"}]
region:
  description: The region listed.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.nfs import NFS_SNAPSHOT


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            region=dict(type="str", required=True),
            share=dict(type="str"),
            id=dict(type="str"),
            name=dict(type="str"),
        ),
        waits=False,
    )
    module.run_info(NFS_SNAPSHOT, filters={"name": module.params["name"]})


if __name__ == "__main__":
    main()
