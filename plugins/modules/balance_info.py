#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: balance_info
short_description: Read the balance of the DigitalOcean account
version_added: 0.1.0
description:
  - Reads the account's balance (C(GET /v2/customers/my/balance)) and never changes anything.
  - Amounts are strings in US dollars, as the API returns them.
options: {}
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The balance
  fathom.digitalocean.balance_info:
  register: balance

- name: Usage so far this month
  ansible.builtin.debug:
    msg: "{{ balance.balances[0].month_to_date_usage }} USD"
"""

RETURN = r"""
balances:
  description: The balance, as the API returns it - a list of one.
  returned: always
  type: list
  elements: dict
  sample: [{"month_to_date_balance": "23.44", "account_balance": "12.23", "month_to_date_usage": "11.21",
            "generated_at": "2019-07-09T15:01:12Z"}]
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.account import BALANCE


def main():
    module = DigitalOceanModule(argument_spec=dict(), waits=False)
    module.run_info(BALANCE)


if __name__ == "__main__":
    main()
