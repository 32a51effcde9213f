#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: one_click_info
short_description: List DigitalOcean 1-Click applications
version_added: 0.1.0
description:
  - Lists the 1-Click applications of the marketplace and never changes anything.
  - O(type) is filtered by the API (C(GET /v2/1-clicks?type=)).
  - The slug of a droplet 1-Click application is also the slug of its image (see M(fathom.digitalocean.image_info)).
options:
  type:
    description: Only the applications for droplets, or for Kubernetes clusters (filtered by the API).
    type: str
    choices: [droplet, kubernetes]
  slug:
    description: Only the application with this slug.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The droplet applications
  fathom.digitalocean.one_click_info:
    type: droplet
  register: apps

- name: Their slugs
  ansible.builtin.debug:
    msg: "{{ apps.one_clicks | map(attribute='slug') }}"
"""

RETURN = r"""
one_clicks:
  description: The matching applications, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"slug": "docker-20-04", "type": "droplet"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.catalog import ONE_CLICK, ONE_CLICK_TYPES


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            type=dict(type="str", choices=list(ONE_CLICK_TYPES)),
            slug=dict(type="str"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(ONE_CLICK, filters={"slug": params["slug"]}, query={"type": params["type"]})


if __name__ == "__main__":
    main()
