# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Droplet and volume snapshots: the declaration the snapshot and snapshot_info modules share.

A snapshot is identified by its name and the resource it was taken of. Droplet snapshots are
taken with the droplet `snapshot` action (awaited, then the image is found by name); volume
snapshots with POST /v2/volumes/{id}/snapshots. Both are read and deleted through /v2/snapshots.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanAPIError
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, as_str, tags_field

RESOURCE_TYPES = ("droplet", "volume")
# The resource_type the tag endpoints use for each kind of snapshot.
TAG_RESOURCE_TYPES = {"droplet": "image", "volume": "volume_snapshot"}


def check_options(params):
    resource_id = params.get("resource_id")
    if resource_id is not None and not str(resource_id).strip():
        raise PlanError("resource_id must not be empty")
    if params.get("resource_type") == "droplet" and resource_id is not None and not str(resource_id).isdigit():
        raise PlanError("resource_id of a droplet is its numeric id, got %s" % resource_id)
    if resource_id is not None and not params.get("resource_type"):
        raise PlanError("resource_type is required with resource_id")


def list_snapshots(engine, query):
    """The snapshots of one resource when resource_id is given, else of a type (/v2/snapshots).

    Volume snapshots are listed per volume. Droplet snapshots come from /v2/snapshots filtered
    by type (the per-droplet list has neither tags nor resource ids), and so do the snapshots of
    a volume that no longer exists.
    """
    params = engine.params
    if params.get("resource_type") == "volume" and params.get("resource_id"):
        try:
            return engine.client.paginate("/v2/volumes/%s/snapshots" % params["resource_id"], "snapshots")
        except DigitalOceanAPIError as exc:
            if exc.status != 404:
                raise
    return engine.client.paginate("/v2/snapshots", "snapshots", params=query)


def take_snapshot(engine, body):
    """A volume snapshot is created under its volume; a droplet snapshot by the droplet's action."""
    resource_type, resource_id = engine.params["resource_type"], engine.params["resource_id"]
    if resource_type == "volume":
        return engine.create_at("/v2/volumes/%s/snapshots" % resource_id, body).get("snapshot") or {}
    path = "/v2/droplets/%s/actions" % resource_id
    action = engine.run_action({"id": resource_id}, {"type": "snapshot", "name": body["name"]}, path=path)
    if not engine.wait:
        return {"name": body["name"], "resource_type": "droplet", "resource_id": str(resource_id), "action": action}
    snapshot = engine.locate()
    if snapshot is None:
        raise PlanError("the snapshot action %s on droplet %s completed, but no snapshot named %s "
                        "was found" % ((action or {}).get("id"), resource_id, body["name"]))
    return snapshot


SNAPSHOT = ResourceSpec(
    kind="snapshot",
    api=Api("/v2/snapshots", "snapshot"),
    lookup=Lookup(identity=("name", "resource_type", "resource_id"), filters={"resource_type": "resource_type"},
                  list=list_snapshots),
    fields={
        # The tags of a droplet snapshot (an image) or of a volume snapshot.
        "tags": tags_field(lambda snapshot: TAG_RESOURCE_TYPES[snapshot.get("resource_type") or "volume"]),
        "resource_id": Field(normalize=as_str),
    },
    create=Create(fields=("name", "tags"), required=("name", "resource_type", "resource_id"), send=take_snapshot,
                  then=("tags",)),
    prepare=check_options,
)
