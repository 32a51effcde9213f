"""The changelog: antsibull-changelog's config, release 0.1.0, the fragments of unreleased work and the
rendered CHANGELOG.md."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CHANGELOG = Path(sys.executable).parent / "antsibull-changelog"
FRAGMENTS = sorted((REPO / "changelogs" / "fragments").glob("*"))


def changelog_tool(*args, cwd=REPO):
    completed = subprocess.run([str(CHANGELOG), *args], cwd=str(cwd), capture_output=True, text=True, timeout=300,
                               check=False)
    return completed.returncode, completed.stdout + completed.stderr


@pytest.fixture(autouse=True)
def tool():
    if not CHANGELOG.exists():
        pytest.fail("antsibull-changelog is not installed: run `make release-tools`")


def test_every_fragment_and_the_changelog_pass_lint():
    assert changelog_tool("lint") == (0, "")
    assert changelog_tool("lint-changelog-yaml", "changelogs/changelog.yaml") == (0, "")


def test_fragments_are_named_after_their_issue_and_use_the_configured_sections():
    config = yaml.safe_load((REPO / "changelogs" / "config.yaml").read_text())
    sections = {name for name, _title in config["sections"]} | {config["trivial_section_name"]}
    assert FRAGMENTS, "changelogs/fragments holds the unreleased changes"
    for path in FRAGMENTS:
        assert re.match(r"^\d+-[a-z0-9][a-z0-9-]*\.ya?ml$", path.name), path.name
        content = yaml.safe_load(path.read_text())
        assert set(content) <= sections, (path.name, sorted(set(content) - sections))
        for entries in content.values():
            assert isinstance(entries, list) and all(isinstance(entry, str) and entry for entry in entries)


def test_release_0_1_0_names_modules_plugins_and_roles_that_exist():
    changelog = yaml.safe_load((REPO / "changelogs" / "changelog.yaml").read_text())
    release = changelog["releases"]["0.1.0"]
    assert release["changes"]["release_summary"]
    modules = {path.stem for path in (REPO / "plugins" / "modules").glob("*.py")}
    released = [module["name"] for module in release["modules"]]
    assert released and set(released) <= modules
    for kind, plugins in release["plugins"].items():
        for plugin in plugins:
            assert (REPO / "plugins" / kind / ("%s.py" % plugin["name"])).is_file(), (kind, plugin)
    for role in release["objects"]["role"]:
        assert (REPO / "roles" / role["name"] / "meta" / "argument_specs.yml").is_file(), role
    galaxy = yaml.safe_load((REPO / "galaxy.yml").read_text())
    versions = [tuple(int(part) for part in version.split(".")) for version in changelog["releases"]]
    assert max(versions) <= tuple(int(part) for part in galaxy["version"].split("."))


def test_changelog_md_is_rendered_from_changelog_yaml(tmp_path):
    """CHANGELOG.md is what `antsibull-changelog generate` writes: nobody edits it by hand."""
    for name in ("galaxy.yml", "CHANGELOG.md", "changelogs/config.yaml", "changelogs/changelog.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "changelogs" / "fragments").mkdir()
    assert changelog_tool("generate", cwd=tmp_path)[0] == 0
    rendered = (tmp_path / "CHANGELOG.md").read_text()
    assert rendered == (REPO / "CHANGELOG.md").read_text()
    assert "## v0\\.1\\.0" in rendered and "fathom\\.digitalocean\\.droplet " in rendered
