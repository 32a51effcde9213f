# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Load balancers: the declaration the load_balancer and load_balancer_info modules share.

The API updates a load balancer with one PUT of its FULL representation: any attribute the body
leaves out goes back to its default. The PUT body is therefore built from the load balancer as it
is, with the fields the task manages laid over it.

Nested values are compared in one normalized shape: forwarding rules as a set of complete rules
(protocols lower case, ports integers, certificate_id "" when none, tls_passthrough false when
unset), the health check and sticky sessions with the API's defaults filled in, droplet_ids and
firewall rules as sets.

A GLOBAL load balancer sends traffic to regional load balancers (``target_load_balancer_ids``), as
``glb_settings`` says, for its ``domains``. These three fields are carried into every PUT like the
others, so an update never resets them; the options only regional load balancers have (Droplets, a
tag, a size, a VPC, an internal network) are refused on a GLOBAL one, and the global options on a
regional one, before any request.
"""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.certificate import certificate_id
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Put, Ready
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, path_reader, sorted_ids
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import sorted_set

LB_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9.-]{0,254}$")
ENTRY_PROTOCOLS = ("http", "https", "http2", "http3", "tcp", "udp")
TARGET_PROTOCOLS = ("http", "https", "http2", "tcp", "udp")
TLS_ENTRY_PROTOCOLS = ("https", "http2", "http3")
HEALTH_CHECK_PROTOCOLS = ("http", "https", "tcp")
HEALTH_CHECK_DEFAULTS = {
    "protocol": "http",
    "port": 80,
    "path": "/",
    "check_interval_seconds": 10,
    "response_timeout_seconds": 5,
    "healthy_threshold": 3,
    "unhealthy_threshold": 5,
}
HEALTH_CHECK_INTS = ("port", "check_interval_seconds", "response_timeout_seconds", "healthy_threshold",
                     "unhealthy_threshold")
# Sent with their current value in every PUT, so that the PUT does not reset them.
CARRIED_FIELDS = ("name", "forwarding_rules", "health_check", "sticky_sessions", "redirect_http_to_https",
                  "enable_proxy_protocol", "enable_backend_keepalive", "http_idle_timeout_seconds",
                  "firewall", "disable_lets_encrypt_dns_records", "tls_cipher_policy", "vpc_uuid",
                  "network", "network_stack", "type", "glb_settings", "target_load_balancer_ids", "domains")
MUTABLE = ("name", "size", "size_unit", "droplet_ids", "tag", "forwarding_rules", "health_check",
           "sticky_sessions", "redirect_http_to_https", "enable_proxy_protocol", "enable_backend_keepalive",
           "http_idle_timeout_seconds", "firewall", "disable_lets_encrypt_dns_records", "tls_cipher_policy",
           "glb_settings", "target_load_balancer_ids", "domains")
GLOBAL = "GLOBAL"
# Options only regional load balancers have, and the value that means "not set" on a global one.
REGIONAL_ONLY = ("droplet_ids", "tag", "size", "size_unit", "vpc_uuid", "network")
GLOBAL_ONLY = ("glb_settings", "target_load_balancer_ids", "domains")
GLB_TARGET_PROTOCOLS = ("http", "https", "http2")


# -- normalizers: option shape and API shape -> one comparable shape -------------------------------


def forwarding_rule(rule):
    return {
        "entry_protocol": str(rule.get("entry_protocol") or "").lower(),
        "entry_port": int(rule.get("entry_port") or 0),
        "target_protocol": str(rule.get("target_protocol") or "").lower(),
        "target_port": int(rule.get("target_port") or 0),
        "certificate_id": rule.get("certificate_id") or "",
        "tls_passthrough": bool(rule.get("tls_passthrough")),
    }


def _rule_order(rule):
    return (rule["entry_port"], rule["entry_protocol"], rule["target_port"], rule["target_protocol"],
            rule["certificate_id"], rule["tls_passthrough"])


def forwarding_rules_set(rules):
    unique = {}
    for rule in rules or []:
        normalized = forwarding_rule(rule)
        unique[_rule_order(normalized)] = normalized
    return [unique[key] for key in sorted(unique)]


def health_check(value):
    check = dict(HEALTH_CHECK_DEFAULTS)
    check.update({key: val for key, val in (value or {}).items() if val is not None and key in check})
    check["protocol"] = str(check["protocol"]).lower()
    for key in HEALTH_CHECK_INTS:
        check[key] = int(check[key])
    # A TCP check has no path: whatever is set there is not used, and not compared.
    check["path"] = "" if check["protocol"] == "tcp" else str(check["path"])
    return check


def sticky_sessions(value):
    value = value or {}
    if (value.get("type") or "none") == "none":
        return {"type": "none"}
    ttl = value.get("cookie_ttl_seconds")
    return {"type": "cookies", "cookie_name": value.get("cookie_name"),
            "cookie_ttl_seconds": int(ttl) if ttl is not None else None}


def firewall(value):
    value = value or {}
    return {"allow": sorted({str(rule) for rule in value.get("allow") or []}),
            "deny": sorted({str(rule) for rule in value.get("deny") or []})}


def tag_of(lb):
    return lb.get("tag") or ""


def _without_none(value):
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    return value


def glb_settings(value):
    """The settings the task sets (None: not managed), protocols lower case, numbers as integers."""
    shaped = _without_none(value or {})
    if "target_protocol" in shaped:
        shaped["target_protocol"] = str(shaped["target_protocol"]).lower()
    for key in ("target_port", "failover_threshold"):
        if key in shaped:
            shaped[key] = int(shaped[key])
    if "region_priorities" in shaped:
        shaped["region_priorities"] = {str(region): int(rank) for region, rank in shaped["region_priorities"].items()}
    return shaped


def _subset(have, want):
    if isinstance(want, dict):
        return isinstance(have, dict) and all(_subset(have.get(key), item) for key, item in want.items())
    return have == want


def _merged(have, want):
    merged = dict(have or {})
    for key, item in (want or {}).items():
        if isinstance(item, dict) and key != "region_priorities":
            merged[key] = _merged(merged.get(key), item)
        else:
            merged[key] = item
    return merged


def same_glb_settings(obj, have, want):
    """The settings the task sets are what the load balancer has (region_priorities exactly)."""
    if "region_priorities" in (want or {}) and (have or {}).get("region_priorities") != want["region_priorities"]:
        return False
    return _subset(have or {}, want or {})


def domains_set(value):
    unique = {}
    for domain in value or []:
        name = str(domain.get("name") or "").lower().rstrip(".")
        unique[name] = {"name": name, "is_managed": bool(domain.get("is_managed")),
                        "certificate_id": domain.get("certificate_id") or ""}
    return [unique[name] for name in sorted(unique)]


# -- validation before any request -----------------------------------------------------------------


def check_options(params):
    name = params.get("name")
    if name is not None and not LB_NAME.match(name):
        raise PlanError("name must be letters, digits, '-' and '.', starting with a letter or digit, at most 255 "
                        "characters, got %r" % name)
    if params.get("droplet_ids") is not None and params.get("tag") is not None:
        raise PlanError("droplet_ids and tag are mutually exclusive: a load balancer targets either a list "
                        "of Droplets or the Droplets with one tag")
    if params.get("size") is not None and params.get("size_unit") is not None:
        raise PlanError("size and size_unit are mutually exclusive: size_unit replaces size outside "
                        "ams2, nyc2 and sfo1")
    for index, rule in enumerate(params.get("forwarding_rules") or []):
        validate_rule(index, rule)
    if params.get("forwarding_rules") == []:
        raise PlanError("forwarding_rules must hold at least one rule")
    check = params.get("health_check")
    if check and check.get("protocol") is not None and str(check["protocol"]).lower() not in HEALTH_CHECK_PROTOCOLS:
        raise PlanError("health_check.protocol must be one of %s, got %s"
                        % (", ".join(HEALTH_CHECK_PROTOCOLS), check["protocol"]))
    if check and check.get("port") is not None and not 1 <= int(check["port"]) <= 65535:
        raise PlanError("health_check.port must be between 1 and 65535, got %s" % check["port"])
    sticky = params.get("sticky_sessions")
    if sticky and sticky.get("type") == "cookies" and not (sticky.get("cookie_name") and sticky.get("cookie_ttl_seconds")):
        raise PlanError("sticky_sessions of type cookies needs cookie_name and cookie_ttl_seconds")
    timeout = params.get("http_idle_timeout_seconds")
    if timeout is not None and not 30 <= timeout <= 600:
        raise PlanError("http_idle_timeout_seconds must be between 30 and 600, got %s" % timeout)
    units = params.get("size_unit")
    if units is not None and not 1 <= units <= 100:
        raise PlanError("size_unit must be between 1 and 100, got %s" % units)
    check_global(params, params.get("type"))
    for key in ("allow", "deny"):
        for rule in (params.get("firewall") or {}).get(key) or []:
            if not str(rule).startswith(("ip:", "cidr:")):
                raise PlanError("firewall.%s entries look like ip:1.2.3.4 or cidr:10.0.0.0/16, got %s" % (key, rule))


def _regional_value_set(params, option):
    value = params.get(option)
    if option == "network":
        return value not in (None, "EXTERNAL")
    if option == "droplet_ids":
        return bool(value)
    return value is not None


def check_global(params, lb_type):
    """Refuse regional-only options on a GLOBAL load balancer, and global ones on a regional one."""
    if lb_type is None:
        return
    if lb_type == GLOBAL:
        for option in REGIONAL_ONLY:
            if _regional_value_set(params, option):
                raise PlanError("%s is an option of regional load balancers: a GLOBAL load balancer sends traffic "
                                "to the load balancers of target_load_balancer_ids, with no Droplets, size or VPC "
                                "of its own" % option)
        settings = params.get("glb_settings") or {}
        protocol = settings.get("target_protocol")
        if protocol is not None and str(protocol).lower() not in GLB_TARGET_PROTOCOLS:
            raise PlanError("glb_settings.target_protocol must be one of %s, got %s"
                            % (", ".join(GLB_TARGET_PROTOCOLS), protocol))
        port = settings.get("target_port")
        if port is not None and not 1 <= int(port) <= 65535:
            raise PlanError("glb_settings.target_port must be between 1 and 65535, got %s" % port)
        for index, domain in enumerate(params.get("domains") or []):
            if not str(domain.get("name") or "").strip():
                raise PlanError("domains[%d].name must be a domain name" % index)
        return
    for option in GLOBAL_ONLY:
        if params.get(option):
            raise PlanError("%s is an option of GLOBAL load balancers; this one is %s" % (option, lb_type))


def refuse_mixed_types(engine, current, changes):
    """The same check as check_options, with the type the load balancer has when the task sets none."""
    if engine.params.get("type") is None:
        check_global(engine.params, current.get("type") or "REGIONAL")


def validate_rule(index, rule):
    where = "forwarding_rules[%d]" % index
    entry = str(rule.get("entry_protocol") or "").lower()
    target = str(rule.get("target_protocol") or "").lower()
    if entry not in ENTRY_PROTOCOLS:
        raise PlanError("%s.entry_protocol must be one of %s, got %s"
                        % (where, ", ".join(ENTRY_PROTOCOLS), rule.get("entry_protocol")))
    if target not in TARGET_PROTOCOLS:
        raise PlanError("%s.target_protocol must be one of %s, got %s"
                        % (where, ", ".join(TARGET_PROTOCOLS), rule.get("target_protocol")))
    for key in ("entry_port", "target_port"):
        if not 1 <= int(rule.get(key) or 0) <= 65535:
            raise PlanError("%s.%s must be between 1 and 65535, got %s" % (where, key, rule.get(key)))
    if rule.get("tls_passthrough") and rule.get("certificate_id"):
        raise PlanError("%s: certificate_id and tls_passthrough are mutually exclusive" % where)
    if entry in TLS_ENTRY_PROTOCOLS and not rule.get("tls_passthrough") and not rule.get("certificate_id"):
        raise PlanError("%s: entry_protocol %s needs a certificate_id or tls_passthrough: true" % (where, entry))


# -- request bodies --------------------------------------------------------------------------------


def wanted_tag(params):
    """droplet_ids given: the load balancer must not select Droplets by tag any more."""
    if params.get("droplet_ids") is not None and params.get("tag") is None:
        return ""
    return params.get("tag")


def _members(body, tag, droplet_ids):
    if tag:
        body["tag"] = tag
    else:
        body["droplet_ids"] = list(droplet_ids or [])


def create_body(engine, body):
    check_global(engine.params, engine.params.get("type") or "REGIONAL")
    if engine.params.get("type") == GLOBAL:
        missing = [option for option in ("glb_settings", "target_load_balancer_ids")
                   if not engine.params.get(option)]
        if missing:
            raise PlanError("%s required to create GLOBAL load balancer %s" % (
                " and ".join(missing) + (" is" if len(missing) == 1 else " are"), engine.params.get("name")))
    desired = engine.desired()
    for field in list(body):
        if field in desired:
            body[field] = desired[field]
    body.pop("droplet_ids", None)
    body.pop("tag", None)
    _members(body, desired.get("tag"), desired.get("droplet_ids"))
    return body


def full_body(engine, current, changes):
    """The complete PUT body: the load balancer as it is, with the managed fields laid over it."""
    desired = engine.desired()

    def pick(field):
        return desired[field] if field in desired else engine.current_value(current, field)

    body = {"region": engine.current_value(current, "region")}
    is_global = (engine.params.get("type") or current.get("type")) == GLOBAL
    for field in CARRIED_FIELDS:
        if field in GLOBAL_ONLY and not is_global:
            continue
        value = pick(field)
        if field == "glb_settings" and field in desired:
            # The sub-options the task sets, over the settings the load balancer has.
            value = _merged(engine.current_value(current, field), desired[field])
        if value is not None:
            body[field] = value
    if "size" in desired:
        body["size"] = desired["size"]
    elif pick("size_unit") is not None:
        body["size_unit"] = pick("size_unit")
    elif current.get("size"):
        body["size"] = current["size"]
    _members(body, pick("tag"), pick("droplet_ids"))
    return body


# -- waits -----------------------------------------------------------------------------------------


def errored(lb):
    if (lb or {}).get("status") == "errored":
        return "load balancer %s (id %s) errored while being set up" % (lb.get("name"), lb.get("id"))
    return None


def certificates_by_id(engine):
    """forwarding_rules may name their certificate: the API wants its id (reads only)."""
    rules = engine.params.get("forwarding_rules")
    if not rules:
        return engine.params
    resolved = []
    for index, rule in enumerate(rules):
        option = "forwarding_rules[%d].certificate_id" % index
        resolved.append(dict(rule, certificate_id=certificate_id(engine, rule.get("certificate_id"), option)))
    return dict(engine.params, forwarding_rules=resolved)


def resolve_certificates(engine):
    """The certificates of forwarding_rules and of domains, by name or id (reads only)."""
    params = certificates_by_id(engine)
    domains = params.get("domains")
    if domains:
        resolved = []
        for index, domain in enumerate(domains):
            option = "domains[%d].certificate_id" % index
            resolved.append(dict(domain, certificate_id=certificate_id(engine, domain.get("certificate_id"), option)))
        params = dict(params, domains=resolved)
    return params


PUT = Put(body=full_body, refuse=refuse_mixed_types)

LOAD_BALANCER = ResourceSpec(
    kind="load_balancer",
    api=Api("/v2/load_balancers", "load_balancer"),
    lookup=Lookup(identity=("name", "region")),
    fields=dict({field: Field(update=PUT) for field in MUTABLE}, **{
        "tag": Field(read=tag_of, wanted=wanted_tag, update=PUT),
        "droplet_ids": Field(normalize=sorted_ids, update=PUT),
        "forwarding_rules": Field(normalize=forwarding_rules_set, update=PUT),
        # Absent means the API's defaults.
        "health_check": Field(read=lambda lb: lb.get("health_check") or {}, normalize=health_check, update=PUT),
        "sticky_sessions": Field(read=lambda lb: lb.get("sticky_sessions") or {}, normalize=sticky_sessions,
                                 update=PUT),
        "firewall": Field(read=lambda lb: lb.get("firewall") or {}, normalize=firewall, update=PUT),
        "glb_settings": Field(read=lambda lb: lb.get("glb_settings") or {}, normalize=glb_settings,
                              equal=same_glb_settings, update=PUT),
        "target_load_balancer_ids": Field(normalize=sorted_set, missing=[], update=PUT),
        "domains": Field(normalize=domains_set, missing=[], update=PUT),
        "region": Field(read=path_reader("region", "slug")),
        "project_id": Field(write_only=True),
    }),
    create=Create(
        fields=("name", "region", "size", "size_unit", "droplet_ids", "tag", "forwarding_rules", "health_check",
                "sticky_sessions", "redirect_http_to_https", "enable_proxy_protocol", "enable_backend_keepalive",
                "http_idle_timeout_seconds", "vpc_uuid", "project_id", "firewall",
                "disable_lets_encrypt_dns_records", "tls_cipher_policy", "network", "network_stack", "type",
                "glb_settings", "target_load_balancer_ids", "domains"),
        required=("name", "region", "forwarding_rules"),
        body=create_body,
        assigned=("ip",),
    ),
    ready=Ready(lambda lb: lb.get("status") == "active", failed=errored),
    prepare=check_options,
    resolve=resolve_certificates,
    label="load balancer",
)
