"""Token and secret hygiene: no secret in any output the collection produces.

A dedicated simulator accepts only a distinctive token, passed the way users do
(DIGITALOCEAN_ACCESS_TOKEN). Representative playbooks (one at -vvv), the drift report of a
--check --diff run, the inventory plugin with its cache and the lookups run against it; then every
captured stdout, stderr, result, diff, report file and cache file is searched for the token, the
database passwords the API generated, the user_data marker, the app's SECRET values and the private
key body. None may appear.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import PlaybookRun, REPO, ansible_env
from tests.conftest import SimulatorClient
from tests.helpers import self_signed_certificate
from tests.simulator.server import Simulator

TOKEN = "fathom-SECRET-token-5f1e9c"
USER_DATA_MARKER = "USERDATA-MARKER-8b41d7"
APP_SECRET = "APP-SECRET-VALUE-2c9f0a"
APP_SECRET_CHANGED = "APP-SECRET-VALUE-changed-77e1"
WEB = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}
CLUSTER = {"name": "backend", "engine": "pg", "version": "16", "size": "db-s-1vcpu-2gb", "num_nodes": 1,
           "region": "nyc3"}
IMAGE = {"registry_type": "DOCKER_HUB", "registry": "library", "repository": "nginx"}


@pytest.fixture(scope="module")
def secret_sim():
    server = Simulator(host="127.0.0.1", port=0, token=TOKEN, action_seconds=0.2, boot_seconds=0.3, realism=False,
                       strict=True)
    server.start()
    server.validator.wait_ready()
    client = SimulatorClient(server, server.url, TOKEN)
    try:
        yield client
    finally:
        client.http.close()
        server.stop()


@pytest.fixture
def sim(secret_sim):
    secret_sim.reset()
    return secret_sim


def pem_body_lines(pem):
    return [line for line in pem.strip().splitlines() if line and not line.startswith("-----")]


class Runner:
    """ansible-playbook / ansible-inventory against the secret simulator; keeps every output."""

    def __init__(self, sim, tmp_path):
        self.sim = sim
        self.tmp_path = tmp_path
        self.outputs = []  # (label, text)
        self.count = 0

    def env(self, extra=None):
        environment = ansible_env(self.sim, extra)
        assert environment["DIGITALOCEAN_ACCESS_TOKEN"] == TOKEN
        return environment

    def playbook(self, tasks, check=False, diff=False, verbosity=0, env=None):
        self.count += 1
        path = self.tmp_path / ("play%d.yml" % self.count)
        path.write_text(yaml.safe_dump([{"name": "secrets", "hosts": "localhost", "gather_facts": False,
                                         "tasks": tasks}], sort_keys=False))
        capture = self.tmp_path / ("results%d.json" % self.count)
        command = [str(Path(sys.executable).parent / "ansible-playbook"), str(path)]
        command += (["--check"] if check else []) + (["--diff"] if diff else [])
        command += ["-" + "v" * verbosity] if verbosity else []
        environment = self.env(env)
        environment["RESULT_CAPTURE_FILE"] = str(capture)
        completed = subprocess.run(command, cwd=str(REPO), env=environment, capture_output=True, text=True,
                                   timeout=600, check=False)
        captured = capture.read_text() if capture.exists() else "[]"
        self.outputs += [("playbook %d stdout" % self.count, completed.stdout),
                         ("playbook %d stderr" % self.count, completed.stderr),
                         ("playbook %d results" % self.count, captured)]
        return PlaybookRun(completed.returncode, completed.stdout, completed.stderr, json.loads(captured))

    def inventory(self, config, args=("--list",), verbosity=3):
        self.count += 1
        path = self.tmp_path / ("inv%d.droplets.yml" % self.count)
        path.write_text(yaml.safe_dump(dict({"plugin": "fathom.digitalocean.droplets"}, **config)))
        command = [str(Path(sys.executable).parent / "ansible-inventory"), "-i", str(path)] + list(args)
        command += ["-" + "v" * verbosity] if verbosity else []
        completed = subprocess.run(command, cwd=str(REPO), env=self.env(), capture_output=True, text=True,
                                   timeout=300, check=False)
        self.outputs += [("inventory %d stdout" % self.count, completed.stdout),
                         ("inventory %d stderr" % self.count, completed.stderr)]
        return completed

    def add_files(self, directory, label):
        files = [p for p in sorted(Path(directory).rglob("*")) if p.is_file()]
        for path in files:
            self.outputs.append(("%s %s" % (label, path.name), path.read_text(errors="replace")))
        return files

    def leaks(self, secrets):
        found = []
        for label, text in self.outputs:
            for secret_label, secret in secrets.items():
                if secret and secret in text:
                    found.append((label, secret_label))
        return found


def app_spec(secret):
    return {"name": "web-app", "services": [{"name": "api", "image": dict(IMAGE), "envs": [
        {"key": "MODE", "value": "prod"}, {"key": "API_SECRET", "value": secret, "type": "SECRET"}]}]}


def tasks(user_data, key_pem, cert_pem, app_secret, reset_password=False):
    return [
        {"name": "droplet", "fathom.digitalocean.droplet": dict(WEB, user_data=user_data)},
        {"name": "cluster", "fathom.digitalocean.database_cluster": dict(CLUSTER)},
        {"name": "user", "fathom.digitalocean.database_user": {"cluster_name": "backend", "name": "app",
                                                               "reset_password": reset_password}},
        {"name": "certificate", "fathom.digitalocean.certificate": {
            "name": "api-cert", "type": "custom", "private_key": key_pem, "leaf_certificate": cert_pem}},
        {"name": "app", "fathom.digitalocean.app": {"spec": app_spec(app_secret)}},
        {"name": "lookups", "ansible.builtin.debug": {"msg": {
            "names": "{{ query('fathom.digitalocean.resource', 'droplets', attribute='name') }}",
            "id": "{{ lookup('fathom.digitalocean.id', 'droplets', 'web-1') }}",
            "regions": "{{ query('fathom.digitalocean.resource', 'databases', attribute='region') }}",
        }}},
    ]


def database_passwords(sim):
    status, body = sim.api("GET", "/v2/databases")
    assert status == 200
    passwords = {}
    for cluster in body["databases"]:
        passwords["%s doadmin" % cluster["name"]] = cluster["connection"]["password"]
        status, users = sim.api("GET", "/v2/databases/%s/users" % cluster["id"])
        for user in users["users"]:
            if user.get("password"):
                passwords["%s user %s" % (cluster["name"], user["name"])] = user["password"]
    return passwords


def test_no_secret_in_playbook_output_diff_results_or_drift_report(sim, tmp_path):
    runner = Runner(sim, tmp_path)
    key_pem, cert_pem, _fingerprint = self_signed_certificate("api.example.com")
    user_data = "#cloud-config\nruncmd:\n  - echo %s\n" % USER_DATA_MARKER

    created = runner.playbook(tasks(user_data, key_pem, cert_pem, APP_SECRET), diff=True, verbosity=3)
    assert created.returncode == 0, created.stdout[-3000:] + created.stderr[-3000:]
    assert [r["status"] for r in created.records] == ["changed"] * 5 + ["ok"]
    passwords = database_passwords(sim)
    assert len(passwords) >= 2  # doadmin and app

    # The same tasks in --check --diff with the drift report: a reset password is drift, shown as
    # "(sensitive)"; a new SECRET value is passed in too.
    report_dir = tmp_path / "report"
    drift = runner.playbook(tasks(user_data, key_pem, cert_pem, APP_SECRET_CHANGED, reset_password=True),
                            check=True, diff=True, env={
                                "ANSIBLE_CALLBACKS_ENABLED": "result_capture,fathom.digitalocean.drift_report",
                                "DRIFT_REPORT_DIR": str(report_dir)})
    assert drift.returncode == 0, drift.stdout[-3000:] + drift.stderr[-3000:]
    assert drift.result("user")["plan"]["changes"]["password"]["after"] == "(sensitive)"
    reports = runner.add_files(report_dir, "drift report")
    assert {p.name for p in reports} >= {"drift.json", "drift.md"}
    assert "(sensitive)" in (report_dir / "drift.json").read_text()

    # The secrets did reach the API: the checks below search for values that exist.
    status, body = sim.api("GET", "/v2/certificates")
    assert [c["name"] for c in body["certificates"]] == ["api-cert"]
    assert any(USER_DATA_MARKER in (d.get("user_data") or "") for d in sim.state("droplets"))

    secrets = dict(passwords, token=TOKEN, user_data=USER_DATA_MARKER, app_secret=APP_SECRET,
                   app_secret_changed=APP_SECRET_CHANGED)
    secrets.update(("private key line %d" % i, line) for i, line in enumerate(pem_body_lines(key_pem)))
    assert runner.leaks(secrets) == []
    # -vvv did print the module invocations, with the secrets masked.
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in created.stdout


def test_no_secret_in_inventory_output_or_cache(sim, tmp_path):
    runner = Runner(sim, tmp_path)
    status, body = sim.api("POST", "/v2/droplets", json=dict(
        WEB, tags=["web"], user_data="#!/bin/sh\necho %s\n" % USER_DATA_MARKER))
    assert status == 202, body
    sim.seed(count=2, tags=["web"])
    cache = tmp_path / "cache"
    config = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(cache),
              "cache_timeout": 3600, "compose": {"ansible_user": "'root'"}}
    first = runner.inventory(config)
    assert first.returncode == 0, first.stderr
    second = runner.inventory(config, args=("--graph",))
    assert second.returncode == 0, second.stderr
    assert '"web-1"' in first.stdout and "web-1" in second.stdout
    files = runner.add_files(cache, "inventory cache")
    assert files, "the inventory wrote no cache file"
    # A wrong token is reported without echoing the (configured) token.
    wrong = runner.inventory({"token": "fathom-SECRET-wrong-3a7d"})
    assert "401" in wrong.stderr
    leaks = runner.leaks({"token": TOKEN, "wrong token": "fathom-SECRET-wrong-3a7d", "user_data": USER_DATA_MARKER})
    assert leaks == []


def closed_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_plain_http_refused_and_validate_certs_false_warns(sim, tmp_path):
    runner = Runner(sim, tmp_path)
    port = closed_port()
    run = runner.playbook([
        {"name": "plain http", "ignore_errors": True,
         "fathom.digitalocean.tag": {"name": "web", "api_url": "http://example.invalid"}},
        {"name": "no cert check", "ignore_errors": True,
         "fathom.digitalocean.tag": {"name": "web", "api_url": "https://127.0.0.1:%d" % port,
                                     "validate_certs": False, "api_retries": 0, "timeout": 2}},
        {"name": "plain http lookup", "ignore_errors": True, "ansible.builtin.debug": {
            "msg": "{{ query('fathom.digitalocean.resource', 'tags', api_url='http://example.invalid') }}"}},
    ])
    started = time.time()
    plain = run.result("plain http")
    assert run.status("plain http") == "failed"
    assert "Refusing to send the API token over plain http:// to example.invalid" in plain["msg"]
    assert "use https://" in plain["msg"]
    assert run.status("plain http lookup") == "failed"
    assert "Refusing to send the API token over plain http://" in run.result("plain http lookup")["msg"]

    unchecked = run.result("no cert check")
    assert run.status("no cert check") == "failed"
    assert "127.0.0.1:%d" % port in unchecked["msg"] or "Could not reach" in unchecked["msg"]
    warning = "validate_certs is false: the API's TLS certificate is not verified"
    assert any(warning in str(w) for w in unchecked.get("warnings", [])) or warning in run.stdout + run.stderr
    # Nothing reached the simulator, and the token is in no output.
    assert sim.requests() == []
    assert runner.leaks({"token": TOKEN}) == []
    assert time.time() - started < 60
