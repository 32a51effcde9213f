#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: account_info
short_description: Read the DigitalOcean account and the API's rate limit
version_added: 0.1.0
description:
  - Reads the account the token belongs to (C(GET /v2/account)) and never changes anything.
  - Also returns the rate limit the API reported with that answer - how many requests the token may
    send per hour, how many are left, and when the window resets.
options: {}
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The account and the rate limit
  fathom.digitalocean.account_info:
  register: account

- name: Stop before running out of requests
  ansible.builtin.assert:
    that: account.rate_limit.remaining > 500
    fail_msg: "Only {{ account.rate_limit.remaining }} API requests left until {{ account.rate_limit.reset }}"

- name: The droplet limit
  ansible.builtin.debug:
    msg: "{{ account.accounts[0].droplet_limit }}"
"""

RETURN = r"""
accounts:
  description: The account, as the API returns it - a list of one.
  returned: always
  type: list
  elements: dict
  sample: [{"droplet_limit": 25, "floating_ip_limit": 5, "email": "sammy@example.com", "name": "Sammy",
            "uuid": "b6fr89dbf6d9156cace5f3c78dc9851d957381ef", "email_verified": true, "status": "active",
            "status_message": "", "team": {"uuid": "5df3e3004a17e242b7c20ca6c9fc25b701a47ece", "name": "My Team"}}]
rate_limit:
  description: The rate limit headers of the account's answer.
  returned: always
  type: dict
  contains:
    limit:
      description: Requests the token may send per hour (C(ratelimit-limit)).
      type: int
    remaining:
      description: Requests left in the current window (C(ratelimit-remaining)).
      type: int
    reset:
      description: When the window resets, in seconds since the epoch (C(ratelimit-reset)).
      type: int
  sample: {"limit": 5000, "remaining": 4816, "reset": 1444931833}
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.account import ACCOUNT, rate_limit


def main():
    module = DigitalOceanModule(argument_spec=dict(), waits=False)
    module.run_info(ACCOUNT, extras=rate_limit)


if __name__ == "__main__":
    main()
