#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_user
short_description: Create, reset and delete users of a DigitalOcean managed database cluster
version_added: 0.1.0
description:
  - Makes sure a user exists, or not, in a managed database cluster. It is found by O(name) within
    the cluster. The API generates the password.
  - An existing user is left alone, unless O(reset_password) is true (a new password is generated
    and the task reports a change every time) or O(mysql_auth_plugin) differs (the authentication
    method changes through the same reset).
  - The password never appears in the plan or the diff, which show C((sensitive)) instead. In the result it
    is registered with Ansible's C(no_log) handling and masked everywhere in the output. To use it
    in later tasks, run the task with C(no_log) set to true; Ansible then hides the whole result from the
    output and the module returns the password unmasked in the registered variable.
  - Not available for Valkey clusters.
options:
  state:
    description: Whether the user exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description: Name of the user.
    type: str
    required: true
  reset_password:
    description: Generate a new password for an existing user. Reports a change whenever set.
    type: bool
    default: false
  mysql_auth_plugin:
    description: Authentication method of a MySQL user. Only for MySQL clusters.
    type: str
    choices: [mysql_native_password, caching_sha2_password]
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A user for the app; keep the password for the next task
  fathom.digitalocean.database_user:
    cluster_name: backend
    name: app
  no_log: true
  register: app_user

- name: Rotate its password
  fathom.digitalocean.database_user:
    cluster_name: backend
    name: app
    reset_password: true
  no_log: true
  register: app_user

- name: Remove it
  fathom.digitalocean.database_user:
    cluster_name: backend
    name: app
    state: absent
"""

RETURN = r"""
database_user:
  description:
    - The user as the API returns it; empty when it is absent.
    - The password is masked unless the task runs with C(no_log).
  returned: always
  type: dict
  sample: {"name": "app", "role": "normal", "password": "********"}
cluster_id:
  description: Id of the cluster.
  returned: always
  type: str
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource.
      type: str
    identity:
      description: The options that identify the resource.
      type: dict
    id:
      description: Name of the object, when it existed before the task.
      type: raw
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (how it changes).
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    DATABASE_USER,
    cluster_argument_spec,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        name=dict(type="str", required=True),
        reset_password=dict(type="bool", default=False, no_log=False),
        mysql_auth_plugin=dict(type="str", choices=["mysql_native_password", "caching_sha2_password"]),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run(DATABASE_USER)


if __name__ == "__main__":
    main()
