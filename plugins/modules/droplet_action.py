#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: droplet_action
short_description: Run one action on a DigitalOcean droplet - reboot, snapshot, resize, rebuild...
version_added: 0.1.0
description:
  - Starts one action on a droplet, found by O(droplet_id) or O(droplet_name), through
    C(POST /v2/droplets/{id}/actions), and waits until it completed.
  - "B(Not idempotent): an action is a request to act, not a state. Every run starts a new action and
    reports C(changed). Use M(fathom.digitalocean.droplet) to declare a state (the size, the power
    state, backups, the image) that a second run leaves alone."
  - In check mode the task reports the action it would start (C(plan.action) is C(create)) and sends
    nothing. An action on a droplet that an earlier task only planned is planned too, with a warning.
  - A V(snapshot) action is awaited, then the new snapshot is returned under C(snapshot).
  - An action that ends C(errored) fails the task with the action's id and type.
options:
  droplet_id:
    description: Id of the droplet. One of O(droplet_id) and O(droplet_name) is required.
    type: int
  droplet_name:
    description: Name of the droplet. The task fails when no droplet, or more than one, has this name.
    type: str
  type:
    description:
      - The action. V(power_cycle), V(reboot), V(shutdown), V(power_off), V(power_on),
        V(password_reset) (the new root password is mailed), V(enable_ipv6), V(enable_backups) and
        V(disable_backups) take no other option.
      - V(snapshot) needs O(name). V(rename) needs O(name). V(resize) needs O(size) and takes O(disk);
        the droplet must be off. V(rebuild) needs O(image) and replaces the droplet's disk.
        V(restore) needs O(image), the id of one of the droplet's backups or snapshots.
        V(change_kernel) needs O(kernel). V(change_backup_policy) needs O(backup_policy), which
        V(enable_backups) takes too.
    type: str
    required: true
    choices: [power_cycle, reboot, shutdown, power_off, power_on, password_reset, enable_ipv6, enable_backups,
              disable_backups, change_backup_policy, snapshot, resize, rebuild, restore, rename, change_kernel]
  name:
    description: The snapshot's name (V(snapshot)), or the droplet's new name (V(rename)).
    type: str
  size:
    description: The size slug to resize to (V(resize)).
    type: str
  disk:
    description:
      - Grow the disk too (V(resize)). This is permanent - the droplet can no longer be resized to a
        smaller disk.
    type: bool
  image:
    description:
      - The image slug or id to rebuild from (V(rebuild)), or the id of the backup or snapshot to
        restore (V(restore)).
    type: str
  kernel:
    description: The kernel id (V(change_kernel)).
    type: int
  backup_policy:
    description: The backup policy (V(change_backup_policy), V(enable_backups)).
    type: dict
    suboptions:
      plan:
        description: Daily or weekly backups.
        type: str
        required: true
        choices: [daily, weekly]
      weekday:
        description: The day of the weekly backup.
        type: str
        choices: [SUN, MON, TUE, WED, THU, FRI, SAT]
      hour:
        description: The hour (UTC) the backup window starts.
        type: int
        choices: [0, 4, 8, 12, 16, 20]
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
attributes:
  check_mode:
    support: full
    description: Reports the action a real run would start, and sends nothing.
  diff_mode:
    support: full
    description: Shows the action a run starts.
notes:
  - The result holds the action under C(droplet_action), C(droplet_id), C(plan) and C(diff), like
    every module of the collection.
"""

EXAMPLES = r"""
- name: Snapshot web-1 before the upgrade, and wait for it
  fathom.digitalocean.droplet_action:
    droplet_name: web-1
    type: snapshot
    name: web-1-before-upgrade
  register: before_upgrade

- name: Reboot it
  fathom.digitalocean.droplet_action:
    droplet_id: "{{ before_upgrade.droplet_id }}"
    type: reboot

- name: Rebuild it from the snapshot
  fathom.digitalocean.droplet_action:
    droplet_id: "{{ before_upgrade.droplet_id }}"
    type: rebuild
    image: "{{ before_upgrade.snapshot.id }}"

- name: Weekly backups on Sundays at 20:00 UTC
  fathom.digitalocean.droplet_action:
    droplet_name: web-1
    type: change_backup_policy
    backup_policy:
      plan: weekly
      weekday: SUN
      hour: 20
"""

RETURN = r"""
droplet_action:
  description:
    - The action as the API returns it once it completed (or as it started, with O(wait=false)).
    - In check mode, the action the run would start, its id C((known after apply)).
  returned: always
  type: dict
  sample: {"id": 36804636, "status": "completed", "type": "reboot", "started_at": "2024-11-14T16:29:21Z",
           "completed_at": "2024-11-14T16:30:06Z", "resource_id": 3164444, "resource_type": "droplet",
           "region_slug": "nyc3"}
droplet_id:
  description: Id of the droplet.
  returned: always
  type: int
snapshot:
  description: The new snapshot, as C(GET /v2/droplets/{droplet_id}/snapshots) lists it.
  returned: after a V(snapshot) action that completed
  type: dict
  sample: {"id": 210000001, "name": "web-1-before-upgrade", "regions": ["nyc3"], "min_disk_size": 25,
           "size_gigabytes": 2.67, "created_at": "2024-11-14T16:30:06Z", "type": "snapshot"}
plan:
  description: What the task did, or in check mode would do - always a V(create) of a new action.
  returned: always
  type: dict
  contains:
    action:
      description: Always V(create).
      type: str
    resource:
      description: V(droplet_action).
      type: str
    identity:
      description: The droplet option the task gave.
      type: dict
    id:
      description: Always null (an action never exists before the task).
      type: raw
    changes:
      description: The action's options, each with C(before) (null), C(after) and C(via) (C(create)).
      type: dict
  sample: {"action": "create", "resource": "droplet_action", "identity": {"droplet_name": "web-1"}, "id": null,
           "changes": {"droplet_name": {"before": null, "after": "web-1", "via": "create"},
                       "type": {"before": null, "after": "reboot", "via": "create"}}}
diff:
  description: The action's options before (none) and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import BACKUP_HOURS, BACKUP_PLANS
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import BACKUP_WEEKDAYS
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet_action import ACTION_TYPES
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet_action import DROPLET_ACTION


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            droplet_id=dict(type="int"),
            droplet_name=dict(type="str"),
            type=dict(type="str", required=True, choices=list(ACTION_TYPES)),
            name=dict(type="str"),
            size=dict(type="str"),
            disk=dict(type="bool"),
            image=dict(type="str"),
            kernel=dict(type="int"),
            backup_policy=dict(type="dict", options=dict(
                plan=dict(type="str", required=True, choices=list(BACKUP_PLANS)),
                weekday=dict(type="str", choices=list(BACKUP_WEEKDAYS)),
                hour=dict(type="int", choices=list(BACKUP_HOURS)),
            )),
        ),
        required_one_of=[("droplet_id", "droplet_name")],
        mutually_exclusive=[("droplet_id", "droplet_name")],
    )
    module.run(DROPLET_ACTION)


if __name__ == "__main__":
    main()
