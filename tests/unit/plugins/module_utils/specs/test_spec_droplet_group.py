# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A group of droplets sharing a tag (DROPLET_GROUP in specs/droplet_group.py) through the
SetReconciler: the group is one list filtered by tag; it grows with POSTs of up to 10 names each,
into the free indexes; it shrinks highest index first (names outside the template before any);
members change in place through the droplet declaration; every change is awaited with one list per
poll."""

from __future__ import annotations

import pytest

from fakes import check_then_run, listing, module_engine, reply, serve_actions, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet_group import DROPLET_GROUP

SHAPE = dict(region="nyc3", size="s-1vcpu-1gb", image="ubuntu-24-04-x64")


def droplet(droplet_id, name, status="active", size="s-1vcpu-1gb", tags=("web",), features=()):
    return {"id": droplet_id, "name": name, "status": status, "size_slug": size, "size": {"slug": size},
            "region": {"slug": "nyc3", "name": "NYC3"}, "image": {"id": 148000000, "slug": "ubuntu-24-04-x64"},
            "features": list(features), "tags": list(tags), "volume_ids": [], "vpc_uuid": "vpc-1",
            "networks": {"v4": [{"ip_address": "192.0.2.%d" % droplet_id, "type": "public"}], "v6": []}}


def members(*names, status="active"):
    return [droplet(index + 1, name, status=status) for index, name in enumerate(names)]


def group(*droplets):
    return listing("droplets", *droplets)


def task(check_mode=False, **options):
    options.setdefault("group_tag", "web")
    for option, value in SHAPE.items():
        options.setdefault(option, value)
    return module_engine(DROPLET_GROUP, "droplet_group", check_mode=check_mode, **options)


def created(names, first_id):
    return reply(202, {"droplets": [droplet(first_id + i, name, status="new") for i, name in enumerate(names)],
                       "links": {"actions": []}})


def test_scale_up_posts_batches_of_ten_names_and_waits_until_every_member_has_booted():
    names = ["web-%d" % index for index in range(1, 13)]
    engine, session, clock = task(count=12, tags=["prod"], ssh_keys=["12"], monitoring=True)
    session.on("GET", "/v2/droplets", group(), group(*members(*names, status="new")), group(*members(*names)))
    session.on("POST", "/v2/droplets", created(names[:10], 1), created(names[10:], 11))
    result = engine.run()
    assert session.calls == ["GET /v2/droplets", "POST /v2/droplets", "POST /v2/droplets", "GET /v2/droplets",
                             "GET /v2/droplets"]
    assert session.requests[0].params == {"tag_name": "web", "per_page": 200}
    shape = dict(SHAPE, ssh_keys=["12"], tags=["prod", "web"], monitoring=True)
    assert writes(session) == [("POST", "/v2/droplets", dict(shape, names=names[:10])),
                               ("POST", "/v2/droplets", dict(shape, names=names[10:]))]
    assert clock.sleeps == [1.0]
    assert result["plan"]["action"] == "create"
    assert result["plan"]["identity"] == {"group_tag": "web"}
    assert result["plan"]["changes"] == {"count": {"before": 0, "after": 12, "via": "create"}}
    assert [member["identity"]["name"] for member in result["plan"]["members"]] == names
    assert [d["name"] for d in result["droplet_group"]] == names
    assert result["diff"]["before"] == {"group_tag": "web", "count": 0, "droplets": {}}
    assert result["diff"]["after"]["count"] == 12


def test_new_members_take_the_free_indexes():
    engine, session, _clock = task(count=3)
    existing = [droplet(1, "web-1"), droplet(3, "web-3")]
    session.on("GET", "/v2/droplets", group(*existing), group(*existing, droplet(4, "web-2")))
    session.on("POST", "/v2/droplets", created(["web-2"], 4))
    result = engine.run()
    assert writes(session) == [("POST", "/v2/droplets", dict(SHAPE, tags=["web"], names=["web-2"]))]
    assert result["plan"]["action"] == "update"
    assert result["plan"]["changes"] == {"count": {"before": 2, "after": 3, "via": "create"}}
    assert [d["name"] for d in result["droplet_group"]] == ["web-1", "web-2", "web-3"]


def test_rerun_is_a_no_op_with_one_list():
    engine, session, _clock = task(count=2, tags=["prod"])
    session.on("GET", "/v2/droplets", group(droplet(1, "web-1", tags=("prod", "web")),
                                            droplet(2, "web-2", tags=("web", "prod"))))
    result = engine.run()
    assert session.calls == ["GET /v2/droplets"]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["changes"] == {}
    assert result["plan"]["members"] == []


def test_scale_down_deletes_the_highest_indexes_first_and_waits_until_they_are_gone():
    engine, session, clock = task(count=1)
    three = members("web-1", "web-2", "web-3")
    session.on("GET", "/v2/droplets", group(*three), group(*three[:2]), group(three[0]))
    session.on("DELETE", "/v2/droplets/3", reply(204))
    session.on("DELETE", "/v2/droplets/2", reply(204))
    result = engine.run()
    assert session.calls == ["GET /v2/droplets", "DELETE /v2/droplets/3", "DELETE /v2/droplets/2",
                             "GET /v2/droplets", "GET /v2/droplets"]
    assert clock.sleeps == [1.0]
    assert result["plan"]["action"] == "update"
    assert result["plan"]["changes"] == {"count": {"before": 3, "after": 1, "via": "delete"}}
    assert [(m["action"], m["identity"], m["id"]) for m in result["plan"]["members"]] == [
        ("delete", {"name": "web-3"}, 3), ("delete", {"name": "web-2"}, 2)]
    assert result["diff"]["before"]["droplets"]["web-3"] == {"id": 3, "size": "s-1vcpu-1gb", "region": "nyc3"}
    assert [d["name"] for d in result["droplet_group"]] == ["web-1"]


def test_members_outside_the_name_template_leave_first():
    engine, session, _clock = task(count=2)
    current = [droplet(1, "web-1"), droplet(2, "web-2"), droplet(9, "legacy-box")]
    session.on("GET", "/v2/droplets", group(*current), group(*current[:2]))
    session.on("DELETE", "/v2/droplets/9", reply(204))
    engine.run()
    assert writes(session) == [("DELETE", "/v2/droplets/9", None)]


def test_count_zero_deletes_the_group_and_an_empty_group_is_a_no_op():
    engine, session, _clock = task(count=0)
    session.on("GET", "/v2/droplets", group(*members("web-1", "web-2")), group())
    session.on("DELETE", "/v2/droplets/1", reply(204))
    session.on("DELETE", "/v2/droplets/2", reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", "/v2/droplets/2", None), ("DELETE", "/v2/droplets/1", None)]
    assert result["plan"]["action"] == "delete"
    assert result["droplet_group"] == []

    engine, session, _clock = task(count=0)
    session.on("GET", "/v2/droplets", group())
    result = engine.run()
    assert session.calls == ["GET /v2/droplets"]
    assert result["changed"] is False and result["plan"]["action"] == "none"


def test_members_change_in_place_through_the_droplet_declaration():
    engine, session, _clock = task(count=2, backups=True)
    two = members("web-1", "web-2")
    session.on("GET", "/v2/droplets", group(*two), group(*(dict(d, features=["backups"]) for d in two)))
    first = serve_actions(session, "/v2/droplets/1/actions", first_id=100)
    second = serve_actions(session, "/v2/droplets/2/actions", first_id=200)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": dict(two[0], features=["backups"])}))
    session.on("GET", "/v2/droplets/2", reply(200, {"droplet": dict(two[1], features=["backups"])}))
    result = engine.run()
    assert first == second == [{"type": "enable_backups"}]
    assert session.calls == ["GET /v2/droplets",
                             "POST /v2/droplets/1/actions", "GET /v2/actions/101", "GET /v2/droplets/1",
                             "POST /v2/droplets/2/actions", "GET /v2/actions/201", "GET /v2/droplets/2",
                             "GET /v2/droplets"]
    via = "action:enable_backups|disable_backups"
    assert result["plan"]["changes"] == {"web-1.backups": {"before": False, "after": True, "via": via},
                                         "web-2.backups": {"before": False, "after": True, "via": via}}
    assert result["diff"]["after"]["droplets"]["web-1"]["backups"] is True


@pytest.mark.parametrize("check_mode", [False, True])
def test_resizing_running_members_needs_allow_resize_power_cycle(check_mode):
    engine, session, _clock = task(check_mode=check_mode, count=1, size="s-2vcpu-2gb")
    session.on("GET", "/v2/droplets", group(droplet(1, "web-1")))
    with pytest.raises(PlanError, match="^size of droplet web-1 \\(id 1\\) cannot change from s-1vcpu-1gb to "
                                        "s-2vcpu-2gb while it is running"):
        engine.run()
    assert session.mutating == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_growing_needs_what_a_droplet_create_needs(check_mode):
    engine, session, _clock = task(check_mode=check_mode, count=1, image=None)
    session.on("GET", "/v2/droplets", group())
    with pytest.raises(PlanError, match="^image is required to create droplet web-1"):
        engine.run()
    assert session.mutating == []


@pytest.mark.parametrize("options, message", [
    (dict(count=-1), "^count must be 0 or more"),
    (dict(count=1, group_tag="web servers"), "^group_tag must be 1 to 255 letters"),
    (dict(count=1, name_template="{group_tag}-node"), "^name_template must contain \\{index\\} exactly once"),
    (dict(count=1, name_template="{group_tag}-{index}-{region}"), "^name_template may use only"),
    (dict(count=1, tags=["bad tag"]), "^tags: 'bad tag' is not a valid tag name"),
])
def test_bad_options_fail_before_any_request(options, message):
    # The reconciler checks the options first, before it sends anything.
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def test_a_name_template_names_the_members():
    engine, session, _clock = task(count=1, name_template="app-{index}.{group_tag}.example")
    session.on("GET", "/v2/droplets", group(), group(droplet(1, "app-1.web.example")))
    session.on("POST", "/v2/droplets", created(["app-1.web.example"], 1))
    engine.run()
    assert writes(session)[0][2]["names"] == ["app-1.web.example"]


def _script(session):
    three = members("web-1", "web-2", "web-3")
    session.on("GET", "/v2/droplets", group(*three))
    session.on("DELETE", "/v2/droplets/3", reply(204))
    session.on("POST", "/v2/droplets", created(["web-4"], 4))
    for droplet_id in (1, 2, 3):
        serve_actions(session, "/v2/droplets/%d/actions" % droplet_id, first_id=100 * droplet_id)
        session.on("GET", "/v2/droplets/%d" % droplet_id, reply(200, {"droplet": three[droplet_id - 1]}))


@pytest.mark.parametrize("options, action", [
    (dict(count=4), "update"),
    (dict(count=2), "update"),
    (dict(count=3, ipv6=True), "update"),
    (dict(count=3), "none"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(options, action):
    predicted, check_session, done, real_session = check_then_run(
        DROPLET_GROUP, "droplet_group", _script, group_tag="web", wait=False, **dict(SHAPE, **options))
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
