# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The volume declaration (specs/volume.py) through the engine: found by name and region (filtered by
the API), grown through the resize action (never shrunk), attached and detached through awaited
actions, detached before it is deleted."""

from __future__ import annotations

import pytest

from fakes import check_then_run, listing, module_engine, reply, serve_actions, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.volume import VOLUME

VOLUME_ID = "506f78a4-e098-11e5-ad9f-000f53306ae1"
VOLUME_PATH = "/v2/volumes/" + VOLUME_ID
ACTIONS_PATH = VOLUME_PATH + "/actions"


def volume(size=100, droplet_ids=(), tags=(), description="", region="nyc3"):
    return {"id": VOLUME_ID, "name": "data-1", "region": {"slug": region, "name": region.upper()},
            "size_gigabytes": size, "description": description, "droplet_ids": list(droplet_ids),
            "tags": list(tags), "filesystem_type": "ext4", "filesystem_label": "data",
            "created_at": "2024-01-01T00:00:00Z"}


def task(check_mode=False, **options):
    options.setdefault("name", "data-1")
    options.setdefault("region", "nyc3")
    return module_engine(VOLUME, "volume", check_mode=check_mode, **options)


def test_create_posts_the_fields_then_attaches_and_awaits_the_action():
    engine, session, clock = task(size_gigabytes=100, filesystem_type="ext4", filesystem_label="data", tags=["db"],
                                  droplet_id=3164444)
    session.on("GET", "/v2/volumes", listing("volumes"))
    session.on("POST", "/v2/volumes", reply(201, {"volume": volume(tags=["db"])}))
    posted = serve_actions(session, ACTIONS_PATH, resource_type="volume")
    session.on("GET", VOLUME_PATH, reply(200, {"volume": volume(tags=["db"], droplet_ids=[3164444])}))
    result = engine.run()
    assert session.calls == ["GET /v2/volumes", "POST /v2/volumes", "POST " + ACTIONS_PATH, "GET /v2/actions/101",
                             "GET " + VOLUME_PATH]
    assert session.requests[0].params == {"name": "data-1", "region": "nyc3", "per_page": 200}
    assert session.sent("POST", "/v2/volumes")[0].json == {
        "name": "data-1", "region": "nyc3", "size_gigabytes": 100, "filesystem_type": "ext4",
        "filesystem_label": "data", "tags": ["db"]}
    assert posted == [{"type": "attach", "droplet_id": 3164444, "region": "nyc3"}]
    assert clock.sleeps == [1.0]
    assert result["plan"]["action"] == "create"
    assert result["plan"]["changes"]["droplet_id"] == {"before": None, "after": 3164444, "via": "create"}
    assert result["volume"]["droplet_ids"] == [3164444]


def test_create_from_a_snapshot_needs_no_size():
    engine, session, _clock = task(snapshot_id="snap-1")
    session.on("GET", "/v2/volumes", listing("volumes"))
    session.on("POST", "/v2/volumes", reply(201, {"volume": volume()}))
    engine.run()
    assert writes(session) == [("POST", "/v2/volumes", {"name": "data-1", "region": "nyc3", "snapshot_id": "snap-1"})]


@pytest.mark.parametrize("check_mode", [False, True])
def test_create_without_size_or_snapshot_fails_before_any_change(check_mode):
    engine, session, _clock = task(check_mode=check_mode)
    session.on("GET", "/v2/volumes", listing("volumes"))
    with pytest.raises(PlanError, match="^size_gigabytes is required to create volume data-1"):
        engine.run()
    assert session.mutating == []


def test_rerun_is_a_no_op_with_one_filtered_list():
    engine, session, _clock = task(size_gigabytes=100, filesystem_type="ext4", filesystem_label="data", tags=["db"],
                                   droplet_id=3164444, snapshot_id="snap-1", description="")
    session.on("GET", "/v2/volumes", listing("volumes", volume(tags=["db"], droplet_ids=[3164444])))
    result = engine.run()
    assert session.calls == ["GET /v2/volumes"]
    assert result["changed"] is False
    assert result["plan"] == {"action": "none", "resource": "volume", "identity": {"name": "data-1", "region": "nyc3"},
                              "id": VOLUME_ID, "changes": {}}


def test_grow_is_the_resize_action_with_the_region():
    engine, session, _clock = task(size_gigabytes=200)
    session.on("GET", "/v2/volumes", listing("volumes", volume(size=100)))
    posted = serve_actions(session, ACTIONS_PATH, resource_type="volume")
    session.on("GET", VOLUME_PATH, reply(200, {"volume": volume(size=200)}))
    result = engine.run()
    assert posted == [{"type": "resize", "size_gigabytes": 200, "region": "nyc3"}]
    assert result["plan"]["changes"] == {"size_gigabytes": {"before": 100, "after": 200, "via": "action:resize"}}
    assert result["diff"]["after"]["size_gigabytes"] == 200
    assert result["volume"]["size_gigabytes"] == 200


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_volume_cannot_shrink(check_mode):
    engine, session, _clock = task(check_mode=check_mode, size_gigabytes=50)
    session.on("GET", "/v2/volumes", listing("volumes", volume(size=100)))
    with pytest.raises(PlanError, match="^size_gigabytes of volume data-1 \\(id %s\\) cannot shrink from 100 to 50"
                                        % VOLUME_ID):
        engine.run()
    assert session.mutating == []


def test_moving_to_another_droplet_detaches_first_then_attaches():
    engine, session, _clock = task(droplet_id=2)
    session.on("GET", "/v2/volumes", listing("volumes", volume(droplet_ids=[1])))
    posted = serve_actions(session, ACTIONS_PATH, resource_type="volume")
    session.on("GET", VOLUME_PATH, reply(200, {"volume": volume(droplet_ids=[2])}))
    result = engine.run()
    assert posted == [{"type": "detach", "droplet_id": 1, "region": "nyc3"},
                      {"type": "attach", "droplet_id": 2, "region": "nyc3"}]
    assert result["plan"]["changes"] == {"droplet_id": {"before": 1, "after": 2, "via": "action:attach|detach"}}


def test_droplet_id_zero_detaches():
    engine, session, _clock = task(droplet_id=0)
    session.on("GET", "/v2/volumes", listing("volumes", volume(droplet_ids=[1])))
    posted = serve_actions(session, ACTIONS_PATH, resource_type="volume")
    session.on("GET", VOLUME_PATH, reply(200, {"volume": volume()}))
    result = engine.run()
    assert posted == [{"type": "detach", "droplet_id": 1, "region": "nyc3"}]
    assert result["plan"]["changes"]["droplet_id"] == {"before": 1, "after": 0, "via": "action:attach|detach"}


def test_tags_are_reconciled_through_the_tag_endpoints():
    engine, session, _clock = task(tags=["db", "prod"])
    session.on("GET", "/v2/volumes", listing("volumes", volume(tags=["db", "old"])))
    session.on("POST", "/v2/tags", reply(201, {"tag": {"name": "prod"}}))
    session.on("POST", "/v2/tags/prod/resources", reply(204))
    session.on("DELETE", "/v2/tags/old/resources", reply(204))
    session.on("GET", VOLUME_PATH, reply(200, {"volume": volume(tags=["db", "prod"])}))
    result = engine.run()
    reference = {"resources": [{"resource_id": VOLUME_ID, "resource_type": "volume"}]}
    assert writes(session) == [("POST", "/v2/tags", {"name": "prod"}), ("POST", "/v2/tags/prod/resources", reference),
                               ("DELETE", "/v2/tags/old/resources", reference)]
    assert result["plan"]["changes"] == {"tags": {"before": ["db", "old"], "after": ["db", "prod"], "via": "tags"}}


@pytest.mark.parametrize("option, value", [("description", "new text"), ("filesystem_type", "xfs"),
                                           ("filesystem_label", "other")])
def test_fields_set_at_creation_never_change_in_place(option, value):
    engine, session, _clock = task(**{option: value})
    session.on("GET", "/v2/volumes", listing("volumes", volume()))
    with pytest.raises(PlanError, match="^%s cannot change in place on volume data-1" % option):
        engine.run()
    assert session.mutating == []


def test_delete_detaches_first():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/volumes", listing("volumes", volume(droplet_ids=[3164444])))
    posted = serve_actions(session, ACTIONS_PATH, resource_type="volume")
    session.on("DELETE", VOLUME_PATH, reply(204))
    result = engine.run()
    assert posted == [{"type": "detach", "droplet_id": 3164444, "region": "nyc3"}]
    assert session.calls == ["GET /v2/volumes", "POST " + ACTIONS_PATH, "GET /v2/actions/101", "DELETE " + VOLUME_PATH]
    assert result["plan"]["action"] == "delete" and result["volume"] == {}


def test_delete_awaits_the_detach_even_without_wait():
    engine, session, _clock = task(state="absent", wait=False)
    session.on("GET", "/v2/volumes", listing("volumes", volume(droplet_ids=[3164444])))
    serve_actions(session, ACTIONS_PATH, resource_type="volume")
    session.on("DELETE", VOLUME_PATH, reply(204))
    engine.run()
    assert session.calls == ["GET /v2/volumes", "POST " + ACTIONS_PATH, "GET /v2/actions/101", "DELETE " + VOLUME_PATH]


def test_delete_of_a_detached_volume_is_one_delete():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/volumes", listing("volumes", volume()))
    session.on("DELETE", VOLUME_PATH, reply(204))
    engine.run()
    assert writes(session) == [("DELETE", VOLUME_PATH, None)]


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/volumes", listing("volumes", volume(region="sfo3")))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False and result["plan"]["action"] == "none"


@pytest.mark.parametrize("options, message", [
    (dict(size_gigabytes=0), "^size_gigabytes must be a positive number"),
    (dict(droplet_id=-1), "^droplet_id must be a droplet id, or 0 to detach"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _missing(session):
    session.on("GET", "/v2/volumes", listing("volumes"))
    session.on("POST", "/v2/volumes", reply(201, {"volume": volume()}))
    serve_actions(session, ACTIONS_PATH, resource_type="volume")
    session.on("GET", VOLUME_PATH, reply(200, {"volume": volume(size=200, droplet_ids=[7])}))


def _existing(session):
    session.on("GET", "/v2/volumes", listing("volumes", volume(droplet_ids=[5])))
    serve_actions(session, ACTIONS_PATH, resource_type="volume")
    session.on("GET", VOLUME_PATH, reply(200, {"volume": volume(size=200, droplet_ids=[7])}))
    session.on("DELETE", VOLUME_PATH, reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(size_gigabytes=100, droplet_id=7), "create"),
    (_existing, dict(size_gigabytes=200, droplet_id=7), "update"),
    (_existing, dict(size_gigabytes=100, droplet_id=5), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(VOLUME, "volume", script, name="data-1",
                                                                  region="nyc3", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
