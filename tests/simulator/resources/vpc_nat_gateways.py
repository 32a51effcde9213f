"""VPC NAT gateways: /v2/vpc_nat_gateways (GET with the name, region, state and type filters, POST)
and /v2/vpc_nat_gateways/{id} (GET, PUT, DELETE).

Rules of the real API kept here (reference, tag "VPC NAT Gateways"):

* a gateway has a name, a region, a size, the type ``PUBLIC``, the VPCs it serves (each
  ``vpc_uuid``, optionally ``default_gateway``) and UDP, ICMP and TCP timeouts (defaults 30, 30
  and 300 seconds); the VPCs must exist and be in the gateway's region (422);
* the POST answers 202; the gateway is ``NEW``, then ``PROVISIONING`` and ``ACTIVE`` after
  ``boot_seconds``, with one public egress address and a gateway address in each VPC;
* PUT requires ``name`` and ``size``; what it leaves out keeps its value; the region never changes;
* the DELETE answers 202; the gateway reads ``DELETING`` for ``action_seconds`` (at least 1 s) and is then gone.

The GET shape (``vpc_nat_gateway_get``) lists each VPC's ``vpc_uuid`` and ``gateway_ip``; this
simulator also answers ``default_gateway`` there, which the schema does not forbid.
"""
import ipaddress

from tests.simulator.routing import route, seeder
from tests.simulator.state import iso, new_uuid, not_found, unprocessable

KIND = "vpc_nat_gateways"
# A deletion shows (status deleting) at least this long, however quick the actions are.
DELETE_SECONDS = 1.0
DEFAULT_TIMEOUTS = {"udp_timeout_seconds": 30, "icmp_timeout_seconds": 30, "tcp_timeout_seconds": 300}
FIRST_EGRESS = int(ipaddress.IPv4Address("138.197.0.10"))


def _sweep(ctx):
    coll = ctx.coll(KIND)
    for gateway_id in [g["id"] for g in coll.values()
                       if g.get("deleted_at") is not None and ctx.now >= g["deleted_at"]]:
        del coll[gateway_id]


def _state(ctx, gateway):
    if gateway.get("deleted_at") is not None:
        return "DELETING"
    if ctx.now < gateway["created"] + float(ctx.config["boot_seconds"]) / 2:
        return "NEW"
    if ctx.now < gateway["active_at"]:
        return "PROVISIONING"
    return "ACTIVE"


def render(ctx, gateway):
    out = {
        "id": gateway["id"],
        "name": gateway["name"],
        "type": "PUBLIC",
        "state": _state(ctx, gateway),
        "region": gateway["region"],
        "size": gateway["size"],
        "vpcs": [dict(vpc) for vpc in gateway["vpcs"]],
        "egresses": {"public_gateways": [{"ipv4": gateway["egress"]}]},
        "created_at": iso(gateway["created"]),
        "updated_at": iso(gateway["updated"]),
    }
    out.update({key: gateway[key] for key in DEFAULT_TIMEOUTS})
    return out


def _get_or_404(ctx, gateway_id):
    _sweep(ctx)
    gateway = ctx.coll(KIND).get(gateway_id)
    if gateway is None:
        raise not_found()
    return gateway


def _vpcs(ctx, region, items):
    out = []
    seen = set()
    for index, item in enumerate(items):
        vpc = ctx.coll("vpcs").get(item["vpc_uuid"])
        if vpc is None:
            raise unprocessable("vpcs[%d].vpc_uuid: VPC %s not found" % (index, item["vpc_uuid"]))
        if vpc["region"] != region:
            raise unprocessable("vpcs[%d].vpc_uuid: VPC %s is in %s, the NAT gateway in %s"
                                % (index, vpc["id"], vpc["region"], region))
        if vpc["id"] in seen:
            raise unprocessable("vpcs[%d].vpc_uuid: VPC %s is listed twice" % (index, vpc["id"]))
        seen.add(vpc["id"])
        network = ipaddress.ip_network(vpc["ip_range"])
        out.append({"vpc_uuid": vpc["id"], "gateway_ip": str(network.network_address + 2),
                    "default_gateway": bool(item.get("default_gateway", False))})
    return out


def _positive(body, key):
    if key in body and body[key] < 1:
        raise unprocessable("%s: must be at least 1" % key)


def new_gateway(ctx, body):
    _sweep(ctx)
    for key in ("size",) + tuple(DEFAULT_TIMEOUTS):
        _positive(body, key)
    if not body["vpcs"]:
        raise unprocessable("vpcs: a VPC NAT gateway serves at least one VPC")
    gateway = {
        "id": new_uuid(), "name": body["name"], "region": body["region"], "size": body["size"],
        "vpcs": _vpcs(ctx, body["region"], body["vpcs"]),
        "egress": str(ipaddress.IPv4Address(FIRST_EGRESS + ctx.state.next_id("nat_egress", 0))),
        "created": ctx.now, "updated": ctx.now, "active_at": ctx.now + float(ctx.config["boot_seconds"]),
        "deleted_at": None,
    }
    for key, default in DEFAULT_TIMEOUTS.items():
        gateway[key] = body.get(key, default)
    ctx.coll(KIND)[gateway["id"]] = gateway
    return gateway


@route("GET", "/v2/vpc_nat_gateways")
def list_gateways(ctx):
    _sweep(ctx)
    items = list(ctx.coll(KIND).values())
    for param in ("name", "region"):
        if ctx.query.get(param):
            items = [g for g in items if g[param] == ctx.query[param]]
    if ctx.query.get("state"):
        items = [g for g in items if _state(ctx, g).lower() == ctx.query["state"]]
    return 200, ctx.paginate("vpc_nat_gateways", items, lambda g: render(ctx, g))


@route("POST", "/v2/vpc_nat_gateways")
def create_gateway(ctx):
    gateway = new_gateway(ctx, ctx.json_body())
    out = render(ctx, gateway)
    for vpc in out["vpcs"]:
        del vpc["gateway_ip"]   # the create shape lists vpc_uuid and default_gateway
    for key in ("id", "state", "egresses", "created_at", "updated_at"):
        del out[key]
    out["id"] = gateway["id"]
    return 202, {"vpc_nat_gateway": out}


@route("GET", "/v2/vpc_nat_gateways/{id}")
def get_gateway(ctx, id):  # pylint: disable=redefined-builtin
    return 200, {"vpc_nat_gateway": render(ctx, _get_or_404(ctx, id))}


@route("PUT", "/v2/vpc_nat_gateways/{id}")
def put_gateway(ctx, id):  # pylint: disable=redefined-builtin
    gateway = _get_or_404(ctx, id)
    body = ctx.json_body()
    if gateway.get("deleted_at") is not None:
        raise unprocessable("The VPC NAT gateway is being deleted")
    for key in ("size",) + tuple(DEFAULT_TIMEOUTS):
        _positive(body, key)
    if "vpcs" in body:
        if not body["vpcs"]:
            raise unprocessable("vpcs: a VPC NAT gateway serves at least one VPC")
        gateway["vpcs"] = _vpcs(ctx, gateway["region"], body["vpcs"])
    gateway["name"] = body["name"]
    gateway["size"] = body["size"]
    for key in DEFAULT_TIMEOUTS:
        if key in body:
            gateway[key] = body[key]
    gateway["updated"] = ctx.now
    out = render(ctx, gateway)
    for vpc in out["vpcs"]:
        del vpc["gateway_ip"]
    return 200, {"vpc_nat_gateway": {key: out[key] for key in ("name", "size", "vpcs") + tuple(DEFAULT_TIMEOUTS)}}


@route("DELETE", "/v2/vpc_nat_gateways/{id}")
def delete_gateway(ctx, id):  # pylint: disable=redefined-builtin
    gateway = _get_or_404(ctx, id)
    if gateway.get("deleted_at") is None:
        gateway["deleted_at"] = ctx.now + max(DELETE_SECONDS, float(ctx.config["action_seconds"]))
    return 202, None


@seeder("vpc_nat_gateways")
def seed_gateways(ctx, count=1, vpc_uuid=None, region="nyc3", name_prefix="nat", **_ignored):
    return [new_gateway(ctx, {"name": "%s-%d" % (name_prefix or "nat", i), "region": region, "size": 1,
                              "type": "PUBLIC", "vpcs": [{"vpc_uuid": vpc_uuid}]})["id"]
            for i in range(1, int(count) + 1)]
