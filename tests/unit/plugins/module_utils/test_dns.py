"""Name and data normalization of DNS records (plugins/module_utils/dns.py)."""

from __future__ import annotations

import pytest

from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import (
    api_data,
    check_domain,
    check_record,
    fqdn,
    label_of,
    missing_for_create,
    normalize_data,
    normalize_domain,
    record_key,
    relative_name,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import PlanError

DOMAIN = "example.com"


@pytest.mark.parametrize("given", ["example.com", "Example.COM", "example.com.", " example.com. "])
def test_domain_names_normalize_to_lower_case_without_the_dot(given):
    assert normalize_domain(given) == "example.com"


@pytest.mark.parametrize("bad", ["", "localhost", "has space.com", "-x.com", "a..com", "x" * 64 + ".com"])
def test_bad_domain_names_name_the_option(bad):
    with pytest.raises(PlanError, match="^domain must be a domain name"):
        check_domain(normalize_domain(bad), "domain")


@pytest.mark.parametrize("given", ["@", "", "example.com", "example.com.", "EXAMPLE.com."])
def test_apex_spellings(given):
    assert relative_name(given, DOMAIN) == "@"
    assert fqdn(given, DOMAIN) == "example.com"


@pytest.mark.parametrize("given", ["www", "WWW", "www.example.com", "www.example.com.", "Www.Example.Com."])
def test_relative_and_fully_qualified_names_are_the_same_record(given):
    assert relative_name(given, DOMAIN) == "www"
    assert fqdn(given, DOMAIN) == "www.example.com"


def test_deeper_names_and_labels_that_look_like_the_domain():
    assert relative_name("a.b.example.com.", DOMAIN) == "a.b"
    assert relative_name("_sip._tcp", DOMAIN) == "_sip._tcp"
    # Only a whole-label suffix is the domain.
    assert relative_name("notexample.com", DOMAIN) == "notexample.com"
    assert fqdn("*", DOMAIN) == "*.example.com"


def test_fully_qualified_name_outside_the_domain_is_an_error():
    with pytest.raises(PlanError, match="^name www.example.org. is not in the domain example.com"):
        relative_name("www.example.org.", DOMAIN)
    with pytest.raises(PlanError, match="is not in the domain"):
        relative_name("notexample.com.", DOMAIN)


def test_none_stays_none():
    assert relative_name(None, DOMAIN) is None
    assert normalize_data("A", None, DOMAIN) is None
    assert api_data("CNAME", None, DOMAIN) is None


@pytest.mark.parametrize("rtype", ["CNAME", "MX", "NS", "SRV"])
def test_host_names_in_data(rtype):
    for given in ("mail.example.net", "mail.example.net.", "Mail.Example.Net."):
        assert normalize_data(rtype, given, DOMAIN) == "mail.example.net"
        assert api_data(rtype, given, DOMAIN) == "mail.example.net."
    for apex in ("@", "example.com", "example.com."):
        assert normalize_data(rtype, apex, DOMAIN) == "@"
        assert api_data(rtype, apex, DOMAIN) == "@"


def test_addresses_and_text_in_data():
    assert normalize_data("AAAA", "2001:DB8:0:0::1", DOMAIN) == "2001:db8::1"
    assert api_data("AAAA", "2001:DB8:0:0::1", DOMAIN) == "2001:db8::1"
    assert normalize_data("A", "192.0.2.1", DOMAIN) == "192.0.2.1"
    assert normalize_data("TXT", "Case Matters.", DOMAIN) == "Case Matters."
    assert api_data("TXT", "v=spf1 -all", DOMAIN) == "v=spf1 -all"
    assert normalize_data("CAA", "letsencrypt.org.", DOMAIN) == "letsencrypt.org"


def test_record_identity():
    # Multi-valued types: the data is part of the identity, in its normal form.
    assert record_key("A", "www.example.com.", "192.0.2.1", None, DOMAIN) == ("A", "www", "192.0.2.1")
    assert record_key("MX", "@", "MX1.example.net.", None, DOMAIN) == record_key(
        "MX", "example.com", "mx1.example.net", None, DOMAIN)
    assert record_key("AAAA", "v6", "2001:DB8::1", None, DOMAIN) == ("AAAA", "v6", "2001:db8::1")
    # CAA also by tag; CNAME and SOA only by type and name.
    assert record_key("CAA", "@", "letsencrypt.org", "issue", DOMAIN) == ("CAA", "@", "issue", "letsencrypt.org")
    assert record_key("CNAME", "blog", "www.example.com.", None, DOMAIN) == ("CNAME", "blog")
    assert record_key("SOA", "@", "1800", None, DOMAIN) == ("SOA", "@")
    assert label_of(("MX", "@", "mx1.example.net")) == "MX @ mx1.example.net"


def record(**fields):
    base = dict.fromkeys(("type", "name", "data", "ttl", "priority", "port", "weight", "flags", "tag"))
    base.update(fields)
    return base


@pytest.mark.parametrize("fields, message", [
    (dict(type="A", name="www", data="192.0.2.1", priority=1),
     "priority applies only to MX and SRV records, not to A records"),
    (dict(type="TXT", name="@", data="x", tag="issue"), "tag applies only to CAA records, not to TXT records"),
    (dict(type="SRV", name="_s._tcp", data="s.example.net", port=65536),
     "port must be between 0 and 65535, got 65536"),
    (dict(type="MX", name="@", data="mx.example.net", priority=-1), "priority must be between 0 and 65535, got -1"),
    (dict(type="CAA", name="@", data="ca.example", flags=256), "flags must be between 0 and 255, got 256"),
    (dict(type="A", name="www", data="192.0.2.1", ttl=10), "ttl must be between 30 and 2147483647, got 10"),
    (dict(type="AAAA", name="www", data="192.0.2.1"), "data of an AAAA record must be an IPv6 address"),
    (dict(type="CNAME", name="www", data="not a host"), "data of a CNAME record must be a host name"),
    (dict(type="SOA", name="@", data="x"), "data cannot be set on an SOA record: only its ttl can be managed"),
    (dict(type="A", name="bad name", data="192.0.2.1"), "name must be @, a name relative to the domain"),
])
def test_record_checks_name_the_option(fields, message):
    with pytest.raises(PlanError) as error:
        check_record(record(**fields), "records[3]: ")
    assert str(error.value).startswith("records[3]: " + message)


def test_valid_records_pass_and_required_fields_for_create():
    check_record(record(type="SRV", name="_sip._tcp", data="sip.example.com", priority=0, port=0, weight=0))
    check_record(record(type="A", name="*", data="192.0.2.1", ttl=30))
    check_record(record(type="SOA", name="@", ttl=3600))
    assert missing_for_create(record(type="SRV", data="x.example.net", priority=1)) == ["port", "weight"]
    assert missing_for_create(record(type="CAA", data="ca.example")) == ["flags", "tag"]
    assert missing_for_create(record(type="TXT")) == ["data"]
