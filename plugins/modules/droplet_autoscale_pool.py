#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: droplet_autoscale_pool
short_description: Create, update and delete DigitalOcean Droplet autoscale pools
version_added: 0.2.0
description:
  - Reconciles one Droplet autoscale pool, found by O(id) or by O(name), to the declared state.
  - A create or an update is awaited until the pool is active and its members
    (C(GET /v2/droplets/autoscale/{id}/members)) are active and as many as O(config) asks - the fixed
    target, or between the minimum and the maximum.
  - O(config) and O(droplet_template) change with one C(PUT), which the API wants whole. The request
    carries every field the pool has, with the task's values over them, so an update never resets what
    the task leaves unset. They compare on the sub-options the task sets.
  - The name and O(droplet_template.region) never change; a different value is an error.
  - O(droplet_template.user_data) is masked in the output and shown as C((sensitive)) in plans and diffs.
options:
  wait_timeout:
    description:
      - Seconds to wait for asynchronous work before failing the task. The pool's Droplets boot one after
        another, which can take several minutes.
    default: 1200
  state:
    description:
      - Whether the pool exists.
      - V(absent) deletes the pool and leaves its Droplets running, unless O(delete_droplets=true).
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the pool. When set, the pool is found by id.
    type: str
  name:
    description: Name of the pool; it identifies the pool and cannot change.
    type: str
  config:
    description:
      - How the pool scales - either a fixed O(config.target_number_instances), or O(config.min_instances)
        and O(config.max_instances) with O(config.target_cpu_utilization) and/or
        O(config.target_memory_utilization). Required to create.
      - Switching between a fixed size and scaling by utilization replaces the whole config.
    type: dict
    suboptions:
      target_number_instances:
        description: Fixed number of Droplets, 1 to 1000.
        type: int
      min_instances:
        description: Fewest Droplets when scaling by utilization, 1 to 500.
        type: int
      max_instances:
        description: Most Droplets when scaling by utilization, 1 to 1000.
        type: int
      target_cpu_utilization:
        description: Average CPU use the pool scales towards, V(0.05) to V(1).
        type: float
      target_memory_utilization:
        description: Average memory use the pool scales towards, V(0.05) to V(1).
        type: float
      cooldown_minutes:
        description: Minutes between two scaling events, 5 to 20 (the API's default is 10).
        type: int
  droplet_template:
    description:
      - What the pool's Droplets are created from. Required to create, with O(droplet_template.region),
        O(droplet_template.size) and O(droplet_template.image).
      - A change applies to the Droplets the pool creates afterwards.
    type: dict
    suboptions:
      name:
        description: Name prefix of the pool's Droplets (default - the pool's name).
        type: str
      region:
        description: Region slug of the Droplets. Cannot change.
        type: str
      size:
        description: Size slug of the Droplets.
        type: str
      image:
        description: Image slug or id of the Droplets.
        type: str
      ssh_keys:
        description: SSH key ids or fingerprints, as a set.
        type: list
        elements: str
      tags:
        description: Tags of the Droplets, compared without regard to case.
        type: list
        elements: str
      vpc:
        description: Id or name of the VPC the Droplets join, in their region.
        type: str
      user_data:
        description: Cloud-init user data. A secret - masked in the output.
        type: str
      ipv6:
        description: Whether the Droplets get IPv6.
        type: bool
      with_droplet_agent:
        description: Whether the Droplets run the agent that reports metrics (needed to scale by utilization).
        type: bool
      project_id:
        description: Id of the project the Droplets are placed in.
        type: str
      public_networking:
        description: Whether the Droplets get public addresses (the API's default is V(true)).
        type: bool
  delete_droplets:
    description:
      - With O(state=absent), V(true) B(destroys every Droplet of the pool together with it), through the
        API's "dangerous" endpoint (C(DELETE .../dangerous) with C(X-Dangerous) set). This cannot be undone.
      - The default, V(false), deletes only the pool; its Droplets keep running (and billing).
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Web servers that scale between 2 and 6 Droplets on CPU
  fathom.digitalocean.droplet_autoscale_pool:
    name: web
    config:
      min_instances: 2
      max_instances: 6
      target_cpu_utilization: 0.6
      cooldown_minutes: 10
    droplet_template:
      region: nyc3
      size: s-1vcpu-2gb
      image: ubuntu-24-04-x64
      ssh_keys: ["{{ deploy_key.ssh_key.id }}"]
      tags: [web]
      vpc: web-nyc3
      with_droplet_agent: true
      user_data: "{{ lookup('ansible.builtin.file', 'cloud-init.yml') }}"

- name: Pin the pool to four Droplets for the launch
  fathom.digitalocean.droplet_autoscale_pool:
    name: web
    config:
      target_number_instances: 4

- name: Delete the pool AND DESTROY ITS DROPLETS
  fathom.digitalocean.droplet_autoscale_pool:
    name: web
    state: absent
    delete_droplets: true
"""

RETURN = r"""
droplet_autoscale_pool:
  description: The pool as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "0d3db13e-a604-4944-9827-7ec2642d32ac", "name": "web", "status": "active",
           "config": {"min_instances": 2, "max_instances": 6, "target_cpu_utilization": 0.6, "cooldown_minutes": 10},
           "droplet_template": {"region": "nyc3", "size": "s-1vcpu-2gb", "image": "ubuntu-24-04-x64",
                                "ssh_keys": ["3b:16:e4:bf:8b:00:8b:b8:59:8c:a9:d3:f0:19:fa:45"], "tags": ["web"],
                                "user_data": "(masked)", "with_droplet_agent": true},
           "active_resources_count": 2, "current_utilization": {"cpu": 0.2, "memory": 0.3}}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet_autoscale_pool import (
    DROPLET_AUTOSCALE_POOL, template_secrets)


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            config=dict(type="dict", options=dict(
                target_number_instances=dict(type="int"),
                min_instances=dict(type="int"),
                max_instances=dict(type="int"),
                target_cpu_utilization=dict(type="float"),
                target_memory_utilization=dict(type="float"),
                cooldown_minutes=dict(type="int"),
            )),
            droplet_template=dict(type="dict", options=dict(
                name=dict(type="str"),
                region=dict(type="str"),
                size=dict(type="str"),
                image=dict(type="str"),
                ssh_keys=dict(type="list", elements="str", no_log=False),
                tags=dict(type="list", elements="str"),
                vpc=dict(type="str"),
                user_data=dict(type="str", no_log=True),
                ipv6=dict(type="bool"),
                with_droplet_agent=dict(type="bool"),
                project_id=dict(type="str"),
                public_networking=dict(type="bool"),
            )),
            delete_droplets=dict(type="bool", default=False),
        ),
        required_one_of=[("id", "name")],
        secrets=template_secrets,
        wait_timeout=1200,
    )
    module.run(DROPLET_AUTOSCALE_POOL)


if __name__ == "__main__":
    main()
