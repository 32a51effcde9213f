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
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    PlanError,
    ResourceEngine,
    ResourceSpec,
    TagsUpdater,
    as_str,
    sorted_set,
)

RESOURCE_TYPES = ("droplet", "volume")
# The resource_type the tag endpoints use for each kind of snapshot.
TAG_RESOURCE_TYPES = {"droplet": "image", "volume": "volume_snapshot"}


class SnapshotTags(TagsUpdater):
    """Tags of a droplet snapshot (an image) or of a volume snapshot, reconciled as a set."""

    def __init__(self):
        super().__init__("image")

    def apply(self, engine, current, change):
        self.resource_type = TAG_RESOURCE_TYPES[current.get("resource_type") or "volume"]
        super().apply(engine, current, change)


def validate(engine):
    resource_id = engine.params.get("resource_id")
    if resource_id is not None and not str(resource_id).strip():
        raise PlanError("resource_id must not be empty")
    if engine.params.get("resource_type") == "droplet" and resource_id is not None \
            and not str(resource_id).isdigit():
        raise PlanError("resource_id of a droplet is its numeric id, got %s" % resource_id)


def snapshots_of(engine, resource_type, resource_id):
    """The snapshots of one resource, in the /v2/snapshots shape (with resource_id and tags).

    Volume snapshots are listed per volume. Droplet snapshots come from /v2/snapshots filtered
    by type (the per-droplet list has neither tags nor resource ids), and so do the snapshots of
    a volume that no longer exists.
    """
    if resource_type == "volume":
        try:
            return engine.client.paginate("/v2/volumes/%s/snapshots" % resource_id, "snapshots")
        except DigitalOceanAPIError as exc:
            if exc.status != 404:
                raise
    items = engine.client.paginate("/v2/snapshots", "snapshots", params={"resource_type": resource_type})
    return [item for item in items if str(item.get("resource_id")) == str(resource_id)]


def find_snapshot(engine):
    missing = [field for field in ("name", "resource_type", "resource_id") if not engine.params.get(field)]
    if missing:
        raise PlanError("snapshot requires %s (or id) to find the snapshot" % " and ".join(missing))
    name = engine.params["name"]
    matches = [item for item in snapshots_of(engine, engine.params["resource_type"], engine.params["resource_id"])
               if item.get("name") == name]
    if len(matches) > 1:
        raise PlanError("%d snapshots of %s %s are named %s: ids %s. Give id to choose one." % (
            len(matches), engine.params["resource_type"], engine.params["resource_id"], name,
            ", ".join(str(item.get("id")) for item in matches)))
    return matches[0] if matches else None


SNAPSHOT = ResourceSpec(
    kind="snapshot",
    singular="snapshot",
    plural="snapshots",
    collection="/v2/snapshots",
    item="/v2/snapshots/{id}",
    identity=("name", "resource_type", "resource_id"),
    list_filters={"resource_type": "resource_type"},
    create=("name", "tags"),
    actions={"tags": SnapshotTags()},
    immutable=("name", "resource_type", "resource_id"),
    normalize={"tags": sorted_set, "resource_id": as_str},
    finder=find_snapshot,
    validate=validate,
    required_to_create=("name", "resource_type", "resource_id"),
)


class SnapshotEngine(ResourceEngine):
    """The engine, with the two ways a snapshot is taken."""

    def create(self):
        body = self.create_body()
        resource_type = self.params["resource_type"]
        resource_id = self.params["resource_id"]
        if resource_type == "volume":
            response = self.safe_post("/v2/volumes/%s/snapshots" % resource_id, body, recover=self.locate)
            return response.get("snapshot") or {}
        tags = body.pop("tags", None)
        body["type"] = "snapshot"
        action = self.run_action({"id": resource_id}, body, path="/v2/droplets/%s/actions" % resource_id)
        if not self.wait:
            return {"name": body["name"], "resource_type": "droplet", "resource_id": str(resource_id),
                    "action": action}
        snapshot = self.locate()
        if snapshot is None:
            raise PlanError("the snapshot action %s on droplet %s completed, but no snapshot named %s "
                            "was found" % ((action or {}).get("id"), resource_id, body["name"]))
        if tags:
            SnapshotTags().apply(self, snapshot, _Added(tags))
            snapshot = self.reload(snapshot)
        return snapshot


class _Added:
    """A tags change from none to `after`, for tagging a freshly taken snapshot."""

    def __init__(self, after):
        self.before = []
        self.after = after


def snapshot_info(client, params):
    """Snapshots for snapshot_info: one by id, those of one resource, or all of a type."""
    engine = ResourceEngine(SNAPSHOT, client, params)
    if params.get("id"):
        found = client.get_or_none(SNAPSHOT.item_path(params["id"]))
        items = [found["snapshot"]] if found else []
    elif params.get("resource_id"):
        if not params.get("resource_type"):
            raise PlanError("resource_type is required with resource_id")
        items = snapshots_of(engine, params["resource_type"], params["resource_id"])
    else:
        query = {"resource_type": params["resource_type"]} if params.get("resource_type") else {}
        items = client.paginate("/v2/snapshots", "snapshots", params=query)
    if params.get("name"):
        items = [item for item in items if item.get("name") == params["name"]]
    return items
