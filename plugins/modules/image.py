#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: image
short_description: Import, update, transfer, convert and delete DigitalOcean custom images
version_added: 0.2.0
description:
  - Reconciles one private image (a custom image, a snapshot or a backup), found by O(id) or by O(name)
    among the account's private images.
  - A missing image is imported from O(url) into O(region) and awaited until C(available). An import the
    platform refuses ends with status C(deleted); the task then fails with the API's error message, and
    the next run imports again.
  - O(name) (when found by O(id)), O(description) and O(distribution) change in place through
    C(PUT /v2/images/{id}); O(tags) through the tag endpoints.
  - O(regions) is a set reached through C(transfer) image actions, each awaited. The API cannot take an
    image out of a region, so a region the image is in and O(regions) leaves out is an error.
  - O(convert=true) converts a backup into a snapshot (the C(convert) action), once.
  - Use M(fathom.digitalocean.image_info) to list images.
  - The image account transfer endpoints are not used - the API reference does not document them.
options:
  wait_timeout:
    description:
      - Seconds to wait for asynchronous work before failing the task. An import or a transfer of a large
        image can take many minutes.
    default: 1800
  state:
    description: Whether the image exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the image. When set, the image is found by id and O(name) can change.
    type: int
  name:
    description: Name of the image. Without O(id) it identifies the image among the private images.
    type: str
  url:
    description:
      - http or https URL of the image file to import (raw, qcow2, VHDX, VDI or VMDK, optionally gzip or
        bzip2 compressed). Required to import; used only then.
    type: str
  region:
    description: Region slug the image is imported into. Required to import; used only then.
    type: str
  regions:
    description:
      - Every region the image should be in, including the one it was imported into. New regions are
        reached through transfer actions.
    type: list
    elements: str
  distribution:
    description:
      - Distribution of the image - one of V(Arch Linux), V(CentOS), V(CoreOS), V(Debian), V(Fedora),
        V(Fedora Atomic), V(FreeBSD), V(Gentoo), V(openSUSE), V(RancherOS), V(Rocky Linux), V(Ubuntu) or
        V(Unknown).
    type: str
  description:
    description: Free-form description. V("") clears it.
    type: str
  tags:
    description: Tags of the image, as a set. V([]) removes them all; unset leaves them alone.
    type: list
    elements: str
  convert:
    description:
      - V(true) converts the image, a backup, into a snapshot. A snapshot or a custom image needs nothing.
    type: bool
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Import the hardened base image and make it available in two regions
  fathom.digitalocean.image:
    name: base-2024-06
    url: https://images.example.com/base-2024-06.qcow2.gz
    region: nyc3
    regions: [nyc3, ams3]
    distribution: Ubuntu
    description: Hardened Ubuntu base
    tags: [base]
  register: base_image

- name: Keep last night's backup of web-1 as a snapshot
  fathom.digitalocean.image:
    id: "{{ backups.droplet_backups[0].id }}"
    convert: true

- name: Delete an old image
  fathom.digitalocean.image:
    name: base-2023-12
    state: absent
"""

RETURN = r"""
image:
  description: The image as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": 210000001, "name": "base-2024-06", "type": "custom", "distribution": "Ubuntu", "public": false,
           "regions": ["nyc3", "ams3"], "status": "available", "error_message": "", "tags": ["base"],
           "description": "Hardened Ubuntu base", "min_disk_size": 20, "size_gigabytes": 2.36}
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.image import IMAGE


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="int"),
            name=dict(type="str"),
            url=dict(type="str"),
            region=dict(type="str"),
            regions=dict(type="list", elements="str"),
            distribution=dict(type="str"),
            description=dict(type="str"),
            tags=dict(type="list", elements="str"),
            convert=dict(type="bool"),
        ),
        required_one_of=[("id", "name")],
        wait_timeout=1800,
    )
    module.run(IMAGE)


if __name__ == "__main__":
    main()
