#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: nfs
short_description: Create, grow, attach and delete DigitalOcean NFS shares
version_added: 0.2.0
description:
  - Reconciles one NFS share, found by O(id) or by O(name) in O(region), to the declared state.
  - A new share is awaited until C(ACTIVE).
  - O(size_gib) only grows, through the C(resize) NFS action; O(vpcs) is a set, reached through
    C(attach) and C(detach) NFS actions. Each action is awaited until the share is C(ACTIVE) and shows
    the change.
  - The name and the region never change.
  - Access points and performance tiers are not managed - the API reference does not document them.
options:
  state:
    description: Whether the share exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the share. When set, the share is found by id (in O(region)).
    type: str
  name:
    description: Name of the share. Together with O(region) it identifies the share.
    type: str
  region:
    description: Region slug of the share. Every NFS request names it.
    type: str
    required: true
  size_gib:
    description: Size in GiB, at least V(50). Required to create; it can only grow.
    type: int
  vpcs:
    description:
      - The VPCs (ids or names, in O(region)) whose resources reach the share. Required to create.
      - Compared as a set; VPCs missing from the list are detached.
    type: list
    elements: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Shared storage for the web tier
  fathom.digitalocean.nfs:
    name: web-assets
    region: nyc3
    size_gib: 100
    vpcs: [web-nyc3]
  register: assets

- name: Mount it on the web Droplets
  ansible.posix.mount:
    src: "{{ assets.nfs.host }}:{{ assets.nfs.mount_path }}"
    path: /srv/assets
    fstype: nfs
    state: mounted
  delegate_to: "{{ item }}"
  loop: "{{ groups['web'] }}"

- name: Grow it and let the jobs VPC reach it too
  fathom.digitalocean.nfs:
    name: web-assets
    region: nyc3
    size_gib: 200
    vpcs: [web-nyc3, jobs-nyc3]
"""

RETURN = r"""
nfs:
  description: The share as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "name": "web-assets", "region": "nyc3", "size_gib": 100,
           "status": "ACTIVE", "vpc_ids": ["796c6fe3-2a1d-4da2-9f3e-38239827dc91"], "host": "10.128.0.2",
           "mount_path": "/0a1b2c3d", "created_at": "2024-05-02T08:12:44Z"}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.nfs import NFS


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            region=dict(type="str", required=True),
            size_gib=dict(type="int"),
            vpcs=dict(type="list", elements="str"),
        ),
        required_one_of=[("id", "name")],
    )
    module.run(NFS)


if __name__ == "__main__":
    main()
