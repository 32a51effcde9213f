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

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanAPIError
from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import (
    EXTRA_FIELDS,
    HOST_DATA_TYPES,
    MULTI_VALUED,
    OPTIONAL_FIELDS,
    api_data,
    check_domain,
    check_record,
    fqdn,
    identity_fields,
    key_of,
    label_of,
    missing_for_create,
    normalize_data,
    normalize_domain,
    record_key,
    relative_name,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    Plan,
    PlanError,
    ResourceEngine,
    ResourceSpec,
)

RECORD_FIELDS = ("type", "name", "data", "ttl", "priority", "port", "weight", "flags", "tag")


def records_path(domain):
    return "/v2/domains/%s/records" % domain


def _plural(items):
    return " and ".join(items) + (" is" if len(items) == 1 else " are")


# -- one record ------------------------------------------------------------------------------------


def validate(engine, prefix=""):
    """Check the options before any request and normalize domain and name for this run."""
    params = engine.params
    domain = check_domain(normalize_domain(params.get("domain")), "domain")
    rtype = params.get("type")
    name = params.get("name")
    if name is None and rtype == "SOA":
        name = "@"
    if name is None and params.get("id") in (None, ""):
        raise PlanError("%sname is required (or id, to find the record by id)" % prefix)
    name = relative_name(name, domain) if name is not None else None
    record = dict((field, params.get(field)) for field in RECORD_FIELDS)
    record.update(type=rtype, name=name)
    check_record(record, prefix)
    if rtype == "SOA" and params.get("state") == "absent":
        raise PlanError("%san SOA record cannot be deleted: it exists as long as its domain" % prefix)
    # A copy: the module's own params keep what the task said.
    engine.params = dict(params, domain=domain, name=name)


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
    records = list_records(engine, domain, {"type": rtype, "name": fqdn(name, domain)})
    key = record_key(rtype, name, params.get("data"), params.get("tag"), domain)
    matches = [rec for rec in records if key_of(rec, domain) == key]
    if len(matches) > 1:
        raise PlanError("%d records match %s in %s: ids %s. Give id to choose one." % (
            len(matches), label_of(key), domain, ", ".join(str(rec["id"]) for rec in matches)))
    return matches[0] if matches else None


def list_records(engine, domain, query=None):
    """The domain's records (filtered by the API when query says so); a missing domain is a clear
    error, or in check mode a warning, since an earlier task may be about to create it."""
    try:
        return engine.client.paginate(records_path(domain), "domain_records", params=query)
    except DigitalOceanAPIError as exc:
        if exc.status != 404:
            raise
        if engine.check_mode:
            engine.warn("domain %s does not exist (yet): its records are planned as new" % domain)
            return []
        raise PlanError("domain %s does not exist: create it first, for example with "
                        "fathom.digitalocean.domain" % domain)


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
    # The attributes a type does not use are sent as null, as the API reference's examples do.
    for field in OPTIONAL_FIELDS:
        body.setdefault(field, None)
    return body


def patch_body(engine, current, body):
    """PATCH needs the type; host names are sent with their trailing dot, and always, since the
    API checks the data of CNAME, MX, NS and SRV records on every update."""
    domain = engine.params["domain"]
    rtype = current["type"]
    out = {"type": rtype}
    for field, value in body.items():
        if field == "name":
            value = relative_name(value, domain)
        elif field == "data":
            value = api_data(rtype, value, domain)
        out[field] = value
    if rtype in HOST_DATA_TYPES and "data" not in out:
        out["data"] = api_data(rtype, current.get("data"), domain)
    return out


def record_spec(domain, rtype):
    """The declaration for records of one type in one domain (the paths hold the domain)."""
    domain = normalize_domain(domain) or ""
    path = records_path(domain)
    if rtype == "SOA":
        updatable = ("ttl",)
    else:
        updatable = ("name", "data", "ttl") + EXTRA_FIELDS.get(rtype, ())
    return ResourceSpec(
        kind="domain_record",
        singular="domain_record",
        plural="domain_records",
        collection=path,
        item=path + "/{id}",
        identity=("domain", "type", "name") + identity_fields(rtype),
        create=RECORD_FIELDS,
        update=updatable,
        update_method="PATCH",
        update_body=patch_body,
        immutable=("type",),
        read={"domain": lambda record: domain},
        normalize={
            "domain": normalize_domain,
            "name": lambda value: relative_name(value, domain),
            "data": lambda value: normalize_data(rtype, value, domain),
        },
        finder=find_record,
        validate=validate,
        prepare_create=create_body,
    )


def list_for_info(client, params):
    """domain_record_info: one record by id, else the records filtered by type and name (API side)."""
    domain = check_domain(normalize_domain(params.get("domain")), "domain")
    if params.get("id") is not None:
        found = client.get_or_none("%s/%s" % (records_path(domain), params["id"]))
        return [found["domain_record"]] if found else []
    query = {}
    if params.get("type"):
        query["type"] = params["type"]
    if params.get("name") is not None:
        query["name"] = fqdn(params["name"], domain)
    engine = ResourceEngine(record_spec(domain, params.get("type")), client, params)
    return list_records(engine, domain, query)


# -- a whole set of records ------------------------------------------------------------------------


class _Entry:
    """One item of domain_records' records option, with the engine that plans it."""

    def __init__(self, index, engine):
        self.index = index
        self.engine = engine
        params = engine.params
        self.type = params["type"]
        self.name = params["name"]
        self.key = record_key(self.type, self.name, params.get("data"), params.get("tag"), params["domain"])
        self.label = label_of(self.key)
        self.current = None
        self.plan = None


class RecordSet:
    """Reconciles the records of one domain with one list request and only the needed changes."""

    def __init__(self, client, params, check_mode=False, warn=None):
        self.client = client
        self.params = params
        self.check_mode = check_mode
        self.warn = warn or (lambda message: None)

    # -- plan ------------------------------------------------------------------------------------

    def entries(self, domain):
        entries = []
        seen = {}
        for index, item in enumerate(self.params.get("records") or []):
            prefix = "records[%d]: " % index
            params = dict((field, item.get(field)) for field in RECORD_FIELDS)
            params.update(state="present", id=None, domain=domain, wait=False)
            engine = ResourceEngine(record_spec(domain, item.get("type")), self.client, params,
                                    check_mode=self.check_mode, warn=self.warn)
            validate(engine, prefix)
            if params["type"] != "SOA" and params.get("data") is None:
                raise PlanError("%sdata is required for a %s record" % (prefix, params["type"]))
            if params["type"] == "CAA" and params.get("tag") is None:
                raise PlanError("%stag is required for a CAA record" % prefix)
            entry = _Entry(index, engine)
            if entry.key in seen:
                raise PlanError("records[%d] repeats records[%d] (%s): list each record once"
                                % (index, seen[entry.key], entry.label))
            seen[entry.key] = index
            entries.append(entry)
        return entries

    def plan(self, domain, entries, current):
        by_key = {}
        for record in current:
            by_key.setdefault(key_of(record, domain), []).append(record)
        used = set()
        for entry in entries:
            candidates = [rec for rec in by_key.get(entry.key, []) if rec["id"] not in used]
            entry.current = candidates[0] if candidates else None
            if entry.current:
                used.add(entry.current["id"])
        exclusive = self.params.get("exclusive_names")
        owned = set(entry.key[:2] for entry in entries)
        if exclusive:
            # An unlisted record of a listed type and name is changed in place into a listed record
            # that does not exist yet, rather than kept beside it.
            for entry in entries:
                if entry.current is None:
                    spare = [rec for rec in current
                             if rec["id"] not in used and key_of(rec, domain)[:2] == entry.key[:2]]
                    if spare:
                        entry.current = spare[0]
                        used.add(spare[0]["id"])
        for entry in entries:
            try:
                entry.plan = entry.engine.plan(entry.current)
                if entry.plan.action == Plan.CREATE:
                    entry.engine.create_body()
            except PlanError as exc:
                raise PlanError("records[%d] (%s): %s" % (entry.index, entry.label, exc))
        deletes = []
        if exclusive and not self.params.get("purge"):
            deletes = [rec for rec in current
                       if rec["id"] not in used and rec.get("type") != "SOA" and key_of(rec, domain)[:2] in owned]
        if self.params.get("purge"):
            manages_apex_ns = any(entry.type == "NS" and entry.name == "@" for entry in entries)
            for record in current:
                if record["id"] in used or record.get("type") == "SOA":
                    continue
                if record.get("type") == "NS" and relative_name(record.get("name"), domain) == "@" \
                        and not manages_apex_ns:
                    continue
                deletes.append(record)
        return deletes

    # -- apply -----------------------------------------------------------------------------------

    def ordered_deletes(self, entries, deletes, domain):
        """Deletes that would block a create (a CNAME shares its name with nothing) go first."""
        creates = [entry for entry in entries if entry.plan.action == Plan.CREATE]
        cname_names = set(entry.name for entry in creates if entry.type == "CNAME")
        created_names = set(entry.name for entry in creates)
        first, last = [], []
        for record in deletes:
            name = relative_name(record.get("name"), domain)
            blocking = name in cname_names or (record.get("type") == "CNAME" and name in created_names)
            (first if blocking else last).append(record)
        return first, last

    def apply(self, domain, entries, deletes, current):
        path = records_path(domain)
        first, last = self.ordered_deletes(entries, deletes, domain)
        results = {}
        for record in first:
            self.client.delete("%s/%s" % (path, record["id"]), ok_statuses=(404,))
        for entry in entries:
            if entry.plan.action == Plan.UPDATE:
                engine = entry.engine
                body = dict((field, engine.params.get(field)) for field in entry.plan.changes)
                body = patch_body(engine, entry.current, body)
                answer = self.client.patch("%s/%s" % (path, entry.current["id"]), body)
                results[entry.current["id"]] = answer.get("domain_record", answer)
        created = []
        for entry in entries:
            if entry.plan.action == Plan.CREATE:
                created.append(entry.engine.create())
        for record in last:
            self.client.delete("%s/%s" % (path, record["id"]), ok_statuses=(404,))
        deleted = set(record["id"] for record in deletes)
        final = [results.get(record["id"], record) for record in current if record["id"] not in deleted]
        return final + created

    # -- the run ---------------------------------------------------------------------------------

    def run(self):
        domain = check_domain(normalize_domain(self.params.get("domain")), "domain")
        entries = self.entries(domain)
        probe = ResourceEngine(record_spec(domain, None), self.client, {}, check_mode=self.check_mode,
                               warn=self.warn)
        current = list_records(probe, domain)
        deletes = self.plan(domain, entries, current)
        changing = [entry for entry in entries if entry.plan.action != Plan.NONE]
        counts = {
            "created": sum(1 for entry in changing if entry.plan.action == Plan.CREATE),
            "updated": sum(1 for entry in changing if entry.plan.action == Plan.UPDATE),
            "deleted": len(deletes),
            "unchanged": len(entries) - len(changing),
        }
        changed = bool(changing or deletes)
        records = current if self.check_mode or not changed else self.apply(domain, entries, deletes, current)
        return {
            "changed": changed,
            "domain_records": records,
            "counts": counts,
            "plan": self.plan_dict(domain, changing, deletes, changed),
            "diff": self.diff(domain, entries, deletes),
        }

    # -- reporting -------------------------------------------------------------------------------

    def plan_dict(self, domain, changing, deletes, changed):
        records = [entry.plan.as_dict() for entry in changing]
        changes = {}
        for entry in changing:
            via = "POST" if entry.plan.action == Plan.CREATE else "PATCH"
            before = summary(entry.current, domain) if entry.current else None
            changes[entry.label] = {"before": before, "after": desired_summary(entry, before), "via": via}
        for record in deletes:
            key = key_of(record, domain)
            identity = dict(domain=domain, type=record.get("type"), name=key[1])
            identity.update(zip(identity_fields(record.get("type")), key[2:]))
            records.append(Plan(Plan.DELETE, "domain_record", identity, record["id"]).as_dict())
            label = label_of(key)
            if label in changes:
                label = "%s (id %s)" % (label, record["id"])
            changes[label] = {"before": summary(record, domain), "after": None, "via": "DELETE"}
        return {
            "action": Plan.UPDATE if changed else Plan.NONE,
            "resource": "domain_records",
            "identity": {"domain": domain},
            "id": domain,
            "changes": changes,
            "records": records,
        }

    def diff(self, domain, entries, deletes):
        before, after = {}, {}
        for entry in entries:
            shown_before = summary(entry.current, domain) if entry.current else None
            if shown_before is not None:
                before[entry.label] = shown_before
            after[entry.label] = desired_summary(entry, shown_before)
        for record in deletes:
            label = label_of(key_of(record, domain))
            if label in before:
                label = "%s (id %s)" % (label, record["id"])
            before[label] = summary(record, domain)
        return {"before": before, "after": after}


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


def desired_summary(entry, before):
    """The record after the task: what it was, with every field the task sets."""
    shown = dict(before or {})
    wanted = entry.engine.desired()
    for field in RECORD_FIELDS:
        if field in wanted:
            shown[field] = wanted[field]
    if entry.type == "SOA":
        shown.pop("data", None)
    return shown
