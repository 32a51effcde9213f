#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: firewall
short_description: Create, update and delete DigitalOcean cloud firewalls
version_added: 0.1.0
description:
  - Reconciles one cloud firewall, found by O(id) or by O(name), to the declared state.
  - O(inbound_rules), O(outbound_rules), O(droplet_ids) and O(tags) are each compared as a set. A
    rule or Droplet or tag the firewall has and the task does not list is removed. Leaving an option
    unset leaves it alone.
  - Rules are compared after normalizing them, so rules that mean the same are equal - protocol in
    lower case; ports V(all), V(0), V(1-65535) or unset all mean every port; ICMP rules have no
    ports; addresses, Droplet ids, load balancer ids, Kubernetes ids and tags in any order and
    spelling of the same address (V(::/0) or V(0::0/0), V(10.0.0.1) or V(10.0.0.1/32)).
  - Every change is one C(PUT /v2/firewalls/{id}) carrying the whole firewall, as the API requires.
  - Tags the firewall or its rules refer to are created when they do not exist yet.
  - Malformed rules (protocol, ports, addresses, a rule without sources or destinations) fail with an
    error naming the option, for example C(inbound_rules[1].ports), before any request. Rules are
    counted from 0.
options:
  state:
    description: Whether the firewall exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id (UUID) of the firewall. When set, the firewall is found by id and O(name) can change.
    type: str
  name:
    description:
      - Name of the firewall - a letter or digit, then letters, digits, V(.) and V(-).
      - Identifies the firewall when O(id) is not set; two firewalls with the name are an error.
    type: str
  inbound_rules:
    description:
      - The rules for incoming traffic, as a set. V([]) removes every inbound rule.
      - A firewall needs at least one inbound or outbound rule.
    type: list
    elements: dict
    suboptions:
      protocol:
        description: V(tcp), V(udp) or V(icmp) (in any case).
        type: str
        required: true
      ports:
        description:
          - A port (V(22)), a range (V(8000-9000)) or V(all). Unset means every port.
          - ICMP rules have no ports.
        type: raw
      sources:
        description: Where the traffic may come from. At least one of the lists must be set.
        type: dict
        required: true
        suboptions:
          addresses:
            description: IPv4 and IPv6 addresses and CIDR networks.
            type: list
            elements: str
          droplet_ids:
            description: Ids of Droplets.
            type: list
            elements: int
          load_balancer_uids:
            description: Ids of load balancers.
            type: list
            elements: str
          kubernetes_ids:
            description: Ids of Kubernetes clusters.
            type: list
            elements: str
          tags:
            description: Tags of Droplets.
            type: list
            elements: str
  outbound_rules:
    description:
      - The rules for outgoing traffic, as a set. V([]) removes every outbound rule.
    type: list
    elements: dict
    suboptions:
      protocol:
        description: V(tcp), V(udp) or V(icmp) (in any case).
        type: str
        required: true
      ports:
        description:
          - A port (V(53)), a range (V(8000-9000)) or V(all). Unset means every port.
          - ICMP rules have no ports.
        type: raw
      destinations:
        description: Where the traffic may go. At least one of the lists must be set.
        type: dict
        required: true
        suboptions:
          addresses:
            description: IPv4 and IPv6 addresses and CIDR networks.
            type: list
            elements: str
          droplet_ids:
            description: Ids of Droplets.
            type: list
            elements: int
          load_balancer_uids:
            description: Ids of load balancers.
            type: list
            elements: str
          kubernetes_ids:
            description: Ids of Kubernetes clusters.
            type: list
            elements: str
          tags:
            description: Tags of Droplets.
            type: list
            elements: str
  droplet_ids:
    description: Ids of the Droplets the firewall protects, as a set. V([]) removes every Droplet.
    type: list
    elements: int
  tags:
    description: The firewall protects the Droplets with these tags, as a set. V([]) removes every tag.
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
- name: Web firewall - SSH from the office, HTTP(S) and ping from everywhere
  fathom.digitalocean.firewall:
    name: web
    inbound_rules:
      - protocol: tcp
        ports: 22
        sources:
          addresses: [192.0.2.0/24]
      - protocol: tcp
        ports: 80
        sources:
          addresses: [0.0.0.0/0, "::/0"]
      - protocol: tcp
        ports: 443
        sources:
          addresses: [0.0.0.0/0, "::/0"]
      - protocol: icmp
        sources:
          addresses: [0.0.0.0/0, "::/0"]
    outbound_rules:
      - protocol: tcp
        ports: all
        destinations:
          addresses: [0.0.0.0/0, "::/0"]
      - protocol: udp
        ports: 53
        destinations:
          addresses: [0.0.0.0/0, "::/0"]
    tags: [web]

- name: Protect two more Droplets, leaving the rules alone
  fathom.digitalocean.firewall:
    name: web
    droplet_ids: [3164444, 3164445]

- name: Delete the firewall
  fathom.digitalocean.firewall:
    name: web
    state: absent
"""

RETURN = r"""
firewall:
  description: The firewall as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "bb4b2611-3d72-467b-8602-280330ecd65c", "name": "web", "status": "succeeded",
           "inbound_rules": [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["192.0.2.0/24"]}}],
           "outbound_rules": [], "droplet_ids": [3164444], "tags": ["web"], "pending_changes": []}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.firewall import FIREWALL


def targets():
    return dict(
        addresses=dict(type="list", elements="str"),
        droplet_ids=dict(type="list", elements="int"),
        load_balancer_uids=dict(type="list", elements="str"),
        kubernetes_ids=dict(type="list", elements="str"),
        tags=dict(type="list", elements="str"),
    )


def rules(target_key):
    return dict(type="list", elements="dict", options={
        "protocol": dict(type="str", required=True),
        "ports": dict(type="raw"),
        target_key: dict(type="dict", required=True, options=targets()),
    })


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            inbound_rules=rules("sources"),
            outbound_rules=rules("destinations"),
            droplet_ids=dict(type="list", elements="int"),
            tags=dict(type="list", elements="str"),
        ),
        required_one_of=[("id", "name")],
    )
    module.run(FIREWALL)


if __name__ == "__main__":
    main()
