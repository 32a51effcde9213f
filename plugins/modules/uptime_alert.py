#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: uptime_alert
short_description: Create, update and delete the alerts of a DigitalOcean uptime check
version_added: 0.1.0
description:
  - Reconciles one alert of an uptime check. The check is found by O(check_id) or O(check_name);
    the alert by O(id) or by O(name) within the check.
  - Every field changes in place through C(PUT /v2/uptime/checks/{check_id}/alerts/{id}). The module
    sends every field - the task's values, and the alert's own values for the options the task leaves unset.
  - Slack webhook URLs are secrets. Plans and diffs show them as C((sensitive)), and Ansible's
    C(no_log) handling masks every webhook URL in the result.
  - In check mode, an alert of a check that an earlier task only planned is planned as new, with a warning.
options:
  state:
    description: Whether the alert exists.
    type: str
    choices: [present, absent]
    default: present
  check_id:
    description:
      - Id (UUID) of the uptime check. One of O(check_id) and O(check_name) is required.
    type: str
  check_name:
    description:
      - Name of the uptime check, looked up in the list of checks. The task fails when no check, or
        more than one, has this name.
    type: str
  id:
    description: Id of the alert. When set, the alert is found by id and O(name) can change.
    type: str
  name:
    description: Name of the alert, which identifies it within the check when O(id) is not given.
    type: str
  type:
    description:
      - V(latency) fires when the response time crosses O(threshold) milliseconds; V(ssl_expiry)
        when the certificate expires within O(threshold) days; V(down) when the target is down in
        any region, V(down_global) when it is down in every region.
      - Required to create an alert.
    type: str
    choices: [latency, down, down_global, ssl_expiry]
  threshold:
    description:
      - Milliseconds (V(latency)) or days (V(ssl_expiry)). Required for those types, refused for the
        V(down) types.
    type: int
  comparison:
    description: Whether the alert fires above or below O(threshold). Required for V(latency) and V(ssl_expiry).
    type: str
    choices: [greater_than, less_than]
  period:
    description: How long the condition must last before the alert fires. Required to create an alert.
    type: str
    choices: [2m, 3m, 5m, 10m, 15m, 30m, 1h]
  notifications:
    description:
      - Where the alert goes. Both lists are compared as sets; a list left out means none.
      - Required to create an alert; leaving it unset leaves an existing alert's targets alone.
    type: dict
    suboptions:
      email:
        description: Email addresses.
        type: list
        elements: str
      slack:
        description: Slack channels.
        type: list
        elements: dict
        suboptions:
          channel:
            description: The channel's name, for example V(#ops).
            type: str
            required: true
          url:
            description: The channel's incoming webhook URL (C(https://)). A secret, never shown.
            type: str
            required: true
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Mail the on-call address when the site is down
  fathom.digitalocean.uptime_alert:
    check_name: example.com
    name: site down
    type: down
    period: 2m
    notifications:
      email: [oncall@example.com]

- name: Warn two weeks before the certificate expires
  fathom.digitalocean.uptime_alert:
    check_name: example.com
    name: certificate expiry
    type: ssl_expiry
    threshold: 14
    comparison: less_than
    period: 1h
    notifications:
      slack:
        - channel: "#ops"
          url: "{{ vault_slack_ops_webhook }}"
"""

RETURN = r"""
uptime_alert:
  description: The alert as the API returns it after the task (Slack webhook URLs masked); empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "17f0f0ae-b7e5-4ef6-86e3-aa569db58284", "name": "site down", "type": "down", "period": "2m",
           "notifications": {"email": ["oncall@example.com"], "slack": []}}
check_id:
  description: Id of the check the alert belongs to.
  returned: always
  type: str
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource, V(uptime_alert).
      type: str
    identity:
      description: The options that identify the alert within its check.
      type: dict
    id:
      description: Id of the alert, when it existed before the task.
      type: str
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (always C(PUT)).
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff); webhook URLs show as C((sensitive)).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import (
    notification_targets_option)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import ALERT_COMPARISONS
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import ALERT_PERIODS, ALERT_TYPES
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import UPTIME_ALERT


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            check_id=dict(type="str"),
            check_name=dict(type="str"),
            id=dict(type="str"),
            name=dict(type="str"),
            type=dict(type="str", choices=list(ALERT_TYPES)),
            threshold=dict(type="int"),
            comparison=dict(type="str", choices=list(ALERT_COMPARISONS)),
            period=dict(type="str", choices=list(ALERT_PERIODS)),
            notifications=notification_targets_option(),
        ),
        waits=False,
        required_one_of=[("check_id", "check_name"), ("id", "name")],
        mutually_exclusive=[("check_id", "check_name")],
        secrets=UPTIME_ALERT.secrets,
    )
    module.run(UPTIME_ALERT)


if __name__ == "__main__":
    main()
