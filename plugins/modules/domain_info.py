#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: domain_info
short_description: List DNS domains managed by DigitalOcean
version_added: 0.1.0
description:
  - Lists the DNS domains of the account, or reads one by name, and never changes anything.
  - The API has no filters for the domain list; O(name) reads that one domain with one request.
options:
  name:
    description: Read only this domain, for example V(example.com).
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every domain of the account
  fathom.digitalocean.domain_info:
  register: dns

- name: The zone file of one domain
  fathom.digitalocean.domain_info:
    name: example.com
  register: example

- name: Show it
  ansible.builtin.debug:
    msg: "{{ example.domains[0].zone_file }}"
"""

RETURN = r"""
domains:
  description: The matching domains, as the API returns them; empty when O(name) does not exist.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "example.com", "ttl": 1800, "zone_file": "$ORIGIN example.com.\n$TTL 1800\n..."}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain import DOMAIN


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            name=dict(type="str"),
        ),
        waits=False,
    )
    module.run_info(DOMAIN)


if __name__ == "__main__":
    main()
