#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: container_registry
short_description: Create, update and delete the DigitalOcean container registry of the account
version_added: 0.2.0
description:
  - Reconciles the account's container registry (an account has at most one).
  - Uses the generally available API generation, C(/v2/registry). The public preview
    C(/v2/registries) (several registries per account) is not used, as the API reference marks it as
    a preview that may change.
  - O(name) and O(region) never change. O(subscription_tier) changes through
    C(POST /v2/registry/subscription); the API refuses a tier whose limits the registry exceeds.
  - O(garbage_collection=true) starts a garbage collection and waits for it (an action, carried out
    each time the task runs with it).
  - O(state=absent) deletes the registry and B(every image in it).
options:
  state:
    description: Whether the registry exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description: Name of the registry, globally unique, 1 to 63 lower-case letters, digits or V(-). Cannot change.
    type: str
    required: true
  region:
    description: Region of the registry. Without it the API chooses. Cannot change.
    type: str
    choices: [nyc3, sfo3, ams3, sgp1, fra1]
  subscription_tier:
    description: Subscription tier. Required to create.
    type: str
    choices: [starter, basic, professional]
  garbage_collection:
    description: Start a garbage collection and wait until it finished.
    type: bool
    default: false
  garbage_collection_type:
    description: What the garbage collection deletes.
    type: str
    choices: [untagged manifests only, unreferenced blobs only, untagged manifests and unreferenced blobs]
    default: untagged manifests and unreferenced blobs
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The account's registry
  fathom.digitalocean.container_registry:
    name: acme
    region: fra1
    subscription_tier: basic

- name: Free the space of untagged images
  fathom.digitalocean.container_registry:
    name: acme
    garbage_collection: true

- name: Delete the registry and every image in it
  fathom.digitalocean.container_registry:
    name: acme
    state: absent
"""

RETURN = r"""
container_registry:
  description: The registry as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"name": "acme", "region": "fra1", "storage_usage_bytes": 0,
           "subscription": {"tier": {"slug": "basic", "name": "Basic"}}}
garbage_collection:
  description: The garbage collection the task ran.
  returned: when O(garbage_collection=true) on an existing registry
  type: dict
  sample: {"uuid": "eff0feee-49c7-4e8f-ba5c-a320c109c8a8", "status": "succeeded", "freed_bytes": 1048576}
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
      description: Name of the registry, when it existed before the task.
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.container_registry import CONTAINER_REGISTRY
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.container_registry import GC_TYPES


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            name=dict(type="str", required=True),
            region=dict(type="str", choices=["nyc3", "sfo3", "ams3", "sgp1", "fra1"]),
            subscription_tier=dict(type="str", choices=["starter", "basic", "professional"]),
            garbage_collection=dict(type="bool", default=False),
            garbage_collection_type=dict(type="str", choices=list(GC_TYPES), default=GC_TYPES[2]),
        ),
    )
    module.run(CONTAINER_REGISTRY)


if __name__ == "__main__":
    main()
