#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: monitoring_alert_policy_info
short_description: List DigitalOcean monitoring alert policies
version_added: 0.1.0
description:
  - Lists monitoring alert policies and never changes anything.
  - The API has no filters for policies, so O(description), O(type) and O(enabled) are matched on
    the listed policies.
  - Slack webhook URLs in the result are masked by Ansible's C(no_log) handling, unless the task
    runs with C(no_log) set to true, which hides the whole result from the output instead.
options:
  uuid:
    description: Uuid of one policy to read.
    type: str
  description:
    description: Only the policies with this description.
    type: str
  type:
    description: Only the policies of this type, for example V(v1/insights/droplet/cpu).
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
  enabled:
    description: Only the enabled (V(true)) or the disabled (V(false)) policies.
    type: bool
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The disabled policies
  fathom.digitalocean.monitoring_alert_policy_info:
    enabled: false
  register: disabled

- name: Their descriptions
  ansible.builtin.debug:
    msg: "{{ disabled.monitoring_alert_policies | map(attribute='description') }}"
"""

RETURN = r"""
monitoring_alert_policies:
  description: The matching policies, as the API returns them (Slack webhook URLs masked).
  returned: always
  type: list
  elements: dict
  sample: [{"uuid": "669adfc9-3427-4bf9-9fc8-cc6bde20a5ba", "type": "v1/insights/droplet/cpu",
            "description": "web CPU above 80%", "compare": "GreaterThan", "value": 80.0, "window": "5m",
            "entities": [], "tags": ["web"], "enabled": true, "alerts": {"email": ["ops@example.com"], "slack": []}}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import (
    MONITORING_ALERT_POLICY, POLICY_TYPES, masked_items)


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            uuid=dict(type="str"),
            description=dict(type="str"),
            type=dict(type="str", choices=list(POLICY_TYPES)),
            enabled=dict(type="bool"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(MONITORING_ALERT_POLICY, filters={field: params[field] for field in ("description", "type", "enabled")},
                    expand=masked_items("alerts"))


if __name__ == "__main__":
    main()
