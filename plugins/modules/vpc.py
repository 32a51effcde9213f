#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpc
short_description: Create, update and delete DigitalOcean VPC networks
version_added: 0.1.0
description:
  - Reconciles one VPC network, found by O(id) or by O(name) and O(region), to the declared state.
  - O(name) (when the VPC is found by O(id)), O(description) and O(default) change in place through
    C(PATCH /v2/vpcs/{id}).
  - A change to O(region) or O(ip_range) fails with an error naming the field; nothing is changed.
  - O(default=true) makes the VPC the default of its region (the previous default loses it). It
    cannot be turned off again, and the default VPC of a region cannot be deleted.
  - The API refuses to delete a VPC that still has members, for example Droplets.
options:
  state:
    description: Whether the VPC exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id (UUID) of the VPC. When set, the VPC is found by id and O(name) can change.
    type: str
  name:
    description:
      - Name of the VPC - letters, digits, V(-) and V(.). Unique in the account.
      - Together with O(region) it identifies the VPC.
    type: str
  region:
    description: Region slug, for example V(nyc3). Cannot change.
    type: str
  ip_range:
    description:
      - Private IPv4 network of the VPC in CIDR notation, inside 10.0.0.0/8, 172.16.0.0/12 or
        192.168.0.0/16, between a /16 and a /28. It must not overlap another VPC of the account.
      - Without it the API chooses a free /20 network. Cannot change.
    type: str
  description:
    description: Free-form description, up to 255 characters. V("") clears it.
    type: str
  default:
    description:
      - Whether the VPC is the default network of its region.
      - V(true) makes it the default; V(false) on the default VPC is an error (make another VPC the
        default instead). Leaving it unset leaves it alone.
    type: bool
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Create a VPC network for the backend
  fathom.digitalocean.vpc:
    name: backend
    region: nyc3
    ip_range: 10.10.0.0/20
    description: Backend services

- name: Make it the default network of nyc3
  fathom.digitalocean.vpc:
    name: backend
    region: nyc3
    default: true

- name: Rename it
  fathom.digitalocean.vpc:
    id: "{{ backend_vpc.vpc.id }}"
    name: backend-nyc3

- name: Delete a VPC network that has no members
  fathom.digitalocean.vpc:
    name: staging
    region: nyc3
    state: absent
"""

RETURN = r"""
vpc:
  description: The VPC as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "urn": "do:vpc:5a4981aa-9653-4bd1-bef5-d6bff52042e4",
           "name": "backend", "description": "Backend services", "region": "nyc3",
           "ip_range": "10.10.0.0/20", "default": false, "created_at": "2024-05-02T08:12:44Z"}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc import VPC


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            region=dict(type="str"),
            ip_range=dict(type="str"),
            description=dict(type="str"),
            default=dict(type="bool"),
        ),
        waits=False,
        required_one_of=[("id", "name")],
    )
    module.run(VPC)


if __name__ == "__main__":
    main()
