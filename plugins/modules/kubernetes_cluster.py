#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: kubernetes_cluster
short_description: Create, update, upgrade and delete DigitalOcean Kubernetes (DOKS) clusters
version_added: 0.2.0
description:
  - Reconciles one DigitalOcean Kubernetes cluster, found by O(id) or by O(name) and O(region).
  - A new cluster is created with C(POST /v2/kubernetes/clusters) and awaited until its state is
    C(running); a cluster in state C(error) fails the task.
  - O(name) (when found by O(id)), O(tags), O(maintenance_policy), O(auto_upgrade), O(surge_upgrade),
    O(ha), O(control_plane_firewall), O(cluster_autoscaler_configuration) and O(routing_agent) change
    in place with one C(PUT). O(ha) cannot be turned off once on.
  - O(version) changes only through C(POST .../upgrade), to a version C(GET .../upgrades) lists;
    any other version is an error that lists the allowed ones.
  - O(region) and O(vpc_uuid) never change.
  - O(node_pools) is a set keyed by pool name. Pools missing from the cluster are created, pools
    that differ are updated, and with O(purge=true) pools not listed are deleted. The size of an
    existing pool never changes. To manage one pool on its own, use M(fathom.digitalocean.kubernetes_node_pool).
  - DOKS adds the tags V(k8s) and V(k8s:<cluster id>) to the cluster; they are never compared or sent.
  - The kubeconfig is built from C(GET .../credentials) (server, certificate authority and token).
    With O(kubeconfig_path) it is written with mode 0600, atomically (a temporary file in the same
    directory, then a rename), and only when its content changed.
options:
  wait_timeout:
    description:
      - Seconds to wait for asynchronous work before failing the task. A new cluster or an upgrade takes several minutes.
    default: 1800
  state:
    description: Whether the cluster exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id (UUID) of the cluster. When set, the cluster is found by id and O(name) can change.
    type: str
  name:
    description:
      - Name of the cluster, 1 to 63 lower-case letters, digits or V(-), starting with a letter.
      - Together with O(region) it identifies the cluster.
    type: str
  region:
    description: Region slug, for example V(nyc3). Required to create. Cannot change.
    type: str
  version:
    description:
      - Kubernetes version. V(latest), a minor version such as V(1.32), a version such as V(1.32.5)
        or a slug such as V(1.32.5-do.0). At create it is resolved through C(GET /v2/kubernetes/options)
        to the newest matching slug.
      - On an existing cluster, V(latest) asks for nothing; a version the cluster does not satisfy
        upgrades it to the newest matching version C(GET .../upgrades) lists.
    type: str
  vpc_uuid:
    description: VPC of the cluster. Without it the region's default VPC. Cannot change.
    type: str
  tags:
    description: Tags of the cluster (besides those DOKS adds).
    type: list
    elements: str
  node_pools:
    description:
      - The node pools, keyed by name. Required to create (at least one).
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the pool, unique in the cluster.
        type: str
        required: true
      size:
        description: Droplet size slug of the nodes, for example V(s-2vcpu-4gb). Required to create the pool. Cannot change.
        type: str
      count:
        description:
          - Number of nodes. Required to create the pool. With O(node_pools[].auto_scale=true) it is sent
            at create only (the autoscaler owns it later) and must lie between min and max nodes.
        type: int
      auto_scale:
        description: Whether the cluster autoscaler scales the pool between O(node_pools[].min_nodes) and O(node_pools[].max_nodes).
        type: bool
      min_nodes:
        description: Least number of nodes when autoscaled.
        type: int
      max_nodes:
        description: Largest number of nodes when autoscaled.
        type: int
      labels:
        description: Kubernetes labels of the nodes.
        type: dict
      taints:
        description: Kubernetes taints of the nodes.
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
  purge:
    description: Delete the node pools of the cluster that O(node_pools) does not list.
    type: bool
    default: false
  maintenance_policy:
    description: When automatic upgrades and maintenance may run (a 4 hour window).
    type: dict
    suboptions:
      day:
        description: Day of the window.
        type: str
        choices: [any, monday, tuesday, wednesday, thursday, friday, saturday, sunday]
      start_time:
        description: Start of the window, V(HH:MM) in UTC.
        type: str
  auto_upgrade:
    description: Upgrade the cluster to new patch releases in the maintenance window.
    type: bool
  surge_upgrade:
    description: Create new nodes before draining old ones during upgrades.
    type: bool
  ha:
    description: Highly available control plane. Cannot be turned off once on.
    type: bool
  control_plane_firewall:
    description: Which addresses may reach the control plane.
    type: dict
    suboptions:
      enabled:
        description: Whether the firewall is on.
        type: bool
      allowed_addresses:
        description: Addresses and CIDR ranges allowed.
        type: list
        elements: str
  cluster_autoscaler_configuration:
    description: Settings of the cluster autoscaler.
    type: dict
    suboptions:
      scale_down_utilization_threshold:
        description: Utilization under which a node may be removed (0 to 1).
        type: float
      scale_down_unneeded_time:
        description: How long a node must be unneeded before removal, for example V(10m).
        type: str
      expanders:
        description: Expanders, in order.
        type: list
        elements: str
        choices: [random, priority, least_waste]
  routing_agent:
    description: The routing agent (custom routes for pods).
    type: dict
    suboptions:
      enabled:
        description: Whether the routing agent runs.
        type: bool
  registry_enabled:
    description:
      - Whether the account's container registry is integrated with the cluster
        (C(POST)/C(DELETE /v2/kubernetes/registry)). Unset leaves it alone.
    type: bool
  kubeconfig_path:
    description:
      - Where to write the cluster's kubeconfig. Written with mode 0600, atomically, and only when its
        content changed (which makes the task changed). The directory must exist.
      - The API mints a new token on every request. A file that differs only by its token is kept
        while its own token is valid for more than an hour (its expiry is recorded in a comment on the
        first line), so a re-run changes nothing.
    type: path
  return_kubeconfig:
    description: Return the kubeconfig in RV(kubeconfig). It is masked in the output.
    type: bool
    default: false
  expiry_seconds:
    description: Lifetime of the kubeconfig's token in seconds. Default one week (604800); V(0) asks the API for its longest.
    type: int
  destroy_associated_resources:
    description:
      - With O(state=absent), what happens to the load balancers, volumes and volume snapshots the
        cluster created.
      - V(false) (default) deletes the cluster only; they stay and keep being billed.
      - V(true) deletes B(all) of them with the cluster (C(destroy_with_associated_resources/dangerous)).
        B(This cannot be undone.)
      - A dict with the lists C(load_balancers), C(volumes) and C(volume_snapshots) (ids) deletes only
        those (C(destroy_with_associated_resources/selective)).
    type: raw
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Create a cluster with two node pools and write its kubeconfig
  fathom.digitalocean.kubernetes_cluster:
    name: prod
    region: nyc3
    version: "1.32"
    vpc_uuid: "{{ vpc.vpc.id }}"
    tags: [prod]
    maintenance_policy:
      day: sunday
      start_time: "03:00"
    node_pools:
      - name: workers
        size: s-2vcpu-4gb
        count: 3
        labels:
          tier: web
      - name: burst
        size: s-4vcpu-8gb
        count: 1
        auto_scale: true
        min_nodes: 1
        max_nodes: 5
    registry_enabled: true
    kubeconfig_path: "{{ playbook_dir }}/kubeconfig-prod"

- name: Upgrade to the next minor version
  fathom.digitalocean.kubernetes_cluster:
    name: prod
    region: nyc3
    version: "1.33"

- name: Delete the cluster and every load balancer and volume it made (cannot be undone)
  fathom.digitalocean.kubernetes_cluster:
    name: prod
    region: nyc3
    state: absent
    destroy_associated_resources: true
"""

RETURN = r"""
kubernetes_cluster:
  description: The cluster as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "bd5f5959-5e1e-4205-a714-a914373942af", "name": "prod", "region": "nyc3",
           "version": "1.32.5-do.0", "status": {"state": "running"}, "node_pools": []}
kubeconfig:
  description: The kubeconfig (YAML), masked in the output. Only with O(return_kubeconfig=true).
  returned: when requested
  type: str
kubeconfig_changed:
  description: Whether the file at O(kubeconfig_path) was (or in check mode would be) written.
  returned: when O(kubeconfig_path) is set
  type: bool
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import KUBERNETES_CLUSTER


def node_pool_options():
    return dict(
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
    )


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            region=dict(type="str"),
            version=dict(type="str"),
            vpc_uuid=dict(type="str"),
            tags=dict(type="list", elements="str"),
            node_pools=dict(type="list", elements="dict", options=node_pool_options()),
            purge=dict(type="bool", default=False),
            maintenance_policy=dict(type="dict", options=dict(
                day=dict(type="str", choices=["any", "monday", "tuesday", "wednesday", "thursday", "friday",
                                              "saturday", "sunday"]),
                start_time=dict(type="str"),
            )),
            auto_upgrade=dict(type="bool"),
            surge_upgrade=dict(type="bool"),
            ha=dict(type="bool"),
            control_plane_firewall=dict(type="dict", options=dict(
                enabled=dict(type="bool"),
                allowed_addresses=dict(type="list", elements="str"),
            )),
            cluster_autoscaler_configuration=dict(type="dict", options=dict(
                scale_down_utilization_threshold=dict(type="float"),
                scale_down_unneeded_time=dict(type="str"),
                expanders=dict(type="list", elements="str", choices=["random", "priority", "least_waste"]),
            )),
            routing_agent=dict(type="dict", options=dict(enabled=dict(type="bool"))),
            registry_enabled=dict(type="bool"),
            kubeconfig_path=dict(type="path"),
            return_kubeconfig=dict(type="bool", default=False),
            expiry_seconds=dict(type="int"),
            destroy_associated_resources=dict(type="raw", default=False),
        ),
        wait_timeout=1800,
        required_one_of=[("id", "name")],
    )
    module.run(KUBERNETES_CLUSTER)


if __name__ == "__main__":
    main()
