#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: droplet_backup_info
short_description: List the backups of a DigitalOcean droplet, and its backup policy
version_added: 0.1.0
description:
  - Lists the backups of one droplet, found by O(droplet_id) or O(droplet_name), and reads its backup
    policy. Never changes anything.
  - A backup's id is what M(fathom.digitalocean.droplet_action) restores (O(fathom.digitalocean.droplet_action#module:type=restore)).
  - Backups are turned on, and their policy set, with M(fathom.digitalocean.droplet) (O(fathom.digitalocean.droplet#module:backups),
    O(fathom.digitalocean.droplet#module:backup_policy)).
options:
  droplet_id:
    description: Id of the droplet. One of O(droplet_id) and O(droplet_name) is required.
    type: int
  droplet_name:
    description: Name of the droplet. The task fails when no droplet, or more than one, has this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The backups of web-1
  fathom.digitalocean.droplet_backup_info:
    droplet_name: web-1
  register: backups

- name: Restore the latest one
  fathom.digitalocean.droplet_action:
    droplet_id: "{{ backups.droplet_id }}"
    type: restore
    image: "{{ (backups.droplet_backups | sort(attribute='created_at') | last).id }}"
"""

RETURN = r"""
droplet_backups:
  description: The droplet's backups, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": 210000001, "name": "web-1 2024-09-13T20:00:00Z", "type": "backup", "regions": ["nyc3"],
            "created_at": "2024-09-13T20:00:00Z", "min_disk_size": 25, "size_gigabytes": 2.67}]
droplet_id:
  description: Id of the droplet.
  returned: always
  type: int
policy:
  description: The droplet's backup policy (C(GET /v2/droplets/{droplet_id}/backups/policy)).
  returned: always
  type: dict
  sample: {"droplet_id": 3164444, "backup_enabled": true,
           "backup_policy": {"plan": "weekly", "weekday": "SUN", "hour": 20, "window_length_hours": 4,
                             "retention_period_days": 28},
           "next_backup_window": {"start": "2024-09-15T20:00:00Z", "end": "2024-09-16T00:00:00Z"}}
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import DROPLET_BACKUP, with_policy


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            droplet_id=dict(type="int"),
            droplet_name=dict(type="str"),
        ),
        waits=False,
        required_one_of=[("droplet_id", "droplet_name")],
        mutually_exclusive=[("droplet_id", "droplet_name")],
    )
    module.run_info(DROPLET_BACKUP, extras=with_policy)


if __name__ == "__main__":
    main()
