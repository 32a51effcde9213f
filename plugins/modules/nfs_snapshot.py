#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: nfs_snapshot
short_description: Take and delete snapshots of DigitalOcean NFS shares
version_added: 0.2.0
description:
  - Reconciles one snapshot of an NFS share, found by O(id), or by O(name) among the snapshots of
    O(share).
  - A missing snapshot is taken with the share's C(snapshot) NFS action and awaited until C(ACTIVE).
  - Nothing of a snapshot changes in place; take a new one under another name instead.
options:
  state:
    description: Whether the snapshot exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the snapshot. When set, the snapshot is found by id (in O(region)).
    type: str
  name:
    description: Name of the snapshot; it identifies it among the share's snapshots.
    type: str
  share:
    description: Id or name of the NFS share (in O(region)). Required unless O(id) is given.
    type: str
  region:
    description: Region slug of the share. Every NFS request names it.
    type: str
    required: true
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Snapshot the assets share before the migration
  fathom.digitalocean.nfs_snapshot:
    name: assets-before-migration
    share: web-assets
    region: nyc3

- name: Remove it afterwards
  fathom.digitalocean.nfs_snapshot:
    name: assets-before-migration
    share: web-assets
    region: nyc3
    state: absent
"""

RETURN = r"""
nfs_snapshot:
  description: The snapshot as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "a1b2c3d4-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "name": "assets-before-migration", "region": "nyc3",
           "share_id": "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "size_gib": 100, "status": "ACTIVE"}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource.
      type: str
    identity:
      description: The options that identify the resource.
      type: dict
    id:
      description: Id of the resource, when it existed before the task.
      type: raw
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (how it changes).
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.nfs import NFS_SNAPSHOT


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            share=dict(type="str"),
            region=dict(type="str", required=True),
        ),
        required_one_of=[("id", "name")],
    )
    module.run(NFS_SNAPSHOT)


if __name__ == "__main__":
    main()
