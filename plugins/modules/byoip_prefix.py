#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: byoip_prefix
short_description: Bring, advertise, withdraw and remove DigitalOcean BYOIP prefixes
version_added: 0.2.0
description:
  - Reconciles one bring-your-own-IP prefix, found by O(id) or by O(prefix), to the declared state.
  - A new prefix is brought with O(prefix), O(region) and O(signature) and awaited until C(active); C(failed)
    stops the task with the API's failure reason.
  - O(advertise) changes with C(PATCH), once the prefix is active.
  - An advertised prefix is not deleted - withdraw it first with O(advertise=false).
  - O(signature) is masked in the output and never compared.
options:
  state:
    description: Whether the prefix is in the account.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Uuid of the prefix. When set, the prefix is found by it.
    type: str
  prefix:
    description: The IPv4 network, from a /24 to a /18, for example V(203.0.113.0/24). It identifies the prefix.
    type: str
  region:
    description: Region slug where the prefix is brought. Required to create; cannot change.
    type: str
  signature:
    description: The signature of the request, made with the prefix's key (see DigitalOcean's BYOIP guide).
      Required to create; used only then.
    type: str
  advertise:
    description: Whether DigitalOcean announces the prefix to the internet.
    type: bool
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Bring our /24 to nyc3 and announce it
  fathom.digitalocean.byoip_prefix:
    prefix: 203.0.113.0/24
    region: nyc3
    signature: "{{ lookup('ansible.builtin.file', 'byoip-203.0.113.0.sig') }}"
    advertise: true

- name: Withdraw it
  fathom.digitalocean.byoip_prefix:
    prefix: 203.0.113.0/24
    advertise: false
"""

RETURN = r"""
byoip_prefix:
  description: The prefix as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"uuid": "f47ac10b-58cc-4372-a567-0e02b2c3d479", "prefix": "203.0.113.0/24", "region": "nyc3",
           "status": "active", "advertised": true, "locked": false, "failure_reason": "", "validations": []}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.byoip_prefix import (
    BYOIP_PREFIX, signature_secret)


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            prefix=dict(type="str"),
            region=dict(type="str"),
            signature=dict(type="str", no_log=True),
            advertise=dict(type="bool"),
        ),
        required_one_of=[("id", "prefix")],
        secrets=signature_secret,
    )
    module.run(BYOIP_PREFIX)


if __name__ == "__main__":
    main()
