"""Snapshots: GET /v2/snapshots, GET/DELETE /v2/snapshots/{snapshot_id}.

Droplet snapshots are private images (images.py); volume snapshots live in
volumes.py.  Both are listed here, oldest first.
"""
from tests.simulator.resources import images as images_mod
from tests.simulator.resources import volumes as volumes_mod
from tests.simulator.routing import route
from tests.simulator.state import not_found


def render_droplet_snapshot(image, ctx=None):
    tags = list(image["tags"]) if ctx is None else volumes_mod.list_or_null(ctx, image["tags"])
    return {"id": str(image["id"]), "name": image["name"], "created_at": image["created_at"],
            "regions": list(image["regions"]), "min_disk_size": image["min_disk_size"],
            "size_gigabytes": image["size_gigabytes"],
            "resource_id": str(image.get("droplet_id") or ""),
            "resource_type": "droplet", "tags": tags}


def _all(ctx, resource_type=None):
    items = []
    if resource_type in (None, "droplet"):
        items += [("droplet", i) for i in ctx.coll(images_mod.KIND).values()
                  if i["type"] == "snapshot"]
    if resource_type in (None, "volume"):
        items += [("volume", s) for s in ctx.coll(volumes_mod.SNAPSHOTS).values()]
    items.sort(key=lambda pair: pair[1]["seq"])
    return items


def _render(pair, ctx=None):
    kind, obj = pair
    if kind == "droplet":
        return render_droplet_snapshot(obj, ctx)
    return volumes_mod.render_snapshot(obj, ctx)


def _find(ctx, snapshot_id):
    if snapshot_id.isdigit():
        image = ctx.coll(images_mod.KIND).get(int(snapshot_id))
        if image is not None and image["type"] == "snapshot":
            return "droplet", image
        return None
    snap = ctx.coll(volumes_mod.SNAPSHOTS).get(snapshot_id)
    return ("volume", snap) if snap is not None else None


@route("GET", "/v2/snapshots")
def list_snapshots(ctx):
    return 200, ctx.paginate("snapshots", _all(ctx, ctx.query.get("resource_type")),
                             lambda pair: _render(pair, ctx))


@route("GET", "/v2/snapshots/{snapshot_id}")
def get_snapshot(ctx, snapshot_id):
    found = _find(ctx, snapshot_id)
    if found is None:
        raise not_found()
    return 200, {"snapshot": _render(found, ctx)}


@route("DELETE", "/v2/snapshots/{snapshot_id}")
def delete_snapshot(ctx, snapshot_id):
    found = _find(ctx, snapshot_id)
    if found is None:
        raise not_found()
    kind, obj = found
    if kind == "droplet":
        images_mod.delete_private_image(ctx, obj)
    else:
        volumes_mod.delete_snapshot(ctx, obj)
    return 204, None
