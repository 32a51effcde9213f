"""NFS shares and their snapshots: /v2/nfs (GET, POST), /v2/nfs/{nfs_id} (GET, DELETE),
/v2/nfs/{nfs_id}/actions (POST), /v2/nfs/snapshots (GET), /v2/nfs/snapshots/{nfs_snapshot_id}
(GET, DELETE).

Rules of the real API kept here (reference, tags "NFS" and "NFS Actions"):

* every read, list and delete names the region (``?region=``; 400 without it), and so does every
  action (``region`` in the body): a share in another region is not found (404);
* a share needs ``name``, ``size_gib`` (at least 50, else 400), ``region`` and ``vpc_ids`` (VPCs
  of its region); names are unique in a region (409). It is ``CREATING`` for ``boot_seconds``,
  then ``ACTIVE`` with a ``host`` and a ``mount_path``;
* the actions the reference lists are ``resize`` (``params.size_gib``, never smaller), ``attach``
  and ``detach`` (``params.vpc_id``) and ``snapshot`` (``params.name``). The answer is 201 with an
  ``IN_PROGRESS`` action; its effect shows after ``action_seconds``; while one runs, another is
  refused (422), as are actions on a share that is not ``ACTIVE``;
* a snapshot is ``CREATING``, then ``ACTIVE`` after ``action_seconds``; the snapshot list filters
  on ``share_id``.

Access points and performance tiers (in the OpenAPI document, not in the reference) are not served.
"""
from tests.simulator import catalog
from tests.simulator.routing import route, seeder
from tests.simulator.state import ApiError, conflict, iso, new_uuid, not_found, unprocessable

SHARES = "nfs_shares"
SNAPSHOTS = "nfs_snapshots"
MIN_SIZE = 50


def _bad_request(message):
    return ApiError(400, "bad_request", message)


def _region(ctx, value=None):
    region = value if value is not None else ctx.query.get("region")
    if not region:
        raise _bad_request("region is required")
    return region


def _advance(ctx, share):
    pending = share.get("pending")
    if pending is not None and ctx.now >= pending["done_at"]:
        _apply(share, pending)
        share["pending"] = None
    for snapshot in ctx.coll(SNAPSHOTS).values():
        if snapshot["status"] == "CREATING" and ctx.now >= snapshot["active_at"]:
            snapshot["status"] = "ACTIVE"


def _status(ctx, share):
    return "CREATING" if ctx.now < share["active_at"] else "ACTIVE"


def render(ctx, share):
    _advance(ctx, share)
    out = {"id": share["id"], "name": share["name"], "region": share["region"], "size_gib": share["size_gib"],
           "vpc_ids": list(share["vpc_ids"]), "status": _status(ctx, share), "created_at": iso(share["created"])}
    if out["status"] == "ACTIVE":
        out.update(host="10.128.0.%d" % (share["number"] % 250 + 2), mount_path="/%s" % share["id"][:8])
    return out


def render_snapshot(snapshot):
    return {key: snapshot[key] for key in ("id", "name", "region", "size_gib", "status", "share_id")} | {
        "created_at": iso(snapshot["created"])}


def _share_or_404(ctx, nfs_id, region):
    share = ctx.coll(SHARES).get(nfs_id)
    if share is None or share["region"] != region:
        raise not_found()
    _advance(ctx, share)
    return share


def _vpc_in_region(ctx, vpc_id, region, where):
    vpc = ctx.coll("vpcs").get(vpc_id)
    if vpc is None or vpc["region"] != region:
        raise unprocessable("%s: VPC %s is not a VPC of region %s" % (where, vpc_id, region))


def new_share(ctx, name, region, size_gib, vpc_ids):
    if catalog.REGIONS.get(region) is None:
        raise unprocessable("region: %s is not available" % region)
    if size_gib < MIN_SIZE:
        raise _bad_request("Size must be greater than or equal to 50Gib")
    if any(s["name"] == name and s["region"] == region for s in ctx.coll(SHARES).values()):
        raise conflict("An NFS share named %s already exists in %s" % (name, region))
    for index, vpc_id in enumerate(vpc_ids):
        _vpc_in_region(ctx, vpc_id, region, "vpc_ids[%d]" % index)
    share = {"id": new_uuid(), "name": name, "region": region, "size_gib": size_gib, "vpc_ids": list(vpc_ids),
             "created": ctx.now, "active_at": ctx.now + float(ctx.config["boot_seconds"]), "pending": None,
             "number": ctx.state.next_id("nfs_share", 1)}
    ctx.coll(SHARES)[share["id"]] = share
    return share


@route("GET", "/v2/nfs")
def list_shares(ctx):
    region = _region(ctx)
    items = [s for s in ctx.coll(SHARES).values() if s["region"] == region]
    return 200, {"shares": [render(ctx, s) for s in items]}


@route("POST", "/v2/nfs")
def create_share(ctx):
    body = ctx.json_body()
    share = new_share(ctx, body["name"], body["region"], body["size_gib"], body["vpc_ids"])
    return 201, {"share": render(ctx, share)}


@route("GET", "/v2/nfs/{nfs_id}")
def get_share(ctx, nfs_id):
    return 200, {"share": render(ctx, _share_or_404(ctx, nfs_id, _region(ctx)))}


@route("DELETE", "/v2/nfs/{nfs_id}")
def delete_share(ctx, nfs_id):
    share = _share_or_404(ctx, nfs_id, _region(ctx))
    del ctx.coll(SHARES)[share["id"]]
    return 204, None


def _apply(share, pending):
    kind, value = pending["type"], pending.get("value")
    if kind == "resize":
        share["size_gib"] = value
    elif kind == "attach" and value not in share["vpc_ids"]:
        share["vpc_ids"].append(value)
    elif kind == "detach" and value in share["vpc_ids"]:
        share["vpc_ids"].remove(value)


@route("POST", "/v2/nfs/{nfs_id}/actions")
def post_action(ctx, nfs_id):
    body = ctx.json_body()
    share = _share_or_404(ctx, nfs_id, _region(ctx, body.get("region") or ""))
    params = body.get("params") or {}
    kind = body["type"]
    if kind not in ("resize", "attach", "detach", "snapshot"):
        raise unprocessable("type: %s is not an NFS action" % kind)
    if _status(ctx, share) != "ACTIVE":
        raise unprocessable("The NFS share is not active yet")
    if share["pending"] is not None:
        raise unprocessable("The NFS share already has a pending action")
    seconds = float(ctx.config["action_seconds"])
    if kind == "resize":
        size = params.get("size_gib")
        if not isinstance(size, int) or size < share["size_gib"]:
            raise unprocessable("params.size_gib: an NFS share can only grow (it has %d GiB)" % share["size_gib"])
        value = size
    elif kind in ("attach", "detach"):
        vpc_id = params.get("vpc_id")
        if not vpc_id:
            raise unprocessable("params.vpc_id is required")
        if kind == "attach":
            _vpc_in_region(ctx, vpc_id, share["region"], "params.vpc_id")
            if vpc_id in share["vpc_ids"]:
                raise unprocessable("The NFS share is already attached to VPC %s" % vpc_id)
            value = vpc_id
        else:
            if vpc_id not in share["vpc_ids"]:
                raise unprocessable("The NFS share is not attached to VPC %s" % vpc_id)
            value = vpc_id
    else:
        if not params.get("name"):
            raise unprocessable("params.name is required")
        snapshot = {"id": new_uuid(), "name": params["name"], "region": share["region"], "share_id": share["id"],
                    "size_gib": share["size_gib"], "status": "CREATING", "created": ctx.now,
                    "active_at": ctx.now + seconds}
        ctx.coll(SNAPSHOTS)[snapshot["id"]] = snapshot
        value = snapshot["id"]
    share["pending"] = {"done_at": ctx.now + seconds, "type": kind, "value": value}
    action = {"id": new_uuid(), "region_slug": share["region"], "resource_id": share["id"], "resource_type": "SHARE",
              "started_at": iso(ctx.now), "status": "IN_PROGRESS", "type": kind}
    return 201, {"action": action}


@route("GET", "/v2/nfs/snapshots")
def list_snapshots(ctx):
    region = _region(ctx)
    for share in ctx.coll(SHARES).values():
        _advance(ctx, share)
    items = [s for s in ctx.coll(SNAPSHOTS).values() if s["region"] == region]
    if ctx.query.get("share_id"):
        items = [s for s in items if s["share_id"] == ctx.query["share_id"]]
    return 200, {"snapshots": [render_snapshot(s) for s in items]}


def _snapshot_or_404(ctx, nfs_snapshot_id, region):
    snapshot = ctx.coll(SNAPSHOTS).get(nfs_snapshot_id)
    if snapshot is None or snapshot["region"] != region:
        raise not_found()
    if snapshot["status"] == "CREATING" and ctx.now >= snapshot["active_at"]:
        snapshot["status"] = "ACTIVE"
    return snapshot


@route("GET", "/v2/nfs/snapshots/{nfs_snapshot_id}")
def get_snapshot(ctx, nfs_snapshot_id):
    return 200, {"snapshot": render_snapshot(_snapshot_or_404(ctx, nfs_snapshot_id, _region(ctx)))}


@route("DELETE", "/v2/nfs/snapshots/{nfs_snapshot_id}")
def delete_snapshot(ctx, nfs_snapshot_id):
    snapshot = _snapshot_or_404(ctx, nfs_snapshot_id, _region(ctx))
    del ctx.coll(SNAPSHOTS)[snapshot["id"]]
    return 204, None


@seeder("nfs_shares")
def seed_shares(ctx, count=1, region="nyc3", size_gib=50, vpc_ids=(), name_prefix="share", **_ignored):
    return [new_share(ctx, "%s-%d" % (name_prefix or "share", i), region, int(size_gib), list(vpc_ids or ()))["id"]
            for i in range(1, int(count) + 1)]
