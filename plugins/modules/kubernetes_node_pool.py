#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: kubernetes_node_pool
short_description: Create, update and delete one node pool of a DigitalOcean Kubernetes cluster
version_added: 0.2.0
description:
  - Reconciles one node pool, found by O(cluster) (id or name) and O(name).
  - O(count), O(auto_scale), O(min_nodes), O(max_nodes), O(labels), O(taints) and O(tags) change in
    place with one C(PUT). O(size) never changes (create a pool of the new size instead).
  - With O(auto_scale=true) the autoscaler owns the node count, so O(count) is compared only when
    the pool is not autoscaled.
  - O(nodes_to_replace) is an explicit action, not a state. Each listed node, by name or id, is
    deleted and replaced by a new one (C(DELETE .../nodes/{id}?replace=1)), every time the task runs
    with it. This is how nodes are recycled; the API reference marks the older C(POST .../recycle)
    endpoint as deprecated, so the module does not use it.
  - Pools given inline to M(fathom.digitalocean.kubernetes_cluster) are the same objects; manage
    each pool with one module only.
options:
  state:
    description: Whether the node pool exists.
    type: str
    choices: [present, absent]
    default: present
  cluster:
    description: Id or name of the cluster.
    type: str
    required: true
  name:
    description: Name of the pool, unique in the cluster (lower-case letters, digits and V(-)).
    type: str
    required: true
  size:
    description: Droplet size slug of the nodes. Required to create. Cannot change.
    type: str
  count:
    description: Number of nodes. Required to create. With O(auto_scale=true) it must lie between O(min_nodes) and O(max_nodes).
    type: int
  auto_scale:
    description: Whether the cluster autoscaler scales the pool.
    type: bool
  min_nodes:
    description: Least number of nodes when autoscaled.
    type: int
  max_nodes:
    description: Largest number of nodes when autoscaled.
    type: int
  labels:
    description: Kubernetes labels of the nodes. V({}) removes them all.
    type: dict
  taints:
    description: Kubernetes taints of the nodes. V([]) removes them all.
    type: list
    elements: dict
    suboptions:
      key:
        description: Taint key.
        type: str
        required: true
      value:
        description: Taint value.
        type: str
      effect:
        description: Taint effect.
        type: str
        required: true
        choices: [NoSchedule, PreferNoSchedule, NoExecute]
  tags:
    description: Tags of the pool's Droplets (besides those DOKS adds).
    type: list
    elements: str
  nodes_to_replace:
    description: Names or ids of nodes to replace by new ones. An action, carried out each time the task runs.
    type: list
    elements: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: An autoscaled pool for batch jobs
  fathom.digitalocean.kubernetes_node_pool:
    cluster: prod
    name: batch
    size: s-4vcpu-8gb
    count: 1
    auto_scale: true
    min_nodes: 1
    max_nodes: 10
    labels:
      workload: batch
    taints:
      - key: workload
        value: batch
        effect: NoSchedule

- name: Replace a node that misbehaves
  fathom.digitalocean.kubernetes_node_pool:
    cluster: prod
    name: workers
    nodes_to_replace: [workers-a1b2c]

- name: Remove the pool
  fathom.digitalocean.kubernetes_node_pool:
    cluster: prod
    name: batch
    state: absent
"""

RETURN = r"""
kubernetes_node_pool:
  description: The node pool as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "cdda885e-7663-40c8-bc74-3a036c66545d", "name": "workers", "size": "s-2vcpu-4gb",
           "count": 3, "auto_scale": false, "labels": {"tier": "web"}, "taints": [], "nodes": []}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import KUBERNETES_NODE_POOL


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            cluster=dict(type="str", required=True),
            name=dict(type="str", required=True),
            size=dict(type="str"),
            count=dict(type="int"),
            auto_scale=dict(type="bool"),
            min_nodes=dict(type="int"),
            max_nodes=dict(type="int"),
            labels=dict(type="dict"),
            taints=dict(type="list", elements="dict", options=dict(
                key=dict(type="str", required=True, no_log=False),
                value=dict(type="str"),
                effect=dict(type="str", required=True, choices=["NoSchedule", "PreferNoSchedule", "NoExecute"]),
            )),
            tags=dict(type="list", elements="str"),
            nodes_to_replace=dict(type="list", elements="str"),
        ),
        waits=False,
    )
    module.run(KUBERNETES_NODE_POOL)


if __name__ == "__main__":
    main()
