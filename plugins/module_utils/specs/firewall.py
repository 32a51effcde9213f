# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Cloud firewalls: the declaration the firewall and firewall_info modules share.

Rules, Droplets and tags are compared as sets. A rule is brought to one canonical shape first, so
that rules meaning the same compare equal whatever their spelling:

- protocol in lower case;
- ports: "all", "0", "1-65535" and an empty value all mean every port and become "all"; "80-80"
  becomes "80"; ICMP has no ports (the key is left out);
- sources/destinations: only the non-empty lists of addresses, droplet_ids, load_balancer_uids,
  kubernetes_ids and tags, each sorted without duplicates; addresses in their canonical form
  (compressed IPv6, a /32 or /128 network as the bare address).

The API is sent the same rules with ports "0" for every port (and for ICMP), as it answers them.
Every change goes through one PUT carrying the whole firewall, as the API requires.
"""

from __future__ import annotations

import ipaddress
import json
import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Put, Ready
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, same_tags, sorted_ids
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import tag_set

PROTOCOLS = ("tcp", "udp", "icmp")
TARGET_KEYS = ("addresses", "droplet_ids", "load_balancer_uids", "kubernetes_ids", "tags")
DIRECTIONS = {"inbound_rules": "sources", "outbound_rules": "destinations"}
ALL_PORTS = "all"
ALL_PORTS_SPELLINGS = ("", "all", "0", "1-65535")
API_ALL_PORTS = "0"
PORTS = re.compile(r"^(\d{1,5})(?:-(\d{1,5}))?$")
NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9.-]+$")
RULE_FIELDS = tuple(DIRECTIONS)


class RuleError(PlanError):
    """A firewall rule the API would refuse, found before any request."""


# -- normalization ---------------------------------------------------------------------------------


def normalize_ports(protocol, ports, where="ports", strict=False):
    """The canonical ports of a rule: "all", "<port>" or "<low>-<high>"; None for ICMP.

    strict (the task's rules): a tcp or udp rule must say its ports; an unset or empty value, such
    as an unset variable, would open every port silently.
    """
    text = "" if ports is None else str(ports).strip().lower()
    if strict and protocol != "icmp" and text == "":
        raise RuleError('%s: a %s rule needs ports: a port, a range "low-high", or "all" for every port'
                        % (where, protocol))
    if protocol == "icmp":
        if text not in ALL_PORTS_SPELLINGS:
            raise RuleError("%s: icmp rules have no ports; leave ports unset (got %r)" % (where, ports))
        return None
    if isinstance(ports, bool):
        text = "?"
    if text in ALL_PORTS_SPELLINGS:
        return ALL_PORTS
    match = PORTS.match(text)
    if not match:
        raise RuleError('%s: must be "all", a port number 1-65535 or a range "low-high", got %r' % (where, ports))
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) else low
    if not (1 <= low <= 65535 and 1 <= high <= 65535):
        raise RuleError("%s: ports must be between 1 and 65535, got %r" % (where, ports))
    if low > high:
        raise RuleError("%s: the range %r starts after it ends" % (where, ports))
    if (low, high) == (1, 65535):
        return ALL_PORTS
    return str(low) if low == high else "%d-%d" % (low, high)


def normalize_address(address, where="addresses"):
    """An IPv4/IPv6 address or CIDR in canonical form; a single-host network is the address."""
    text = str(address).strip()
    try:
        if "/" in text:
            network = ipaddress.ip_network(text, strict=False)
            if network.prefixlen == network.max_prefixlen:
                return str(network.network_address)
            return str(network)
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise RuleError("%s: %r is not an IPv4 or IPv6 address or CIDR" % (where, address))


def normalize_target(target, where="sources", strict=True):
    """sources / destinations: the non-empty lists, sorted, without duplicates."""
    target = target or {}
    if not isinstance(target, dict):
        raise RuleError("%s: must be a dictionary with any of %s" % (where, ", ".join(TARGET_KEYS)))
    canonical = {}
    for key in TARGET_KEYS:
        values = target.get(key) or []
        if isinstance(values, (str, int)):
            values = [values]
        if key == "addresses":
            items = {normalize_address(value, "%s.addresses[%d]" % (where, i)) for i, value in enumerate(values)}
            ordered = sorted(items, key=_address_order)
        elif key == "droplet_ids":
            ordered = sorted({_droplet_id(value, "%s.droplet_ids[%d]" % (where, i)) for i, value in enumerate(values)})
        elif key == "tags":
            # Tag names are case-insensitive: compared (and sent) in lower case.
            ordered = sorted({str(value).lower() for value in values})
        else:
            ordered = sorted({str(value) for value in values})
        if ordered:
            canonical[key] = ordered
    if strict and not canonical:
        raise RuleError("%s: needs at least one of %s" % (where, ", ".join(TARGET_KEYS)))
    return canonical


def normalize_rule(rule, direction, where=None, strict=True):
    target_key = DIRECTIONS[direction]
    where = where or direction
    if not isinstance(rule, dict):
        raise RuleError("%s: a rule must be a dictionary" % where)
    protocol = str(rule.get("protocol") or "").strip().lower()
    if protocol not in PROTOCOLS:
        raise RuleError("%s.protocol: must be one of %s, got %r" % (where, ", ".join(PROTOCOLS), rule.get("protocol")))
    canonical = {"protocol": protocol}
    ports = normalize_ports(protocol, rule.get("ports"), "%s.ports" % where, strict)
    if ports is not None:
        canonical["ports"] = ports
    canonical[target_key] = normalize_target(rule.get(target_key), "%s.%s" % (where, target_key), strict)
    return canonical


def normalize_rules(rules, direction, strict=True):
    """A list of rules -> the sorted list of distinct canonical rules (a set, as a list)."""
    if rules is None:
        return None
    canonical = {}
    for index, rule in enumerate(rules):
        normalized = normalize_rule(rule, direction, "%s[%d]" % (direction, index), strict)
        canonical[_key(normalized)] = normalized
    return [canonical[key] for key in sorted(canonical)]


def to_api_rule(rule, direction):
    """A canonical rule -> the request shape ("ports" always present, "0" for every port)."""
    target_key = DIRECTIONS[direction]
    ports = rule.get("ports")
    return {
        "protocol": rule["protocol"],
        "ports": API_ALL_PORTS if ports in (None, ALL_PORTS) else ports,
        target_key: {key: list(values) for key, values in rule[target_key].items()},
    }


def _lenient(direction):
    # What the API answers and what the user asked for go through the same function; errors in the
    # user's rules are reported by validate() first, with the option's path.
    return lambda rules: normalize_rules(rules, direction, strict=False)


def _droplet_id(value, where):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise RuleError("%s: %r is not a Droplet id" % (where, value))


def _address_order(text):
    network = ipaddress.ip_network(text, strict=False)
    return (network.version, network.network_address, network.prefixlen)


def _key(rule):
    """Rules sort by protocol, then by first port ("all" and ICMP first), then by targets."""
    ports = rule.get("ports")
    first = 0 if ports in (None, ALL_PORTS) else int(ports.split("-")[0])
    return (rule["protocol"], first, json.dumps(rule, sort_keys=True))


# -- the declaration -------------------------------------------------------------------------------


def check_options(params):
    name = params.get("name")
    if name is not None and not NAME.match(name):
        raise PlanError("name must start with a letter or digit, followed by letters, digits, '.' or '-' "
                        "(at least 2 characters), got %r" % name)
    for direction in RULE_FIELDS:
        normalize_rules(params.get(direction), direction, strict=True)
    if params.get("inbound_rules") == [] and params.get("outbound_rules") == []:
        raise PlanError("inbound_rules and outbound_rules cannot both be empty: a firewall needs at least one rule")
    for index, droplet_id in enumerate(params.get("droplet_ids") or []):
        if droplet_id <= 0:
            raise PlanError("droplet_ids[%d]: %s is not a Droplet id" % (index, droplet_id))


WORLD = ("0.0.0.0/0", "::/0")


def warn_open_to_the_world(option, rules, params=None):
    """A rule that opens every port to every address is allowed, and worth a second look."""
    target_key = DIRECTIONS[option]
    warnings = []
    for index, rule in enumerate(normalize_rules(rules, option, strict=False) or []):
        addresses = rule.get(target_key, {}).get("addresses") or []
        if rule.get("ports") == ALL_PORTS and rule["protocol"] != "icmp" and set(addresses) & set(WORLD):
            warnings.append("%s: a %s rule opens every port to %s" % (
                option, rule["protocol"], " and ".join(sorted(set(addresses) & set(WORLD)))))
    return warnings


def final_value(engine, current, field):
    """The value the firewall will have: the task's when it manages the field, else the current one."""
    wanted = engine.params.get(field)
    if wanted is not None or not current:
        return engine.normalized(field, wanted)
    return engine.current_value(current, field)


def full_body(engine, current):
    body = {"name": engine.params.get("name") or (current or {}).get("name")}
    for direction in RULE_FIELDS:
        body[direction] = [to_api_rule(rule, direction) for rule in final_value(engine, current, direction) or []]
    body["droplet_ids"] = final_value(engine, current, "droplet_ids") or []
    body["tags"] = final_value(engine, current, "tags") or []
    if not body["inbound_rules"] and not body["outbound_rules"]:
        raise PlanError("firewall %s would have no rules left: a firewall needs at least one inbound or "
                        "outbound rule" % body["name"])
    return body


def referenced_tags(body):
    names = set(body.get("tags") or [])
    for direction, target_key in DIRECTIONS.items():
        for rule in body.get(direction) or []:
            names.update((rule.get(target_key) or {}).get("tags") or [])
    return names


def ensure_tags(engine, body, current=None):
    """Firewalls only refer to existing tags: create the new ones (never in check mode)."""
    if engine.check_mode:
        return
    known = referenced_tags(full_body_of(current)) if current else set()
    for name in sorted(referenced_tags(body) - known):
        engine.ensure_tag(name)


def full_body_of(firewall):
    return {key: firewall.get(key) for key in ("tags",) + RULE_FIELDS}


def create_body(engine, body):
    if not engine.params.get("name"):
        raise PlanError("name is required to create a firewall")
    body = full_body(engine, None)
    ensure_tags(engine, body)
    return body


def update_body(engine, current, changes):
    body = full_body(engine, current)
    ensure_tags(engine, body, current)
    return body


def failed_rules(firewall):
    """A firewall the API could not apply: the task fails and shows what is pending."""
    if (firewall or {}).get("status") != "failed":
        return None
    pending = ["droplet %s: %s" % (change.get("droplet_id"), change.get("status"))
               for change in firewall.get("pending_changes") or []]
    return "firewall %s (id %s) failed to apply its rules%s" % (
        firewall.get("name"), firewall.get("id"), "; pending changes: " + ", ".join(pending) if pending else "")


def list_firewalls(engine, query):
    """Every firewall, or with droplet_id (firewall_info) those of one Droplet, filtered by the API."""
    droplet_id = engine.params.get("droplet_id")
    path = "/v2/droplets/%s/firewalls" % droplet_id if droplet_id else engine.collection_path
    return engine.client.paginate(path, engine.spec.api.plural, params=query)


PUT = Put(body=update_body, refuse=lambda engine, current, changes: full_body(engine, current))
# Every field changes with one PUT of the whole firewall. The API answers null for an empty list
# of droplets, and tags compare without regard to case.
FIELDS = {
    "name": Field(update=PUT),
    "inbound_rules": Field(normalize=_lenient("inbound_rules"), update=PUT, check=warn_open_to_the_world),
    "outbound_rules": Field(normalize=_lenient("outbound_rules"), update=PUT),
    "droplet_ids": Field(normalize=sorted_ids, missing=[], update=PUT),
    "tags": Field(normalize=tag_set, equal=same_tags, missing=[], update=PUT),
}

FIREWALL = ResourceSpec(
    kind="firewall",
    api=Api("/v2/firewalls", "firewall"),
    lookup=Lookup(list=list_firewalls),
    fields=FIELDS,
    create=Create(fields=tuple(FIELDS), body=create_body),
    ready=Ready(lambda firewall: firewall.get("status") != "waiting", failed=failed_rules),
    prepare=check_options,
)
