#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: project_resources
short_description: Assign DigitalOcean resources to a project
version_added: 0.1.0
description:
  - Reconciles the resources assigned to one project, given by URN (V(do:droplet:4126873),
    V(do:volume:6fc4c277-ea5c-448a-93cd-dd496cfef71f), V(do:domain:example.com), ...) or by
    kind and id, from which the module builds the URN.
  - Every resource belongs to exactly one project. Assigning a resource moves it out of the project
    it was in; missing ones are assigned with one C(POST /v2/projects/{id}/resources).
  - The API has no way to unassign a resource. With O(purge=true), resources in the project that
    are not listed are moved back to the account's default project; O(state=absent) moves the
    listed resources there. Neither works on the default project itself, which is reported before
    any change.
  - Without O(purge), resources that are in the project but not listed are left alone.
options:
  project:
    description:
      - Name or id (UUID) of the project. V(default), or leaving it unset, means the account's
        default project.
    type: str
  resources:
    description:
      - The resources, each a URN string C(do:<kind>:<id>) or a dict with C(kind) and C(id).
      - C(kind) is one of V(app), V(dbaas), V(domain), V(droplet), V(floatingip), V(kubernetes),
        V(loadbalancer), V(space), V(volume) or V(vpc).
      - Compared as a set with the project's resources.
    type: list
    elements: raw
    required: true
  purge:
    description:
      - Move resources that are in the project but not in O(resources) to the default project, so
        that the project holds exactly O(resources).
    type: bool
    default: false
  state:
    description:
      - V(present) - the resources are in the project.
      - V(absent) - the resources are not in the project; those that are move to the default project.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
notes:
  - The result has C(project_resources), the URNs in the project after the task, and C(project),
    the project itself.
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Put the web droplets and their volume into the shop project
  fathom.digitalocean.project_resources:
    project: shop
    resources:
      - "do:droplet:{{ web1.droplet.id }}"
      - kind: droplet
        id: "{{ web2.droplet.id }}"
      - kind: volume
        id: "{{ data.volume.id }}"
      - do:domain:shop.example.com

- name: The shop project holds exactly these; anything else goes back to the default project
  fathom.digitalocean.project_resources:
    project: shop
    resources: ["do:droplet:{{ web1.droplet.id }}"]
    purge: true

- name: Take a droplet out of the project (back to the default project)
  fathom.digitalocean.project_resources:
    project: shop
    resources: ["do:droplet:{{ web2.droplet.id }}"]
    state: absent
"""

RETURN = r"""
project:
  description: The project, as the API returns it.
  returned: always
  type: dict
  sample: {"id": "4e1bfbc3-dc3e-41f2-a18f-1b4d7ba71679", "name": "shop", "is_default": false}
project_resources:
  description: URNs of the resources in the project after the task (in check mode, as planned), sorted.
  returned: always
  type: list
  elements: str
  sample: ["do:domain:shop.example.com", "do:droplet:4126873"]
added:
  description: URNs assigned to the project by the task.
  returned: always
  type: list
  elements: str
removed:
  description: URNs moved from the project to the default project by the task.
  returned: always
  type: list
  elements: str
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: V(update) or V(none).
      type: str
    resource:
      description: V(project_resources).
      type: str
    identity:
      description: The project as given.
      type: dict
    id:
      description: Id of the project.
      type: str
    changes:
      description: C(resources) with its C(before), C(after) and C(via) (V(assign), V(move_to_default)).
      type: dict
  sample: {"action": "update", "resource": "project_resources", "identity": {"project": "shop"},
           "id": "4e1bfbc3-dc3e-41f2-a18f-1b4d7ba71679",
           "changes": {"resources": {"before": [], "after": ["do:droplet:4126873"], "via": "assign"}}}
diff:
  description: The project's resources before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.project import PROJECT_RESOURCES


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            project=dict(type="str"),
            resources=dict(type="list", elements="raw", required=True),
            purge=dict(type="bool", default=False),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        waits=False,
    )
    module.run(PROJECT_RESOURCES)


if __name__ == "__main__":
    main()
