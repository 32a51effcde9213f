# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugins' progress reporter and the class every module's action plugin is made of."""

from __future__ import annotations

import importlib

import pytest

from ansible_collections.fathom.digitalocean.plugins.plugin_utils.action import (
    DigitalOceanAction,
    controller_action,
    progress_reporter,
)


class Shown:
    def __init__(self):
        self.lines = []

    def display(self, text):
        self.lines.append(("default", text))

    def v(self, text):
        self.lines.append(("-v", text))


@pytest.mark.parametrize("terminal, verbosity", [(True, "default"), (False, "-v")])
def test_progress_shows_by_default_on_a_terminal_and_at_v_otherwise(terminal, verbosity):
    shown = Shown()
    report = progress_reporter("create db", {}, terminal, show=shown)
    report("waiting for database_cluster app-db, 2m10s of 30m")
    assert shown.lines == [(verbosity, "create db: waiting for database_cluster app-db, 2m10s of 30m")]


@pytest.mark.parametrize("value", ["false", "0", "No", " off "])
def test_fathom_do_progress_false_turns_progress_off(value):
    assert progress_reporter("task", {"FATHOM_DO_PROGRESS": value}, True, show=Shown()) is None


def test_each_module_action_plugin_runs_its_own_module():
    plugin = importlib.import_module("ansible_collections.fathom.digitalocean.plugins.action.vpc")
    module = importlib.import_module("ansible_collections.fathom.digitalocean.plugins.modules.vpc")
    assert issubclass(plugin.ActionModule, DigitalOceanAction)
    assert plugin.ActionModule.module_main is module.main


def test_controller_action_makes_a_class_per_module():
    first, second = controller_action(len), controller_action(abs)
    assert first is not second
    assert (first.module_main, second.module_main) == (len, abs)
