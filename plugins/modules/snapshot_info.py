#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: snapshot_info
short_description: List DigitalOcean droplet and volume snapshots
version_added: 0.1.0
description:
  - Lists snapshots, filtered on the API side where the API can filter, and never changes anything.
  - O(resource_type) is filtered by the API (C(GET /v2/snapshots?resource_type=)); the snapshots of
    one volume are read with C(GET /v2/volumes/{id}/snapshots).
options:
  id:
    description: Id of one snapshot to read.
    type: str
  resource_type:
    description: Only snapshots of droplets, or of volumes (filtered by the API).
    type: str
    choices: [droplet, volume]
  resource_id:
    description: Only snapshots of this droplet or volume. Needs O(resource_type).
    type: str
  name:
    description: Only snapshots with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every volume snapshot
  fathom.digitalocean.snapshot_info:
    resource_type: volume
  register: volume_snapshots

- name: The snapshots of one droplet
  fathom.digitalocean.snapshot_info:
    resource_type: droplet
    resource_id: "{{ web.droplet.id }}"
  register: web_snapshots
"""

RETURN = r"""
snapshots:
  description: The matching snapshots, as C(GET /v2/snapshots) returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "6372321", "name": "web-1-before-upgrade", "resource_type": "droplet",
            "resource_id": "200776916", "regions": ["nyc3"], "min_disk_size": 25, "tags": []}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.snapshot import RESOURCE_TYPES, SNAPSHOT


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            resource_type=dict(type="str", choices=list(RESOURCE_TYPES)),
            resource_id=dict(type="str"),
            name=dict(type="str"),
        ),
        waits=False,
        required_by={"resource_id": "resource_type"},
    )
    params = module.params
    module.run_info(SNAPSHOT, filters={field: params[field] for field in ("name", "resource_type", "resource_id")})


if __name__ == "__main__":
    main()
