# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The uptime_alert declaration (specs/uptime.py) through the engine: under its check (found by id or
by name), found by name, created, changed with one PUT that holds every field, deleted; the
threshold rules of the alert types; Slack webhook URLs never shown; uptime_alert_info."""

from __future__ import annotations

import json

import pytest

from fakes import check_then_run, error, listing, module_engine, reply, writes
from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.uptime import MASKED_ALERT, UPTIME_ALERT

CHECK_ID = "5a4981aa-9653-4bd1-bef5-d6bff52042e4"
ALERT_ID = "17f0f0ae-b7e5-4ef6-86e3-aa569db58284"
ALERTS = "/v2/uptime/checks/%s/alerts" % CHECK_ID
PATH = "%s/%s" % (ALERTS, ALERT_ID)
HOOK = "https://hooks.slack.com/services/T0/B0/ALERT-SECRET"
DOWN = dict(type="down", period="2m", notifications={"email": ["ops@example.com"]})
LATENCY = dict(type="latency", threshold=300, comparison="greater_than", period="5m",
               notifications={"slack": [{"channel": "#ops", "url": HOOK}]})


def check():
    return {"id": CHECK_ID, "name": "site", "type": "https", "target": "https://example.com/",
            "regions": ["us_east"], "enabled": True}


def alert(name="site down", alert_type="down", period="2m", threshold=None, comparison=None,
          email=("ops@example.com",), slack=()):
    found = {"id": ALERT_ID, "name": name, "type": alert_type, "period": period,
             "notifications": {"email": list(email), "slack": list(slack)}}
    if threshold is not None:
        found.update(threshold=threshold, comparison=comparison)
    return found


def task(check_mode=False, masked=None, **options):
    options.setdefault("check_name", "site")
    options.setdefault("name", "site down")
    return module_engine(UPTIME_ALERT, "uptime_alert", check_mode=check_mode,
                         mask=None if masked is None else masked.extend, **options)


def with_check(session):
    session.on("GET", "/v2/uptime/checks", listing("checks", check()))


def test_create_under_the_check_found_by_name():
    engine, session, _clock = task(**DOWN)
    with_check(session)
    session.on("GET", ALERTS, listing("alerts"))
    session.on("POST", ALERTS, reply(201, {"alert": alert()}))
    result = engine.run()
    assert writes(session) == [("POST", ALERTS, {"name": "site down", "type": "down", "period": "2m",
                                                 "notifications": {"email": ["ops@example.com"], "slack": []}})]
    assert result["plan"]["action"] == "create" and result["check_id"] == CHECK_ID


def test_rerun_is_a_no_op_with_two_reads():
    engine, session, _clock = task(**DOWN)
    with_check(session)
    session.on("GET", ALERTS, listing("alerts", alert()))
    result = engine.run()
    assert session.calls == ["GET /v2/uptime/checks", "GET " + ALERTS]
    assert result["changed"] is False


def test_the_check_found_by_id_is_read_once():
    engine, session, _clock = task(check_name=None, check_id=CHECK_ID, **DOWN)
    session.on("GET", "/v2/uptime/checks/" + CHECK_ID, reply(200, {"check": check()}))
    session.on("GET", ALERTS, listing("alerts", alert()))
    assert engine.run()["changed"] is False
    assert session.calls == ["GET /v2/uptime/checks/" + CHECK_ID, "GET " + ALERTS]


def test_an_update_puts_every_field_and_a_down_alert_keeps_no_threshold():
    engine, session, _clock = task(name="slow", **LATENCY)
    with_check(session)
    session.on("GET", ALERTS, listing("alerts", alert(name="slow", alert_type="latency", threshold=500,
                                                      comparison="greater_than", period="5m", email=(),
                                                      slack=({"channel": "#ops", "url": HOOK},))))
    session.on("PUT", PATH, reply(200, {"alert": alert(name="slow", alert_type="latency", threshold=300)}))
    result = engine.run()
    assert writes(session) == [("PUT", PATH, {
        "name": "slow", "type": "latency", "threshold": 300, "comparison": "greater_than", "period": "5m",
        "notifications": {"email": [], "slack": [{"channel": "#ops", "url": HOOK}]}})]
    assert result["plan"]["changes"] == {"threshold": {"before": 500, "after": 300, "via": "PUT"}}

    engine, session, _clock = task(name="slow", type="down", period="5m")
    with_check(session)
    session.on("GET", ALERTS, listing("alerts", alert(name="slow", alert_type="latency", threshold=500,
                                                      comparison="greater_than", period="5m")))
    session.on("PUT", PATH, reply(200, {"alert": alert(name="slow", period="5m")}))
    engine.run()
    assert writes(session)[0][2] == {"name": "slow", "type": "down", "period": "5m",
                                     "notifications": {"email": ["ops@example.com"], "slack": []}}


def test_webhook_urls_are_sensitive_in_plan_and_diff_and_masked():
    masked = []
    engine, session, _clock = task(masked=masked, name="slow", **LATENCY)
    with_check(session)
    session.on("GET", ALERTS, listing("alerts"))
    session.on("POST", ALERTS, reply(201, {"alert": alert(name="slow", alert_type="latency", threshold=300,
                                                          slack=({"channel": "#ops", "url": HOOK},))}))
    result = engine.run()
    assert result["plan"]["changes"]["notifications"]["after"] == {
        "email": [], "slack": [{"channel": "#ops", "url": SENSITIVE}]}
    assert "ALERT-SECRET" not in json.dumps({key: result[key] for key in ("plan", "diff")})
    assert HOOK in masked


def test_delete():
    engine, session, _clock = task(state="absent")
    with_check(session)
    session.on("GET", ALERTS, listing("alerts", alert()))
    session.on("DELETE", PATH, reply(204))
    assert engine.run()["plan"]["action"] == "delete"
    assert writes(session) == [("DELETE", PATH, None)]


def test_absent_under_a_check_that_is_gone_is_a_no_op():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/uptime/checks", listing("checks"))
    assert engine.run()["changed"] is False
    assert session.mutating == []


def test_a_check_that_does_not_exist_is_an_error_naming_it():
    engine, session, _clock = task(check_name=None, check_id=CHECK_ID, **DOWN)
    session.on("GET", "/v2/uptime/checks/" + CHECK_ID, error(404, "not_found"))
    with pytest.raises(PlanError, match="^uptime check with check_id %s does not exist" % CHECK_ID):
        engine.run()


def test_in_check_mode_an_alert_of_a_planned_check_is_planned_as_new():
    warnings = []
    engine, session, _clock = module_engine(UPTIME_ALERT, "uptime_alert", check_mode=True, warn=warnings.append,
                                            check_name="site", name="site down", **DOWN)
    session.on("GET", "/v2/uptime/checks", listing("checks"))
    result = engine.run()
    assert result["plan"]["action"] == "create"
    assert warnings and "is planned as new" in warnings[0]


def test_a_threshold_changed_behind_the_task_s_back_is_drift_in_check_mode():
    engine, session, _clock = task(check_mode=True, name="slow", **LATENCY)
    with_check(session)
    session.on("GET", ALERTS, listing("alerts", alert(name="slow", alert_type="latency", threshold=900,
                                                      comparison="greater_than", period="5m", email=(),
                                                      slack=({"channel": "#ops", "url": HOOK},))))
    result = engine.run()
    assert result["plan"]["changes"] == {"threshold": {"before": 900, "after": 300, "via": "PUT"}}
    assert session.mutating == []


@pytest.mark.parametrize("options, message", [
    (dict(type="latency", period="2m", comparison="greater_than"), "^threshold is required for a latency alert"),
    (dict(type="ssl_expiry", period="1h", threshold=14), "^comparison is required for a ssl_expiry alert"),
    (dict(type="down", period="2m", threshold=3), "^threshold applies to latency and ssl_expiry alerts only"),
    (dict(notifications={"email": ["nobody"]}), r"^notifications.email\[0\]: 'nobody' is not an email address"),
    (dict(type="latency", threshold=-1, comparison="less_than"), "^threshold must be at least 0"),
])
def test_bad_input_fails_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _existing(session):
    with_check(session)
    session.on("GET", ALERTS, listing("alerts", alert()))
    session.on("PUT", PATH, reply(200, {"alert": alert(period="5m")}))
    session.on("DELETE", PATH, reply(204))


def _missing(session):
    with_check(session)
    session.on("GET", ALERTS, listing("alerts"))
    session.on("POST", ALERTS, reply(201, {"alert": alert()}))


@pytest.mark.parametrize("script, options, action", [
    (_missing, DOWN, "create"),
    (_existing, dict(DOWN, period="5m"), "update"),
    (_existing, DOWN, "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(UPTIME_ALERT, "uptime_alert", script,
                                                                  check_name="site", name="site down", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"] and predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")


# -- uptime_alert_info --------------------------------------------------------------------------------


def test_info_lists_the_alerts_of_the_check_filtered_by_type_with_urls_masked():
    masked = []
    engine, session, _clock = module_engine(UPTIME_ALERT, "uptime_alert_info", check_name="site", type="latency",
                                            mask=masked.extend)
    with_check(session)
    slow = alert(name="slow", alert_type="latency", threshold=300, comparison="greater_than",
                 slack=({"channel": "#ops", "url": HOOK},))
    session.on("GET", ALERTS, listing("alerts", alert(), slow))
    result = engine.run_info({"type": "latency"}, expand=MASKED_ALERT)
    assert result == {"changed": False, "uptime_alerts": [slow], "check_id": CHECK_ID}
    assert masked == [HOOK]


# -- the whole life of an alert against the simulator (every request checked against the spec) --------


def test_create_no_op_update_drift_and_delete_against_the_simulator(simulator):
    check_id = simulator.seed("uptime_checks", name_prefix="site")[0]
    alerts = "/v2/uptime/checks/%s/alerts" % check_id

    def task_on_sim(check_mode=False, **options):
        return run(simulator, UPTIME_ALERT, "uptime_alert", check_mode=check_mode, check_name="site-1", name="slow",
                   **options)

    created = task_on_sim(**LATENCY)
    assert created.mutating == ["POST " + alerts]
    alert_id = created.result["uptime_alert"]["id"]
    assert created.result["check_id"] == check_id and HOOK in created.masked

    again = task_on_sim(**LATENCY)
    assert again.mutating == [] and again.result["changed"] is False

    updated = task_on_sim(**{**LATENCY, "threshold": 500, "period": "10m"})
    assert updated.mutating == ["PUT %s/%s" % (alerts, alert_id)]
    assert updated.result["plan"]["changes"] == {"threshold": {"before": 300, "after": 500, "via": "PUT"},
                                                 "period": {"before": "5m", "after": "10m", "via": "PUT"}}

    # Behind the task's back: the threshold changes; check mode shows it and sends nothing.
    found = simulator.api("GET", "%s/%s" % (alerts, alert_id))[1]["alert"]
    behind = {key: value for key, value in found.items() if key != "id"}
    assert simulator.api("PUT", "%s/%s" % (alerts, alert_id), json=dict(behind, threshold=2000))[0] == 200
    drift = task_on_sim(check_mode=True, **{**LATENCY, "threshold": 500, "period": "10m"})
    assert drift.mutating == []
    assert drift.result["plan"]["changes"] == {"threshold": {"before": 2000, "after": 500, "via": "PUT"}}
    assert "ALERT-SECRET" not in json.dumps({key: drift.result[key] for key in ("plan", "diff")})

    listed = run_info(simulator, UPTIME_ALERT, "uptime_alert_info", filters={"type": "latency"},
                      expand=MASKED_ALERT, check_id=check_id)
    assert [item["id"] for item in listed.result["uptime_alerts"]] == [alert_id]

    gone = task_on_sim(state="absent")
    assert gone.mutating == ["DELETE %s/%s" % (alerts, alert_id)]
    assert task_on_sim(state="absent").mutating == []
