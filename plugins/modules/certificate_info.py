#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: certificate_info
short_description: List DigitalOcean certificates
version_added: 0.1.0
description:
  - Lists the account's TLS certificates, filtered on the API side where the API can filter, and never
    changes anything. Private keys are never returned by the API.
options:
  id:
    description: Id of one certificate to read.
    type: str
  name:
    description: Only the certificate with this name (filtered by the API).
    type: str
  type:
    description: Only certificates of this type.
    type: str
    choices: [custom, lets_encrypt]
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Let's Encrypt certificates
  fathom.digitalocean.certificate_info:
    type: lets_encrypt
  register: le_certs
"""

RETURN = r"""
certificates:
  description: The matching certificates, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "892071a0-bb95-49bc-8021-3afd67a210bf", "name": "web-cert-01", "type": "custom",
            "state": "verified", "sha1_fingerprint": "dfcc9f57d86bf58e321c2c6c31c7a971be244ac7",
            "not_after": "2017-02-22T00:23:00Z", "dns_names": ["www.example.com"]}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.certificate import CERTIFICATE


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            type=dict(type="str", choices=["custom", "lets_encrypt"]),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(CERTIFICATE, filters={"name": params["name"], "type": params["type"]})


if __name__ == "__main__":
    main()
