# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The resources of a project as a set (PROJECT_RESOURCES in specs/project.py) through the
SetReconciler: missing resources are assigned with one POST; since the API cannot unassign,
resources leave a project by moving to the default project (purge, state: absent), which is why
the default project itself can never be emptied that way."""

from __future__ import annotations

import pytest

from fakes import check_then_run, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ParentGone
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.project import PROJECT_RESOURCES

SHOP_ID = "4e1bfbc3-dc3e-41f2-a18f-1b4d7ba71679"
DEFAULT_ID = "9a1d3c5e-0b2f-4a6c-8e1d-2f3a4b5c6d7e"
SHOP_RESOURCES = "/v2/projects/%s/resources" % SHOP_ID
DEFAULT_RESOURCES = "/v2/projects/%s/resources" % DEFAULT_ID
SHOP = {"id": SHOP_ID, "name": "shop", "is_default": False}
DEFAULT = {"id": DEFAULT_ID, "name": "first-project", "is_default": True}


def resource(urn):
    return {"urn": urn, "assigned_at": "2024-01-01T00:00:00Z", "status": "ok",
            "links": {"self": "https://api.digitalocean.com/v2/" + urn}}


def assigned(*urns, status="ok"):
    return reply(200, {"resources": [dict(resource(urn), status=status) for urn in urns]})


def task(check_mode=False, warn=None, **options):
    return module_engine(PROJECT_RESOURCES, "project_resources", check_mode=check_mode, warn=warn, **options)


def with_shop(session, *urns):
    session.on("GET", "/v2/projects", listing("projects", DEFAULT, SHOP))
    session.on("GET", SHOP_RESOURCES, listing("resources", *(resource(urn) for urn in urns)))


def test_missing_resources_are_assigned_with_one_post():
    engine, session, _clock = task(project="shop", resources=["do:droplet:1", {"kind": "Volume", "id": "vol-1"},
                                                              "do:droplet:1"])
    with_shop(session, "do:droplet:1")
    session.on("POST", SHOP_RESOURCES, assigned("do:volume:vol-1"))
    result = engine.run()
    assert session.calls == ["GET /v2/projects", "GET " + SHOP_RESOURCES, "POST " + SHOP_RESOURCES]
    assert writes(session) == [("POST", SHOP_RESOURCES, {"resources": ["do:volume:vol-1"]})]
    assert result["plan"] == {
        "action": "update", "resource": "project_resources", "identity": {"project": "shop"}, "id": SHOP_ID,
        "changes": {"resources": {"before": ["do:droplet:1"], "after": ["do:droplet:1", "do:volume:vol-1"],
                                  "via": "assign"}}}
    assert result["added"] == ["do:volume:vol-1"] and result["removed"] == []
    assert result["project_resources"] == ["do:droplet:1", "do:volume:vol-1"]
    assert result["project"] == SHOP


def test_listed_resources_already_in_the_project_are_a_no_op():
    engine, session, _clock = task(project="shop", resources=["do:droplet:1"])
    with_shop(session, "do:droplet:1", "do:droplet:2")
    result = engine.run()
    assert session.calls == ["GET /v2/projects", "GET " + SHOP_RESOURCES]
    assert result["changed"] is False
    assert result["plan"]["changes"] == {}
    assert result["diff"] == {"before": {"resources": ["do:droplet:1", "do:droplet:2"]},
                              "after": {"resources": ["do:droplet:1", "do:droplet:2"]}}


def test_purge_moves_the_unlisted_resources_to_the_default_project():
    engine, session, _clock = task(project="shop", resources=["do:droplet:1", "do:droplet:3"], purge=True)
    with_shop(session, "do:droplet:1", "do:droplet:2")
    session.on("POST", SHOP_RESOURCES, assigned("do:droplet:3"))
    session.on("GET", "/v2/projects/default", reply(200, {"project": DEFAULT}))
    session.on("POST", DEFAULT_RESOURCES, assigned("do:droplet:2"))
    result = engine.run()
    assert writes(session) == [("POST", SHOP_RESOURCES, {"resources": ["do:droplet:3"]}),
                               ("POST", DEFAULT_RESOURCES, {"resources": ["do:droplet:2"]})]
    assert result["plan"]["changes"] == {"resources": {
        "before": ["do:droplet:1", "do:droplet:2"], "after": ["do:droplet:1", "do:droplet:3"],
        "via": "assign|move_to_default"}}
    assert result["added"] == ["do:droplet:3"] and result["removed"] == ["do:droplet:2"]


def test_absent_moves_the_listed_resources_to_the_default_project():
    engine, session, _clock = task(project="shop", resources=["do:droplet:2", "do:droplet:9"], state="absent")
    with_shop(session, "do:droplet:1", "do:droplet:2")
    session.on("GET", "/v2/projects/default", reply(200, {"project": DEFAULT}))
    session.on("POST", DEFAULT_RESOURCES, assigned("do:droplet:2"))
    result = engine.run()
    assert writes(session) == [("POST", DEFAULT_RESOURCES, {"resources": ["do:droplet:2"]})]
    assert result["plan"]["changes"]["resources"]["via"] == "move_to_default"
    assert result["project_resources"] == ["do:droplet:1"]


def test_absent_of_resources_not_in_the_project_is_a_no_op():
    engine, session, _clock = task(project="shop", resources=["do:droplet:9"], state="absent")
    with_shop(session, "do:droplet:1")
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


def test_absent_under_a_project_that_is_gone_is_a_no_op():
    engine, session, _clock = task(project="old-shop", resources=["do:droplet:1"], state="absent")
    session.on("GET", "/v2/projects", listing("projects", DEFAULT, SHOP))
    result = engine.run()
    assert session.calls == ["GET /v2/projects"]
    assert result["changed"] is False


def test_present_under_a_project_that_is_gone_fails():
    engine, session, _clock = task(project="old-shop", resources=["do:droplet:1"])
    session.on("GET", "/v2/projects", listing("projects", DEFAULT, SHOP))
    with pytest.raises(ParentGone, match="^project old-shop does not exist"):
        engine.run()


@pytest.mark.parametrize("options", [dict(purge=True), dict(state="absent")])
@pytest.mark.parametrize("check_mode", [False, True])
def test_resources_cannot_leave_the_default_project(options, check_mode):
    engine, session, _clock = task(check_mode=check_mode, resources=["do:droplet:1"] if "state" in options else [],
                                   **options)
    session.on("GET", "/v2/projects/default", reply(200, {"project": DEFAULT}))
    session.on("GET", DEFAULT_RESOURCES, listing("resources", resource("do:droplet:1")))
    with pytest.raises(PlanError, match="^project first-project \\(id %s\\) is the default project: resources cannot "
                                        "leave it except by being assigned to another project \\(do:droplet:1\\)"
                                        % DEFAULT_ID):
        engine.run()
    assert session.calls == ["GET /v2/projects/default", "GET " + DEFAULT_RESOURCES]


def test_the_project_is_read_by_id_when_given_one():
    engine, session, _clock = task(project=SHOP_ID, resources=["do:droplet:1"])
    session.on("GET", "/v2/projects/" + SHOP_ID, reply(200, {"project": SHOP}))
    session.on("GET", SHOP_RESOURCES, listing("resources", resource("do:droplet:1")))
    engine.run()
    assert session.calls == ["GET /v2/projects/" + SHOP_ID, "GET " + SHOP_RESOURCES]


def test_an_assignment_the_api_refuses_is_an_error():
    engine, session, _clock = task(project="shop", resources=["do:droplet:5"])
    with_shop(session)
    session.on("POST", SHOP_RESOURCES, assigned("do:droplet:5", status="not_found"))
    with pytest.raises(PlanError, match="^could not assign do:droplet:5 to project %s: do:droplet:5 is not_found"
                                        % SHOP_ID):
        engine.run()


@pytest.mark.parametrize("item, message", [
    ("droplet:1", "^resources: each item is a URN such as do:droplet:123"),
    ({"kind": "bucket", "id": "x"}, "^resources: kind must be one of"),
    ({"kind": "droplet"}, "^resources: each item is a URN"),
])
def test_bad_resources_fail_before_any_request(item, message):
    # The reconciler checks the resources first, before it sends anything.
    engine, session, _clock = task(project="shop", resources=[item])
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _script(session):
    with_shop(session, "do:droplet:1", "do:droplet:2")
    session.on("POST", SHOP_RESOURCES, assigned("do:droplet:3"))
    session.on("GET", "/v2/projects/default", reply(200, {"project": DEFAULT}))
    session.on("POST", DEFAULT_RESOURCES, assigned("do:droplet:2"))


@pytest.mark.parametrize("options, expected_writes", [
    (dict(resources=["do:droplet:1", "do:droplet:3"], purge=True), 2),
    (dict(resources=["do:droplet:2"], state="absent"), 1),
    (dict(resources=["do:droplet:1"]), 0),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(options, expected_writes):
    predicted, check_session, done, real_session = check_then_run(PROJECT_RESOURCES, "project_resources", _script,
                                                                  project="shop", **options)
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert (predicted["added"], predicted["removed"]) == (done["added"], done["removed"])
    assert check_session.mutating == []
    assert len(real_session.mutating) == expected_writes
