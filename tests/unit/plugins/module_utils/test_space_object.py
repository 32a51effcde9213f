# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The space_object module's runner (module_utils/spaces.py) against a real S3 protocol server:
content, a file and a directory uploaded, found unchanged by ETag (multipart uploads included) with 0
mutating S3 requests, one changed file uploaded alone, extra keys deleted under a prefix, check mode
reporting without sending, objects deleted; bad input refused before any S3 request."""

from __future__ import annotations

import hashlib
import os

import pytest

from spaces_support import S3Run, run_space, spaces_params

from ansible_collections.fathom.digitalocean.plugins.module_utils import spaces
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
# The fixtures, imported so that pytest finds them.
from tests.s3_server import s3_server, s3_session_server  # noqa: F401 pylint: disable=unused-import


def put(server, check_mode=False, **options):
    options.setdefault("bucket", "site")
    params = spaces_params("space_object", server, **options)
    client = spaces.SpacesClient(params)
    return S3Run(spaces.ObjectRunner(client, params, check_mode=check_mode).run(), client)


def site(tmp_path):
    root = tmp_path / "site"
    (root / "css").mkdir(parents=True)
    (root / "index.html").write_text("<h1>hello</h1>")
    (root / "css" / "main.css").write_text("h1 {color: red}")
    return root


def test_directory_sync_uploads_changes_only_and_deletes_extras(s3_server, tmp_path):
    run_space(s3_server, name="site")
    root = site(tmp_path)
    planned = put(s3_server, check_mode=True, src=str(root), acl="public-read")
    assert planned.mutating == [] and planned.result["space_object"]["uploaded"] == ["css/main.css", "index.html"]
    assert planned.result["plan"]["action"] == "create"
    first = put(s3_server, src=str(root), acl="public-read", cache_control="max-age=60")
    assert sorted(first.mutating) == ["PutObject", "PutObject"] and first.result["changed"]
    client = spaces.SpacesClient(spaces_params("space_object", s3_server, bucket="site")).s3
    head = client.head_object(Bucket="site", Key="css/main.css")
    assert head["ContentType"] == "text/css" and head["CacheControl"] == "max-age=60"

    again = put(s3_server, src=str(root), acl="public-read", cache_control="max-age=60")
    assert again.mutating == [] and not again.result["changed"] and again.calls == ["ListObjectsV2"]

    (root / "index.html").write_text("<h1>hello again</h1>")
    client.put_object(Bucket="site", Key="old.html", Body=b"old")
    client.put_object(Bucket="site", Key="assets-outside/keep.txt", Body=b"x")
    drift = put(s3_server, check_mode=True, src=str(root), delete=True, prefix="")
    changes = drift.result["plan"]["changes"]
    assert drift.mutating == [] and set(changes) == {"index.html", "old.html", "assets-outside/keep.txt"}
    assert changes["index.html"]["after"] == hashlib.md5(b"<h1>hello again</h1>").hexdigest()
    assert changes["old.html"]["after"] is None and changes["old.html"]["via"] == "DeleteObject"

    synced = put(s3_server, src=str(root / "**" / "*.html"), prefix="", delete=False)
    assert synced.result["space_object"]["uploaded"] == ["index.html"] and synced.mutating == ["PutObject"]

    under = put(s3_server, src=str(root / "css"), prefix="css/", delete=True)
    assert under.mutating == [] and under.result["space_object"]["deleted"] == []
    client.put_object(Bucket="site", Key="css/stale.css", Body=b"x")
    pruned = put(s3_server, src=str(root / "css"), prefix="css/", delete=True)
    assert pruned.result["space_object"]["deleted"] == ["css/stale.css"] and pruned.mutating == ["DeleteObjects"]

    gone = put(s3_server, prefix="css/", state="absent")
    assert gone.result["space_object"]["deleted"] == ["css/main.css"]
    assert put(s3_server, prefix="css/", state="absent").mutating == []


def test_a_missing_space_is_planned_as_empty_in_check_mode_and_an_error_otherwise(s3_server, tmp_path):
    root = site(tmp_path)
    planned = put(s3_server, check_mode=True, bucket="new-site", src=str(root))
    assert planned.result["space_object"]["uploaded"] == ["css/main.css", "index.html"] and planned.mutating == []
    with pytest.raises(PlanError, match="the Space new-site does not exist in nyc3"):
        put(s3_server, bucket="new-site", src=str(root))


def test_content_and_single_file(s3_server, tmp_path):
    run_space(s3_server, name="site")
    created = put(s3_server, key="robots.txt", content="User-agent: *\n")
    assert created.mutating == ["PutObject"] and created.result["plan"]["action"] == "create"
    assert put(s3_server, key="robots.txt", content="User-agent: *\n").mutating == []
    assert put(s3_server, key="robots.txt", content="User-agent: *\n", cache_control="no-cache").mutating == [
        "PutObject"]
    assert put(s3_server, key="robots.txt", content="Disallow: /\n").result["plan"]["action"] == "update"
    path = tmp_path / "data.json"
    path.write_text('{"a": 1}')
    assert put(s3_server, src=str(path), prefix="api/").result["space_object"]["uploaded"] == ["api/data.json"]
    assert put(s3_server, src=str(path), prefix="api/", compare="size_mtime").mutating == []
    removed = put(s3_server, key="robots.txt", state="absent")
    assert removed.mutating == ["DeleteObjects"] and removed.result["plan"]["action"] == "delete"
    assert put(s3_server, key="robots.txt", state="absent").mutating == []


def test_multipart_etag_compared(tmp_path):
    data = os.urandom(9 * 1024 * 1024)
    parts = [data[:8 * 1024 * 1024], data[8 * 1024 * 1024:]]
    etag = '"%s-2"' % hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest()
    assert spaces.same_etag(data, len(data), etag)
    assert not spaces.same_etag(data[:-1] + b"x", len(data), etag)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    assert spaces.same_etag(str(path), len(data), etag)


@pytest.mark.parametrize("options, message", [
    (dict(bucket="Bad", key="a", content="x"), "bucket: 'Bad' is not a Space name"),
    (dict(key="a"), "exactly one of src and content"),
    (dict(content="x"), "key is required with content"),
    (dict(key="/a", content="x"), "without a leading /"),
    (dict(state="absent"), "needs key, or prefix"),
    (dict(key="a", content="x", delete=True), "delete applies to a directory"),
    (dict(src="/nonexistent/dir/"), "src: /nonexistent/dir/ does not exist"),
    (dict(key="a", content="x", region="mars1"), "region must be one of"),
])
def test_bad_input_refused_before_any_request(s3_server, options, message):
    options.setdefault("bucket", "site")
    params = spaces_params("space_object", s3_server, **options)
    client = spaces.SpacesClient(params)
    with pytest.raises(PlanError, match=message):
        spaces.ObjectRunner(client, params).run()
    assert client.calls == []
