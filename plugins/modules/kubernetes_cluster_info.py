#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: kubernetes_cluster_info
short_description: List DigitalOcean Kubernetes clusters, their upgrades and the Kubernetes options
version_added: 0.2.0
description:
  - Returns the account's Kubernetes clusters, all of them or those matching O(id), O(name) and O(region).
  - With O(upgrades=true) each cluster also holds C(upgrades), the versions C(GET .../upgrades) lists;
    with O(status_messages=true), C(status_messages).
  - With O(options=true) the result also holds RV(options), the versions, regions and sizes
    DigitalOcean Kubernetes offers (C(GET /v2/kubernetes/options)).
options:
  id:
    description: Id of one cluster.
    type: str
  name:
    description: Only the cluster of this name.
    type: str
  region:
    description: Only the clusters of this region.
    type: str
  upgrades:
    description: Add each cluster's available upgrades (one request per cluster).
    type: bool
    default: false
  status_messages:
    description: Add each cluster's status messages (one request per cluster).
    type: bool
    default: false
  options:
    description: Also return the versions, regions and sizes DigitalOcean Kubernetes offers.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The cluster with its available upgrades
  fathom.digitalocean.kubernetes_cluster_info:
    name: prod
    region: nyc3
    upgrades: true
  register: prod

- name: The versions DigitalOcean Kubernetes offers
  fathom.digitalocean.kubernetes_cluster_info:
    options: true
  register: doks

- name: Show the newest version
  ansible.builtin.debug:
    msg: "{{ doks.options.versions[0].slug }}"
"""

RETURN = r"""
kubernetes_clusters:
  description: The matching clusters, as the API returns them (plus C(upgrades) and C(status_messages) when asked).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "bd5f5959-5e1e-4205-a714-a914373942af", "name": "prod", "region": "nyc3",
            "version": "1.32.5-do.0", "status": {"state": "running"},
            "upgrades": [{"slug": "1.33.1-do.0", "kubernetes_version": "1.33.1"}]}]
options:
  description: The versions, regions and sizes DigitalOcean Kubernetes offers.
  returned: when O(options=true)
  type: dict
  sample: {"versions": [{"slug": "1.33.1-do.0", "kubernetes_version": "1.33.1"}],
           "regions": [{"slug": "nyc3", "name": "New York 3"}], "sizes": [{"slug": "s-2vcpu-4gb", "name": "s-2vcpu-4gb"}]}
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import KUBERNETES_CLUSTER
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import info_expand, info_extras


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            region=dict(type="str"),
            upgrades=dict(type="bool", default=False),
            status_messages=dict(type="bool", default=False),
            options=dict(type="bool", default=False),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(KUBERNETES_CLUSTER, filters={"name": params["name"], "region": params["region"]},
                    expand=info_expand, extras=info_extras)


if __name__ == "__main__":
    main()
