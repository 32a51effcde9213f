# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The snapshot declaration (specs/snapshot.py) through the engine: identified by name and the resource
it was taken of; a droplet snapshot is the awaited snapshot action, then found by name; a volume
snapshot is a POST under its volume; tags are reconciled afterwards; both are deleted through
/v2/snapshots."""

from __future__ import annotations

import pytest

from fakes import check_then_run, listing, module_engine, reply, serve_actions, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.snapshot import SNAPSHOT

DROPLET_ACTIONS = "/v2/droplets/3164444/actions"
VOLUME_ID = "506f78a4-e098-11e5-ad9f-000f53306ae1"
VOLUME_SNAPSHOTS = "/v2/volumes/%s/snapshots" % VOLUME_ID


def snapshot(snapshot_id="6372321", name="web-1-before-upgrade", resource_type="droplet", resource_id="3164444",
             tags=()):
    return {"id": snapshot_id, "name": name, "resource_type": resource_type, "resource_id": resource_id,
            "regions": ["nyc3"], "min_disk_size": 25, "size_gigabytes": 2.34, "tags": list(tags),
            "created_at": "2024-01-01T00:00:00Z"}


def task(check_mode=False, **options):
    options.setdefault("name", "web-1-before-upgrade")
    options.setdefault("resource_type", "droplet")
    options.setdefault("resource_id", "3164444")
    return module_engine(SNAPSHOT, "snapshot", check_mode=check_mode, **options)


def test_droplet_snapshot_is_the_snapshot_action_then_found_by_name_then_tagged():
    engine, session, _clock = task(tags=["backup"])
    session.on("GET", "/v2/snapshots", listing("snapshots", snapshot(name="older")),
               listing("snapshots", snapshot(name="older", snapshot_id="1"), snapshot()))
    posted = serve_actions(session, DROPLET_ACTIONS)
    session.on("POST", "/v2/tags", reply(201, {"tag": {"name": "backup"}}))
    session.on("POST", "/v2/tags/backup/resources", reply(204))
    session.on("GET", "/v2/snapshots/6372321", reply(200, {"snapshot": snapshot(tags=["backup"])}))
    result = engine.run()
    assert session.calls == [
        "GET /v2/snapshots", "POST " + DROPLET_ACTIONS, "GET /v2/actions/101", "GET /v2/snapshots",
        "POST /v2/tags", "POST /v2/tags/backup/resources", "GET /v2/snapshots/6372321"]
    assert session.requests[0].params == {"resource_type": "droplet", "per_page": 200}
    assert posted == [{"type": "snapshot", "name": "web-1-before-upgrade"}]
    reference = {"resources": [{"resource_id": "6372321", "resource_type": "image"}]}
    assert writes(session)[1:] == [("POST", "/v2/tags", {"name": "backup"}),
                                   ("POST", "/v2/tags/backup/resources", reference)]
    assert result["plan"]["action"] == "create"
    assert result["plan"]["identity"] == {"name": "web-1-before-upgrade", "resource_type": "droplet",
                                          "resource_id": "3164444"}
    assert result["snapshot"]["id"] == "6372321" and result["snapshot"]["tags"] == ["backup"]


def test_a_droplet_snapshot_that_cannot_be_found_after_its_action_is_an_error():
    engine, session, _clock = task()
    session.on("GET", "/v2/snapshots", listing("snapshots"))
    serve_actions(session, DROPLET_ACTIONS)
    with pytest.raises(PlanError, match="^the snapshot action 101 on droplet 3164444 completed, but no snapshot "
                                        "named web-1-before-upgrade was found"):
        engine.run()


def test_droplet_snapshot_without_wait_does_not_look_for_it():
    engine, session, _clock = task(wait=False, tags=["backup"])
    session.on("GET", "/v2/snapshots", listing("snapshots"))
    serve_actions(session, DROPLET_ACTIONS)
    result = engine.run()
    assert session.calls == ["GET /v2/snapshots", "POST " + DROPLET_ACTIONS]
    assert result["snapshot"]["name"] == "web-1-before-upgrade"
    assert result["snapshot"]["action"]["status"] == "in-progress"


def test_volume_snapshot_is_posted_under_the_volume_with_its_tags():
    engine, session, _clock = task(resource_type="volume", resource_id=VOLUME_ID, name="data-nightly", tags=["backup"])
    session.on("GET", VOLUME_SNAPSHOTS, listing("snapshots"))
    created = snapshot(name="data-nightly", resource_type="volume", resource_id=VOLUME_ID, tags=["backup"])
    session.on("POST", VOLUME_SNAPSHOTS, reply(201, {"snapshot": created}))
    result = engine.run()
    assert session.calls == ["GET " + VOLUME_SNAPSHOTS, "POST " + VOLUME_SNAPSHOTS]
    assert writes(session) == [("POST", VOLUME_SNAPSHOTS, {"name": "data-nightly", "tags": ["backup"]})]
    assert result["snapshot"] == created


def test_rerun_is_a_no_op_with_one_list():
    engine, session, _clock = task(tags=["backup"])
    session.on("GET", "/v2/snapshots", listing("snapshots", snapshot(tags=["backup"])))
    result = engine.run()
    assert session.calls == ["GET /v2/snapshots"]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["id"] == "6372321"


def test_tags_of_a_volume_snapshot_change_as_volume_snapshot_resources():
    engine, session, _clock = task(resource_type="volume", resource_id=VOLUME_ID, tags=["keep"])
    session.on("GET", VOLUME_SNAPSHOTS, listing("snapshots", snapshot(resource_type="volume", resource_id=VOLUME_ID,
                                                                      tags=["backup"])))
    session.on("POST", "/v2/tags", reply(201, {}))
    session.on("POST", "/v2/tags/keep/resources", reply(204))
    session.on("DELETE", "/v2/tags/backup/resources", reply(204))
    session.on("GET", "/v2/snapshots/6372321", reply(200, {"snapshot": snapshot(tags=["keep"])}))
    result = engine.run()
    reference = {"resources": [{"resource_id": "6372321", "resource_type": "volume_snapshot"}]}
    assert writes(session) == [("POST", "/v2/tags", {"name": "keep"}), ("POST", "/v2/tags/keep/resources", reference),
                               ("DELETE", "/v2/tags/backup/resources", reference)]
    assert result["plan"]["changes"] == {"tags": {"before": ["backup"], "after": ["keep"], "via": "tags"}}


def test_delete_goes_through_v2_snapshots():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/snapshots", listing("snapshots", snapshot()))
    session.on("DELETE", "/v2/snapshots/6372321", reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", "/v2/snapshots/6372321", None)]
    assert result["plan"]["action"] == "delete" and result["snapshot"] == {}


def test_delete_by_id():
    engine, session, _clock = task(id="6372321", name=None, resource_type=None, resource_id=None, state="absent")
    session.on("GET", "/v2/snapshots/6372321", reply(200, {"snapshot": snapshot()}))
    session.on("DELETE", "/v2/snapshots/6372321", reply(204))
    engine.run()
    assert session.calls == ["GET /v2/snapshots/6372321", "DELETE /v2/snapshots/6372321"]


def test_absent_when_missing_is_a_no_op():
    # A snapshot of the same name taken of another droplet is another snapshot.
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/snapshots", listing("snapshots", snapshot(resource_id="999")))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


def test_snapshots_of_a_volume_that_is_gone_are_listed_from_v2_snapshots():
    engine, session, _clock = task(resource_type="volume", resource_id=VOLUME_ID, state="absent")
    session.on("GET", VOLUME_SNAPSHOTS, reply(404, {"id": "not_found", "message": "volume not found"}))
    session.on("GET", "/v2/snapshots", listing("snapshots", snapshot(resource_type="volume", resource_id=VOLUME_ID)))
    session.on("DELETE", "/v2/snapshots/6372321", reply(204))
    engine.run()
    assert session.calls == ["GET " + VOLUME_SNAPSHOTS, "GET /v2/snapshots", "DELETE /v2/snapshots/6372321"]
    assert session.requests[1].params == {"resource_type": "volume", "per_page": 200}


@pytest.mark.parametrize("options, message", [
    (dict(resource_id="web-1"), "^resource_id of a droplet is its numeric id"),
    (dict(resource_id="  "), "^resource_id must not be empty"),
    (dict(resource_type=None), "^resource_type is required with resource_id"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _missing(session):
    session.on("GET", "/v2/snapshots", listing("snapshots"), listing("snapshots", snapshot()))
    serve_actions(session, DROPLET_ACTIONS)
    session.on("POST", "/v2/tags", reply(201, {}))
    session.on("POST", "/v2/tags/backup/resources", reply(204))
    session.on("GET", "/v2/snapshots/6372321", reply(200, {"snapshot": snapshot(tags=["backup"])}))


def _existing(session):
    session.on("GET", "/v2/snapshots", listing("snapshots", snapshot()))
    session.on("POST", "/v2/tags", reply(201, {}))
    session.on("POST", "/v2/tags/backup/resources", reply(204))
    session.on("GET", "/v2/snapshots/6372321", reply(200, {"snapshot": snapshot(tags=["backup"])}))
    session.on("DELETE", "/v2/snapshots/6372321", reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(tags=["backup"]), "create"),
    (_existing, dict(tags=["backup"]), "update"),
    (_existing, dict(tags=[]), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(
        SNAPSHOT, "snapshot", script, name="web-1-before-upgrade", resource_type="droplet", resource_id="3164444",
        **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
