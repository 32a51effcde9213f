"""Cloud firewalls: /v2/firewalls, /v2/firewalls/{firewall_id} and its /droplets, /tags and
/rules sub-endpoints, plus /v2/droplets/{droplet_id}/firewalls.

Rules of the real API kept here:

* a firewall needs at least one inbound or outbound rule (create and PUT);
* PUT replaces the whole firewall: an attribute left out is reset (no rules, no droplets, no tags);
* ``ports`` is a port (1-65535), a range ``a-b`` or ``"0"``/``"all"`` for every port, stored as
  ``"0"``; ICMP rules have no ports and always answer ``"0"``;
* addresses are IPv4/IPv6 addresses or CIDRs; every rule names at least one source/destination;
* Droplets must exist and tags must exist (``existing_tags_array``);
* changes apply at once: the status answered is ``succeeded``, ``pending_changes`` is empty --
  unless the realism knob ``firewall_apply_seconds`` is set: then a created or changed firewall
  is ``waiting`` for that long, ``pending_changes`` listing the Droplets being updated
  (``{"droplet_id", "removing", "status": "waiting"}``), then ``succeeded``;
* the fault ``firewall_failed`` (PUT /_sim/faults) makes firewalls created or changed while it
  is set end ``failed``, with a ``pending_changes`` entry of status ``failed`` (the first Droplet
  concerned, ``droplet_id`` 0 when there is none) until a later change succeeds;
* realism knobs ``consistency_seconds`` (a new firewall is missing from GET and lists for a
  while) and ``null_empty_lists`` (``droplet_ids`` is ``null`` when empty).

A deleted Droplet leaves every firewall (``droplet.deleted``).
"""
import ipaddress

from tests.simulator import realism
from tests.simulator.resources import tags as tags_mod
from tests.simulator.routing import on, route, seeder
from tests.simulator.state import iso, new_uuid, not_found, unprocessable

KIND = "firewalls"
TARGET_KEYS = ("addresses", "droplet_ids", "load_balancer_uids", "kubernetes_ids", "tags")
DIRECTIONS = (("inbound_rules", "sources"), ("outbound_rules", "destinations"))


def _status(ctx, fw):
    """(status, pending_changes) at this moment."""
    if ctx.now < fw.get("applied_at", 0.0):
        return "waiting", [{"droplet_id": did, "removing": removing, "status": "waiting"}
                           for did, removing in fw.get("pending", [])]
    if fw.get("failed"):
        first = fw.get("pending") or [(0, False)]
        return "failed", [{"droplet_id": first[0][0], "removing": first[0][1], "status": "failed"}]
    return "succeeded", []


def render_firewall(fw, ctx=None):
    status, pending = _status(ctx, fw) if ctx is not None else ("succeeded", [])
    droplet_ids = list(fw["droplet_ids"])
    if not droplet_ids and ctx is not None and realism.enabled(ctx, "null_empty_lists"):
        droplet_ids = None
    return {
        "id": fw["id"],
        "name": fw["name"],
        "status": status,
        "created_at": fw["created_at"],
        "pending_changes": pending,
        "inbound_rules": [_render_rule(r, "sources") for r in fw["inbound_rules"]],
        "outbound_rules": [_render_rule(r, "destinations") for r in fw["outbound_rules"]],
        "droplet_ids": droplet_ids,
        "tags": list(fw["tags"]),
    }


def _affected(ctx, fw):
    """Ids of the Droplets a firewall applies to: its own and those carrying its tags."""
    ids = list(fw.get("droplet_ids") or [])
    droplets = ctx.coll("droplets")
    for name in fw.get("tags") or []:
        for rid in tags_mod.tagged_ids(ctx, name, "droplet"):
            if int(rid) in droplets and int(rid) not in ids:
                ids.append(int(rid))
    return ids


def changed(ctx, fw, before):
    """A firewall changed: it is ``waiting`` while the change is applied (realism), and ends
    ``failed`` when the fault ``firewall_failed`` is set."""
    after = _affected(ctx, fw)
    fw["pending"] = [(did, False) for did in after] + [(did, True) for did in before
                                                       if did not in after]
    fw["applied_at"] = ctx.now + realism.seconds(ctx, "firewall_apply_seconds")
    fw["failed"] = bool((ctx.sim.faults or {}).get("firewall_failed"))


def _render_rule(rule, target_key):
    return {"protocol": rule["protocol"], "ports": rule["ports"],
            target_key: {k: list(v) for k, v in rule[target_key].items()}}


def get_firewall_or_404(ctx, firewall_id):
    fw = ctx.coll(KIND).get(firewall_id)
    if fw is None:
        raise not_found()
    return realism.check_visible(ctx, fw)


def _droplet_ids(ctx, ids, where):
    droplets = ctx.coll("droplets")
    out = []
    for did in ids or []:
        if did not in droplets:
            raise unprocessable("%s: Droplet %s could not be found" % (where, did))
        if did not in out:
            out.append(did)
    return out


def _tags(ctx, names, where):
    out = []
    for name in names or []:
        tag = tags_mod.find_tag(ctx, name)
        if tag is None:
            raise unprocessable("%s: tag %s does not exist" % (where, name))
        if tag["name"] not in out:
            out.append(tag["name"])
    return out


def _ports(protocol, ports, where):
    if protocol == "icmp":
        return "0"
    text = str(ports).strip()
    if text in ("0", "all"):
        return "0"
    bounds = text.split("-")
    try:
        numbers = [int(b) for b in bounds]
    except ValueError:
        numbers = []
    if len(numbers) not in (1, 2) or not all(1 <= n <= 65535 for n in numbers) \
            or (len(numbers) == 2 and numbers[0] > numbers[1]):
        raise unprocessable("%s.ports: %r is not a port, a port range or \"0\" for all ports"
                            % (where, ports))
    return text


def _rule(ctx, raw, target_key, where):
    protocol = raw["protocol"]
    target = raw.get(target_key) or {}
    stored = {}
    for key in TARGET_KEYS:
        values = target.get(key) or []
        path = "%s.%s.%s" % (where, target_key, key)
        if key == "addresses":
            for address in values:
                try:
                    ipaddress.ip_network(address, strict=False)
                except ValueError:
                    raise unprocessable("%s: %r is not an IP address or CIDR" % (path, address))
        elif key == "droplet_ids":
            values = _droplet_ids(ctx, values, path)
        elif key == "tags":
            values = _tags(ctx, values, path)
        if values:
            stored[key] = list(values)
    if not stored:
        raise unprocessable("%s.%s: at least one of %s is required" % (where, target_key, ", ".join(TARGET_KEYS)))
    return {"protocol": protocol, "ports": _ports(protocol, raw.get("ports"), where), target_key: stored}


def _rules(ctx, body):
    out = {}
    for key, target_key in DIRECTIONS:
        out[key] = [_rule(ctx, raw, target_key, "%s[%d]" % (key, i)) for i, raw in enumerate(body.get(key) or [])]
    return out


def _apply_full(ctx, fw, body):
    """Create or PUT: everything not given is reset."""
    rules = _rules(ctx, body)
    if not rules["inbound_rules"] and not rules["outbound_rules"]:
        raise unprocessable("a firewall must have at least one inbound or outbound rule")
    droplet_ids = _droplet_ids(ctx, body.get("droplet_ids"), "droplet_ids")
    tags = _tags(ctx, body.get("tags"), "tags")
    fw.update(rules)
    fw["name"] = body["name"]
    fw["droplet_ids"] = droplet_ids
    fw["tags"] = tags


@route("GET", "/v2/firewalls")
def list_firewalls(ctx):
    coll = ctx.coll(KIND)
    items, total = realism.listable(ctx, KIND, coll.values(), len(coll))
    return 200, ctx.paginate("firewalls", items, lambda fw: render_firewall(fw, ctx), total=total)


@route("POST", "/v2/firewalls")
def create_firewall(ctx):
    fw = {"id": new_uuid(), "created_at": iso(ctx.now)}
    _apply_full(ctx, fw, ctx.json_body())
    changed(ctx, fw, [])
    ctx.coll(KIND)[fw["id"]] = fw
    realism.mark_created(ctx, KIND, fw)
    return 202, {"firewall": render_firewall(fw, ctx)}


@route("GET", "/v2/firewalls/{firewall_id}")
def get_firewall(ctx, firewall_id):
    return 200, {"firewall": render_firewall(get_firewall_or_404(ctx, firewall_id), ctx)}


@route("PUT", "/v2/firewalls/{firewall_id}")
def put_firewall(ctx, firewall_id):
    fw = get_firewall_or_404(ctx, firewall_id)
    before = _affected(ctx, fw)
    staged = dict(fw)
    _apply_full(ctx, staged, ctx.json_body())
    fw.update(staged)
    changed(ctx, fw, before)
    return 200, {"firewall": render_firewall(fw, ctx)}


@route("DELETE", "/v2/firewalls/{firewall_id}")
def delete_firewall(ctx, firewall_id):
    fw = get_firewall_or_404(ctx, firewall_id)
    del ctx.coll(KIND)[fw["id"]]
    return 204, None


@route("POST", "/v2/firewalls/{firewall_id}/droplets")
def add_droplets(ctx, firewall_id):
    fw = get_firewall_or_404(ctx, firewall_id)
    before = _affected(ctx, fw)
    for did in _droplet_ids(ctx, ctx.json_body().get("droplet_ids"), "droplet_ids"):
        if did not in fw["droplet_ids"]:
            fw["droplet_ids"].append(did)
    changed(ctx, fw, before)
    return 204, None


@route("DELETE", "/v2/firewalls/{firewall_id}/droplets")
def remove_droplets(ctx, firewall_id):
    fw = get_firewall_or_404(ctx, firewall_id)
    before = _affected(ctx, fw)
    for did in ctx.json_body().get("droplet_ids") or []:
        if did in fw["droplet_ids"]:
            fw["droplet_ids"].remove(did)
    changed(ctx, fw, before)
    return 204, None


@route("POST", "/v2/firewalls/{firewall_id}/tags")
def add_tags(ctx, firewall_id):
    fw = get_firewall_or_404(ctx, firewall_id)
    before = _affected(ctx, fw)
    for name in _tags(ctx, ctx.json_body().get("tags"), "tags"):
        if name not in fw["tags"]:
            fw["tags"].append(name)
    changed(ctx, fw, before)
    return 204, None


@route("DELETE", "/v2/firewalls/{firewall_id}/tags")
def remove_tags(ctx, firewall_id):
    fw = get_firewall_or_404(ctx, firewall_id)
    before = _affected(ctx, fw)
    for name in ctx.json_body().get("tags") or []:
        if name in fw["tags"]:
            fw["tags"].remove(name)
    changed(ctx, fw, before)
    return 204, None


@route("POST", "/v2/firewalls/{firewall_id}/rules")
def add_rules(ctx, firewall_id):
    fw = get_firewall_or_404(ctx, firewall_id)
    before = _affected(ctx, fw)
    for key, rules in _rules(ctx, ctx.json_body()).items():
        for rule in rules:
            if rule not in fw[key]:
                fw[key].append(rule)
    changed(ctx, fw, before)
    return 204, None


@route("DELETE", "/v2/firewalls/{firewall_id}/rules")
def remove_rules(ctx, firewall_id):
    fw = get_firewall_or_404(ctx, firewall_id)
    before = _affected(ctx, fw)
    remaining = {}
    for key, rules in _rules(ctx, ctx.json_body()).items():
        remaining[key] = [r for r in fw[key] if r not in rules]
    if not remaining["inbound_rules"] and not remaining["outbound_rules"]:
        raise unprocessable("a firewall must keep at least one inbound or outbound rule")
    fw.update(remaining)
    changed(ctx, fw, before)
    return 204, None


@route("GET", "/v2/droplets/{droplet_id}/firewalls")
def list_droplet_firewalls(ctx, droplet_id):
    try:
        droplet = ctx.coll("droplets").get(int(droplet_id))
    except (TypeError, ValueError):
        droplet = None
    if droplet is None:
        raise not_found()
    items = [fw for fw in ctx.coll(KIND).values()
             if droplet["id"] in fw["droplet_ids"] or set(fw["tags"]) & set(droplet["tags"])]
    return 200, ctx.paginate("firewalls", items, lambda fw: render_firewall(fw, ctx))


@on("droplet.deleted")
def _forget_droplet(ctx, droplet):
    for fw in ctx.coll(KIND).values():
        if droplet["id"] in fw["droplet_ids"]:
            fw["droplet_ids"].remove(droplet["id"])
        for key, target_key in DIRECTIONS:
            for rule in fw[key]:
                ids = rule[target_key].get("droplet_ids")
                if ids and droplet["id"] in ids:
                    ids.remove(droplet["id"])
                    if not ids:
                        del rule[target_key]["droplet_ids"]


@seeder("firewalls")
def seed_firewalls(ctx, count=1, name_prefix="seed", **_ignored):
    ids = []
    for i in range(1, int(count) + 1):
        fw = {"id": new_uuid(), "created_at": iso(ctx.now)}
        _apply_full(ctx, fw, {"name": "%s-%d" % (name_prefix or "seed", i), "inbound_rules": [
            {"protocol": "tcp", "ports": "22", "sources": {"addresses": ["0.0.0.0/0", "::/0"]}}]})
        ctx.coll(KIND)[fw["id"]] = fw
        ids.append(fw["id"])
    return ids
