#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: function_trigger_info
short_description: List the scheduled triggers of a DigitalOcean functions namespace
version_added: 0.2.0
description:
  - Lists the triggers of one functions namespace and never changes anything.
options:
  namespace:
    description: Label or id (C(fn-...)) of the functions namespace.
    type: str
    required: true
  name:
    description: Only the trigger with this name.
    type: str
  function:
    description: Only the triggers that call this function.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The triggers of the reports namespace
  fathom.digitalocean.function_trigger_info:
    namespace: reports
  register: triggers
"""

RETURN = r"""
function_triggers:
  description: The matching triggers, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "nightly", "function": "reports/build", "is_enabled": true,
            "scheduled_details": {"cron": "0 2 * * *", "body": null}}]
namespace:
  description: Id of the namespace.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.function import FUNCTION_TRIGGER


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            namespace=dict(type="str", required=True),
            name=dict(type="str"),
            function=dict(type="str"),
        ),
        waits=False,
    )
    params = module.params
    # name is the trigger's id: it is read with one GET.
    module.run_info(FUNCTION_TRIGGER, filters={"function": params["function"]})


if __name__ == "__main__":
    main()
