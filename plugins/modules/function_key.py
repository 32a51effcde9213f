#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: function_key
short_description: Create, rename and delete access keys of DigitalOcean functions namespaces
version_added: 0.2.0
description:
  - Reconciles one access key of a functions namespace, found by O(id) or by O(name) in O(namespace).
  - The key's secret is in the answer to its creation only. The task returns it under
    C(function_key.secret), masked in the output; register the result with C(no_log) set to true to use it
    in later tasks. Later runs cannot return it again.
  - O(name) changes with C(PUT) when the key is found by O(id).
  - The API reference does not document these endpoints; they are in the API's OpenAPI description.
options:
  state:
    description: Whether the key exists.
    type: str
    choices: [present, absent]
    default: present
  namespace:
    description: Label or id (C(fn-...)) of the functions namespace.
    type: str
    required: true
  id:
    description: Id of the key. When set, the key is found by id and O(name) can change.
    type: str
  name:
    description: Name of the key; without O(id) it identifies the key.
    type: str
  expires_in:
    description: How long a new key is valid, in hours or days (V(24h), V(30d)); unset, it never expires.
      Used only at creation.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A key for the CI pipeline, valid for 30 days
  fathom.digitalocean.function_key:
    namespace: reports
    name: ci
    expires_in: 30d
  register: ci_key
  no_log: true

- name: Hand the secret to the CI system
  ansible.builtin.copy:
    content: "{{ ci_key.function_key.secret }}"
    dest: /etc/ci/functions-key
    mode: "0600"
  no_log: true
  when: ci_key.changed
"""

RETURN = r"""
function_key:
  description:
    - The key as the API returns it after the task; empty when it is absent.
    - C(secret) only in the run that created it, masked in the output.
  returned: always
  type: dict
  sample: {"id": "dof_v1_8f7a4f9b3c9e4b8a", "name": "ci", "secret": "(masked)", "created_at": "2024-05-02T08:12:44Z",
           "expires_at": "2024-06-01T08:12:44Z"}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.function import FUNCTION_KEY


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            namespace=dict(type="str", required=True),
            id=dict(type="str"),
            name=dict(type="str"),
            expires_in=dict(type="str"),
        ),
        waits=False,
        required_one_of=[("id", "name")],
    )
    module.run(FUNCTION_KEY)


if __name__ == "__main__":
    main()
