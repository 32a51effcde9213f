#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: tag_info
short_description: List DigitalOcean tags
version_added: 0.1.0
description:
  - Lists tags, filtered on the API side where the API can filter, and never changes anything.
options:
  name:
    description: Only the tag with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every tag, with the count of resources carrying it
  fathom.digitalocean.tag_info:
  register: tags
"""

RETURN = r"""
tags:
  description: The matching tags, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "production", "resources": {"count": 3}}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.tag import TAG


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            name=dict(type="str"),
        ),
        waits=False,
    )
    module.run_info(TAG, filters={})


if __name__ == "__main__":
    main()
