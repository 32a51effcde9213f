# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The spaces_key declaration (specs/spaces_key.py) through the engine against the simulator: created
with its secret returned once, masked and written to secret_path (0600), found again without a
mutating request, grants and name changed with one PUT, drift shown in check mode, deleted; bad
grants refused before any request."""

from __future__ import annotations

import json
import os
import stat

import pytest

from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.spaces_key import SPACES_KEY

SITE_RW = {"bucket": "site", "permission": "readwrite"}
LOGS_R = {"bucket": "logs", "permission": "read"}


def key(simulator, check_mode=False, **options):
    return run(simulator, SPACES_KEY, "spaces_key", check_mode=check_mode, **options)


def test_key_lifecycle_secret_once_masked_and_kept_in_a_0600_file(simulator, tmp_path):
    secret_path = str(tmp_path / "deploy.json")
    planned = key(simulator, check_mode=True, name="deploy", grants=[SITE_RW], secret_path=secret_path)
    assert planned.result["plan"]["action"] == "create" and planned.mutating == []
    assert not os.path.exists(secret_path)

    created = key(simulator, name="deploy", grants=[SITE_RW, SITE_RW], secret_path=secret_path)
    issued = created.result["spaces_key"]
    assert created.mutating == ["POST /v2/spaces/keys"] and created.result["changed"]
    assert issued["secret_key"] in created.masked
    assert issued["secret_key"] not in json.dumps({k: created.result[k] for k in ("plan", "diff")})
    assert stat.S_IMODE(os.stat(secret_path).st_mode) == 0o600
    with open(secret_path) as stream:
        assert json.load(stream) == {"access_key_id": issued["access_key"], "secret_access_key": issued["secret_key"]}
    assert os.listdir(str(tmp_path)) == ["deploy.json"]  # no temporary file left
    assert SPACES_KEY.public == ("access_key",)  # the module does not mask the identifier

    again = key(simulator, name="deploy", grants=[SITE_RW], secret_path=secret_path)
    assert again.mutating == [] and not again.result["changed"] and "secret_key" not in again.result["spaces_key"]
    assert again.warnings == []

    # Grants changed behind Ansible's back show as drift in check mode.
    simulator.api("PUT", "/v2/spaces/keys/" + issued["access_key"], json={"grants": [LOGS_R]})
    drift = key(simulator, check_mode=True, name="deploy", grants=[SITE_RW, LOGS_R])
    assert drift.mutating == [] and drift.result["plan"]["action"] == "update"
    assert drift.result["plan"]["changes"]["grants"]["before"] == [LOGS_R]
    assert drift.result["plan"]["changes"]["grants"]["after"] == [LOGS_R, SITE_RW]

    updated = key(simulator, name="deploy", grants=[LOGS_R, SITE_RW])
    assert updated.mutating == ["PUT /v2/spaces/keys/" + issued["access_key"]]
    assert updated.result["spaces_key"]["grants"] == [LOGS_R, SITE_RW]

    renamed = key(simulator, access_key=issued["access_key"], name="deploy-2")
    assert renamed.mutating == ["PUT /v2/spaces/keys/" + issued["access_key"]]
    assert renamed.result["spaces_key"]["name"] == "deploy-2"
    assert len(renamed.result["spaces_key"]["grants"]) == 2  # the rename kept the grants

    listed = run_info(simulator, SPACES_KEY, "spaces_key_info", filters={"name": "deploy-2"})
    assert [k["access_key"] for k in listed.result["spaces_keys"]] == [issued["access_key"]]
    assert "secret_key" not in json.dumps(listed.result)

    gone = key(simulator, name="deploy-2", state="absent")
    assert gone.mutating == ["DELETE /v2/spaces/keys/" + issued["access_key"]]
    assert key(simulator, name="deploy-2", state="absent").mutating == []


def test_existing_key_cannot_give_its_secret_again(simulator, tmp_path):
    key(simulator, name="ci", grants=[LOGS_R])
    again = key(simulator, name="ci", grants=[LOGS_R], secret_path=str(tmp_path / "ci.json"))
    assert again.mutating == [] and "only when the key is created" in again.warnings[0]


def test_full_access_and_ambiguous_names(simulator):
    full = key(simulator, name="admin", grants=[{"permission": "fullaccess"}])
    assert full.result["spaces_key"]["grants"] == [{"bucket": "", "permission": "fullaccess"}]
    assert key(simulator, name="admin", grants=[{"permission": "fullaccess"}]).mutating == []
    with pytest.raises(PlanError, match="cannot turn a full access key"):
        key(simulator, name="admin", grants=[LOGS_R])
    simulator.api("POST", "/v2/spaces/keys", json={"name": "admin", "grants": [LOGS_R]})
    with pytest.raises(PlanError, match="access_key"):
        key(simulator, name="admin", grants=[LOGS_R])


@pytest.mark.parametrize("options, message", [
    (dict(name="x", grants=[{"bucket": "site", "permission": "write"}]), r"grants\[0\].permission must be one of"),
    (dict(name="x", grants=[{"permission": "read"}]), r"grants\[0\].bucket is required"),
    (dict(name="x", grants=[{"bucket": "site", "permission": "fullaccess"}]), "leave bucket unset"),
    (dict(name="x", grants=[{"permission": "fullaccess"}, SITE_RW]), "cannot be mixed"),
    (dict(name="", grants=[]), "name must not be empty"),
    (dict(name="x", secret_path="/nonexistent-dir/k.json"), "secret_path: the directory"),
])
def test_bad_input_refused_before_any_request(simulator, options, message):
    with pytest.raises(PlanError, match=message):
        key(simulator, **options)
    assert simulator.requests() == []
