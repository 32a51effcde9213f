# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The uptime_check declaration (specs/uptime.py) through the engine: found by id or name, created,
changed with one PUT that holds every field, deleted; uptime_check_info with its filters and the
checks' state."""

from __future__ import annotations

import pytest

from fakes import check_then_run, listing, module_engine, reply, writes
from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import UPTIME_CHECK, with_state

CHECK_ID = "5a4981aa-9653-4bd1-bef5-d6bff52042e4"
OTHER_ID = "4de7ac8b-495b-4884-9a69-1050c6793cd6"
PATH = "/v2/uptime/checks/" + CHECK_ID
DECLARED = dict(type="https", target="https://example.com/", regions=["us_east", "eu_west"])


def check(check_id=CHECK_ID, name="site", check_type="https", target="https://example.com/",
          regions=("us_east", "eu_west"), enabled=True):
    return {"id": check_id, "name": name, "type": check_type, "target": target, "regions": list(regions),
            "enabled": enabled}


def task(check_mode=False, **options):
    options.setdefault("name", "site")
    return module_engine(UPTIME_CHECK, "uptime_check", check_mode=check_mode, **options)


def test_create_posts_the_check_enabled_and_waits_until_it_is_listed():
    engine, session, clock = task(**DECLARED)
    # The API's list lags behind the create: the check shows on the third read.
    session.on("GET", "/v2/uptime/checks", listing("checks"), listing("checks"), listing("checks"),
               listing("checks", check()))
    session.on("POST", "/v2/uptime/checks", reply(201, {"check": check()}))
    result = engine.run()
    assert writes(session) == [("POST", "/v2/uptime/checks", {
        "name": "site", "type": "https", "target": "https://example.com/", "regions": ["us_east", "eu_west"],
        "enabled": True})]
    assert result["plan"]["action"] == "create" and result["uptime_check"]["id"] == CHECK_ID
    # So that the next task (an alert of this check, found by name) finds it.
    assert session.calls == ["GET /v2/uptime/checks", "POST /v2/uptime/checks"] + ["GET /v2/uptime/checks"] * 3
    assert 0 < clock.slept < 8


def test_without_wait_the_create_does_not_wait_for_the_list():
    engine, session, clock = task(wait=False, **DECLARED)
    session.on("GET", "/v2/uptime/checks", listing("checks"))
    session.on("POST", "/v2/uptime/checks", reply(201, {"check": check()}))
    engine.run()
    assert session.calls == ["GET /v2/uptime/checks", "POST /v2/uptime/checks"] and clock.slept == 0


def test_rerun_is_a_no_op_with_one_list_and_regions_compare_as_a_set():
    engine, session, _clock = task(**{**DECLARED, "regions": ["eu_west", "us_east", "eu_west"]})
    session.on("GET", "/v2/uptime/checks", listing("checks", check(check_id=OTHER_ID, name="api"), check()))
    result = engine.run()
    assert session.calls == ["GET /v2/uptime/checks"]
    assert result["changed"] is False and result["plan"]["id"] == CHECK_ID


def test_an_update_puts_every_field():
    engine, session, _clock = task(regions=["us_east", "us_west"], enabled=False)
    session.on("GET", "/v2/uptime/checks", listing("checks", check()))
    session.on("PUT", PATH, reply(200, {"check": check(regions=("us_east", "us_west"), enabled=False)}))
    result = engine.run()
    assert writes(session) == [("PUT", PATH, {"name": "site", "type": "https", "target": "https://example.com/",
                                              "regions": ["us_east", "us_west"], "enabled": False})]
    assert result["plan"]["changes"] == {
        "regions": {"before": ["eu_west", "us_east"], "after": ["us_east", "us_west"], "via": "PUT"},
        "enabled": {"before": True, "after": False, "via": "PUT"}}
    assert result["uptime_check"]["enabled"] is False


def test_found_by_id_it_is_renamed():
    engine, session, _clock = task(id=CHECK_ID, name="landing page")
    session.on("GET", PATH, reply(200, {"check": check()}))
    session.on("PUT", PATH, reply(200, {"check": check(name="landing page")}))
    result = engine.run()
    assert writes(session)[0][2]["name"] == "landing page"
    assert result["plan"]["changes"] == {"name": {"before": "site", "after": "landing page", "via": "PUT"}}


def test_a_target_changed_behind_the_task_s_back_is_drift_in_check_mode():
    engine, session, _clock = task(check_mode=True, **DECLARED)
    session.on("GET", "/v2/uptime/checks", listing("checks", check(target="https://old.example.com/")))
    result = engine.run()
    assert result["plan"]["changes"] == {
        "target": {"before": "https://old.example.com/", "after": "https://example.com/", "via": "PUT"}}
    assert session.mutating == []


def test_delete():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/uptime/checks", listing("checks", check()))
    session.on("DELETE", PATH, reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", PATH, None)]
    assert result["plan"]["action"] == "delete"


def test_two_checks_with_the_name_are_an_error():
    engine, session, _clock = task(enabled=False)
    session.on("GET", "/v2/uptime/checks", listing("checks", check(), check(check_id=OTHER_ID)))
    with pytest.raises(PlanError, match="^2 checks match name=site: ids %s, %s" % (CHECK_ID, OTHER_ID)):
        engine.run()
    assert session.mutating == []


def test_create_needs_type_target_and_regions():
    engine, session, _clock = task(type="ping")
    session.on("GET", "/v2/uptime/checks", listing("checks"))
    with pytest.raises(PlanError, match="^target and regions are required to create uptime check site"):
        engine.run()
    assert session.mutating == []


@pytest.mark.parametrize("options, message", [
    (dict(type="https", target="http://example.com/"), "^target of an https check must be an https:// URL"),
    (dict(type="http", target="example.com"), "^target of an http check must be an http:// URL"),
    (dict(regions=[]), "^regions must name at least one of us_east, us_west, eu_west, se_asia"),
    (dict(name=" "), "^name must not be blank"),
])
def test_bad_input_fails_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _existing(session):
    session.on("GET", "/v2/uptime/checks", listing("checks", check()))
    session.on("PUT", PATH, reply(200, {"check": check(enabled=False)}))
    session.on("DELETE", PATH, reply(204))


def _missing(session):
    session.on("GET", "/v2/uptime/checks", listing("checks"))
    session.on("POST", "/v2/uptime/checks", reply(201, {"check": check()}))


@pytest.mark.parametrize("script, options, action", [
    (_missing, DECLARED, "create"),
    (_existing, dict(DECLARED, enabled=False), "update"),
    (_existing, DECLARED, "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(UPTIME_CHECK, "uptime_check", script,
                                                                  name="site", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"] and predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")


# -- uptime_check_info --------------------------------------------------------------------------------


def test_info_filters_by_name_and_type_on_the_list():
    engine, session, _clock = module_engine(UPTIME_CHECK, "uptime_check_info", type="ping")
    ping = check(check_id=OTHER_ID, name="db", check_type="ping", target="10.0.0.5")
    session.on("GET", "/v2/uptime/checks", listing("checks", check(), ping))
    result = engine.run_info({"type": "ping"})
    assert [item["name"] for item in result["uptime_checks"]] == ["db"]
    assert session.calls == ["GET /v2/uptime/checks"]


def test_info_with_state_reads_each_check_s_state():
    engine, session, _clock = module_engine(UPTIME_CHECK, "uptime_check_info", include_state=True)
    state = {"regions": {"us_east": {"status": "UP", "status_changed_at": "2024-03-17T22:28:51Z",
                                     "thirty_day_uptime_percentage": 99.9}}, "previous_outage": {}}
    session.on("GET", "/v2/uptime/checks", listing("checks", check()))
    session.on("GET", PATH + "/state", reply(200, {"state": state}))
    result = engine.run_info({}, expand=with_state)
    assert result["uptime_checks"] == [dict(check(), state=state)]
    assert session.calls == ["GET /v2/uptime/checks", "GET %s/state" % PATH]


# -- the whole life of a check against the simulator (every request checked against the spec) --------


def test_create_no_op_update_drift_and_delete_against_the_simulator(simulator):
    def task_on_sim(check_mode=False, **options):
        return run(simulator, UPTIME_CHECK, "uptime_check", check_mode=check_mode, name="site", **options)

    created = task_on_sim(**DECLARED)
    assert created.mutating == ["POST /v2/uptime/checks"]
    check_id = created.result["uptime_check"]["id"]
    assert created.result["uptime_check"]["enabled"] is True

    again = task_on_sim(**{**DECLARED, "regions": ["eu_west", "us_east"]})
    assert again.mutating == [] and again.result["changed"] is False

    updated = task_on_sim(**{**DECLARED, "regions": ["us_east", "se_asia"], "enabled": False})
    assert updated.mutating == ["PUT /v2/uptime/checks/" + check_id]
    assert updated.result["uptime_check"]["regions"] == ["us_east", "se_asia"]

    assert simulator.api("PUT", "/v2/uptime/checks/" + check_id, json={"target": "https://example.org/"})[0] == 200
    drift = task_on_sim(check_mode=True, **DECLARED)
    assert drift.mutating == []
    assert drift.result["plan"]["changes"]["target"] == {"before": "https://example.org/",
                                                         "after": "https://example.com/", "via": "PUT"}

    listed = run_info(simulator, UPTIME_CHECK, "uptime_check_info", filters={"type": "https"}, expand=with_state,
                      include_state=True)
    assert [item["id"] for item in listed.result["uptime_checks"]] == [check_id]
    assert set(listed.result["uptime_checks"][0]["state"]["regions"]) == {"us_east", "se_asia"}

    gone = task_on_sim(state="absent")
    assert gone.mutating == ["DELETE /v2/uptime/checks/" + check_id]
    assert task_on_sim(state="absent").mutating == []
