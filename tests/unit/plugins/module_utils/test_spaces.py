# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The space module's runner (module_utils/spaces.py) against a real S3 protocol server (moto):
created with its settings, found again with 0 mutating S3 requests, updated (acl, versioning, CORS,
lifecycle, policy), drift made behind its back shown in check mode, deleted (refused when not empty
without force_destroy); bad input refused before any S3 request."""

from __future__ import annotations

import json

import pytest

from spaces_support import run_space, spaces_params

from ansible_collections.fathom.digitalocean.plugins.module_utils import spaces
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
# The fixtures, imported so that pytest finds them.
from tests.s3_server import s3_server, s3_session_server  # noqa: F401 pylint: disable=unused-import

CORS = [{"allowed_origins": ["https://example.com"], "allowed_methods": ["GET", "HEAD"], "max_age_seconds": 3600}]
LIFECYCLE = [{"id": "tmp", "prefix": "tmp/", "expiration_days": 7, "abort_incomplete_multipart_days": 1}]


def policy(*actions):
    return {"Version": "2012-10-17", "Statement": [{
        "Sid": "read", "Effect": "Allow", "Principal": "*", "Action": list(actions),
        "Resource": ["arn:aws:s3:::site/*"]}]}


def s3(server):
    return spaces.SpacesClient(spaces_params("space", server, name="x")).s3


def test_space_lifecycle(s3_server):
    planned = run_space(s3_server, check_mode=True, name="site", acl="public-read", cors=CORS)
    assert planned.result["plan"]["action"] == "create" and planned.mutating == []
    created = run_space(s3_server, name="site", acl="public-read", versioning=False, cors=CORS, lifecycle=LIFECYCLE)
    assert created.mutating == ["CreateBucket", "PutBucketCors", "PutBucketLifecycleConfiguration"]
    assert created.result["space"]["endpoint"] == "https://site.nyc3.digitaloceanspaces.com"

    same = dict(name="site", acl="public-read", versioning=False, cors=CORS, lifecycle=LIFECYCLE,
                policy=json.dumps(policy("s3:GetObject")))
    first = run_space(s3_server, **same)
    assert first.mutating == ["PutBucketPolicy"]
    again = run_space(s3_server, **dict(same, policy=policy("s3:GetObject")))
    assert again.mutating == [] and not again.result["changed"] and again.result["plan"]["action"] == "none"

    updated = run_space(s3_server, name="site", acl="private", versioning=True, lifecycle=[
        dict(LIFECYCLE[0], expiration_days=30)], cors=CORS + [{"allowed_origins": ["*"], "allowed_methods": ["GET"]}],
        policy=policy("s3:GetObject", "s3:ListBucket"))
    assert sorted(updated.mutating) == sorted(["PutBucketAcl", "PutBucketVersioning", "PutBucketCors",
                                               "PutBucketLifecycleConfiguration", "PutBucketPolicy"])
    changes = updated.result["plan"]["changes"]
    assert changes["acl"] == {"before": "public-read", "after": "private", "via": "PutBucketAcl"}
    assert changes["versioning"]["after"] is True and changes["lifecycle"]["before"][0]["expiration_days"] == 7
    assert updated.result["diff"]["after"]["acl"] == "private"

    # A CORS rule added behind Ansible's back is drift, shown in check mode and taken back.
    client = s3(s3_server)
    client.put_bucket_cors(Bucket="site", CORSConfiguration={"CORSRules": [
        {"AllowedOrigins": ["https://evil.example"], "AllowedMethods": ["PUT"]}]})
    drift = run_space(s3_server, check_mode=True, name="site", cors=CORS)
    assert drift.mutating == [] and drift.result["plan"]["action"] == "update"
    assert drift.result["plan"]["changes"]["cors"]["before"][0]["allowed_origins"] == ["https://evil.example"]
    assert run_space(s3_server, name="site", cors=CORS).mutating == ["PutBucketCors"]
    assert run_space(s3_server, name="site", cors=[], lifecycle=[]).mutating == [
        "DeleteBucketCors", "DeleteBucketLifecycle"]

    client.put_object(Bucket="site", Key="index.html", Body=b"hi")
    with pytest.raises(PlanError, match="not empty: set force_destroy"):
        run_space(s3_server, name="site", state="absent")
    with pytest.raises(PlanError, match="not empty"):
        run_space(s3_server, check_mode=True, name="site", state="absent")
    gone = run_space(s3_server, name="site", state="absent", force_destroy=True)
    assert gone.result["plan"]["action"] == "delete" and gone.mutating[-1] == "DeleteBucket"
    assert "DeleteObjects" in gone.mutating
    absent = run_space(s3_server, name="site", state="absent")
    assert absent.mutating == [] and not absent.result["changed"]


def test_space_info_lists_settings(s3_server):
    run_space(s3_server, name="logs", versioning=True)
    params = spaces_params("space_info", s3_server, name="logs")
    result = spaces.run_space_info(spaces.SpacesClient(params), "logs")
    assert result["spaces"] == [{"name": "logs", "region": "nyc3", "endpoint": "https://logs.nyc3.digitaloceanspaces.com",
                                 "acl": "private", "versioning": True, "cors": [], "lifecycle": [], "policy": {}}]


def test_policy_compared_by_meaning():
    one = {"Statement": {"Action": "s3:GetObject", "Effect": "Allow"}, "Version": "2012-10-17"}
    other = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"]}]}
    assert spaces.equal("policy", one, other)
    assert not spaces.equal("policy", one, {"Version": "2012-10-17", "Statement": []})


@pytest.mark.parametrize("options, message", [
    (dict(name="Bad_Name"), "name: 'Bad_Name' is not a Space name"),
    (dict(name="ab"), "is not a Space name"),
    (dict(name="site", region="nyc1"), "region must be one of"),
    (dict(name="site", policy="{not json"), "policy is not JSON"),
    (dict(name="site", policy="[1]"), "policy must be a JSON object"),
    (dict(name="site", lifecycle=[{"id": "x", "prefix": "tmp/"}]), r"lifecycle\[0\] \(x\) has no action"),
    (dict(name="site", lifecycle=[{"id": "x", "expiration_days": 0}]), "must be at least 1"),
    (dict(name="site", cors=[{"allowed_origins": ["*"], "allowed_methods": ["FETCH"]}]),
     r"cors\[0\].allowed_methods must list methods among"),
])
def test_bad_input_refused_before_any_request(s3_server, options, message):
    params = spaces_params("space", s3_server, **options)
    client = spaces.SpacesClient(params)
    with pytest.raises(PlanError, match=message):
        spaces.SpaceRunner(client, params).run()
    assert client.calls == []


def test_missing_credentials_are_named(s3_server):
    params = spaces_params("space", s3_server, name="site", spaces_secret_key=None)
    with pytest.raises(PlanError, match="spaces_access_key and spaces_secret_key are required"):
        spaces.SpacesClient(params)
