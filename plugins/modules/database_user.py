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
  - O(settings) manages the engine-specific settings of the user (Kafka topic ACLs, OpenSearch index
    ACLs, PostgreSQL replication, MongoDB roles). Only the settings given are compared, and a change is made
    with one C(PUT) that keeps the others. A setting of another engine than the cluster's fails, naming it.
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
  settings:
    description: Engine-specific settings of the user.
    type: dict
    suboptions:
      pg_allow_replication:
        description: Whether a PostgreSQL user may replicate (logical replication, for example). PostgreSQL only.
        type: bool
      acl:
        description:
          - Topic ACLs of a Kafka user, compared as a set of O(settings.acl[].topic) and
            O(settings.acl[].permission). Kafka only.
        type: list
        elements: dict
        suboptions:
          topic:
            description: Topic name, or a pattern such as V(logs.*).
            type: str
            required: true
          permission:
            description: What the user may do with the topics.
            type: str
            required: true
            choices: [admin, consume, produce, produceconsume]
      opensearch_acl:
        description: Index ACLs of an OpenSearch user, compared as a set. OpenSearch only.
        type: list
        elements: dict
        suboptions:
          index:
            description: Index name, or a pattern such as V(logs-*).
            type: str
            required: true
          permission:
            description: What the user may do with the indexes.
            type: str
            required: true
            choices: [deny, admin, read, readwrite, write]
      mongo_user_settings:
        description: Databases and role of a MongoDB user; only the suboptions set are compared. MongoDB only.
        type: dict
        suboptions:
          databases:
            description: Databases the role applies to, compared as a set.
            type: list
            elements: str
          role:
            description: Role of the user in those databases.
            type: str
            choices: [readOnly, readWrite, dbAdmin]
  readonly:
    description:
      - Create a read-only MongoDB user. Used only when the user is created; the API takes it for MongoDB
        clusters only (and prefers O(settings.mongo_user_settings.role)), so it is refused for other engines.
    type: bool
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

- name: A Kafka user that may read the orders topics
  fathom.digitalocean.database_user:
    cluster_name: events
    name: billing
    settings:
      acl:
        - topic: orders.*
          permission: consume
  no_log: true

- name: Let a PostgreSQL user replicate
  fathom.digitalocean.database_user:
    cluster_name: backend
    name: replicator
    settings:
      pg_allow_replication: true
  no_log: true

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
  sample: {"name": "app", "role": "normal", "password": "********", "settings": {"pg_allow_replication": false}}
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
        settings=dict(type="dict", options=dict(
            pg_allow_replication=dict(type="bool"),
            acl=dict(type="list", elements="dict", options=dict(
                topic=dict(type="str", required=True),
                permission=dict(type="str", required=True, choices=["admin", "consume", "produce", "produceconsume"]),
            )),
            opensearch_acl=dict(type="list", elements="dict", options=dict(
                index=dict(type="str", required=True),
                permission=dict(type="str", required=True, choices=["deny", "admin", "read", "readwrite", "write"]),
            )),
            mongo_user_settings=dict(type="dict", options=dict(
                databases=dict(type="list", elements="str"),
                role=dict(type="str", choices=["readOnly", "readWrite", "dbAdmin"]),
            )),
        )),
        readonly=dict(type="bool"),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run(DATABASE_USER)


if __name__ == "__main__":
    main()
