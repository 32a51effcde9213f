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
"""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.certificate import certificate_id
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Put, Ready
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, path_reader, sorted_ids

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
                  "network", "network_stack", "type")
MUTABLE = ("name", "size", "size_unit", "droplet_ids", "tag", "forwarding_rules", "health_check",
           "sticky_sessions", "redirect_http_to_https", "enable_proxy_protocol", "enable_backend_keepalive",
           "http_idle_timeout_seconds", "firewall", "disable_lets_encrypt_dns_records", "tls_cipher_policy")


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
    for key in ("allow", "deny"):
        for rule in (params.get("firewall") or {}).get(key) or []:
            if not str(rule).startswith(("ip:", "cidr:")):
                raise PlanError("firewall.%s entries look like ip:1.2.3.4 or cidr:10.0.0.0/16, got %s" % (key, rule))


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
    for field in CARRIED_FIELDS:
        value = pick(field)
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


PUT = Put(body=full_body)

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
        "region": Field(read=path_reader("region", "slug")),
        "project_id": Field(write_only=True),
    }),
    create=Create(
        fields=("name", "region", "size", "size_unit", "droplet_ids", "tag", "forwarding_rules", "health_check",
                "sticky_sessions", "redirect_http_to_https", "enable_proxy_protocol", "enable_backend_keepalive",
                "http_idle_timeout_seconds", "vpc_uuid", "project_id", "firewall",
                "disable_lets_encrypt_dns_records", "tls_cipher_policy", "network", "network_stack", "type"),
        required=("name", "region", "forwarding_rules"),
        body=create_body,
        assigned=("ip",),
    ),
    ready=Ready(lambda lb: lb.get("status") == "active", failed=errored),
    prepare=check_options,
    resolve=certificates_by_id,
    label="load balancer",
)
