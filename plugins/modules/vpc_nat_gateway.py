#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpc_nat_gateway
short_description: Create, update and delete DigitalOcean VPC NAT gateways
version_added: 0.2.0
description:
  - Reconciles one VPC NAT gateway, found by O(id) or by O(name) and O(region), to the declared state.
    A NAT gateway lets the resources of private VPCs reach the internet without being reachable from it.
  - The task waits until a new or updated gateway is C(ACTIVE) (C(ERROR) or C(INVALID) fail it), and
    until a deleted one is gone.
  - O(name) (when found by O(id)), O(size), O(vpcs) and the timeouts change in place with one
    C(PUT /v2/vpc_nat_gateways/{id}). The request carries every field the gateway has, so an update
    never resets a field the task leaves unset.
  - A change to O(region) fails with an error naming the field; nothing is changed.
options:
  state:
    description: Whether the gateway exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the gateway. When set, the gateway is found by id and O(name) can change.
    type: str
  name:
    description: Name of the gateway. Together with O(region) it identifies the gateway.
    type: str
  region:
    description:
      - Region slug. Cannot change.
      - One of V(nyc1), V(nyc2), V(nyc3), V(ams2), V(ams3), V(sfo1), V(sfo2), V(sfo3), V(sgp1), V(lon1),
        V(fra1), V(tor1), V(blr1), V(syd1) or V(atl1).
    type: str
  size:
    description: Size of the gateway (its capacity units), at least V(1). Required to create.
    type: int
  vpcs:
    description:
      - The VPCs the gateway serves, all in its region. Required to create.
      - Compared as a set; VPCs missing from the list stop using the gateway.
    type: list
    elements: dict
    suboptions:
      vpc:
        description: Id or name of the VPC.
        type: str
        required: true
      default_gateway:
        description:
          - Whether the gateway is the default route of the VPC's resources.
          - Unset leaves it as the API has it (V(false) for a new gateway).
        type: bool
  udp_timeout_seconds:
    description: Idle timeout of UDP flows, in seconds (the API's default is 30).
    type: int
  icmp_timeout_seconds:
    description: Idle timeout of ICMP flows, in seconds (the API's default is 30).
    type: int
  tcp_timeout_seconds:
    description: Idle timeout of TCP flows, in seconds (the API's default is 300).
    type: int
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Give the private VPC of the web tier a way out
  fathom.digitalocean.vpc_nat_gateway:
    name: web-egress
    region: nyc3
    size: 1
    vpcs:
      - vpc: web-nyc3
        default_gateway: true
    udp_timeout_seconds: 60

- name: Serve a second VPC too
  fathom.digitalocean.vpc_nat_gateway:
    name: web-egress
    region: nyc3
    vpcs:
      - vpc: web-nyc3
      - vpc: jobs-nyc3

- name: Remove it
  fathom.digitalocean.vpc_nat_gateway:
    name: web-egress
    region: nyc3
    state: absent
"""

RETURN = r"""
vpc_nat_gateway:
  description: The gateway as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "70e1b58d-cdec-4e95-b3ee-2d4d95feff51", "name": "web-egress", "type": "PUBLIC", "state": "ACTIVE",
           "region": "nyc3", "size": 1, "vpcs": [{"vpc_uuid": "0eb1752f-807b-4562-a077-8018e13ab1fb",
                                                  "gateway_ip": "10.118.0.35"}],
           "egresses": {"public_gateways": [{"ipv4": "174.138.113.197"}]}, "udp_timeout_seconds": 60,
           "icmp_timeout_seconds": 30, "tcp_timeout_seconds": 300}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_nat_gateway import VPC_NAT_GATEWAY


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            region=dict(type="str"),
            size=dict(type="int"),
            vpcs=dict(type="list", elements="dict", options=dict(
                vpc=dict(type="str", required=True),
                default_gateway=dict(type="bool"),
            )),
            udp_timeout_seconds=dict(type="int"),
            icmp_timeout_seconds=dict(type="int"),
            tcp_timeout_seconds=dict(type="int"),
        ),
        required_one_of=[("id", "name")],
    )
    module.run(VPC_NAT_GATEWAY)


if __name__ == "__main__":
    main()
