# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""DNS names and record values: one normal form for comparing what a task asks for with what the
API returns. Used by the domain, domain_record and domain_records declarations; makes no request.

Record names:
  - ``@``, an empty name, the domain itself (``example.com``) and ``example.com.`` are the apex ``@``;
  - ``www``, ``www.example.com`` and ``www.example.com.`` are ``www`` (the API stores names relative
    to the domain, ``@`` for the apex);
  - a name with a trailing dot outside the domain (``www.other.org.``) is an error.
  Names are compared in lower case.

Host names in ``data`` (CNAME, MX, NS, SRV) are fully qualified: the trailing dot is optional in a
task, the API requires it in requests and leaves it out of answers. ``@`` and the domain itself mean
the apex.
"""

from __future__ import annotations

import ipaddress
import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, is_unknown

RECORD_TYPES = ("A", "AAAA", "CAA", "CNAME", "MX", "NS", "SOA", "SRV", "TXT")
# Several records of these types may share one name: the data tells them apart.
MULTI_VALUED = ("A", "AAAA", "CAA", "MX", "NS", "SRV", "TXT")
HOST_DATA_TYPES = ("CNAME", "MX", "NS", "SRV")
CAA_TAGS = ("issue", "issuewild", "iodef")
# Attributes a type uses besides type, name, data and ttl; each is required to create it.
EXTRA_FIELDS = {
    "MX": ("priority",),
    "SRV": ("priority", "port", "weight"),
    "CAA": ("flags", "tag"),
}
OPTIONAL_FIELDS = ("priority", "port", "weight", "flags", "tag")
RANGES = {
    "priority": (0, 65535),
    "port": (0, 65535),
    "weight": (0, 65535),
    "flags": (0, 255),
    "ttl": (30, 2147483647),
}

_DOMAIN_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_HOST_LABEL = re.compile(r"^(\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$")


# -- domains ---------------------------------------------------------------------------------------


def normalize_domain(name):
    """Lower case, without surrounding spaces or the trailing dot: ``Example.COM.`` -> ``example.com``."""
    if name is None:
        return None
    return str(name).strip().lower().rstrip(".")


def check_domain(name, option="name"):
    """Raise PlanError unless ``name`` (normalized) is a domain name such as example.com."""
    if not name or len(name) > 253 or "." not in name or not all(
            _DOMAIN_LABEL.match(label) for label in name.split(".")):
        raise PlanError(
            "%s must be a domain name such as example.com (labels of letters, digits and '-', "
            "separated by dots), got %r" % (option, name))
    return name


# -- record names ----------------------------------------------------------------------------------


def relative_name(name, domain):
    """The API's form of a record name: ``@`` for the apex, else relative to ``domain``, lower case."""
    if name is None:
        return None
    text = str(name).strip().lower()
    if text in ("", "@"):
        return "@"
    absolute = text.endswith(".")
    text = text[:-1] if absolute else text
    if text == domain:
        return "@"
    suffix = "." + domain
    if text.endswith(suffix):
        return text[: -len(suffix)]
    if absolute:
        raise PlanError("name %s. is not in the domain %s: give a name relative to the domain, "
                        "or a fully qualified name ending in .%s" % (text, domain, domain))
    return text


def fqdn(name, domain):
    """The fully qualified form without the trailing dot, as the records list filter wants it."""
    name = relative_name(name, domain)
    return domain if name == "@" else "%s.%s" % (name, domain)


def check_name(name, option="name"):
    """Raise PlanError unless the relative name is ``@`` or dot-separated host labels."""
    if name == "@":
        return name
    if len(name) > 253 or not all(_HOST_LABEL.match(label) for label in name.split(".")):
        raise PlanError(
            "%s must be @, a name relative to the domain or a fully qualified name: labels of letters, "
            "digits, '-' and '_' (or '*'), got %r" % (option, name))
    return name


# -- record data -----------------------------------------------------------------------------------


def normalize_data(rtype, data, domain):
    """The comparable form of a record's data.

    A and AAAA: the canonical address text. CNAME, MX, NS and SRV: the host name in lower case
    without the trailing dot, ``@`` for the apex. CAA: without a trailing dot. TXT: as it is.
    """
    if data is None:
        return None
    text = str(data)
    if rtype in ("A", "AAAA"):
        try:
            return str(ipaddress.IPv4Address(text) if rtype == "A" else ipaddress.IPv6Address(text))
        except ValueError:
            return text
    if rtype in HOST_DATA_TYPES:
        host = text.strip().lower()
        if host.endswith("."):
            host = host[:-1]
        return "@" if host in ("@", domain) else host
    if rtype == "CAA":
        return text[:-1] if text.endswith(".") else text
    return text


def api_data(rtype, data, domain):
    """What to send as ``data``: host names end with a dot, as the API requires."""
    if data is None:
        return None
    if rtype in HOST_DATA_TYPES:
        host = normalize_data(rtype, data, domain)
        return "@" if host == "@" else host + "."
    if rtype == "AAAA":
        return normalize_data(rtype, data, domain)
    return str(data)


def check_data(rtype, data, option="data"):
    if data is None or is_unknown(data):
        return
    text = str(data)
    if rtype == "A":
        try:
            ipaddress.IPv4Address(text)
        except ValueError:
            raise PlanError("%s of an A record must be an IPv4 address, got %r" % (option, text))
    elif rtype == "AAAA":
        try:
            ipaddress.IPv6Address(text)
        except ValueError:
            raise PlanError("%s of an AAAA record must be an IPv6 address, got %r" % (option, text))
    elif rtype in HOST_DATA_TYPES:
        host = text.strip().lower().rstrip(".")
        if host != "@" and (not host or not all(_HOST_LABEL.match(label) for label in host.split("."))):
            raise PlanError("%s of a %s record must be a host name (or @ for the domain itself), got %r"
                            % (option, rtype, text))
    elif text == "":
        raise PlanError("%s of a %s record must not be empty" % (option, rtype))


# -- whole records ---------------------------------------------------------------------------------


def check_record(record, prefix=""):
    """Validate one record's options (type, name already normalized); raise PlanError naming the option.

    ``record`` holds type, name, data, ttl, priority, port, weight, flags and tag (None = unset).
    """
    rtype = record["type"]
    if rtype not in RECORD_TYPES:
        raise PlanError("%stype must be one of %s, got %r" % (prefix, ", ".join(RECORD_TYPES), rtype))
    if record.get("name") is not None:
        check_name(record["name"], prefix + "name")
    if rtype == "SOA":
        extra = [field for field in ("data",) + OPTIONAL_FIELDS if record.get(field) is not None]
        if extra:
            raise PlanError("%s%s cannot be set on an SOA record: only its ttl can be managed"
                            % (prefix, " and ".join(extra)))
        if record.get("name") not in (None, "@"):
            raise PlanError("%sname of an SOA record must be @ (the domain itself), got %r"
                            % (prefix, record["name"]))
    allowed = EXTRA_FIELDS.get(rtype, ())
    for field in OPTIONAL_FIELDS:
        if record.get(field) is not None and field not in allowed:
            users = [kind for kind in sorted(EXTRA_FIELDS) if field in EXTRA_FIELDS[kind]]
            raise PlanError("%s%s applies only to %s records, not to %s records"
                            % (prefix, field, " and ".join(users), rtype))
    for field, (low, high) in RANGES.items():
        value = record.get(field)
        if value is not None and not low <= value <= high:
            raise PlanError("%s%s must be between %d and %d, got %s" % (prefix, field, low, high, value))
    if rtype == "CAA" and record.get("tag") is not None and record["tag"] not in CAA_TAGS:
        raise PlanError("%stag must be one of %s, got %r" % (prefix, ", ".join(CAA_TAGS), record["tag"]))
    check_data(rtype, record.get("data"), prefix + "data")


def missing_for_create(record):
    """The options a record of its type needs to be created, that are unset."""
    rtype = record["type"]
    needed = ("data",) + EXTRA_FIELDS.get(rtype, ())
    return [field for field in needed if record.get(field) is None]


def identity_fields(rtype):
    """What tells records of one type and name apart, besides domain, type and name."""
    if rtype == "CAA":
        return ("tag", "data")
    if rtype in MULTI_VALUED:
        return ("data",)
    return ()


def record_key(rtype, name, data, tag, domain):
    """The identity of a record as a tuple: type and relative name, plus data (and tag for CAA)
    for multi-valued types."""
    key = (rtype, relative_name(name, domain))
    if rtype == "CAA":
        return key + (tag, normalize_data(rtype, data, domain))
    if rtype in MULTI_VALUED:
        return key + (normalize_data(rtype, data, domain),)
    return key


def key_of(api_record, domain):
    return record_key(api_record.get("type"), api_record.get("name"), api_record.get("data"),
                      api_record.get("tag"), domain)


def label_of(key):
    """A short readable label of a record identity, e.g. ``MX @ mail.example.com``."""
    return " ".join(str(part) for part in key)
