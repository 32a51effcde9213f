# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""DNS records: the declaration behind domain_record and domain_record_info, and the reconciler of
whole record sets behind domain_records.

Identity of a record (when no id is given):
  - domain, type and name for the single-valued types CNAME and SOA: their data changes in place;
  - domain, type, name and data for the multi-valued types A, AAAA, MX, NS, SRV and TXT: a different
    data is a different record, so changing it adds a record (domain_records with purge removes the
    old one; with exclusive_names it changes the old one in place);
  - CAA adds its tag (issue, issuewild, iodef) to data, since one CA is often named in both an issue
    and an issuewild record.
Names are compared in their normal form (see dns.py): @, www, www.example.com and www.example.com.
all name records of the domain example.com. A record found by id can change any of name, data,
ttl and the type's own attributes; its type never changes.

SOA records come with the domain: they cannot be created or deleted, only their ttl changes.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, exactly_one
from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import EXTRA_FIELDS, HOST_DATA_TYPES, MULTI_VALUED
from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import OPTIONAL_FIELDS, api_data, check_domain
from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import check_record, fqdn, identity_fields, key_of
from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import label_of, missing_for_create
from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import normalize_data, normalize_domain
from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import relative_name
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import Plan
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Parent
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Patch, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.sets import SetSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain import DOMAIN

RECORD_FIELDS = ("type", "name", "data", "ttl", "priority", "port", "weight", "flags", "tag")
RECORDS_API = Api("/v2/domains/{parent}/records", "domain_record")
IN_DOMAIN = Parent(DOMAIN, "domain", fetch=False)


def _plural(items):
    return " and ".join(items) + (" is" if len(items) == 1 else " are")


# -- one record ------------------------------------------------------------------------------------


def normalize_names(params):
    """domain in its normal form (Example.COM. -> example.com) and name relative to it."""
    domain = check_domain(normalize_domain(params.get("domain")), "domain")
    name = params.get("name")
    return dict(params, domain=domain, name=relative_name(name, domain) if name is not None else None)


def check_record_options(params, prefix=""):
    """Check a record's options before any request; return them with domain and name normalized."""
    if params.get("name") is None and params.get("type") == "SOA":
        params = dict(params, name="@")
    params = normalize_names(params)
    if params.get("name") is None and params.get("id") in (None, ""):
        raise PlanError("%sname is required (or id, to find the record by id)" % prefix)
    check_record(dict((field, params.get(field)) for field in RECORD_FIELDS), prefix)
    if params.get("type") == "SOA" and params.get("state") == "absent":
        raise PlanError("%san SOA record cannot be deleted: it exists as long as its domain" % prefix)
    return params


def list_records(engine, query):
    """The domain's records; the API filters by type and by the fully qualified name."""
    if query.get("name") is not None:
        query = dict(query, name=fqdn(query["name"], engine.parent_id))
    return engine.client.paginate(engine.collection_path, RECORDS_API.plural, params=query)


def find_record(engine):
    """One list request with the API's type and name filters, then matching by identity."""
    params = engine.params
    domain, rtype, name = params["domain"], params["type"], params["name"]
    if rtype in MULTI_VALUED and params.get("data") is None:
        raise PlanError(
            "data is required to find a %s record: several %s records can share the name %s. "
            "Give data, or id to pick one record." % (rtype, rtype, name))
    if rtype == "CAA" and params.get("tag") is None:
        raise PlanError("tag is required to find a CAA record (with data), or give id")
    key = record_key_of(params)
    same_name = engine.list_all({"type": rtype, "name": name})
    # Records of one name and type share one TTL: a new one joins the set with it.
    engine.notes["set_ttl"] = same_name[0].get("ttl") if same_name else None
    matches = [rec for rec in same_name if key_of(rec, domain) == key]
    return exactly_one(matches, "records", "match %s in %s" % (label_of(key), domain))


def record_key_of(params):
    return key_of(params, params["domain"])


def create_body(engine, body):
    params = engine.params
    rtype = params["type"]
    if rtype == "SOA":
        raise PlanError("the SOA record of %s does not exist and cannot be created: it comes with the "
                        "domain" % params["domain"])
    missing = missing_for_create(params)
    if missing:
        raise PlanError("%s required to create a %s record" % (_plural(missing), rtype))
    body["name"] = params["name"]
    body["data"] = api_data(rtype, params["data"], params["domain"])
    if params.get("ttl") is None and engine.notes.get("set_ttl"):
        # Any other TTL would change the TTL of every record with this name and type.
        body["ttl"] = engine.notes["set_ttl"]
    # The attributes a type does not use are sent as null, as the API reference's examples do.
    for field in OPTIONAL_FIELDS:
        body.setdefault(field, None)
    return body


def patch_body(engine, current, changes):
    """PATCH needs the type; host names are sent with their trailing dot, and always, since the
    API checks the data of CNAME, MX, NS and SRV records on every update."""
    domain = engine.params["domain"]
    rtype = current["type"]
    out = {"type": rtype}
    for field in changes:
        value = engine.params.get(field)
        if field == "name":
            value = relative_name(value, domain)
        elif field == "data":
            value = api_data(rtype, value, domain)
        out[field] = value
    if rtype in HOST_DATA_TYPES and "data" not in out:
        out["data"] = api_data(rtype, current.get("data"), domain)
    return out


def warn_single_label(option, data, params):
    """A host name without a dot (CNAME lb) is taken by the API as a top-level name (lb.)."""
    rtype = params.get("type")
    host = str(data).strip().rstrip(".")
    if rtype in HOST_DATA_TYPES and host not in ("@", "") and "." not in host:
        domain = params.get("domain") or "example.com"
        return ["%s: %s of a %s record is a single label, which the API takes as the top-level name %s.; "
                "give the fully qualified name, such as %s.%s" % (option, data, rtype, host, host, domain)]
    return []


def record_spec(domain, rtype, prepare=check_record_options):
    """The declaration for records of one type in one domain (the normal forms depend on both)."""
    domain = normalize_domain(domain) or ""
    patch = Patch(body=patch_body, answer=True)
    updatable = ("ttl",) if rtype == "SOA" else ("name", "data", "ttl") + EXTRA_FIELDS.get(rtype, ())
    fields = {field: Field(update=patch) for field in updatable}
    fields.update({
        "domain": Field(read=lambda record: domain, normalize=normalize_domain),
        "name": Field(normalize=lambda value: relative_name(value, domain), update=fields.get("name", Field()).update),
        "data": Field(normalize=lambda value: normalize_data(rtype, value, domain),
                      update=fields.get("data", Field()).update, check=warn_single_label),
    })
    return ResourceSpec(
        kind="domain_record",
        api=RECORDS_API,
        lookup=Lookup(identity=("domain", "type", "name") + identity_fields(rtype), find=find_record,
                      filters={"type": "type", "name": "name"}, list=list_records),
        fields=fields,
        create=Create(fields=RECORD_FIELDS, body=create_body),
        parent=IN_DOMAIN,
        prepare=prepare,
    )


# -- a whole set of records ------------------------------------------------------------------------


def summary(record, domain):
    """A record as the diff shows it: the normalized fields it has."""
    rtype = record.get("type")
    shown = {"type": rtype, "name": relative_name(record.get("name"), domain)}
    if rtype != "SOA":
        shown["data"] = normalize_data(rtype, record.get("data"), domain)
    shown["ttl"] = record.get("ttl")
    for field in EXTRA_FIELDS.get(rtype, ()):
        shown[field] = record.get(field)
    return shown


def check_set_ttls(records):
    """Records with the same name and type share one TTL (RFC 2181 5.2): refuse different ones."""
    first = {}
    for index, entry in enumerate(records):
        if entry.get("ttl") is None:
            continue
        rrset = (entry["type"], entry["name"])
        if rrset in first and records[first[rrset]]["ttl"] != entry["ttl"]:
            raise PlanError("records[%d] and records[%d] (%s %s) ask for different ttl values, %s and %s: records "
                            "with the same name and type share one TTL" % (
                                first[rrset], index, rrset[0], rrset[1], records[first[rrset]]["ttl"], entry["ttl"]))
        first.setdefault(rrset, index)


class DomainRecords(SetSpec):
    """The records of one domain: one list request, then only the needed changes."""

    kind = "domain_records"
    parent = IN_DOMAIN
    member_spec = ResourceSpec("domain_record", RECORDS_API, parent=IN_DOMAIN)
    entries_option = "records"

    def prepare(self, params):
        domain = check_domain(normalize_domain(params.get("domain")), "domain")
        records, seen = [], {}
        for index, item in enumerate(params.get("records") or []):
            prefix = "records[%d]: " % index
            entry = check_record_options(dict(item, domain=domain, state="present", id=None), prefix)
            if entry["type"] != "SOA" and entry.get("data") is None:
                raise PlanError("%sdata is required for a %s record" % (prefix, entry["type"]))
            if entry["type"] == "CAA" and entry.get("tag") is None:
                raise PlanError("%stag is required for a CAA record" % prefix)
            key = record_key_of(entry)
            if key in seen:
                raise PlanError("records[%d] repeats records[%d] (%s): list each record once"
                                % (index, seen[key], label_of(key)))
            seen[key] = index
            records.append(entry)
        check_set_ttls(records)
        return dict(params, domain=domain, records=records)

    def entries(self, engine, current):
        """The records, each without a ttl taking the TTL its name and type already have."""
        set_ttls = {}
        for item in current:
            set_ttls.setdefault(self.key(engine, item)[:2], item.get("ttl"))
        return [dict(entry, ttl=set_ttls.get(self.key(engine, entry)[:2])) if entry.get("ttl") is None else entry
                for entry in engine.params["records"]]

    def key(self, engine, item):
        return key_of(item, engine.parent_id)

    def member(self, engine, entry):
        return record_spec(engine.parent_id, entry["type"]), dict(entry, wait=False)

    def reuse_key(self, engine, item):
        """exclusive_names: a listed record that does not exist yet takes over an unlisted record of
        its type and name, changed in place rather than kept beside it."""
        return self.key(engine, item)[:2] if engine.params.get("exclusive_names") else None

    def removable(self, engine, item, plan):
        domain = engine.parent_id
        if item.get("type") == "SOA":
            return False
        if engine.params.get("purge"):
            manages_apex_ns = any(member.entry["type"] == "NS" and member.entry["name"] == "@"
                                  for member in plan.members)
            apex_ns = item.get("type") == "NS" and relative_name(item.get("name"), domain) == "@"
            return manages_apex_ns or not apex_ns
        owned = {member.key[:2] for member in plan.members}
        return bool(engine.params.get("exclusive_names")) and self.key(engine, item)[:2] in owned

    def remove_first(self, engine, item, plan):
        """A record that would block a create (a CNAME shares its name with nothing) goes first."""
        creates = [member.entry for member in plan.with_action(Plan.CREATE)]
        name = relative_name(item.get("name"), engine.parent_id)
        if name in {entry["name"] for entry in creates if entry["type"] == "CNAME"}:
            return True
        return item.get("type") == "CNAME" and name in {entry["name"] for entry in creates}

    def shown(self, engine, item):
        return summary(item, engine.parent_id)

    def member_label(self, engine, key):
        return label_of(key)

    def wanted_shown(self, member, before):
        shown = dict(before or {})
        wanted = member.engine.desired()
        shown.update((field, wanted[field]) for field in RECORD_FIELDS if field in wanted)
        if member.entry["type"] == "SOA":
            shown.pop("data", None)
        return shown

    def identity(self, engine):
        return {"domain": engine.parent_id}

    def removed_identity(self, engine, item):
        key = self.key(engine, item)
        identity = dict(domain=engine.parent_id, type=item.get("type"), name=key[1])
        identity.update(zip(identity_fields(item.get("type")), key[2:]))
        return identity

    def plan_extras(self, engine, plan):
        return {"records": self.member_plans(engine, plan)}

    def result(self, engine, plan, final):
        counts = {
            "created": len(plan.with_action(Plan.CREATE)),
            "updated": len(plan.with_action(Plan.UPDATE)),
            "deleted": len(plan.removals),
            "unchanged": len(plan.members) - len(plan.changing),
        }
        return {self.kind: final, "counts": counts}


DOMAIN_RECORDS = DomainRecords()
