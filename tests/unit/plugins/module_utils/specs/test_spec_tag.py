# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The tag declaration (specs/tag.py) through the engine: a tag is its name, read with one GET and
created or deleted with one request; it has nothing to change in place."""

from __future__ import annotations

import pytest

from fakes import check_then_run, error, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.tag import TAG


def tag(name="web", count=0):
    return {"name": name, "resources": {"count": count, "droplets": {"count": count}}}


def task(check_mode=False, **options):
    return module_engine(TAG, "tag", check_mode=check_mode, **options)


def test_create_posts_the_name():
    engine, session, _clock = task(name="web")
    session.on("GET", "/v2/tags/web", error(404, "not_found"))
    session.on("POST", "/v2/tags", reply(201, {"tag": tag()}))
    result = engine.run()
    assert session.calls == ["GET /v2/tags/web", "POST /v2/tags"]
    assert writes(session) == [("POST", "/v2/tags", {"name": "web"})]
    assert result["changed"] is True
    assert result["plan"] == {"action": "create", "resource": "tag", "identity": {"name": "web"}, "id": None,
                              "changes": {"name": {"before": None, "after": "web", "via": "create"}}}
    assert result["diff"] == {"before": {}, "after": {"name": "web"}}
    assert result["tag"] == tag()


def test_existing_tag_is_left_alone_with_one_get():
    engine, session, _clock = task(name="web")
    session.on("GET", "/v2/tags/web", reply(200, {"tag": tag(count=3)}))
    result = engine.run()
    assert session.calls == ["GET /v2/tags/web"]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["id"] == "web"
    assert result["diff"] == {"before": {"name": "web"}, "after": {"name": "web"}}
    assert result["tag"]["resources"]["count"] == 3


def test_delete_sends_one_delete_to_the_named_tag():
    engine, session, _clock = task(name="web", state="absent")
    session.on("GET", "/v2/tags/web", reply(200, {"tag": tag()}))
    session.on("DELETE", "/v2/tags/web", reply(204))
    result = engine.run()
    assert session.calls == ["GET /v2/tags/web", "DELETE /v2/tags/web"]
    assert result["changed"] is True
    assert result["plan"]["action"] == "delete" and result["plan"]["id"] == "web"
    assert result["diff"] == {"before": {"name": "web"}, "after": {}}
    assert result["tag"] == {}


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(name="web", state="absent")
    session.on("GET", "/v2/tags/web", error(404, "not_found"))
    result = engine.run()
    assert session.calls == ["GET /v2/tags/web"]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none"


@pytest.mark.parametrize("name", ["web server", "", "a/b", "x" * 256])
def test_a_name_the_api_refuses_fails_before_any_request(name):
    engine, session, _clock = task(name=name)
    with pytest.raises(PlanError, match="^name must be 1 to 255 letters"):
        engine.run()
    assert session.requests == []


def _existing(session):
    session.on("GET", "/v2/tags/web", reply(200, {"tag": tag()}))
    session.on("DELETE", "/v2/tags/web", reply(204))


def _missing(session):
    session.on("GET", "/v2/tags/web", error(404, "not_found"))
    session.on("POST", "/v2/tags", reply(201, {"tag": tag()}))


@pytest.mark.parametrize("script, state, action", [
    (_missing, "present", "create"),
    (_existing, "present", "none"),
    (_existing, "absent", "delete"),
    (_missing, "absent", "none"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, state, action):
    predicted, check_session, done, real_session = check_then_run(TAG, "tag", script, name="web", state=state)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert predicted["changed"] == done["changed"] == (action != "none")
    assert check_session.calls == ["GET /v2/tags/web"]
    assert len(real_session.mutating) == (0 if action == "none" else 1)
