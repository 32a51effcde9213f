# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The monitoring_alert_policy declaration (specs/monitoring_alert_policy.py) through the engine: found
by uuid or by a description no other policy has, created with every field, changed with one PUT
that holds the whole policy, deleted; Slack webhook URLs never shown and always masked."""

from __future__ import annotations

import json

import pytest

from fakes import check_then_run, listing, module_engine, reply, writes
from sim_engine import run

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import (
    MONITORING_ALERT_POLICY, masked_items)

UUID = "669adfc9-3427-4bf9-9fc8-cc6bde20a5ba"
OTHER = "78b3da62-27e5-49ba-ac70-5db0b5935c64"
PATH = "/v2/monitoring/alerts/" + UUID
HOOK = "https://hooks.slack.com/services/T0/B0/OLD-SECRET"
NEW_HOOK = "https://hooks.slack.com/services/T0/B0/NEW-SECRET"
DECLARED = dict(type="v1/insights/droplet/cpu", compare="GreaterThan", value=80, window="5m", tags=["web"],
                alerts={"email": ["ops@example.com"], "slack": [{"channel": "#ops", "url": HOOK}]})


def policy(uuid=UUID, description="web CPU", value=80.0, enabled=True, hook=HOOK, tags=("web",), entities=()):
    return {"uuid": uuid, "type": "v1/insights/droplet/cpu", "description": description, "compare": "GreaterThan",
            "value": value, "window": "5m", "entities": list(entities), "tags": list(tags), "enabled": enabled,
            "alerts": {"email": ["ops@example.com"], "slack": [{"channel": "#ops", "url": hook}]}}


def task(check_mode=False, masked=None, **options):
    options.setdefault("description", "web CPU")
    return module_engine(MONITORING_ALERT_POLICY, "monitoring_alert_policy", check_mode=check_mode,
                         mask=None if masked is None else masked.extend, **options)


def test_create_posts_every_field_of_the_policy():
    engine, session, _clock = task(**DECLARED)
    session.on("GET", "/v2/monitoring/alerts", listing("policies"))
    session.on("POST", "/v2/monitoring/alerts", reply(200, {"policy": policy()}))
    result = engine.run()
    assert writes(session) == [("POST", "/v2/monitoring/alerts", {
        "type": "v1/insights/droplet/cpu", "description": "web CPU", "compare": "GreaterThan", "value": 80.0,
        "window": "5m", "entities": [], "tags": ["web"], "enabled": True,
        "alerts": {"email": ["ops@example.com"], "slack": [{"channel": "#ops", "url": HOOK}]}})]
    assert result["plan"]["action"] == "create"
    assert result["plan"]["changes"]["alerts"]["after"] == {"email": ["ops@example.com"],
                                                            "slack": [{"channel": "#ops", "url": SENSITIVE}]}
    assert result["monitoring_alert_policy"]["uuid"] == UUID


def test_rerun_is_a_no_op_with_one_list():
    engine, session, _clock = task(**DECLARED)
    session.on("GET", "/v2/monitoring/alerts", listing("policies", policy(uuid=OTHER, description="db CPU"), policy()))
    result = engine.run()
    assert session.calls == ["GET /v2/monitoring/alerts"]
    assert result["changed"] is False and result["plan"]["id"] == UUID


def test_an_update_puts_the_whole_policy_with_the_fields_the_task_leaves_alone():
    engine, session, _clock = task(value=90, enabled=False)
    session.on("GET", "/v2/monitoring/alerts", listing("policies", policy(entities=["4242"])))
    session.on("PUT", PATH, reply(200, {"policy": policy(value=90.0, enabled=False, entities=["4242"])}))
    result = engine.run()
    assert writes(session) == [("PUT", PATH, {
        "type": "v1/insights/droplet/cpu", "description": "web CPU", "compare": "GreaterThan", "value": 90.0,
        "window": "5m", "entities": ["4242"], "tags": ["web"], "enabled": False,
        "alerts": {"email": ["ops@example.com"], "slack": [{"channel": "#ops", "url": HOOK}]}})]
    assert result["plan"]["changes"] == {"value": {"before": 80.0, "after": 90.0, "via": "PUT"},
                                         "enabled": {"before": True, "after": False, "via": "PUT"}}
    assert result["monitoring_alert_policy"]["value"] == 90.0


def test_a_new_webhook_url_is_a_change_shown_only_as_sensitive_and_every_url_is_masked():
    masked = []
    engine, session, _clock = task(masked=masked, alerts={"email": ["ops@example.com"],
                                                          "slack": [{"channel": "#ops", "url": NEW_HOOK}]})
    session.on("GET", "/v2/monitoring/alerts", listing("policies", policy()))
    session.on("PUT", PATH, reply(200, {"policy": policy(hook=NEW_HOOK)}))
    result = engine.run()
    assert result["plan"]["changes"]["alerts"] == {
        "before": {"email": ["ops@example.com"], "slack": [{"channel": "#ops", "url": SENSITIVE}]},
        "after": {"email": ["ops@example.com"], "slack": [{"channel": "#ops", "url": SENSITIVE}]},
        "via": "PUT"}
    assert writes(session)[0][2]["alerts"]["slack"] == [{"channel": "#ops", "url": NEW_HOOK}]
    shown = json.dumps({key: result[key] for key in ("plan", "diff")})
    assert "SECRET" not in shown
    # The task's URL (from the start) and the URLs the API answered with are handed to Ansible's masking.
    assert NEW_HOOK in masked


def test_check_mode_masks_the_urls_of_the_policy_as_it_is():
    masked = []
    engine, session, _clock = task(check_mode=True, masked=masked, value=90)
    session.on("GET", "/v2/monitoring/alerts", listing("policies", policy()))
    result = engine.run()
    assert result["monitoring_alert_policy"]["alerts"]["slack"][0]["url"] == HOOK
    assert HOOK in masked


def test_a_threshold_changed_behind_the_task_s_back_is_drift_in_check_mode():
    engine, session, _clock = task(check_mode=True, **DECLARED)
    session.on("GET", "/v2/monitoring/alerts", listing("policies", policy(value=95.0)))
    result = engine.run()
    assert result["changed"] is True
    assert result["plan"]["changes"] == {"value": {"before": 95.0, "after": 80.0, "via": "PUT"}}
    assert result["diff"]["before"]["value"] == 95.0 and result["diff"]["after"]["value"] == 80.0
    assert session.mutating == []


def test_two_policies_with_the_description_are_an_error_listing_their_uuids():
    engine, session, _clock = task(value=90)
    session.on("GET", "/v2/monitoring/alerts", listing("policies", policy(), policy(uuid=OTHER)))
    with pytest.raises(PlanError, match="^2 policies match description=web CPU: ids %s, %s. Give uuid"
                                        % (UUID, OTHER)):
        engine.run()
    assert session.mutating == []


def test_found_by_uuid_the_description_changes():
    engine, session, _clock = task(uuid=UUID, description="web tier CPU")
    session.on("GET", PATH, reply(200, {"policy": policy()}))
    session.on("PUT", PATH, reply(200, {"policy": policy(description="web tier CPU")}))
    result = engine.run()
    assert writes(session)[0][2]["description"] == "web tier CPU"
    assert result["plan"]["changes"] == {"description": {"before": "web CPU", "after": "web tier CPU", "via": "PUT"}}


def test_delete_then_absent_is_a_no_op():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/monitoring/alerts", listing("policies", policy()))
    session.on("DELETE", PATH, reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", PATH, None)]
    assert result["plan"]["action"] == "delete" and result["monitoring_alert_policy"] == {}
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/monitoring/alerts", listing("policies"))
    assert engine.run()["changed"] is False


def test_create_needs_type_compare_value_and_window_before_any_change():
    engine, session, _clock = task(tags=["web"])
    session.on("GET", "/v2/monitoring/alerts", listing("policies"))
    with pytest.raises(PlanError, match="^type and compare and value and window are required to create "
                                        "monitoring alert policy"):
        engine.run()
    assert session.mutating == []


@pytest.mark.parametrize("options, message", [
    (dict(alerts={"email": ["ops at example.com"]}), r"^alerts.email\[0\]: 'ops at example.com' is not an email"),
    (dict(alerts={"slack": [{"channel": "#ops", "url": "http://hooks.example.com/x"}]}),
     r"^alerts.slack\[0\].url: must be the channel's https:// webhook URL$"),
    (dict(alerts={"slack": [{"channel": " ", "url": HOOK}]}), r"^alerts.slack\[0\].channel: give the Slack channel"),
    (dict(type="v1/insights/droplet/cpu", entities=["web-1"]), r"^entities\[0\]: 'web-1' is not a droplet id"),
    (dict(tags=["no spaces"]), r"^tags\[0\]: 'no spaces' is not a tag name"),
    (dict(description=" "), "^description must not be blank"),
])
def test_bad_input_fails_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _existing(session):
    session.on("GET", "/v2/monitoring/alerts", listing("policies", policy()))
    session.on("PUT", PATH, reply(200, {"policy": policy(value=90.0)}))
    session.on("DELETE", PATH, reply(204))


def _missing(session):
    session.on("GET", "/v2/monitoring/alerts", listing("policies"))
    session.on("POST", "/v2/monitoring/alerts", reply(200, {"policy": policy()}))


@pytest.mark.parametrize("script, options, action", [
    (_missing, DECLARED, "create"),
    (_existing, dict(DECLARED, value=90), "update"),
    (_existing, DECLARED, "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(
        MONITORING_ALERT_POLICY, "monitoring_alert_policy", script, description="web CPU", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"] and predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")


# -- monitoring_alert_policy_info ---------------------------------------------------------------------


def info(**options):
    return module_engine(MONITORING_ALERT_POLICY, "monitoring_alert_policy_info", **options)


def test_info_filters_on_the_listed_policies_and_masks_the_urls():
    masked = []
    engine, session, _clock = info(type="v1/insights/droplet/cpu", enabled=False, mask=masked.extend)
    balancers = dict(policy(description="lb"), type="v1/insights/lbaas/droplet_health", enabled=False)
    session.on("GET", "/v2/monitoring/alerts", listing("policies", policy(), policy(uuid=OTHER, enabled=False), balancers))
    result = engine.run_info({"type": "v1/insights/droplet/cpu", "enabled": False}, expand=masked_items("alerts"))
    assert [item["uuid"] for item in result["monitoring_alert_policies"]] == [OTHER]
    assert session.calls == ["GET /v2/monitoring/alerts"]
    assert masked == [HOOK]


def test_info_by_uuid_reads_the_one_policy():
    engine, session, _clock = info(uuid=UUID)
    session.on("GET", PATH, reply(200, {"policy": policy()}))
    assert [item["uuid"] for item in engine.run_info({})["monitoring_alert_policies"]] == [UUID]


# -- the whole life of a policy against the simulator (every request checked against the spec) ------


def test_create_no_op_update_drift_and_delete_against_the_simulator(simulator):
    def task_on_sim(check_mode=False, **options):
        return run(simulator, MONITORING_ALERT_POLICY, "monitoring_alert_policy", check_mode=check_mode,
                   description="web CPU", **options)

    created = task_on_sim(**DECLARED)
    assert created.mutating == ["POST /v2/monitoring/alerts"]
    uuid = created.result["monitoring_alert_policy"]["uuid"]
    assert created.result["monitoring_alert_policy"]["value"] == 80.0
    assert HOOK in created.masked

    again = task_on_sim(**DECLARED)
    assert again.mutating == [] and again.calls == ["GET /v2/monitoring/alerts"]
    assert again.result["changed"] is False

    updated = task_on_sim(**{**DECLARED, "value": 90, "window": "10m"})
    assert updated.mutating == ["PUT /v2/monitoring/alerts/" + uuid]
    assert updated.result["plan"]["changes"] == {"value": {"before": 80.0, "after": 90.0, "via": "PUT"},
                                                 "window": {"before": "5m", "after": "10m", "via": "PUT"}}

    # Behind the task's back: the threshold changes; check mode shows it and sends nothing.
    status, body = simulator.api("GET", "/v2/monitoring/alerts/" + uuid)
    behind = {key: value for key, value in body["policy"].items() if key != "uuid"}
    assert simulator.api("PUT", "/v2/monitoring/alerts/" + uuid, json=dict(behind, value=95))[0] == 200
    drift = task_on_sim(check_mode=True, **{**DECLARED, "value": 90, "window": "10m"})
    assert drift.mutating == [] and drift.result["changed"] is True
    assert drift.result["plan"]["changes"] == {"value": {"before": 95.0, "after": 90.0, "via": "PUT"}}
    assert drift.result["diff"]["before"]["alerts"]["slack"] == [{"channel": "#ops", "url": SENSITIVE}]

    gone = task_on_sim(state="absent")
    assert gone.mutating == ["DELETE /v2/monitoring/alerts/" + uuid]
    assert task_on_sim(state="absent").mutating == []
    assert simulator.api("GET", "/v2/monitoring/alerts")[1]["policies"] == []
