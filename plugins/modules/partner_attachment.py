#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: partner_attachment
short_description: Create, update and delete DigitalOcean Partner Network Connect attachments
version_added: 0.2.0
description:
  - Reconciles one Partner Network Connect attachment, found by O(id) or by O(name), to the declared state.
    An attachment joins VPCs of the account to another cloud or a datacenter through a network partner.
  - O(name) (when found by O(id)), O(vpcs) and O(bgp) change with C(PATCH), one request each. A change to
    O(region), O(naas_provider) or O(connection_bandwidth_in_mbps) fails with an error naming the field.
  - A new attachment is C(CREATED); it becomes active once the partner side connects, which can take
    long, so the task does not wait for it. A deleted attachment is awaited until it is gone.
  - O(bgp.auth_key) is masked, sent at creation and with every BGP change, and never compared.
options:
  state:
    description: Whether the attachment exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the attachment. When set, it is found by id and O(name) can change.
    type: str
  name:
    description: Name of the attachment - letters, digits, V(-) and V(.). It identifies the attachment.
    type: str
  region:
    description: Partner Network Connect region. Required to create; cannot change.
    type: str
    choices: [nyc, sfo, fra, ams, sgp]
  naas_provider:
    description: The network partner, for example V(MEGAPORT). Required to create; cannot change.
    type: str
  connection_bandwidth_in_mbps:
    description: Bandwidth of the connection. Required to create; cannot change.
    type: int
    choices: [1000, 2000, 5000, 10000]
  vpcs:
    description: VPCs (ids or names) joined to the partner network, as a set. Required to create.
    type: list
    elements: str
  redundancy_zone:
    description: Redundancy zone of a new attachment. Used only at creation.
    type: str
    choices: [MEGAPORT_BLUE, MEGAPORT_RED]
  parent_uuid:
    description: Id of the attachment a new, redundant one pairs with. Used only at creation.
    type: str
  bgp:
    description: The BGP session with the partner network. Compared on the sub-options the task sets,
      except O(bgp.auth_key).
    type: dict
    suboptions:
      local_router_ip:
        description: Address of the DigitalOcean router, in CIDR notation.
        type: str
        required: true
      peer_router_ip:
        description: Address of the partner's router, in CIDR notation.
        type: str
        required: true
      peer_router_asn:
        description: Autonomous system number of the partner's router.
        type: int
        required: true
      auth_key:
        description: BGP authentication key. A secret - masked in the output.
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
- name: Connect the backend VPC to AWS through Megaport
  fathom.digitalocean.partner_attachment:
    name: to-aws
    region: nyc
    naas_provider: MEGAPORT
    connection_bandwidth_in_mbps: 1000
    vpcs: [backend-nyc3]
    bgp:
      local_router_ip: 169.254.0.1/29
      peer_router_ip: 169.254.0.6/29
      peer_router_asn: 64532
      auth_key: "{{ vault_bgp_auth_key }}"
"""

RETURN = r"""
partner_attachment:
  description: The attachment as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "name": "to-aws", "state": "CREATED", "region": "nyc",
           "naas_provider": "MEGAPORT", "connection_bandwidth_in_mbps": 1000,
           "vpc_ids": ["796c6fe3-2a1d-4da2-9f3e-38239827dc91"],
           "bgp": {"local_router_ip": "169.254.0.1/29", "peer_router_ip": "169.254.0.6/29", "peer_asn": 64532}}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.partner_attachment import (
    PARTNER_ATTACHMENT, bgp_secret)


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            region=dict(type="str", choices=["nyc", "sfo", "fra", "ams", "sgp"]),
            naas_provider=dict(type="str"),
            connection_bandwidth_in_mbps=dict(type="int", choices=[1000, 2000, 5000, 10000]),
            vpcs=dict(type="list", elements="str"),
            redundancy_zone=dict(type="str", choices=["MEGAPORT_BLUE", "MEGAPORT_RED"]),
            parent_uuid=dict(type="str"),
            bgp=dict(type="dict", options=dict(
                local_router_ip=dict(type="str", required=True),
                peer_router_ip=dict(type="str", required=True),
                peer_router_asn=dict(type="int", required=True),
                auth_key=dict(type="str", required=True, no_log=True),
            )),
        ),
        required_one_of=[("id", "name")],
        secrets=bgp_secret,
    )
    module.run(PARTNER_ATTACHMENT)


if __name__ == "__main__":
    main()
