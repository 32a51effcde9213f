#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpc_peering
short_description: Create, rename and delete DigitalOcean VPC peerings
version_added: 0.2.0
description:
  - Reconciles one VPC peering, found by O(id) or by O(name), to the declared state. A peering joins
    two VPC networks of the account so that their resources reach each other's private addresses.
  - The task waits until a new peering is C(ACTIVE), and until a deleted one is gone.
  - O(name) changes in place through C(PATCH /v2/vpc_peerings/{id}) when the peering is found by O(id).
    The two VPCs never change; a different pair is an error naming O(vpcs).
  - Refused before any change - a VPC peered with itself, a VPC that this account does not have (the API
    peers VPCs of one account only), and two VPCs another peering already joins.
options:
  state:
    description: Whether the peering exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id (UUID) of the peering. When set, the peering is found by id and O(name) can change.
    type: str
  name:
    description:
      - Name of the peering - letters, digits and V(-). Unique in the team; it identifies the peering.
    type: str
  vpcs:
    description:
      - The two VPCs to peer, each by id or by name. Required to create. Their order does not matter.
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
- name: Peer the backend VPC of nyc3 with the one of ams3
  fathom.digitalocean.vpc_peering:
    name: nyc3-ams3
    vpcs:
      - backend-nyc3
      - backend-ams3

- name: Rename it
  fathom.digitalocean.vpc_peering:
    id: "{{ peering.vpc_peering.id }}"
    name: backend-nyc3-ams3

- name: Remove the peering
  fathom.digitalocean.vpc_peering:
    name: backend-nyc3-ams3
    state: absent
"""

RETURN = r"""
vpc_peering:
  description: The peering as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "name": "nyc3-ams3", "status": "ACTIVE",
           "vpc_ids": ["c140286f-e6ce-4131-8b7b-df4590ce8d6a", "994a2735-dc84-11e8-b4fb-3cfdfeaa3e33"],
           "created_at": "2024-05-02T08:12:44Z"}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_peering import VPC_PEERING


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            vpcs=dict(type="list", elements="str"),
        ),
        required_one_of=[("id", "name")],
    )
    module.run(VPC_PEERING)


if __name__ == "__main__":
    main()
