#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cdn_endpoint_info
short_description: List DigitalOcean CDN endpoints
version_added: 0.1.0
description:
  - Lists CDN endpoints and never changes anything. One request (per 200 endpoints), which
    matters under the API's limit of 5 requests per 10 seconds for CDN endpoints.
  - The API cannot filter endpoints; O(origin) is matched on the listed endpoints.
options:
  id:
    description: Id of one endpoint to read.
    type: str
  origin:
    description: Only the endpoint of this origin.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every CDN endpoint
  fathom.digitalocean.cdn_endpoint_info:
  register: cdn
"""

RETURN = r"""
cdn_endpoints:
  description: The matching CDN endpoints, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "19f06b6a-3ace-4315-b086-499a0e521b76", "origin": "static-images.nyc3.digitaloceanspaces.com",
            "endpoint": "static-images.nyc3.cdn.digitaloceanspaces.com", "ttl": 3600}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.cdn_endpoint import CDN_ENDPOINT


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            origin=dict(type="str"),
        ),
        waits=False,
    )
    module.run_info(CDN_ENDPOINT, filters={"origin": module.params["origin"]})


if __name__ == "__main__":
    main()
