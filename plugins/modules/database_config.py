#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_config
short_description: Tune the engine configuration of a DigitalOcean managed database cluster
version_added: 0.2.0
description:
  - Sets engine settings of a managed database cluster (PostgreSQL C(work_mem), MySQL C(sql_require_primary_key),
    Kafka C(log_retention_hours)...) through C(PATCH /v2/databases/{id}/config).
  - Only the keys given in O(config) are managed. Each is compared with the cluster's value; the ones that
    differ are sent together in one request, and the plan and C(--diff) show only the keys given.
  - Every key is checked against the engine's configuration schema of the DigitalOcean API (the PostgreSQL,
    MySQL, Redis, Valkey, MongoDB, Kafka and OpenSearch config schemas), so an unknown key or a value of the
    wrong type or out of range fails with an error naming C(config.<key>) before any change. With O(engine)
    set the check is complete before any request; without it, the keys are checked against every engine
    first and against the cluster's own engine as soon as the cluster is read.
  - Settings cannot be removed, only set to another value.
options:
  config:
    description:
      - The settings to manage, as the API names them (for example V(work_mem) or V(pgbouncer)). Nested settings
        (PgBouncer, TimescaleDB) are compared and sent key by key too.
      - Strings that hold numbers or booleans are taken as such, and a YAML V(on)/V(off) read as a boolean is
        taken back as the word for settings whose values are V(on) and V(off).
    type: dict
    required: true
  engine:
    description:
      - The cluster's engine. Optional; when set, O(config) is checked against this engine before any request,
        and the task fails when the cluster is of another engine.
    type: str
    choices: [pg, mysql, valkey, redis, mongodb, kafka, opensearch]
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: PostgreSQL memory per sort and a limit on idle transactions
  fathom.digitalocean.database_config:
    cluster_name: backend
    engine: pg
    config:
      work_mem: 8
      idle_in_transaction_session_timeout: 600000

- name: PgBouncer settings of the same cluster
  fathom.digitalocean.database_config:
    cluster_name: backend
    config:
      pgbouncer:
        server_idle_timeout: 300

- name: Keep Kafka logs for three days
  fathom.digitalocean.database_config:
    cluster_name: events
    engine: kafka
    config:
      log_retention_hours: 72
"""

RETURN = r"""
database_config:
  description: The cluster's id and its whole configuration after the task.
  returned: always
  type: dict
  sample: {"cluster_id": "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30", "config": {"work_mem": 8, "jit": true}}
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
      description: Id of the resource, when it existed before the task.
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
    ENGINES,
    cluster_argument_spec,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_config import DATABASE_CONFIG


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(
        config=dict(type="dict", required=True),
        engine=dict(type="str", choices=list(ENGINES)),
    )
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run(DATABASE_CONFIG)


if __name__ == "__main__":
    main()
