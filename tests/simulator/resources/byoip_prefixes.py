"""BYOIP prefixes: /v2/byoip_prefixes (GET, POST), /v2/byoip_prefixes/{byoip_prefix_uuid} (GET, PATCH,
DELETE) and .../ips (GET).

Rules of the real API kept here (reference, tag "BYOIP Prefixes"):

* a prefix is brought with ``prefix`` (a public IPv4 network from /24 to /18, not overlapping one the
  account has: 422), ``region`` and ``signature``; the POST answers 202 with the prefix
  ``in_progress`` (the reference's sample wraps it in ``byoip_prefix``); it is ``active`` after
  ``boot_seconds``, or ``failed`` with a ``failure_reason`` when the signature does not verify (the
  simulator's rule: a signature starting with ``invalid``);
* PATCH changes ``advertise`` only, on an active prefix (422 otherwise), and answers 202;
* an advertised prefix cannot be deleted (422): withdraw it first; DELETE answers 202;
* .../ips lists the addresses of the prefix assigned to resources.
"""
import ipaddress

from tests.simulator import catalog
from tests.simulator.routing import route, seeder
from tests.simulator.state import iso, new_uuid, not_found, unprocessable

KIND = "byoip_prefixes"
PROJECT_ID = "746c6152-2fa2-11ed-92d3-27aaa54e4988"
PRIVATE = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "0.0.0.0/8")


def _status(ctx, prefix):
    if ctx.now < prefix["ready_at"]:
        return "in_progress"
    return "failed" if prefix["bad_signature"] else "active"


def render(ctx, prefix):
    status = _status(ctx, prefix)
    return {"uuid": prefix["uuid"], "prefix": prefix["prefix"], "region": prefix["region"], "status": status,
            "advertised": prefix["advertised"], "locked": False, "project_id": PROJECT_ID, "validations": [],
            "failure_reason": "signature verification failed" if status == "failed" else "", "name": ""}


def _get_or_404(ctx, prefix_id):
    prefix = ctx.coll(KIND).get(prefix_id)
    if prefix is None:
        raise not_found()
    return prefix


def new_prefix(ctx, text, region, signature):
    try:
        network = ipaddress.IPv4Network(text, strict=True)
    except ValueError:
        raise unprocessable("prefix: %r is not an IPv4 network in CIDR notation" % text)
    if not 18 <= network.prefixlen <= 24:
        raise unprocessable("prefix: networks from /24 to /18 can be brought, got /%d" % network.prefixlen)
    if any(network.overlaps(ipaddress.IPv4Network(private)) for private in PRIVATE):
        raise unprocessable("prefix: %s is not a public network" % network)
    if catalog.REGIONS.get(region) is None:
        raise unprocessable("region: %s is not available" % region)
    if not signature:
        raise unprocessable("signature: must not be empty")
    for other in ctx.coll(KIND).values():
        if network.overlaps(ipaddress.IPv4Network(other["prefix"])):
            raise unprocessable("prefix: %s overlaps prefix %s of the account" % (network, other["prefix"]))
    prefix = {"uuid": new_uuid(), "prefix": str(network), "region": region, "advertised": False,
              "ready_at": ctx.now + float(ctx.config["boot_seconds"]),
              "bad_signature": signature.startswith("invalid"), "ips": []}
    ctx.coll(KIND)[prefix["uuid"]] = prefix
    return prefix


@route("GET", "/v2/byoip_prefixes")
def list_prefixes(ctx):
    return 200, ctx.paginate("byoip_prefixes", list(ctx.coll(KIND).values()), lambda p: render(ctx, p))


@route("POST", "/v2/byoip_prefixes")
def create_prefix(ctx):
    body = ctx.json_body()
    prefix = new_prefix(ctx, body["prefix"], body["region"], body["signature"])
    answer = render(ctx, prefix)
    return 202, {"byoip_prefix": {key: answer[key] for key in ("uuid", "status", "region")}}


@route("GET", "/v2/byoip_prefixes/{byoip_prefix_uuid}")
def get_prefix(ctx, byoip_prefix_uuid):
    return 200, {"byoip_prefix": render(ctx, _get_or_404(ctx, byoip_prefix_uuid))}


@route("PATCH", "/v2/byoip_prefixes/{byoip_prefix_uuid}")
def patch_prefix(ctx, byoip_prefix_uuid):
    prefix = _get_or_404(ctx, byoip_prefix_uuid)
    body = ctx.json_body()
    if "advertise" in body:
        if _status(ctx, prefix) != "active":
            raise unprocessable("advertise: the prefix is %s; only an active prefix is advertised"
                                % _status(ctx, prefix))
        prefix["advertised"] = bool(body["advertise"])
    return 202, {"byoip_prefix": render(ctx, prefix)}


@route("DELETE", "/v2/byoip_prefixes/{byoip_prefix_uuid}")
def delete_prefix(ctx, byoip_prefix_uuid):
    prefix = _get_or_404(ctx, byoip_prefix_uuid)
    if prefix["advertised"]:
        raise unprocessable("The prefix is advertised: withdraw it (advertise: false) before deleting it")
    del ctx.coll(KIND)[prefix["uuid"]]
    return 202, None


@route("GET", "/v2/byoip_prefixes/{byoip_prefix_uuid}/ips")
def list_prefix_ips(ctx, byoip_prefix_uuid):
    prefix = _get_or_404(ctx, byoip_prefix_uuid)
    return 200, ctx.paginate("ips", prefix["ips"], dict)


@seeder("byoip_prefixes")
def seed_prefixes(ctx, prefix="203.0.113.0/24", region="nyc3", assigned=0, **_ignored):
    record = new_prefix(ctx, prefix, region, "seeded")
    record["ready_at"] = ctx.now
    network = ipaddress.IPv4Network(record["prefix"])
    for index in range(int(assigned)):
        record["ips"].append({"id": index + 1, "byoip": str(network.network_address + index + 10),
                              "region": region, "resource": "do:droplet:%d" % (300000100 + index),
                              "assigned_at": iso(ctx.now)})
    return [record["uuid"]]
