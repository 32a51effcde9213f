"""Reserved IPs: /v2/reserved_ips, /v2/reserved_ips/{reserved_ip} and its actions.

Rules of the real API kept here:

* create with ``droplet_id`` (assigned at once, the answer links the ``assign_ip`` action) or with
  ``region`` (reserved to the region, unassigned) - never both (the spec's oneOf);
* ``assign`` moves the IP to a Droplet of the same region, also away from another Droplet;
  a Droplet holds at most one reserved IP; ``unassign`` needs an assigned IP;
* while an action runs the IP is ``locked`` and further actions get 422;
* an assigned IP cannot be deleted: unassign it first (422).

A deleted Droplet loses its reserved IP (``droplet.deleted``): the IP stays, unassigned.
Deleting a reserved IP emits ``reserved_ip.deleted``.

The legacy /v2/floating_ips endpoints (floating_ips.py) serve the same objects through the
functions here, with ``floating_ip(s)`` keys.

Realism knobs: ``busy_droplets`` (assigning to a busy Droplet, also on create, answers 422
"Droplet already has a pending event." and the assignment keeps the Droplet busy),
``special_rate_limits`` (12 creates per 60 s, reserved and floating IPs together),
``reserved_ip_projects`` (the IP is a project resource ``do:floatingip:<ip>``; its
``project_id`` is that project's id).
"""
import ipaddress

from tests.simulator import catalog, realism
from tests.simulator.resources import actions as actions_mod
from tests.simulator.resources import droplets as droplets_mod
from tests.simulator.resources import projects as projects_mod
from tests.simulator.routing import emit, on, route, seeder
from tests.simulator.state import not_found, unprocessable

KIND = "reserved_ips"
PROJECT_ID = "746c6152-2fa2-11ed-92d3-27aaa54e4988"
FIRST_ADDRESS = int(ipaddress.IPv4Address("45.55.0.10"))
CREATES_PER_WINDOW = 12
CREATE_WINDOW_SECONDS = 60.0


def _pending(ctx, rip):
    aid = rip.get("pending_action")
    action = ctx.coll(actions_mod.KIND).get(aid) if aid is not None else None
    if action is None or actions_mod.is_done(ctx, action):
        rip["pending_action"] = None
        return None
    return action


def urn(rip):
    return "do:floatingip:%s" % rip["ip"]


def project_id(ctx, rip):
    if realism.enabled(ctx, "reserved_ip_projects"):
        return projects_mod.project_of(ctx, urn(rip))
    return PROJECT_ID


def render_reserved_ip(ctx, rip):
    droplet = ctx.coll("droplets").get(rip["droplet_id"]) if rip["droplet_id"] else None
    return {
        "ip": rip["ip"],
        "droplet": droplets_mod.render_droplet(ctx, droplet) if droplet else None,
        "region": catalog.REGIONS[rip["region"]],
        "locked": _pending(ctx, rip) is not None,
        "project_id": project_id(ctx, rip),
    }


def get_reserved_ip_or_404(ctx, address):
    rip = ctx.coll(KIND).get(address)
    if rip is None:
        raise not_found()
    return rip


def holder_of(ctx, droplet_id):
    for rip in ctx.coll(KIND).values():
        if rip["droplet_id"] == droplet_id:
            return rip
    return None


def _droplet(ctx, droplet_id):
    droplet = ctx.coll("droplets").get(droplet_id)
    if droplet is None:
        raise unprocessable("droplet_id: Droplet %s could not be found" % (droplet_id,))
    return droplet


def new_reserved_ip(ctx, region):
    if catalog.REGIONS.get(region) is None:
        raise unprocessable("Region is not available")
    address = str(ipaddress.IPv4Address(FIRST_ADDRESS + ctx.state.next_id("reserved_ip", 0)))
    rip = {"ip": address, "region": region, "droplet_id": None, "pending_action": None, "action_ids": []}
    ctx.coll(KIND)[address] = rip
    return rip


def _action(ctx, rip, action_type):
    action = actions_mod.create_action(ctx, action_type, int(ipaddress.IPv4Address(rip["ip"])),
                                       "reserved_ip", rip["region"])
    rip["action_ids"].append(action["id"])
    rip["pending_action"] = action["id"]
    return action


def _render_action(ctx, action):
    out = actions_mod.render_action(ctx, action)
    rip = ctx.coll(KIND).get(str(ipaddress.IPv4Address(action["resource_id"])))
    out["project_id"] = project_id(ctx, rip) if rip is not None else PROJECT_ID
    return out


def _require_idle(ctx, droplet):
    if realism.enabled(ctx, "busy_droplets"):
        droplets_mod.require_idle(ctx, droplet)


def assign(ctx, rip, droplet):
    _require_idle(ctx, droplet)
    if droplet["region"] != rip["region"]:
        raise unprocessable("droplet_id: the Droplet is in %s, the reserved IP in %s"
                            % (droplet["region"], rip["region"]))
    if rip["droplet_id"] == droplet["id"]:
        raise unprocessable("The reserved IP is already assigned to this Droplet.")
    other = holder_of(ctx, droplet["id"])
    if other is not None:
        raise unprocessable("Droplet %s already has the reserved IP %s." % (droplet["id"], other["ip"]))
    rip["droplet_id"] = droplet["id"]
    action = _action(ctx, rip, "assign_ip")
    if realism.enabled(ctx, "busy_droplets"):
        droplets_mod.keep_busy(ctx, droplet, action["duration"])
    return action


# The handlers below serve both /v2/reserved_ips (key "reserved_ip") and the legacy
# /v2/floating_ips (key "floating_ip", floating_ips.py).
def list_ips(ctx, key="reserved_ip"):
    coll = ctx.coll(KIND)
    return 200, ctx.paginate(key + "s", coll.values(), lambda r: render_reserved_ip(ctx, r),
                             total=len(coll))


def create_ip(ctx, key="reserved_ip"):
    body = ctx.json_body()
    if realism.enabled(ctx, "special_rate_limits"):
        realism.window_limit(ctx, "reserved_ip_creates", CREATES_PER_WINDOW, CREATE_WINDOW_SECONDS,
                             "API Rate limit exceeded: only %d reserved IPs may be created per %d "
                             "seconds." % (CREATES_PER_WINDOW, CREATE_WINDOW_SECONDS))
    projects = realism.enabled(ctx, "reserved_ip_projects")
    if body.get("droplet_id") is not None:
        droplet = _droplet(ctx, body["droplet_id"])
        if holder_of(ctx, droplet["id"]) is not None:
            raise unprocessable("Droplet %s already has a reserved IP." % droplet["id"])
        _require_idle(ctx, droplet)
        rip = new_reserved_ip(ctx, droplet["region"])
        action = assign(ctx, rip, droplet)
        if projects:   # it joins the project of its Droplet (doctl's --project-id help)
            projects_mod.place(ctx, urn(rip), projects_mod.project_of(ctx, "do:droplet:%d" % droplet["id"]))
        links = {"droplets": [{"id": droplet["id"], "rel": "droplet",
                               "href": ctx.url("/v2/droplets/%d" % droplet["id"])}],
                 "actions": [actions_mod.action_link(ctx, action, "assign_ip")]}
        return 202, {key: render_reserved_ip(ctx, rip), "links": links}
    rip = new_reserved_ip(ctx, body.get("region"))
    if projects and body.get("project_id"):
        projects_mod.place(ctx, urn(rip), body["project_id"])
    return 202, {key: render_reserved_ip(ctx, rip), "links": {}}


def get_ip(ctx, address, key="reserved_ip"):
    return 200, {key: render_reserved_ip(ctx, get_reserved_ip_or_404(ctx, address))}


def delete_ip(ctx, address):
    rip = get_reserved_ip_or_404(ctx, address)
    if rip["droplet_id"]:
        raise unprocessable("The reserved IP is assigned to a Droplet: unassign it before deleting it.")
    del ctx.coll(KIND)[rip["ip"]]
    emit(ctx, "reserved_ip.deleted", rip)
    return 204, None


def post_action(ctx, address):
    rip = get_reserved_ip_or_404(ctx, address)
    body = ctx.json_body()
    if _pending(ctx, rip) is not None:
        raise unprocessable("The reserved IP already has a pending event.")
    if body["type"] == "assign":
        action = assign(ctx, rip, _droplet(ctx, body["droplet_id"]))
    else:
        if not rip["droplet_id"]:
            raise unprocessable("The reserved IP is not assigned to a Droplet.")
        holder = ctx.coll("droplets").get(rip["droplet_id"])
        if holder is not None:
            _require_idle(ctx, holder)
        rip["droplet_id"] = None
        action = _action(ctx, rip, "unassign_ip")
        if holder is not None and realism.enabled(ctx, "busy_droplets"):
            droplets_mod.keep_busy(ctx, holder, action["duration"])
    return 201, {"action": _render_action(ctx, action)}


def list_actions(ctx, address):
    rip = get_reserved_ip_or_404(ctx, address)
    coll = ctx.coll(actions_mod.KIND)
    items = [coll[i] for i in rip["action_ids"] if i in coll]
    return 200, ctx.paginate("actions", items, lambda a: _render_action(ctx, a))


def get_action(ctx, address, action_id):
    rip = get_reserved_ip_or_404(ctx, address)
    action = actions_mod.get_action_or_404(ctx, action_id)
    if action["id"] not in rip["action_ids"]:
        raise not_found()
    return 200, {"action": _render_action(ctx, action)}


@route("GET", "/v2/reserved_ips")
def list_reserved_ips(ctx):
    return list_ips(ctx)


@route("POST", "/v2/reserved_ips")
def create_reserved_ip(ctx):
    return create_ip(ctx)


@route("GET", "/v2/reserved_ips/{reserved_ip}")
def get_reserved_ip(ctx, reserved_ip):
    return get_ip(ctx, reserved_ip)


@route("DELETE", "/v2/reserved_ips/{reserved_ip}")
def delete_reserved_ip(ctx, reserved_ip):
    return delete_ip(ctx, reserved_ip)


@route("POST", "/v2/reserved_ips/{reserved_ip}/actions")
def post_reserved_ip_action(ctx, reserved_ip):
    return post_action(ctx, reserved_ip)


@route("GET", "/v2/reserved_ips/{reserved_ip}/actions")
def list_reserved_ip_actions(ctx, reserved_ip):
    return list_actions(ctx, reserved_ip)


@route("GET", "/v2/reserved_ips/{reserved_ip}/actions/{action_id}")
def get_reserved_ip_action(ctx, reserved_ip, action_id):
    return get_action(ctx, reserved_ip, action_id)


@on("droplet.deleted")
def _unassign_from_deleted_droplet(ctx, droplet):
    rip = holder_of(ctx, droplet["id"])
    if rip is not None:
        rip["droplet_id"] = None


@seeder("reserved_ips")
def seed_reserved_ips(ctx, count=1, region="nyc3", **_ignored):
    return [new_reserved_ip(ctx, region)["ip"] for _ip in range(int(count))]
