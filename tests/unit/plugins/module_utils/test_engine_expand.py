# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Three small engine hooks: ResourceSpec.expand (what an item's own answer lacks, read once it is
found, created or updated), Delete.send (a delete that is not "DELETE the item"), and item answers
that hold the bare object instead of {key: object}."""

from __future__ import annotations

from fakes import error, make_client, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ResourceEngine
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    Api,
    Create,
    Delete,
    Field,
    Lookup,
    Put,
    Request,
    ResourceSpec,
)


def with_speed(engine, thing):
    """The thing's speed lives at its own endpoint."""
    answer = engine.client.get(engine.item_path(thing["id"]) + "/speed")
    return dict(thing, speed=answer["speed"])


GADGET = ResourceSpec(
    kind="gadget",
    api=Api("/v2/gadgets", "gadget"),
    fields={
        "color": Field(update=Put()),
        "speed": Field(update=Request("PUT", "/speed", body=lambda engine, thing, changes: {
            "speed": changes["speed"].after})),
    },
    create=Create(fields=("name", "color")),
    expand=with_speed,
)

PARAMS = dict(state="present", id=None, name="g1", color=None, speed=None, wait=True, wait_timeout=60)


def gadget(color="red"):
    return {"id": 4, "name": "g1", "color": color}


def run(spec, **params):
    client, session, _clock = make_client()
    return ResourceEngine(spec, client, dict(PARAMS, **params)), session


def test_expand_adds_what_the_answer_lacks_and_a_rerun_is_a_no_op():
    engine, session = run(GADGET, speed=5)
    session.on("GET", "/v2/gadgets", reply(200, {"gadgets": [gadget()], "links": {}, "meta": {"total": 1}}))
    session.on("GET", "/v2/gadgets/4/speed", reply(200, {"speed": 5}))
    result = engine.run()
    assert result["changed"] is False and session.mutating == []
    assert session.calls == ["GET /v2/gadgets", "GET /v2/gadgets/4/speed"]
    assert result["gadget"]["speed"] == 5 and result["diff"]["before"]["speed"] == 5


def test_expanded_value_is_compared_changed_and_read_again_after_the_update():
    engine, session = run(GADGET, id="4", speed=9)
    session.on("GET", "/v2/gadgets/4", reply(200, {"gadget": gadget()}))
    session.on("GET", "/v2/gadgets/4/speed", reply(200, {"speed": 5}), reply(200, {"speed": 9}))
    session.on("PUT", "/v2/gadgets/4/speed", reply(204))
    result = engine.run()
    assert result["plan"]["changes"] == {"speed": {"before": 5, "after": 9, "via": "PUT:speed"}}
    assert result["gadget"]["speed"] == 9
    assert session.calls == ["GET /v2/gadgets/4", "GET /v2/gadgets/4/speed", "PUT /v2/gadgets/4/speed",
                             "GET /v2/gadgets/4", "GET /v2/gadgets/4/speed"]


def test_no_expand_when_nothing_is_found():
    engine, session = run(GADGET, state="absent")
    session.on("GET", "/v2/gadgets", reply(200, {"gadgets": [], "links": {}, "meta": {"total": 0}}))
    assert engine.run()["changed"] is False
    assert session.calls == ["GET /v2/gadgets"]


STOPPED = []
JOB = ResourceSpec(
    kind="job",
    api=Api("/v2/jobs/current", "job", item="/v2/jobs/current"),
    lookup=Lookup(identity=(), id_option=None, find=lambda engine: engine.client.get("/v2/jobs/current")),
    delete=Delete(send=lambda engine, job: engine.client.delete("/v2/jobs/stop/%s" % job["id"])),
)


def test_delete_send_replaces_the_delete_of_the_item():
    client, session, _clock = make_client()
    engine = ResourceEngine(JOB, client, dict(state="absent", wait=True, wait_timeout=60))
    # The job's GET answers the bare object, not {"job": ...}.
    session.on("GET", "/v2/jobs/current", reply(200, {"id": "j-1", "status": "running"}))
    session.on("DELETE", "/v2/jobs/stop/j-1", reply(204))
    result = engine.run()
    assert result["plan"]["action"] == "delete" and result["plan"]["id"] == "j-1"
    assert session.calls == ["GET /v2/jobs/current", "DELETE /v2/jobs/stop/j-1"]


def test_an_item_answer_without_the_key_is_the_object_itself():
    client, session, _clock = make_client()
    engine = ResourceEngine(GADGET, client, dict(PARAMS, id="4", state="absent"))
    session.on("GET", "/v2/gadgets/4", reply(200, gadget()), error(404, "not_found"))
    session.on("GET", "/v2/gadgets/4/speed", reply(200, {"speed": 1}))
    session.on("DELETE", "/v2/gadgets/4", reply(204))
    result = engine.run()
    assert result["plan"]["action"] == "delete" and result["plan"]["id"] == 4
