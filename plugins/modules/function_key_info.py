#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: function_key_info
short_description: List the access keys of a DigitalOcean functions namespace
version_added: 0.2.0
description:
  - Lists the access keys of one functions namespace, without their secrets, and never changes anything.
options:
  namespace:
    description: Label or id (C(fn-...)) of the functions namespace.
    type: str
    required: true
  name:
    description: Only the keys with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Keys of the reports namespace that expire
  fathom.digitalocean.function_key_info:
    namespace: reports
  register: keys
"""

RETURN = r"""
function_keys:
  description: The matching keys, as the API lists them (no secrets).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "dof_v1_8f7a4f9b3c9e4b8a", "name": "ci", "expires_at": "2024-06-01T08:12:44Z"}]
namespace:
  description: Id of the namespace.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.function import FUNCTION_KEY


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            namespace=dict(type="str", required=True),
            name=dict(type="str"),
        ),
        waits=False,
    )
    module.run_info(FUNCTION_KEY, filters={"name": module.params["name"]})


if __name__ == "__main__":
    main()
