"""Run playbooks against the simulator and read back what every task returned."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import running_simulator

REPO = Path(__file__).resolve().parents[2]
CALLBACKS = Path(__file__).resolve().parent / "callback_plugins"
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}


class PlaybookRun:
    def __init__(self, returncode, stdout, stderr, records):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.records = records

    def result(self, task_name):
        for record in self.records:
            if record["task"] == task_name:
                return record["result"]
        raise KeyError("no result for task %r; tasks: %s" % (task_name, [r["task"] for r in self.records]))

    def status(self, task_name):
        for record in self.records:
            if record["task"] == task_name:
                return record["status"]
        raise KeyError(task_name)

    @property
    def failed(self):
        return [r for r in self.records if r["status"] == "failed"]

    @property
    def changed(self):
        return [r for r in self.records if r["status"] == "changed"]


def ansible_env(simulator, extra=None):
    env = dict(os.environ)
    for name in ("DIGITALOCEAN_ACCESS_TOKEN", "DIGITALOCEAN_TOKEN", "DO_API_TOKEN", "DO_API_KEY",
                 "DO_OAUTH_TOKEN", "OAUTH_TOKEN", "DIGITALOCEAN_API_URL"):
        env.pop(name, None)
    env.update({
        "ANSIBLE_CONFIG": str(REPO / "ansible.cfg"),
        "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACKS),
        "ANSIBLE_CALLBACKS_ENABLED": "result_capture",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_LOCAL_TEMP": str(Path(env.get("TMPDIR", "/tmp")) / "ansible-local"),
        "DIGITALOCEAN_API_URL": simulator.url,
        "DIGITALOCEAN_ACCESS_TOKEN": simulator.token,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
    })
    env.update(extra or {})
    return env


@pytest.fixture(scope="session")
def sim_server():
    """The simulator as the real API behaves: eventually consistent, busy droplets, blocked deletes
    (the realism knobs, with the fast preset's short delays)."""
    yield from running_simulator(realism="fast")


@pytest.fixture
def playbook(simulator, tmp_path):
    """playbook(tasks, check=False, diff=False) runs the tasks on localhost and returns a PlaybookRun."""
    counter = {"n": 0}

    def run(tasks, check=False, diff=False, extra_vars=None, env=None, verbosity=0, module_defaults=None,
            play_vars=None):
        counter["n"] += 1
        play = {
            "name": "test",
            "hosts": "localhost",
            "gather_facts": False,
            "tasks": tasks,
        }
        if module_defaults is not None:
            play["module_defaults"] = module_defaults
        if play_vars:
            play["vars"] = play_vars
        path = tmp_path / ("play%d.yml" % counter["n"])
        path.write_text(yaml.safe_dump([play], sort_keys=False))
        capture = tmp_path / ("results%d.json" % counter["n"])
        command = [str(Path(sys.executable).parent / "ansible-playbook"), str(path)]
        if check:
            command.append("--check")
        if diff:
            command.append("--diff")
        if verbosity:
            command.append("-" + "v" * verbosity)
        for key, value in (extra_vars or {}).items():
            command += ["-e", "%s=%s" % (key, json.dumps(value))]
        environment = ansible_env(simulator, env)
        environment["RESULT_CAPTURE_FILE"] = str(capture)
        completed = subprocess.run(command, cwd=str(REPO), env=environment, capture_output=True, text=True,
                                   timeout=600, check=False)
        records = json.loads(capture.read_text()) if capture.exists() else []
        simulator.settle()
        return PlaybookRun(completed.returncode, completed.stdout, completed.stderr, records)

    return run


def mutating(entries):
    return [entry for entry in entries if entry["method"] in MUTATING]
