#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_logsink
short_description: Forward the logs of a DigitalOcean database cluster to rsyslog, Elasticsearch or OpenSearch
version_added: 0.2.0
description:
  - Makes sure a log sink of a managed database cluster exists, or not. It is found by O(id), or by O(name)
    within the cluster (more than one sink of that name is an error listing their ids).
  - O(config) is replaced with one C(PUT) when a key given in it differs; keys the task does not give are not
    compared. O(sink_type) cannot change.
  - O(config) is checked before any request for the keys its type requires and takes.
  - Secrets in O(config), the password in an Elasticsearch or OpenSearch C(url)
    (C(https://user:password@host)) and an rsyslog client C(key), are masked everywhere in the output,
    also at C(-vvv); the plan and C(--diff) show them as C((sensitive)).
options:
  state:
    description: Whether the sink exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the sink (C(sink_id)). When set, the sink is found by id.
    type: str
  name:
    description: Name of the sink. Identifies the sink when O(id) is unset; required to create.
    type: str
  sink_type:
    description: Where the logs go. Required to create; cannot change.
    type: str
    choices: [rsyslog, elasticsearch, opensearch]
  config:
    description:
      - Settings of the sink. Required to create, with every key its type requires.
      - V(rsyslog) requires C(server), C(port), C(tls) and C(format) (V(rfc5424), V(rfc3164) or V(custom)),
        and takes C(logline), C(sd), C(ca), C(key) and C(cert).
      - V(elasticsearch) and V(opensearch) require C(url) and C(index_prefix), and take C(index_days_max)
        (1 to 10000), C(timeout) (10 to 120 seconds) and C(ca).
    type: dict
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Send the cluster's logs to OpenSearch
  fathom.digitalocean.database_logsink:
    cluster_name: backend
    name: logs
    sink_type: opensearch
    config:
      url: "https://logger:{{ vault_opensearch_password }}@search.example.com:25060"
      index_prefix: backend
      index_days_max: 14

- name: And to a syslog server over TLS
  fathom.digitalocean.database_logsink:
    cluster_name: backend
    name: syslog
    sink_type: rsyslog
    config:
      server: logs.example.com
      port: 6514
      tls: true
      format: rfc5424

- name: Stop forwarding to syslog
  fathom.digitalocean.database_logsink:
    cluster_name: backend
    name: syslog
    state: absent
"""

RETURN = r"""
database_logsink:
  description: The sink as the API returns it (secrets masked); empty when it is absent.
  returned: always
  type: dict
  sample: {"sink_id": "dfcc9f57d86bf58e321c2c6c31c7a971be244ac7", "sink_name": "logs", "sink_type": "opensearch",
           "config": {"url": "https://logger:********@search.example.com:25060", "index_prefix": "backend",
                      "index_days_max": 14}}
cluster_id:
  description: Id of the cluster.
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    cluster_argument_spec,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_logsink import (
    DATABASE_LOGSINK,
    SINK_TYPES,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        id=dict(type="str"),
        name=dict(type="str"),
        sink_type=dict(type="str", choices=list(SINK_TYPES)),
        config=dict(type="dict"),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, secrets=DATABASE_LOGSINK.secrets,
                                required_one_of=CLUSTER_CHOICE["required_one_of"] + [("id", "name")],
                                mutually_exclusive=CLUSTER_CHOICE["mutually_exclusive"])
    module.run(DATABASE_LOGSINK)


if __name__ == "__main__":
    main()
