"""What a release promises outside the code: the ansible-core versions claimed and tested, the README's
two commands with the extras under `make help`, and the pins of the release tooling."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml
from packaging.specifiers import SpecifierSet

REPO = Path(__file__).resolve().parents[2]


def claimed():
    return SpecifierSet(yaml.safe_load((REPO / "meta" / "runtime.yml").read_text())["requires_ansible"])


def matrix():
    """{minor: (version, [pythons])} of tests/compat/matrix.txt."""
    rows = {}
    for line in (REPO / "tests" / "compat" / "matrix.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            pin, *pythons = line.split()
            version = pin.split("==")[1]
            rows[version.rsplit(".", 1)[0]] = (version, pythons)
    return rows


def test_every_claimed_ansible_core_minor_is_in_the_compat_matrix():
    spec = claimed()
    rows = matrix()
    claimed_minors = [minor for minor in ("2.%d" % n for n in range(9, 40))
                      if any(spec.contains("%s.%d" % (minor, patch)) for patch in (0, 99))]
    assert claimed_minors, "requires_ansible claims no minor"
    for minor in claimed_minors:
        assert minor in rows, "requires_ansible claims %s, which make compat does not test" % minor
        assert spec.contains(rows[minor][0]), rows[minor]
        assert rows[minor][1][0] == "python3.11", "scripts/sanity.sh runs ansible-test with Python 3.11"
    project = next(line.split("==")[1] for line in (REPO / "tests" / "requirements.txt").read_text().splitlines()
                   if line.startswith("ansible-core=="))
    assert spec.contains(project), "make test's ansible-core %s is outside requires_ansible" % project


def test_the_readme_matrix_names_each_claimed_minor():
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Compatibility", 1)[1].split("\n## ", 1)[0]
    for minor, (version, _pythons) in matrix().items():
        if claimed().contains(version):
            assert re.search(r"^\| %s \| [^|]+ \| yes \|" % re.escape(minor), section, re.M), minor


def test_the_readme_keeps_two_commands_and_make_help_lists_the_extras():
    readme = (REPO / "README.md").read_text()
    block = readme.split("## Two commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert re.findall(r"^make (\S+)", block, re.M) == ["demo", "test"]
    completed = subprocess.run(["make", "--no-print-directory", "help"], cwd=str(REPO), capture_output=True,
                               text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    for target in ("docs", "docs-test", "ee-context", "compat"):
        assert re.search(r"^make %s\s" % re.escape(target), completed.stdout, re.M), target


def test_release_tooling_is_pinned():
    for name in ("tests/requirements-release.txt", "tests/requirements-docs.txt"):
        lines = [line for line in (REPO / name).read_text().splitlines() if line and not line.startswith("#")]
        assert lines and all(re.match(r"^[A-Za-z0-9_.\-\[\]]+==\S+$", line) for line in lines), name
    docs = (REPO / "tests" / "requirements-docs.txt").read_text()
    for tool in ("antsibull-docs==", "Sphinx==", "sphinx-ansible-theme==", "myst-parser=="):
        assert tool in docs, tool
    core = re.search(r"^ansible-core==\S+$", (REPO / "tests" / "requirements.txt").read_text(), re.M).group(0)
    assert core in docs.splitlines(), "the docs venv documents the ansible-core that make test runs"
    release = (REPO / "tests" / "requirements-release.txt").read_text()
    for tool in ("antsibull-changelog==", "ansible-builder==", "ansible-runner=="):
        assert tool in release, tool
