#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: function_namespace
short_description: Create and delete DigitalOcean serverless functions namespaces
version_added: 0.2.0
description:
  - Reconciles one serverless functions namespace, found by O(id) or by O(label), to the declared state.
  - The API has no update for a namespace - a different O(region) is an error naming the field.
  - Functions are deployed into a namespace with C(doctl serverless deploy); their scheduled triggers are
    managed with M(fathom.digitalocean.function_trigger), access keys with M(fathom.digitalocean.function_key).
  - Deleting a namespace deletes its functions, triggers and keys.
options:
  state:
    description: Whether the namespace exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the namespace (C(fn-...)). When set, the namespace is found by id.
    type: str
  label:
    description: Label of the namespace, unique in the account; it identifies the namespace.
    type: str
  region:
    description: Region slug of the namespace. Required to create; cannot change.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A namespace for the report jobs
  fathom.digitalocean.function_namespace:
    label: reports
    region: nyc1
  register: reports_ns

- name: Delete it, with its functions and triggers
  fathom.digitalocean.function_namespace:
    label: reports
    state: absent
"""

RETURN = r"""
function_namespace:
  description: The namespace as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"namespace": "fn-8f7a4f9b-3c9e-4b8a-9d0f-2a4c6e8b0d1f", "uuid": "8f7a4f9b-3c9e-4b8a-9d0f-2a4c6e8b0d1f",
           "label": "reports", "region": "nyc1", "api_host": "https://faas-nyc1-2ef2e6cc.doserverless.co"}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.function import FUNCTION_NAMESPACE


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            label=dict(type="str"),
            region=dict(type="str"),
        ),
        waits=False,
        required_one_of=[("id", "label")],
    )
    module.run(FUNCTION_NAMESPACE)


if __name__ == "__main__":
    main()
