"""DNS: /v2/domains, /v2/domains/{domain_name} and the records under
/v2/domains/{domain_name}/records[/{domain_record_id}].

Written from the API reference, not from the modules:

* Creating a domain creates its SOA record, the three DigitalOcean NS records
  and, when ``ip_address`` is given, an A record for the apex. ``zone_file`` is
  ``null`` in the create answer and rendered from the records afterwards.
* Record names are stored relative to the domain, ``@`` for the apex. The list
  filter ``name`` takes a fully qualified name (``www.example.com``); ``type``
  filters by record type. Both may be combined.
* Host names in ``data`` (CNAME, MX, NS, SRV) must end with a dot (or be
  ``@``), like the real API ("Data needs to end with a dot (.)"); they are
  stored and returned without it.
* Attributes that do not apply to a type are ``null``. SOA records cannot be
  created or deleted and only their ttl changes. A CNAME cannot share its name
  with any other record.
* PUT replaces the record: the fields its type requires must be sent again
  (data for every type but SOA). PATCH changes only the fields it is given.
* Realism knob ``record_set_ttl``: records with the same name and type form one record set with
  one TTL (RFC 2181 section 5.2); the TTL of the record written last (created or updated) becomes
  the TTL of every record of its set (terraform-provider-digitalocean issue 1012 and pull
  request 1157).
"""
import ipaddress
import re

from tests.simulator import realism
from tests.simulator.routing import route, seeder
from tests.simulator.state import iso, not_found, unprocessable

DOMAINS = "domains"
RECORDS = "domain_records"
DEFAULT_TTL = 1800
MIN_TTL = 30
NAME_SERVERS = ("ns1.digitalocean.com", "ns2.digitalocean.com", "ns3.digitalocean.com")
TYPES = ("A", "AAAA", "CAA", "CNAME", "MX", "NS", "SOA", "SRV", "TXT")
HOST_DATA_TYPES = ("CNAME", "MX", "NS", "SRV")
CAA_TAGS = ("issue", "issuewild", "iodef")
LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
RECORD_LABEL = re.compile(r"^(\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$")
FIELDS = ("type", "name", "data", "priority", "port", "ttl", "weight", "flags", "tag")
# Attributes each type uses besides type, name, data and ttl.
EXTRA = {
    "A": (), "AAAA": (), "CNAME": (), "NS": (), "TXT": (), "SOA": (),
    "MX": ("priority",),
    "SRV": ("priority", "port", "weight"),
    "CAA": ("flags", "tag"),
}


# ------------------------------------------------------------------ helpers
def valid_domain_name(name):
    if not isinstance(name, str) or not name or len(name) > 253 or "." not in name:
        return False
    return all(LABEL.match(label) for label in name.split("."))


def get_domain_or_404(ctx, domain_name):
    domain = ctx.coll(DOMAINS).get(domain_name.lower().rstrip("."))
    if domain is None:
        raise not_found()
    return domain


def domain_records(ctx, domain):
    return [rec for rec in ctx.coll(RECORDS).values() if rec["domain"] == domain["name"]]


def fqdn(rec):
    return rec["domain"] if rec["name"] == "@" else "%s.%s" % (rec["name"], rec["domain"])


def render_record(rec):
    return {field: rec.get(field) for field in ("id",) + FIELDS}


def render_domain(ctx, domain, with_zone=True):
    return {"name": domain["name"], "ttl": domain["ttl"],
            "zone_file": zone_file(ctx, domain) if with_zone else None}


def zone_file(ctx, domain):
    origin = domain["name"] + "."
    lines = ["$ORIGIN %s" % origin, "$TTL %d" % domain["ttl"]]
    for rec in domain_records(ctx, domain):
        owner = origin if rec["name"] == "@" else "%s.%s" % (rec["name"], origin)
        if rec["type"] == "SOA":
            value = "ns1.digitalocean.com. hostmaster.%s %d 10800 3600 604800 1800" % (
                origin, domain["serial"])
        elif rec["type"] in HOST_DATA_TYPES:
            target = origin if rec["data"] == "@" else rec["data"] + "."
            if rec["type"] == "MX":
                value = "%d %s" % (rec["priority"], target)
            elif rec["type"] == "SRV":
                value = "%d %d %d %s" % (rec["priority"], rec["weight"], rec["port"], target)
            else:
                value = target
        elif rec["type"] == "CAA":
            value = '%d %s "%s"' % (rec["flags"], rec["tag"], rec["data"])
        elif rec["type"] == "TXT":
            value = '"%s"' % rec["data"].replace('"', '\\"')
        else:
            value = rec["data"]
        lines.append("%s %d IN %s %s" % (owner, rec["ttl"], rec["type"], value))
    return "\n".join(lines) + "\n"


def relative_name(name, domain_name):
    """The stored form of a record name: '@' for the apex, else relative and lower case."""
    if name is None:
        return None
    name = name.strip().lower()
    if name in ("@", domain_name, domain_name + "."):
        return "@"
    if name.endswith("." + domain_name + "."):
        return name[: -len(domain_name) - 2]
    if name.endswith("."):
        raise unprocessable("Name %s is not within the domain %s" % (name, domain_name))
    return name


def check_int(body, field, low, high):
    value = body.get(field)
    if value is None:
        raise unprocessable("%s can't be blank" % field.capitalize())
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise unprocessable("%s must be an integer between %d and %d" % (field.capitalize(), low, high))
    return value


def validate_record(ctx, domain, rec, record_id=None):
    """Check a complete record (its stored shape) like the API does, normalizing in place."""
    rtype = rec["type"]
    if rtype not in TYPES:
        raise unprocessable("Type %s is not a supported record type" % rtype)
    name = rec.get("name")
    if name in (None, ""):
        if rtype in ("MX", "NS"):
            name = "@"
        else:
            raise unprocessable("Name can't be blank")
    if not isinstance(name, str):
        raise unprocessable("Name must be a string")
    name = relative_name(name, domain["name"])
    if name != "@" and not all(RECORD_LABEL.match(label) for label in name.split(".")):
        raise unprocessable("Name %s is not a valid host name" % name)
    rec["name"] = name

    ttl = rec.get("ttl")
    if ttl is None:
        ttl = DEFAULT_TTL
    if isinstance(ttl, bool) or not isinstance(ttl, int) or ttl < MIN_TTL:
        raise unprocessable("TTL must be at least %d seconds" % MIN_TTL)
    rec["ttl"] = ttl

    data = rec.get("data")
    if rtype != "SOA" and (data is None or data == ""):
        raise unprocessable("Data can't be blank")
    if rtype == "A":
        try:
            ipaddress.IPv4Address(data)
        except ValueError:
            raise unprocessable("Data must be a valid IPv4 address")
    elif rtype == "AAAA":
        try:
            data = str(ipaddress.IPv6Address(data))
        except ValueError:
            raise unprocessable("Data must be a valid IPv6 address")
    elif rtype in HOST_DATA_TYPES:
        if data != "@":
            if not data.endswith("."):
                raise unprocessable("Data needs to end with a dot (.)")
            data = data[:-1].lower()
            if data == domain["name"]:
                data = "@"
            elif not data or not all(RECORD_LABEL.match(label) for label in data.split(".")):
                raise unprocessable("Data %s. is not a valid host name" % data)
    elif rtype == "TXT" and len(data) > 512:
        raise unprocessable("Data is too long (maximum is 512 characters)")
    rec["data"] = data

    if rtype == "MX":
        check_int(rec, "priority", 0, 65535)
    elif rtype == "SRV":
        check_int(rec, "priority", 0, 65535)
        check_int(rec, "port", 0, 65535)
        check_int(rec, "weight", 0, 65535)
    elif rtype == "CAA":
        check_int(rec, "flags", 0, 255)
        if rec.get("tag") not in CAA_TAGS:
            raise unprocessable("Tag must be one of %s" % ", ".join(CAA_TAGS))
    for field in ("priority", "port", "weight", "flags", "tag"):
        if field not in EXTRA[rtype]:
            rec[field] = None

    # A CNAME owns its name alone (RFC 1034 3.6.2).
    for other in domain_records(ctx, domain):
        if other["id"] == record_id or other["name"] != name:
            continue
        if rtype == "CNAME" or other["type"] == "CNAME":
            raise unprocessable("CNAME records cannot share a name with other records")
    return rec


def add_record(ctx, domain, fields):
    rec = {"id": ctx.state.next_id("domain_record", 28448429), "domain": domain["name"]}
    rec.update({field: fields.get(field) for field in FIELDS})
    ctx.coll(RECORDS)[rec["id"]] = rec
    domain["serial"] += 1
    return rec


def share_ttl(ctx, domain, rec):
    """One TTL per record set: the record just written sets it for its whole set."""
    if not realism.enabled(ctx, "record_set_ttl"):
        return
    for other in domain_records(ctx, domain):
        if other["name"] == rec["name"] and other["type"] == rec["type"]:
            other["ttl"] = rec["ttl"]


def get_record_or_404(ctx, domain, domain_record_id):
    try:
        rec = ctx.coll(RECORDS).get(int(domain_record_id))
    except (TypeError, ValueError):
        rec = None
    if rec is None or rec["domain"] != domain["name"]:
        raise not_found()
    return rec


def create_domain(ctx, name, ip_address=None):
    if not isinstance(name, str) or not name.strip():
        raise unprocessable("Name can't be blank")
    name = name.strip().lower().rstrip(".")
    if not valid_domain_name(name):
        raise unprocessable("Name %s is not a valid domain name" % name)
    if name in ctx.coll(DOMAINS):
        raise unprocessable("Name %s already exists" % name)
    if ip_address in ("", None):
        ip_address = None
    else:
        try:
            ipaddress.IPv4Address(ip_address)
        except ValueError:
            raise unprocessable("Ip address %s is not a valid IPv4 address" % ip_address)
    domain = {"name": name, "ttl": DEFAULT_TTL, "created_at": iso(ctx.now),
              "serial": int(ctx.now)}
    ctx.coll(DOMAINS)[name] = domain
    add_record(ctx, domain, {"type": "SOA", "name": "@", "data": str(DEFAULT_TTL), "ttl": DEFAULT_TTL})
    for server in NAME_SERVERS:
        add_record(ctx, domain, {"type": "NS", "name": "@", "data": server, "ttl": DEFAULT_TTL})
    if ip_address:
        add_record(ctx, domain, {"type": "A", "name": "@", "data": ip_address, "ttl": DEFAULT_TTL})
    return domain


# ------------------------------------------------------------------ domains
@route("GET", "/v2/domains")
def list_domains(ctx):
    coll = ctx.coll(DOMAINS)
    return 200, ctx.paginate("domains", coll.values(), lambda d: render_domain(ctx, d), total=len(coll))


@route("POST", "/v2/domains")
def post_domain(ctx):
    body = ctx.json_body()
    domain = create_domain(ctx, body.get("name"), body.get("ip_address"))
    return 201, {"domain": render_domain(ctx, domain, with_zone=False)}


@route("GET", "/v2/domains/{domain_name}")
def get_domain(ctx, domain_name):
    return 200, {"domain": render_domain(ctx, get_domain_or_404(ctx, domain_name))}


@route("DELETE", "/v2/domains/{domain_name}")
def delete_domain(ctx, domain_name):
    domain = get_domain_or_404(ctx, domain_name)
    for rec in domain_records(ctx, domain):
        del ctx.coll(RECORDS)[rec["id"]]
    del ctx.coll(DOMAINS)[domain["name"]]
    return 204, None


# ------------------------------------------------------------------ records
@route("GET", "/v2/domains/{domain_name}/records")
def list_records(ctx, domain_name):
    domain = get_domain_or_404(ctx, domain_name)
    items = domain_records(ctx, domain)
    rtype = ctx.query.get("type")
    if rtype:
        items = [rec for rec in items if rec["type"] == rtype]
    name = ctx.query.get("name")
    if name:
        wanted = name.strip().lower().rstrip(".")
        items = [rec for rec in items if fqdn(rec) == wanted]
    return 200, ctx.paginate("domain_records", items, render_record)


@route("POST", "/v2/domains/{domain_name}/records")
def create_record(ctx, domain_name):
    domain = get_domain_or_404(ctx, domain_name)
    body = ctx.json_body()
    if body.get("type") == "SOA":
        raise unprocessable("SOA records are managed by DigitalOcean and cannot be created")
    fields = validate_record(ctx, domain, {field: body.get(field) for field in FIELDS})
    rec = add_record(ctx, domain, fields)
    share_ttl(ctx, domain, rec)
    return 201, {"domain_record": render_record(rec)}


@route("GET", "/v2/domains/{domain_name}/records/{domain_record_id}")
def get_record(ctx, domain_name, domain_record_id):
    domain = get_domain_or_404(ctx, domain_name)
    return 200, {"domain_record": render_record(get_record_or_404(ctx, domain, domain_record_id))}


def change_record(ctx, domain, rec, fields):
    if fields.get("type") not in (None, rec["type"]):
        raise unprocessable("Type of a record cannot be changed")
    if rec["type"] == "SOA":
        changed = [field for field in FIELDS if field not in ("type", "ttl")
                   and field in fields and fields[field] != rec.get(field)
                   and not (field == "name" and fields[field] in ("@", domain["name"]))]
        if changed:
            raise unprocessable("Only the ttl of an SOA record can be changed")
        merged = dict(rec)
        if fields.get("ttl") is not None:
            merged["ttl"] = fields["ttl"]
            if isinstance(merged["ttl"], bool) or not isinstance(merged["ttl"], int) or merged["ttl"] < MIN_TTL:
                raise unprocessable("TTL must be at least %d seconds" % MIN_TTL)
    else:
        merged = dict(rec)
        merged.update(fields)
        merged["type"] = rec["type"]
        if "data" not in fields and rec["type"] in HOST_DATA_TYPES and rec["data"] != "@":
            # Stored without the dot: the unchanged value is valid as it is.
            merged["data"] = rec["data"] + "."
        merged = validate_record(ctx, domain, merged, record_id=rec["id"])
    rec.update({field: merged.get(field) for field in FIELDS})
    domain["serial"] += 1
    share_ttl(ctx, domain, rec)
    return rec


@route("PATCH", "/v2/domains/{domain_name}/records/{domain_record_id}")
def patch_record(ctx, domain_name, domain_record_id):
    domain = get_domain_or_404(ctx, domain_name)
    rec = get_record_or_404(ctx, domain, domain_record_id)
    body = ctx.json_body()
    fields = {field: body[field] for field in FIELDS if field in body}
    return 200, {"domain_record": render_record(change_record(ctx, domain, rec, fields))}


@route("PUT", "/v2/domains/{domain_name}/records/{domain_record_id}")
def put_record(ctx, domain_name, domain_record_id):
    domain = get_domain_or_404(ctx, domain_name)
    rec = get_record_or_404(ctx, domain, domain_record_id)
    body = ctx.json_body()
    fields = {field: body[field] for field in FIELDS if field in body}
    if rec["type"] != "SOA":
        # A PUT replaces the record: what the type requires has to be sent again.
        if not body.get("data"):
            raise unprocessable("Data can't be blank" if rec["type"] not in HOST_DATA_TYPES
                                else "Data needs to end with a dot (.)")
        for field in EXTRA[rec["type"]]:
            fields.setdefault(field, None)
    return 200, {"domain_record": render_record(change_record(ctx, domain, rec, fields))}


@route("DELETE", "/v2/domains/{domain_name}/records/{domain_record_id}")
def delete_record(ctx, domain_name, domain_record_id):
    domain = get_domain_or_404(ctx, domain_name)
    rec = get_record_or_404(ctx, domain, domain_record_id)
    if rec["type"] == "SOA":
        raise unprocessable("SOA records cannot be deleted")
    del ctx.coll(RECORDS)[rec["id"]]
    domain["serial"] += 1
    return 204, None


@seeder("domains")
def seed_domains(ctx, count=1, name_prefix="seed", ip_address=None, records=0, **_ignored):
    """N domains `{prefix}-{i}.com` (the first free numbers), each with `records` extra A records
    (host-1, host-2, ...) besides the SOA and NS records."""
    names = []
    number = 0
    for _domain in range(int(count)):
        number += 1
        while "%s-%d.com" % (name_prefix, number) in ctx.coll(DOMAINS):
            number += 1
        domain = create_domain(ctx, "%s-%d.com" % (name_prefix, number), ip_address)
        for j in range(1, int(records) + 1):
            add_record(ctx, domain, {"type": "A", "name": "host-%d" % j,
                                     "data": "192.0.2.%d" % (j % 250 + 1), "ttl": DEFAULT_TTL})
        names.append(domain["name"])
    return names
