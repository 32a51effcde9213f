#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: kubernetes_node_pool_info
short_description: List the node pools of a DigitalOcean Kubernetes cluster
version_added: 0.2.0
description:
  - Returns the node pools of one cluster, found by O(cluster) (id or name), all of them or the one named O(name),
    with their nodes.
options:
  cluster:
    description: Id or name of the cluster.
    type: str
    required: true
  name:
    description: Only the pool of this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The pools of the prod cluster
  fathom.digitalocean.kubernetes_node_pool_info:
    cluster: prod
  register: pools

- name: The Droplet ids of the workers pool
  ansible.builtin.debug:
    msg: "{{ (pools.kubernetes_node_pools | selectattr('name', 'eq', 'workers') | first).nodes | map(attribute='droplet_id') }}"
"""

RETURN = r"""
kubernetes_node_pools:
  description: The matching node pools, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "cdda885e-7663-40c8-bc74-3a036c66545d", "name": "workers", "size": "s-2vcpu-4gb", "count": 3,
            "nodes": [{"id": "478247f8-b1bb-4f7a-8db9-2a5f8d4b8f8f", "name": "workers-a1b2c", "droplet_id": "300000001"}]}]
cluster:
  description: Id of the cluster.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import KUBERNETES_NODE_POOL


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            cluster=dict(type="str", required=True),
            name=dict(type="str"),
        ),
        waits=False,
    )
    module.run_info(KUBERNETES_NODE_POOL, filters={"name": module.params["name"]})


if __name__ == "__main__":
    main()
