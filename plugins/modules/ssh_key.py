#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: ssh_key
short_description: Add, rename and remove SSH keys of a DigitalOcean account
version_added: 0.1.0
description:
  - Reconciles one SSH key. It is found by O(id), by O(fingerprint), by the fingerprint of
    O(public_key), or else by O(name).
  - O(public_key) is compared by fingerprint. A key found by name whose fingerprint differs fails
    with an error, since a key cannot change in place.
  - A different O(name) renames the key.
options:
  state:
    description: Whether the key exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id or fingerprint of the key.
    type: str
  name:
    description: Name of the key. Required to create.
    type: str
  public_key:
    description: The public key, for example the contents of C(~/.ssh/id_ed25519.pub). Required to create.
    type: str
  fingerprint:
    description: MD5 fingerprint of the key, to find it without the public key.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Add a deploy key
  fathom.digitalocean.ssh_key:
    name: deploy
    public_key: "{{ lookup('ansible.builtin.file', 'files/deploy.pub') }}"
  register: deploy_key

- name: Rename it
  fathom.digitalocean.ssh_key:
    fingerprint: "{{ deploy_key.ssh_key.fingerprint }}"
    name: deploy-2026

- name: Remove it
  fathom.digitalocean.ssh_key:
    fingerprint: "{{ deploy_key.ssh_key.fingerprint }}"
    state: absent
"""

RETURN = r"""
ssh_key:
  description: The key as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": 512189, "name": "deploy", "fingerprint": "3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa",
           "public_key": "ssh-ed25519 AAAA... deploy"}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.ssh_key import SSH_KEY


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            public_key=dict(type="str", no_log=False),
            fingerprint=dict(type="str"),
        ),
        waits=False,
        required_one_of=[("id", "name", "public_key", "fingerprint")],
        secrets=SSH_KEY.secrets,
    )
    module.run(SSH_KEY)


if __name__ == "__main__":
    main()
