#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: reserved_ipv6
short_description: Create, assign, unassign and delete DigitalOcean reserved IPv6 addresses
version_added: 0.2.0
description:
  - Reconciles one reserved IPv6 address to the declared state.
  - A reserved IPv6 has no name and the API chooses its address, so the task finds it
    by O(ip) when set; else by O(droplet_id) - the reserved IPv6 assigned to that Droplet, created
    in its region and assigned when there is none; else by O(region) - the one reserved IPv6 of the
    region assigned to no Droplet, created when there is none. Running the task again finds the
    same address.
  - With O(ip), O(droplet_id) assigns the address to that Droplet (moving it from another Droplet)
    or, with V(0), unassigns it, through the reserved IPv6 actions. Each action is awaited.
  - The Droplet must be in the reserved IPv6's region and have IPv6 enabled; both are checked before
    any change, in check mode too.
  - A change to O(region) fails with an error naming the field; nothing is changed.
  - Deleting an assigned reserved IPv6 unassigns it first.
options:
  state:
    description: Whether the reserved IPv6 exists.
    type: str
    choices: [present, absent]
    default: present
  ip:
    description:
      - The reserved IPv6 address. When set, the reserved IPv6 is found by it; it must exist.
    type: str
  droplet_id:
    description:
      - Id of the Droplet the reserved IPv6 is assigned to. V(0) means unassigned.
      - Without O(ip) it also identifies the reserved IPv6 - the one assigned to this Droplet.
      - Leaving it unset (with O(ip)) leaves the assignment alone.
    type: int
  region:
    description:
      - Region slug, for example V(nyc3). Cannot change.
      - Without O(ip) and O(droplet_id) it identifies the unassigned reserved IPv6 of the region.
      - With O(droplet_id), the Droplet must be in this region; without it, the Droplet's region is taken.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A reserved IPv6 for the primary Droplet (created once, found by the Droplet afterwards)
  fathom.digitalocean.reserved_ipv6:
    droplet_id: "{{ primary.droplet.id }}"
  register: service_ipv6

- name: Fail over - move it to the standby Droplet
  fathom.digitalocean.reserved_ipv6:
    ip: "{{ service_ipv6.reserved_ipv6.ip }}"
    droplet_id: "{{ standby.droplet.id }}"

- name: Keep an unassigned reserved IPv6 in nyc3
  fathom.digitalocean.reserved_ipv6:
    region: nyc3

- name: Release the address
  fathom.digitalocean.reserved_ipv6:
    ip: "{{ service_ipv6.reserved_ipv6.ip }}"
    state: absent
"""

RETURN = r"""
reserved_ipv6:
  description: The reserved IPv6 as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"ip": "2604:a880:4:1d0::a:1", "region_slug": "nyc3", "reserved_at": "2024-05-02T08:12:44Z",
           "droplet": {"id": 3164444, "name": "web-1"}}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.reserved_ipv6 import RESERVED_IPV6


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            ip=dict(type="str"),
            droplet_id=dict(type="int"),
            region=dict(type="str"),
        ),
        required_one_of=[("ip", "droplet_id", "region")],
    )
    module.run(RESERVED_IPV6)


if __name__ == "__main__":
    main()
