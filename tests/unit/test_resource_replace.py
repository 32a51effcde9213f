# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The engine's replace plan: an immutable, replaceable field changes only when the module allows it."""

from __future__ import annotations

import pytest

from fakes import make_client, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    Plan,
    PlanError,
    ResourceEngine,
    ResourceSpec,
)


def gadget_spec(order="create_first", check_replace=None):
    return ResourceSpec(
        kind="gadget", singular="gadget", plural="gadgets", collection="/v2/gadgets", item="/v2/gadgets/{id}",
        identity=("name",), list_filters={"name": "name"}, create=("name", "shape", "color"),
        update=("color",), update_method="PUT", immutable=("shape",), replaceable=("shape",),
        replace_option="force_replace", replace_order=order, check_replace=check_replace)


def engine_for(spec, check_mode=False, **params):
    merged = dict(state="present", id=None, name="g", shape=None, color=None, force_replace=False,
                  wait=True, wait_timeout=60)
    merged.update(params)
    client, session, _ = make_client()
    return ResourceEngine(spec, client, merged, check_mode=check_mode, sleep=lambda s: None), session


def listing(*items):
    return reply(200, {"gadgets": list(items), "links": {}, "meta": {"total": len(items)}})


OLD = {"id": 1, "name": "g", "shape": "round", "color": "red"}
NEW = {"id": 2, "name": "g", "shape": "square", "color": "blue"}


def test_replaceable_change_without_the_option_is_a_plan_error_naming_field_and_option():
    engine, session = engine_for(gadget_spec(), shape="square")
    session.on("GET", "/v2/gadgets", listing(OLD))
    with pytest.raises(PlanError) as caught:
        engine.run()
    assert str(caught.value).startswith("shape cannot change in place on gadget g (id 1)")
    assert "force_replace: true" in str(caught.value)
    assert session.mutating == []


def test_check_mode_reports_replace_with_every_change_via_replace():
    engine, session = engine_for(gadget_spec(), check_mode=True, shape="square", color="blue", force_replace=True)
    session.on("GET", "/v2/gadgets", listing(OLD))
    result = engine.run()
    assert result["plan"]["action"] == Plan.REPLACE and result["plan"]["id"] == 1
    assert result["plan"]["changes"] == {
        "shape": {"before": "round", "after": "square", "via": "replace"},
        "color": {"before": "red", "after": "blue", "via": "replace"}}
    assert result["diff"]["after"]["id"] is None
    assert session.mutating == []


@pytest.mark.parametrize("order, calls", [
    ("create_first", ["POST /v2/gadgets", "DELETE /v2/gadgets/1"]),
    ("delete_first", ["DELETE /v2/gadgets/1", "POST /v2/gadgets"]),
])
def test_replace_order(order, calls):
    engine, session = engine_for(gadget_spec(order), shape="square", color="blue", force_replace=True)
    session.on("GET", "/v2/gadgets", listing(OLD))
    session.on("POST", "/v2/gadgets", reply(201, {"gadget": NEW}))
    session.on("DELETE", "/v2/gadgets/1", reply(204))
    result = engine.run()
    assert [c for c in session.calls if not c.startswith("GET")] == calls
    assert result["gadget"]["id"] == 2 and result["diff"]["after"]["id"] == 2
    assert session.sent("POST")[0].json == {"name": "g", "shape": "square", "color": "blue"}


def test_check_replace_hook_stops_the_replacement_before_any_change():
    def refuse(engine, current, plan):
        raise PlanError("gadget %s is in use" % current["id"])

    engine, session = engine_for(gadget_spec(check_replace=refuse), shape="square", force_replace=True)
    session.on("GET", "/v2/gadgets", listing(OLD))
    with pytest.raises(PlanError, match="gadget 1 is in use"):
        engine.run()
    assert session.mutating == []
