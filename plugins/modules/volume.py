#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: volume
short_description: Create, resize, attach, detach and delete DigitalOcean block storage volumes
version_added: 0.1.0
description:
  - Reconciles one volume, found by O(id) or by O(name) and O(region), to the declared state.
  - O(size_gigabytes) grows the volume through the resize action; volumes cannot shrink.
  - O(droplet_id) attaches the volume to a droplet (detaching it from any other first) or, with
    V(0), detaches it. Each action is awaited.
  - A change to O(region), O(filesystem_type), O(filesystem_label) or O(description) fails with an
    error naming the field; nothing is changed.
  - Deleting an attached volume detaches it first.
options:
  state:
    description: Whether the volume exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id (UUID) of the volume. When set, the volume is found by id.
    type: str
  name:
    description: Name of the volume. Together with O(region) it identifies the volume.
    type: str
  region:
    description: Region slug, for example V(nyc3).
    type: str
  size_gigabytes:
    description: Size in GiB. Required to create, unless O(snapshot_id) is set. Only grows.
    type: int
  description:
    description: Free-form description, set at creation.
    type: str
  snapshot_id:
    description: Id of a volume snapshot to create the volume from.
    type: str
  filesystem_type:
    description: Filesystem to format the volume with at creation.
    type: str
    choices: [ext4, xfs]
  filesystem_label:
    description: Label of the filesystem, set at creation.
    type: str
  tags:
    description: Tags of the volume, compared as a set. V([]) removes every tag.
    type: list
    elements: str
  droplet_id:
    description:
      - Id of the droplet the volume is attached to. V(0) means detached.
      - Leaving it unset leaves the attachment alone.
    type: int
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Create a 100 GiB volume and attach it to a droplet
  fathom.digitalocean.volume:
    name: data-1
    region: nyc3
    size_gigabytes: 100
    filesystem_type: ext4
    droplet_id: "{{ web.droplet.id }}"

- name: Grow it to 200 GiB
  fathom.digitalocean.volume:
    name: data-1
    region: nyc3
    size_gigabytes: 200

- name: Detach it
  fathom.digitalocean.volume:
    name: data-1
    region: nyc3
    droplet_id: 0

- name: Delete it
  fathom.digitalocean.volume:
    name: data-1
    region: nyc3
    state: absent
"""

RETURN = r"""
volume:
  description: The volume as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "506f78a4-e098-11e5-ad9f-000f53306ae1", "name": "data-1", "size_gigabytes": 100,
           "region": {"slug": "nyc3"}, "droplet_ids": [3164444], "tags": []}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.volume import VOLUME


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            region=dict(type="str"),
            size_gigabytes=dict(type="int"),
            description=dict(type="str"),
            snapshot_id=dict(type="str"),
            filesystem_type=dict(type="str", choices=["ext4", "xfs"]),
            filesystem_label=dict(type="str"),
            tags=dict(type="list", elements="str"),
            droplet_id=dict(type="int"),
        ),
        required_one_of=[("id", "name")],
    )
    module.run(VOLUME)


if __name__ == "__main__":
    main()
