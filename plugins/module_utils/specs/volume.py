# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Block storage volumes: the declaration the volume and volume_info modules share."""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Action, Api, Create, Delete, Field
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Lookup, ResourceSpec, Updater
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import require_options, tags_field

DETACHED = 0
VOLUME_NAME = re.compile(r"^[a-z][a-z0-9-]{0,63}$")


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

    def apply(self, engine, current, changes):
        wanted = changes["droplet_id"].after
        detach_all(engine, current, keep=wanted)
        if wanted and wanted not in (current.get("droplet_ids") or []):
            engine.run_action(current, {"type": "attach", "droplet_id": wanted, "region": region_of(current)})


def detach_all(engine, volume, keep=None):
    """Detach from every droplet but keep; each detach finishes before the next step, wait or not."""
    for droplet_id in volume.get("droplet_ids") or []:
        if droplet_id != keep:
            engine.run_action(volume, {"type": "detach", "droplet_id": droplet_id, "region": region_of(volume)},
                              must_finish=True)


def check_options(params):
    name = params.get("name")
    if name is not None and not VOLUME_NAME.match(name):
        raise PlanError("name must be lowercase letters, digits and '-', start with a letter and be at most 64 "
                        "characters (the API's rule for volume names), got %r" % name)
    size = params.get("size_gigabytes")
    if size is not None and size <= 0:
        raise PlanError("size_gigabytes must be a positive number of GiB, got %s" % size)
    droplet_id = params.get("droplet_id")
    if droplet_id is not None and droplet_id < 0:
        raise PlanError("droplet_id must be a droplet id, or 0 to detach, got %s" % droplet_id)


def create_body(engine, body):
    # A volume made from a snapshot takes its region and size from the snapshot.
    if not engine.params.get("snapshot_id"):
        require_options(engine.params, ("name", "region", "size_gigabytes"),
                        "volume %s" % (engine.params.get("name") or ""))
    return body


VOLUME = ResourceSpec(
    kind="volume",
    api=Api("/v2/volumes", "volume"),
    lookup=Lookup(identity=("name", "region"), filters={"name": "name", "region": "region"}),
    fields={
        "size_gigabytes": Field(update=Action("resize", "size_gigabytes", check=forbid_shrink,
                                              extra=lambda engine, volume, change: {"region": region_of(volume)})),
        "droplet_id": Field(read=attached_droplet, update=AttachmentUpdater()),
        "tags": tags_field("volume"),
        "region": Field(read=region_of),
        "description": Field(missing=""),
        "snapshot_id": Field(write_only=True),
    },
    create=Create(
        fields=("name", "region", "size_gigabytes", "description", "snapshot_id", "filesystem_type",
                "filesystem_label", "tags"),
        body=create_body,
        then=("droplet_id",),
    ),
    delete=Delete(before=detach_all),
    prepare=check_options,
)
