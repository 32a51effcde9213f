"""VPCs: /v2/vpcs, /v2/vpcs/{vpc_id} (GET, PUT, PATCH, DELETE), /v2/vpcs/{vpc_id}/members.

Rules of the real API kept here:

* names are unique in the account and match ``^[a-zA-Z0-9\\-\\.]+$`` (the spec checks the pattern);
* ``ip_range`` is an RFC 1918 network between /16 and /28 that overlaps no other VPC of the
  account; without one a free /20 is chosen; it never changes;
* ``default`` cannot be unset from true; making a VPC the default unsets the region's
  previous default;
* the default VPC and a VPC with members cannot be deleted (403).

Default VPCs are not created automatically: a Droplet created without ``vpc_uuid`` keeps the
deterministic id droplets.py gives it, which belongs to no VPC listed here.  Members are the
Droplets whose ``vpc_uuid`` is the VPC's id.

Realism knobs: ``consistency_seconds`` (a new VPC is missing from GET and lists for a while);
``dependant_errors`` (members are also load balancers and database clusters in the VPC, and a VPC
with members answers 409 ``conflict`` "Can not delete VPC with members", the real answer; without
the knob 403) with ``dependant_release_seconds`` (the 409 goes on that long after the last member
left: Terraform's VPC delete retries 403 and 409 for this race).
"""
import ipaddress

from tests.simulator import catalog, realism
from tests.simulator.routing import on, route, seeder
from tests.simulator.state import ApiError, conflict, iso, new_uuid, not_found, unprocessable

KIND = "vpcs"
MSG_MEMBERS = "Can not delete VPC with members"
PRIVATE = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]


def render_vpc(v):
    return {
        "id": v["id"],
        "urn": "do:vpc:%s" % v["id"],
        "name": v["name"],
        "description": v["description"],
        "region": v["region"],
        "ip_range": v["ip_range"],
        "default": v["default"],
        "created_at": v["created_at"],
    }


def get_vpc_or_404(ctx, vpc_id):
    vpc = ctx.coll(KIND).get(vpc_id)
    if vpc is None:
        raise not_found()
    return realism.check_visible(ctx, vpc)


def _check_name(ctx, name, exclude=None):
    for other in ctx.coll(KIND).values():
        if other["name"] == name and other["id"] != exclude:
            raise conflict("A VPC with the name %s already exists" % name)


def _overlaps(ctx, network):
    return any(network.overlaps(ipaddress.ip_network(v["ip_range"])) for v in ctx.coll(KIND).values())


def _parse_range(ctx, text):
    try:
        network = ipaddress.ip_network(text, strict=True)
    except ValueError:
        raise unprocessable("ip_range: %r is not a valid CIDR network" % (text,))
    if network.version != 4 or not any(network.subnet_of(p) for p in PRIVATE):
        raise unprocessable("ip_range: must be within the private ranges of RFC 1918 "
                            "(10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)")
    if not 16 <= network.prefixlen <= 28:
        raise unprocessable("ip_range: the prefix must be between /16 and /28")
    if _overlaps(ctx, network):
        raise unprocessable("ip_range: %s overlaps another VPC network of the account" % network)
    return str(network)


def _free_range(ctx):
    for second in range(100, 256):
        for third in range(0, 256, 16):
            network = ipaddress.ip_network("10.%d.%d.0/20" % (second, third))
            if not _overlaps(ctx, network):
                return str(network)
    raise unprocessable("ip_range: no free /20 network is left")  # pragma: no cover


def _make_default(ctx, vpc):
    for other in ctx.coll(KIND).values():
        if other["region"] == vpc["region"] and other["id"] != vpc["id"]:
            other["default"] = False
    vpc["default"] = True


def new_vpc(ctx, name, region, ip_range=None, description=""):
    if catalog.REGIONS.get(region) is None:
        raise unprocessable("Region is not available")
    _check_name(ctx, name)
    vpc = {
        "id": new_uuid(),
        "name": name,
        "description": description or "",
        "region": region,
        "ip_range": _parse_range(ctx, ip_range) if ip_range else _free_range(ctx),
        "default": False,
        "created_at": iso(ctx.now),
    }
    ctx.coll(KIND)[vpc["id"]] = vpc
    return vpc


def _update(ctx, vpc, body, full):
    if "name" in body:
        _check_name(ctx, body["name"], exclude=vpc["id"])
    if body.get("default") is False and vpc["default"]:
        raise unprocessable("default: the default VPC of a region cannot be unset; make another "
                            "VPC of the region the default instead")
    if "name" in body:
        vpc["name"] = body["name"]
    if "description" in body:
        vpc["description"] = body["description"]
    elif full:
        vpc["description"] = ""
    if body.get("default") is True:
        _make_default(ctx, vpc)
    return 200, {"vpc": render_vpc(vpc)}


def members_of(ctx, vpc):
    return [d for d in ctx.coll("droplets").values() if d.get("vpc_uuid") == vpc["id"]]


def all_members(ctx, vpc, rtype=None):
    """(urn, record) of the Droplets, load balancers and database clusters in the VPC."""
    out = []
    if rtype in (None, "", "droplet"):
        out += [("do:droplet:%d" % d["id"], d) for d in members_of(ctx, vpc)]
    if rtype in (None, "", "load_balancer"):
        out += [("do:loadbalancer:%s" % lb["id"], lb) for lb in ctx.coll("load_balancers").values()
                if lb.get("vpc_uuid") == vpc["id"]]
    if rtype in (None, "", "database"):
        out += [("do:dbaas:%s" % db["id"], db) for db in ctx.coll("database_clusters").values()
                if db.get("private_network_uuid") == vpc["id"]]
    return out


def _member_left(field):
    def handler(ctx, record):
        vpc = ctx.coll(KIND).get(record.get(field))
        if vpc is not None:
            realism.note_release(ctx, vpc)
    return handler


on("droplet.deleted")(_member_left("vpc_uuid"))
on("load_balancer.deleted")(_member_left("vpc_uuid"))
on("database.deleted")(_member_left("private_network_uuid"))


@route("GET", "/v2/vpcs")
def list_vpcs(ctx):
    coll = ctx.coll(KIND)
    items, total = realism.listable(ctx, KIND, coll.values(), len(coll))
    return 200, ctx.paginate("vpcs", items, render_vpc, total=total)


@route("POST", "/v2/vpcs")
def create_vpc(ctx):
    body = ctx.json_body()
    vpc = new_vpc(ctx, body["name"], body["region"], body.get("ip_range"), body.get("description"))
    realism.mark_created(ctx, KIND, vpc)
    return 201, {"vpc": render_vpc(vpc)}


@route("GET", "/v2/vpcs/{vpc_id}")
def get_vpc(ctx, vpc_id):
    return 200, {"vpc": render_vpc(get_vpc_or_404(ctx, vpc_id))}


@route("PUT", "/v2/vpcs/{vpc_id}")
def put_vpc(ctx, vpc_id):
    return _update(ctx, get_vpc_or_404(ctx, vpc_id), ctx.json_body(), full=True)


@route("PATCH", "/v2/vpcs/{vpc_id}")
def patch_vpc(ctx, vpc_id):
    return _update(ctx, get_vpc_or_404(ctx, vpc_id), ctx.json_body(), full=False)


@route("DELETE", "/v2/vpcs/{vpc_id}")
def delete_vpc(ctx, vpc_id):
    vpc = get_vpc_or_404(ctx, vpc_id)
    if vpc["default"]:
        raise ApiError(403, "forbidden", "The default VPC of a region cannot be deleted.")
    if realism.enabled(ctx, "dependant_errors"):
        if all_members(ctx, vpc) or realism.recently_released(ctx, vpc):
            raise conflict(MSG_MEMBERS)
    elif members_of(ctx, vpc):
        raise ApiError(403, "forbidden", "The VPC still has members and cannot be deleted.")
    del ctx.coll(KIND)[vpc["id"]]
    return 204, None


@route("GET", "/v2/vpcs/{vpc_id}/members")
def list_vpc_members(ctx, vpc_id):
    vpc = get_vpc_or_404(ctx, vpc_id)
    rtype = ctx.query.get("resource_type")
    if realism.enabled(ctx, "dependant_errors"):
        items = all_members(ctx, vpc, rtype)
    else:
        items = [("do:droplet:%d" % d["id"], d) for d in members_of(ctx, vpc)] \
            if rtype in (None, "", "droplet") else []

    def render(pair):
        urn, record = pair
        return {"urn": urn, "name": record["name"], "created_at": record["created_at"]}
    return 200, ctx.paginate("members", items, render)


@seeder("vpcs")
def seed_vpcs(ctx, count=1, region="nyc3", name_prefix="seed", **_ignored):
    return [new_vpc(ctx, "%s-%d" % (name_prefix or "seed", i), region)["id"]
            for i in range(1, int(count) + 1)]
