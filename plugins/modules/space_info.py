#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: space_info
short_description: List DigitalOcean Spaces (buckets) and their settings
version_added: 0.3.0
description:
  - Lists the Spaces the credentials can see, with their ACL, versioning, CORS rules, lifecycle rules and
    policy, through the S3 protocol. Never changes anything.
options:
  name:
    description: Only the Space with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.spaces
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every Space of the key
  fathom.digitalocean.space_info:
    region: ams3
  register: spaces
"""

RETURN = r"""
spaces:
  description: The Spaces with their settings.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "example-site", "region": "ams3", "endpoint": "https://example-site.ams3.digitaloceanspaces.com",
            "acl": "public-read", "versioning": false, "cors": [], "lifecycle": [], "policy": {}}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.spaces import SpacesModule, run_space_info


def main():
    module = SpacesModule(argument_spec=dict(name=dict(type="str")))
    module.exit(lambda: run_space_info(module.checked_client(), module.params.get("name")))


if __name__ == "__main__":
    main()
