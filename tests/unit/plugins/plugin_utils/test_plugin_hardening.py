# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Controller side: the connection options the plugins share, what the resource lookup returns,
and how the drift report counts a task whose result no_log hid."""

from __future__ import annotations

import copy

import pytest
from ansible.errors import AnsibleError, AnsibleParserError

from fakes import TOKEN

from ansible_collections.fathom.digitalocean.plugins.callback.drift_report import (
    CallbackModule,
    render_html,
    render_markdown,
    summarize,
    summary_line,
)
from ansible_collections.fathom.digitalocean.plugins.lookup.resource import returned
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import API_URL_ENV_VAR, TOKEN_ENV_VARS
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, secrets_in, without_secrets
from ansible_collections.fathom.digitalocean.plugins.plugin_utils.base import build_client, connection_options

try:
    from ansible.template import is_trusted_as_template, trust_as_template
except ImportError:  # ansible-core < 2.19: every string is rendered unless it is AnsibleUnsafe
    from ansible.utils.unsafe_proxy import AnsibleUnsafe

    def trust_as_template(value):
        return value

    def is_trusted_as_template(value):
        return not isinstance(value, AnsibleUnsafe)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in TOKEN_ENV_VARS + (API_URL_ENV_VAR,):
        monkeypatch.delenv(name, raising=False)


def options(**given):
    values = dict({"token": None, "api_url": "https://api.digitalocean.com", "timeout": 30, "api_retries": 5,
                   "api_retry_max_delay": 30, "validate_certs": True}, **given)
    return values.get


# -- connection options ---------------------------------------------------------------------------------


def test_connection_options_strip_the_token_and_normalize_the_url():
    assert connection_options(options(token=TOKEN + "\r\n", api_url="https://api.digitalocean.com/v2/")) == (
        TOKEN, "https://api.digitalocean.com")


def test_connection_options_fall_back_to_the_environment_token(monkeypatch):
    monkeypatch.setenv("DO_API_TOKEN", " %s\n" % TOKEN)
    assert connection_options(options())[0] == TOKEN


def test_a_whitespace_only_token_is_given_and_empty(monkeypatch):
    monkeypatch.setenv("DIGITALOCEAN_ACCESS_TOKEN", "from-the-environment")
    assert connection_options(options(token="\n"))[0] == ""
    with pytest.raises(AnsibleParserError, match="No DigitalOcean API token"):
        build_client(options(token="\n"), error_class=AnsibleParserError)


@pytest.mark.parametrize("given, message", [
    ({"token": TOKEN[:10] + " " + TOKEN[10:]}, "whitespace or control character"),
    ({"token": TOKEN, "api_url": "https://me:%s@api.digitalocean.com" % TOKEN[10:]}, "must not hold credentials"),
    ({"token": TOKEN, "api_url": "https://api.digitalocean.com:70000"}, "port from 1 to 65535"),
])
def test_connection_options_refuse_with_the_plugins_error_class_unseen(given, message):
    with pytest.raises(AnsibleParserError, match=message) as caught:
        connection_options(options(**given), error_class=AnsibleParserError)
    assert TOKEN[:10] not in str(caught.value) and TOKEN[10:] not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize("option, value, least", [("timeout", 0, 1), ("timeout", -3, 1), ("api_retries", -1, 0)])
def test_build_client_refuses_timeout_and_retries_naming_the_option(option, value, least):
    with pytest.raises(AnsibleError, match="Option %s must be at least %d, got %d" % (option, least, value)):
        build_client(options(token=TOKEN, **{option: value}))


# -- the resource lookup's answer -----------------------------------------------------------------------------


def cluster(password="Secret-p4ss", uri="postgresql://doadmin:Secret-p4ss@db.example.com:25060/defaultdb"):
    return {"id": "c1", "name": "backend", "engine": "pg",
            "connection": {"user": "doadmin", "password": password, "uri": uri, "port": 25060},
            "private_connection": {"password": password, "uri": uri.replace("db.", "private-db.")},
            "users": [{"name": "doadmin", "role": "primary", "password": password}],
            "maintenance_window": {"day": "tuesday", "pending": False}}


def test_without_secrets_masks_every_value_secrets_in_finds_and_leaves_the_rest():
    original = [cluster()]
    kept = copy.deepcopy(original)
    masked = without_secrets(original)
    assert original == kept, "the API's objects are not changed"
    assert secrets_in(masked) == []
    assert masked[0]["connection"] == {"user": "doadmin", "password": SENSITIVE, "uri": SENSITIVE, "port": 25060}
    assert masked[0]["users"] == [{"name": "doadmin", "role": "primary", "password": SENSITIVE}]
    assert masked[0]["maintenance_window"] == original[0]["maintenance_window"]
    # Empty and non-string values under those keys are no secrets.
    assert without_secrets({"password": "", "uri": None, "user_data": 3}) == {"password": "", "uri": None,
                                                                              "user_data": 3}


def test_resource_lookup_masks_secrets_by_default():
    items = [cluster()]
    answer = returned(items)
    assert answer[0]["connection"]["password"] == SENSITIVE
    assert answer[0]["private_connection"]["uri"] == SENSITIVE
    assert returned(items, attribute="connection.uri") == [SENSITIVE]
    assert returned(items, attribute="connection.user") == ["doadmin"]
    assert "Secret-p4ss" not in repr(answer)


def test_resource_lookup_returns_secrets_when_asked_marked_unsafe():
    template = "{{ lookup('ansible.builtin.pipe', 'id') }}"
    items = [cluster(password=trust_as_template(template))]
    answer = returned(items, include_secrets=True)
    password = answer[0]["connection"]["password"]
    assert password == template
    assert not is_trusted_as_template(password)
    assert returned(items, attribute="connection.password", include_secrets=True) == [template]
    assert not is_trusted_as_template(returned(items, attribute="connection.password", include_secrets=True)[0])


# -- the drift report and no_log ------------------------------------------------------------------------------


class Named:
    def __init__(self, name):
        self.name = name

    def get_name(self):
        return self.name


class Task(Named):
    def __init__(self, name, action, args):
        super().__init__(name)
        self.action = action
        self.args = args


class Result:
    def __init__(self, action, args, result, name="task"):
        self._task = Task(name, action, args)
        self._host = Named("localhost")
        self._result = result


CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result"


def collected(*results):
    callback = CallbackModule()
    for result in results:
        callback.v2_runner_on_ok(result)
    return callback.resources


def test_a_changed_censored_result_is_hidden_drift_named_by_its_literal_name_only():
    resources = collected(Result("fathom.digitalocean.database_user",
                                 {"cluster_name": "backend", "name": "app", "reset_password": True},
                                 {"censored": CENSORED, "changed": True}, name="reset"))
    assert resources == [{"kind": "database_user", "identity": {"name": "app"}, "id": None, "host": "localhost",
                          "task": "reset", "action": "unknown", "changes": {}, "note": "details hidden by no_log"}]


def test_hidden_drift_never_shows_a_templated_name_or_another_argument():
    resources = collected(
        Result("fathom.digitalocean.database_user", {"cluster_name": "backend", "name": "{{ user }}"},
               {"censored": CENSORED, "changed": True}),
        Result("fathom.digitalocean.tag", {"name": "{{ item }}"},
               {"censored": CENSORED, "changed": True,
                "results": [{"censored": CENSORED, "changed": True}, {"censored": CENSORED, "changed": False}]}))
    assert [(r["kind"], r["identity"], r["action"]) for r in resources] == [
        ("database_user", {}, "unknown"), ("tag", {}, "unknown")]
    assert "backend" not in repr(resources)


def test_unchanged_or_foreign_censored_results_are_not_drift():
    assert collected(
        Result("fathom.digitalocean.tag", {"name": "web"}, {"censored": CENSORED, "changed": False}),
        Result("fathom.digitalocean.tag_info", {}, {"censored": CENSORED}),
        Result("ansible.builtin.command", {"cmd": "true"}, {"censored": CENSORED, "changed": True}),
    ) == []


def test_hidden_drift_in_the_summary_markdown_and_html():
    hidden = collected(Result("fathom.digitalocean.database_user", {"name": "app"},
                              {"censored": CENSORED, "changed": True}, name="reset"))
    in_sync = {"kind": "tag", "identity": {"name": "web"}, "id": "web", "host": "localhost", "task": "tag",
               "action": "none", "changes": {}}
    resources = hidden + [in_sync]
    summary = summarize(resources)
    assert summary["unknown"] == 1 and summary["drift"] == 1 and summary["total"] == 2
    line = "Drift: 0 to create, 0 to change, 0 to delete, 1 changed with details hidden by no_log " \
           "(1 resources in sync)"
    assert summary_line(summary) == line
    report = {"generated_at": "2025-01-01T00:00:00Z", "playbook": "site.yml", "summary": summary,
              "resources": resources}
    markdown = render_markdown(report)
    assert "## ? database_user app\n" in markdown
    assert "Task `reset` on `localhost`: **unknown** (details hidden by no_log)" in markdown
    page = render_html(report)
    assert '<tr class="unknown" data-action="unknown"><td>unknown</td><td>database_user app</td>' in page
    assert "details hidden by no_log</td></tr>" in page
