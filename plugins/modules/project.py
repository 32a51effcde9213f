#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: project
short_description: Create, update and delete DigitalOcean projects
version_added: 0.1.0
description:
  - Reconciles one project, found by O(id) or by O(name), to the declared state.
  - O(description), O(purpose), O(environment) and, when found by O(id), O(name) change in place
    through one C(PATCH). O(is_default=true) makes the project the account's default project.
  - To put resources into a project, use M(fathom.digitalocean.project_resources).
options:
  state:
    description:
      - V(present) - the project exists.
      - V(absent) - the project does not exist. The API refuses to delete a project that still
        has resources (HTTP 412) and the default project, which is reported before any change.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - Id (UUID) of the project. When set, the project is found by id instead of by O(name), and
        a different O(name) renames it.
    type: str
  name:
    description:
      - Name of the project, up to 175 characters. It identifies the project.
      - Two projects with the same name are an error that lists their ids.
    type: str
  description:
    description: Free text, up to 255 characters.
    type: str
  purpose:
    description:
      - What the project is for, up to 255 characters, for example V(Web Application),
        V(Service or API) or V(Operational / Developer tooling). Required to create.
    type: str
  environment:
    description: The environment the project's resources run in.
    type: str
    choices: [Development, Staging, Production]
  is_default:
    description:
      - Whether this is the account's default project, where new resources go when no project is
        named.
      - V(true) makes it the default (the previous default stops being it). V(false) on the
        current default is an error, since a project stops being the default only when another
        one becomes it.
    type: bool
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A production project
  fathom.digitalocean.project:
    name: shop
    purpose: Web Application
    environment: Production
    description: The web shop and its database
  register: shop

- name: Make it the default project
  fathom.digitalocean.project:
    name: shop
    is_default: true

- name: Rename it
  fathom.digitalocean.project:
    id: "{{ shop.project.id }}"
    name: webshop

- name: Delete it (it must be empty)
  fathom.digitalocean.project:
    name: webshop
    state: absent
"""

RETURN = r"""
project:
  description: The project as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "4e1bfbc3-dc3e-41f2-a18f-1b4d7ba71679", "name": "shop", "purpose": "Web Application",
           "environment": "Production", "description": "", "is_default": false,
           "owner_uuid": "99525febec065ca37b2ffe4f852fd2b2581895e7", "owner_id": 258992,
           "created_at": "2018-09-27T20:10:35Z", "updated_at": "2018-09-27T20:10:35Z"}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource, V(project).
      type: str
    identity:
      description: The options that identify the project.
      type: dict
    id:
      description: Id of the project, when it existed before the task.
      type: str
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (how it changes).
      type: dict
  sample: {"action": "update", "resource": "project", "identity": {"name": "shop"},
           "id": "4e1bfbc3-dc3e-41f2-a18f-1b4d7ba71679",
           "changes": {"environment": {"before": "Staging", "after": "Production", "via": "PATCH"}}}
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.project import (
    ENVIRONMENTS,
    PROJECT,
)


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            description=dict(type="str"),
            purpose=dict(type="str"),
            environment=dict(type="str", choices=list(ENVIRONMENTS)),
            is_default=dict(type="bool"),
        ),
        waits=False,
        required_one_of=[("id", "name")],
    )
    module.run(PROJECT)


if __name__ == "__main__":
    main()
