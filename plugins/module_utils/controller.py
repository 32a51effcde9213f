# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Running a module's main() inside the controller's worker process (the controller path).

The collection's action plugins call run_in_process(main, task). While it runs, the module's
DigitalOceanModule builds a ControllerModule instead of an AnsibleModule: the same argument spec
validation (ansible-core's ModuleArgumentSpecValidator), the same error messages, no_log masking,
warnings and result keys, but the task's arguments come from the action plugin and the result
goes back to it instead of to stdout.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

from ansible.module_utils.common.arg_spec import ModuleArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.common.warnings import get_deprecations, get_warnings
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import MasksSecretsEarly

_running = []


class TaskContext:
    """What the action plugin knows of the task: its arguments and its modes."""

    def __init__(self, module_name, args, check_mode=False, diff=False, no_log=False, verbosity=0,
                 environment=None, progress=None):
        self.module_name = module_name
        self.args = dict(args)
        self.check_mode = check_mode
        self.diff = diff
        self.no_log = no_log
        self.verbosity = verbosity
        self.environment = environment or {}
        self.progress = progress


class ModuleExit(BaseException):
    """Raised by exit_json and fail_json: the end of the module, as sys.exit is on the module path.

    A BaseException, so that no `except Exception` of the module's code can swallow it."""

    def __init__(self, result):
        super().__init__("module exit")
        self.result = result


def current_task():
    """The TaskContext of the module running in this process, or None on the module path."""
    return _running[-1] if _running else None


@contextmanager
def _environment(variables):
    """The task's `environment:` keyword, as a module run by a local connection would see it."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update({name: str(value) for name, value in variables.items()})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_in_process(main, task):
    """Run a module's main() for task; return its result dict."""
    _running.append(task)
    try:
        with _environment(task.environment):
            main()
    except ModuleExit as done:
        return done.result
    finally:
        _running.pop()
    raise RuntimeError("%s ended without a result" % task.module_name)


def option_secrets(argument_spec, params):
    """The values of the options marked no_log (in suboptions too), to mask in the result."""
    values = set()
    for name, option in argument_spec.items():
        value = params.get(name)
        if value is None:
            continue
        if option.get("no_log"):
            values.update(_texts(value))
        suboptions = option.get("options")
        if suboptions:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    values.update(option_secrets(suboptions, item))
    return values


def _texts(value):
    if isinstance(value, dict):
        return {text for item in value.values() for text in _texts(item)}
    if isinstance(value, (list, tuple, set)):
        return {text for item in value for text in _texts(item)}
    text = str(value)
    return {text} if text else set()


class ControllerModule(MasksSecretsEarly):
    """The part of AnsibleModule's interface the collection uses, for the controller path."""

    def __init__(self, argument_spec, supports_check_mode=False, mutually_exclusive=None, required_together=None,
                 required_one_of=None, required_if=None, required_by=None, secrets=None):
        task = current_task()
        self.task = task
        self.argument_spec = argument_spec
        self.check_mode = task.check_mode
        self.no_log = task.no_log
        self._diff = task.diff
        self._verbosity = task.verbosity
        self._name = task.module_name
        self.progress = task.progress
        self.no_log_values = set()
        self._own_warnings = []
        self._warnings_before = set(get_warnings())
        self._deprecations_before = set(get_deprecations())
        self.params = dict(task.args)
        self.mask_url_credentials()
        self.mask_declared_secrets(secrets)

        validator = ModuleArgumentSpecValidator(argument_spec, mutually_exclusive, required_together,
                                                required_one_of, required_if, required_by)
        result = validator.validate(self.params)
        self.params.update(result.validated_parameters)
        self.no_log_values.update(option_secrets(argument_spec, self.params))
        errors = list(result.errors.errors)
        if errors:
            message = result.errors.msg
            if isinstance(errors[0], UnsupportedError):
                message = "Unsupported parameters for (%s) module: %s" % (self._name, message)
            self.fail_json(msg=message)
        if self.check_mode and not supports_check_mode:
            self.exit_json(skipped=True, msg="remote module (%s) does not support check mode" % self._name)

    def warn(self, warning):
        # Kept for the result, as a module returns them. The global warn() would hand them to the
        # display at once in a controller process (ansible.module_utils._internal.is_controller).
        self._own_warnings.append(str(warning))

    def exit_json(self, **result):
        self._finish(result)

    def fail_json(self, msg, **result):
        result.update(failed=True, msg=str(msg))
        self._finish(result)

    def _finish(self, result):
        result.setdefault("invocation", {"module_args": self.params})
        warnings = [item for item in get_warnings() if item not in self._warnings_before] + self._own_warnings
        if warnings:
            result["warnings"] = warnings
        deprecations = [item for item in get_deprecations() if item not in self._deprecations_before]
        if deprecations:
            result["deprecations"] = deprecations
        kept = {key: value for key, value in result.items() if value is None or isinstance(value, bool)}
        result = remove_values(result, self.no_log_values)
        result.update(kept)
        raise ModuleExit(result)
