# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One DNS record (record_spec in specs/domain_record.py) through the engine: found with one list
filtered by type and fully qualified name, matched by its identity (data too for multi-valued
types), changed with a PATCH answered with the record, under a domain that is taken as given: a
domain that is gone shows as a 404 of the list."""

from __future__ import annotations

import pytest

from fakes import check_then_run, error, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ParentGone
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain_record import record_spec

RECORDS = "/v2/domains/example.com/records"
UNUSED = {"priority": None, "port": None, "weight": None, "flags": None, "tag": None}


def record(record_id, rtype, name, data, ttl=1800, **extra):
    found = {"id": record_id, "type": rtype, "name": name, "data": data, "ttl": ttl, "priority": None, "port": None,
             "weight": None, "flags": None, "tag": None}
    found.update(extra)
    return found


def task(check_mode=False, warn=None, **options):
    options.setdefault("domain", "example.com")
    spec = record_spec(options["domain"], options["type"])
    return module_engine(spec, "domain_record", check_mode=check_mode, warn=warn, **options)


def test_create_posts_the_record_with_unused_attributes_as_null():
    engine, session, _clock = task(type="A", name="WWW.example.com.", data="192.0.2.10", ttl=300)
    session.on("GET", RECORDS, listing("domain_records", record(1, "A", "www", "192.0.2.99")))
    session.on("POST", RECORDS, reply(201, {"domain_record": record(7, "A", "www", "192.0.2.10", ttl=300)}))
    result = engine.run()
    assert session.calls == ["GET " + RECORDS, "POST " + RECORDS]
    assert session.requests[0].params == {"type": "A", "name": "www.example.com", "per_page": 200}
    assert writes(session) == [("POST", RECORDS, dict(UNUSED, type="A", name="www", data="192.0.2.10", ttl=300))]
    assert result["plan"] == {
        "action": "create", "resource": "domain_record",
        "identity": {"domain": "example.com", "type": "A", "name": "www", "data": "192.0.2.10"}, "id": None,
        "changes": {field: {"before": None, "after": value, "via": "create"} for field, value in (
            ("domain", "example.com"), ("type", "A"), ("name", "www"), ("data", "192.0.2.10"), ("ttl", 300))}}
    assert result["domain_record"]["id"] == 7


def test_host_names_are_sent_with_their_trailing_dot():
    engine, session, _clock = task(type="MX", name="@", data="Mail.Example.com", priority=10)
    session.on("GET", RECORDS, listing("domain_records"))
    session.on("POST", RECORDS, reply(201, {"domain_record": record(8, "MX", "@", "mail.example.com",
                                                                    priority=10)}))
    engine.run()
    assert session.requests[0].params == {"type": "MX", "name": "example.com", "per_page": 200}
    assert writes(session) == [("POST", RECORDS, dict(UNUSED, type="MX", name="@", data="mail.example.com.",
                                                      priority=10))]


def test_rerun_is_a_no_op_with_one_list():
    engine, session, _clock = task(type="CNAME", name="blog.example.com", data="hosting.example.net.", ttl=1800)
    session.on("GET", RECORDS, listing("domain_records", record(3, "CNAME", "blog", "hosting.example.net")))
    result = engine.run()
    assert session.calls == ["GET " + RECORDS]
    assert result["changed"] is False
    assert result["plan"]["id"] == 3


def test_ttl_of_an_a_record_is_patched_with_its_type():
    engine, session, _clock = task(type="A", name="www", data="192.0.2.10", ttl=600)
    session.on("GET", RECORDS, listing("domain_records", record(7, "A", "www", "192.0.2.10")))
    session.on("PATCH", RECORDS + "/7", reply(200, {"domain_record": record(7, "A", "www", "192.0.2.10", ttl=600)}))
    result = engine.run()
    assert session.calls == ["GET " + RECORDS, "PATCH %s/7" % RECORDS]
    assert writes(session) == [("PATCH", RECORDS + "/7", {"type": "A", "ttl": 600})]
    assert result["plan"]["changes"] == {"ttl": {"before": 1800, "after": 600, "via": "PATCH"}}
    assert result["domain_record"]["ttl"] == 600


def test_cname_data_changes_in_place_and_a_ttl_patch_carries_the_host_name():
    engine, session, _clock = task(type="CNAME", name="blog", data="new-host.example.net")
    session.on("GET", RECORDS, listing("domain_records", record(3, "CNAME", "blog", "hosting.example.net")))
    session.on("PATCH", RECORDS + "/3", reply(200, {"domain_record": record(3, "CNAME", "blog",
                                                                            "new-host.example.net")}))
    result = engine.run()
    assert writes(session) == [("PATCH", RECORDS + "/3", {"type": "CNAME", "data": "new-host.example.net."})]
    assert result["plan"]["changes"] == {"data": {"before": "hosting.example.net", "after": "new-host.example.net",
                                                  "via": "PATCH"}}

    engine, session, _clock = task(type="CNAME", name="blog", ttl=60)
    session.on("GET", RECORDS, listing("domain_records", record(3, "CNAME", "blog", "hosting.example.net")))
    session.on("PATCH", RECORDS + "/3", reply(200, {"domain_record": record(3, "CNAME", "blog",
                                                                            "hosting.example.net", ttl=60)}))
    engine.run()
    assert writes(session) == [("PATCH", RECORDS + "/3", {"type": "CNAME", "ttl": 60, "data": "hosting.example.net."})]


def test_other_data_of_a_multi_valued_type_is_another_record():
    engine, session, _clock = task(type="A", name="www", data="192.0.2.20")
    session.on("GET", RECORDS, listing("domain_records", record(7, "A", "www", "192.0.2.10")))
    session.on("POST", RECORDS, reply(201, {"domain_record": record(9, "A", "www", "192.0.2.20")}))
    result = engine.run()
    assert result["plan"]["action"] == "create"
    assert [method for method, _path, _body in writes(session)] == ["POST"]


def test_a_record_found_by_id_changes_its_data():
    engine, session, _clock = task(id=7, type="A", name="www", data="192.0.2.20")
    session.on("GET", RECORDS + "/7", reply(200, {"domain_record": record(7, "A", "www", "192.0.2.10")}))
    session.on("PATCH", RECORDS + "/7", reply(200, {"domain_record": record(7, "A", "www", "192.0.2.20")}))
    engine.run()
    assert writes(session) == [("PATCH", RECORDS + "/7", {"type": "A", "data": "192.0.2.20"})]


def test_multi_valued_types_need_data_to_be_found():
    engine, session, _clock = task(type="TXT", name="@", state="absent")
    with pytest.raises(PlanError, match="^data is required to find a TXT record"):
        engine.run()
    assert session.requests == []


def test_the_soa_record_only_changes_its_ttl_and_is_never_created():
    engine, session, _clock = task(type="SOA", ttl=3600)
    soa = record(1, "SOA", "@", "1800", ttl=1800)
    session.on("GET", RECORDS, listing("domain_records", soa))
    session.on("PATCH", RECORDS + "/1", reply(200, {"domain_record": dict(soa, ttl=3600)}))
    engine.run()
    assert writes(session) == [("PATCH", RECORDS + "/1", {"type": "SOA", "ttl": 3600})]

    engine, session, _clock = task(type="SOA", ttl=3600)
    session.on("GET", RECORDS, listing("domain_records"))
    with pytest.raises(PlanError, match="^the SOA record of example.com does not exist and cannot be created"):
        engine.run()


def test_delete():
    engine, session, _clock = task(type="TXT", name="@", data="v=spf1 -all", state="absent")
    session.on("GET", RECORDS, listing("domain_records", record(4, "TXT", "@", "v=spf1 -all")))
    session.on("DELETE", RECORDS + "/4", reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", RECORDS + "/4", None)]
    assert result["plan"]["action"] == "delete" and result["plan"]["id"] == 4


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(type="TXT", name="@", data="v=spf1 -all", state="absent")
    session.on("GET", RECORDS, listing("domain_records", record(4, "TXT", "@", "v=spf1 include:x -all")))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


def test_absent_under_a_domain_that_is_gone_is_a_no_op():
    engine, session, _clock = task(type="A", name="www", data="192.0.2.10", state="absent")
    session.on("GET", RECORDS, error(404, "not_found", "domain not found"))
    result = engine.run()
    assert session.calls == ["GET " + RECORDS]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none"


def test_present_under_a_domain_that_is_gone_fails_and_check_mode_plans_it_as_new():
    engine, session, _clock = task(type="A", name="www", data="192.0.2.10")
    session.on("GET", RECORDS, error(404, "not_found", "domain not found"))
    with pytest.raises(ParentGone, match="^domain example.com does not exist"):
        engine.run()
    assert session.mutating == []

    warnings = []
    engine, session, _clock = task(check_mode=True, warn=warnings.append, type="A", name="www", data="192.0.2.10")
    session.on("GET", RECORDS, error(404, "not_found", "domain not found"))
    result = engine.run()
    assert result["plan"]["action"] == "create"
    assert warnings == ["domain example.com does not exist; the domain record is planned as new, as an earlier task may create what it belongs to"]


@pytest.mark.parametrize("options, message", [
    (dict(type="A", name="www", data="not-an-ip"), "^data of an A record must be an IPv4 address"),
    (dict(type="A", name="www.other.org.", data="192.0.2.1"), "^name www.other.org. is not in the domain"),
    (dict(type="A", name="www", data="192.0.2.1", priority=10), "^priority applies only to MX and SRV records"),
    (dict(type="SOA", state="absent"), "^an SOA record cannot be deleted"),
    (dict(type="A", name="www", data="192.0.2.1", ttl=10), "^ttl must be between 30 and 2147483647"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def test_create_of_an_mx_record_needs_its_priority():
    engine, session, _clock = task(type="MX", name="@", data="mail.example.com")
    session.on("GET", RECORDS, listing("domain_records"))
    with pytest.raises(PlanError, match="^priority is required to create a MX record"):
        engine.run()
    assert session.mutating == []


def _missing(session):
    session.on("GET", RECORDS, listing("domain_records"))
    session.on("POST", RECORDS, reply(201, {"domain_record": record(7, "A", "www", "192.0.2.10", ttl=600)}))


def _existing(session):
    session.on("GET", RECORDS, listing("domain_records", record(7, "A", "www", "192.0.2.10")))
    session.on("PATCH", RECORDS + "/7", reply(200, {"domain_record": record(7, "A", "www", "192.0.2.10", ttl=600)}))
    session.on("DELETE", RECORDS + "/7", reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(ttl=600), "create"),
    (_existing, dict(ttl=600), "update"),
    (_existing, dict(ttl=1800), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    options = dict(options, domain="example.com", type="A", name="www", data="192.0.2.10")
    spec = record_spec("example.com", "A")
    predicted, check_session, done, real_session = check_then_run(spec, "domain_record", script, **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
