#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: certificate
short_description: Create, replace and delete DigitalOcean TLS certificates
version_added: 0.1.0
description:
  - Reconciles one certificate, found by O(id) or by O(name), to the declared state.
  - A V(lets_encrypt) certificate is issued for O(dns_names); the task waits until it is C(verified).
  - A V(custom) certificate is uploaded from O(private_key), O(leaf_certificate) and O(certificate_chain).
    The leaf certificate is compared with the certificate that exists by its SHA-1 fingerprint, so the
    private key never has to be read back (the API never returns it).
  - The API cannot update a certificate. When the definition changes (the type, the set of O(dns_names),
    or the leaf certificate), the task fails with an error naming the field, unless O(force_replace=true);
    then the certificate is replaced and the plan action is V(replace).
  - Certificate names are unique, so a replacement deletes the old certificate first and then creates the
    new one under the same name. A certificate that a load balancer uses cannot be deleted; the task
    checks that before it changes anything and fails with the load balancers' names. To rotate a
    certificate in use, create the new one under another name, point the load balancer at it, then
    delete the old one.
options:
  state:
    description: Whether the certificate exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id (UUID) of the certificate. When set, the certificate is found by id.
    type: str
  name:
    description: Name of the certificate, unique in the account. It identifies the certificate.
    type: str
  type:
    description:
      - V(lets_encrypt) or V(custom). When unset it follows from the options given
        (O(dns_names) means V(lets_encrypt), O(leaf_certificate) means V(custom)).
    type: str
    choices: [custom, lets_encrypt]
  dns_names:
    description:
      - Domain names of a V(lets_encrypt) certificate, compared as a set (lower case). Wildcards such
        as V(*.example.com) are allowed. The domains must be managed by DigitalOcean DNS.
    type: list
    elements: str
  private_key:
    description: PEM private key of a V(custom) certificate. Used only at creation; never shown.
    type: str
  leaf_certificate:
    description: PEM leaf certificate of a V(custom) certificate, compared by SHA-1 fingerprint.
    type: str
  certificate_chain:
    description: PEM intermediate certificates of a V(custom) certificate. Used only at creation.
    type: str
  force_replace:
    description:
      - Replace the certificate (delete it, then create it again) when its definition changed.
      - When V(false), such a change fails the task before anything is changed.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A Let's Encrypt certificate
  fathom.digitalocean.certificate:
    name: web-cert
    dns_names: [example.com, www.example.com]

- name: Upload a certificate
  fathom.digitalocean.certificate:
    name: api-cert
    private_key: "{{ lookup('file', 'api.key') }}"
    leaf_certificate: "{{ lookup('file', 'api.crt') }}"
    certificate_chain: "{{ lookup('file', 'chain.crt') }}"

- name: Replace it with a renewed certificate (it must not be in use by a load balancer)
  fathom.digitalocean.certificate:
    name: api-cert
    private_key: "{{ lookup('file', 'api-2.key') }}"
    leaf_certificate: "{{ lookup('file', 'api-2.crt') }}"
    force_replace: true

- name: Delete it
  fathom.digitalocean.certificate:
    name: api-cert
    state: absent
"""

RETURN = r"""
certificate:
  description: The certificate as the API returns it after the task (without the private key); empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "892071a0-bb95-49bc-8021-3afd67a210bf", "name": "web-cert", "type": "lets_encrypt",
           "state": "verified", "dns_names": ["example.com", "www.example.com"],
           "sha1_fingerprint": "dfcc9f57d86bf58e321c2c6c31c7a971be244ac7", "not_after": "2017-02-22T00:23:00Z"}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(replace), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource.
      type: str
    identity:
      description: The options that identify the resource.
      type: dict
    id:
      description: Id of the resource, when it existed before the task.
      type: raw
    changes:
      description:
        - Each changed field with its C(before), C(after) and C(via) (how it changes, V(replace) for a replacement).
        - O(leaf_certificate) appears as its SHA-1 fingerprint, O(private_key) as C((sensitive)).
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.certificate import CERTIFICATE


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            type=dict(type="str", choices=["custom", "lets_encrypt"]),
            dns_names=dict(type="list", elements="str"),
            private_key=dict(type="str", no_log=True),
            leaf_certificate=dict(type="str"),
            certificate_chain=dict(type="str"),
            force_replace=dict(type="bool", default=False),
        ),
        required_one_of=[("id", "name")],
        mutually_exclusive=[("dns_names", "private_key"), ("dns_names", "leaf_certificate"),
                            ("dns_names", "certificate_chain")],
    )
    module.run(CERTIFICATE)


if __name__ == "__main__":
    main()
