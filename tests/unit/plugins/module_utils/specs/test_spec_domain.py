# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The domain declaration (specs/domain.py) through the engine: found by its normalized name with
one GET, created with the apex address (write-only), never changed in place, deleted by name."""

from __future__ import annotations

import pytest

from fakes import check_then_run, error, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain import DOMAIN


def domain(name="example.com"):
    return {"name": name, "ttl": 1800, "zone_file": "$ORIGIN %s.\n" % name}


def task(check_mode=False, **options):
    return module_engine(DOMAIN, "domain", check_mode=check_mode, **options)


def test_create_posts_the_normalized_name_and_the_apex_address():
    engine, session, _clock = task(name="Example.COM.", ip_address="192.0.2.10")
    session.on("GET", "/v2/domains/example.com", error(404, "not_found"))
    session.on("POST", "/v2/domains", reply(201, {"domain": domain()}))
    result = engine.run()
    assert session.calls == ["GET /v2/domains/example.com", "POST /v2/domains"]
    assert writes(session) == [("POST", "/v2/domains", {"name": "example.com", "ip_address": "192.0.2.10"})]
    assert result["plan"] == {
        "action": "create", "resource": "domain", "identity": {"name": "example.com"}, "id": None,
        "changes": {"name": {"before": None, "after": "example.com", "via": "create"},
                    "ip_address": {"before": None, "after": "192.0.2.10", "via": "create"}}}
    assert result["diff"] == {"before": {}, "after": {"name": "example.com", "ip_address": "192.0.2.10"}}
    assert result["domain"] == domain()


def test_create_without_an_address_sends_only_the_name():
    engine, session, _clock = task(name="example.com")
    session.on("GET", "/v2/domains/example.com", error(404, "not_found"))
    session.on("POST", "/v2/domains", reply(201, {"domain": domain()}))
    engine.run()
    assert writes(session) == [("POST", "/v2/domains", {"name": "example.com"})]


def test_rerun_is_a_no_op_since_the_address_is_write_only():
    # The apex A record may have been changed since: ip_address only seeds it.
    engine, session, _clock = task(name="example.com", ip_address="198.51.100.7")
    session.on("GET", "/v2/domains/example.com", reply(200, {"domain": domain()}))
    result = engine.run()
    assert session.calls == ["GET /v2/domains/example.com"]
    assert result["changed"] is False
    assert result["plan"] == {"action": "none", "resource": "domain", "identity": {"name": "example.com"},
                              "id": "example.com", "changes": {}}
    assert result["diff"]["before"] == result["diff"]["after"] == {"name": "example.com"}


def test_delete_by_name():
    engine, session, _clock = task(name="example.com.", state="absent")
    session.on("GET", "/v2/domains/example.com", reply(200, {"domain": domain()}))
    session.on("DELETE", "/v2/domains/example.com", reply(204))
    result = engine.run()
    assert session.calls == ["GET /v2/domains/example.com", "DELETE /v2/domains/example.com"]
    assert result["plan"]["action"] == "delete" and result["plan"]["id"] == "example.com"
    assert result["domain"] == {}


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(name="example.com", state="absent")
    session.on("GET", "/v2/domains/example.com", error(404, "not_found"))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False and result["plan"]["action"] == "none"


@pytest.mark.parametrize("options, message", [
    (dict(name="example.com", ip_address="2001:db8::1"), "^ip_address must be an IPv4 address"),
    (dict(name="example.com", ip_address="not-an-ip"), "^ip_address must be an IPv4 address"),
    (dict(name="localhost"), "^name must be a domain name"),
    (dict(name="-bad-.com"), "^name must be a domain name"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _existing(session):
    session.on("GET", "/v2/domains/example.com", reply(200, {"domain": domain()}))
    session.on("DELETE", "/v2/domains/example.com", reply(204))


def _missing(session):
    session.on("GET", "/v2/domains/example.com", error(404, "not_found"))
    session.on("POST", "/v2/domains", reply(201, {"domain": domain()}))


@pytest.mark.parametrize("script, state, action", [
    (_missing, "present", "create"),
    (_existing, "present", "none"),
    (_existing, "absent", "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, state, action):
    predicted, check_session, done, real_session = check_then_run(
        DOMAIN, "domain", script, name="example.com", ip_address="192.0.2.10", state=state)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert len(real_session.mutating) == (0 if action == "none" else 1)
