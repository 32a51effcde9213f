#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: domain
short_description: Add and remove DNS domains managed by DigitalOcean
version_added: 0.1.0
description:
  - Reconciles one DNS domain, found by O(name) with one request.
  - Creating a domain also creates its SOA record and the three DigitalOcean NS records, and, with
    O(ip_address), an A record for the apex.
  - A domain has no settings to update. Its records are managed with
    M(fathom.digitalocean.domain_record) or M(fathom.digitalocean.domain_records).
  - Deleting a domain deletes all of its records.
options:
  state:
    description: Whether the domain exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description:
      - The domain name, for example V(example.com).
      - Compared in lower case, with or without the trailing dot.
    type: str
    required: true
  ip_address:
    description:
      - IPv4 address for the A record of the apex, created together with the domain.
      - Create-only (write-only). It is used only when the domain is created and is never compared
        afterwards, so changing it on an existing domain changes nothing and is not an error. To
        change the apex A record later, use M(fathom.digitalocean.domain_record) or
        M(fathom.digitalocean.domain_records).
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Manage example.com with DigitalOcean DNS, its apex pointing at a droplet
  fathom.digitalocean.domain:
    name: example.com
    ip_address: "{{ web.droplet.networks.v4 | selectattr('type', 'eq', 'public') | map(attribute='ip_address') | first }}"

- name: Remove the domain and all of its records
  fathom.digitalocean.domain:
    name: example.com
    state: absent
"""

RETURN = r"""
domain:
  description: The domain as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"name": "example.com", "ttl": 1800, "zone_file": null}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource.
      type: str
    identity:
      description: The options that identify the resource.
      type: dict
    id:
      description: Id of the resource (the domain name), when it existed before the task.
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain import DOMAIN


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            name=dict(type="str", required=True),
            ip_address=dict(type="str"),
        ),
        waits=False,
    )
    module.run(DOMAIN)


if __name__ == "__main__":
    main()
