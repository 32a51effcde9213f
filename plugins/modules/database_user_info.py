#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_user_info
short_description: List the users of a DigitalOcean managed database cluster
version_added: 0.1.0
description:
  - Lists the users of one managed database cluster and never changes anything.
  - Passwords are masked by Ansible's C(no_log) handling, unless the task runs with C(no_log) set to true,
    which hides the whole result from the output instead.
options:
  name:
    description: Only the user with this name (read directly, one request).
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Users of the backend cluster
  fathom.digitalocean.database_user_info:
    cluster_name: backend
  register: backend_users
"""

RETURN = r"""
database_users:
  description: The users, as the API returns them (passwords masked).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "doadmin", "role": "primary", "password": "********"}]
cluster_id:
  description: Id of the cluster.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    DATABASE_USER,
    cluster_argument_spec,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(name=dict(type="str"))
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_USER)


if __name__ == "__main__":
    main()
