#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_firewall
short_description: Set the trusted sources (firewall rules) of a DigitalOcean managed database cluster
version_added: 0.1.0
description:
  - Reconciles the trusted sources of one managed database cluster as a set.
  - O(rules) is the complete list. A rule the cluster has but O(rules) does not list is drift and
    is removed; V([]) removes every rule, which opens the cluster to every source that has its
    credentials.
  - The whole set is replaced with one PUT; rules that stay keep their ids.
  - The plan and the diff show the rule set before and after.
options:
  rules:
    description: The trusted sources of the cluster.
    type: list
    elements: dict
    required: true
    suboptions:
      type:
        description:
          - What V(value) names. V(ip_addr) an IP address or CIDR range, V(droplet) a droplet id,
            V(k8s) a Kubernetes cluster id, V(tag) a tag (droplets and nodes carrying it), V(app)
            an App Platform app id.
        type: str
        required: true
        choices: [ip_addr, droplet, k8s, tag, app]
      value:
        description: The source.
        type: str
        required: true
  purge:
    description:
      - Needed, with O(rules=[]), to remove every trusted source, after which the cluster accepts
        connections from any address. A non-empty O(rules) is always the exact set.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Only the web droplets and the office may connect
  fathom.digitalocean.database_firewall:
    cluster_name: backend
    rules:
      - type: tag
        value: web
      - type: ip_addr
        value: 203.0.113.0/24
"""

RETURN = r"""
database_firewall:
  description: The cluster id and its rules as the API returns them after the task.
  returned: always
  type: dict
  sample: {"cluster_id": "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30",
           "rules": [{"uuid": "adfe81a8-0fa1-4e2d-973f-06aa5af19b44", "type": "tag", "value": "web",
                      "cluster_uuid": "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30", "created_at": "2019-11-14T20:30:28Z"}]}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: V(update) or V(none).
      type: str
    resource:
      description: The kind of resource.
      type: str
    identity:
      description: The options that identify the cluster.
      type: dict
    id:
      description: Id of the cluster.
      type: raw
    changes:
      description: C(rules) with its C(before) and C(after) rule sets and C(via).
      type: dict
diff:
  description: The rule set before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    DATABASE_FIREWALL,
    RULE_TYPES,
    cluster_argument_spec,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(
        rules=dict(type="list", elements="dict", required=True, options=dict(
            type=dict(type="str", required=True, choices=list(RULE_TYPES)),
            value=dict(type="str", required=True),
        )),
        purge=dict(type="bool", default=False),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run(DATABASE_FIREWALL)


if __name__ == "__main__":
    main()
