#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: spaces_key_info
short_description: List DigitalOcean Spaces access keys
version_added: 0.3.0
description:
  - Lists Spaces access keys, without their secrets, and never changes anything.
options:
  name:
    description: Only the keys with this name.
    type: str
  access_key:
    description: Only the key with this access key.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every Spaces key
  fathom.digitalocean.spaces_key_info:
  register: keys

- name: The keys named site-deploy
  fathom.digitalocean.spaces_key_info:
    name: site-deploy
"""

RETURN = r"""
spaces_keys:
  description: The matching keys, as the API lists them (no secrets).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "site-deploy", "access_key": "DO00EXAMPLEKEY0000AB",
            "grants": [{"bucket": "example-site", "permission": "readwrite"}], "created_at": "2024-05-02T08:12:44Z"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.spaces_key import SPACES_KEY


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            name=dict(type="str"),
            access_key=dict(type="str", no_log=False),
        ),
        waits=False,
    )
    module.run_info(SPACES_KEY, filters={"name": module.params["name"]})


if __name__ == "__main__":
    main()
