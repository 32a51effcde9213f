# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The controller path's stand-in for AnsibleModule, and the progress lines of long waits."""

from __future__ import annotations

import os

import pytest
from ansible.module_utils import _internal as ansible_internal

from fakes import FakeClock

from ansible_collections.fathom.digitalocean.plugins.module_utils.controller import (
    ControllerModule,
    TaskContext,
    current_task,
    option_secrets,
    run_in_process,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import Poller, WaitTimeout, duration

NAME = "fathom.digitalocean.example"
TOKEN = "dop_v1_CONTROLLER-PATH-SECRET-1234"


def run(main, args, **task):
    return run_in_process(main, TaskContext(NAME, args, **task))


def example_module(**kwargs):
    return DigitalOceanModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            password=dict(type="str", no_log=True),
            settings=dict(type="dict", options=dict(secret=dict(type="str", no_log=True), size=dict(type="int"))),
        ),
        **kwargs
    )


def echo_main():
    """A module that returns what it was given and how it runs."""
    module = example_module()
    module.ansible.exit_json(changed=False, params=dict(module.params), check_mode=module.ansible.check_mode,
                             token_seen=module.params["token"])


def test_digitalocean_module_uses_the_controller_host_only_inside_run_in_process():
    seen = {}

    def main():
        module = example_module()
        seen["host"] = type(module.ansible)
        seen["task"] = current_task()
        module.ansible.exit_json(changed=False)

    run(main, {"name": "a", "token": TOKEN})
    assert seen["host"] is ControllerModule
    assert seen["task"].module_name == NAME
    assert current_task() is None


def test_unknown_option_fails_with_the_message_of_ansible_module():
    result = run(echo_main, {"name": "a", "token": TOKEN, "bogus": 1})
    assert result["failed"] is True
    assert result["msg"].startswith("Unsupported parameters for (%s) module: bogus. Supported parameters include:" % NAME)
    assert "name, password" in result["msg"]


@pytest.mark.parametrize("args, message", [
    ({"token": TOKEN}, "missing required arguments: name"),
    ({"name": "a", "token": TOKEN, "timeout": "soon"},
     "argument 'timeout' is of type str and we were unable to convert to int"),
    ({"name": "a", "token": TOKEN, "timeout": 0}, "timeout must be at least 1, got 0"),
])
def test_bad_options_fail_before_anything_runs(args, message):
    result = run(echo_main, args)
    assert result["failed"] is True
    assert message in result["msg"]


def test_defaults_fallbacks_and_check_mode_reach_the_module(monkeypatch):
    monkeypatch.setenv("DIGITALOCEAN_ACCESS_TOKEN", TOKEN)
    result = run(echo_main, {"name": "a"}, check_mode=True)
    assert result["check_mode"] is True
    assert result["params"]["timeout"] == 30
    assert result["params"]["wait"] is True
    assert result["changed"] is False


def test_no_log_values_are_masked_everywhere_in_the_result():
    result = run(echo_main, {"name": "a", "token": TOKEN, "password": "hunter2-long",
                             "settings": {"secret": "nested-secret-value", "size": 3}})
    text = repr(result)
    for secret in (TOKEN, "hunter2-long", "nested-secret-value"):
        assert secret not in text
    assert result["token_seen"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert result["invocation"]["module_args"]["password"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert result["invocation"]["module_args"]["settings"]["size"] == 3


def test_credentials_in_api_url_are_masked_even_when_validation_fails():
    result = run(echo_main, {"token": TOKEN, "api_url": "https://user:pa55word-xyz@api.example.test"})
    assert result["failed"] is True
    assert "pa55word-xyz" not in repr(result)


def test_declared_secrets_are_masked_before_validation():
    def main():
        DigitalOceanModule(argument_spec=dict(spec=dict(type="dict")),
                           secrets=lambda params: [params["spec"]["key"]])

    result = run(main, {"spec": {"key": "private-key-material"}, "bogus": True, "token": TOKEN})
    assert result["failed"] is True
    assert "private-key-material" not in repr(result)


def test_option_secrets_walks_suboptions_and_lists():
    spec = {"a": {"no_log": True}, "b": {"options": {"c": {"no_log": True}}}, "d": {}}
    params = {"a": ["x1", "x2"], "b": [{"c": {"deep": "x3"}}, {"c": None}], "d": "visible"}
    assert option_secrets(spec, params) == {"x1", "x2", "x3"}


@pytest.mark.parametrize("in_controller_process", [True, False])
def test_warnings_are_those_of_this_task_only(monkeypatch, in_controller_process):
    # In ansible-playbook's processes the global warn() goes straight to the display; in a test
    # process it depends on what else was imported. The result holds the task's warnings either way.
    monkeypatch.setattr(ansible_internal, "is_controller", in_controller_process)

    def main():
        module = example_module()
        module.ansible.warn("first task warning")
        module.ansible.exit_json(changed=False)

    run(main, {"name": "a", "token": TOKEN})

    def second():
        module = example_module()
        module.ansible.warn("second task warning")
        module.ansible.exit_json(changed=False)

    result = run(second, {"name": "a", "token": TOKEN})
    messages = [warning if isinstance(warning, str) else warning.event.msg for warning in result["warnings"]]
    assert messages == ["second task warning"]


def test_the_task_environment_is_seen_during_the_run_and_restored_after(monkeypatch):
    monkeypatch.delenv("DIGITALOCEAN_ACCESS_TOKEN", raising=False)
    monkeypatch.setenv("FATHOM_TEST_KEEP", "before")
    environment = {"DIGITALOCEAN_ACCESS_TOKEN": TOKEN, "FATHOM_TEST_KEEP": "during"}
    seen = {}

    def main():
        seen["keep"] = os.environ["FATHOM_TEST_KEEP"]
        module = example_module()
        module.ansible.exit_json(changed=False, has_token=bool(module.params["token"]))

    result = run(main, {"name": "a"}, environment=environment)
    assert result["has_token"] is True
    assert seen["keep"] == "during"
    assert os.environ["FATHOM_TEST_KEEP"] == "before"
    assert "DIGITALOCEAN_ACCESS_TOKEN" not in os.environ


def test_a_broad_except_in_module_code_cannot_swallow_the_exit():
    def main():
        module = example_module()
        try:
            module.fail("stopped here")
        except Exception:  # pylint: disable=broad-except
            pytest.fail("the module's exit was caught as an Exception")

    result = run(main, {"name": "a", "token": TOKEN})
    assert result["msg"] == "stopped here"


def test_a_main_that_never_exits_is_an_error():
    with pytest.raises(RuntimeError, match="ended without a result"):
        run(lambda: None, {})
    assert current_task() is None


# -- progress of long waits --------------------------------------------------------------------


def poll_for(seconds_until_done, timeout=1800):
    clock = FakeClock()
    lines = []
    done_at = clock() + seconds_until_done
    poller = Poller(timeout, sleep=clock.sleep, clock=clock, progress=lines.append)
    poller.poll(lambda: (clock() >= done_at, None), lambda: "database_cluster app-db to become ready (status creating)")
    return lines


def test_short_waits_report_nothing():
    assert poll_for(14) == []


def test_long_waits_report_after_fifteen_seconds_then_every_twenty():
    lines = poll_for(130)
    assert 5 <= len(lines) <= 7
    assert lines[0].startswith("waiting for database_cluster app-db to become ready (status creating), ")
    assert lines[0].endswith(" of 30m")
    first = int(lines[0].split(", ")[1].split("s")[0])
    assert 15 <= first < 25


def test_a_poller_without_progress_reports_nothing_and_still_times_out():
    clock = FakeClock()
    poller = Poller(30, sleep=clock.sleep, clock=clock)
    with pytest.raises(WaitTimeout):
        poller.poll(lambda: (False, None), lambda: "forever")


@pytest.mark.parametrize("seconds, text", [(9, "9s"), (60, "1m"), (130, "2m10s"), (1800, "30m"), (3605, "60m05s")])
def test_durations_read_like_a_clock(seconds, text):
    assert duration(seconds) == text
