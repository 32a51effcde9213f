# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The droplet_action declaration (specs/droplet_action.py) through the engine: an action created under
its droplet (found by id or by name), awaited, always a change; check mode plans it and sends nothing;
a snapshot's image is found once it completed; the options each type needs and takes."""

from __future__ import annotations

import pytest

from fakes import action, error, listing, module_engine, reply, serve_actions, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import KNOWN_AFTER_APPLY, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet_action import DROPLET_ACTION
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import ActionFailed

ACTIONS_PATH = "/v2/droplets/7/actions"


def droplet(droplet_id=7, name="web-1"):
    return {"id": droplet_id, "name": name, "status": "active", "locked": False, "region": {"slug": "nyc3"}}


def task(check_mode=False, **options):
    options.setdefault("droplet_name", "web-1")
    return module_engine(DROPLET_ACTION, "droplet_action", check_mode=check_mode, **options)


def by_name(session, *droplets):
    session.on("GET", "/v2/droplets", listing("droplets", *(droplets or (droplet(), droplet(8, "db-1")))))


def test_a_reboot_is_started_awaited_and_reported_as_a_change_every_time():
    for _run in range(2):
        engine, session, clock = task(type="reboot")
        by_name(session)
        posted = serve_actions(session, ACTIONS_PATH)
        result = engine.run()
        assert posted == [{"type": "reboot"}]
        assert session.calls == ["GET /v2/droplets", "POST " + ACTIONS_PATH, "GET /v2/actions/101"]
        assert result["changed"] is True and result["plan"]["action"] == "create"
        assert result["droplet_action"]["status"] == "completed" and result["droplet_action"]["type"] == "reboot"
        assert result["droplet_id"] == 7
        assert clock.sleeps == [1.0]


def test_check_mode_plans_the_action_and_sends_nothing():
    engine, session, _clock = task(check_mode=True, type="resize", size="s-2vcpu-2gb", disk=True)
    by_name(session)
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is True
    assert result["plan"]["changes"] == {
        "droplet_name": {"before": None, "after": "web-1", "via": "create"},
        "type": {"before": None, "after": "resize", "via": "create"},
        "size": {"before": None, "after": "s-2vcpu-2gb", "via": "create"},
        "disk": {"before": None, "after": True, "via": "create"}}
    assert result["droplet_action"] == {"type": "resize", "size": "s-2vcpu-2gb", "disk": True,
                                        "id": KNOWN_AFTER_APPLY}


def test_a_snapshot_is_named_awaited_and_returned():
    engine, session, _clock = task(droplet_name=None, droplet_id=7, type="snapshot", name="before-upgrade")
    session.on("GET", "/v2/droplets/7", reply(200, {"droplet": droplet()}))
    posted = serve_actions(session, ACTIONS_PATH)
    snapshots = [{"id": 11, "name": "before-upgrade", "type": "snapshot"}, {"id": 12, "name": "other"},
                 {"id": 13, "name": "before-upgrade", "type": "snapshot"}]
    session.on("GET", "/v2/droplets/7/snapshots", listing("snapshots", *snapshots))
    result = engine.run()
    assert posted == [{"type": "snapshot", "name": "before-upgrade"}]
    assert result["snapshot"]["id"] == 13
    assert session.calls[-1] == "GET /v2/droplets/7/snapshots"


def test_without_wait_the_action_is_only_started():
    engine, session, clock = task(type="snapshot", name="quick", wait=False)
    by_name(session)
    serve_actions(session, ACTIONS_PATH)
    result = engine.run()
    assert session.calls == ["GET /v2/droplets", "POST " + ACTIONS_PATH]
    assert result["droplet_action"]["status"] == "in-progress" and "snapshot" not in result
    assert clock.sleeps == []


def test_bodies_in_the_api_s_shapes():
    cases = [
        (dict(type="rebuild", image="148000222"), {"type": "rebuild", "image": 148000222}),
        (dict(type="rebuild", image="ubuntu-24-04-x64"), {"type": "rebuild", "image": "ubuntu-24-04-x64"}),
        (dict(type="restore", image="210000001"), {"type": "restore", "image": 210000001}),
        (dict(type="change_backup_policy", backup_policy={"plan": "daily", "hour": 4}),
         {"type": "change_backup_policy", "backup_policy": {"plan": "daily", "hour": 4}}),
        (dict(type="change_kernel", kernel=991), {"type": "change_kernel", "kernel": 991}),
        (dict(type="rename", name="web-01"), {"type": "rename", "name": "web-01"}),
    ]
    for options, body in cases:
        engine, session, _clock = task(**options)
        by_name(session)
        posted = serve_actions(session, ACTIONS_PATH)
        engine.run()
        assert posted == [body]


def test_an_errored_action_fails_the_task():
    engine, session, _clock = task(type="power_cycle")
    by_name(session)
    session.on("POST", ACTIONS_PATH, reply(201, {"action": action(101, "power_cycle", "in-progress", resource_id=7)}))
    session.on("GET", "/v2/actions/101", reply(200, {"action": action(101, "power_cycle", "errored", resource_id=7)}))
    with pytest.raises(ActionFailed, match="errored"):
        engine.run()


def test_a_droplet_that_does_not_exist_is_an_error_naming_it():
    engine, session, _clock = task(droplet_name=None, droplet_id=9, type="reboot")
    session.on("GET", "/v2/droplets/9", error(404, "not_found"))
    with pytest.raises(PlanError, match="^droplet with droplet_id 9 does not exist"):
        engine.run()
    engine, session, _clock = task(droplet_name="web-9", type="reboot")
    by_name(session)
    with pytest.raises(PlanError, match=r"^no droplet is named web-9 \(droplet_name\)"):
        engine.run()
    assert session.mutating == []


def test_two_droplets_with_the_name_are_an_error_listing_their_ids():
    engine, session, _clock = task(type="reboot")
    by_name(session, droplet(7), droplet(8))
    with pytest.raises(PlanError, match="^2 droplets are named web-1: ids 7, 8"):
        engine.run()


@pytest.mark.parametrize("options, message", [
    (dict(type="snapshot"), "^a snapshot action needs name"),
    (dict(type="resize"), "^a resize action needs size"),
    (dict(type="rebuild"), "^a rebuild action needs image"),
    (dict(type="change_backup_policy"), "^a change_backup_policy action needs backup_policy"),
    (dict(type="reboot", size="s-2vcpu-2gb"), "^size applies to resize actions only, not to a reboot action"),
    (dict(type="power_off", name="x"), "^name applies to rename and snapshot actions only"),
    (dict(type="restore", image="ubuntu-24-04-x64"), "^image of a restore action is the id of one of"),
    (dict(type="enable_backups", backup_policy={"plan": "daily", "weekday": "SUN"}),
     "^backup_policy.weekday applies to the weekly plan only"),
])
def test_bad_input_fails_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []
    assert writes(session) == []
