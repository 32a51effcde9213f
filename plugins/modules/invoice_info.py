#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: invoice_info
short_description: List the invoices of the DigitalOcean account, or one invoice's items
version_added: 0.1.0
description:
  - Lists the account's invoices and never changes anything.
  - With O(invoice_uuid), returns that invoice only, with every item billed on it under
    C(invoice_items) (C(GET /v2/customers/my/invoices/{invoice_uuid})).
  - The API has no filters for invoices, so O(invoice_uuid) and O(invoice_period) are matched on the
    listed invoices.
options:
  invoice_uuid:
    description: The invoice to read, with its items.
    type: str
  invoice_period:
    description: Only the invoice of this month, as C(YYYY-MM).
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Every invoice
  fathom.digitalocean.invoice_info:
  register: invoices

- name: The items of the latest one
  fathom.digitalocean.invoice_info:
    invoice_uuid: "{{ (invoices.invoices | sort(attribute='invoice_period') | last).invoice_uuid }}"
  register: latest

- name: What the droplets cost
  ansible.builtin.debug:
    msg: "{{ latest.invoices[0].invoice_items | selectattr('product', 'eq', 'Droplets') | map(attribute='amount') }}"
"""

RETURN = r"""
invoices:
  description:
    - The matching invoices, as the API lists them.
    - With O(invoice_uuid), that invoice with its C(invoice_items).
  returned: always
  type: list
  elements: dict
  sample: [{"invoice_uuid": "22737513-0ea7-4206-8ceb-98a575af7681", "invoice_id": "8012345", "amount": "12.34",
            "invoice_period": "2025-12", "updated_at": "2026-01-01T08:00:01Z",
            "invoice_items": [{"product": "Droplets", "resource_uuid": "711157cb-37c8-4817-b371-44fa3504a39c",
                               "description": "web-1 (s-1vcpu-1gb)", "amount": "11.34", "duration": "672",
                               "duration_unit": "Hours", "start_time": "2025-12-01T00:00:00Z",
                               "end_time": "2025-12-31T23:59:59Z", "project_name": "web"}]}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.account import INVOICE, with_items


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            invoice_uuid=dict(type="str"),
            invoice_period=dict(type="str"),
        ),
        waits=False,
    )
    params = module.params
    module.run_info(INVOICE, filters={"invoice_uuid": params["invoice_uuid"], "invoice_period": params["invoice_period"]},
                    expand=with_items if params["invoice_uuid"] else None)


if __name__ == "__main__":
    main()
