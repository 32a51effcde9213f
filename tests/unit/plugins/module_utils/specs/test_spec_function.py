# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The function_namespace, function_trigger and function_key declarations (specs/function.py)
through the engine against the simulator: each created, found again without a mutating request,
changed where the API allows it (a trigger's cron/body/enabled with one PUT that resets nothing, a
key's name), shown in check mode first, and deleted; a key's secret returned once and masked; bad
input refused before any request that changes anything."""

from __future__ import annotations

import pytest

from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ParentGone
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.function import (
    FUNCTION_KEY, FUNCTION_NAMESPACE, FUNCTION_TRIGGER)


def namespace(simulator, check_mode=False, **options):
    options.setdefault("label", "reports")
    return run(simulator, FUNCTION_NAMESPACE, "function_namespace", check_mode=check_mode, **options)


def trigger(simulator, check_mode=False, **options):
    options.setdefault("namespace", "reports")
    options.setdefault("name", "nightly")
    return run(simulator, FUNCTION_TRIGGER, "function_trigger", check_mode=check_mode, **options)


def key(simulator, check_mode=False, **options):
    options.setdefault("namespace", "reports")
    return run(simulator, FUNCTION_KEY, "function_key", check_mode=check_mode, **options)


def test_namespace_create_no_op_drift_info_and_delete(simulator):
    planned = namespace(simulator, check_mode=True, region="nyc1")
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create"
    created = namespace(simulator, region="nyc1")
    ns = created.result["function_namespace"]
    assert created.mutating == ["POST /v2/functions/namespaces"] and ns["namespace"].startswith("fn-")
    again = namespace(simulator, region="nyc1")
    assert again.mutating == [] and again.result["changed"] is False
    by_id = namespace(simulator, id=ns["namespace"], label=None)
    assert by_id.calls == ["GET /v2/functions/namespaces/" + ns["namespace"]] and by_id.result["changed"] is False
    with pytest.raises(PlanError, match="^region cannot change in place on function_namespace"):
        namespace(simulator, region="ams3")
    listed = run_info(simulator, FUNCTION_NAMESPACE, "function_namespace_info", filters={"region": "nyc1"},
                      region="nyc1")
    assert [n["label"] for n in listed.result["function_namespaces"]] == ["reports"]
    gone = namespace(simulator, state="absent")
    assert gone.mutating == ["DELETE /v2/functions/namespaces/" + ns["namespace"]]
    assert namespace(simulator, state="absent").mutating == []


def test_trigger_create_no_op_update_without_reset_drift_and_delete(simulator):
    ns = simulator.seed("function_namespaces", name_prefix="reports")[0]
    options = dict(namespace="reports-1")
    path = "/v2/functions/namespaces/%s/triggers" % ns

    created = trigger(simulator, function="reports/build", cron="0 2 * * *", body={"scope": "full"}, **options)
    assert created.mutating == ["POST " + path]
    assert created.result["function_trigger"]["is_enabled"] is True

    # Found by the namespace's id as well as its label.
    again = trigger(simulator, namespace=ns, function="reports/build", cron="0 2 * * *", body={"scope": "full"})
    assert again.mutating == [] and again.result["changed"] is False

    drift = trigger(simulator, check_mode=True, enabled=False, **options)
    assert drift.mutating == []
    assert drift.result["plan"]["changes"] == {"enabled": {"before": True, "after": False, "via": "PUT"}}

    paused = trigger(simulator, enabled=False, **options)
    assert paused.mutating == ["PUT %s/nightly" % path]
    details = paused.result["function_trigger"]["scheduled_details"]
    # The PUT carried cron and body as they were.
    assert details == {"cron": "0 2 * * *", "body": {"scope": "full"}}
    assert paused.result["function_trigger"]["is_enabled"] is False

    moved = trigger(simulator, cron="30 3 * * 1", **options)
    assert moved.result["function_trigger"]["scheduled_details"]["body"] == {"scope": "full"}
    assert moved.result["function_trigger"]["is_enabled"] is False

    with pytest.raises(PlanError, match="^function cannot change in place on function_trigger"):
        trigger(simulator, function="reports/other", **options)

    listed = run_info(simulator, FUNCTION_TRIGGER, "function_trigger_info", filters={"function": "reports/build"},
                      namespace="reports-1", function="reports/build")
    assert [t["name"] for t in listed.result["function_triggers"]] == ["nightly"] and listed.result["namespace"] == ns

    gone = trigger(simulator, state="absent", **options)
    assert gone.mutating == ["DELETE %s/nightly" % path]
    assert trigger(simulator, state="absent", **options).mutating == []


def test_key_secret_returned_once_and_masked_then_renamed_and_deleted(simulator):
    ns = simulator.seed("function_namespaces", name_prefix="reports")[0]
    created = key(simulator, namespace="reports-1", name="ci", expires_in="30d")
    issued = created.result["function_key"]
    assert issued["secret"] and issued["secret"] in created.masked and issued["expires_at"]
    again = key(simulator, namespace="reports-1", name="ci", expires_in="30d")
    assert again.mutating == [] and "secret" not in again.result["function_key"]
    renamed = key(simulator, namespace="reports-1", id=issued["id"], name="ci-2")
    assert renamed.mutating == ["PUT /v2/functions/namespaces/%s/keys/%s" % (ns, issued["id"])]
    listed = run_info(simulator, FUNCTION_KEY, "function_key_info", namespace="reports-1")
    assert [k["name"] for k in listed.result["function_keys"]] == ["ci-2"]
    gone = key(simulator, namespace="reports-1", name="ci-2", state="absent")
    assert gone.mutating == ["DELETE /v2/functions/namespaces/%s/keys/%s" % (ns, issued["id"])]


@pytest.mark.parametrize("check_mode", [False, True])
def test_bad_input_is_refused_before_any_change(simulator, check_mode):
    simulator.seed("function_namespaces", name_prefix="reports")
    simulator.clear_requests()
    cases = [
        (trigger, dict(namespace="reports-1", function="f", cron="every night"),
         PlanError, "^cron must be a cron expression of five fields"),
        (trigger, dict(namespace="reports-1", cron="0 2 * * *"), PlanError,
         "^function is required to create function trigger nightly$"),
        (key, dict(namespace="reports-1", name="ci", expires_in="1 month"), PlanError,
         "^expires_in must be a duration in hours or days"),
        (namespace, dict(label="new"), PlanError, "^region is required to create functions namespace"),
    ]
    for task, options, error, message in cases:
        with pytest.raises(error, match=message):
            task(simulator, check_mode=check_mode, **options)
    if not check_mode:
        with pytest.raises(ParentGone, match="^functions namespace nope does not exist"):
            trigger(simulator, namespace="nope", function="f", cron="0 2 * * *")
    assert simulator.mutating_requests() == []
