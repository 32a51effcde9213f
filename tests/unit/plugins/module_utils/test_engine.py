# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The resource engine (engine.py) with declarations (resource.py): find, plan, apply, check mode,
and the requests that need care, against a scripted session."""

from __future__ import annotations

import json

import pytest
import requests

from fakes import FakeClock, action, error, make_client, now_iso, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import UncertainOutcomeError
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import LIST_LAG_SECONDS, Plan, ResourceEngine
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    Api,
    Create,
    Field,
    Lookup,
    Put,
    Replace,
    ResourceSpec,
    Tags,
    path_reader,
    sorted_set,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import DROPLET
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import ActionFailed

# A small resource: found by name, region fixed at creation, color and secret changed by one PUT,
# tags reconciled as a set.
PUT = Put()
# Lookups of a lost create within LIST_LAG_SECONDS, with the poller's delays 1, 1.5, 2.25 and the rest.
LOOKUPS = 5
THING = ResourceSpec(
    kind="thing",
    api=Api("/v2/things", "thing"),
    lookup=Lookup(filters={"name": "name"}),
    fields={
        "color": Field(update=PUT),
        "secret": Field(update=PUT, sensitive=True),
        "tags": Field(normalize=sorted_set, update=Tags("thing")),
        "region": Field(read=path_reader("region", "slug")),
    },
    create=Create(fields=("name", "region", "color", "tags", "secret", "shape")),
)

THING_PARAMS = dict(state="present", id=None, name="alpha", region=None, color=None, tags=None, secret=None,
                    shape=None, wait=True, wait_timeout=600)


def thing(thing_id=7, name="alpha", region="nyc3", color="red", tags=(), secret="old-s3cr3t", shape="round"):
    return {"id": thing_id, "name": name, "region": {"slug": region}, "color": color, "tags": list(tags),
            "secret": secret, "shape": shape}


def things(*items):
    return reply(200, {"things": list(items), "links": {}, "meta": {"total": len(items)}})


def engine_for(spec, params, check_mode=False, retries=5):
    clock = FakeClock()
    client, session, _clock = make_client(clock=clock, retries=retries)
    engine = ResourceEngine(spec, client, dict(params), check_mode=check_mode, sleep=clock.sleep)
    return engine, session, clock


def thing_engine(check_mode=False, retries=5, **params):
    merged = dict(THING_PARAMS)
    merged.update(params)
    return engine_for(THING, merged, check_mode=check_mode, retries=retries)


# -- droplets ----------------------------------------------------------------------------------------

DROPLET_PARAMS = dict(
    state="present", id=None, name="web-1", region="nyc3", size=None, image=None, ssh_keys=None, tags=None,
    vpc_uuid=None, backups=None, ipv6=None, monitoring=None, user_data=None, with_droplet_agent=None,
    volumes=None, allow_resize_power_cycle=False, resize_disk=False, wait=True, wait_timeout=600,
)


def droplet(droplet_id=1, name="web-1", region="nyc3", size="s-1vcpu-1gb", status="active", tags=(),
            features=(), volume_ids=()):
    return {
        "id": droplet_id, "name": name, "status": status, "size_slug": size, "size": {"slug": size},
        "region": {"slug": region, "name": region.upper()},
        "image": {"id": 148000000, "slug": "ubuntu-24-04-x64"},
        "features": list(features), "tags": list(tags), "volume_ids": list(volume_ids),
        "networks": {"v4": [{"ip_address": "192.0.2.%d" % droplet_id, "type": "public"}], "v6": []}, "vpc_uuid": "vpc-1",
    }


def droplets(*items):
    return reply(200, {"droplets": list(items), "links": {}, "meta": {"total": len(items)}})


def droplet_engine(check_mode=False, retries=5, **params):
    merged = dict(DROPLET_PARAMS)
    merged.update(params)
    return engine_for(DROPLET, merged, check_mode=check_mode, retries=retries)


def serve_actions(session, actions_path="/v2/droplets/1/actions", first_id=100):
    """POST actions_path answers an in-progress action; GET /v2/actions/{id} then says completed."""
    posted = []

    def post(request):
        action_id = first_id + len(posted) + 1
        posted.append(request.json)
        session.on("GET", "/v2/actions/%d" % action_id,
                   reply(200, {"action": action(action_id, request.json["type"], "completed")}))
        return reply(201, {"action": action(action_id, request.json["type"], "in-progress")})

    session.on("POST", actions_path, post)
    return posted


# -- find ------------------------------------------------------------------------------------------


def test_find_by_identity_uses_server_side_filters_and_per_page():
    engine, session, _clock = thing_engine()
    session.on("GET", "/v2/things", things(thing(6, name="alphabet"), thing(7)))
    found = engine.find()
    assert found["id"] == 7  # the API's filter may be loose; the match is exact
    assert session.requests[0].params == {"name": "alpha", "per_page": 200}


def test_find_droplet_filters_name_on_the_server_and_region_locally():
    engine, session, _clock = droplet_engine()
    session.on("GET", "/v2/droplets", droplets(droplet(1, region="sfo3"), droplet(2, region="nyc3")))
    assert engine.find()["id"] == 2
    assert session.requests[0].params == {"name": "web-1", "per_page": 200}


def test_find_by_id_reads_the_item():
    engine, session, _clock = thing_engine(id=7, name=None)
    session.on("GET", "/v2/things/7", reply(200, {"thing": thing(7)}))
    assert engine.find()["id"] == 7
    assert session.calls == ["GET /v2/things/7"]


def test_missing_id_is_a_plan_error_not_a_create():
    engine, session, _clock = thing_engine(id=9)
    session.on("GET", "/v2/things/9", error(404, "not_found"))
    with pytest.raises(PlanError, match="does not exist"):
        engine.run()
    assert session.mutating == []


def test_missing_identity_is_a_plan_error():
    engine, session, _clock = droplet_engine(region=None)
    with pytest.raises(PlanError, match="region"):
        engine.run()
    assert session.requests == []


def test_two_matches_is_an_error_listing_both_ids():
    engine, session, _clock = droplet_engine(size="s-2vcpu-2gb")
    session.on("GET", "/v2/droplets", droplets(droplet(3164444), droplet(3164555), droplet(9, region="sfo3")))
    with pytest.raises(PlanError) as caught:
        engine.run()
    message = str(caught.value)
    assert "3164444" in message and "3164555" in message
    assert "9," not in message
    assert message.startswith("2 droplets match")
    assert session.mutating == []


# -- plan ------------------------------------------------------------------------------------------


def test_plan_compares_only_the_fields_set():
    current = thing(color="red", region="nyc3", tags=["a"], shape="round")
    engine, _session, _clock = thing_engine()
    assert engine.plan(current).action == Plan.NONE
    engine, _session, _clock = thing_engine(color="red", region="nyc3")
    assert engine.plan(current).action == Plan.NONE
    engine, _session, _clock = thing_engine(color="blue")
    plan = engine.plan(current)
    assert plan.action == Plan.UPDATE
    assert set(plan.changes) == {"color"}
    assert plan.as_dict()["changes"] == {"color": {"before": "red", "after": "blue", "via": "PUT"}}


@pytest.mark.parametrize("have, want, expected", [
    (["b", "a"], ["a", "b"], None),
    (["a"], ["a", "a"], None),
    (["a", "b"], ["a"], (["a", "b"], ["a"])),      # an extra tag on the resource is drift
    (["a"], ["a", "c"], (["a"], ["a", "c"])),
    (["a", "b"], [], (["a", "b"], [])),           # [] means none
    ([], [], None),
    (["a", "b"], None, None),                      # unset leaves them alone
])
def test_lists_compare_as_sets(have, want, expected):
    engine, _session, _clock = thing_engine(tags=want)
    plan = engine.plan(thing(tags=have))
    if expected is None:
        assert plan.action == Plan.NONE
        assert plan.changes == {}
    else:
        assert plan.action == Plan.UPDATE
        change = plan.as_dict()["changes"]["tags"]
        assert (change["before"], change["after"]) == expected
        assert change["via"] == "tags"


def test_tags_are_reconciled_through_the_tag_endpoints():
    engine, session, _clock = thing_engine(tags=["a", "c"])
    session.on("GET", "/v2/things", things(thing(tags=["a", "b"])))
    session.on("POST", "/v2/tags", reply(201, {"tag": {"name": "c"}}))
    session.on("POST", "/v2/tags/c/resources", reply(204))
    session.on("DELETE", "/v2/tags/b/resources", reply(204))
    session.on("GET", "/v2/things/7", reply(200, {"thing": thing(tags=["a", "c"])}))
    result = engine.run()
    assert result["changed"] is True
    reference = {"resources": [{"resource_id": "7", "resource_type": "thing"}]}
    assert [(r.method, r.path, r.json) for r in session.mutating] == [
        ("POST", "/v2/tags", {"name": "c"}),
        ("POST", "/v2/tags/c/resources", reference),
        ("DELETE", "/v2/tags/b/resources", reference),
    ]


def test_immutable_change_is_a_plan_error_naming_the_field():
    engine, session, _clock = thing_engine(id=7, region="sfo3", color="blue")
    session.on("GET", "/v2/things/7", reply(200, {"thing": thing(region="nyc3")}))
    with pytest.raises(PlanError) as caught:
        engine.run()
    message = str(caught.value)
    assert message.startswith("region cannot change in place")
    assert "nyc3" in message and "sfo3" in message
    assert session.mutating == []


def test_field_without_an_updater_is_a_plan_error():
    engine, session, _clock = thing_engine(shape="square")
    session.on("GET", "/v2/things", things(thing(shape="round")))
    with pytest.raises(PlanError, match="^shape cannot change in place"):
        engine.run()
    assert session.mutating == []


def test_droplet_immutable_fields():
    for option, value in (("region", "sfo3"), ("image", "debian-12-x64"), ("monitoring", True)):
        params = {"id": 1, option: value}
        engine, session, _clock = droplet_engine(**params)
        session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet()}))
        with pytest.raises(PlanError, match="^%s cannot change in place" % option):
            engine.run()
        assert session.mutating == []


def test_droplet_image_by_id_or_slug_is_no_change():
    for image in ("ubuntu-24-04-x64", "148000000"):
        engine, session, _clock = droplet_engine(image=image)
        session.on("GET", "/v2/droplets", droplets(droplet()))
        assert engine.run()["changed"] is False


def test_droplet_ipv6_cannot_be_turned_off():
    engine, session, _clock = droplet_engine(ipv6=False)
    session.on("GET", "/v2/droplets", droplets(droplet(features=["ipv6"])))
    with pytest.raises(PlanError, match="ipv6 cannot be turned off"):
        engine.run()
    assert session.mutating == []


# -- result shape and diff ----------------------------------------------------------------------------


def script_update(session):
    session.on("GET", "/v2/things", things(thing(color="red")))
    session.on("PUT", "/v2/things/7", reply(200, {"thing": thing(color="blue")}))
    session.on("GET", "/v2/things/7", reply(200, {"thing": thing(color="blue")}))


def test_result_shape():
    engine, session, _clock = thing_engine(color="blue")
    script_update(session)
    result = engine.run()
    assert set(result) == {"changed", "thing", "diff", "plan"}
    assert set(result["diff"]) == {"before", "after"}
    assert set(result["plan"]) == {"action", "resource", "identity", "id", "changes"}
    assert result["plan"] == {
        "action": "update", "resource": "thing", "identity": {"name": "alpha"}, "id": 7,
        "changes": {"color": {"before": "red", "after": "blue", "via": "PUT"}},
    }
    assert result["changed"] is True
    assert result["thing"]["color"] == "blue"
    assert [(r.method, r.path, r.json) for r in session.mutating] == [("PUT", "/v2/things/7", {"color": "blue"})]


def test_diff_of_an_update():
    engine, session, _clock = thing_engine(color="blue")
    script_update(session)
    diff = engine.run()["diff"]
    assert diff == {"before": {"name": "alpha", "color": "red", "id": 7},
                    "after": {"name": "alpha", "color": "blue", "id": 7}}


def test_diff_of_a_create_and_a_delete():
    engine, session, _clock = thing_engine(region="nyc3", color="blue")
    session.on("GET", "/v2/things", things())
    session.on("POST", "/v2/things", reply(201, {"thing": thing(color="blue")}))
    result = engine.run()
    assert result["diff"] == {"before": {}, "after": {"name": "alpha", "region": "nyc3", "color": "blue"}}
    assert result["plan"]["action"] == "create"
    assert result["plan"]["id"] is None
    assert result["thing"]["id"] == 7
    assert session.sent("POST")[0].json == {"name": "alpha", "region": "nyc3", "color": "blue"}

    engine, session, _clock = thing_engine(state="absent")
    session.on("GET", "/v2/things", things(thing()))
    session.on("DELETE", "/v2/things/7", reply(204))
    result = engine.run()
    assert result["changed"] is True
    assert result["thing"] == {}
    assert result["diff"] == {"before": {"name": "alpha", "id": 7}, "after": {}}
    assert result["plan"]["action"] == "delete"


def test_nothing_to_do():
    engine, session, _clock = thing_engine(color="red", state="present")
    session.on("GET", "/v2/things", things(thing(color="red")))
    result = engine.run()
    assert result["changed"] is False
    assert result["plan"]["action"] == "none"
    assert result["diff"]["before"] == result["diff"]["after"]
    assert session.mutating == []

    engine, session, _clock = thing_engine(state="absent")
    session.on("GET", "/v2/things", things())
    result = engine.run()
    assert result["changed"] is False
    assert result["thing"] == {}


def test_sensitive_fields_are_masked_in_plan_and_diff():
    engine, session, _clock = thing_engine(secret="new-s3cr3t")
    session.on("GET", "/v2/things", things(thing(secret="old-s3cr3t")))
    session.on("PUT", "/v2/things/7", reply(200, {}))
    session.on("GET", "/v2/things/7", reply(200, {"thing": thing(secret="new-s3cr3t")}))
    result = engine.run()
    assert result["plan"]["changes"]["secret"] == {"before": SENSITIVE, "after": SENSITIVE, "via": "PUT"}
    assert result["diff"]["before"]["secret"] == SENSITIVE
    assert result["diff"]["after"]["secret"] == SENSITIVE
    shown = json.dumps({"plan": result["plan"], "diff": result["diff"]})
    assert "s3cr3t" not in shown
    # The request itself carries the real value.
    assert session.sent("PUT")[0].json == {"secret": "new-s3cr3t"}


def test_droplet_user_data_is_masked_on_create():
    engine, session, _clock = droplet_engine(size="s-1vcpu-1gb", image="ubuntu-24-04-x64",
                                             user_data="#cloud-config\npassword: hunter2", ssh_keys=["12"])
    session.on("GET", "/v2/droplets", droplets())
    session.on("POST", "/v2/droplets", reply(202, {"droplet": droplet(status="new")}))
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(status="active")}))
    result = engine.run()
    assert result["plan"]["changes"]["user_data"] == {"before": None, "after": SENSITIVE, "via": "create"}
    assert result["diff"]["after"]["user_data"] == SENSITIVE
    assert "hunter2" not in json.dumps({"plan": result["plan"], "diff": result["diff"]})
    body = session.sent("POST", "/v2/droplets")[0].json
    assert body["user_data"] == "#cloud-config\npassword: hunter2"
    assert body["ssh_keys"] == ["12"]
    # Waited for the new droplet to become active.
    assert result["droplet"]["status"] == "active"
    assert session.calls[-1] == "GET /v2/droplets/1"


# -- check mode ------------------------------------------------------------------------------------


def _scenarios():
    def create(session):
        session.on("GET", "/v2/things", things())
        session.on("POST", "/v2/things", reply(201, {"thing": thing(color="blue", tags=["x"])}))
        session.on("POST", "/v2/tags", reply(201, {}))

    def update(session):
        session.on("GET", "/v2/things", things(thing(color="red", tags=["y"])))
        session.on("PUT", "/v2/things/7", reply(200, {}))
        session.on("POST", "/v2/tags", reply(201, {}))
        session.on("POST", "/v2/tags/x/resources", reply(204))
        session.on("DELETE", "/v2/tags/y/resources", reply(204))
        session.on("GET", "/v2/things/7", reply(200, {"thing": thing(color="blue", tags=["x"])}))

    def delete(session):
        session.on("GET", "/v2/things", things(thing()))
        session.on("DELETE", "/v2/things/7", reply(204))

    def nothing(session):
        session.on("GET", "/v2/things", things(thing(color="blue", tags=["x"])))

    present = dict(color="blue", tags=["x"], region="nyc3", secret="s3cr3t")
    return [
        pytest.param(create, present, "create", id="create"),
        pytest.param(update, dict(color="blue", tags=["x"], secret="old-s3cr3t"), "update", id="update"),
        pytest.param(delete, dict(state="absent"), "delete", id="delete"),
        pytest.param(nothing, dict(color="blue", tags=["x"]), "none", id="none"),
    ]


@pytest.mark.parametrize("script, params, expected", _scenarios())
def test_check_mode_reports_the_same_plan_and_changes_nothing(script, params, expected):
    check, check_session, _clock = thing_engine(check_mode=True, **params)
    script(check_session)
    predicted = check.run()

    real, real_session, _clock = thing_engine(**params)
    script(real_session)
    done = real.run()

    assert predicted["plan"]["action"] == expected
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert predicted["changed"] == done["changed"] == (expected != "none")
    assert check_session.mutating == []
    assert all(r.method == "GET" for r in check_session.requests)
    assert bool(real_session.mutating) == (expected != "none")


def test_check_mode_raises_the_same_plan_errors():
    engine, session, _clock = droplet_engine(check_mode=True, size="s-2vcpu-2gb")
    session.on("GET", "/v2/droplets", droplets(droplet(status="active")))
    with pytest.raises(PlanError, match="allow_resize_power_cycle"):
        engine.run()
    assert session.mutating == []


# -- POSTs whose outcome is unclear -------------------------------------------------------------------


@pytest.mark.parametrize("failure", [error(503, "server_error"), requests.ConnectionError("Connection aborted.")])
def test_safe_post_finds_the_created_resource_and_does_not_post_again(failure):
    engine, session, clock = thing_engine(region="nyc3", color="blue")
    session.on("GET", "/v2/things", things(), things(thing(color="blue")))
    session.on("POST", "/v2/things", failure, reply(201, {"thing": thing(8)}))
    result = engine.run()
    assert session.calls == ["GET /v2/things", "POST /v2/things", "GET /v2/things"]
    assert len(session.sent("POST")) == 1
    assert result["thing"]["id"] == 7
    assert result["changed"] is True


def test_safe_post_posts_again_once_when_nothing_was_created():
    engine, session, clock = thing_engine(region="nyc3", color="blue")
    session.on("GET", "/v2/things", things())
    session.on("POST", "/v2/things", error(502, "server_error"), reply(201, {"thing": thing(color="blue")}))
    result = engine.run()
    # The lookup is repeated for as long as the list may lag (LIST_LAG_SECONDS) before the POST is.
    assert session.calls == ["GET /v2/things", "POST /v2/things"] + ["GET /v2/things"] * LOOKUPS + ["POST /v2/things"]
    assert result["thing"]["id"] == 7
    assert sum(clock.sleeps[:LOOKUPS - 1]) == LIST_LAG_SECONDS
    posts = session.sent("POST")
    assert posts[0].json == posts[1].json


def test_a_lost_post_whose_resource_the_list_shows_only_later_is_not_posted_again():
    engine, session, clock = thing_engine(region="nyc3", color="blue")
    session.on("GET", "/v2/things", things(), things(), things(), things(thing(color="blue")))
    session.on("POST", "/v2/things", requests.ConnectionError("Connection aborted."))
    result = engine.run()
    assert len(session.sent("POST")) == 1
    assert session.calls == ["GET /v2/things", "POST /v2/things"] + ["GET /v2/things"] * 3
    assert result["thing"]["id"] == 7


def test_safe_post_gives_up_after_the_retries():
    engine, session, clock = thing_engine(retries=1, region="nyc3")
    session.on("GET", "/v2/things", things())
    session.on("POST", "/v2/things", error(503, "server_error"))
    with pytest.raises(UncertainOutcomeError):
        engine.run()
    assert len(session.sent("POST")) == 2
    assert len(session.sent("GET")) == 1 + 2 * LOOKUPS


def test_run_action_resolves_an_unclear_post_through_the_action_list():
    engine, session, clock = droplet_engine()
    current = droplet()
    session.on("POST", "/v2/droplets/1/actions", requests.ConnectionError("Connection aborted."),
               reply(201, {"action": action(999, "power_off", "in-progress")}))
    session.on("GET", "/v2/droplets/1/actions", reply(200, {"actions": [
        action(5, "power_off", "completed", started_at=now_iso(-3600)),
        action(6, "power_on", "completed"),
        action(7, "power_off", "in-progress"),
    ], "links": {}}))
    session.on("GET", "/v2/actions/7", reply(200, {"action": action(7, "power_off", "completed")}))
    final = engine.run_action(current, {"type": "power_off"})
    assert final["id"] == 7
    assert final["status"] == "completed"
    assert session.calls == ["POST /v2/droplets/1/actions", "GET /v2/droplets/1/actions", "GET /v2/actions/7"]
    assert session.requests[1].params == {"per_page": 200}


def test_run_action_posts_again_when_the_action_list_has_nothing_recent():
    engine, session, clock = droplet_engine()
    session.on("POST", "/v2/droplets/1/actions", error(500, "server_error"),
               reply(201, {"action": action(8, "power_off", "completed")}))
    session.on("GET", "/v2/droplets/1/actions", reply(200, {"actions": [
        action(5, "power_off", "completed", started_at=now_iso(-3600)),
        action(6, "reboot", "completed"),
    ]}))
    final = engine.run_action(droplet(), {"type": "power_off"})
    assert final["id"] == 8
    assert session.calls == ["POST /v2/droplets/1/actions"] + ["GET /v2/droplets/1/actions"] * LOOKUPS + [
        "POST /v2/droplets/1/actions"]


def test_an_action_refused_while_the_droplet_has_a_pending_event_is_sent_again_until_accepted():
    engine, session, clock = droplet_engine()
    busy = error(422, "unprocessable_entity", "Droplet already has a pending event.")
    session.on("POST", "/v2/droplets/1/actions", busy, busy, reply(201, {"action": action(8, "reboot", "completed")}))
    assert engine.run_action(droplet(), {"type": "reboot"})["id"] == 8
    assert len(session.sent("POST")) == 3
    assert clock.sleeps == [1.0, 1.5]


def test_a_reserved_ip_action_whose_answer_was_lost_is_found_as_assign_ip():
    engine, session, clock = droplet_engine()
    path = "/v2/reserved_ips/192.0.2.7/actions"
    session.on("POST", path, requests.ConnectionError("Connection aborted."))
    session.on("GET", path, reply(200, {"actions": [action(9, "assign_ip", "completed", resource_type="reserved_ip")]}))
    assert engine.run_action(WEB_1, {"type": "assign", "droplet_id": 1}, path=path)["id"] == 9
    assert len(session.sent("POST")) == 1


# -- droplet resize ---------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["present", "active"])
def test_resize_of_a_running_droplet_needs_permission(state):
    engine, session, _clock = droplet_engine(state=state, size="s-2vcpu-2gb")
    session.on("GET", "/v2/droplets", droplets(droplet(status="active", size="s-1vcpu-1gb")))
    with pytest.raises(PlanError) as caught:
        engine.run()
    message = str(caught.value)
    assert "allow_resize_power_cycle" in message
    assert "s-1vcpu-1gb" in message and "s-2vcpu-2gb" in message
    assert session.mutating == []


def test_resize_with_power_cycle_powers_off_resizes_and_powers_on_in_order():
    engine, session, _clock = droplet_engine(size="s-2vcpu-2gb", allow_resize_power_cycle=True)
    session.on("GET", "/v2/droplets", droplets(droplet(status="active", size="s-1vcpu-1gb")))
    posted = serve_actions(session)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(status="active", size="s-2vcpu-2gb")}))
    result = engine.run()
    assert posted == [{"type": "power_off"}, {"type": "resize", "size": "s-2vcpu-2gb", "disk": False},
                      {"type": "power_on"}]
    # Each action is awaited before the next one is sent.
    assert session.calls == [
        "GET /v2/droplets",
        "POST /v2/droplets/1/actions", "GET /v2/actions/101",
        "POST /v2/droplets/1/actions", "GET /v2/actions/102",
        "POST /v2/droplets/1/actions", "GET /v2/actions/103",
        "GET /v2/droplets/1",
    ]
    assert result["plan"]["changes"] == {
        "size": {"before": "s-1vcpu-1gb", "after": "s-2vcpu-2gb", "via": "action:resize"}}
    assert result["droplet"]["size_slug"] == "s-2vcpu-2gb"


def test_resize_to_off_does_not_power_back_on():
    engine, session, _clock = droplet_engine(state="off", size="s-2vcpu-2gb", resize_disk=True)
    session.on("GET", "/v2/droplets", droplets(droplet(status="active")))
    posted = serve_actions(session)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(status="off", size="s-2vcpu-2gb")}))
    result = engine.run()
    assert posted == [{"type": "power_off"}, {"type": "resize", "size": "s-2vcpu-2gb", "disk": True}]
    assert set(result["plan"]["changes"]) == {"size", "power"}


def test_resize_of_a_droplet_that_is_off_needs_no_power_action():
    engine, session, _clock = droplet_engine(size="s-2vcpu-2gb")
    session.on("GET", "/v2/droplets", droplets(droplet(status="off")))
    posted = serve_actions(session)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(status="off", size="s-2vcpu-2gb")}))
    engine.run()
    assert posted == [{"type": "resize", "size": "s-2vcpu-2gb", "disk": False}]


def test_droplet_delete_waits_until_gone():
    engine, session, clock = droplet_engine(state="absent")
    session.on("GET", "/v2/droplets", droplets(droplet()))
    session.on("DELETE", "/v2/droplets/1", reply(204))
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet()}), error(404, "not_found"))
    result = engine.run()
    assert result["changed"] is True
    assert result["droplet"] == {}
    assert session.calls == ["GET /v2/droplets", "DELETE /v2/droplets/1", "GET /v2/droplets/1",
                             "GET /v2/droplets/1"]
    assert clock.sleeps == [1.0]


def test_fields_sharing_an_updater_change_with_one_request():
    engine, session, _clock = thing_engine(color="blue", secret="new")
    session.on("GET", "/v2/things", things(thing(color="red", secret="old")))
    session.on("PUT", "/v2/things/7", reply(200, {}))
    session.on("GET", "/v2/things/7", reply(200, {"thing": thing(color="blue", secret="new")}))
    engine.run()
    assert [(r.method, r.json) for r in session.mutating] == [("PUT", {"color": "blue", "secret": "new"})]


@pytest.mark.parametrize("check_mode", [False, True])
def test_droplet_create_without_required_fields_fails_the_same_in_check_mode(check_mode):
    engine, session, _clock = droplet_engine(check_mode=check_mode, size="s-1vcpu-1gb")
    session.on("GET", "/v2/droplets", droplets())
    with pytest.raises(PlanError, match="^image is required to create droplet web-1"):
        engine.run()
    assert session.mutating == []


# -- actions under faults ------------------------------------------------------------------------------

WEB_1 = {"id": 1, "name": "web-1", "region": {"slug": "nyc3"}, "status": "active"}


def test_a_volume_action_whose_answer_was_lost_is_found_by_its_listed_type():
    # POST .../actions {"type": "attach"} is listed by the API as type attach_volume.
    engine, session, _clock = droplet_engine()
    path = "/v2/volumes/vol-1/actions"
    session.on("POST", path, requests.ConnectionError("Connection aborted."))
    session.on("GET", path, reply(200, {"actions": [action(7, "attach_volume", "completed", resource_type="volume")],
                                        "links": {}}))
    found = engine.run_action(WEB_1, {"type": "attach", "droplet_id": 1, "region": "nyc3"}, path=path)
    assert found["id"] == 7
    assert len(session.sent("POST")) == 1


def test_an_errored_action_names_the_resource_it_ran_on():
    engine, session, _clock = droplet_engine()
    session.on("POST", "/v2/droplets/1/actions", reply(201, {"action": action(9, "resize", "errored")}))
    with pytest.raises(ActionFailed) as caught:
        engine.run_action(WEB_1, {"type": "resize", "size": "s-2vcpu-2gb"})
    message = str(caught.value)
    assert message.startswith("droplet web-1 (id 1): ")
    assert "action 9 (resize)" in message and "errored" in message
    assert caught.value.details["action"]["status"] == "errored"


# -- replacement -------------------------------------------------------------------------------------


def gadget_spec(check=None):
    return ResourceSpec(
        kind="gadget", api=Api("/v2/gadgets", "gadget"), lookup=Lookup(filters={"name": "name"}),
        fields={"color": Field(update=Put()), "shape": Field(replace=True)},
        create=Create(fields=("name", "shape", "color")), replace=Replace("force_replace", check=check))


GADGET_PARAMS = dict(state="present", id=None, name="g", shape=None, color=None, force_replace=False, wait=True,
                     wait_timeout=60)
OLD = {"id": 1, "name": "g", "shape": "round", "color": "red"}
NEW = {"id": 2, "name": "g", "shape": "square", "color": "blue"}


def gadgets(*items):
    return reply(200, {"gadgets": list(items), "links": {}, "meta": {"total": len(items)}})


def test_replaceable_change_without_the_option_is_a_plan_error_naming_field_and_option():
    engine, session, _clock = engine_for(gadget_spec(), dict(GADGET_PARAMS, shape="square"))
    session.on("GET", "/v2/gadgets", gadgets(OLD))
    with pytest.raises(PlanError) as caught:
        engine.run()
    assert str(caught.value).startswith("shape cannot change in place on gadget g (id 1)")
    assert "force_replace: true" in str(caught.value)
    assert session.mutating == []


def test_check_mode_reports_replace_with_every_change_via_replace():
    params = dict(GADGET_PARAMS, shape="square", color="blue", force_replace=True)
    engine, session, _clock = engine_for(gadget_spec(), params, check_mode=True)
    session.on("GET", "/v2/gadgets", gadgets(OLD))
    result = engine.run()
    assert result["plan"]["action"] == Plan.REPLACE and result["plan"]["id"] == 1
    assert result["plan"]["changes"] == {
        "shape": {"before": "round", "after": "square", "via": "replace"},
        "color": {"before": "red", "after": "blue", "via": "replace"}}
    assert result["diff"]["after"]["id"] is None
    assert session.mutating == []


def test_replace_deletes_the_old_resource_first():
    engine, session, _clock = engine_for(gadget_spec(), dict(GADGET_PARAMS, shape="square", color="blue",
                                                             force_replace=True))
    session.on("GET", "/v2/gadgets", gadgets(OLD))
    session.on("POST", "/v2/gadgets", reply(201, {"gadget": NEW}))
    session.on("DELETE", "/v2/gadgets/1", reply(204))
    result = engine.run()
    assert [c for c in session.calls if not c.startswith("GET")] == ["DELETE /v2/gadgets/1", "POST /v2/gadgets"]
    assert result["gadget"]["id"] == 2 and result["diff"]["after"]["id"] == 2
    assert session.sent("POST")[0].json == {"name": "g", "shape": "square", "color": "blue"}


def test_replace_check_stops_the_replacement_before_any_change():
    def refuse(engine, current, plan):
        raise PlanError("gadget %s is in use" % current["id"])

    engine, session, _clock = engine_for(gadget_spec(check=refuse), dict(GADGET_PARAMS, shape="square", force_replace=True))
    session.on("GET", "/v2/gadgets", gadgets(OLD))
    with pytest.raises(PlanError, match="gadget 1 is in use"):
        engine.run()
    assert session.mutating == []


def test_a_parent_given_by_name_matches_the_fields_its_lookup_names():
    """A parent whose human name is not "name" (a functions namespace's label) is found by it, and
    only by it."""
    from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Parent

    group = ResourceSpec(kind="group", api=Api("/v2/groups", "group"), lookup=Lookup(names=("label",)))
    member = ResourceSpec(kind="member", api=Api("/v2/groups/{parent}/members", "member"),
                          parent=Parent(group, "group", "group"))
    listed = reply(200, {"groups": [{"id": "g-1", "label": "blue"}, {"id": "g-2", "label": "green", "name": "blue"}]})
    for wanted, found in (("blue", "g-1"), ("green", "g-2")):
        engine, session, _clock = engine_for(member, {"group": wanted, "name": "m", "state": "present"})
        session.on("GET", "/v2/groups", listed)
        assert engine.resolve_parent()["id"] == found
