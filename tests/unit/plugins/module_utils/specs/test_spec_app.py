# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The app declaration (specs/app.py) through the engine: an app is found by the name in its spec, the
spec compared only where the task sets it, a change is one PUT of the whole spec, and every create,
PUT or forced deployment is followed until its deployment is ACTIVE. force_deploy plans a deployment
only when the spec itself is unchanged (a changed spec deploys anyway)."""

from __future__ import annotations

import copy

import pytest

from fakes import check_then_run, error, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.app import APP
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import WaitError

APP_ID = "c2a93513-8d9b-4223-9d61-5e7272c81cf5"
APP_PATH = "/v2/apps/" + APP_ID
DEPLOYMENTS = APP_PATH + "/deployments"


def wanted_spec(tag="1.0"):
    return {"name": "web", "region": "nyc", "services": [{
        "name": "api", "image": {"registry_type": "DOCR", "repository": "api", "tag": tag},
        "envs": [{"key": "DB_PASSWORD", "value": "hunter2", "type": "SECRET"}, {"key": "MODE", "value": "prod"}]}]}


def live_spec(tag="1.0"):
    """What the API answers for wanted_spec(tag): defaults filled in, the secret encrypted."""
    spec = wanted_spec(tag)
    service = spec["services"][0]
    service.update(instance_count=1, instance_size_slug="apps-s-1vcpu-0.5gb", http_port=8080,
                   routes=[{"path": "/"}])
    service["envs"] = [{"key": "MODE", "value": "prod", "scope": "RUN_AND_BUILD_TIME"},
                       {"key": "DB_PASSWORD", "value": "EV[1:abc:def]", "type": "SECRET",
                        "scope": "RUN_AND_BUILD_TIME"}]
    return spec


def app(tag="1.0", active="dep-1", pending=None):
    found = {"id": APP_ID, "spec": live_spec(tag), "live_url": "https://web-x1.ondigitalocean.app",
             "active_deployment": {"id": active, "phase": "ACTIVE"}, "region": {"slug": "nyc"}}
    if pending:
        found["pending_deployment"] = {"id": pending, "phase": "PENDING_BUILD"}
    return found


def deployment(deployment_id, phase, steps=None):
    found = {"id": deployment_id, "phase": phase, "cause": "manual"}
    if steps is not None:
        found["progress"] = {"steps": steps}
    return found


def task(check_mode=False, mask=None, **options):
    return module_engine(APP, "app", check_mode=check_mode, mask=mask, **options)


def shown_spec(tag="1.0"):
    shown = wanted_spec(tag)
    shown["services"][0]["envs"][0]["value"] = SENSITIVE
    return shown


def test_create_posts_the_spec_and_follows_its_deployment_until_active():
    masked = []
    engine, session, clock = task(mask=masked.extend, spec=wanted_spec())
    session.on("GET", "/v2/apps", listing("apps"))
    session.on("POST", "/v2/apps", reply(200, {"app": app(active=None, pending="dep-1")}))
    session.on("GET", DEPLOYMENTS + "/dep-1", reply(200, {"deployment": deployment("dep-1", "BUILDING")}),
               reply(200, {"deployment": deployment("dep-1", "ACTIVE")}))
    session.on("GET", APP_PATH, reply(200, {"app": app()}))
    result = engine.run()
    assert session.calls == ["GET /v2/apps", "POST /v2/apps", "GET %s/dep-1" % DEPLOYMENTS,
                             "GET %s/dep-1" % DEPLOYMENTS, "GET " + APP_PATH]
    assert writes(session) == [("POST", "/v2/apps", {"spec": wanted_spec()})]
    assert clock.sleeps == [1.0]
    assert masked == ["hunter2"]
    assert result["plan"] == {"action": "create", "resource": "app", "identity": {"name": "web"}, "id": None,
                              "changes": {"name": {"before": None, "after": "web", "via": "create"},
                                          "spec": {"before": None, "after": shown_spec(), "via": "create"}}}
    assert "hunter2" not in repr(result["plan"]) + repr(result["diff"])
    assert result["deployment"] == deployment("dep-1", "ACTIVE")
    assert result["live_url"] == "https://web-x1.ondigitalocean.app"


def test_create_with_a_project_sends_the_project_id():
    engine, session, _clock = task(spec=wanted_spec(), project_id="proj-1", wait=False)
    session.on("GET", "/v2/apps", listing("apps"))
    session.on("POST", "/v2/apps", reply(200, {"app": app(pending="dep-1")}))
    result = engine.run()
    assert writes(session) == [("POST", "/v2/apps", {"spec": wanted_spec(), "project_id": "proj-1"})]
    assert session.calls == ["GET /v2/apps", "POST /v2/apps"]
    assert result["deployment"] == {"id": "dep-1", "phase": "PENDING_BUILD"}


def test_rerun_is_a_no_op_though_the_api_fills_in_defaults_and_encrypts_secrets():
    engine, session, _clock = task(spec=wanted_spec())
    session.on("GET", "/v2/apps", listing("apps", dict(app(), id="other", spec=dict(live_spec(), name="other")),
                                          app()))
    result = engine.run()
    assert session.calls == ["GET /v2/apps"]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["id"] == APP_ID
    assert result["deployment"] == {"id": "dep-1", "phase": "ACTIVE"}


def test_a_changed_spec_is_one_put_of_the_whole_spec_followed_until_active():
    engine, session, _clock = task(spec=wanted_spec("1.1"))
    session.on("GET", "/v2/apps", listing("apps", app()))
    session.on("PUT", APP_PATH, reply(200, {"app": app(pending="dep-2")}))
    session.on("GET", DEPLOYMENTS + "/dep-2", reply(200, {"deployment": deployment("dep-2", "ACTIVE")}))
    session.on("GET", APP_PATH, reply(200, {"app": app("1.1", active="dep-2")}))
    result = engine.run()
    assert session.calls == ["GET /v2/apps", "PUT " + APP_PATH, "GET %s/dep-2" % DEPLOYMENTS, "GET " + APP_PATH]
    assert writes(session) == [("PUT", APP_PATH, {"spec": wanted_spec("1.1")})]
    change = result["plan"]["changes"]["spec"]
    assert change["via"] == "PUT"
    assert change["after"] == shown_spec("1.1")
    # The live spec as far as the task talks about it, in the live order, the secret masked.
    assert change["before"] == {"name": "web", "region": "nyc", "services": [{
        "name": "api", "image": {"registry_type": "DOCR", "repository": "api", "tag": "1.0"},
        "envs": [{"key": "MODE", "value": "prod"}, {"key": "DB_PASSWORD", "value": SENSITIVE, "type": "SECRET"}]}]}
    assert set(result["plan"]["changes"]) == {"spec"}
    assert result["deployment"]["id"] == "dep-2"


def test_a_put_whose_answer_names_no_deployment_follows_the_newest_one():
    engine, session, _clock = task(spec=wanted_spec("1.1"))
    session.on("GET", "/v2/apps", listing("apps", app()))
    session.on("PUT", APP_PATH, reply(200, {"app": app()}))
    session.on("GET", DEPLOYMENTS, reply(200, {"deployments": [deployment("dep-2", "PENDING_BUILD")]}))
    session.on("GET", DEPLOYMENTS + "/dep-2", reply(200, {"deployment": deployment("dep-2", "ACTIVE")}))
    session.on("GET", APP_PATH, reply(200, {"app": app("1.1", active="dep-2")}))
    engine.run()
    assert session.calls == ["GET /v2/apps", "PUT " + APP_PATH, "GET " + DEPLOYMENTS, "GET %s/dep-2" % DEPLOYMENTS,
                             "GET " + APP_PATH]
    assert session.requests[2].params == {"per_page": 1}


def test_force_deploy_of_an_unchanged_spec_posts_a_deployment_and_follows_it():
    engine, session, _clock = task(spec=wanted_spec(), force_deploy=True)
    session.on("GET", "/v2/apps", listing("apps", app()))
    session.on("POST", DEPLOYMENTS, reply(200, {"deployment": deployment("dep-3", "PENDING_BUILD")}))
    session.on("GET", DEPLOYMENTS + "/dep-3", reply(200, {"deployment": deployment("dep-3", "ACTIVE")}))
    session.on("GET", APP_PATH, reply(200, {"app": app(active="dep-3")}))
    result = engine.run()
    assert session.calls == ["GET /v2/apps", "POST " + DEPLOYMENTS, "GET %s/dep-3" % DEPLOYMENTS, "GET " + APP_PATH]
    assert writes(session) == [("POST", DEPLOYMENTS, {"force_build": True})]
    assert result["changed"] is True
    assert result["plan"]["changes"] == {"deployment": {"before": "dep-1", "after": "(new deployment)",
                                                        "via": "POST /v2/apps/{id}/deployments"}}
    assert result["deployment"] == deployment("dep-3", "ACTIVE")


def test_force_deploy_with_a_changed_spec_only_puts_the_spec():
    engine, session, _clock = task(spec=wanted_spec("1.1"), force_deploy=True)
    session.on("GET", "/v2/apps", listing("apps", app()))
    session.on("PUT", APP_PATH, reply(200, {"app": app(pending="dep-2")}))
    session.on("GET", DEPLOYMENTS + "/dep-2", reply(200, {"deployment": deployment("dep-2", "ACTIVE")}))
    session.on("GET", APP_PATH, reply(200, {"app": app("1.1", active="dep-2")}))
    result = engine.run()
    assert writes(session) == [("PUT", APP_PATH, {"spec": wanted_spec("1.1")})]
    assert set(result["plan"]["changes"]) == {"spec"}


def test_force_deploy_of_a_new_app_is_only_its_create():
    engine, session, _clock = task(spec=wanted_spec(), force_deploy=True, wait=False)
    session.on("GET", "/v2/apps", listing("apps"))
    session.on("POST", "/v2/apps", reply(200, {"app": app(pending="dep-1")}))
    result = engine.run()
    assert [path for _method, path, _body in writes(session)] == ["/v2/apps"]
    assert "deployment" not in result["plan"]["changes"]


def test_a_failed_deployment_fails_the_task_naming_the_failing_step():
    engine, session, _clock = task(spec=wanted_spec("1.1"))
    session.on("GET", "/v2/apps", listing("apps", app()))
    session.on("PUT", APP_PATH, reply(200, {"app": app(pending="dep-2")}))
    steps = [{"name": "build", "status": "ERROR", "steps": [
        {"name": "build-api", "component_name": "api", "status": "ERROR",
         "reason": {"code": "BuildJobFailed", "message": "exit status 1"}}]}]
    session.on("GET", DEPLOYMENTS + "/dep-2", reply(200, {"deployment": deployment("dep-2", "ERROR", steps)}))
    with pytest.raises(WaitError) as caught:
        engine.run()
    assert str(caught.value) == ("app web (id %s): App Platform deployment dep-2 ended in phase ERROR, failing at "
                                 "step build-api of component api: [BuildJobFailed] exit status 1" % APP_ID)
    assert caught.value.details["deployment"]["phase"] == "ERROR"


def test_delete_by_id():
    engine, session, _clock = task(id=APP_ID, state="absent")
    session.on("GET", APP_PATH, reply(200, {"app": app()}))
    session.on("DELETE", APP_PATH, reply(200, {}))
    result = engine.run()
    assert session.calls == ["GET " + APP_PATH, "DELETE " + APP_PATH]
    assert result["plan"]["action"] == "delete" and result["app"] == {}


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(spec=wanted_spec(), state="absent")
    session.on("GET", "/v2/apps", listing("apps"))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False

    engine, session, _clock = task(id=APP_ID, state="absent")
    session.on("GET", APP_PATH, error(404, "not_found"))
    assert engine.run()["changed"] is False
    assert session.mutating == []


@pytest.mark.parametrize("spec, message", [
    ("name: web", "^spec must be a dict"),
    ({"region": "nyc"}, "^spec.name is required"),
    ({"name": "web", "services": [{"image": {}}]}, "^spec.services must be a list of components, each with a name"),
])
def test_a_bad_spec_fails_before_any_request(spec, message):
    engine, session, _clock = task(spec=spec)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _missing(session):
    session.on("GET", "/v2/apps", listing("apps"))
    session.on("POST", "/v2/apps", reply(200, {"app": app(pending="dep-1")}))
    session.on("GET", DEPLOYMENTS + "/dep-1", reply(200, {"deployment": deployment("dep-1", "ACTIVE")}))
    session.on("GET", APP_PATH, reply(200, {"app": app()}))


def _existing(session):
    session.on("GET", "/v2/apps", listing("apps", app()))
    session.on("PUT", APP_PATH, reply(200, {"app": app(pending="dep-2")}))
    session.on("POST", DEPLOYMENTS, reply(200, {"deployment": deployment("dep-2", "PENDING_BUILD")}))
    session.on("GET", DEPLOYMENTS + "/dep-2", reply(200, {"deployment": deployment("dep-2", "ACTIVE")}))
    session.on("GET", APP_PATH, reply(200, {"app": app(active="dep-2")}))
    session.on("DELETE", APP_PATH, reply(200, {}))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(spec=wanted_spec()), "create"),
    (_existing, dict(spec=wanted_spec("1.1")), "update"),
    (_existing, dict(spec=wanted_spec(), force_deploy=True), "update"),
    (_existing, dict(spec=wanted_spec()), "none"),
    (_existing, dict(spec=wanted_spec(), state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(APP, "app", script, **copy.deepcopy(options))
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert len(real_session.mutating) == (0 if action == "none" else 1)
