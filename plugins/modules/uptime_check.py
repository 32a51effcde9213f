#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: uptime_check
short_description: Create, update and delete DigitalOcean uptime checks
version_added: 0.1.0
description:
  - Reconciles one uptime check, found by O(id) or by O(name), to the declared state.
  - Every field changes in place through C(PUT /v2/uptime/checks/{id}). The module sends every
    field - the task's values, and the check's own values for the options the task leaves unset.
  - Deleting a check deletes its alerts (see M(fathom.digitalocean.uptime_alert)).
  - The API's lists lag behind a create. With O(wait=true), a new check's task ends once the check
    is listed (within a few seconds), so that the next task finds it by name, for example an alert's
    O(fathom.digitalocean.uptime_alert#module:check_name).
options:
  state:
    description: Whether the check exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id (UUID) of the check. When set, the check is found by id and O(name) can change.
    type: str
  name:
    description:
      - Name of the check. It identifies the check when O(id) is not given; two checks with this
        name are an error that lists their ids.
    type: str
  type:
    description:
      - V(ping) sends ICMP echo requests to O(target); V(http) and V(https) request O(target), an
        C(http://) or C(https://) URL. Required to create a check.
    type: str
    choices: [ping, http, https]
  target:
    description: The host (V(ping)) or the URL (V(http), V(https)) to check. Required to create a check.
    type: str
  regions:
    description:
      - The regions the check runs from, compared as a set. Required to create a check.
    type: list
    elements: str
    choices: [us_east, us_west, eu_west, se_asia]
  enabled:
    description:
      - Whether the check runs. A new check is enabled unless this is V(false); leaving it unset
        leaves an existing check's setting alone.
    type: bool
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Check the site over HTTPS from two regions
  fathom.digitalocean.uptime_check:
    name: example.com
    type: https
    target: https://example.com/
    regions: [us_east, eu_west]
  register: site_check

- name: Pause it
  fathom.digitalocean.uptime_check:
    name: example.com
    enabled: false

- name: Delete it, and its alerts
  fathom.digitalocean.uptime_check:
    name: example.com
    state: absent
"""

RETURN = r"""
uptime_check:
  description: The check as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "name": "example.com", "type": "https",
           "target": "https://example.com/", "regions": ["us_east", "eu_west"], "enabled": true}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource, V(uptime_check).
      type: str
    identity:
      description: The options that identify the check.
      type: dict
    id:
      description: Id of the check, when it existed before the task.
      type: str
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (always C(PUT)).
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import CHECK_REGIONS, CHECK_TYPES
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import UPTIME_CHECK


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            type=dict(type="str", choices=list(CHECK_TYPES)),
            target=dict(type="str"),
            regions=dict(type="list", elements="str", choices=list(CHECK_REGIONS)),
            enabled=dict(type="bool"),
        ),
        required_one_of=[("id", "name")],
    )
    module.run(UPTIME_CHECK)


if __name__ == "__main__":
    main()
