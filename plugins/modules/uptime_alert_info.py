#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: uptime_alert_info
short_description: List the alerts of a DigitalOcean uptime check
version_added: 0.1.0
description:
  - Lists the alerts of one uptime check, found by O(check_id) or O(check_name), and never changes anything.
  - The API has no filters for alerts, so O(name) and O(type) are matched on the listed alerts.
  - Slack webhook URLs in the result are masked by Ansible's C(no_log) handling, unless the task
    runs with C(no_log) set to true, which hides the whole result from the output instead.
options:
  check_id:
    description: Id (UUID) of the uptime check. One of O(check_id) and O(check_name) is required.
    type: str
  check_name:
    description: Name of the uptime check. The task fails when no check, or more than one, has this name.
    type: str
  id:
    description: Id of one alert to read.
    type: str
  name:
    description: Only the alert with this name.
    type: str
  type:
    description: Only the alerts of this type.
    type: str
    choices: [latency, down, down_global, ssl_expiry]
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The alerts of the site's check
  fathom.digitalocean.uptime_alert_info:
    check_name: example.com
  register: site_alerts
"""

RETURN = r"""
uptime_alerts:
  description: The matching alerts, as the API returns them (Slack webhook URLs masked).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "17f0f0ae-b7e5-4ef6-86e3-aa569db58284", "name": "site down", "type": "down", "period": "2m",
            "notifications": {"email": ["oncall@example.com"], "slack": []}}]
check_id:
  description: Id of the check.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import ALERT_TYPES, MASKED_ALERT
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import UPTIME_ALERT


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            check_id=dict(type="str"),
            check_name=dict(type="str"),
            id=dict(type="str"),
            name=dict(type="str"),
            type=dict(type="str", choices=list(ALERT_TYPES)),
        ),
        waits=False,
        required_one_of=[("check_id", "check_name")],
        mutually_exclusive=[("check_id", "check_name")],
    )
    params = module.params
    module.run_info(UPTIME_ALERT, filters={"name": params["name"], "type": params["type"]}, expand=MASKED_ALERT)


if __name__ == "__main__":
    main()
