#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: ssh_key_info
short_description: List DigitalOcean SSH keys of the account
version_added: 0.1.0
description:
  - Lists SSH keys of the account, filtered on the API side where the API can filter, and never changes anything.
options:
  id:
    description: Id or fingerprint of one key to read.
    type: str
  name:
    description: Only keys with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every SSH key of the account
  fathom.digitalocean.ssh_key_info:
  register: keys
"""

RETURN = r"""
ssh_keys:
  description: The matching SSH keys of the account, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": 512189, "name": "deploy", "fingerprint": "3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.ssh_key import SSH_KEY


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
        ),
        waits=False,
    )
    module.run_info(SSH_KEY, filters={"name": module.params["name"]})


if __name__ == "__main__":
    main()
