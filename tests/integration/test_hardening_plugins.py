"""Hardening of the connection options and of what the plugins show, through ansible-playbook and
ansible-inventory against the simulator.

The token and api_url reach a module, the resource lookup and the inventory plugin the way users
give them (a trailing newline from a vault or a ``token: |`` block, credentials in the URL, a port
out of range), at -vvv; no output may show a token or a password. The inventory cache follows the
token, the resource lookup masks the API's secrets unless asked for them, and the drift report
counts a no_log task that would change.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, ansible_env
from tests.helpers import new_cluster

PLUGIN = "fathom.digitalocean.droplets"
CANARY_LEFT = "CANARYLEFT-5d2a7f"
CANARY_RIGHT = "CANARYRIGHT-91be3c"
URL_PASSWORD = "URLPASSWORD-0c4e8b"
NO_TOKEN = "No DigitalOcean API token"
HIDDEN = "details hidden by no_log"


def closed_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_inventory(simulator, tmp_path, config, env=None, verbosity=3, name="hardening.droplets.yml"):
    """ansible-inventory --list with the config; a source that fails to parse fails the command."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(dict({"plugin": PLUGIN}, **config), sort_keys=False))
    command = [str(Path(sys.executable).parent / "ansible-inventory"), "-i", str(path), "--list"]
    command += ["-" + "v" * verbosity] if verbosity else []
    environment = ansible_env(simulator, dict({"ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "1"}, **(env or {})))
    return subprocess.run(command, cwd=str(REPO), env=environment, capture_output=True, text=True, timeout=300,
                          check=False)


def hosts_of(completed):
    data = json.loads(completed.stdout)
    return sorted(data.get("_meta", {}).get("hostvars", {}))


def connection_run(playbook, verbosity=0, module=True, **options):
    """A resource lookup and a module task with the same connection options, as a user gives them:
    the lookup's through variables (Jinja would read escapes in a string literal differently from
    YAML), the module's in its arguments. The module comes last: Ansible shows the playbook lines
    above a failed task, which must not be the module's own values."""
    arguments = "".join(", %s=option_%s" % (key, key) for key in sorted(options))
    tasks = [{"name": "resource lookup", "ignore_errors": True, "ansible.builtin.debug": {
        "msg": "{{ query('fathom.digitalocean.resource', 'tags', attribute='name'%s) }}" % arguments}}]
    if module:
        tasks.append({"name": "module", "ignore_errors": True, "fathom.digitalocean.tag": dict(options, name="web")})
    return playbook(tasks, verbosity=verbosity,
                    play_vars={"option_%s" % key: value for key, value in options.items()})


def outputs(*runs):
    return "\n".join(run.stdout + "\n" + run.stderr for run in runs)


def assert_nowhere(text, *secrets):
    for secret in secrets:
        assert secret not in text, "%r leaked" % secret


# -- 1. a token with surrounding whitespace ------------------------------------------------------------


@pytest.mark.parametrize("around", [("", "\n"), ("  ", " \r\n"), ("\t", "\n\n")],
                         ids=["trailing-newline", "crlf-and-spaces", "tab-and-newlines"])
def test_token_with_surrounding_whitespace_is_stripped(simulator, playbook, tmp_path, around):
    assert simulator.api("POST", "/v2/tags", json={"name": "web"})[0] == 201
    token = around[0] + simulator.token + around[1]
    run = connection_run(playbook, verbosity=3, token=token)
    assert run.status("module") == "ok", run.result("module")
    assert run.result("resource lookup")["msg"] == ["web"]
    inventory = run_inventory(simulator, tmp_path, {"token": token})
    assert inventory.returncode == 0, inventory.stderr
    assert_nowhere(outputs(run, inventory), "Invalid header", "Bearer", simulator.token)


def test_token_given_as_a_yaml_block_is_stripped(simulator, playbook):
    run = playbook([{"name": "module", "fathom.digitalocean.tag": {"name": "web", "token": "{{ block_token }}"}}],
                   play_vars={"block_token": simulator.token + "\n"})
    assert run.status("module") == "changed", run.result("module")


@pytest.mark.parametrize("inner", [" ", "\n", "\x07", "\x00", "\u00a0"],
                         ids=["space", "newline", "bell", "nul", "no-break-space"])
def test_token_with_inner_whitespace_or_control_character_is_refused_unseen(simulator, playbook, tmp_path, inner):
    token = CANARY_LEFT + inner + CANARY_RIGHT + "\n"
    run = connection_run(playbook, verbosity=3, token=token)
    inventory = run_inventory(simulator, tmp_path, {"token": token})
    for message in (run.result("module")["msg"], run.result("resource lookup")["msg"], inventory.stderr):
        assert "token" in message
        assert "whitespace or control character" in message or "not ASCII" in message, message
    assert run.status("module") == "failed" and run.status("resource lookup") == "failed"
    assert inventory.returncode != 0
    assert_nowhere(outputs(run, inventory), CANARY_LEFT, CANARY_RIGHT, "Invalid header")
    assert simulator.requests() == []


def test_whitespace_only_token_is_no_token(simulator, playbook, tmp_path):
    run = connection_run(playbook, token=" \r\n")
    assert NO_TOKEN in run.result("module")["msg"]
    assert NO_TOKEN in run.result("resource lookup")["msg"]
    inventory = run_inventory(simulator, tmp_path, {"token": "\n"})
    assert inventory.returncode != 0 and NO_TOKEN in inventory.stderr
    assert simulator.requests() == []


# -- 2. credentials in api_url -------------------------------------------------------------------------


@pytest.mark.parametrize("reachable", [True, False], ids=["simulator", "closed-port"])
def test_credentials_in_api_url_are_refused_unseen(simulator, playbook, tmp_path, reachable):
    port = simulator.url.rsplit(":", 1)[1] if reachable else closed_port()
    api_url = "http://admin:%s@127.0.0.1:%s" % (URL_PASSWORD, port)
    run = connection_run(playbook, verbosity=3, api_url=api_url, api_retries=0)
    lookup = connection_run(playbook, verbosity=3, module=False, api_url=api_url, api_retries=0)
    inventory = run_inventory(simulator, tmp_path, {"api_url": api_url, "api_retries": 0})
    for message in (run.result("module")["msg"], run.result("resource lookup")["msg"], inventory.stderr):
        assert "api_url must not hold credentials" in message, message
        assert "token option" in message
    assert run.status("module") == "failed" and inventory.returncode != 0
    # Not even the module's invocation at -vvv shows the password.
    assert_nowhere(outputs(run, lookup, inventory), URL_PASSWORD)
    assert simulator.requests() == []


# -- 3. a port out of range, timeout and retries ---------------------------------------------------------


@pytest.mark.parametrize("port", ["99999", "0", "http"])
def test_api_url_port_out_of_range_is_a_clear_error(simulator, playbook, tmp_path, port):
    api_url = "http://127.0.0.1:%s" % port
    run = connection_run(playbook, api_url=api_url)
    inventory = run_inventory(simulator, tmp_path, {"api_url": api_url}, verbosity=0)
    for message in (run.result("module")["msg"], run.result("resource lookup")["msg"], inventory.stderr):
        assert "api_url" in message and "port" in message, message
        assert "Traceback" not in message
    assert inventory.returncode != 0
    assert simulator.requests() == []


@pytest.mark.parametrize("option, value, least", [("timeout", 0, 1), ("timeout", -5, 1), ("api_retries", -1, 0)])
def test_plugins_refuse_timeout_and_retries_below_least(simulator, playbook, tmp_path, option, value, least):
    run = connection_run(playbook, module=False, **{option: value})
    inventory = run_inventory(simulator, tmp_path, {option: value}, verbosity=0)
    expected = "%s must be at least %d, got %d" % (option, least, value)
    assert expected in run.result("resource lookup")["msg"]
    assert inventory.returncode != 0 and expected in inventory.stderr
    assert simulator.requests() == []


# -- 5. the inventory cache follows the token ------------------------------------------------------------


def test_inventory_cache_is_keyed_on_the_token_and_never_stores_it(simulator, tmp_path):
    simulator.seed(count=2, name_prefix="web")
    cache = tmp_path / "cache"
    config = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(cache),
              "cache_timeout": 3600}
    first = run_inventory(simulator, tmp_path, config, verbosity=0)
    assert first.returncode == 0, first.stderr
    assert hosts_of(first) == ["web-1", "web-2"]
    simulator.clear_requests()

    again = run_inventory(simulator, tmp_path, config, verbosity=0)
    assert hosts_of(again) == ["web-1", "web-2"]
    assert simulator.requests() == [], "the same token is served from the cache"
    stripped = run_inventory(simulator, tmp_path, dict(config, token=simulator.token + "\n"), verbosity=0)
    assert hosts_of(stripped) == ["web-1", "web-2"]
    assert simulator.requests() == [], "the same token with a newline is the same token"

    revoked = "revoked-%s-token" % CANARY_LEFT
    other = run_inventory(simulator, tmp_path, config, env={"DIGITALOCEAN_ACCESS_TOKEN": revoked}, verbosity=0)
    assert other.returncode != 0, "another token was served the cached hosts: %s" % other.stdout
    assert "401" in other.stderr
    assert [r["path"] for r in simulator.requests()] == ["/v2/droplets"]

    files = [path for path in cache.rglob("*") if path.is_file()]
    assert files
    for path in files:
        assert_nowhere(path.read_text(errors="replace"), simulator.token, revoked)


# -- 6. the resource lookup masks secrets ----------------------------------------------------------------


def cluster_named(simulator, name="backend"):
    """A new database cluster, online, as the API shows it (with its password and URI)."""
    status, body = simulator.api("GET", "/v2/databases/%s" % new_cluster(simulator, name=name))
    assert status == 200, body
    return body["database"]


def test_resource_lookup_masks_secrets_unless_asked(simulator, playbook):
    cluster = cluster_named(simulator)
    password, uri = cluster["connection"]["password"], cluster["connection"]["uri"]
    assert password and uri
    run = playbook([
        {"name": "clusters", "ansible.builtin.debug": {
            "msg": "{{ query('fathom.digitalocean.resource', 'database_clusters') }}"}},
        {"name": "uris", "ansible.builtin.debug": {
            "msg": "{{ query('fathom.digitalocean.resource', 'databases', attribute='connection.uri') }}"}},
        {"name": "secrets", "no_log": True, "ansible.builtin.set_fact": {
            "clusters": "{{ query('fathom.digitalocean.resource', 'databases', include_secrets=true) }}"}},
        {"name": "password", "ansible.builtin.debug": {
            "msg": "{{ clusters[0].connection.password == expected }}"}},
    ], play_vars={"expected": password}, verbosity=3)
    assert run.returncode == 0, run.stdout
    shown = run.result("clusters")["msg"][0]
    assert shown["name"] == "backend"
    assert shown["connection"]["password"] == "(sensitive)"
    assert shown["connection"]["uri"] == "(sensitive)"
    assert shown["connection"]["user"] == cluster["connection"]["user"]
    assert run.result("uris")["msg"] == ["(sensitive)"]
    assert run.result("password")["msg"] is True
    everything = json.dumps(run.records) + run.stdout + run.stderr
    assert password not in everything.replace(json.dumps(password), "")  # only the play's own variable
    assert_nowhere(everything, uri)


# -- 7. the drift report counts no_log tasks ----------------------------------------------------------------


def report_env(tmp_path, **extra):
    return dict({"ANSIBLE_CALLBACKS_ENABLED": "result_capture,fathom.digitalocean.drift_report",
                 "DRIFT_REPORT_DIR": str(tmp_path / "report")}, **extra)


def test_drift_report_counts_a_changed_no_log_task_as_hidden_drift(simulator, playbook, tmp_path):
    cluster_id = new_cluster(simulator)
    status, body = simulator.api("POST", "/v2/databases/%s/users" % cluster_id, json={"name": "app"})
    assert status == 201, body
    simulator.settle()
    simulator.clear_requests()
    tasks = [
        {"name": "reset the app password", "no_log": True, "fathom.digitalocean.database_user": {
            "cluster_name": "backend", "name": "app", "reset_password": True}},
        {"name": "unchanged tag", "no_log": True, "fathom.digitalocean.tag": {"name": "absent-tag", "state": "absent"}},
    ]
    run = playbook(tasks, check=True, env=report_env(tmp_path, DRIFT_REPORT_FAIL_ON_DRIFT="1"))
    assert simulator.mutating_requests() == []
    assert run.result("reset the app password")["censored"]
    assert run.returncode == 2, run.stdout + run.stderr

    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    assert report["resources"] == [{
        "kind": "database_user", "identity": {"name": "app"}, "id": None, "host": "localhost",
        "task": "reset the app password", "action": "unknown", "changes": {}, "note": HIDDEN}]
    assert report["summary"]["unknown"] == 1 and report["summary"]["drift"] == 1
    markdown = (tmp_path / "report" / "drift.md").read_text()
    page = (tmp_path / "report" / "drift.html").read_text()
    assert "database_user app" in markdown and HIDDEN in markdown
    assert "database_user app" in page and HIDDEN in page
    assert "1 changed with details hidden by no_log" in run.stdout
    assert_nowhere(markdown + page + json.dumps(report), "backend", "reset_password")


def test_drift_report_hidden_task_without_name_shows_its_kind(simulator, playbook, tmp_path):
    tasks = [{"name": "secret tag", "no_log": True, "fathom.digitalocean.tag": {"name": "{{ tag_name }}"}},
             {"name": "secret loop", "no_log": True, "fathom.digitalocean.tag": {"name": "{{ item }}"},
              "loop": ["one", "two"]}]
    run = playbook(tasks, check=True, env=report_env(tmp_path), play_vars={"tag_name": "hidden"})
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    assert [(r["kind"], r["action"], r["task"]) for r in report["resources"]] == [
        ("tag", "unknown", "secret tag"), ("tag", "unknown", "secret loop"), ("tag", "unknown", "secret loop")]
    assert report["summary"]["drift"] == 3
