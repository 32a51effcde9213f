"""The simulator as users install it: pyproject.toml builds the wheel fathom-digitalocean-simulator,
which goes into a fresh venv; its command serves a playbook run, and its pytest plugin's fixture
serves a user's own test."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import requests
import yaml

from conftest import REPO

BIN = Path(sys.executable).parent
USER_TEST = '''
import requests


def test_seeded_droplets_are_listed(digitalocean_simulator):
    ids = digitalocean_simulator.seed("droplets", 3)
    answer = requests.get(digitalocean_simulator.url + "/v2/droplets",
                          headers={"Authorization": "Bearer " + digitalocean_simulator.token}, timeout=30)
    assert sorted(d["id"] for d in answer.json()["droplets"]) == sorted(ids)
    assert digitalocean_simulator.env["DIGITALOCEAN_API_URL"] == digitalocean_simulator.url


def test_each_test_starts_empty(digitalocean_simulator):
    assert digitalocean_simulator.state("droplets") == []
    assert digitalocean_simulator.mutating_requests() == []
'''


def run(command, **kwargs):
    completed = subprocess.run([str(part) for part in command], capture_output=True, text=True, check=False,
                               timeout=kwargs.pop("timeout", 600), **kwargs)
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-4000:]
    return completed.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv bin directory, wheel path): the wheel built from a copy of the sources, installed with
    its dependencies (pinned by tests/constraints.txt) and pytest into a new venv."""
    root = tmp_path_factory.mktemp("simulator-package")
    source = root / "src"
    shutil.copytree(REPO / "tests" / "simulator", source / "tests" / "simulator",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(REPO / "pyproject.toml", source / "pyproject.toml")
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", root / "dist", source])
    wheel = next((root / "dist").glob("fathom_digitalocean_simulator-*.whl"))
    interpreter = shutil.which("python%d.%d" % sys.version_info[:2]) or sys.executable
    run([interpreter, "-m", "venv", root / "venv"])
    venv = root / "venv" / "bin"
    run([venv / "python", "-m", "pip", "install", "--quiet", str(wheel), "pytest",
         "-c", REPO / "tests" / "constraints.txt"])
    return venv, wheel


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def options(help_text):
    return sorted({word.strip("[],") for word in help_text.split() if word.startswith(("--", "[--"))})


def test_the_wheel_holds_the_simulator_its_spec_command_and_plugin(installed):
    _venv, wheel = installed
    with zipfile.ZipFile(str(wheel)) as archive:
        names = archive.namelist()
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    assert "fathom_digitalocean_simulator/spec/digitalocean-v2.derived.json" in names
    assert "fathom_digitalocean_simulator/resources/droplets.py" in names
    assert not [name for name in names if name.startswith(("tests/", "plugins/"))]
    assert "fathom-do-simulator = fathom_digitalocean_simulator.__main__:main" in entry_points
    assert "fathom_digitalocean_simulator = fathom_digitalocean_simulator.pytest_plugin" in entry_points


def test_the_command_has_the_options_of_python_m_tests_simulator(installed):
    venv, _wheel = installed
    ours = run([sys.executable, "-m", "tests.simulator", "--help"], cwd=str(REPO))
    theirs = run([venv / "fathom-do-simulator", "--help"], cwd="/")
    assert options(theirs) == options(ours)
    assert "--realism" in options(theirs) and "--port" in options(theirs)
    assert theirs.startswith("usage: fathom-do-simulator")


def test_a_playbook_runs_against_the_installed_command(installed, tmp_path):
    venv, _wheel = installed
    port = free_port()
    url = "http://127.0.0.1:%d" % port
    server = subprocess.Popen([str(venv / "fathom-do-simulator"), "--port", str(port), "--token", "ci-token",
                               "--realism", "off"], cwd=str(tmp_path), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 60
        while True:
            try:
                if requests.get(url + "/_sim/health", timeout=1).json()["ok"]:
                    break
            except requests.RequestException:
                pass
            assert server.poll() is None and time.time() < deadline, server.stdout.read() if server.poll() else ""
            time.sleep(0.2)
        seeded = requests.post(url + "/_sim/seed", json={"kind": "ssh_keys", "count": 2}, timeout=30).json()
        assert seeded["created"] == 2
        play = tmp_path / "play.yml"
        play.write_text(yaml.safe_dump([{"name": "against the installed simulator", "hosts": "localhost",
                                         "gather_facts": False, "tasks": [
                                             {"name": "tag", "fathom.digitalocean.tag": {"name": "ci"}},
                                             {"name": "keys", "fathom.digitalocean.ssh_key_info": {},
                                              "register": "keys"},
                                             {"name": "two seeded keys", "ansible.builtin.assert": {
                                                 "that": ["keys.ssh_keys | length == 2"]}}]}]))
        env = {key: value for key, value in os.environ.items() if not key.startswith(("DIGITALOCEAN_", "DO_"))}
        env.update(ANSIBLE_CONFIG=str(REPO / "ansible.cfg"), ANSIBLE_NOCOLOR="1", DIGITALOCEAN_API_URL=url,
                   DIGITALOCEAN_ACCESS_TOKEN="ci-token", PATH=str(BIN) + os.pathsep + env.get("PATH", ""))
        first = run([BIN / "ansible-playbook", play], cwd=str(REPO), env=env)
        assert "changed=1" in first and "failed=0" in first, first
        again = run([BIN / "ansible-playbook", play], cwd=str(REPO), env=env)
        assert "changed=0" in again and "failed=0" in again, again
        tags = requests.get(url + "/_sim/state/tags", timeout=30).json()["tags"]
        assert [tag["name"] for tag in tags] == ["ci"]
        log = requests.get(url + "/_sim/requests", timeout=30).json()["requests"]
        assert [entry["method"] for entry in log].count("POST") == 1
        requests.post(url + "/_sim/reset", timeout=30)
        assert requests.get(url + "/_sim/state/tags", timeout=30).json()["tags"] == []
    finally:
        server.terminate()
        server.wait(30)


def test_the_pytest_plugin_fixture_serves_a_users_test(installed, tmp_path):
    venv, _wheel = installed
    project = tmp_path / "user-project"
    project.mkdir()
    (project / "test_user.py").write_text(USER_TEST)
    out = run([venv / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--do-simulator-realism", "off",
               "test_user.py"], cwd=str(project))
    assert "2 passed" in out, out
    listed = json.loads(run([venv / "python", "-c", "import json, importlib.metadata as m; print(json.dumps("
                             "[e.name for e in m.entry_points(group='pytest11')]))"]))
    assert "fathom_digitalocean_simulator" in listed
