#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: monitoring_alert_policy
short_description: Create, update and delete DigitalOcean monitoring alert policies
version_added: 0.1.0
description:
  - Reconciles one monitoring alert policy, found by O(uuid) or by O(description), to the declared state.
  - The API does not keep descriptions unique. When two policies have the description the task
    names, the task fails and lists their uuids; give O(uuid) to choose one.
  - Every field changes in place through C(PUT /v2/monitoring/alerts/{uuid}), which replaces the whole
    policy. The module sends every field - the task's values, and the policy's own values for the
    options the task leaves unset - so an unset option is left alone.
  - Slack webhook URLs are secrets. Plans and diffs show them as C((sensitive)), and Ansible's
    C(no_log) handling masks every webhook URL in the result, the URLs of the policy before the
    change included.
options:
  state:
    description: Whether the policy exists.
    type: str
    choices: [present, absent]
    default: present
  uuid:
    description: Uuid of the policy. When set, the policy is found by uuid and O(description) can change.
    type: str
  description:
    description:
      - Description of the policy, which identifies it when O(uuid) is not given.
      - Required to create a policy.
    type: str
  type:
    description:
      - What the policy watches, for example V(v1/insights/droplet/cpu) (the percent of CPU of
        droplets) or V(v1/insights/lbaas/avg_cpu_utilization_percent) (of load balancers).
      - Required to create a policy.
    type: str
    choices:
      - v1/insights/droplet/load_1
      - v1/insights/droplet/load_5
      - v1/insights/droplet/load_15
      - v1/insights/droplet/memory_utilization_percent
      - v1/insights/droplet/disk_utilization_percent
      - v1/insights/droplet/cpu
      - v1/insights/droplet/disk_read
      - v1/insights/droplet/disk_write
      - v1/insights/droplet/public_outbound_bandwidth
      - v1/insights/droplet/public_inbound_bandwidth
      - v1/insights/droplet/private_outbound_bandwidth
      - v1/insights/droplet/private_inbound_bandwidth
      - v1/insights/lbaas/avg_cpu_utilization_percent
      - v1/insights/lbaas/connection_utilization_percent
      - v1/insights/lbaas/droplet_health
      - v1/insights/lbaas/tls_connections_per_second_utilization_percent
      - v1/insights/lbaas/increase_in_http_error_rate_percentage_5xx
      - v1/insights/lbaas/increase_in_http_error_rate_percentage_4xx
      - v1/insights/lbaas/increase_in_http_error_rate_count_5xx
      - v1/insights/lbaas/increase_in_http_error_rate_count_4xx
      - v1/insights/lbaas/high_http_request_response_time
      - v1/insights/lbaas/high_http_request_response_time_50p
      - v1/insights/lbaas/high_http_request_response_time_95p
      - v1/insights/lbaas/high_http_request_response_time_99p
      - v1/dbaas/alerts/load_15_alerts
      - v1/dbaas/alerts/memory_utilization_alerts
      - v1/dbaas/alerts/disk_utilization_alerts
      - v1/dbaas/alerts/cpu_alerts
      - v1/droplet/autoscale_alerts/current_instances
      - v1/droplet/autoscale_alerts/target_instances
      - v1/droplet/autoscale_alerts/current_cpu_utilization
      - v1/droplet/autoscale_alerts/target_cpu_utilization
      - v1/droplet/autoscale_alerts/current_memory_utilization
      - v1/droplet/autoscale_alerts/target_memory_utilization
      - v1/droplet/autoscale_alerts/scale_up
      - v1/droplet/autoscale_alerts/scale_down
  compare:
    description: Whether the alert fires above or below O(value). Required to create a policy.
    type: str
    choices: [GreaterThan, LessThan]
  value:
    description: The threshold, in the unit of O(type) (percent, MBps, a load average). Required to create a policy.
    type: float
  window:
    description: How long the value must stay past the threshold before the alert fires. Required to create a policy.
    type: str
    choices: [5m, 10m, 30m, 1h]
  entities:
    description:
      - Ids of the resources the policy watches (droplet ids for the droplet types, load balancer
        ids, database cluster uuids...), compared as a set.
      - With no O(entities) and no O(tags), the policy watches every resource of its type.
        V([]) means none; leaving it unset leaves them alone.
    type: list
    elements: str
  tags:
    description: Tags of the droplets the policy watches, compared as a set.
    type: list
    elements: str
  alerts:
    description:
      - Where the alert goes. Both lists are compared as sets; a list left out means none.
      - Leaving O(alerts) unset leaves the policy's targets alone.
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
  enabled:
    description:
      - Whether the policy is enabled. A new policy is enabled unless this is V(false); leaving it
        unset leaves an existing policy's setting alone.
    type: bool
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Alert when the web droplets' CPU stays above 80 percent for 5 minutes
  fathom.digitalocean.monitoring_alert_policy:
    description: web CPU above 80%
    type: v1/insights/droplet/cpu
    compare: GreaterThan
    value: 80
    window: 5m
    tags: [web]
    alerts:
      email: [ops@example.com]
      slack:
        - channel: "#ops"
          url: "{{ vault_slack_ops_webhook }}"

- name: Raise the threshold
  fathom.digitalocean.monitoring_alert_policy:
    description: web CPU above 80%
    value: 90

- name: Delete it
  fathom.digitalocean.monitoring_alert_policy:
    description: web CPU above 80%
    state: absent
"""

RETURN = r"""
monitoring_alert_policy:
  description: The policy as the API returns it after the task (Slack webhook URLs masked); empty when it is absent.
  returned: always
  type: dict
  sample: {"uuid": "669adfc9-3427-4bf9-9fc8-cc6bde20a5ba", "type": "v1/insights/droplet/cpu",
           "description": "web CPU above 80%", "compare": "GreaterThan", "value": 80.0, "window": "5m",
           "entities": [], "tags": ["web"], "enabled": true,
           "alerts": {"email": ["ops@example.com"], "slack": [{"channel": "#ops", "url": "********"}]}}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource, V(monitoring_alert_policy).
      type: str
    identity:
      description: The options that identify the policy.
      type: dict
    id:
      description: Uuid of the policy, when it existed before the task.
      type: str
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (always C(PUT)).
      type: dict
  sample: {"action": "update", "resource": "monitoring_alert_policy", "identity": {"description": "web CPU above 80%"},
           "id": "669adfc9-3427-4bf9-9fc8-cc6bde20a5ba",
           "changes": {"value": {"before": 80.0, "after": 90.0, "via": "PUT"}}}
diff:
  description: The managed fields before and after, as shown by C(--diff); webhook URLs show as C((sensitive)).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import COMPARISONS
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import POLICY_TYPES
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import WINDOWS
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import (
    MONITORING_ALERT_POLICY, notification_targets_option)


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            uuid=dict(type="str"),
            description=dict(type="str"),
            type=dict(type="str", choices=list(POLICY_TYPES)),
            compare=dict(type="str", choices=list(COMPARISONS)),
            value=dict(type="float"),
            window=dict(type="str", choices=list(WINDOWS)),
            entities=dict(type="list", elements="str"),
            tags=dict(type="list", elements="str"),
            alerts=notification_targets_option(),
            enabled=dict(type="bool"),
        ),
        waits=False,
        required_one_of=[("uuid", "description")],
        secrets=MONITORING_ALERT_POLICY.secrets,
    )
    module.run(MONITORING_ALERT_POLICY)


if __name__ == "__main__":
    main()
