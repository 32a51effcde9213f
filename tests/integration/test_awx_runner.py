"""playbooks/site.yml run as AWX runs a job: through ansible-runner (the library AWX and
ansible-navigator use), process isolation off, in a private data directory laid out as AWX lays it
out, with the connection injected by the credential type of docs/awx/credential_type.yml."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import ansible_runner
import jinja2
import pytest
import yaml

from conftest import REPO

BIN = Path(sys.executable).parent
TOKEN_NAMES = ("DIGITALOCEAN_ACCESS_TOKEN", "DIGITALOCEAN_TOKEN", "DO_API_TOKEN", "DO_API_KEY", "DO_OAUTH_TOKEN",
               "OAUTH_TOKEN", "DIGITALOCEAN_API_URL")


@pytest.fixture(scope="module")
def collection_tarball(tmp_path_factory):
    out = tmp_path_factory.mktemp("awx-dist")
    completed = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "build", "--output-path", str(out),
                                str(REPO)], capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return next(out.glob("fathom-digitalocean-*.tar.gz"))


def injected(inputs):
    """(extra vars, environment) that the credential type's injectors give a job with these inputs."""
    credential_type = yaml.safe_load((REPO / "docs" / "awx" / "credential_type.yml").read_text())
    fields = {field["id"]: field for field in credential_type["inputs"]["fields"]}
    assert fields["token"]["secret"] is True
    assert set(credential_type["inputs"]["required"]) == {"token"}
    values = dict({name: "" for name in fields}, **inputs)

    def render(templates):
        return {key: jinja2.Environment().from_string(template).render(**values)
                for key, template in templates.items()}

    injectors = credential_type["injectors"]
    return render(injectors.get("extra_vars", {})), render(injectors.get("env", {}))


def private_data_dir(root, tarball, extravars, envvars):
    """project/ (the SCM checkout), inventory/hosts, env/{extravars,envvars,settings} and the
    collections AWX installs from the project's requirements into requirements_collections/."""
    pdd = root / "pdd"
    shutil.copytree(REPO / "playbooks", pdd / "project")
    (pdd / "inventory").mkdir(parents=True)
    (pdd / "inventory" / "hosts").write_text(
        "localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable)
    collections = pdd / "requirements_collections"
    home = root / "home"
    home.mkdir()
    completed = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "install", "--offline", "--force", "-p",
                                str(collections), str(tarball)], cwd=str(root), capture_output=True, text=True,
                               timeout=300, check=False, env=dict(os.environ, HOME=str(home)))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (collections / "ansible_collections" / "fathom" / "digitalocean" / "MANIFEST.json").is_file()
    (pdd / "env").mkdir()
    (pdd / "env" / "extravars").write_text(json.dumps(extravars))
    (pdd / "env" / "envvars").write_text(json.dumps(dict(
        envvars, HOME=str(home), ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCAL_TEMP=str(root / "ansible-tmp"), PATH=str(BIN) + os.pathsep + os.environ["PATH"])))
    (pdd / "env" / "settings").write_text(json.dumps({"process_isolation": False, "suppress_ansible_output": True,
                                                      "job_timeout": 900}))
    return pdd


def without_ansible_settings(monkeypatch):
    """The job sees only what AWX gives it: no ANSIBLE_* setting and no token of this process."""
    for name in list(os.environ):
        if name.startswith("ANSIBLE_") or name in TOKEN_NAMES:
            monkeypatch.delenv(name)


def artifact_files(pdd):
    return [path for path in (pdd / "artifacts").rglob("*") if path.is_file()]


def test_site_yml_runs_as_an_awx_job_and_no_artifact_holds_the_token(simulator, collection_tarball, tmp_path,
                                                                     monkeypatch):
    without_ansible_settings(monkeypatch)
    extravars, envvars = injected({"token": simulator.token, "api_url": simulator.url})
    assert extravars == {"fathom_do_token": simulator.token}
    assert envvars == {"DIGITALOCEAN_API_URL": simulator.url}
    pdd = private_data_dir(tmp_path, collection_tarball, extravars, envvars)

    run = ansible_runner.run(private_data_dir=str(pdd), playbook="site.yml", ident="job-1", quiet=True)

    stdout = run.stdout.read()
    assert (run.status, run.rc) == ("successful", 0), stdout[-5000:]
    events = list(run.events)
    kinds = [event["event"] for event in events]
    assert kinds[0] == "playbook_on_start" and kinds[-1] == "playbook_on_stats"
    assert "runner_on_failed" not in kinds and "runner_on_unreachable" not in kinds
    stats = events[-1]["event_data"]
    assert stats["changed"].get("localhost", 0) > 0 and not stats["failures"] and not stats["dark"]
    assert run.stats["changed"] == stats["changed"]
    assert any(event["event"] == "runner_on_ok" and event["event_data"]["task_action"].startswith(
        "fathom.digitalocean.") for event in events)
    assert [d["name"] for d in simulator.state("droplets")], "site.yml built no droplet"

    artifacts = pdd / "artifacts" / "job-1"
    assert (artifacts / "status").read_text() == "successful"
    assert (artifacts / "rc").read_text() == "0"
    assert "PLAY RECAP" in (artifacts / "stdout").read_text()
    assert len(list((artifacts / "job_events").glob("*.json"))) == len(events)
    holding = [str(path.relative_to(pdd)) for path in artifact_files(pdd)
               if simulator.token.encode() in path.read_bytes()]
    assert holding == []
    assert simulator.token not in stdout


def test_a_token_in_env_envvars_would_land_in_the_command_artifact(tmp_path, monkeypatch):
    """Why the credential type injects the token as an extra variable: ansible-runner writes the
    job's whole environment, env/envvars included, into artifacts/<job>/command."""
    without_ansible_settings(monkeypatch)
    pdd = tmp_path / "pdd"
    (pdd / "project").mkdir(parents=True)
    (pdd / "project" / "noop.yml").write_text(yaml.safe_dump([{
        "name": "noop", "hosts": "localhost", "gather_facts": False,
        "tasks": [{"name": "noop", "ansible.builtin.debug": {"msg": "{{ fathom_do_token | length }}"}}]}]))
    (pdd / "env").mkdir()
    (pdd / "env" / "envvars").write_text(json.dumps({"DIGITALOCEAN_ACCESS_TOKEN": "env-marker-1",
                                                     "PATH": str(BIN) + os.pathsep + os.environ["PATH"]}))
    (pdd / "env" / "extravars").write_text(json.dumps({"fathom_do_token": "extra-marker-2"}))
    run = ansible_runner.run(private_data_dir=str(pdd), playbook="noop.yml", ident="job-2", quiet=True,
                             settings={"process_isolation": False})
    assert (run.status, run.rc) == ("successful", 0), run.stdout.read()[-3000:]
    files = {str(path.relative_to(pdd)): path.read_bytes() for path in artifact_files(pdd)}
    assert [name for name, data in files.items() if b"env-marker-1" in data] == ["artifacts/job-2/command"]
    assert [name for name, data in files.items() if b"extra-marker-2" in data] == []
