#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: reserved_ip
short_description: Create, assign, unassign and delete DigitalOcean reserved IPs
version_added: 0.1.0
description:
  - Reconciles one reserved IP (formerly floating IP) to the declared state.
  - A reserved IP has no name and the API chooses its address, so the task finds it
    by O(ip) when set; else by O(droplet_id) - the reserved IP assigned to that Droplet, created
    for it when there is none; else by O(region) - the one reserved IP of the region assigned to no
    Droplet, created when there is none. Running the task again finds the same reserved IP.
  - With O(ip), O(droplet_id) assigns the reserved IP to that Droplet (moving it from another
    Droplet) or, with V(0), unassigns it. Each action is awaited.
  - A change to O(region) fails with an error naming the field; nothing is changed.
  - Deleting an assigned reserved IP unassigns it first.
options:
  state:
    description: Whether the reserved IP exists.
    type: str
    choices: [present, absent]
    default: present
  ip:
    description:
      - The reserved IPv4 address. When set, the reserved IP is found by it; it must exist.
    type: str
  droplet_id:
    description:
      - Id of the Droplet the reserved IP is assigned to. V(0) means unassigned.
      - Without O(ip) it also identifies the reserved IP - the one assigned to this Droplet.
      - Leaving it unset (with O(ip)) leaves the assignment alone.
    type: int
  region:
    description:
      - Region slug, for example V(nyc3). Cannot change.
      - Without O(ip) and O(droplet_id) it identifies the unassigned reserved IP of the region.
      - With O(droplet_id), the Droplet must be in this region.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A reserved IP for the web Droplet (created once, found by the Droplet afterwards)
  fathom.digitalocean.reserved_ip:
    droplet_id: "{{ web.droplet.id }}"
  register: web_ip

- name: Move it to the standby Droplet
  fathom.digitalocean.reserved_ip:
    ip: "{{ web_ip.reserved_ip.ip }}"
    droplet_id: "{{ standby.droplet.id }}"

- name: Keep it, assigned to no Droplet
  fathom.digitalocean.reserved_ip:
    ip: "{{ web_ip.reserved_ip.ip }}"
    droplet_id: 0

- name: Reserve an unassigned IP in fra1
  fathom.digitalocean.reserved_ip:
    region: fra1

- name: Release it
  fathom.digitalocean.reserved_ip:
    ip: "{{ web_ip.reserved_ip.ip }}"
    state: absent
"""

RETURN = r"""
reserved_ip:
  description: The reserved IP as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"ip": "45.55.96.47", "region": {"slug": "nyc3"}, "droplet": {"id": 3164444, "name": "web-1"},
           "locked": false, "project_id": "746c6152-2fa2-11ed-92d3-27aaa54e4988"}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.reserved_ip import RESERVED_IP


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
    module.run(RESERVED_IP)


if __name__ == "__main__":
    main()
