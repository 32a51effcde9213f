# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Read-only replicas of a PostgreSQL or MySQL cluster (/v2/databases/{id}/replicas/{name}).

A replica is found by name within its cluster and created, awaited until online, and deleted. The
API has no request that changes a replica in place (the spec has no PUT for it): a different size,
region, VPC, storage or tags is an error naming the field.

``promote: true`` turns the replica into a cluster of its own (PUT .../promote), which cannot be
undone. Once promoted, the replica is no longer listed under its cluster; a task that still says
``promote: true`` finds the cluster of the same name and has nothing left to do.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import UUID, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Ready, Request, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import check_tag_names, same_tags, tag_set
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import ENGINE_NAMES, IN_CLUSTER
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import check_object_name, child_api

REPLICA_ENGINES = ("pg", "mysql")
READY = ("online", "active")


def is_ready(replica):
    """Online; a promoted replica is a cluster of its own, which its replica path no longer shows."""
    replica = replica or {}
    return bool(replica.get("promoted")) or replica.get("status") in READY


def find_replica(engine):
    """The replica by name; once promoted (and only when the task says promote), the cluster it became."""
    found = engine.get_item(engine.params["name"])
    if found is not None or not engine.params.get("promote") or engine.params.get("state") == "absent":
        return found
    return promoted_cluster(engine)


def promoted_cluster(engine):
    clusters = engine.client.paginate("/v2/databases", "databases")
    for cluster in clusters:
        if cluster.get("name") == engine.params["name"]:
            return dict(cluster, promoted=True)
    return None


def after_promotion(engine, replica, response, body):
    """The cluster the replica became (the list may take a moment to show it)."""
    return engine.until_listed(lambda: promoted_cluster(engine)) or dict(replica, promoted=True)


def check_replica(params):
    check_object_name("replica")(params)
    size = params.get("storage_size_mib")
    if size is not None and size <= 0:
        raise PlanError("storage_size_mib must be a positive number of MiB, got %s" % size)
    network = params.get("private_network_uuid")
    if network and not UUID.match(network):
        raise PlanError("private_network_uuid must be a UUID, got %s" % network)
    return params


def check_cluster_engine(engine):
    cluster = engine.parent or {}
    if cluster.get("engine") not in (None,) + REPLICA_ENGINES:
        raise PlanError("read-only replicas exist for PostgreSQL and MySQL clusters only; %s is a %s cluster" % (
            cluster.get("name"), ENGINE_NAMES.get(cluster.get("engine"), cluster.get("engine"))))
    return engine.params


def replica_extras(engine, replica):
    return {"cluster_id": (engine.parent or {}).get("id"),
            "connection": (replica or {}).get("connection") or {},
            "private_connection": (replica or {}).get("private_connection") or {}}


DATABASE_REPLICA = ResourceSpec(
    kind="database_replica",
    api=child_api("replicas", "replica"),
    lookup=Lookup(id_option=None, find=find_replica),
    fields={
        "size": Field(),
        "region": Field(),
        "private_network_uuid": Field(),
        "storage_size_mib": Field(),
        "tags": Field(normalize=tag_set, equal=same_tags, missing=[], check=check_tag_names),
        "promote": Field(read=lambda replica: bool(replica.get("promoted")),
                         wanted=lambda params: True if params.get("promote") else None,
                         update=Request("PUT", "/promote", body=lambda engine, replica, changes: None,
                                        answer=after_promotion, label="PUT:promote")),
    },
    create=Create(fields=("name", "region", "size", "private_network_uuid", "storage_size_mib", "tags"),
                  required=("size",), then=("promote",)),
    ready=Ready(is_ready),
    delete=Delete(wait=True),
    parent=IN_CLUSTER,
    prepare=check_replica,
    resolve=check_cluster_engine,
    extras=replica_extras,
    label="read-only replica",
)
