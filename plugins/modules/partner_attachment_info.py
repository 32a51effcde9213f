#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: partner_attachment_info
short_description: List DigitalOcean Partner Network Connect attachments
version_added: 0.2.0
description:
  - Lists Partner Network Connect attachments and never changes anything. BGP auth keys are not read.
options:
  id:
    description: Id of one attachment to read.
    type: str
  name:
    description: Only the attachment with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Partner attachments and their state
  fathom.digitalocean.partner_attachment_info:
  register: attachments
"""

RETURN = r"""
partner_attachments:
  description: The matching attachments, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "name": "to-aws", "state": "active", "region": "nyc"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.partner_attachment import PARTNER_ATTACHMENT


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
        ),
        waits=False,
    )
    module.run_info(PARTNER_ATTACHMENT, filters={"name": module.params["name"]})


if __name__ == "__main__":
    main()
