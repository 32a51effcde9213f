"""The collection's own promises: every module documented, in the action group, FQCN-resolvable."""

from __future__ import annotations

import ast
import importlib
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
# The Spaces modules that speak S3 (boto3) run module_utils/spaces.py, not the engine.
S3_MODULES = ("space", "space_info", "space_object")


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


def resource_key(module_name):
    """The result key a module returns its resource under: its own name; an _info module, the plural."""
    from ansible_collections.fathom.digitalocean.plugins.module_utils.common import plural

    return plural(module_name[:-len("_info")]) if module_name.endswith("_info") else module_name


def test_result_keys_are_the_module_names_and_documented_in_return():
    docs = json.loads(ansible_doc("--json", *["fathom.digitalocean.%s" % name for name in MODULES]))
    for name in MODULES:
        returned = docs["fathom.digitalocean.%s" % name]["return"]
        assert resource_key(name) in returned, (name, sorted(returned))
        if name.endswith("_info"):
            assert returned[resource_key(name)]["type"] == "list", name


def engine_call(name):
    """The call that ends the module's main(): module.run(SPEC) or module.run_info(SPEC, ...)."""
    tree = ast.parse((REPO / "plugins" / "modules" / ("%s.py" % name)).read_text())
    main = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "main")
    last = main.body[-1]
    assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Call), name
    call = last.value
    assert isinstance(call.func, ast.Attribute) and call.func.attr in ("run", "run_info"), name
    assert isinstance(call.func.value, ast.Name) and call.func.value.id == "module", name
    return call


@pytest.mark.parametrize("name", [name for name in MODULES if name not in S3_MODULES])
def test_every_module_ends_in_the_engine_entry_point_of_a_spec_of_its_kind(name):
    call = engine_call(name)
    assert call.func.attr == ("run_info" if name.endswith("_info") else "run"), name
    module = importlib.import_module("ansible_collections.fathom.digitalocean.plugins.modules.%s" % name)
    declared = call.args[0]
    if isinstance(declared, ast.Call):
        # A declaration built per task (records of one type in one domain): build one to read its kind.
        spec = getattr(module, declared.func.id)(*["example.com"] * len(declared.args))
    else:
        spec = getattr(module, declared.id)
    assert spec.kind == (name[:-len("_info")] if name.endswith("_info") else name)


@pytest.mark.parametrize("name", S3_MODULES)
def test_the_s3_modules_end_in_the_spaces_module_exit(name):
    tree = ast.parse((REPO / "plugins" / "modules" / ("%s.py" % name)).read_text())
    main = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "main")
    call = main.body[-1].value
    assert isinstance(call.func, ast.Attribute) and call.func.attr == "exit", name
    assert "SpacesModule(" in ast.unparse(main), name


def test_no_spec_file_defines_a_runner():
    for path in (REPO / "plugins" / "module_utils" / "specs").glob("*.py"):
        tree = ast.parse(path.read_text())
        runners = [node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
                   and node.name.startswith("run")]
        assert runners == [], (path.name, runners)


@pytest.mark.parametrize("kind", sorted(PLUGIN_DIRS))
def test_every_plugin_is_documented(kind):
    names = sorted(path.stem for path in (REPO / "plugins" / PLUGIN_DIRS[kind]).glob("*.py"))
    if not names:
        pytest.skip("no %s plugins yet" % kind)
    docs = json.loads(ansible_doc("-t", kind, "--json", *["fathom.digitalocean.%s" % name for name in names]))
    for name, doc in docs.items():
        assert doc["doc"]["short_description"], name
        assert doc["examples"], name


def test_every_module_has_its_controller_path_action_plugin():
    completed = subprocess.run([sys.executable, str(REPO / "scripts" / "action_plugins.py"), "--check"],
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout
    actions = sorted(path.stem for path in (REPO / "plugins" / "action").glob("*.py"))
    assert actions == MODULES
