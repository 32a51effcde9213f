#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: app_info
short_description: List DigitalOcean App Platform apps
version_added: 0.1.0
description:
  - Lists App Platform apps and never changes anything.
  - The API cannot filter apps by name; O(name) is matched on the listed apps.
options:
  id:
    description: Id of one app to read.
    type: str
  name:
    description: Only the app whose spec has this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every app
  fathom.digitalocean.app_info:
  register: all_apps

- name: One app by name
  fathom.digitalocean.app_info:
    name: web-app
  register: web
"""

RETURN = r"""
apps:
  description: The matching apps, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "c2a93513-8d9b-4223-9d61-5e7272c81cf5", "spec": {"name": "web-app"},
            "live_url": "https://web-app-zyhgn.ondigitalocean.app"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.app import APP


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
        ),
        waits=False,
    )
    module.run_info(APP, filters={"name": module.params["name"]})


if __name__ == "__main__":
    main()
