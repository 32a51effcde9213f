# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The project declaration (specs/project.py) through the engine: found by name, created, its fields
changed with one PATCH; is_default is set by its own PATCH, can be turned on but not off, and the
default project cannot be deleted."""

from __future__ import annotations

import pytest

from fakes import check_then_run, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.project import PROJECT

SHOP_ID = "4e1bfbc3-dc3e-41f2-a18f-1b4d7ba71679"
DEFAULT_ID = "9a1d3c5e-0b2f-4a6c-8e1d-2f3a4b5c6d7e"
SHOP_PATH = "/v2/projects/" + SHOP_ID


def project(project_id=SHOP_ID, name="shop", description="Web shop", purpose="Web Application",
            environment="Production", is_default=False):
    return {"id": project_id, "owner_uuid": "owner-1", "owner_id": 1, "name": name, "description": description,
            "purpose": purpose, "environment": environment, "is_default": is_default,
            "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"}


DEFAULT = project(DEFAULT_ID, name="first-project", description="", purpose="Just trying out DigitalOcean",
                  environment="Development", is_default=True)
FIELDS = dict(description="Web shop", purpose="Web Application", environment="Production")


def task(check_mode=False, **options):
    options.setdefault("name", "shop")
    return module_engine(PROJECT, "project", check_mode=check_mode, **options)


def test_create_posts_the_fields():
    engine, session, _clock = task(**FIELDS)
    session.on("GET", "/v2/projects", listing("projects", DEFAULT))
    session.on("POST", "/v2/projects", reply(201, {"project": project()}))
    result = engine.run()
    assert session.calls == ["GET /v2/projects", "POST /v2/projects"]
    assert writes(session) == [("POST", "/v2/projects", dict(FIELDS, name="shop"))]
    assert result["plan"]["action"] == "create"
    assert result["plan"]["changes"] == {field: {"before": None, "after": value, "via": "create"}
                                         for field, value in dict(FIELDS, name="shop").items()}
    assert result["project"]["id"] == SHOP_ID


def test_create_as_the_default_patches_is_default_right_after():
    engine, session, _clock = task(is_default=True, **FIELDS)
    session.on("GET", "/v2/projects", listing("projects", DEFAULT))
    session.on("POST", "/v2/projects", reply(201, {"project": project()}))
    session.on("PATCH", SHOP_PATH, reply(200, {"project": project(is_default=True)}))
    result = engine.run()
    assert writes(session) == [("POST", "/v2/projects", dict(FIELDS, name="shop")),
                               ("PATCH", SHOP_PATH, {"is_default": True})]
    assert result["plan"]["changes"]["is_default"] == {"before": None, "after": True, "via": "create"}
    assert result["project"]["is_default"] is True


@pytest.mark.parametrize("check_mode", [False, True])
def test_create_needs_a_purpose(check_mode):
    engine, session, _clock = task(check_mode=check_mode, description="Web shop")
    session.on("GET", "/v2/projects", listing("projects"))
    with pytest.raises(PlanError, match="^purpose is required to create project shop"):
        engine.run()
    assert session.mutating == []


def test_rerun_is_a_no_op_with_one_list():
    engine, session, _clock = task(**FIELDS)
    session.on("GET", "/v2/projects", listing("projects", DEFAULT, project()))
    result = engine.run()
    assert session.calls == ["GET /v2/projects"]
    assert session.requests[0].params == {"per_page": 200}
    assert result["changed"] is False
    assert result["plan"] == {"action": "none", "resource": "project", "identity": {"name": "shop"}, "id": SHOP_ID,
                              "changes": {}}


def test_the_default_project_asked_to_stay_the_default_is_a_no_op():
    engine, session, _clock = task(name="first-project", is_default=True)
    session.on("GET", "/v2/projects", listing("projects", DEFAULT))
    result = engine.run()
    assert session.calls == ["GET /v2/projects"]
    assert result["changed"] is False


def test_changed_fields_go_in_one_patch_then_the_project_is_read_again():
    engine, session, _clock = task(description="", environment="Staging")
    session.on("GET", "/v2/projects", listing("projects", project()))
    session.on("PATCH", SHOP_PATH, reply(200, {"project": project(description="", environment="Staging")}))
    session.on("GET", SHOP_PATH, reply(200, {"project": project(description="", environment="Staging")}))
    result = engine.run()
    assert session.calls == ["GET /v2/projects", "PATCH " + SHOP_PATH, "GET " + SHOP_PATH]
    assert writes(session) == [("PATCH", SHOP_PATH, {"description": "", "environment": "Staging"})]
    assert result["plan"]["changes"] == {
        "description": {"before": "Web shop", "after": "", "via": "PATCH"},
        "environment": {"before": "Production", "after": "Staging", "via": "PATCH"}}
    assert result["project"]["environment"] == "Staging"


def test_rename_by_id():
    engine, session, _clock = task(id=SHOP_ID, name="store")
    session.on("GET", SHOP_PATH, reply(200, {"project": project()}), reply(200, {"project": project(name="store")}))
    session.on("PATCH", SHOP_PATH, reply(200, {"project": project(name="store")}))
    result = engine.run()
    assert writes(session) == [("PATCH", SHOP_PATH, {"name": "store"})]
    assert result["plan"]["changes"] == {"name": {"before": "shop", "after": "store", "via": "PATCH"}}


def test_an_existing_project_becomes_the_default_with_one_patch():
    engine, session, _clock = task(is_default=True, **FIELDS)
    session.on("GET", "/v2/projects", listing("projects", DEFAULT, project()))
    session.on("GET", "/v2/projects/default", reply(200, {"project": DEFAULT}))
    session.on("POST", "/v2/projects", reply(201, {"project": project("duplicate-id")}))
    session.on("PATCH", SHOP_PATH, reply(200, {"project": project(is_default=True)}))
    session.on("PATCH", "/v2/projects/duplicate-id", reply(200, {"project": project("duplicate-id",
                                                                                    is_default=True)}))
    result = engine.run()
    assert writes(session) == [("PATCH", SHOP_PATH, {"is_default": True})]
    assert result["plan"]["changes"] == {"is_default": {"before": False, "after": True, "via": "PATCH"}}


@pytest.mark.parametrize("check_mode", [False, True])
def test_is_default_cannot_be_turned_off(check_mode):
    engine, session, _clock = task(check_mode=check_mode, name="first-project", is_default=False)
    session.on("GET", "/v2/projects", listing("projects", DEFAULT, project()))
    with pytest.raises(PlanError, match="^is_default cannot be turned off on project first-project \\(id %s\\)"
                                        % DEFAULT_ID):
        engine.run()
    assert session.mutating == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_the_default_project_cannot_be_deleted(check_mode):
    engine, session, _clock = task(check_mode=check_mode, name="first-project", state="absent")
    session.on("GET", "/v2/projects", listing("projects", DEFAULT, project()))
    with pytest.raises(PlanError, match="^project first-project \\(id %s\\) is the default project, which cannot be "
                                        "deleted" % DEFAULT_ID):
        engine.run()
    assert session.mutating == []


def test_a_project_that_still_has_resources_is_refused_before_any_change():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/projects", listing("projects", DEFAULT, project()))
    session.on("GET", SHOP_PATH + "/resources", listing("resources", {"urn": "do:droplet:7"}))
    with pytest.raises(PlanError, match="still has resources \\(do:droplet:7\\): the API refuses to delete it"):
        engine.run()
    assert session.mutating == []


def test_delete():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/projects", listing("projects", DEFAULT, project()))
    session.on("GET", SHOP_PATH + "/resources", listing("resources"))
    session.on("DELETE", SHOP_PATH, reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", SHOP_PATH, None)]
    assert result["plan"]["action"] == "delete" and result["project"] == {}


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/projects", listing("projects", DEFAULT))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


@pytest.mark.parametrize("options, message", [
    (dict(name="x" * 176), "^name must be at most 175 characters, got 176"),
    (dict(description="x" * 256), "^description must be at most 255 characters"),
    (dict(name="   "), "^name must not be empty"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _missing(session):
    session.on("GET", "/v2/projects", listing("projects", DEFAULT))
    session.on("POST", "/v2/projects", reply(201, {"project": project()}))


def _existing(session):
    session.on("GET", "/v2/projects", listing("projects", DEFAULT, project()))
    session.on("PATCH", SHOP_PATH, reply(200, {}))
    session.on("GET", SHOP_PATH, reply(200, {"project": project(environment="Staging")}))
    session.on("GET", SHOP_PATH + "/resources", listing("resources"))
    session.on("DELETE", SHOP_PATH, reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, FIELDS, "create"),
    (_existing, dict(FIELDS, environment="Staging"), "update"),
    (_existing, FIELDS, "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(PROJECT, "project", script, name="shop", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
