# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The set reconciler (sets.py) on a small set: the colors of a palette, each with a shade."""

from __future__ import annotations

import pytest

from fakes import FakeClock, error, make_client, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    Api,
    Create,
    Field,
    Lookup,
    Parent,
    Patch,
    ResourceSpec,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.sets import SetReconciler, SetSpec

PALETTE = ResourceSpec("palette", Api("/v2/palettes", "palette"))
IN_PALETTE = Parent(PALETTE, "palette_id", "palette")
COLOR = ResourceSpec(
    "color", Api("/v2/palettes/{parent}/colors", "color"), lookup=Lookup(filters={"name": "name"}),
    fields={"shade": Field(update=Patch(answer=True))}, create=Create(fields=("name", "shade")),
    parent=IN_PALETTE)
PALETTE_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"
COLORS_PATH = "/v2/palettes/%s/colors" % PALETTE_ID


class Colors(SetSpec):
    kind = "color_set"
    parent = IN_PALETTE
    member_spec = COLOR
    entries_option = "colors"

    def entries(self, engine, current):
        return engine.params["colors"]

    def key(self, engine, item):
        return item["name"]

    def member(self, engine, entry):
        return COLOR, dict(entry, state="present", id=None)

    def identity(self, engine):
        return {"palette": engine.params.get("palette")}


class ColorNames(Colors):
    """The same set shown as one field, written with one PUT of the whole set."""

    kind = "palette_color_names"
    collapse = "names"
    purge_option = None

    def member(self, engine, entry):
        return None

    def shown(self, engine, item):
        return item["name"]

    def write(self, engine, plan):
        names = [entry["name"] for entry in self.entries(engine, plan.current)]
        engine.client.put(COLORS_PATH, {"names": names})
        return [{"name": name} for name in names]


def color(color_id, name, shade="light"):
    return {"id": color_id, "name": name, "shade": shade}


def palette_session(session, *colors):
    session.on("GET", "/v2/palettes/%s" % PALETTE_ID, reply(200, {"palette": {"id": PALETTE_ID, "name": "warm"}}))
    session.on("GET", COLORS_PATH, reply(200, {"colors": list(colors), "links": {}}))


def reconciler(spec, check_mode=False, **params):
    merged = dict(palette_id=PALETTE_ID, palette=None, purge=False, state="present", colors=[])
    merged.update(params)
    clock = FakeClock()
    client, session, _clock = make_client(clock=clock)
    warnings = []
    return SetReconciler(spec, client, merged, check_mode=check_mode, warn=warnings.append,
                         sleep=clock.sleep), session, warnings


WANTED = [{"name": "red", "shade": "dark"}, {"name": "blue", "shade": "light"}, {"name": "green", "shade": None}]


def scripted(check_mode=False, purge=False):
    engine, session, warnings = reconciler(Colors(), check_mode=check_mode, colors=WANTED, purge=purge)
    palette_session(session, color(1, "red", "light"), color(2, "blue"), color(3, "pink"))
    session.on("PATCH", COLORS_PATH + "/1", reply(200, {"color": color(1, "red", "dark")}))
    session.on("POST", COLORS_PATH, reply(201, {"color": color(4, "green")}))
    session.on("DELETE", COLORS_PATH + "/3", reply(204))
    return engine, session


def test_members_are_matched_by_key_planned_in_place_and_created():
    engine, session = scripted()
    result = engine.run()
    assert result["changed"] is True
    assert result["plan"]["action"] == "update" and result["plan"]["id"] == PALETTE_ID
    assert result["plan"]["changes"] == {
        "red": {"before": {"id": 1, "name": "red", "shade": "light"}, "after": {"id": 1, "name": "red", "shade": "dark"},
                "via": "PATCH"},
        "green": {"before": None, "after": {"name": "green"}, "via": "POST"},
    }
    assert [(r.method, r.path, r.json) for r in session.mutating] == [
        ("PATCH", COLORS_PATH + "/1", {"shade": "dark"}),
        ("POST", COLORS_PATH, {"name": "green"}),
    ]
    # Without purge the unlisted member stays.
    assert sorted(c["name"] for c in result["color_set"]) == ["blue", "green", "pink", "red"]


def test_check_mode_plans_the_same_and_sends_nothing():
    check, check_session = scripted(check_mode=True, purge=True)
    real, real_session = scripted(purge=True)
    planned, done = check.run(), real.run()
    assert planned["plan"] == done["plan"] and planned["diff"] == done["diff"]
    assert check_session.mutating == []
    assert [r.method for r in real_session.mutating] == ["PATCH", "POST", "DELETE"]


def test_purge_removes_unlisted_members_through_the_member_path():
    engine, session = scripted(purge=True)
    result = engine.run()
    assert result["plan"]["changes"]["pink"] == {"before": color(3, "pink"), "after": None, "via": "DELETE"}
    assert session.sent("DELETE")[0].path == COLORS_PATH + "/3"
    assert sorted(c["name"] for c in result["color_set"]) == ["blue", "green", "red"]


def test_a_second_run_changes_nothing():
    engine, session, _warnings = reconciler(Colors(), colors=WANTED[:2], purge=True)
    palette_session(session, color(1, "red", "dark"), color(2, "blue"))
    result = engine.run()
    assert result["changed"] is False and result["plan"]["changes"] == {}
    assert session.calls == ["GET /v2/palettes/%s" % PALETTE_ID, "GET " + COLORS_PATH]


def test_absent_removes_only_the_listed_members_that_exist():
    engine, session, _warnings = reconciler(Colors(), state="absent", colors=[{"name": "red"}, {"name": "nope"}])
    palette_session(session, color(1, "red"), color(2, "blue"))
    session.on("DELETE", COLORS_PATH + "/1", reply(204))
    result = engine.run()
    assert [(r.method, r.path) for r in session.mutating] == [("DELETE", COLORS_PATH + "/1")]
    assert [c["name"] for c in result["color_set"]] == ["blue"]


def test_absent_when_the_parent_is_gone_is_a_no_op():
    engine, session, warnings = reconciler(Colors(), state="absent", colors=[{"name": "red"}])
    session.on("GET", "/v2/palettes/%s" % PALETTE_ID, error(404, "not_found"))
    result = engine.run()
    assert result["changed"] is False and session.mutating == []
    assert result["plan"]["action"] == "none"


def test_present_when_the_parent_is_gone_fails_and_check_mode_plans_every_member_as_new():
    engine, session, _warnings = reconciler(Colors(), colors=WANTED)
    session.on("GET", "/v2/palettes/%s" % PALETTE_ID, error(404, "not_found"))
    with pytest.raises(PlanError, match="^palette with palette_id %s does not exist$" % PALETTE_ID):
        engine.run()

    engine, session, warnings = reconciler(Colors(), check_mode=True, colors=WANTED)
    session.on("GET", "/v2/palettes/%s" % PALETTE_ID, error(404, "not_found"))
    result = engine.run()
    assert sorted(result["plan"]["changes"]) == ["blue", "green", "red"]
    assert all(change["via"] == "POST" for change in result["plan"]["changes"].values())
    assert warnings and "does not exist" in warnings[0]
    assert session.mutating == []


def test_the_parent_by_name_must_be_exactly_one():
    engine, session, _warnings = reconciler(Colors(), palette_id=None, palette="warm", colors=WANTED)
    session.on("GET", "/v2/palettes", reply(200, {"palettes": [{"id": "a", "name": "warm"}, {"id": "b", "name": "warm"}]}))
    with pytest.raises(PlanError, match="^2 palettes are named warm: ids a, b. Give palette_id to choose one.$"):
        engine.run()


def test_a_member_that_cannot_be_planned_is_named_by_its_index():
    entries = [{"name": "red", "shade": "dark"}]
    spec = Colors()
    spec.member = lambda engine, entry: (ResourceSpec("color", COLOR.api, parent=IN_PALETTE,
                                                      create=Create(required=("shade", "hue"))), dict(entry))
    engine, session, _warnings = reconciler(spec, colors=entries)
    palette_session(session)
    with pytest.raises(PlanError, match=r"^colors\[0\] \(red\): hue is required to create color red$"):
        engine.run()
    assert session.mutating == []


def test_a_collapsed_set_is_one_change_and_one_write():
    engine, session, _warnings = reconciler(ColorNames(), colors=[{"name": "red"}, {"name": "green"}])
    palette_session(session, color(1, "red"), color(2, "pink"))
    session.on("PUT", COLORS_PATH, reply(200, {}))
    result = engine.run()
    assert result["plan"]["changes"] == {"names": {"before": ["pink", "red"], "after": ["green", "red"], "via": "PUT"}}
    assert result["diff"] == {"before": {"names": ["pink", "red"]}, "after": {"names": ["green", "red"]}}
    assert [(r.method, r.json) for r in session.mutating] == [("PUT", {"names": ["red", "green"]})]


def test_info_lists_the_set_with_the_parent_id():
    engine, session, _warnings = reconciler(Colors())
    palette_session(session, color(1, "red"))
    assert engine.run_info() == {"changed": False, "color_sets": [color(1, "red")], "palette_id": PALETTE_ID}
