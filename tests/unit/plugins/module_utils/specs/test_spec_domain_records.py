# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The records of one domain as a set (DOMAIN_RECORDS in specs/domain_record.py) through the
SetReconciler: one list request, then only the needed POSTs, PATCHes and DELETEs; purge removes the
unlisted records (never the SOA, nor the apex NS records unless the task lists some), exclusive_names
changes the other records of a listed type and name in place or removes them."""

from __future__ import annotations

import pytest

from fakes import check_then_run, error, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ParentGone
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain_record import DOMAIN_RECORDS

RECORDS = "/v2/domains/example.com/records"
UNUSED = {"priority": None, "port": None, "weight": None, "flags": None, "tag": None}


def record(record_id, rtype, name, data, ttl=1800, **extra):
    found = dict(UNUSED, id=record_id, type=rtype, name=name, data=data, ttl=ttl)
    found.update(extra)
    return found


SOA = record(1, "SOA", "@", "1800", ttl=1800)
NS = record(2, "NS", "@", "ns1.digitalocean.com")
WWW = record(10, "A", "www", "192.0.2.10")
SPF = record(11, "TXT", "@", "v=spf1 -all")


def task(check_mode=False, **options):
    options.setdefault("domain", "example.com")
    return module_engine(DOMAIN_RECORDS, "domain_records", check_mode=check_mode, **options)


def test_missing_records_are_posted_one_by_one_and_counted():
    engine, session, _clock = task(records=[{"type": "A", "name": "www", "data": "192.0.2.10"},
                                            {"type": "CNAME", "name": "blog", "data": "hosting.example.net", "ttl": 300},
                                            {"type": "A", "name": "api", "data": "192.0.2.11", "ttl": 60}])
    session.on("GET", RECORDS, listing("domain_records", SOA, NS, WWW))
    created = [record(20, "CNAME", "blog", "hosting.example.net", ttl=300),
               record(21, "A", "api", "192.0.2.11", ttl=60)]
    session.on("POST", RECORDS, reply(201, {"domain_record": created[0]}), reply(201, {"domain_record": created[1]}))
    result = engine.run()
    assert session.calls == ["GET " + RECORDS, "POST " + RECORDS, "POST " + RECORDS]
    assert session.requests[0].params == {"per_page": 200}
    assert writes(session) == [
        ("POST", RECORDS, dict(UNUSED, type="CNAME", name="blog", data="hosting.example.net.", ttl=300)),
        ("POST", RECORDS, dict(UNUSED, type="A", name="api", data="192.0.2.11", ttl=60)),
    ]
    assert result["counts"] == {"created": 2, "updated": 0, "deleted": 0, "unchanged": 1}
    assert result["plan"]["action"] == "update" and result["plan"]["id"] == "example.com"
    assert result["plan"]["identity"] == {"domain": "example.com"}
    assert result["plan"]["changes"] == {
        "CNAME blog": {"before": None, "after": {"type": "CNAME", "name": "blog", "data": "hosting.example.net",
                                                 "ttl": 300}, "via": "POST"},
        "A api 192.0.2.11": {"before": None, "after": {"type": "A", "name": "api", "data": "192.0.2.11", "ttl": 60},
                             "via": "POST"}}
    assert [member["action"] for member in result["plan"]["records"]] == ["create", "create"]
    assert result["domain_records"] == [SOA, NS, WWW] + created


def test_rerun_is_a_no_op_with_one_list():
    engine, session, _clock = task(records=[{"type": "A", "name": "www.example.com.", "data": "192.0.2.10"},
                                            {"type": "TXT", "name": "@", "data": "v=spf1 -all", "ttl": 1800}], purge=True)
    session.on("GET", RECORDS, listing("domain_records", SOA, NS, WWW, SPF))
    result = engine.run()
    assert session.calls == ["GET " + RECORDS]
    assert result["changed"] is False
    assert result["counts"] == {"created": 0, "updated": 0, "deleted": 0, "unchanged": 2}
    assert result["plan"]["action"] == "none" and result["plan"]["changes"] == {}
    assert result["diff"]["before"] == result["diff"]["after"]


def test_a_changed_ttl_is_one_patch():
    engine, session, _clock = task(records=[{"type": "A", "name": "www", "data": "192.0.2.10", "ttl": 300}])
    session.on("GET", RECORDS, listing("domain_records", SOA, WWW))
    session.on("PATCH", RECORDS + "/10", reply(200, {"domain_record": dict(WWW, ttl=300)}))
    result = engine.run()
    assert writes(session) == [("PATCH", RECORDS + "/10", {"type": "A", "ttl": 300})]
    assert result["counts"] == {"created": 0, "updated": 1, "deleted": 0, "unchanged": 0}
    shown = {"type": "A", "name": "www", "data": "192.0.2.10"}
    assert result["plan"]["changes"] == {"A www 192.0.2.10": {"before": dict(shown, ttl=1800),
                                                              "after": dict(shown, ttl=300), "via": "PATCH"}}
    assert result["plan"]["records"][0]["changes"] == {"ttl": {"before": 1800, "after": 300, "via": "PATCH"}}
    assert result["domain_records"] == [SOA, dict(WWW, ttl=300)]


def test_purge_removes_unlisted_records_but_not_the_soa_nor_the_apex_ns():
    engine, session, _clock = task(records=[{"type": "A", "name": "www", "data": "192.0.2.10"}], purge=True)
    old = record(12, "A", "old", "192.0.2.12")
    session.on("GET", RECORDS, listing("domain_records", SOA, NS, WWW, SPF, old))
    session.on("DELETE", RECORDS + "/11", reply(204))
    session.on("DELETE", RECORDS + "/12", reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", RECORDS + "/11", None), ("DELETE", RECORDS + "/12", None)]
    assert result["counts"] == {"created": 0, "updated": 0, "deleted": 2, "unchanged": 1}
    assert result["plan"]["changes"] == {
        "TXT @ v=spf1 -all": {"before": {"type": "TXT", "name": "@", "data": "v=spf1 -all", "ttl": 1800},
                              "after": None, "via": "DELETE"},
        "A old 192.0.2.12": {"before": {"type": "A", "name": "old", "data": "192.0.2.12", "ttl": 1800},
                             "after": None, "via": "DELETE"}}
    assert [(member["action"], member["id"], member["identity"]) for member in result["plan"]["records"]] == [
        ("delete", 11, {"domain": "example.com", "type": "TXT", "name": "@", "data": "v=spf1 -all"}),
        ("delete", 12, {"domain": "example.com", "type": "A", "name": "old", "data": "192.0.2.12"})]
    assert result["domain_records"] == [SOA, NS, WWW]


def test_every_member_plan_names_the_member_kind():
    engine, session, _clock = task(records=[{"type": "A", "name": "api", "data": "192.0.2.40"}], purge=True)
    session.on("GET", RECORDS, listing("domain_records", SOA, WWW))
    session.on("POST", RECORDS, reply(201, {"domain_record": record(40, "A", "api", "192.0.2.40")}))
    session.on("DELETE", RECORDS + "/10", reply(204))
    result = engine.run()
    assert [(member["action"], member["resource"]) for member in result["plan"]["records"]] == [
        ("create", "domain_record"), ("delete", "domain_record")]


def test_purge_replaces_the_apex_ns_records_when_the_task_lists_some():
    engine, session, _clock = task(records=[{"type": "NS", "name": "@", "data": "ns1.example.net"}], purge=True)
    session.on("GET", RECORDS, listing("domain_records", SOA, NS))
    session.on("POST", RECORDS, reply(201, {"domain_record": record(30, "NS", "@", "ns1.example.net")}))
    session.on("DELETE", RECORDS + "/2", reply(204))
    engine.run()
    # The new record joins the apex NS set with the TTL the set has.
    assert writes(session) == [("POST", RECORDS, dict(UNUSED, type="NS", name="@", data="ns1.example.net.", ttl=1800)),
                               ("DELETE", RECORDS + "/2", None)]


def test_without_purge_unlisted_records_stay():
    engine, session, _clock = task(records=[{"type": "A", "name": "www", "data": "192.0.2.10"}])
    session.on("GET", RECORDS, listing("domain_records", SOA, NS, WWW, SPF))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


def test_exclusive_names_changes_an_unlisted_record_of_the_name_in_place_and_removes_the_rest():
    engine, session, _clock = task(records=[{"type": "A", "name": "www", "data": "192.0.2.30"}], exclusive_names=True)
    second = record(13, "A", "www", "192.0.2.13")
    other_name = record(14, "A", "api", "192.0.2.14")
    session.on("GET", RECORDS, listing("domain_records", SOA, WWW, second, other_name))
    session.on("PATCH", RECORDS + "/10", reply(200, {"domain_record": dict(WWW, data="192.0.2.30")}))
    session.on("DELETE", RECORDS + "/13", reply(204))
    result = engine.run()
    assert writes(session) == [("PATCH", RECORDS + "/10", {"type": "A", "data": "192.0.2.30"}),
                               ("DELETE", RECORDS + "/13", None)]
    assert result["counts"] == {"created": 0, "updated": 1, "deleted": 1, "unchanged": 0}
    assert result["plan"]["changes"]["A www 192.0.2.30"] == {
        "before": {"type": "A", "name": "www", "data": "192.0.2.10", "ttl": 1800},
        "after": {"type": "A", "name": "www", "data": "192.0.2.30", "ttl": 1800}, "via": "PATCH"}
    assert result["domain_records"] == [SOA, dict(WWW, data="192.0.2.30"), other_name]


def test_a_record_that_would_block_a_new_cname_is_removed_before_the_cname_is_created():
    engine, session, _clock = task(records=[{"type": "CNAME", "name": "blog", "data": "hosting.example.net"}],
                                   purge=True)
    session.on("GET", RECORDS, listing("domain_records", SOA, record(15, "A", "blog", "192.0.2.15")))
    session.on("DELETE", RECORDS + "/15", reply(204))
    session.on("POST", RECORDS, reply(201, {"domain_record": record(31, "CNAME", "blog", "hosting.example.net")}))
    engine.run()
    assert [(method, path) for method, path, _body in writes(session)] == [("DELETE", RECORDS + "/15"), ("POST", RECORDS)]


def test_a_domain_that_is_gone_fails_and_check_mode_plans_every_record_as_new():
    entries = [{"type": "A", "name": "www", "data": "192.0.2.10"}]
    engine, session, _clock = task(records=entries)
    session.on("GET", RECORDS, error(404, "not_found", "domain not found"))
    with pytest.raises(ParentGone, match="^domain example.com does not exist"):
        engine.run()

    engine, session, _clock = task(check_mode=True, records=entries)
    session.on("GET", RECORDS, error(404, "not_found", "domain not found"))
    result = engine.run()
    assert result["counts"]["created"] == 1
    assert session.mutating == []


@pytest.mark.parametrize("records, message", [
    ([{"type": "A", "name": "www"}], "^records\\[0\\]: data is required for a A record"),
    ([{"type": "A", "name": "www", "data": "192.0.2.1"}, {"type": "A", "name": "WWW.example.com.",
                                                          "data": "192.0.2.1"}],
     "^records\\[1\\] repeats records\\[0\\] \\(A www 192.0.2.1\\)"),
    ([{"type": "CAA", "name": "@", "data": "letsencrypt.org", "flags": 0}], "^records\\[0\\]: tag is required"),
    ([{"type": "A", "name": "www", "data": "nope"}], "^records\\[0\\]: data of an A record must be an IPv4"),
])
def test_bad_records_fail_before_any_request(records, message):
    # The reconciler checks the records first, before it sends anything.
    engine, session, _clock = task(records=records)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def test_a_record_that_cannot_be_created_names_its_entry():
    engine, session, _clock = task(records=[{"type": "MX", "name": "@", "data": "mail.example.com"}])
    session.on("GET", RECORDS, listing("domain_records", SOA))
    with pytest.raises(PlanError, match="^records\\[0\\] \\(MX @ mail.example.com\\): priority is required"):
        engine.run()
    assert session.mutating == []


def _script(session):
    session.on("GET", RECORDS, listing("domain_records", SOA, NS, WWW, SPF))
    session.on("POST", RECORDS, reply(201, {"domain_record": record(40, "A", "api", "192.0.2.40")}))
    session.on("PATCH", RECORDS + "/10", reply(200, {"domain_record": dict(WWW, ttl=60)}))
    session.on("DELETE", RECORDS + "/11", reply(204))


@pytest.mark.parametrize("records, purge, expected_writes", [
    ([{"type": "A", "name": "www", "data": "192.0.2.10", "ttl": 60},
      {"type": "A", "name": "api", "data": "192.0.2.40"}], True, ["PATCH", "POST", "DELETE"]),
    ([{"type": "A", "name": "www", "data": "192.0.2.10"}], False, []),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(records, purge, expected_writes):
    predicted, check_session, done, real_session = check_then_run(DOMAIN_RECORDS, "domain_records", _script,
                                                                  domain="example.com", records=records, purge=purge)
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert predicted["counts"] == done["counts"]
    assert check_session.mutating == []
    assert [method for method, _path, _body in writes(real_session)] == expected_writes
