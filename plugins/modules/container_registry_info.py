#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: container_registry_info
short_description: Read the DigitalOcean container registry of the account
version_added: 0.2.0
description:
  - Returns the account's container registry (C(GET /v2/registry), the generally available API
    generation), as a list of one, or an empty list when the account has none.
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The account's registry
  fathom.digitalocean.container_registry_info:
  register: registry

- name: Its tier
  ansible.builtin.debug:
    msg: "{{ registry.container_registries[0].subscription.tier.slug }}"
  when: registry.container_registries | length > 0
"""

RETURN = r"""
container_registries:
  description: The account's registry, as a list of one (empty when there is none).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "acme", "region": "fra1", "storage_usage_bytes": 0,
            "subscription": {"tier": {"slug": "basic", "name": "Basic"}}}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.container_registry import CONTAINER_REGISTRY


def main():
    module = DigitalOceanModule(argument_spec={}, waits=False)
    module.run_info(CONTAINER_REGISTRY)


if __name__ == "__main__":
    main()
