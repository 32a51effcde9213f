#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: project_info
short_description: List DigitalOcean projects
version_added: 0.1.0
description:
  - Lists the account's projects, optionally with the resources assigned to each, and never changes
    anything.
  - The API has no server-side filter for projects; O(name) is matched on the listed projects.
options:
  id:
    description: Id (UUID) of one project to read.
    type: str
  name:
    description: Only the project with this name.
    type: str
  is_default:
    description: V(true) - only the default project (read with one C(GET /v2/projects/default)).
    type: bool
  include_resources:
    description: Add each project's assigned resources (URN, C(assigned_at), C(status)) under C(resources).
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: All projects
  fathom.digitalocean.project_info:
  register: all_projects

- name: The default project and what is in it
  fathom.digitalocean.project_info:
    is_default: true
    include_resources: true
  register: default_project
"""

RETURN = r"""
projects:
  description: The matching projects, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "4e1bfbc3-dc3e-41f2-a18f-1b4d7ba71679", "name": "shop", "purpose": "Web Application",
            "environment": "Production", "is_default": false,
            "resources": [{"urn": "do:droplet:13457723", "assigned_at": "2018-09-28T19:26:37Z",
                           "status": "ok"}]}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.project import PROJECT, with_resources


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            is_default=dict(type="bool"),
            include_resources=dict(type="bool", default=False),
        ),
        waits=False,
        mutually_exclusive=[("id", "is_default")],
    )
    params = module.params
    module.run_info(PROJECT, filters={"name": params["name"]}, query={"is_default": params["is_default"]},
                    expand=with_resources)


if __name__ == "__main__":
    main()
