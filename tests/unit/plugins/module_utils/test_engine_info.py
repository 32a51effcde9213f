# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What read-only declarations need from the engine: Api.single (a path that holds one object, read
by an _info module as a list of one and left out of the lookups' kinds), run_info's extras (result
keys besides the list), and the rate limit the client remembers, with its limit."""

from __future__ import annotations

from fakes import listing, make_client, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ResourceEngine
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Lookup, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.plugin_utils import kinds

PROFILE = ResourceSpec(
    kind="profile",
    api=Api("/v2/profile", "profile", single=True),
    lookup=Lookup(identity=(), id_option=None),
)
QUOTA = ResourceSpec(
    kind="quota",
    api=Api("/v2/quota", "quota", single=True),
    lookup=Lookup(identity=(), id_option=None),
)
WIDGET = ResourceSpec(kind="widget", api=Api("/v2/widgets", "widget"))


def info(spec, **params):
    client, session, _clock = make_client()
    return ResourceEngine(spec, client, params), session, client


def test_a_single_object_is_read_once_as_a_list_of_one():
    engine, session, _client = info(PROFILE)
    session.on("GET", "/v2/profile", reply(200, {"profile": {"name": "sammy", "plan": "pro"}}))
    result = engine.run_info({})
    assert result == {"changed": False, "profiles": [{"name": "sammy", "plan": "pro"}]}
    assert session.calls == ["GET /v2/profile"]
    # One object: no pagination parameters.
    assert session.requests[0].params is None


def test_a_single_object_the_api_answers_bare_is_the_answer_itself():
    engine, session, _client = info(QUOTA)
    session.on("GET", "/v2/quota", reply(200, {"used": "1.50", "left": "8.50"}))
    assert engine.run_info({})["quotas"] == [{"used": "1.50", "left": "8.50"}]


def test_filters_match_the_single_object_too():
    engine, session, _client = info(PROFILE)
    session.on("GET", "/v2/profile", reply(200, {"profile": {"name": "sammy", "plan": "pro"}}))
    assert engine.run_info({"plan": "free"})["profiles"] == []


def test_extras_add_result_keys_from_the_items():
    engine, session, _client = info(WIDGET)
    session.on("GET", "/v2/widgets", listing("widgets", {"id": 1}, {"id": 2}))
    result = engine.run_info({}, extras=lambda engine, items: {"count": len(items)})
    assert result == {"changed": False, "widgets": [{"id": 1}, {"id": 2}], "count": 2}


def test_extras_see_the_expanded_items():
    engine, session, _client = info(WIDGET)
    session.on("GET", "/v2/widgets", listing("widgets", {"id": 1}))
    result = engine.run_info({}, expand=lambda engine, item: dict(item, color="red"),
                             extras=lambda engine, items: {"colors": [item["color"] for item in items]})
    assert result["colors"] == ["red"]


def test_the_client_remembers_the_rate_limit_of_the_last_answer_with_its_limit():
    engine, session, client = info(PROFILE)
    session.on("GET", "/v2/profile", reply(200, {"profile": {}}, ratelimit_limit=5000, ratelimit_remaining=4816,
                                           ratelimit_reset=1444931833))
    engine.run_info({})
    assert client.last_rate_limit == {"limit": 5000.0, "remaining": 4816.0, "reset": 1444931833.0}


def test_single_objects_are_not_kinds_the_lookups_list():
    assert "accounts" not in kinds.KINDS and "balances" not in kinds.KINDS
    assert kinds.get_kind("account") is None
    assert kinds.get_kind("regions").path == "/v2/regions"
