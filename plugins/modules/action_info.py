#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: action_info
short_description: Read one DigitalOcean action, or the account's recent actions
version_added: 0.1.0
description:
  - Reads one action by O(id), or lists the account's actions, newest first, and never changes anything.
  - The account's actions are its whole history. With O(limit), only the newest O(limit) are read,
    which takes a page or two of the list however long the history is.
  - The API has no filters for actions, so O(resource_type), O(type) and O(status) are matched on
    the actions read.
options:
  id:
    description: Id of one action to read.
    type: int
  limit:
    description: How many of the newest actions to read. Without it, every action is read.
    type: int
  resource_type:
    description: Only the actions on this kind of resource, for example V(droplet) or V(volume).
    type: str
  type:
    description: Only the actions of this type, for example V(snapshot) or V(power_off).
    type: str
  status:
    description: Only the actions with this status.
    type: str
    choices: [in-progress, completed, errored]
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The 20 newest actions
  fathom.digitalocean.action_info:
    limit: 20
  register: recent

- name: Those that failed
  ansible.builtin.debug:
    msg: "{{ recent.actions | selectattr('status', 'eq', 'errored') | list }}"

- name: One action
  fathom.digitalocean.action_info:
    id: 36804636
"""

RETURN = r"""
actions:
  description: The matching actions, newest first, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": 36804636, "status": "completed", "type": "create", "started_at": "2020-11-14T16:29:21Z",
            "completed_at": "2020-11-14T16:30:06Z", "resource_id": 3164444, "resource_type": "droplet",
            "region_slug": "nyc3"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.account import ACTION


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="int"),
            limit=dict(type="int"),
            resource_type=dict(type="str"),
            type=dict(type="str"),
            status=dict(type="str", choices=["in-progress", "completed", "errored"]),
        ),
        waits=False,
        mutually_exclusive=[("id", "limit")],
    )
    params = module.params
    module.run_info(ACTION, filters={field: params[field] for field in ("resource_type", "type", "status")})


if __name__ == "__main__":
    main()
