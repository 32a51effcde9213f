#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: tag
short_description: Create and delete DigitalOcean tags
version_added: 0.1.0
description:
  - Makes sure a tag exists or not. Tags cannot be renamed.
  - To tag droplets or volumes, use the O(fathom.digitalocean.droplet#module:tags) and
    O(fathom.digitalocean.volume#module:tags) options of those modules.
options:
  state:
    description: Whether the tag exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description: Name of the tag - letters, digits, V(:), V(-) and V(_), up to 255 characters.
    type: str
    required: true
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Create the production tag
  fathom.digitalocean.tag:
    name: production

- name: Delete it
  fathom.digitalocean.tag:
    name: production
    state: absent
"""

RETURN = r"""
tag:
  description: The tag as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"name": "production", "resources": {"count": 0}}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.tag import TAG


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            name=dict(type="str", required=True),
        ),
        waits=False,
    )
    module.run(TAG)


if __name__ == "__main__":
    main()
