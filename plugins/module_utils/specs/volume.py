# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Block storage volumes: the declaration the volume and volume_info modules share."""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    Action,
    PlanError,
    ResourceSpec,
    TagsUpdater,
    Updater,
    path_reader,
    require_options,
    sorted_set,
)

DETACHED = 0


def region_of(volume):
    return (volume.get("region") or {}).get("slug")


def attached_droplet(volume):
    droplet_ids = volume.get("droplet_ids") or []
    return droplet_ids[0] if droplet_ids else DETACHED


def forbid_shrink(engine, volume, change):
    if change.after < change.before:
        raise PlanError(
            "size_gigabytes of %s cannot shrink from %s to %s: volumes can only grow"
            % (engine.describe(volume), change.before, change.after))


class AttachmentUpdater(Updater):
    """droplet_id: detach from any other droplet, then attach to the wanted one (0 = detached)."""

    via = "action:attach|detach"

    def apply(self, engine, current, change):
        detach_all(engine, current, keep=change.after)
        if change.after and change.after not in (current.get("droplet_ids") or []):
            engine.run_action(current, {"type": "attach", "droplet_id": change.after, "region": region_of(current)})


def detach_all(engine, volume, keep=None):
    for droplet_id in volume.get("droplet_ids") or []:
        if droplet_id != keep:
            engine.run_action(volume, {"type": "detach", "droplet_id": droplet_id, "region": region_of(volume)})


def validate(engine):
    size = engine.params.get("size_gigabytes")
    if size is not None and size <= 0:
        raise PlanError("size_gigabytes must be a positive number of GiB, got %s" % size)
    droplet_id = engine.params.get("droplet_id")
    if droplet_id is not None and droplet_id < 0:
        raise PlanError("droplet_id must be a droplet id, or 0 to detach, got %s" % droplet_id)


def require_create_fields(engine, body):
    if not engine.params.get("snapshot_id"):
        require_options(engine, ("name", "region", "size_gigabytes"), "volume %s" % (engine.params.get("name") or ""))
    return body


def attach_after_create(engine, volume, response):
    droplet_id = engine.params.get("droplet_id")
    if droplet_id:
        engine.run_action(volume, {"type": "attach", "droplet_id": droplet_id, "region": region_of(volume)})
        return engine.reload(volume)
    return volume


VOLUME = ResourceSpec(
    kind="volume",
    singular="volume",
    plural="volumes",
    collection="/v2/volumes",
    item="/v2/volumes/{id}",
    identity=("name", "region"),
    list_filters={"name": "name", "region": "region"},
    create=("name", "region", "size_gigabytes", "description", "snapshot_id", "filesystem_type",
            "filesystem_label", "tags"),
    actions={
        "size_gigabytes": Action("resize", "size_gigabytes",
                                 extra=lambda engine, volume, change: {"region": region_of(volume)},
                                 check=forbid_shrink),
        "droplet_id": AttachmentUpdater(),
        "tags": TagsUpdater("volume"),
    },
    immutable=("region", "filesystem_type", "filesystem_label", "description"),
    write_only=("snapshot_id",),
    read={
        "region": region_of,
        "droplet_id": attached_droplet,
        "description": path_reader("description"),
    },
    normalize={"tags": sorted_set, "description": lambda text: text or ""},
    validate=validate,
    prepare_create=require_create_fields,
    after_create=attach_after_create,
    before_delete=detach_all,
)
