"""Spaces through Ansible: a key from the simulator's API, a bucket and objects on the S3 server (moto),
with that key's credentials. The secret key never appears in any output, diff, result or drift report;
a CORS rule added behind Ansible's back shows in the drift report of a --check --diff run; without
boto3 the S3 modules fail with a clear message while the API modules still run."""

from __future__ import annotations

import json

# The fixtures, imported so that pytest finds them.
from tests.s3_server import s3_server, s3_session_server  # noqa: F401 pylint: disable=unused-import


def report_env(tmp_path):
    return {"ANSIBLE_CALLBACKS_ENABLED": "result_capture,fathom.digitalocean.drift_report",
            "DRIFT_REPORT_DIR": str(tmp_path / "report")}


def test_key_bucket_objects_secret_hidden_and_drift_reported(simulator, playbook, s3_server, tmp_path):
    secret_path = tmp_path / "site-key.json"
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>hi</h1>")
    s3 = {"region": "nyc3", "spaces_endpoint": s3_server.url}
    cors = [{"allowed_origins": ["https://example.com"], "allowed_methods": ["GET"]}]
    tasks = [
        {"name": "key", "fathom.digitalocean.spaces_key": {
            "name": "site", "grants": [{"bucket": "site", "permission": "readwrite"}],
            "secret_path": str(secret_path)}, "register": "key"},
        {"name": "creds", "ansible.builtin.set_fact": {
            "creds": "{{ lookup('ansible.builtin.file', '%s') | from_json }}" % secret_path}, "no_log": True},
        {"name": "bucket", "fathom.digitalocean.space": dict(s3, name="site", acl="public-read", cors=cors,
                                                             spaces_access_key="{{ creds.access_key_id }}",
                                                             spaces_secret_key="{{ creds.secret_access_key }}")},
        {"name": "files", "fathom.digitalocean.space_object": dict(s3, bucket="site", src=str(site) + "/",
                                                                   spaces_access_key="{{ creds.access_key_id }}",
                                                                   spaces_secret_key="{{ creds.secret_access_key }}")},
    ]
    first = playbook(tasks, diff=True, verbosity=2)
    assert first.returncode == 0, first.stdout + first.stderr
    secret = json.loads(secret_path.read_text())["secret_access_key"]
    key = first.result("key")["spaces_key"]
    assert key["access_key"].startswith("DO") and key["secret_key"] != secret  # masked in the result
    assert first.result("files")["space_object"]["uploaded"] == ["index.html"]

    # Behind Ansible's back: a second CORS rule.
    import boto3
    client = boto3.client("s3", endpoint_url=s3_server.url, region_name="nyc3", aws_access_key_id="x",
                          aws_secret_access_key="y")
    client.put_bucket_cors(Bucket="site", CORSConfiguration={"CORSRules": [
        {"AllowedOrigins": ["https://example.com"], "AllowedMethods": ["GET"]},
        {"AllowedOrigins": ["*"], "AllowedMethods": ["PUT"]}]})
    simulator.clear_requests()
    second = playbook(tasks, check=True, diff=True, env=report_env(tmp_path))
    assert second.returncode == 0, second.stdout + second.stderr
    assert simulator.mutating_requests() == []
    assert second.status("key") == "ok" and second.status("files") == "ok"
    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    drifted = {resource["task"]: resource for resource in report["resources"] if resource["action"] != "none"}
    assert set(drifted) == {"bucket"} and drifted["bucket"]["action"] == "update"
    assert "cors" in json.dumps(drifted["bucket"]) and "PUT" in json.dumps(drifted["bucket"])

    everything = [first.stdout, first.stderr, second.stdout, second.stderr, json.dumps(first.records),
                  json.dumps(second.records)]
    everything += [path.read_text() for path in (tmp_path / "report").iterdir() if path.is_file()]
    leaks = [index for index, text in enumerate(everything) if secret in text]
    assert leaks == []


def test_without_boto3_the_s3_modules_say_so_and_the_others_run(simulator, playbook, s3_server, tmp_path):
    hidden = tmp_path / "hide" / "boto3"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError('No module named boto3')\n")
    run = playbook([
        {"name": "key", "fathom.digitalocean.spaces_key": {"name": "ci", "grants": []}},
        {"name": "bucket", "fathom.digitalocean.space": {"name": "site", "region": "nyc3",
                                                         "spaces_endpoint": s3_server.url,
                                                         "spaces_access_key": "DOTESTKEY", "spaces_secret_key": "test-secret-value"},
         "ignore_errors": True},
    ], env={"PYTHONPATH": str(tmp_path / "hide")})
    assert run.status("key") == "changed", run.stdout
    failure = run.result("bucket")
    assert run.status("bucket") == "failed", failure
    assert "boto3" in failure["msg"] and "pip install boto3" in failure["msg"]
