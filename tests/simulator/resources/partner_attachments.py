"""Partner Network Connect attachments: /v2/partner_network_connect/attachments (GET, POST),
.../attachments/{pa_id} (GET, PATCH, DELETE), .../service_key (GET, POST), .../bgp_auth_key and
.../remote_routes (GET).

Rules of the real API kept here (reference, tag "Partner Network Connect"):

* an attachment needs ``name`` (letters, digits, ``-`` and ``.``, unique: 409),
  ``connection_bandwidth_in_mbps`` (1000, 2000, 5000 or 10000), ``region`` (nyc, sfo, fra, ams, sgp),
  ``naas_provider`` and ``vpc_ids`` (existing VPCs, at least one); ``bgp`` is optional. The POST
  answers 202 with state ``CREATED``; the attachment is ``active`` once the partner side connected
  (the simulator: after ``boot_seconds``);
* PATCH changes one of ``name``, ``vpc_ids`` or ``bgp`` (the spec's anyOf); bandwidth, region and
  provider never change;
* DELETE answers 202 with the attachment ``DELETING``; it is gone after ``action_seconds``
  (at least 1 s);
* the BGP auth key is answered by its own endpoint, never in the attachment.
"""
from tests.simulator.routing import route
from tests.simulator.state import conflict, iso, new_uuid, not_found, unprocessable

KIND = "partner_attachments"
DELETE_SECONDS = 1.0
BASE = "/v2/partner_network_connect/attachments"


def _sweep(ctx):
    coll = ctx.coll(KIND)
    for pa_id in [a["id"] for a in coll.values() if a.get("deleted_at") is not None and ctx.now >= a["deleted_at"]]:
        del coll[pa_id]


def _state(ctx, attachment):
    if attachment.get("deleted_at") is not None:
        return "DELETING"
    return "CREATED" if ctx.now < attachment["active_at"] else "active"


def render(ctx, attachment):
    out = {key: attachment[key] for key in ("id", "name", "region", "naas_provider", "connection_bandwidth_in_mbps")}
    out.update(vpc_ids=list(attachment["vpc_ids"]), state=_state(ctx, attachment),
               created_at=iso(attachment["created"]), bgp={key: value for key, value in attachment["bgp"].items()
                                                           if key != "auth_key"})
    if attachment.get("parent_uuid"):
        out["parent_uuid"] = attachment["parent_uuid"]
    return out


def _get_or_404(ctx, pa_id):
    _sweep(ctx)
    attachment = ctx.coll(KIND).get(pa_id)
    if attachment is None:
        raise not_found()
    return attachment


def _vpcs(ctx, vpc_ids):
    if not vpc_ids:
        raise unprocessable("vpc_ids: at least one VPC is required")
    for vpc_id in vpc_ids:
        if vpc_id not in ctx.coll("vpcs"):
            raise unprocessable("vpc_ids: VPC %s not found" % vpc_id)
    return list(vpc_ids)


def _bgp(body):
    bgp = body.get("bgp") or {}
    if not bgp:
        return {}
    return {"local_router_ip": bgp["local_router_ip"], "peer_router_ip": bgp["peer_router_ip"],
            "peer_asn": bgp["peer_router_asn"], "local_asn": 64532, "auth_key": bgp["auth_key"]}


def _check_name(ctx, name, exclude=None):
    if any(a["name"] == name and a["id"] != exclude for a in ctx.coll(KIND).values()):
        raise conflict("A partner attachment named %s already exists" % name)


@route("GET", BASE)
def list_attachments(ctx):
    _sweep(ctx)
    return 200, ctx.paginate("partner_attachments", list(ctx.coll(KIND).values()), lambda a: render(ctx, a))


@route("POST", BASE)
def create_attachment(ctx):
    body = ctx.json_body()
    _sweep(ctx)
    _check_name(ctx, body["name"])
    attachment = {"id": new_uuid(), "name": body["name"], "region": body["region"],
                  "naas_provider": body["naas_provider"],
                  "connection_bandwidth_in_mbps": body["connection_bandwidth_in_mbps"],
                  "vpc_ids": _vpcs(ctx, body["vpc_ids"]), "bgp": _bgp(body), "parent_uuid": body.get("parent_uuid"),
                  "created": ctx.now, "active_at": ctx.now + float(ctx.config["boot_seconds"]), "deleted_at": None}
    ctx.coll(KIND)[attachment["id"]] = attachment
    return 202, {"partner_attachment": render(ctx, attachment)}


@route("GET", BASE + "/{pa_id}")
def get_attachment(ctx, pa_id):
    return 200, {"partner_attachment": render(ctx, _get_or_404(ctx, pa_id))}


@route("PATCH", BASE + "/{pa_id}")
def patch_attachment(ctx, pa_id):
    attachment = _get_or_404(ctx, pa_id)
    body = ctx.json_body()
    if attachment.get("deleted_at") is not None:
        raise unprocessable("The partner attachment is being deleted")
    if "name" in body:
        _check_name(ctx, body["name"], exclude=attachment["id"])
        attachment["name"] = body["name"]
    if "vpc_ids" in body:
        attachment["vpc_ids"] = _vpcs(ctx, body["vpc_ids"])
    if body.get("bgp"):
        attachment["bgp"] = _bgp(body)
    return 202, {"partner_attachment": render(ctx, attachment)}


@route("DELETE", BASE + "/{pa_id}")
def delete_attachment(ctx, pa_id):
    attachment = _get_or_404(ctx, pa_id)
    if attachment.get("deleted_at") is None:
        attachment["deleted_at"] = ctx.now + max(DELETE_SECONDS, float(ctx.config["action_seconds"]))
    return 202, {"partner_attachment": render(ctx, attachment)}


@route("GET", BASE + "/{pa_id}/bgp_auth_key")
def get_bgp_auth_key(ctx, pa_id):
    attachment = _get_or_404(ctx, pa_id)
    return 200, {"bgp_auth_key": {"value": attachment["bgp"].get("auth_key", ""), "state": "CREATED",
                                  "created_at": iso(attachment["created"])}}


@route("GET", BASE + "/{pa_id}/remote_routes")
def list_remote_routes(ctx, pa_id):
    _get_or_404(ctx, pa_id)
    return 200, ctx.paginate("remote_routes", [], dict)


@route("GET", BASE + "/{pa_id}/service_key")
def get_service_key(ctx, pa_id):
    attachment = _get_or_404(ctx, pa_id)
    return 200, {"service_key": {"value": "sk-" + attachment["id"][:8], "state": "CREATED",
                                 "created_at": iso(attachment["created"])}}


@route("POST", BASE + "/{pa_id}/service_key")
def regenerate_service_key(ctx, pa_id):
    _get_or_404(ctx, pa_id)
    return 202, {}
