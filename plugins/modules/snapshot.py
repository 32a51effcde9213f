#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: snapshot
short_description: Take and delete snapshots of DigitalOcean droplets and volumes
version_added: 0.1.0
description:
  - Makes sure a snapshot named O(name) of one droplet or volume exists, or does not. The name and
    the resource identify the snapshot.
  - A droplet snapshot is taken with the droplet's C(snapshot) action, which is awaited; the new
    image is then found by its name. A volume snapshot is taken with
    C(POST /v2/volumes/{id}/snapshots).
  - O(tags) change in place through the tag endpoints. The name and the resource cannot change.
options:
  state:
    description: Whether the snapshot exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the snapshot. When set, it is found by id instead of by name and resource.
    type: str
  name:
    description: Name of the snapshot.
    type: str
  resource_type:
    description: Whether the snapshot is of a droplet or of a volume.
    type: str
    choices: [droplet, volume]
  resource_id:
    description: Id of the droplet or volume the snapshot is (or is to be) taken of.
    type: str
  tags:
    description:
      - Tags of the snapshot, compared as a set. V([]) removes every tag; leaving it unset leaves
        the tags alone.
    type: list
    elements: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
notes:
  - With O(wait=false) a droplet snapshot is not looked up after its action starts; C(snapshot)
    then holds the name, the resource and the C(action).
  - Snapshots survive the droplet or volume they were taken of, and are still found by name and
    resource then.
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Snapshot a droplet before an upgrade
  fathom.digitalocean.snapshot:
    name: web-1-before-upgrade
    resource_type: droplet
    resource_id: "{{ web.droplet.id }}"
    tags: [pre-upgrade]

- name: Snapshot a volume
  fathom.digitalocean.snapshot:
    name: data-nightly
    resource_type: volume
    resource_id: "{{ data.volume.id }}"

- name: Delete the droplet snapshot
  fathom.digitalocean.snapshot:
    name: web-1-before-upgrade
    resource_type: droplet
    resource_id: "{{ web.droplet.id }}"
    state: absent
"""

RETURN = r"""
snapshot:
  description: The snapshot as C(GET /v2/snapshots) returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "6372321", "name": "web-1-before-upgrade", "resource_type": "droplet",
           "resource_id": "200776916", "regions": ["nyc3"], "min_disk_size": 25,
           "size_gigabytes": 2.34, "created_at": "2020-07-28T16:47:44Z", "tags": ["pre-upgrade"]}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource, V(snapshot).
      type: str
    identity:
      description: The options that identify the snapshot.
      type: dict
    id:
      description: Id of the snapshot, when it existed before the task.
      type: str
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (how it changes).
      type: dict
  sample: {"action": "update", "resource": "snapshot",
           "identity": {"name": "data-nightly", "resource_type": "volume",
                        "resource_id": "6fc4c277-ea5c-448a-93cd-dd496cfef71f"},
           "id": "8fa70202-873f-11e6-8b68-000f533176b1",
           "changes": {"tags": {"before": [], "after": ["nightly"], "via": "tags"}}}
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.snapshot import (
    RESOURCE_TYPES,
    SNAPSHOT,
)


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            resource_type=dict(type="str", choices=list(RESOURCE_TYPES)),
            resource_id=dict(type="str"),
            tags=dict(type="list", elements="str"),
        ),
        required_one_of=[("id", "name")],
        required_together=[("resource_type", "resource_id")],
    )
    module.run(SNAPSHOT)


if __name__ == "__main__":
    main()
