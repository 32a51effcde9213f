"""VPC peerings: /v2/vpc_peerings, /v2/vpc_peerings/{vpc_peering_id} (GET, PATCH, DELETE) and
/v2/vpcs/{vpc_id}/peerings (GET).

Rules of the real API kept here (reference, tag "VPC Peerings"):

* a peering joins exactly two VPCs of the account (``vpc_ids``); a VPC cannot be peered with
  itself, a VPC the account does not have is refused, and two VPCs are peered at most once;
* names are unique in the team and match ``^[a-zA-Z0-9-]+$`` (the spec checks the pattern);
* the POST answers 202 with status ``PROVISIONING``; the peering is ``ACTIVE`` after
  ``boot_seconds``; only the name changes (PATCH);
* the DELETE answers 202 with status ``DELETING``; the peering is gone after ``action_seconds`` (at least 1 s);

``GET /v2/vpc_peerings?region=`` lists the peerings of which one VPC is in that region.
"""
from tests.simulator.routing import route, seeder
from tests.simulator.state import conflict, iso, new_uuid, not_found, unprocessable

KIND = "vpc_peerings"
# A deletion shows (status deleting) at least this long, however quick the actions are.
DELETE_SECONDS = 1.0


def _sweep(ctx):
    coll = ctx.coll(KIND)
    for peering_id in [p["id"] for p in coll.values()
                       if p.get("deleted_at") is not None and ctx.now >= p["deleted_at"]]:
        del coll[peering_id]


def _status(ctx, peering):
    if peering.get("deleted_at") is not None:
        return "DELETING"
    if ctx.now < peering["active_at"]:
        return "PROVISIONING"
    return "ACTIVE"


def render(ctx, peering):
    return {
        "id": peering["id"],
        "name": peering["name"],
        "vpc_ids": list(peering["vpc_ids"]),
        "status": _status(ctx, peering),
        "created_at": iso(peering["created"]),
    }


def _get_or_404(ctx, peering_id):
    _sweep(ctx)
    peering = ctx.coll(KIND).get(peering_id)
    if peering is None:
        raise not_found()
    return peering


def _check_name(ctx, name, exclude=None):
    for other in ctx.coll(KIND).values():
        if other["name"] == name and other["id"] != exclude:
            raise conflict("A VPC peering with the name %s already exists" % name)


def new_peering(ctx, name, vpc_ids):
    _sweep(ctx)
    if len(vpc_ids) != 2 or vpc_ids[0] == vpc_ids[1]:
        raise unprocessable("vpc_ids: a VPC peering joins two different VPCs")
    vpcs = ctx.coll("vpcs")
    for vpc_id in vpc_ids:
        if vpc_id not in vpcs:
            raise unprocessable("vpc_ids: VPC %s not found" % vpc_id)
    _check_name(ctx, name)
    for other in ctx.coll(KIND).values():
        if set(other["vpc_ids"]) == set(vpc_ids):
            raise conflict("The VPCs are already peered (VPC peering %s)" % other["name"])
    peering = {"id": new_uuid(), "name": name, "vpc_ids": list(vpc_ids), "created": ctx.now,
               "active_at": ctx.now + float(ctx.config["boot_seconds"]), "deleted_at": None}
    ctx.coll(KIND)[peering["id"]] = peering
    return peering


def peerings_of(ctx, vpc_id):
    _sweep(ctx)
    return [p for p in ctx.coll(KIND).values() if vpc_id in p["vpc_ids"]]


@route("GET", "/v2/vpc_peerings")
def list_peerings(ctx):
    _sweep(ctx)
    items = list(ctx.coll(KIND).values())
    region = ctx.query.get("region")
    if region:
        vpcs = ctx.coll("vpcs")
        items = [p for p in items if any((vpcs.get(v) or {}).get("region") == region for v in p["vpc_ids"])]
    return 200, ctx.paginate("vpc_peerings", items, lambda p: render(ctx, p))


@route("POST", "/v2/vpc_peerings")
def create_peering(ctx):
    body = ctx.json_body()
    peering = new_peering(ctx, body["name"], body["vpc_ids"])
    return 202, {"vpc_peering": render(ctx, peering)}


@route("GET", "/v2/vpc_peerings/{vpc_peering_id}")
def get_peering(ctx, vpc_peering_id):
    return 200, {"vpc_peering": render(ctx, _get_or_404(ctx, vpc_peering_id))}


@route("PATCH", "/v2/vpc_peerings/{vpc_peering_id}")
def patch_peering(ctx, vpc_peering_id):
    peering = _get_or_404(ctx, vpc_peering_id)
    body = ctx.json_body()
    if peering.get("deleted_at") is not None:
        raise unprocessable("The VPC peering is being deleted")
    _check_name(ctx, body["name"], exclude=peering["id"])
    peering["name"] = body["name"]
    return 200, {"vpc_peering": render(ctx, peering)}


@route("DELETE", "/v2/vpc_peerings/{vpc_peering_id}")
def delete_peering(ctx, vpc_peering_id):
    peering = _get_or_404(ctx, vpc_peering_id)
    if peering.get("deleted_at") is None:
        peering["deleted_at"] = ctx.now + max(DELETE_SECONDS, float(ctx.config["action_seconds"]))
    return 202, {"vpc_peering": render(ctx, peering)}


@route("GET", "/v2/vpcs/{vpc_id}/peerings")
def list_vpc_peerings(ctx, vpc_id):
    if vpc_id not in ctx.coll("vpcs"):
        raise not_found()
    return 200, ctx.paginate("peerings", peerings_of(ctx, vpc_id), lambda p: render(ctx, p))


@seeder("vpc_peerings")
def seed_peerings(ctx, count=1, vpc_ids=None, name_prefix="peering", **_ignored):
    return [new_peering(ctx, "%s-%d" % (name_prefix or "peering", i), vpc_ids)["id"]
            for i in range(1, int(count) + 1)]
