# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The droplet declaration (specs/droplet.py) through the engine: found by name (filtered by the API)
and region, created and awaited until booted, changed through awaited actions (rename, power,
backups, ipv6, resize with a power cycle only when allowed, volumes), deleted and awaited until gone."""

from __future__ import annotations

import pytest

from fakes import check_then_run, error, listing, module_engine, module_info, reply, serve_actions, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import DROPLET

ACTIONS_PATH = "/v2/droplets/1/actions"
CREATE_OPTIONS = dict(size="s-1vcpu-1gb", image="ubuntu-24-04-x64", ssh_keys=["12"], tags=["web"],
                      vpc_uuid="vpc-1", backups=False, ipv6=True, monitoring=True,
                      user_data="#cloud-config\npackages: [nginx]\n", with_droplet_agent=True)


VOL_A = "3d80cb72-342b-4aaa-b92e-4e4abb24a933"
VOL_B = "4e91dc83-453c-4bbb-a03f-5f5bcc35b044"
VOL_C = "5fa2ed94-564d-4ccc-b14a-6a6cdd46c155"


def droplet(name="web-1", status="active", size="s-1vcpu-1gb", region="nyc3", features=("ipv6", "monitoring"),
            tags=("web",), volume_ids=()):
    return {"id": 1, "name": name, "status": status, "size_slug": size, "size": {"slug": size},
            "region": {"slug": region, "name": region.upper()},
            "image": {"id": 148000000, "slug": "ubuntu-24-04-x64"}, "features": list(features),
            "tags": list(tags), "volume_ids": list(volume_ids), "vpc_uuid": "vpc-1",
            "networks": {"v4": [{"ip_address": "192.0.2.10", "type": "public"}], "v6": []}}


def task(check_mode=False, **options):
    options.setdefault("name", "web-1")
    options.setdefault("region", "nyc3")
    return module_engine(DROPLET, "droplet", check_mode=check_mode, **options)


def test_create_posts_the_fields_and_waits_until_the_droplet_has_booted():
    engine, session, clock = task(**CREATE_OPTIONS)
    session.on("GET", "/v2/droplets", listing("droplets", droplet(region="sfo3")))
    session.on("POST", "/v2/droplets", reply(202, {"droplet": droplet(status="new")}))
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(status="new")}),
               reply(200, {"droplet": droplet()}))
    result = engine.run()
    assert session.calls == ["GET /v2/droplets", "POST /v2/droplets", "GET /v2/droplets/1", "GET /v2/droplets/1"]
    assert session.requests[0].params == {"name": "web-1", "per_page": 200}
    assert writes(session) == [("POST", "/v2/droplets", {
        "name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64", "ssh_keys": ["12"],
        "tags": ["web"], "vpc_uuid": "vpc-1", "backups": False, "ipv6": True, "monitoring": True,
        "user_data": "#cloud-config\npackages: [nginx]\n", "with_droplet_agent": True})]
    assert clock.sleeps == [1.0]
    assert result["plan"]["action"] == "create"
    assert result["plan"]["changes"]["user_data"] == {"before": None, "after": SENSITIVE, "via": "create"}
    assert result["plan"]["changes"]["size"] == {"before": None, "after": "s-1vcpu-1gb", "via": "create"}
    assert result["droplet"]["status"] == "active"


def test_create_with_state_off_powers_off_once_booted():
    engine, session, _clock = task(state="off", **CREATE_OPTIONS)
    session.on("GET", "/v2/droplets", listing("droplets"))
    session.on("POST", "/v2/droplets", reply(202, {"droplet": droplet(status="active")}))
    posted = serve_actions(session, ACTIONS_PATH)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(status="off")}))
    result = engine.run()
    assert posted == [{"type": "power_off"}]
    assert [c for c in session.calls if c.startswith("POST")] == ["POST /v2/droplets", "POST " + ACTIONS_PATH]
    assert result["plan"]["changes"]["power"] == {"before": None, "after": "off", "via": "create"}
    assert result["droplet"]["status"] == "off"


@pytest.mark.parametrize("check_mode", [False, True])
def test_create_needs_size_and_image(check_mode):
    engine, session, _clock = task(check_mode=check_mode)
    session.on("GET", "/v2/droplets", listing("droplets"))
    with pytest.raises(PlanError, match="^size and image are required to create droplet web-1"):
        engine.run()
    assert session.mutating == []


def test_rerun_is_a_no_op_with_one_list():
    engine, session, _clock = task(state="active", **CREATE_OPTIONS)
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    result = engine.run()
    assert session.calls == ["GET /v2/droplets"]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["id"] == 1
    assert result["diff"]["before"] == result["diff"]["after"]
    assert "user_data" not in result["diff"]["before"]


def test_rename_and_enable_backups_are_awaited_actions_then_one_read():
    engine, session, clock = task(id=1, name="web-2", backups=True)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet()}),
               reply(200, {"droplet": droplet(name="web-2", features=("ipv6", "monitoring", "backups"))}))
    posted = serve_actions(session, ACTIONS_PATH)
    result = engine.run()
    assert posted == [{"type": "rename", "name": "web-2"}, {"type": "enable_backups"}]
    assert session.calls == ["GET /v2/droplets/1", "POST " + ACTIONS_PATH, "GET /v2/actions/101",
                             "POST " + ACTIONS_PATH, "GET /v2/actions/102", "GET /v2/droplets/1"]
    assert clock.sleeps == [1.0, 1.0]
    assert result["plan"]["changes"] == {
        "name": {"before": "web-1", "after": "web-2", "via": "action:rename"},
        "backups": {"before": False, "after": True, "via": "action:enable_backups|disable_backups"}}
    assert result["droplet"]["name"] == "web-2"


def test_state_off_powers_a_running_droplet_off():
    engine, session, _clock = task(state="off")
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    posted = serve_actions(session, ACTIONS_PATH)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(status="off")}))
    result = engine.run()
    assert posted == [{"type": "power_off"}]
    assert result["plan"]["changes"] == {"power": {"before": "active", "after": "off",
                                                   "via": "action:power_on|power_off"}}


@pytest.mark.parametrize("check_mode", [False, True])
def test_resize_of_a_running_droplet_needs_allow_resize_power_cycle(check_mode):
    engine, session, _clock = task(check_mode=check_mode, size="s-2vcpu-2gb")
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    with pytest.raises(PlanError, match="^size of droplet web-1 \\(id 1\\) cannot change from s-1vcpu-1gb to "
                                        "s-2vcpu-2gb while it is running: set allow_resize_power_cycle"):
        engine.run()
    assert session.mutating == []


def test_allowed_resize_powers_off_resizes_and_powers_on():
    engine, session, _clock = task(size="s-2vcpu-2gb", allow_resize_power_cycle=True, resize_disk=True)
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    posted = serve_actions(session, ACTIONS_PATH)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(size="s-2vcpu-2gb")}))
    result = engine.run()
    assert posted == [{"type": "power_off"}, {"type": "resize", "size": "s-2vcpu-2gb", "disk": True},
                      {"type": "power_on"}]
    assert result["plan"]["changes"] == {"size": {"before": "s-1vcpu-1gb", "after": "s-2vcpu-2gb",
                                                  "via": "action:resize"}}


def test_a_resize_without_wait_still_awaits_each_step_before_the_next():
    engine, session, _clock = task(size="s-2vcpu-2gb", allow_resize_power_cycle=True, wait=False)
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    posted = serve_actions(session, ACTIONS_PATH)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(size="s-2vcpu-2gb")}))
    engine.run()
    assert [body["type"] for body in posted] == ["power_off", "resize", "power_on"]
    assert session.calls[:5] == ["GET /v2/droplets", "POST " + ACTIONS_PATH, "GET /v2/actions/101",
                                 "POST " + ACTIONS_PATH, "GET /v2/actions/102"]


def test_ipv6_is_enabled_by_action_but_cannot_be_turned_off():
    engine, session, _clock = task(ipv6=True)
    session.on("GET", "/v2/droplets", listing("droplets", droplet(features=())))
    posted = serve_actions(session, ACTIONS_PATH)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(features=("ipv6",))}))
    assert engine.run()["plan"]["changes"] == {"ipv6": {"before": False, "after": True, "via": "action:enable_ipv6"}}
    assert posted == [{"type": "enable_ipv6"}]

    engine, session, _clock = task(ipv6=False)
    session.on("GET", "/v2/droplets", listing("droplets", droplet(features=("ipv6",))))
    with pytest.raises(PlanError, match="^ipv6 cannot be turned off on droplet web-1"):
        engine.run()
    assert session.mutating == []


def test_volumes_attach_and_detach_through_each_volume_s_actions():
    engine, session, _clock = task(volumes=[VOL_B, VOL_C])
    session.on("GET", "/v2/droplets", listing("droplets", droplet(volume_ids=(VOL_A, VOL_B))))
    attached = serve_actions(session, "/v2/volumes/%s/actions" % VOL_C, first_id=200, resource_type="volume")
    detached = serve_actions(session, "/v2/volumes/%s/actions" % VOL_A, first_id=300, resource_type="volume")
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(volume_ids=(VOL_B, VOL_C))}))
    result = engine.run()
    assert attached == [{"type": "attach", "droplet_id": 1, "region": "nyc3"}]
    assert detached == [{"type": "detach", "droplet_id": 1, "region": "nyc3"}]
    assert [c for c in session.calls if c.startswith("POST")] == ["POST /v2/volumes/%s/actions" % VOL_C + "",
                                                                  "POST /v2/volumes/%s/actions" % VOL_A + ""]
    assert result["plan"]["changes"] == {"volumes": {"before": [VOL_A, VOL_B], "after": [VOL_B, VOL_C],
                                                     "via": "action:attach|detach"}}


@pytest.mark.parametrize("option, value", [("region", "sfo3"), ("image", "debian-12-x64"), ("monitoring", False),
                                           ("vpc_uuid", "vpc-2")])
def test_fields_set_at_creation_never_change_in_place(option, value):
    engine, session, _clock = task(id=1, **{option: value})
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet()}))
    with pytest.raises(PlanError, match="^%s cannot change in place on droplet web-1" % option):
        engine.run()
    assert session.mutating == []


def test_delete_waits_until_the_droplet_is_gone():
    engine, session, clock = task(state="absent")
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    session.on("DELETE", "/v2/droplets/1", reply(204))
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet()}), error(404, "not_found"))
    result = engine.run()
    assert session.calls == ["GET /v2/droplets", "DELETE /v2/droplets/1", "GET /v2/droplets/1", "GET /v2/droplets/1"]
    assert clock.sleeps == [1.0]
    assert result["plan"]["action"] == "delete" and result["droplet"] == {}


def test_delete_without_wait_does_not_poll():
    engine, session, clock = task(state="absent", wait=False)
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    session.on("DELETE", "/v2/droplets/1", reply(204))
    engine.run()
    assert session.calls == ["GET /v2/droplets", "DELETE /v2/droplets/1"]
    assert clock.sleeps == []


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/droplets", listing("droplets", droplet(region="sfo3")))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


def test_a_name_longer_than_the_api_allows_fails_before_any_request():
    engine, session, _clock = task(name="w" * 256)
    with pytest.raises(PlanError, match="^name must be 1 to 255 characters, got 256"):
        engine.run()
    assert session.requests == []


def _missing(session):
    session.on("GET", "/v2/droplets", listing("droplets"))
    session.on("POST", "/v2/droplets", reply(202, {"droplet": droplet()}))


def _existing(session):
    session.on("GET", "/v2/droplets", listing("droplets", droplet(features=("monitoring",))))
    serve_actions(session, ACTIONS_PATH)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet()}), error(404, "not_found"))
    session.on("POST", "/v2/tags", reply(201, {}))
    session.on("POST", "/v2/tags/prod/resources", reply(204))
    session.on("DELETE", "/v2/droplets/1", reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, CREATE_OPTIONS, "create"),
    (_existing, dict(ipv6=True, tags=["web", "prod"], state="off"), "update"),
    (_existing, dict(monitoring=True, tags=["web"]), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(DROPLET, "droplet", script, name="web-1",
                                                                  region="nyc3", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")


# -- backups and their policy -------------------------------------------------------------------------

POLICY_PATH = "/v2/droplets/1/backups/policy"
WEEKLY = {"plan": "weekly", "weekday": "SUN", "hour": 20}


def policy_record(plan="daily", hour=0, weekday=None, enabled=True):
    policy = {"plan": plan, "hour": hour, "window_length_hours": 4,
              "retention_period_days": 28 if plan == "weekly" else 7}
    if weekday:
        policy["weekday"] = weekday
    record = {"droplet_id": 1, "backup_enabled": enabled}
    if enabled:
        record["backup_policy"] = policy
    return reply(200, {"policy": record})


def with_backups(**options):
    return droplet(features=("ipv6", "monitoring", "backups"), **options)


def test_a_backup_policy_is_sent_at_create_with_backups_on():
    engine, session, _clock = task(size="s-1vcpu-1gb", image="ubuntu-24-04-x64",
                                   backup_policy=dict(WEEKLY))
    session.on("GET", "/v2/droplets", listing("droplets"))
    session.on("POST", "/v2/droplets", reply(202, {"droplet": with_backups()}))
    session.on("GET", POLICY_PATH, policy_record("weekly", 20, "SUN"))
    result = engine.run()
    body = writes(session)[0][2]
    assert body["backups"] is True and body["backup_policy"] == WEEKLY
    assert result["plan"]["changes"]["backup_policy"] == {"before": None, "after": WEEKLY, "via": "create"}
    assert result["droplet"]["backup_policy"]["plan"] == "weekly"


def test_the_policy_is_read_only_when_the_task_sets_one_and_a_rerun_is_a_no_op():
    engine, session, _clock = task(backup_policy={"plan": "weekly", "weekday": "SUN", "hour": 20})
    session.on("GET", "/v2/droplets", listing("droplets", with_backups()))
    session.on("GET", POLICY_PATH, policy_record("weekly", 20, "SUN"))
    result = engine.run()
    assert session.calls == ["GET /v2/droplets", "GET " + POLICY_PATH]
    assert result["changed"] is False
    engine, session, _clock = task(backups=True)
    session.on("GET", "/v2/droplets", listing("droplets", with_backups()))
    engine.run()
    assert session.calls == ["GET /v2/droplets"]


def test_only_the_keys_the_task_sets_are_compared():
    engine, session, _clock = task(backup_policy={"plan": "daily"})
    session.on("GET", "/v2/droplets", listing("droplets", with_backups()))
    session.on("GET", POLICY_PATH, policy_record("daily", 16))
    assert engine.run()["changed"] is False


def test_a_new_policy_is_the_change_backup_policy_action():
    engine, session, _clock = task(backup_policy=dict(WEEKLY))
    session.on("GET", "/v2/droplets", listing("droplets", with_backups()))
    session.on("GET", POLICY_PATH, policy_record("daily", 0))
    posted = serve_actions(session, ACTIONS_PATH)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": with_backups()}))
    result = engine.run()
    assert posted == [{"type": "change_backup_policy", "backup_policy": WEEKLY}]
    assert result["plan"]["changes"] == {"backup_policy": {
        "before": {"plan": "daily", "hour": 0}, "after": WEEKLY, "via": "action:change_backup_policy"}}


def test_turning_backups_on_with_a_policy_is_one_action():
    engine, session, _clock = task(backups=True, backup_policy=dict(WEEKLY))
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    posted = serve_actions(session, ACTIONS_PATH)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": with_backups()}))
    session.on("GET", POLICY_PATH, policy_record("weekly", 20, "SUN"))
    result = engine.run()
    # Without backups there is no policy to read before the change.
    assert session.calls[0:2] == ["GET /v2/droplets", "POST " + ACTIONS_PATH]
    assert posted == [{"type": "enable_backups", "backup_policy": WEEKLY}]
    assert set(result["plan"]["changes"]) == {"backups", "backup_policy"}


def test_backups_false_disables_them():
    engine, session, _clock = task(backups=False)
    session.on("GET", "/v2/droplets", listing("droplets", with_backups()))
    posted = serve_actions(session, ACTIONS_PATH)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet()}))
    engine.run()
    assert posted == [{"type": "disable_backups"}]


@pytest.mark.parametrize("options, message", [
    (dict(backups=False, backup_policy={"plan": "daily"}), "^backup_policy needs backups"),
    (dict(backup_policy={"plan": "daily", "weekday": "MON"}), "^backup_policy.weekday applies to the weekly plan only"),
])
def test_bad_backup_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


# -- rebuild ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("check_mode", [False, True])
def test_an_image_change_needs_allow_rebuild_and_the_error_says_so(check_mode):
    engine, session, _clock = task(check_mode=check_mode, id=1, image="debian-12-x64")
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet()}))
    with pytest.raises(PlanError, match="^image cannot change in place on droplet web-1 .*: it is ubuntu-24-04-x64 "
                                        "and the task asks for debian-12-x64. Set allow_rebuild: true"):
        engine.run()
    assert session.mutating == []


def test_with_allow_rebuild_an_image_change_is_the_rebuild_action():
    engine, session, _clock = task(id=1, image="148000222", allow_rebuild=True)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet()}),
               reply(200, {"droplet": dict(droplet(), image={"id": 148000222, "slug": None})}))
    posted = serve_actions(session, ACTIONS_PATH)
    result = engine.run()
    assert posted == [{"type": "rebuild", "image": 148000222}]
    assert result["plan"]["changes"] == {"image": {"before": "ubuntu-24-04-x64", "after": "148000222",
                                                   "via": "action:rebuild"}}


# -- droplet_backup_info and droplet_neighbor_info ----------------------------------------------------


def backups(session):
    session.on("GET", "/v2/droplets", listing("droplets", with_backups(), droplet(name="db-1")))
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": with_backups()}))
    session.on("GET", "/v2/droplets/1/backups", listing("backups", {"id": 21, "name": "web-1 backup", "type": "backup"}))
    session.on("GET", POLICY_PATH, policy_record("weekly", 20, "SUN"))


@pytest.mark.parametrize("options, first", [(dict(droplet_name="web-1"), "GET /v2/droplets"),
                                            (dict(droplet_id=1), "GET /v2/droplets/1")])
def test_droplet_backup_info_lists_the_backups_and_reads_the_policy(options, first):
    result, session = module_info("droplet_backup_info", backups, **options)
    assert result["droplet_backups"] == [{"id": 21, "name": "web-1 backup", "type": "backup"}]
    assert result["droplet_id"] == 1
    assert result["policy"]["backup_policy"]["plan"] == "weekly"
    assert session.calls == [first, "GET /v2/droplets/1/backups", "GET " + POLICY_PATH]


def test_droplet_backup_info_of_a_droplet_that_does_not_exist_is_an_error():
    with pytest.raises(PlanError, match=r"^no droplet is named web-9 \(droplet_name\)"):
        module_info("droplet_backup_info", backups, droplet_name="web-9")


def neighbors(session):
    session.on("GET", "/v2/reports/droplet_neighbors_ids", reply(200, {"neighbor_ids": [[1, 2, 3], [7, 8]]}))


def test_droplet_neighbor_info_reads_the_report_and_keeps_the_group_of_one_droplet():
    result, session = module_info("droplet_neighbor_info", neighbors)
    assert result["droplet_neighbors"] == [[1, 2, 3], [7, 8]]
    assert session.calls == ["GET /v2/reports/droplet_neighbors_ids"]
    assert module_info("droplet_neighbor_info", neighbors, droplet_id=8)[0]["droplet_neighbors"] == [[7, 8]]
    assert module_info("droplet_neighbor_info", neighbors, droplet_id=5)[0]["droplet_neighbors"] == []
