# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""An online migration into a managed database cluster from a database outside it
(/v2/databases/{id}/online-migration).

A cluster has at most one migration that counts: the latest one, when it is running, syncing or
done. ``state: present`` starts one when there is none (the source's credentials go in the request
and nowhere else) and waits until it is syncing, that is, until the data is copied and changes keep
flowing; ``state: absent`` stops a running or syncing one (DELETE .../online-migration/{id}). The API
never returns the source, so an existing migration is not compared with the task's source.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Ready, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import ENGINE_NAMES, IN_CLUSTER
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import cluster_id_of

MIGRATION_ENGINES = ("pg", "mysql", "redis", "valkey")
ACTIVE = ("running", "syncing")
STARTED = ACTIVE + ("done",)


def find_migration(engine):
    """The latest migration, when it still counts: running or syncing (or done, unless stopping). The API
    answers 404 for a cluster that never had one."""
    found = engine.client.get_or_none(engine.collection_path) or {}
    wanted = ACTIVE if engine.params.get("state") == "absent" else STARTED
    return found if found.get("id") and found.get("status") in wanted else None


def start(engine, body):
    return engine.client.put(engine.collection_path, body)


def stop(engine, migration):
    engine.client.delete("%s/%s" % (engine.collection_path, migration["id"]), ok_statuses=(404,))


def failed(migration):
    if (migration or {}).get("status") == "error":
        return "the online migration %s failed (status error): check the source's address, credentials and " \
               "network access" % migration.get("id")
    return None


def check_cluster_engine(engine):
    cluster = engine.parent or {}
    if cluster.get("engine") not in (None,) + MIGRATION_ENGINES:
        raise PlanError("online migration is available for MySQL, PostgreSQL, Caching and Valkey clusters only; %s "
                        "is a %s cluster" % (cluster.get("name"),
                                             ENGINE_NAMES.get(cluster.get("engine"), cluster.get("engine"))))
    return engine.params


def migration_body(engine, body):
    body["source"] = {key: value for key, value in body["source"].items() if value is not None}
    return body


def migration_secrets(params):
    return [(params.get("source") or {}).get("password")]


DATABASE_ONLINE_MIGRATION = ResourceSpec(
    kind="database_online_migration",
    api=Api("/v2/databases/{parent}/online-migration", "online_migration",
            item="/v2/databases/{parent}/online-migration"),
    lookup=Lookup(identity=(), id_option=None, find=find_migration),
    fields={"source": Field(sensitive=True, write_only=True), "disable_ssl": Field(write_only=True),
            "ignore_dbs": Field(write_only=True)},
    create=Create(fields=("source", "disable_ssl", "ignore_dbs"), required=("source",), body=migration_body,
                  send=start),
    ready=Ready(lambda migration: (migration or {}).get("status") in ("syncing", "done"), failed=failed),
    delete=Delete(send=stop),
    parent=IN_CLUSTER,
    resolve=check_cluster_engine,
    extras=cluster_id_of,
    secrets=migration_secrets,
    label="online migration",
)
