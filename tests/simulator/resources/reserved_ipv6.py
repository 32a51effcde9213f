"""Reserved IPv6: /v2/reserved_ipv6, /v2/reserved_ipv6/{reserved_ipv6} and its actions (POST).

Rules of the real API kept here (reference, tags "Reserved IPv6" and "Reserved IPv6 Actions"):

* create with ``region_slug`` only: a new reserved IPv6 is unassigned;
* ``assign`` moves the address to a Droplet of the same region with IPv6 enabled, also away from
  another Droplet; a Droplet holds at most one reserved IPv6; ``unassign`` needs an assigned one;
* while an action runs, further actions get 422; actions are ``assign_ip`` / ``unassign_ip`` of
  resource type ``reserved_ipv6``, awaited through /v2/actions/{id};
* an assigned reserved IPv6 cannot be deleted: unassign it first (422).

A deleted Droplet loses its reserved IPv6 (``droplet.deleted``): the address stays, unassigned.
"""
import ipaddress

from tests.simulator import catalog
from tests.simulator.resources import actions as actions_mod
from tests.simulator.resources import droplets as droplets_mod
from tests.simulator.routing import on, route, seeder
from tests.simulator.state import iso, not_found, unprocessable

KIND = "reserved_ipv6"
PREFIX = "2604:a880:4:1d0::%x:%x"


def _pending(ctx, rip):
    action = ctx.coll(actions_mod.KIND).get(rip.get("pending_action"))
    if action is None or actions_mod.is_done(ctx, action):
        rip["pending_action"] = None
        return None
    return action


def render(ctx, rip):
    droplet = ctx.coll("droplets").get(rip["droplet_id"]) if rip["droplet_id"] else None
    return {
        "ip": rip["ip"],
        "region_slug": rip["region"],
        "reserved_at": iso(rip["reserved"]),
        "droplet": droplets_mod.render_droplet(ctx, droplet) if droplet else None,
    }


def _canonical(address):
    try:
        return str(ipaddress.IPv6Address(address.strip()))
    except ValueError:
        return address


def _get_or_404(ctx, address):
    rip = ctx.coll(KIND).get(_canonical(address))
    if rip is None:
        raise not_found()
    return rip


def holder_of(ctx, droplet_id):
    for rip in ctx.coll(KIND).values():
        if rip["droplet_id"] == droplet_id:
            return rip
    return None


def new_reserved_ipv6(ctx, region):
    if catalog.REGIONS.get(region) is None:
        raise unprocessable("region_slug: Region %s is not available" % (region,))
    number = ctx.state.next_id("reserved_ipv6", 1)
    rip = {"ip": _canonical(PREFIX % (number // 65536, number % 65536)), "region": region, "droplet_id": None,
           "pending_action": None, "number": number, "reserved": ctx.now}
    ctx.coll(KIND)[rip["ip"]] = rip
    return rip


def _action(ctx, rip, action_type):
    action = actions_mod.create_action(ctx, action_type, rip["number"], "reserved_ipv6", rip["region"])
    rip["pending_action"] = action["id"]
    return action


def _assign(ctx, rip, droplet_id):
    droplet = ctx.coll("droplets").get(droplet_id)
    if droplet is None:
        raise unprocessable("droplet_id: Droplet %s could not be found" % (droplet_id,))
    if droplet["region"] != rip["region"]:
        raise unprocessable("droplet_id: the Droplet is in %s, the reserved IPv6 in %s"
                            % (droplet["region"], rip["region"]))
    if "ipv6" not in (droplet.get("features") or []):
        raise unprocessable("droplet_id: IPv6 is not enabled on Droplet %s" % droplet_id)
    if rip["droplet_id"] == droplet_id:
        raise unprocessable("The reserved IPv6 is already assigned to this Droplet.")
    other = holder_of(ctx, droplet_id)
    if other is not None:
        raise unprocessable("Droplet %s already has the reserved IPv6 %s." % (droplet_id, other["ip"]))
    rip["droplet_id"] = droplet_id
    return _action(ctx, rip, "assign_ip")


@route("GET", "/v2/reserved_ipv6")
def list_reserved_ipv6(ctx):
    coll = ctx.coll(KIND)
    return 200, ctx.paginate("reserved_ipv6s", coll.values(), lambda r: render(ctx, r), total=len(coll))


@route("POST", "/v2/reserved_ipv6")
def create_reserved_ipv6(ctx):
    rip = new_reserved_ipv6(ctx, ctx.json_body()["region_slug"])
    out = render(ctx, rip)
    del out["droplet"]
    return 201, {"reserved_ipv6": out}


@route("GET", "/v2/reserved_ipv6/{reserved_ipv6}")
def get_reserved_ipv6(ctx, reserved_ipv6):
    return 200, {"reserved_ipv6": render(ctx, _get_or_404(ctx, reserved_ipv6))}


@route("DELETE", "/v2/reserved_ipv6/{reserved_ipv6}")
def delete_reserved_ipv6(ctx, reserved_ipv6):
    rip = _get_or_404(ctx, reserved_ipv6)
    if rip["droplet_id"]:
        raise unprocessable("The reserved IPv6 is assigned to a Droplet: unassign it before deleting it.")
    del ctx.coll(KIND)[rip["ip"]]
    return 204, None


@route("POST", "/v2/reserved_ipv6/{reserved_ipv6}/actions")
def post_reserved_ipv6_action(ctx, reserved_ipv6):
    rip = _get_or_404(ctx, reserved_ipv6)
    body = ctx.json_body()
    if _pending(ctx, rip) is not None:
        raise unprocessable("The reserved IPv6 already has a pending event.")
    if body["type"] == "assign":
        action = _assign(ctx, rip, body["droplet_id"])
    else:
        if not rip["droplet_id"]:
            raise unprocessable("The reserved IPv6 is not assigned to a Droplet.")
        rip["droplet_id"] = None
        action = _action(ctx, rip, "unassign_ip")
    return 201, {"action": actions_mod.render_action(ctx, action)}


@on("droplet.deleted")
def _unassign_from_deleted_droplet(ctx, droplet):
    rip = holder_of(ctx, droplet["id"])
    if rip is not None:
        rip["droplet_id"] = None


@seeder("reserved_ipv6")
def seed_reserved_ipv6(ctx, count=1, region="nyc3", **_ignored):
    return [new_reserved_ipv6(ctx, region)["ip"] for _ip in range(int(count))]
