"""The collection's own promises: every module documented, in the action group, FQCN-resolvable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
MODULES = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if path.stem != "__init__")
PLUGIN_DIRS = {"inventory": "inventory", "lookup": "lookup", "callback": "callback"}


def ansible_doc(*args):
    env = dict(os.environ, ANSIBLE_CONFIG=str(REPO / "ansible.cfg"), ANSIBLE_NOCOLOR="1")
    completed = subprocess.run([str(Path(sys.executable).parent / "ansible-doc"), *args], cwd=str(REPO),
                               env=env, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_every_module_is_in_the_action_group():
    runtime = yaml.safe_load((REPO / "meta" / "runtime.yml").read_text())
    assert sorted(runtime["action_groups"]["all"]) == MODULES


def test_galaxy_metadata():
    galaxy = yaml.safe_load((REPO / "galaxy.yml").read_text())
    assert (galaxy["namespace"], galaxy["name"], galaxy["version"]) == ("fathom", "digitalocean", "0.1.0")
    assert galaxy["license"] == ["GPL-3.0-or-later"]
    assert "tests/simulator" in galaxy["build_ignore"]


def test_every_module_has_documentation_examples_and_return():
    docs = json.loads(ansible_doc("--json", *["fathom.digitalocean.%s" % name for name in MODULES]))
    assert sorted(docs) == ["fathom.digitalocean.%s" % name for name in MODULES]
    for name, doc in docs.items():
        assert doc["doc"]["short_description"], name
        assert doc["doc"]["options"], name
        assert "token" in doc["doc"]["options"], name
        assert doc["examples"] and "fathom.digitalocean." in doc["examples"], name
        assert doc["return"], name
        if not name.endswith("_info"):
            assert "plan" in doc["return"], name


@pytest.mark.parametrize("kind", sorted(PLUGIN_DIRS))
def test_every_plugin_is_documented(kind):
    names = sorted(path.stem for path in (REPO / "plugins" / PLUGIN_DIRS[kind]).glob("*.py"))
    if not names:
        pytest.skip("no %s plugins yet" % kind)
    docs = json.loads(ansible_doc("-t", kind, "--json", *["fathom.digitalocean.%s" % name for name in names]))
    for name, doc in docs.items():
        assert doc["doc"]["short_description"], name
        assert doc["examples"], name
