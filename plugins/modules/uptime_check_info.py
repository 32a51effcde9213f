#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: uptime_check_info
short_description: List DigitalOcean uptime checks, with their state
version_added: 0.1.0
description:
  - Lists uptime checks and never changes anything.
  - The API has no filters for checks, so O(name) and O(type) are matched on the listed checks.
  - With O(include_state), each check also holds its C(state) (C(GET /v2/uptime/checks/{id}/state)) -
    one more request per check.
options:
  id:
    description: Id of one check to read.
    type: str
  name:
    description: Only the check with this name.
    type: str
  type:
    description: Only the checks of this type.
    type: str
    choices: [ping, http, https]
  include_state:
    description: Add each check's C(state) - per region C(UP), C(DOWN) or C(CHECKING), and the last outage.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The site's check and its state
  fathom.digitalocean.uptime_check_info:
    name: example.com
    include_state: true
  register: site

- name: Fail when a region sees the site down
  ansible.builtin.assert:
    that: site.uptime_checks[0].state.regions.values() | selectattr('status', 'eq', 'DOWN') | list | length == 0
"""

RETURN = r"""
uptime_checks:
  description: The matching checks, as the API returns them, with C(state) when O(include_state) is set.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "name": "example.com", "type": "https",
            "target": "https://example.com/", "regions": ["us_east", "eu_west"], "enabled": true,
            "state": {"regions": {"us_east": {"status": "UP", "status_changed_at": "2024-03-17T22:28:51Z",
                                              "thirty_day_uptime_percentage": 99.98}},
                      "previous_outage": {}}}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import CHECK_TYPES, UPTIME_CHECK
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import with_state


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            type=dict(type="str", choices=list(CHECK_TYPES)),
            include_state=dict(type="bool", default=False),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(UPTIME_CHECK, filters={"name": params["name"], "type": params["type"]},
                    expand=with_state if params["include_state"] else None)


if __name__ == "__main__":
    main()
