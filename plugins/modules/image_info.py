#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: image_info
short_description: List DigitalOcean images, or read one by id or slug
version_added: 0.1.0
description:
  - Lists images, filtered by the API, and never changes anything; or reads one image by O(id).
  - O(type) and O(tag_name) are filtered by the API (C(GET /v2/images?type=), C(?private=true),
    C(?tag_name=)); O(slug) is matched on the listed images.
options:
  id:
    description: Id, or slug of a public image (for example V(ubuntu-24-04-x64)), of one image to read.
    type: str
  type:
    description:
      - V(distribution) - the public distribution images; V(application) - the public 1-Click
        application images; V(private) - the account's own images (snapshots, backups, custom images).
      - Without it, every image.
    type: str
    choices: [distribution, application, private]
  tag_name:
    description: Only the images with this tag (filtered by the API).
    type: str
  slug:
    description: Only the image with this slug.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The distribution images
  fathom.digitalocean.image_info:
    type: distribution
  register: distributions

- name: One image by slug
  fathom.digitalocean.image_info:
    id: ubuntu-24-04-x64
  register: ubuntu

- name: The account's images tagged golden
  fathom.digitalocean.image_info:
    type: private
    tag_name: golden
"""

RETURN = r"""
images:
  description: The matching images, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": 160000001, "name": "24.04 (LTS) x64", "distribution": "Ubuntu", "slug": "ubuntu-24-04-x64",
            "public": true, "regions": ["nyc3", "fra1"], "type": "base", "min_disk_size": 7,
            "size_gigabytes": 2.36, "status": "available", "tags": []}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.catalog import IMAGE, IMAGE_TYPES, image_query


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            type=dict(type="str", choices=list(IMAGE_TYPES)),
            tag_name=dict(type="str"),
            slug=dict(type="str"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(IMAGE, filters={"slug": params["slug"]}, query=image_query(params))


if __name__ == "__main__":
    main()
