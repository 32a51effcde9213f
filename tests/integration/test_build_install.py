"""The built collection: the tarball holds only collection content, and the installed copy works on
its own (an empty collections path, an empty ansible.cfg, a directory outside the checkout)."""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from tests.helpers import new_droplet

BIN = Path(sys.executable).parent
# What a collection tarball may hold at its top level.
SHIPPED = {"MANIFEST.json", "FILES.json", "README.md", "CHANGELOG.md", "requirements.txt", "bindep.txt",
           "changelogs", "docs", "meta", "playbooks", "plugins", "roles"}
# Development files that must never ship (fnmatch patterns on the member's path).
DEV_FILES = ("scripts", "scripts/*", "tests", "tests/*", "pytest.ini", ".ansible-lint", "Makefile", "ansible.cfg",
             ".*", "*/.*", "extensions", "extensions/*", "pyproject.toml", "execution-environment.yml",
             "inventory", "inventory/*", "build*", "changelogs/fragments*", "docs/benchmarks.md", "docs/design.md", "docs/site*",
             "*__pycache__*", "*.pyc", "*.tar.gz")


@pytest.fixture(scope="module")
def tarball(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    completed = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "build", "--output-path", str(out),
                                str(REPO)], cwd=str(REPO), capture_output=True, text=True, timeout=300,
                               check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    built = sorted(out.glob("fathom-digitalocean-*.tar.gz"))
    assert len(built) == 1, built
    return built[0]


def test_the_tarball_holds_only_collection_content(tarball):
    with tarfile.open(str(tarball)) as tar:
        names = [member.name for member in tar.getmembers()]
        manifest = json.load(tar.extractfile("MANIFEST.json"))
    assert {name.split("/")[0] for name in names} <= SHIPPED, sorted({n.split("/")[0] for n in names} - SHIPPED)
    leaked = [name for name in names if any(fnmatch.fnmatch(name, pattern) for pattern in DEV_FILES)]
    assert leaked == []
    modules = sorted(path.name for path in (REPO / "plugins" / "modules").glob("*.py"))
    assert sorted(n.split("/")[-1] for n in names if n.startswith("plugins/modules/")
                  and n.endswith(".py")) == modules
    for required in ("README.md", "CHANGELOG.md", "changelogs/changelog.yaml", "meta/runtime.yml",
                     "meta/execution-environment.yml", "requirements.txt", "bindep.txt",
                     "docs/docsite/extra-docs.yml", "docs/docsite/rst/offline_testing.rst",
                     "docs/awx/credential_type.yml"):
        assert required in names, required
    info = manifest["collection_info"]
    galaxy = yaml.safe_load((REPO / "galaxy.yml").read_text())
    for field in ("documentation", "issues", "homepage"):
        assert info[field] == galaxy[field]
        assert info[field].startswith(galaxy["repository"]), (field, info[field])


def test_the_installed_collection_runs_a_module_a_lookup_and_the_inventory(tarball, simulator, tmp_path):
    """Install into an empty path and run from a directory that knows nothing of the checkout."""
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "ansible.cfg").write_text("")
    collections = work / "collections"
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("ANSIBLE_", "DIGITALOCEAN_", "DO_")) and key not in ("OAUTH_TOKEN", "PYTHONPATH")}
    env.update(ANSIBLE_CONFIG=str(work / "ansible.cfg"), ANSIBLE_COLLECTIONS_PATH=str(collections),
               ANSIBLE_NOCOLOR="1", ANSIBLE_LOCAL_TEMP=str(work / "tmp"), HOME=str(work),
               DIGITALOCEAN_API_URL=simulator.url, DIGITALOCEAN_ACCESS_TOKEN=simulator.token,
               PATH=str(BIN) + os.pathsep + os.environ.get("PATH", ""))

    def run(*command):
        completed = subprocess.run([str(BIN / command[0]), *command[1:]], cwd=str(work), env=env,
                                   capture_output=True, text=True, timeout=300, check=False)
        assert completed.returncode == 0, completed.stdout + completed.stderr
        return completed.stdout

    run("ansible-galaxy", "collection", "install", "--offline", "-p", str(collections), str(tarball))
    installed = collections / "ansible_collections" / "fathom" / "digitalocean"
    assert (installed / "MANIFEST.json").is_file()
    listed = json.loads(run("ansible-doc", "--json", "fathom.digitalocean.tag"))
    assert listed["fathom.digitalocean.tag"]["doc"]["filename"].startswith(str(installed))

    new_droplet(simulator, "built-1")
    simulator.settle()
    (work / "play.yml").write_text(yaml.safe_dump([{
        "name": "installed copy", "hosts": "localhost", "gather_facts": False, "tasks": [
            {"name": "module", "fathom.digitalocean.tag": {"name": "from-tarball"}, "register": "tag"},
            {"name": "lookup", "ansible.builtin.set_fact": {
                "found": "{{ lookup('fathom.digitalocean.resource', 'droplet', name='built-1', wantlist=True) }}"}},
            {"name": "check", "ansible.builtin.assert": {"that": [
                "tag is changed", "tag.tag.name == 'from-tarball'", "found | length == 1",
                "found[0].name == 'built-1'"]}},
        ]}], sort_keys=False))
    out = run("ansible-playbook", "play.yml")
    assert "failed=0" in out and "changed=1" in out, out
    assert [entry["name"] for entry in simulator.state("tags")] == ["from-tarball"]

    (work / "do.droplets.yml").write_text("plugin: fathom.digitalocean.droplets\n")
    hosts = json.loads(run("ansible-inventory", "-i", "do.droplets.yml", "--list"))["_meta"]["hostvars"]
    assert sorted(hosts) == ["built-1"]
