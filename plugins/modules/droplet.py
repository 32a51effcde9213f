#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: droplet
short_description: Create, update, power and delete DigitalOcean droplets
version_added: 0.1.0
description:
  - Reconciles one droplet, found by O(id) or by O(name) and O(region), to the declared state.
  - Changes what the API allows in place, each change awaited - O(size) through the resize action,
    O(name) through rename, O(backups) and O(ipv6) through their actions, O(backup_policy) through
    change_backup_policy, O(tags) through the tag endpoints, O(volumes) through volume attach and
    detach, and the power state.
  - A change of O(image) rebuilds the droplet from the new image (the rebuild action) when
    O(allow_rebuild=true); without it, it fails with an error naming the field and the option.
  - A change to a field that cannot change in place (O(region), O(vpc_uuid), O(monitoring)) fails
    with an error naming the field; nothing is changed.
  - O(ssh_keys), O(user_data) and O(with_droplet_agent) are used when the droplet is created; the
    API cannot read them back, so later changes to them are not detected.
options:
  state:
    description:
      - V(present) - the droplet exists, whatever its power state.
      - V(active) - the droplet exists and is powered on.
      - V(off) - the droplet exists and is powered off.
      - V(absent) - the droplet does not exist.
    type: str
    choices: [present, active, "off", absent]
    default: present
  id:
    description:
      - Id of the droplet. When set, the droplet is found by id instead of by O(name) and O(region),
        and a different O(name) renames it.
    type: int
  name:
    description:
      - Name of the droplet. Together with O(region) it identifies the droplet.
      - Two droplets with the same name in the same region are an error that lists their ids.
    type: str
  region:
    description: Region slug, for example V(nyc3). Cannot change after creation.
    type: str
  size:
    description:
      - Size slug, for example V(s-1vcpu-1gb). Required to create.
      - A change resizes the droplet, which needs it powered off. That happens only when
        O(allow_resize_power_cycle=true) or O(state=off).
    type: str
  image:
    description:
      - Image slug or id to create the droplet from. Required to create.
      - A different image later rebuilds the droplet, only with O(allow_rebuild=true).
    type: str
  ssh_keys:
    description: SSH key ids or fingerprints to install at creation.
    type: list
    elements: str
  tags:
    description:
      - Tags of the droplet, compared as a set. V([]) removes every tag; leaving it unset leaves the
        tags alone.
    type: list
    elements: str
  vpc_uuid:
    description: VPC to create the droplet in. Cannot change after creation.
    type: str
  backups:
    description: Whether automated backups are enabled. V(false) disables them.
    type: bool
  backup_policy:
    description:
      - When automated backups run. Sent when the droplet is created, and changed through the
        change_backup_policy action (or with enable_backups when backups are turned on by the same task).
      - Setting it implies O(backups=true); with O(backups=false) it is an error.
      - Only the keys set are compared; the API adds the window's length and the retention.
      - Reading the policy of an existing droplet takes one more request, made only when this is set.
    type: dict
    suboptions:
      plan:
        description: Daily backups (kept 7 days) or weekly backups (kept 4 weeks).
        type: str
        required: true
        choices: [daily, weekly]
      weekday:
        description: The day of the weekly backup. Only with O(backup_policy.plan=weekly).
        type: str
        choices: [SUN, MON, TUE, WED, THU, FRI, SAT]
      hour:
        description: The hour (UTC) at which the 4-hour backup window starts.
        type: int
        choices: [0, 4, 8, 12, 16, 20]
  ipv6:
    description: Whether IPv6 is enabled. It cannot be turned off once enabled.
    type: bool
  monitoring:
    description: Whether the monitoring agent is installed at creation. Cannot change later.
    type: bool
  user_data:
    description: Cloud-init user data, used at creation. Never logged.
    type: str
  with_droplet_agent:
    description: Whether to install the droplet agent at creation.
    type: bool
  volumes:
    description:
      - Ids of the block storage volumes attached to the droplet, compared as a set.
      - V([]) detaches every volume; leaving it unset leaves attachments alone.
    type: list
    elements: str
  allow_resize_power_cycle:
    description:
      - Allow powering a running droplet off to resize it, and back on afterwards.
      - Without it, a resize of a running droplet is an error and nothing is changed.
    type: bool
    default: false
  resize_disk:
    description:
      - Grow the disk too when resizing. This is permanent - the droplet can no longer be resized
        to a smaller disk.
    type: bool
    default: false
  allow_rebuild:
    description:
      - Allow a change of O(image) to rebuild the droplet in place from the new image (the rebuild
        action). The droplet keeps its id, addresses and name; its disk is replaced.
      - Without it, a change of O(image) is an error and nothing is changed.
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
- name: Create a droplet and wait until it is active
  fathom.digitalocean.droplet:
    name: web-1
    region: nyc3
    size: s-1vcpu-1gb
    image: ubuntu-24-04-x64
    ssh_keys: ["3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"]
    tags: [web, production]
    state: active
  register: web

- name: Resize it, allowing the power cycle the resize needs
  fathom.digitalocean.droplet:
    name: web-1
    region: nyc3
    size: s-2vcpu-2gb
    allow_resize_power_cycle: true

- name: Weekly backups on Sundays at 20:00 UTC
  fathom.digitalocean.droplet:
    name: web-1
    region: nyc3
    backups: true
    backup_policy:
      plan: weekly
      weekday: SUN
      hour: 20

- name: Rebuild it from a newer image
  fathom.digitalocean.droplet:
    name: web-1
    region: nyc3
    image: ubuntu-24-04-x64
    allow_rebuild: true

- name: Power it off
  fathom.digitalocean.droplet:
    id: "{{ web.droplet.id }}"
    state: off

- name: Delete it
  fathom.digitalocean.droplet:
    name: web-1
    region: nyc3
    state: absent
"""

RETURN = r"""
droplet:
  description: The droplet as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": 3164444, "name": "web-1", "status": "active", "size_slug": "s-1vcpu-1gb",
           "region": {"slug": "nyc3"}, "tags": ["web"], "networks": {"v4": [], "v6": []}}
plan:
  description: What the task did, or in check mode would do.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource, V(droplet).
      type: str
    identity:
      description: The options that identify the droplet.
      type: dict
    id:
      description: Id of the droplet, when it existed before the task.
      type: int
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (how it changes).
      type: dict
  sample: {"action": "update", "resource": "droplet", "identity": {"name": "web-1", "region": "nyc3"},
           "id": 3164444, "changes": {"size": {"before": "s-1vcpu-1gb", "after": "s-2vcpu-2gb",
                                               "via": "action:resize"}}}
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import BACKUP_HOURS, BACKUP_PLANS
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import BACKUP_WEEKDAYS, DROPLET


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "active", "off", "absent"]),
            id=dict(type="int"),
            name=dict(type="str"),
            region=dict(type="str"),
            size=dict(type="str"),
            image=dict(type="str"),
            ssh_keys=dict(type="list", elements="str", no_log=False),
            tags=dict(type="list", elements="str"),
            vpc_uuid=dict(type="str"),
            backups=dict(type="bool"),
            backup_policy=dict(type="dict", options=dict(
                plan=dict(type="str", required=True, choices=list(BACKUP_PLANS)),
                weekday=dict(type="str", choices=list(BACKUP_WEEKDAYS)),
                hour=dict(type="int", choices=list(BACKUP_HOURS)),
            )),
            ipv6=dict(type="bool"),
            monitoring=dict(type="bool"),
            user_data=dict(type="str", no_log=True),
            with_droplet_agent=dict(type="bool"),
            volumes=dict(type="list", elements="str"),
            allow_resize_power_cycle=dict(type="bool", default=False),
            resize_disk=dict(type="bool", default=False),
            allow_rebuild=dict(type="bool", default=False),
        ),
        required_one_of=[("id", "name")],
    )
    module.run(DROPLET)


if __name__ == "__main__":
    main()
