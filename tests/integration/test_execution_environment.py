"""The execution environment: execution-environment.yml (ansible-builder 3) and the collection's
meta/execution-environment.yml. `ansible-builder create` writes the build context; building the image
needs a container runtime and a base image, which the tests do not have."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import yaml

from conftest import REPO

BIN = Path(sys.executable).parent


def pinned(path, name):
    for line in (REPO / path).read_text().splitlines():
        if line.lower().startswith(name.lower() + "=="):
            return line.strip()
    raise AssertionError("%s is not pinned in %s" % (name, path))


def test_the_collection_declares_its_dependencies():
    meta = yaml.safe_load((REPO / "meta" / "execution-environment.yml").read_text())
    assert meta["version"] == 1
    assert meta["dependencies"] == {"python": "requirements.txt", "system": "bindep.txt"}
    requirements = (REPO / "requirements.txt").read_text().splitlines()
    assert pinned("requirements.txt", "requests") in requirements
    assert "ca-certificates" in (REPO / "bindep.txt").read_text()


def test_ansible_builder_create_writes_a_context_with_the_collection_requirements_and_bindep(tmp_path):
    definition = yaml.safe_load((REPO / "execution-environment.yml").read_text())
    galaxy = yaml.safe_load((REPO / "galaxy.yml").read_text())
    tarball_name = "fathom-digitalocean-%s.tar.gz" % galaxy["version"]
    assert definition["version"] == 3
    deps = definition["dependencies"]
    assert deps["ansible_core"]["package_pip"] == pinned("tests/requirements.txt", "ansible-core")
    assert deps["ansible_runner"]["package_pip"] == pinned("tests/requirements-release.txt", "ansible-runner")
    assert deps["galaxy"]["collections"] == [{"name": "collections/" + tarball_name, "type": "file"}]
    assert definition["additional_build_files"] == [{"src": "build/ee/" + tarball_name, "dest": "collections"}]

    # What `make ee-context` does, in a copy: build the collection, then the context.
    work = tmp_path / "checkout"
    work.mkdir()
    for name in ("execution-environment.yml", "requirements.txt", "bindep.txt"):
        shutil.copy(REPO / name, work / name)
    built = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "build", "--output-path",
                            str(work / "build" / "ee"), str(REPO)], capture_output=True, text=True, timeout=300,
                           check=False)
    assert built.returncode == 0, built.stdout + built.stderr
    created = subprocess.run([str(BIN / "ansible-builder"), "create", "-f", "execution-environment.yml", "-c",
                              str(tmp_path / "context"), "--output-filename", "Containerfile"], cwd=str(work),
                             capture_output=True, text=True, timeout=300, check=False)
    assert created.returncode == 0, created.stdout + created.stderr

    build = tmp_path / "context" / "_build"
    assert (build / "requirements.txt").read_text() == (REPO / "requirements.txt").read_text()
    assert (build / "bindep.txt").read_text() == (REPO / "bindep.txt").read_text()
    assert yaml.safe_load((build / "requirements.yml").read_text()) == {"collections": deps["galaxy"]["collections"]}
    with tarfile.open(str(build / "collections" / tarball_name)) as tar:
        names = tar.getnames()
    assert "meta/execution-environment.yml" in names and "plugins/modules/droplet.py" in names
    containerfile = (tmp_path / "context" / "Containerfile").read_text()
    assert "FROM $EE_BASE_IMAGE" in containerfile
    assert "ansible-galaxy collection install" in containerfile and "-r requirements.yml" in containerfile
    assert "introspect" in containerfile and "--user-pip=requirements.txt" in containerfile
    assert "--user-bindep=bindep.txt" in containerfile
    assert "ARG EE_BASE_IMAGE=\"%s\"" % definition["images"]["base_image"]["name"] in containerfile
