"""Block storage: volumes, volume actions and volume snapshots.

* /v2/volumes (list, create, delete by name+region), /v2/volumes/{volume_id}
* /v2/volumes/{volume_id}/actions, /v2/volumes/actions (by name),
  /v2/volumes/{volume_id}/actions/{action_id}
* /v2/volumes/{volume_id}/snapshots, /v2/volumes/snapshots/{snapshot_id}

``droplet.volume_ids`` and ``volume.droplet_ids`` are always kept in sync.

Realism knobs: ``consistency_seconds`` (a new volume is missing from GET and lists for a while),
``busy_droplets`` (attach/detach answer 422 "Droplet already has a pending event." while the
Droplet is busy, and keep it busy while they run), ``null_empty_lists`` (snapshot ``tags``).
"""
import re

from tests.simulator import catalog, realism
from tests.simulator.resources import actions as actions_mod
from tests.simulator.resources import droplets as droplets_mod
from tests.simulator.resources import tags as tags_mod
from tests.simulator.routing import emit, on, route, seeder
from tests.simulator.state import ApiError, iso, new_uuid, not_found, unprocessable

# The spec's rule for volume names.
VOLUME_NAME = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
KIND = "volumes"
SNAPSHOTS = "volume_snapshots"
MAX_VOLUMES_PER_DROPLET = 7


def render_volume(v):
    return {
        "id": v["id"],
        "droplet_ids": list(v["droplet_ids"]),
        "name": v["name"],
        "description": v["description"],
        "size_gigabytes": v["size_gigabytes"],
        "created_at": v["created_at"],
        "tags": list(v["tags"]),
        "region": catalog.REGIONS[v["region"]],
        "filesystem_type": v["filesystem_type"],
        "filesystem_label": v["filesystem_label"],
    }


def list_or_null(ctx, values):
    """A list, or None for an empty one with the ``null_empty_lists`` knob."""
    if not values and realism.enabled(ctx, "null_empty_lists"):
        return None
    return list(values)


def render_snapshot(s, ctx=None):
    tags = list(s["tags"]) if ctx is None else list_or_null(ctx, s["tags"])
    return {"id": s["id"], "name": s["name"], "created_at": s["created_at"],
            "regions": list(s["regions"]), "min_disk_size": s["min_disk_size"],
            "size_gigabytes": s["size_gigabytes"], "resource_id": s["resource_id"],
            "resource_type": "volume", "tags": tags}


def get_volume_or_404(ctx, volume_id):
    vol = ctx.coll(KIND).get(volume_id)
    if vol is None:
        raise not_found()
    return realism.check_visible(ctx, vol)


def find_by_name(ctx, name, region):
    for vol in ctx.coll(KIND).values():
        if vol["name"] == name and (region is None or vol["region"] == region):
            return vol
    return None


def new_volume(ctx, name, region, size_gigabytes, description="", filesystem_type="",
               filesystem_label="", tags=(), snapshot=None):
    if catalog.REGIONS.get(region) is None:
        raise unprocessable("Region is not available")
    if find_by_name(ctx, name, region) is not None:
        raise ApiError(409, "conflict", "a volume with the name %r already exists in %s"
                       % (name, region))
    vol = {
        "id": new_uuid(),
        "name": name,
        "region": region,
        "size_gigabytes": int(size_gigabytes),
        "description": description or "",
        "created_at": iso(ctx.now),
        "droplet_ids": [],
        "tags": [],
        "filesystem_type": filesystem_type or "",
        "filesystem_label": filesystem_label or "",
        "snapshot_id": snapshot["id"] if snapshot else None,
        "action_ids": [],
    }
    ctx.coll(KIND)[vol["id"]] = vol
    for tag in tags or ():
        tags_mod.tag_resource(ctx, tag, "volume", vol)
    return vol


@route("GET", "/v2/volumes")
def list_volumes(ctx):
    coll = ctx.coll(KIND)
    name = ctx.query.get("name")
    region = ctx.query.get("region")
    if not name and not region:
        items, total = realism.listable(ctx, KIND, coll.values(), len(coll))
        return 200, ctx.paginate("volumes", items, render_volume, total=total)
    items = [v for v in coll.values()
             if (not name or v["name"] == name) and (not region or v["region"] == region)]
    items, _total = realism.listable(ctx, KIND, items)
    return 200, ctx.paginate("volumes", items, render_volume)


@route("POST", "/v2/volumes")
def create_volume(ctx):
    body = ctx.json_body()
    if not VOLUME_NAME.match(body.get("name") or ""):
        raise unprocessable("name: must be lowercase and composed only of numbers, letters and '-', up to 64 "
                            "characters, and begin with a letter")
    snapshot = None
    if body.get("snapshot_id"):
        snapshot = ctx.coll(SNAPSHOTS).get(body["snapshot_id"])
        if snapshot is None:
            raise unprocessable("snapshot_id: snapshot not found")
        if int(body["size_gigabytes"]) < snapshot["min_disk_size"]:
            raise unprocessable("size_gigabytes: must be at least the snapshot's min_disk_size")
    vol = new_volume(ctx, body["name"], body["region"], body["size_gigabytes"],
                     body.get("description"), body.get("filesystem_type"),
                     body.get("filesystem_label"), body.get("tags") or [], snapshot)
    realism.mark_created(ctx, KIND, vol)
    return 201, {"volume": render_volume(vol)}


@route("GET", "/v2/volumes/{volume_id}")
def get_volume(ctx, volume_id):
    return 200, {"volume": render_volume(get_volume_or_404(ctx, volume_id))}


def destroy(ctx, vol):
    if vol["droplet_ids"]:
        raise unprocessable("Volume is currently attached to a Droplet. Detach it before deleting.")
    del ctx.coll(KIND)[vol["id"]]
    emit(ctx, "volume.deleted", vol)


@route("DELETE", "/v2/volumes/{volume_id}")
def delete_volume(ctx, volume_id):
    destroy(ctx, get_volume_or_404(ctx, volume_id))
    return 204, None


@route("DELETE", "/v2/volumes")
def delete_volume_by_name(ctx):
    name = ctx.query.get("name")
    region = ctx.query.get("region")
    if not name or not region:
        raise unprocessable("name and region are required")
    vol = find_by_name(ctx, name, region)
    if vol is None:
        raise not_found()
    destroy(ctx, vol)
    return 204, None


# ---------------------------------------------------------------- actions
def _droplet(ctx, droplet_id):
    try:
        droplet = ctx.coll("droplets").get(int(droplet_id))
    except (TypeError, ValueError):
        droplet = None
    if droplet is None:
        raise not_found("Droplet %s could not be found" % (droplet_id,))
    return droplet


def attach(ctx, vol, droplet):
    if vol["region"] != droplet["region"]:
        raise unprocessable("Volume and Droplet must be in the same region.")
    if droplet["id"] in vol["droplet_ids"]:
        raise unprocessable("Volume is already attached to this Droplet.")
    if vol["droplet_ids"]:
        raise unprocessable("Volume is already attached to another Droplet.")
    if len(droplet["volume_ids"]) >= MAX_VOLUMES_PER_DROPLET:
        raise unprocessable("Droplet already has the maximum number of volumes attached.")
    vol["droplet_ids"].append(droplet["id"])
    droplet["volume_ids"].append(vol["id"])


def detach(ctx, vol, droplet):
    if droplet["id"] not in vol["droplet_ids"]:
        raise unprocessable("Volume is not attached to this Droplet.")
    vol["droplet_ids"].remove(droplet["id"])
    if vol["id"] in droplet["volume_ids"]:
        droplet["volume_ids"].remove(vol["id"])


def _require_idle(ctx, droplet):
    # Terraform's volume attachment retries exactly this answer (one attach at a time).
    if realism.enabled(ctx, "busy_droplets"):
        droplets_mod.require_idle(ctx, droplet)


def _act(ctx, vol, body):
    atype = body.get("type")
    region = body.get("region")
    if region and region != vol["region"]:
        raise unprocessable("region: the volume is in %s" % vol["region"])
    droplet = None
    if atype == "attach":
        droplet = _droplet(ctx, body.get("droplet_id"))
        _require_idle(ctx, droplet)
        attach(ctx, vol, droplet)
        for tag in body.get("tags") or []:
            tags_mod.tag_resource(ctx, tag, "volume", vol)
        name, rid = "attach_volume", droplet["id"]
    elif atype == "detach":
        droplet = _droplet(ctx, body.get("droplet_id"))
        _require_idle(ctx, droplet)
        detach(ctx, vol, droplet)
        name, rid = "detach_volume", droplet["id"]
    elif atype == "resize":
        size = int(body.get("size_gigabytes") or 0)
        if size <= vol["size_gigabytes"]:
            raise unprocessable("size_gigabytes: a volume can only be resized to a larger size "
                                "(current size %d GiB)" % vol["size_gigabytes"])
        vol["size_gigabytes"] = size
        name, rid = "resize_volume", None
    else:
        raise unprocessable("type: %r is not a supported volume action" % (atype,))
    action = actions_mod.create_action(ctx, name, rid, "volume", vol["region"],
                                       volume_id=vol["id"])
    if droplet is not None and realism.enabled(ctx, "busy_droplets"):
        droplets_mod.keep_busy(ctx, droplet, action["duration"])
    vol["action_ids"].append(action["id"])
    return 202, {"action": actions_mod.render_action(ctx, action)}


@route("POST", "/v2/volumes/{volume_id}/actions")
def post_volume_action(ctx, volume_id):
    return _act(ctx, get_volume_or_404(ctx, volume_id), ctx.json_body())


@route("POST", "/v2/volumes/actions")
def post_volume_action_by_name(ctx):
    body = ctx.json_body()
    name = body.get("volume_name")
    region = body.get("region")
    if not name or not region:
        raise unprocessable("volume_name and region are required")
    vol = find_by_name(ctx, name, region)
    if vol is None:
        raise not_found()
    return _act(ctx, vol, body)


@route("GET", "/v2/volumes/{volume_id}/actions")
def list_volume_actions(ctx, volume_id):
    vol = get_volume_or_404(ctx, volume_id)
    return 200, actions_mod.list_action_ids(ctx, vol["action_ids"])


@route("GET", "/v2/volumes/{volume_id}/actions/{action_id}")
def get_volume_action(ctx, volume_id, action_id):
    vol = get_volume_or_404(ctx, volume_id)
    action = actions_mod.get_action_or_404(ctx, action_id)
    if action["id"] not in vol["action_ids"]:
        raise not_found()
    return 200, {"action": actions_mod.render_action(ctx, action)}


@on("droplet.deleted")
def _detach_from_deleted_droplet(ctx, droplet):
    volumes = ctx.coll(KIND)
    for vid in droplet.get("volume_ids", ()):
        vol = volumes.get(vid)
        if vol is not None and droplet["id"] in vol["droplet_ids"]:
            vol["droplet_ids"].remove(droplet["id"])
    droplet["volume_ids"] = []


# -------------------------------------------------------------- snapshots
def new_snapshot(ctx, vol, name, tags=()):
    snap = {"id": new_uuid(), "name": name, "created_at": iso(ctx.now),
            "regions": [vol["region"]], "min_disk_size": vol["size_gigabytes"],
            "size_gigabytes": 0.0, "resource_id": vol["id"], "tags": [],
            "seq": ctx.state.next_id("snapshot_seq", 1)}
    ctx.coll(SNAPSHOTS)[snap["id"]] = snap
    for tag in tags or ():
        tags_mod.tag_resource(ctx, tag, "volume_snapshot", snap)
    return snap


def delete_snapshot(ctx, snap):
    del ctx.coll(SNAPSHOTS)[snap["id"]]
    emit(ctx, "volume_snapshot.deleted", snap)


@route("POST", "/v2/volumes/{volume_id}/snapshots")
def create_volume_snapshot(ctx, volume_id):
    vol = get_volume_or_404(ctx, volume_id)
    body = ctx.json_body()
    for other in ctx.coll(SNAPSHOTS).values():
        if other["resource_id"] == vol["id"] and other["name"] == body["name"]:
            raise ApiError(409, "conflict", "a snapshot with this name already exists")
    snap = new_snapshot(ctx, vol, body["name"], body.get("tags") or [])
    return 201, {"snapshot": render_snapshot(snap, ctx)}


@route("GET", "/v2/volumes/{volume_id}/snapshots")
def list_volume_snapshots(ctx, volume_id):
    vol = get_volume_or_404(ctx, volume_id)
    items = [s for s in ctx.coll(SNAPSHOTS).values() if s["resource_id"] == vol["id"]]
    return 200, ctx.paginate("snapshots", items, lambda snap: render_snapshot(snap, ctx))


def get_snapshot_or_404(ctx, snapshot_id):
    snap = ctx.coll(SNAPSHOTS).get(snapshot_id)
    if snap is None:
        raise not_found()
    return snap


@route("GET", "/v2/volumes/snapshots/{snapshot_id}")
def get_volume_snapshot(ctx, snapshot_id):
    return 200, {"snapshot": render_snapshot(get_snapshot_or_404(ctx, snapshot_id), ctx)}


@route("DELETE", "/v2/volumes/snapshots/{snapshot_id}")
def delete_volume_snapshot(ctx, snapshot_id):
    delete_snapshot(ctx, get_snapshot_or_404(ctx, snapshot_id))
    return 204, None


@seeder("volumes")
def seed_volumes(ctx, count=1, region="nyc3", size_gigabytes=10, name_prefix="seed",
                 tags=None, **_ignored):
    ids = []
    for i in range(1, int(count) + 1):
        vol = new_volume(ctx, "%s-%d" % (name_prefix or "seed", i), region, size_gigabytes,
                         tags=tags or [])
        ids.append(vol["id"])
    return ids
