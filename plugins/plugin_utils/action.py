# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin behind every module of the collection: the controller path.

A module of this collection only talks to the DigitalOcean API, so when its task runs on the
controller, the action plugin runs the module's main() in the worker process, without packaging
the module or starting a Python interpreter (plugins/module_utils/controller.py). Everything else
runs the module as usual (the module path): a remote host or a non-local delegation, become,
async, or FATHOM_DO_EXECUTION=module.

The strategy loads each task's action plugin class in the main process before it forks the worker,
and this file imports the engine and requests at that moment: the workers inherit them, so they
are imported once per run, not once per task.
"""

from __future__ import annotations

import json
import os
import sys
import traceback

from ansible.module_utils.common.json import Direction, get_module_encoder, get_module_decoder
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.fathom.digitalocean.plugins.module_utils.controller import TaskContext, run_in_process

display = Display()

EXECUTION_ENV_VAR = "FATHOM_DO_EXECUTION"
EXECUTION_VAR = "fathom_do_execution"
PROGRESS_ENV_VAR = "FATHOM_DO_PROGRESS"
LOCAL_CONNECTIONS = ("local", "ansible.builtin.local", "ansible.legacy.local")
FALSE_WORDS = ("0", "false", "no", "off")
# The serialization profile of a module without metadata, as this collection's modules are.
PROFILE = "legacy"


def controller_action(main):
    """The ActionModule class of one module, whose main() the controller path runs."""
    return type("ActionModule", (DigitalOceanAction,), {"module_main": staticmethod(main)})


class DigitalOceanAction(ActionBase):
    """Runs the task's module on the controller path when it can, else as a module."""

    _supports_check_mode = True
    _supports_async = True
    module_main = None

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        del tmp
        if self.execution_path(task_vars) == "controller":
            result.update(self.run_on_controller())
            return result
        return self.run_as_module(result, task_vars)

    def execution_path(self, task_vars):
        """'controller' or 'module' (and why, for -vvv)."""
        chosen = os.environ.get(EXECUTION_ENV_VAR) or task_vars.get(EXECUTION_VAR) or "auto"
        if str(chosen).lower() not in ("auto", "module", "controller"):
            display.warning("%s must be auto, module or controller, got %r: using auto" % (EXECUTION_ENV_VAR, chosen))
            chosen = "auto"
        if str(chosen).lower() == "module":
            reason = "%s asks for it" % EXECUTION_ENV_VAR
        elif self._task.async_val:
            reason = "the task is async"
        elif self._play_context.become:
            reason = "the task uses become"
        elif self._connection_name() not in LOCAL_CONNECTIONS:
            reason = "the task runs through connection %s" % self._connection_name()
        else:
            display.vvv("%s: controller path" % self._task.resolved_action)
            return "controller"
        display.vvv("%s: module path, %s" % (self._task.resolved_action, reason))
        return "module"

    def _connection_name(self):
        connection = self._connection
        return getattr(connection, "ansible_name", None) or getattr(connection, "transport", None) or "unknown"

    def run_as_module(self, result, task_vars):
        """What ansible.builtin.normal does: run the module through the connection."""
        wrap_async = self._task.async_val and not self._connection.has_native_async
        result.update(self._execute_module(task_vars=task_vars, wrap_async=wrap_async))
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def run_on_controller(self):
        """Run the module's main() here. Its arguments and result cross the same JSON encoders and
        the same result parsing as on the module path, so both paths give the same values."""
        task = TaskContext(
            module_name=self._task.resolved_action,
            args=self._as_module_sees(self._task.args),
            check_mode=bool(self._task.check_mode),
            diff=bool(self._task.diff),
            no_log=bool(self._task.no_log),
            verbosity=display.verbosity,
            environment=self._task_environment(),
            progress=self._progress_reporter(),
        )
        try:
            result = run_in_process(self.module_main, task)
        except Exception as exc:  # pylint: disable=broad-except
            # What the module path reports for a module that crashes.
            result = {"failed": True, "msg": "MODULE FAILURE: %s: %s" % (type(exc).__name__, exc),
                      "exception": traceback.format_exc()}
        encoded = json.dumps(result, cls=get_module_encoder(PROFILE, Direction.MODULE_TO_CONTROLLER))
        return self._parse_returned_data({"stdout": encoded}, PROFILE)

    @staticmethod
    def _as_module_sees(args):
        encoded = json.dumps(args, cls=get_module_encoder(PROFILE, Direction.CONTROLLER_TO_MODULE))
        return json.loads(encoded, cls=get_module_decoder(PROFILE, Direction.CONTROLLER_TO_MODULE))

    def _task_environment(self):
        """The task's `environment:` keyword (a list of dicts once templated)."""
        merged = {}
        environment = self._task.environment or []
        for entry in environment if isinstance(environment, list) else [environment]:
            if isinstance(entry, dict):
                merged.update(self._templar.template(entry))
        return merged

    def _progress_reporter(self):
        if self._task.no_log:
            return None
        return progress_reporter(self._task.get_name() or self._task.resolved_action, os.environ,
                                 sys.stdout.isatty())


def progress_reporter(label, environ, terminal, show=display):
    """Where long waits report: the terminal at the default verbosity, else -v; None (no reports)
    with FATHOM_DO_PROGRESS=false."""
    if str(environ.get(PROGRESS_ENV_VAR, "true")).strip().lower() in FALSE_WORDS:
        return None

    def report(line):
        text = "%s: %s" % (label, line)
        if terminal:
            show.display(text)
        else:
            show.v(text)
    return report
