#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: function_namespace_info
short_description: List DigitalOcean serverless functions namespaces
version_added: 0.2.0
description:
  - Lists serverless functions namespaces and never changes anything.
options:
  id:
    description: Id (C(fn-...)) of one namespace to read.
    type: str
  label:
    description: Only the namespace with this label.
    type: str
  region:
    description: Only namespaces in this region.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The namespaces of nyc1
  fathom.digitalocean.function_namespace_info:
    region: nyc1
  register: namespaces
"""

RETURN = r"""
function_namespaces:
  description: The matching namespaces, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"namespace": "fn-8f7a4f9b-3c9e-4b8a-9d0f-2a4c6e8b0d1f", "label": "reports", "region": "nyc1"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.function import FUNCTION_NAMESPACE


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            label=dict(type="str"),
            region=dict(type="str"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(FUNCTION_NAMESPACE, filters={"label": params["label"], "region": params["region"]})


if __name__ == "__main__":
    main()
