# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The ssh_key declaration (specs/ssh_key.py) through the engine: a key is found by its MD5
fingerprint with one GET (by name only when that finds nothing), renamed with a PUT, and its public
key never changes in place."""

from __future__ import annotations

import base64
import hashlib

import pytest

from fakes import check_then_run, error, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.ssh_key import SSH_KEY


def public_key(seed):
    body = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + bytes((seed + i) % 256 for i in range(32))
    return "ssh-ed25519 %s deploy@example" % base64.b64encode(body).decode("ascii")


def md5_fingerprint(key):
    digest = hashlib.md5(base64.b64decode(key.split()[1])).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


KEY = public_key(1)
FINGERPRINT = md5_fingerprint(KEY)
OTHER_KEY = public_key(2)
KEY_PATH = "/v2/account/keys/%s" % FINGERPRINT


def ssh_key(key_id=512190, name="deploy", key=KEY):
    return {"id": key_id, "name": name, "fingerprint": md5_fingerprint(key), "public_key": key}


def task(check_mode=False, **options):
    return module_engine(SSH_KEY, "ssh_key", check_mode=check_mode, **options)


def test_create_looks_up_fingerprint_then_name_and_posts_name_and_key():
    engine, session, _clock = task(name="deploy", public_key=KEY)
    session.on("GET", KEY_PATH, error(404, "not_found"))
    session.on("GET", "/v2/account/keys", listing("ssh_keys", ssh_key(7, name="other", key=OTHER_KEY)))
    session.on("POST", "/v2/account/keys", reply(201, {"ssh_key": ssh_key()}))
    result = engine.run()
    assert session.calls == ["GET " + KEY_PATH, "GET /v2/account/keys", "POST /v2/account/keys"]
    assert writes(session) == [("POST", "/v2/account/keys", {"name": "deploy", "public_key": KEY})]
    assert result["plan"] == {
        "action": "create", "resource": "ssh_key", "identity": {"name": "deploy"}, "id": None,
        "changes": {"name": {"before": None, "after": "deploy", "via": "create"},
                    "public_key": {"before": None, "after": FINGERPRINT, "via": "create"}}}
    assert result["ssh_key"]["id"] == 512190


def test_rerun_finds_the_key_by_fingerprint_with_one_get():
    engine, session, _clock = task(name="deploy", public_key=KEY)
    session.on("GET", KEY_PATH, reply(200, {"ssh_key": ssh_key()}))
    result = engine.run()
    assert session.calls == ["GET " + KEY_PATH]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["id"] == 512190
    assert result["diff"]["before"] == {"name": "deploy", "public_key": FINGERPRINT, "id": 512190}


def test_a_fingerprint_alone_finds_the_key_with_one_get():
    engine, session, _clock = task(fingerprint=FINGERPRINT)
    session.on("GET", KEY_PATH, reply(200, {"ssh_key": ssh_key()}))
    assert engine.run()["changed"] is False
    assert session.calls == ["GET " + KEY_PATH]


def test_rename_is_one_put_of_the_name():
    engine, session, _clock = task(name="deploy-2024", public_key=KEY)
    session.on("GET", KEY_PATH, reply(200, {"ssh_key": ssh_key(name="deploy")}))
    session.on("PUT", "/v2/account/keys/512190", reply(200, {"ssh_key": ssh_key(name="deploy-2024")}))
    session.on("GET", "/v2/account/keys/512190", reply(200, {"ssh_key": ssh_key(name="deploy-2024")}))
    result = engine.run()
    assert writes(session) == [("PUT", "/v2/account/keys/512190", {"name": "deploy-2024"})]
    assert result["plan"]["changes"] == {"name": {"before": "deploy", "after": "deploy-2024", "via": "PUT"}}
    assert result["ssh_key"]["name"] == "deploy-2024"
    assert result["diff"]["after"]["name"] == "deploy-2024"


def test_a_new_public_key_under_an_existing_name_is_refused_not_added():
    engine, session, _clock = task(name="deploy", public_key=OTHER_KEY)
    session.on("GET", "/v2/account/keys/%s" % md5_fingerprint(OTHER_KEY), error(404, "not_found"))
    session.on("GET", "/v2/account/keys", listing("ssh_keys", ssh_key()))
    with pytest.raises(PlanError) as caught:
        engine.run()
    message = str(caught.value)
    assert message.startswith("public_key cannot change in place on ssh_key deploy (id 512190)")
    assert FINGERPRINT in message and md5_fingerprint(OTHER_KEY) in message
    assert session.mutating == []


def test_delete_by_fingerprint():
    engine, session, _clock = task(fingerprint=FINGERPRINT, state="absent")
    session.on("GET", KEY_PATH, reply(200, {"ssh_key": ssh_key()}))
    session.on("DELETE", "/v2/account/keys/512190", reply(204))
    result = engine.run()
    assert session.calls == ["GET " + KEY_PATH, "DELETE /v2/account/keys/512190"]
    assert result["plan"]["action"] == "delete" and result["ssh_key"] == {}


def test_absent_when_missing_is_a_no_op_without_a_name_lookup():
    engine, session, _clock = task(public_key=KEY, state="absent")
    session.on("GET", KEY_PATH, error(404, "not_found"))
    result = engine.run()
    assert session.calls == ["GET " + KEY_PATH]
    assert result["changed"] is False


def test_absent_of_a_public_key_that_does_not_exist_leaves_another_key_of_the_name_alone():
    engine, session, _clock = task(name="deploy", public_key=OTHER_KEY, state="absent")
    session.on("GET", "/v2/account/keys/%s" % md5_fingerprint(OTHER_KEY), error(404, "not_found"))
    session.on("GET", "/v2/account/keys", listing("ssh_keys", ssh_key()))
    session.on("DELETE", "/v2/account/keys/512190", reply(204))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


@pytest.mark.parametrize("options, message", [
    (dict(fingerprint="3b:16:bf"), "^fingerprint must be an MD5 fingerprint"),
    (dict(name="deploy", public_key="ssh-ed25519"), "^public_key is not an SSH public key: expected"),
    (dict(name="deploy", public_key="ssh-ed25519 ***not-base64*** x"), "body is not valid base64"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def test_create_needs_the_public_key():
    engine, session, _clock = task(name="deploy")
    session.on("GET", "/v2/account/keys", listing("ssh_keys"))
    with pytest.raises(PlanError, match="^public_key is required to create ssh key deploy"):
        engine.run()
    assert session.mutating == []


def _missing(session):
    session.on("GET", KEY_PATH, error(404, "not_found"))
    session.on("GET", "/v2/account/keys", listing("ssh_keys"))
    session.on("POST", "/v2/account/keys", reply(201, {"ssh_key": ssh_key(name="deploy-2024")}))


def _existing(session):
    session.on("GET", KEY_PATH, reply(200, {"ssh_key": ssh_key()}))
    session.on("PUT", "/v2/account/keys/512190", reply(200, {"ssh_key": ssh_key(name="deploy-2024")}))
    session.on("GET", "/v2/account/keys/512190", reply(200, {"ssh_key": ssh_key(name="deploy-2024")}))
    session.on("DELETE", "/v2/account/keys/512190", reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(name="deploy-2024"), "create"),
    (_existing, dict(name="deploy-2024"), "update"),
    (_existing, dict(name="deploy"), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(SSH_KEY, "ssh_key", script, public_key=KEY,
                                                                  **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert len(real_session.mutating) == (0 if action == "none" else 1)
