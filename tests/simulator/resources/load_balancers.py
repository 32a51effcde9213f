"""Load balancers: /v2/load_balancers, /v2/load_balancers/{lb_id} (GET, PUT, DELETE),
/v2/load_balancers/{lb_id}/droplets and /v2/load_balancers/{lb_id}/forwarding_rules (POST, DELETE).

Behaviour modelled on the API reference:

* A new load balancer is ``new`` for ``boot_seconds``, then ``active`` with a public IP.
* Droplets are assigned either by ``droplet_ids`` or by ``tag``, never both. A tag-based load
  balancer lists the Droplets that carry the tag (in its region) as ``droplet_ids``.
* PUT takes the FULL representation: ``name``, ``region``, ``forwarding_rules`` and one of
  ``droplet_ids``/``tag`` are required, and every other mutable attribute that is left out goes
  back to its default. ``region``, ``vpc_uuid``, ``network``, ``network_stack`` and ``type`` cannot
  change (422).
* Forwarding rules: ``https``/``http2``/``http3`` entries need a ``certificate_id`` or
  ``tls_passthrough``; the certificate must exist; entry ports are unique.
* ``type: GLOBAL``: a global load balancer sends traffic to the regional load balancers of
  ``target_load_balancer_ids`` (existing, not global), as ``glb_settings`` says (``target_protocol``
  and ``target_port`` required), for the ``domains`` it serves (each domain's certificate must
  exist). It has no Droplets (``droplet_ids`` empty, no ``tag``), no size and no VPC (422). Like
  every mutable attribute, ``glb_settings``, ``target_load_balancer_ids`` and ``domains`` go back
  to their defaults (empty) when a PUT leaves them out.
* Deleting a Droplet removes it from every load balancer (``droplet.deleted``).
* Realism: ``consistency_seconds`` (a new load balancer is missing from GET and lists for a
  while); certificates it stops using are released (certificates.release).
"""
import re

from tests.simulator import catalog, realism
from tests.simulator.resources import certificates as certificates_mod
from tests.simulator.resources import droplets as droplets_mod
from tests.simulator.resources import tags as tags_mod
from tests.simulator.routing import emit, on, route
from tests.simulator.state import iso, new_uuid, not_found, unprocessable

# Load balancer names: alphanumeric characters, dashes and periods (a guess: the reference does not say).
LB_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9.-]{0,254}$")
KIND = "load_balancers"
SIZE_UNITS = {"lb-small": 1, "lb-medium": 3, "lb-large": 6}
SIZE_OF_UNITS = {units: slug for slug, units in SIZE_UNITS.items()}
HEALTH_CHECK_DEFAULTS = {"protocol": "http", "port": 80, "path": "/", "check_interval_seconds": 10,
                         "response_timeout_seconds": 5, "healthy_threshold": 3, "unhealthy_threshold": 5}
TLS_ENTRY = ("https", "http2", "http3")
# Attributes a PUT resets to these values when it leaves them out.
MUTABLE_DEFAULTS = {
    "algorithm": "round_robin",
    "redirect_http_to_https": False,
    "enable_proxy_protocol": False,
    "enable_backend_keepalive": False,
    "http_idle_timeout_seconds": 60,
    "disable_lets_encrypt_dns_records": False,
    "tls_cipher_policy": "DEFAULT",
}
IMMUTABLE_DEFAULTS = {"network": "EXTERNAL", "network_stack": "IPV4", "type": "REGIONAL"}


def refresh(ctx, lb):
    if lb["status"] == "new" and ctx.now >= lb["ready_at"]:
        lb["status"] = "active"
        n = int(lb["seq"])
        lb["ip"] = "45.55.%d.%d" % ((n >> 8) & 0xFF, (n & 0xFF) or 1)


def member_ids(ctx, lb):
    if lb["tag"]:
        droplets = ctx.coll("droplets")
        ids = []
        for rid in tags_mod.tagged_ids(ctx, lb["tag"], "droplet"):
            droplet = droplets.get(int(rid))
            if droplet is not None and droplet["region"] == lb["region"]:
                ids.append(droplet["id"])
        return sorted(ids)
    return list(lb["droplet_ids"])


def render(ctx, lb):
    refresh(ctx, lb)
    out = {
        "id": lb["id"],
        "name": lb["name"],
        "ip": lb["ip"],
        "size_unit": lb["size_unit"],
        "status": lb["status"],
        "created_at": lb["created_at"],
        "forwarding_rules": [dict(rule) for rule in lb["forwarding_rules"]],
        "health_check": dict(lb["health_check"]),
        "sticky_sessions": dict(lb["sticky_sessions"]),
        "region": catalog.REGIONS[lb["region"]],
        "tag": lb["tag"],
        "droplet_ids": member_ids(ctx, lb),
        "vpc_uuid": lb["vpc_uuid"],
        "project_id": lb["project_id"],
        "firewall": {"allow": list(lb["firewall"]["allow"]), "deny": list(lb["firewall"]["deny"])},
    }
    if lb.get("size"):
        out["size"] = lb["size"]
    if lb["type"] == "GLOBAL":
        del out["size_unit"]
        del out["vpc_uuid"]
        out["glb_settings"] = _deep_copy(lb["glb_settings"])
        out["target_load_balancer_ids"] = list(lb["target_load_balancer_ids"])
        out["domains"] = [dict(domain) for domain in lb["domains"]]
    for key in MUTABLE_DEFAULTS:
        out[key] = lb[key]
    for key in IMMUTABLE_DEFAULTS:
        out[key] = lb[key]
    return out


def get_or_404(ctx, lb_id):
    lb = ctx.coll(KIND).get(lb_id)
    if lb is None:
        raise not_found()
    return realism.check_visible(ctx, lb)


def certificate_ids(lb):
    return {rule["certificate_id"] for rule in lb["forwarding_rules"] if rule.get("certificate_id")}


# ------------------------------------------------------------------ validation of the body parts
def forwarding_rules(ctx, rules):
    if not rules:
        raise unprocessable("forwarding_rules: at least one forwarding rule is required")
    seen = set()
    out = []
    for index, rule in enumerate(rules):
        where = "forwarding_rules[%d]" % index
        entry, target = rule["entry_protocol"], rule["target_protocol"]
        passthrough = bool(rule.get("tls_passthrough", False))
        certificate_id = rule.get("certificate_id") or ""
        for key in ("entry_port", "target_port"):
            if not 1 <= int(rule[key]) <= 65535:
                raise unprocessable("%s.%s: must be between 1 and 65535" % (where, key))
        if rule["entry_port"] in seen:
            raise unprocessable("%s.entry_port: port %d is used by another forwarding rule"
                                % (where, rule["entry_port"]))
        seen.add(rule["entry_port"])
        if passthrough and certificate_id:
            raise unprocessable("%s: tls_passthrough and certificate_id are mutually exclusive" % where)
        if passthrough and (entry not in TLS_ENTRY or target not in ("https", "http2")):
            raise unprocessable("%s: tls_passthrough needs an https entry and target protocol" % where)
        if entry in TLS_ENTRY and not passthrough and not certificate_id:
            raise unprocessable("%s: an %s entry needs a certificate_id or tls_passthrough" % (where, entry))
        if certificate_id:
            if entry not in TLS_ENTRY:
                raise unprocessable("%s: certificate_id needs an https, http2 or http3 entry" % where)
            if certificate_id not in ctx.coll("certificates"):
                raise unprocessable("%s.certificate_id: certificate %s not found" % (where, certificate_id))
        if (entry in ("tcp", "udp")) != (target in ("tcp", "udp")):
            raise unprocessable("%s: %s traffic cannot be forwarded as %s" % (where, entry, target))
        out.append({"entry_protocol": entry, "entry_port": int(rule["entry_port"]),
                    "target_protocol": target, "target_port": int(rule["target_port"]),
                    "certificate_id": certificate_id, "tls_passthrough": passthrough})
    return out


def health_check(value):
    hc = dict(HEALTH_CHECK_DEFAULTS)
    hc.update({k: v for k, v in (value or {}).items() if v is not None})
    if hc["protocol"] == "tcp":
        hc["path"] = ""
    elif not str(hc["path"]).startswith("/"):
        raise unprocessable("health_check.path: must start with /")
    if not 1 <= int(hc["port"]) <= 65535:
        raise unprocessable("health_check.port: must be between 1 and 65535")
    limits = {"check_interval_seconds": (3, 300), "response_timeout_seconds": (3, 300),
              "healthy_threshold": (2, 10), "unhealthy_threshold": (2, 10)}
    for key, (low, high) in limits.items():
        if not low <= int(hc[key]) <= high:
            raise unprocessable("health_check.%s: must be between %d and %d" % (key, low, high))
    return hc


def sticky_sessions(value):
    value = value or {}
    kind = value.get("type") or "none"
    if kind == "none":
        return {"type": "none"}
    name, ttl = value.get("cookie_name"), value.get("cookie_ttl_seconds")
    if not name or not ttl:
        raise unprocessable("sticky_sessions: cookie_name and cookie_ttl_seconds are required for cookies")
    return {"type": "cookies", "cookie_name": name, "cookie_ttl_seconds": int(ttl)}


def droplet_members(ctx, body, region):
    if "droplet_ids" in body and "tag" in body:
        raise unprocessable("droplet_ids and tag are mutually exclusive")
    if body.get("tag"):
        return [], tags_mod.ensure_tag(ctx, body["tag"])
    ids = []
    for did in body.get("droplet_ids") or []:
        droplet = ctx.coll("droplets").get(int(did))
        if droplet is None:
            raise unprocessable("droplet_ids: droplet %s not found" % did)
        if droplet["region"] != region:
            raise unprocessable("droplet_ids: droplet %s is not in region %s" % (did, region))
        if droplet["id"] not in ids:
            ids.append(droplet["id"])
    return ids, ""


def size_of(body):
    if "size" in body and "size_unit" in body:
        raise unprocessable("size and size_unit are mutually exclusive")
    if body.get("size"):
        return body["size"], SIZE_UNITS[body["size"]]
    if body.get("size_unit"):
        units = int(body["size_unit"])
        return SIZE_OF_UNITS.get(units), units
    return "lb-small", 1


def _deep_copy(value):
    if isinstance(value, dict):
        return {key: _deep_copy(item) for key, item in value.items()}
    return value


def global_settings(ctx, lb, body):
    """glb_settings, target_load_balancer_ids and domains of a GLOBAL load balancer (defaults: empty)."""
    if lb["type"] != "GLOBAL":
        for key in ("glb_settings", "target_load_balancer_ids", "domains"):
            if body.get(key):
                raise unprocessable("%s: only a GLOBAL load balancer has %s" % (key, key))
        return
    for key in ("tag", "size", "size_unit", "vpc_uuid"):
        if body.get(key):
            raise unprocessable("%s: a GLOBAL load balancer has no %s" % (key, key))
    if body.get("droplet_ids"):
        raise unprocessable("droplet_ids: a GLOBAL load balancer sends traffic to target_load_balancer_ids, "
                            "not to Droplets")
    settings = _deep_copy(body.get("glb_settings") or {})
    if settings and (settings.get("target_protocol") is None or settings.get("target_port") is None):
        raise unprocessable("glb_settings: target_protocol and target_port are required")
    targets = []
    for target_id in body.get("target_load_balancer_ids") or []:
        target = ctx.coll(KIND).get(target_id)
        if target is None or target["id"] == lb.get("id"):
            raise unprocessable("target_load_balancer_ids: load balancer %s not found" % target_id)
        if target["type"] == "GLOBAL":
            raise unprocessable("target_load_balancer_ids: %s is a GLOBAL load balancer" % target_id)
        if target_id not in targets:
            targets.append(target_id)
    domains = []
    for domain in body.get("domains") or []:
        if domain.get("certificate_id") and domain["certificate_id"] not in ctx.coll("certificates"):
            raise unprocessable("domains: certificate %s not found" % domain["certificate_id"])
        domains.append({"name": domain.get("name"), "is_managed": bool(domain.get("is_managed")),
                        "certificate_id": domain.get("certificate_id") or ""})
    lb["glb_settings"], lb["target_load_balancer_ids"], lb["domains"] = settings, targets, domains


def apply_body(ctx, lb, body):
    """Set every mutable attribute from a full body; left-out attributes get their defaults."""
    region = lb["region"]
    global_settings(ctx, lb, body)
    lb["name"] = body["name"]
    lb["forwarding_rules"] = forwarding_rules(ctx, body.get("forwarding_rules"))
    lb["health_check"] = health_check(body.get("health_check"))
    lb["sticky_sessions"] = sticky_sessions(body.get("sticky_sessions"))
    lb["droplet_ids"], lb["tag"] = droplet_members(ctx, body, region)
    lb["size"], lb["size_unit"] = size_of(body) if lb["type"] != "GLOBAL" else (None, None)
    firewall = body.get("firewall") or {}
    lb["firewall"] = {"allow": list(firewall.get("allow") or []), "deny": list(firewall.get("deny") or [])}
    for key, default in MUTABLE_DEFAULTS.items():
        lb[key] = body.get(key, default)
    if lb["redirect_http_to_https"] and not any(
            r["entry_protocol"] in TLS_ENTRY for r in lb["forwarding_rules"]):
        raise unprocessable("redirect_http_to_https: needs a forwarding rule with an https entry")


def require_name(body):
    if not (body.get("name") or "").strip():
        raise unprocessable("name: must not be empty")
    if not LB_NAME.match(body["name"]):
        raise unprocessable("name: may only contain alphanumeric characters, dashes, and periods")


@route("GET", "/v2/load_balancers")
def list_load_balancers(ctx):
    coll = ctx.coll(KIND)
    items, total = realism.listable(ctx, KIND, coll.values(), len(coll))
    return 200, ctx.paginate("load_balancers", items, lambda lb: render(ctx, lb), total=total)


@route("POST", "/v2/load_balancers")
def create_load_balancer(ctx):
    body = ctx.json_body()
    require_name(body)
    region = catalog.resolve_region(body.get("region"))
    if region is None or region["slug"] != body.get("region"):
        raise unprocessable("region: %r is not available" % (body.get("region"),))
    seq = ctx.state.next_id("load_balancer_seq", 1)
    lb = {
        "id": new_uuid(),
        "seq": seq,
        "region": region["slug"],
        "status": "new",
        "ip": "",
        "created_at": iso(ctx.now),
        "ready_at": ctx.now + float(ctx.config["boot_seconds"]),
        "vpc_uuid": ("" if body.get("type") == "GLOBAL"
                     else body.get("vpc_uuid") or droplets_mod.vpc_uuid_for(region["slug"])),
        "project_id": body.get("project_id") or "",
    }
    for key, default in IMMUTABLE_DEFAULTS.items():
        lb[key] = body.get(key, default)
    apply_body(ctx, lb, body)
    ctx.coll(KIND)[lb["id"]] = lb
    realism.mark_created(ctx, KIND, lb)
    return 202, {"load_balancer": render(ctx, lb)}


@route("GET", "/v2/load_balancers/{lb_id}")
def get_load_balancer(ctx, lb_id):
    return 200, {"load_balancer": render(ctx, get_or_404(ctx, lb_id))}


@route("PUT", "/v2/load_balancers/{lb_id}")
def update_load_balancer(ctx, lb_id):
    lb = get_or_404(ctx, lb_id)
    body = ctx.json_body()
    require_name(body)
    if body.get("region") != lb["region"]:
        raise unprocessable("region: a load balancer cannot move from %s to %s"
                            % (lb["region"], body.get("region")))
    if body.get("vpc_uuid") and body["vpc_uuid"] != lb["vpc_uuid"]:
        raise unprocessable("vpc_uuid: the VPC of a load balancer cannot change")
    for key in IMMUTABLE_DEFAULTS:
        if key in body and body[key] != lb[key]:
            raise unprocessable("%s: cannot be changed after creation" % key)
    updated = dict(lb)
    apply_body(ctx, updated, body)       # validates everything before changing anything
    certificates_mod.release(ctx, certificate_ids(lb) - certificate_ids(updated))
    lb.update(updated)
    if body.get("project_id"):
        lb["project_id"] = body["project_id"]
    return 200, {"load_balancer": render(ctx, lb)}


@route("DELETE", "/v2/load_balancers/{lb_id}")
def delete_load_balancer(ctx, lb_id):
    lb = get_or_404(ctx, lb_id)
    del ctx.coll(KIND)[lb["id"]]
    certificates_mod.release(ctx, certificate_ids(lb))
    emit(ctx, "load_balancer.deleted", lb)
    return 204, None


@route("POST", "/v2/load_balancers/{lb_id}/droplets")
def add_droplets(ctx, lb_id):
    lb = get_or_404(ctx, lb_id)
    if lb["tag"]:
        raise unprocessable("droplet_ids: this load balancer selects its Droplets by tag %s" % lb["tag"])
    ids, _tag = droplet_members(ctx, {"droplet_ids": ctx.json_body().get("droplet_ids")}, lb["region"])
    for did in ids:
        if did not in lb["droplet_ids"]:
            lb["droplet_ids"].append(did)
    return 204, None


@route("DELETE", "/v2/load_balancers/{lb_id}/droplets")
def remove_droplets(ctx, lb_id):
    lb = get_or_404(ctx, lb_id)
    if lb["tag"]:
        raise unprocessable("droplet_ids: this load balancer selects its Droplets by tag %s" % lb["tag"])
    for did in ctx.json_body().get("droplet_ids") or []:
        if did in lb["droplet_ids"]:
            lb["droplet_ids"].remove(did)
    return 204, None


@route("POST", "/v2/load_balancers/{lb_id}/forwarding_rules")
def add_forwarding_rules(ctx, lb_id):
    lb = get_or_404(ctx, lb_id)
    rules = forwarding_rules(ctx, list(lb["forwarding_rules"]) + list(ctx.json_body()["forwarding_rules"]))
    lb["forwarding_rules"] = rules
    return 204, None


@route("DELETE", "/v2/load_balancers/{lb_id}/forwarding_rules")
def remove_forwarding_rules(ctx, lb_id):
    lb = get_or_404(ctx, lb_id)

    def key(rule):
        return (rule["entry_protocol"], int(rule["entry_port"]), rule["target_protocol"], int(rule["target_port"]))

    gone = {key(rule) for rule in ctx.json_body()["forwarding_rules"]}
    remaining = [rule for rule in lb["forwarding_rules"] if key(rule) not in gone]
    if not remaining:
        raise unprocessable("forwarding_rules: a load balancer needs at least one forwarding rule")
    before = certificate_ids(lb)
    lb["forwarding_rules"] = remaining
    certificates_mod.release(ctx, before - certificate_ids(lb))
    return 204, None


@on("droplet.deleted")
def _forget_droplet(ctx, droplet):
    for lb in ctx.coll(KIND).values():
        if droplet["id"] in lb["droplet_ids"]:
            lb["droplet_ids"].remove(droplet["id"])
