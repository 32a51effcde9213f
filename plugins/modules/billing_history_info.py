#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: billing_history_info
short_description: List the billing history of the DigitalOcean account
version_added: 0.1.0
description:
  - Lists the entries of the account's billing history (invoices, payments, credits...) and never
    changes anything.
  - The API has no filters for the history, so O(type) is matched on the listed entries.
options:
  type:
    description: Only the entries of this type.
    type: str
    choices: [ACHFailure, Adjustment, AttemptFailed, Chargeback, Credit, CreditExpiration, Invoice, Payment,
              Refund, Reversal]
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The payments
  fathom.digitalocean.billing_history_info:
    type: Payment
  register: payments
"""

RETURN = r"""
billing_histories:
  description: The matching entries of the billing history, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"description": "Invoice for May 2018", "amount": "12.34", "invoice_id": "123",
            "invoice_uuid": "example-uuid", "date": "2018-06-01T08:44:38Z", "type": "Invoice"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.account import BILLING_HISTORY

ENTRY_TYPES = ["ACHFailure", "Adjustment", "AttemptFailed", "Chargeback", "Credit", "CreditExpiration", "Invoice",
               "Payment", "Refund", "Reversal"]


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            type=dict(type="str", choices=ENTRY_TYPES),
        ),
        waits=False,
    )
    module.run_info(BILLING_HISTORY, filters={"type": module.params["type"]})


if __name__ == "__main__":
    main()
