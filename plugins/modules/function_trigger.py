#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: function_trigger
short_description: Create, update and delete scheduled triggers of DigitalOcean serverless functions
version_added: 0.2.0
description:
  - Reconciles one scheduled trigger of a functions namespace, found by O(name) in O(namespace).
  - O(cron), O(body) and O(enabled) change with one C(PUT) that carries all three, so an update never
    resets the one the task leaves unset. The function a trigger calls never changes - a different
    O(function) is an error naming the field.
options:
  state:
    description: Whether the trigger exists.
    type: str
    choices: [present, absent]
    default: present
  namespace:
    description: Label or id (C(fn-...)) of the functions namespace.
    type: str
    required: true
  name:
    description: Name of the trigger, unique in the namespace.
    type: str
    required: true
  function:
    description: Name of the function the trigger calls, for example V(reports/build). Required to create.
    type: str
  cron:
    description: When the function runs - a cron expression of five fields, in UTC. Required to create.
    type: str
  body:
    description: JSON object the function receives as its parameters. V({}) sends none.
    type: dict
  enabled:
    description: Whether the trigger runs (V(false) pauses it). A new trigger is enabled unless this says otherwise.
    type: bool
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Build the reports every night at 02:00 UTC
  fathom.digitalocean.function_trigger:
    namespace: reports
    name: nightly
    function: reports/build
    cron: "0 2 * * *"
    body:
      scope: full

- name: Pause it
  fathom.digitalocean.function_trigger:
    namespace: reports
    name: nightly
    enabled: false
"""

RETURN = r"""
function_trigger:
  description: The trigger as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"name": "nightly", "namespace": "fn-8f7a4f9b-3c9e-4b8a-9d0f-2a4c6e8b0d1f", "function": "reports/build",
           "type": "SCHEDULED", "is_enabled": true, "scheduled_details": {"cron": "0 2 * * *", "body": {"scope": "full"}},
           "scheduled_runs": {"last_run_at": null, "next_run_at": "2024-05-03T02:00:00Z"}}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.function import FUNCTION_TRIGGER


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            namespace=dict(type="str", required=True),
            name=dict(type="str", required=True),
            function=dict(type="str"),
            cron=dict(type="str"),
            body=dict(type="dict"),
            enabled=dict(type="bool"),
        ),
        waits=False,
    )
    module.run(FUNCTION_TRIGGER)


if __name__ == "__main__":
    main()
