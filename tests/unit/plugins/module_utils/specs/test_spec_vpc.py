# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The vpc declaration (specs/vpc.py) through the engine: found by name and region, name,
description and default changed with one PATCH whose answer is the VPC; default can be turned on
but not off, and the default VPC of a region cannot be deleted."""

from __future__ import annotations

import pytest

from fakes import check_then_run, error, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc import VPC

VPC_ID = "5a4981aa-9653-4bd1-bef5-d6bff52042e4"
VPC_PATH = "/v2/vpcs/" + VPC_ID


def vpc(vpc_id=VPC_ID, name="backend", region="nyc3", ip_range="10.10.0.0/20", description="", default=False):
    return {"id": vpc_id, "urn": "do:vpc:" + vpc_id, "name": name, "region": region, "ip_range": ip_range,
            "description": description, "default": default, "created_at": "2024-01-01T00:00:00Z"}


def task(check_mode=False, **options):
    options.setdefault("name", "backend")
    options.setdefault("region", "nyc3")
    return module_engine(VPC, "vpc", check_mode=check_mode, **options)


def test_a_range_that_overlaps_another_vpc_is_refused_before_any_change():
    engine, session, _clock = task(ip_range="10.10.8.0/24")
    other = dict(vpc(vpc_id="other", name="data", region="sfo3"), ip_range="10.10.0.0/20")
    session.on("GET", "/v2/vpcs", listing("vpcs", other))
    with pytest.raises(PlanError, match="^ip_range 10.10.8.0/24 overlaps VPC data \\(10.10.0.0/20\\)"):
        engine.run()
    assert session.mutating == []


def test_create_posts_the_fields_and_then_makes_it_the_default():
    engine, session, _clock = task(ip_range="10.10.0.0/20", description="app tier", default=True)
    other = dict(vpc(vpc_id="other", name="backend", region="sfo3"), ip_range="10.20.0.0/20")
    session.on("GET", "/v2/vpcs", listing("vpcs", other))
    session.on("POST", "/v2/vpcs", reply(201, {"vpc": vpc(description="app tier")}))
    session.on("PATCH", VPC_PATH, reply(200, {"vpc": vpc(description="app tier", default=True)}))
    result = engine.run()
    # The second list checks that the new range overlaps no VPC of the account.
    assert session.calls == ["GET /v2/vpcs", "GET /v2/vpcs", "POST /v2/vpcs", "PATCH " + VPC_PATH]
    assert writes(session) == [
        ("POST", "/v2/vpcs", {"name": "backend", "region": "nyc3", "ip_range": "10.10.0.0/20",
                              "description": "app tier"}),
        ("PATCH", VPC_PATH, {"default": True}),
    ]
    assert result["plan"]["action"] == "create"
    assert result["plan"]["changes"]["default"] == {"before": None, "after": True, "via": "create"}
    # The PATCH answers the VPC: it is not read again.
    assert result["vpc"]["default"] is True


def test_create_that_needs_no_default_sends_only_the_post():
    engine, session, _clock = task()
    session.on("GET", "/v2/vpcs", listing("vpcs"))
    session.on("POST", "/v2/vpcs", reply(201, {"vpc": vpc()}))
    result = engine.run()
    assert writes(session) == [("POST", "/v2/vpcs", {"name": "backend", "region": "nyc3"})]
    assert result["plan"]["changes"] == {"name": {"before": None, "after": "backend", "via": "create"},
                                         "region": {"before": None, "after": "nyc3", "via": "create"}}


def test_rerun_is_a_no_op_with_one_list():
    engine, session, _clock = task(ip_range="10.10.0.0/20", description="", default=False)
    session.on("GET", "/v2/vpcs", listing("vpcs", vpc(ip_range="10.10.0.0/20", description="")))
    result = engine.run()
    assert session.calls == ["GET /v2/vpcs"]
    assert session.requests[0].params == {"per_page": 200}
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["id"] == VPC_ID


def test_a_description_the_api_answers_as_null_is_the_blank_description():
    engine, session, _clock = task(description="")
    session.on("GET", "/v2/vpcs", listing("vpcs", vpc(description=None)))
    result = engine.run()
    assert result["changed"] is False
    assert session.mutating == []


def test_description_and_default_change_with_one_patch_answered_with_the_vpc():
    engine, session, _clock = task(description="app tier", default=True)
    session.on("GET", "/v2/vpcs", listing("vpcs", vpc()))
    session.on("PATCH", VPC_PATH, reply(200, {"vpc": vpc(description="app tier", default=True)}))
    result = engine.run()
    assert session.calls == ["GET /v2/vpcs", "PATCH " + VPC_PATH]
    assert writes(session) == [("PATCH", VPC_PATH, {"description": "app tier", "default": True})]
    assert result["plan"]["changes"] == {
        "description": {"before": "", "after": "app tier", "via": "PATCH"},
        "default": {"before": False, "after": True, "via": "PATCH"}}
    assert result["diff"]["after"]["description"] == "app tier"
    assert result["vpc"]["default"] is True


def test_rename_by_id():
    engine, session, _clock = task(id=VPC_ID, name="backend-2", region=None)
    session.on("GET", VPC_PATH, reply(200, {"vpc": vpc()}))
    session.on("PATCH", VPC_PATH, reply(200, {"vpc": vpc(name="backend-2")}))
    result = engine.run()
    assert writes(session) == [("PATCH", VPC_PATH, {"name": "backend-2"})]
    assert result["plan"]["changes"] == {"name": {"before": "backend", "after": "backend-2", "via": "PATCH"}}


@pytest.mark.parametrize("check_mode", [False, True])
def test_default_cannot_be_turned_off(check_mode):
    engine, session, _clock = task(check_mode=check_mode, default=False)
    session.on("GET", "/v2/vpcs", listing("vpcs", vpc(default=True)))
    with pytest.raises(PlanError, match="^default cannot be turned off on vpc backend .*make another VPC of "
                                        "region nyc3 the default"):
        engine.run()
    assert session.mutating == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_the_default_vpc_cannot_be_deleted(check_mode):
    engine, session, _clock = task(check_mode=check_mode, state="absent")
    session.on("GET", "/v2/vpcs", listing("vpcs", vpc(default=True)))
    with pytest.raises(PlanError, match="is the default VPC of region nyc3 and cannot be deleted"):
        engine.run()
    assert session.mutating == []


def test_ip_range_never_changes_in_place():
    engine, session, _clock = task(ip_range="10.20.0.0/20")
    session.on("GET", "/v2/vpcs", listing("vpcs", vpc()))
    with pytest.raises(PlanError, match="^ip_range cannot change in place on vpc backend"):
        engine.run()
    assert session.mutating == []


def test_a_vpc_that_still_has_members_is_refused_before_any_change():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/vpcs", listing("vpcs", vpc()))
    session.on("GET", VPC_PATH + "/members", listing("members", {"urn": "do:droplet:7", "name": "web-1"}))
    with pytest.raises(PlanError, match="still has members \\(do:droplet:7\\)"):
        engine.run()
    assert session.mutating == []


def test_delete():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/vpcs", listing("vpcs", vpc()))
    session.on("GET", VPC_PATH + "/members", listing("members"))
    session.on("DELETE", VPC_PATH, reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", VPC_PATH, None)]
    assert result["plan"]["action"] == "delete" and result["vpc"] == {}


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/vpcs", listing("vpcs", vpc(region="sfo3")))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


@pytest.mark.parametrize("options, message", [
    (dict(ip_range="8.8.0.0/16"), "^ip_range must be inside a private range"),
    (dict(ip_range="10.0.0.0/8"), "^ip_range must be between a /16 and a /28"),
    (dict(ip_range="10.10.0.1/20"), "^ip_range must be an IPv4 network in CIDR notation"),
    (dict(name="back end"), "^name may only contain"),
    (dict(description="x" * 256), "^description must be at most 255 characters"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def test_an_id_that_does_not_exist_is_an_error_not_a_create():
    engine, session, _clock = task(id=VPC_ID, region=None)
    session.on("GET", VPC_PATH, error(404, "not_found"))
    with pytest.raises(PlanError, match="^vpc with id %s does not exist" % VPC_ID):
        engine.run()
    assert session.calls == ["GET " + VPC_PATH]


def test_a_name_without_a_region_cannot_find_the_vpc():
    engine, session, _clock = task(region=None)
    with pytest.raises(PlanError, match="^vpc requires region \\(or id\\) to find the vpc"):
        engine.run()
    assert session.requests == []


def _missing(session):
    session.on("GET", "/v2/vpcs", listing("vpcs"))
    session.on("POST", "/v2/vpcs", reply(201, {"vpc": vpc()}))
    session.on("PATCH", VPC_PATH, reply(200, {"vpc": vpc(description="app tier", default=True)}))


def _existing(session):
    session.on("GET", "/v2/vpcs", listing("vpcs", vpc()))
    session.on("PATCH", VPC_PATH, reply(200, {"vpc": vpc(description="app tier", default=True)}))
    session.on("GET", VPC_PATH + "/members", listing("members"))
    session.on("DELETE", VPC_PATH, reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(description="app tier", default=True), "create"),
    (_existing, dict(description="app tier", default=True), "update"),
    (_existing, dict(description=""), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(VPC, "vpc", script, name="backend",
                                                                  region="nyc3", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
