# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The reserved_ip declaration (specs/reserved_ip.py) through the engine: found by ip, by the droplet
it is assigned to, or as the one unassigned reserved IP of a region; created for a droplet (its
assign action awaited) or in a region; assigned and unassigned by awaited actions; unassigned
before it is deleted."""

from __future__ import annotations

import pytest

from fakes import action, check_then_run, error, listing, module_engine, reply, serve_actions, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.reserved_ip import RESERVED_IP

IP = "45.55.96.47"
IP_PATH = "/v2/reserved_ips/" + IP
ACTIONS_PATH = IP_PATH + "/actions"


def reserved_ip(ip=IP, droplet_id=None, region="nyc3"):
    droplet = {"id": droplet_id, "name": "web-%s" % droplet_id, "region": {"slug": region}} if droplet_id else None
    return {"ip": ip, "region": {"slug": region, "name": region.upper()}, "droplet": droplet, "locked": False,
            "project_id": "proj-1"}


def task(check_mode=False, **options):
    return module_engine(RESERVED_IP, "reserved_ip", check_mode=check_mode, **options)


def test_create_for_a_droplet_posts_the_droplet_and_awaits_the_linked_assign_action():
    engine, session, clock = task(droplet_id=3164444)
    session.on("GET", "/v2/reserved_ips", listing("reserved_ips", reserved_ip("192.0.2.1", droplet_id=7)))
    session.on("POST", "/v2/reserved_ips", reply(202, {
        "reserved_ip": reserved_ip(), "links": {"actions": [{"id": 55, "rel": "assign_ip", "href": "x"}]}}))
    session.on("GET", "/v2/actions/55", reply(200, {"action": action(55, "assign_ip", "in-progress")}),
               reply(200, {"action": action(55, "assign_ip", "completed")}))
    session.on("GET", IP_PATH, reply(200, {"reserved_ip": reserved_ip(droplet_id=3164444)}))
    result = engine.run()
    assert session.calls == ["GET /v2/reserved_ips", "POST /v2/reserved_ips", "GET /v2/actions/55",
                             "GET /v2/actions/55", "GET " + IP_PATH]
    assert writes(session) == [("POST", "/v2/reserved_ips", {"droplet_id": 3164444})]
    assert clock.sleeps == [1.0]
    assert result["plan"] == {"action": "create", "resource": "reserved_ip", "identity": {"droplet_id": 3164444},
                              "id": None,
                              "changes": {"droplet_id": {"before": None, "after": 3164444, "via": "create"}}}
    assert result["reserved_ip"]["droplet"]["id"] == 3164444
    assert result["diff"]["after"] == {"droplet_id": 3164444}


def test_create_for_a_droplet_in_a_named_region_checks_the_droplet_s_region_first():
    engine, session, _clock = task(droplet_id=3164444, region="nyc3")
    session.on("GET", "/v2/reserved_ips", listing("reserved_ips"))
    session.on("GET", "/v2/droplets/3164444", reply(200, {"droplet": {"id": 3164444, "region": {"slug": "sfo3"}}}))
    with pytest.raises(PlanError, match="^region is nyc3 but droplet 3164444 is in sfo3"):
        engine.run()
    assert session.mutating == []


def test_create_in_a_region_posts_the_region():
    engine, session, _clock = task(region="nyc3")
    session.on("GET", "/v2/reserved_ips", listing("reserved_ips", reserved_ip("192.0.2.1", region="sfo3")))
    session.on("POST", "/v2/reserved_ips", reply(202, {"reserved_ip": reserved_ip(), "links": {}}))
    result = engine.run()
    assert session.calls == ["GET /v2/reserved_ips", "POST /v2/reserved_ips"]
    assert writes(session) == [("POST", "/v2/reserved_ips", {"region": "nyc3"})]
    assert result["reserved_ip"]["ip"] == IP


def test_rerun_finds_the_one_assigned_to_the_droplet():
    engine, session, _clock = task(droplet_id=3164444)
    session.on("GET", "/v2/reserved_ips", listing("reserved_ips", reserved_ip("192.0.2.1"),
                                                  reserved_ip(droplet_id=3164444)))
    result = engine.run()
    assert session.calls == ["GET /v2/reserved_ips"]
    assert result["changed"] is False
    assert result["plan"]["id"] == IP and result["reserved_ip"]["ip"] == IP


def test_rerun_finds_the_unassigned_one_of_the_region():
    engine, session, _clock = task(region="nyc3")
    session.on("GET", "/v2/reserved_ips", listing("reserved_ips", reserved_ip("192.0.2.1", droplet_id=5),
                                                  reserved_ip("192.0.2.2", region="sfo3"), reserved_ip()))
    result = engine.run()
    assert result["changed"] is False and result["plan"]["id"] == IP


def test_two_unassigned_in_the_region_is_an_error_listing_both():
    engine, session, _clock = task(region="nyc3")
    session.on("GET", "/v2/reserved_ips", listing("reserved_ips", reserved_ip("192.0.2.1"), reserved_ip()))
    with pytest.raises(PlanError) as caught:
        engine.run()
    assert str(caught.value) == ("2 reserved IPs are unassigned in region nyc3: 192.0.2.1, %s. Give ip to choose one."
                                 % IP)
    assert session.mutating == []


def test_reassign_by_ip_is_the_assign_action():
    engine, session, _clock = task(ip=IP, droplet_id=7)
    session.on("GET", IP_PATH, reply(200, {"reserved_ip": reserved_ip(droplet_id=5)}),
               reply(200, {"reserved_ip": reserved_ip(droplet_id=7)}))
    posted = serve_actions(session, ACTIONS_PATH, resource_type="reserved_ip")
    result = engine.run()
    assert posted == [{"type": "assign", "droplet_id": 7}]
    assert session.calls == ["GET " + IP_PATH, "POST " + ACTIONS_PATH, "GET /v2/actions/101", "GET " + IP_PATH]
    assert result["plan"]["changes"] == {"droplet_id": {"before": 5, "after": 7, "via": "action:assign|unassign"}}
    assert result["reserved_ip"]["droplet"]["id"] == 7


def test_droplet_id_zero_unassigns():
    engine, session, _clock = task(ip=IP, droplet_id=0)
    session.on("GET", IP_PATH, reply(200, {"reserved_ip": reserved_ip(droplet_id=5)}),
               reply(200, {"reserved_ip": reserved_ip()}))
    posted = serve_actions(session, ACTIONS_PATH, resource_type="reserved_ip")
    result = engine.run()
    assert posted == [{"type": "unassign"}]
    assert result["plan"]["changes"]["droplet_id"] == {"before": 5, "after": 0, "via": "action:assign|unassign"}


def test_a_given_ip_that_does_not_exist_is_not_created():
    engine, session, _clock = task(ip=IP)
    session.on("GET", IP_PATH, error(404, "not_found"))
    with pytest.raises(PlanError, match="^reserved IP %s does not exist: the API chooses the address" % IP):
        engine.run()
    assert session.mutating == []


def test_delete_unassigns_first():
    engine, session, _clock = task(ip=IP, state="absent")
    session.on("GET", IP_PATH, reply(200, {"reserved_ip": reserved_ip(droplet_id=5)}))
    posted = serve_actions(session, ACTIONS_PATH, resource_type="reserved_ip")
    session.on("DELETE", IP_PATH, reply(204))
    result = engine.run()
    assert posted == [{"type": "unassign"}]
    assert session.calls == ["GET " + IP_PATH, "POST " + ACTIONS_PATH, "GET /v2/actions/101", "DELETE " + IP_PATH]
    assert result["plan"]["action"] == "delete" and result["reserved_ip"] == {}


def test_delete_waits_for_the_unassignment_even_without_wait():
    engine, session, _clock = task(ip=IP, state="absent", wait=False)
    session.on("GET", IP_PATH, reply(200, {"reserved_ip": reserved_ip(droplet_id=5)}))
    serve_actions(session, ACTIONS_PATH, resource_type="reserved_ip")
    session.on("DELETE", IP_PATH, reply(204))
    engine.run()
    assert session.calls == ["GET " + IP_PATH, "POST " + ACTIONS_PATH, "GET /v2/actions/101", "DELETE " + IP_PATH]


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(droplet_id=3164444, state="absent")
    session.on("GET", "/v2/reserved_ips", listing("reserved_ips", reserved_ip(droplet_id=5)))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


@pytest.mark.parametrize("options, message", [
    (dict(ip="45.55.96"), "^ip must be an IPv4 address"),
    (dict(region="nyc3", droplet_id=-1), "^droplet_id must be a Droplet id, or 0 for unassigned"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _missing(session):
    session.on("GET", "/v2/reserved_ips", listing("reserved_ips"))
    session.on("POST", "/v2/reserved_ips", reply(202, {"reserved_ip": reserved_ip(droplet_id=7), "links": {}}))


def _existing(session):
    session.on("GET", IP_PATH, reply(200, {"reserved_ip": reserved_ip(droplet_id=5)}))
    serve_actions(session, ACTIONS_PATH, resource_type="reserved_ip")
    session.on("DELETE", IP_PATH, reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(droplet_id=7), "create"),
    (_existing, dict(ip=IP, droplet_id=7), "update"),
    (_existing, dict(ip=IP, droplet_id=5), "none"),
    (_existing, dict(ip=IP, state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(RESERVED_IP, "reserved_ip", script, **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
