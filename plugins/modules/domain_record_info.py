#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: domain_record_info
short_description: List DNS records of a DigitalOcean domain
version_added: 0.1.0
description:
  - Lists the records of one domain, filtered by O(type) and O(name) on the API side, or reads one
    record by O(id). Never changes anything.
  - O(name) is normalized like in M(fathom.digitalocean.domain_record) (V(@), V(www),
    V(www.example.com) and V(www.example.com.) all work) and sent to the API fully qualified.
options:
  domain:
    description: The domain, for example V(example.com).
    type: str
    required: true
  id:
    description: Read only the record with this id.
    type: int
  type:
    description: Only records of this type.
    type: str
    choices: [A, AAAA, CAA, CNAME, MX, NS, SOA, SRV, TXT]
  name:
    description: Only records with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every record of example.com
  fathom.digitalocean.domain_record_info:
    domain: example.com
  register: records

- name: The mail exchangers of the apex
  fathom.digitalocean.domain_record_info:
    domain: example.com
    type: MX
    name: "@"
  register: mx
"""

RETURN = r"""
domain_records:
  description: The matching records, as the API returns them (names relative to the domain, V(@) for the apex).
  returned: always
  type: list
  elements: dict
  sample: [{"id": 28448433, "type": "MX", "name": "@", "data": "mail.example.com", "priority": 10,
            "port": null, "ttl": 1800, "weight": null, "flags": null, "tag": null}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import RECORD_TYPES
from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain_record import normalize_names, record_spec


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            domain=dict(type="str", required=True),
            id=dict(type="int"),
            type=dict(type="str", choices=list(RECORD_TYPES)),
            name=dict(type="str"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(record_spec(params["domain"], params["type"], prepare=normalize_names),
                    filters={"type": params["type"], "name": params["name"]})


if __name__ == "__main__":
    main()
