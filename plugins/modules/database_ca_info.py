#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_ca_info
short_description: Read the CA certificate of a DigitalOcean database cluster
version_added: 0.2.0
description:
  - Reads the public CA certificate that signs the cluster's TLS certificates, for clients that verify the
    server (for example C(sslrootcert) of PostgreSQL clients), and never changes anything.
  - The result holds it as the API returns it (base64) and as PEM text, ready to be written to a file.
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The CA certificate of the backend cluster
  fathom.digitalocean.database_ca_info:
    cluster_name: backend
  register: backend_ca

- name: Write it where the clients look for it
  ansible.builtin.copy:
    content: "{{ (backend_ca.database_cas | first).certificate_pem }}"
    dest: /etc/ssl/certs/backend-db-ca.pem
    mode: "0644"
"""

RETURN = r"""
database_cas:
  description: The cluster's CA certificate, one item.
  returned: always
  type: list
  elements: dict
  contains:
    certificate:
      description: The certificate as the API returns it, base64 of the PEM text.
      type: str
    certificate_pem:
      description: The certificate as PEM text.
      type: str
cluster_id:
  description: Id of the cluster.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    cluster_argument_spec,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_info import DATABASE_CA


def main():
    module = DigitalOceanModule(argument_spec=cluster_argument_spec(), waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_CA)


if __name__ == "__main__":
    main()
