"""The docs site (make docs-test): antsibull-docs' lint, the Sphinx build, a page for every module,
plugin and role, and the option table of a module page as headless Chromium lays it out.

Runs with .venv-docs (tests/requirements-docs.txt) installed: `make docs-test` sets it up. The
Chromium part runs when a Chromium binary is there (`make browser`), else it skips, saying so."""

from __future__ import annotations

import json
import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.integration.test_drift_html import CHROMIUM_FLAGS, find_chromium

REPO = Path(__file__).resolve().parents[2]
DOCS_BIN = REPO / ".venv-docs" / "bin"
SITE = REPO / "build" / "docs" / "html"
PLUGIN_KINDS = ("callback", "inventory", "lookup")
# Appended to a copy of a page: what the browser computed, written into the DOM for --dump-dom.
PROBE = """<script>
(function () {
  var tables = document.querySelectorAll("table.ansible-option-table");
  var rows = tables.length ? tables[0].querySelectorAll("tbody tr") : [];
  var shown = 0;
  rows.forEach(function (row) { if (row.getBoundingClientRect().height > 0) { shown += 1; } });
  var options = Array.prototype.map.call(document.querySelectorAll("div.ansible-option-cell > div[id^='parameter-']"),
                                         function (cell) { return cell.id.substring(10); });
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({title: document.title, tables: tables.length, rows: rows.length,
                                    shown: shown, options: options,
                                    links: Array.prototype.map.call(document.querySelectorAll("a[href]"),
                                                                    function (a) { return a.getAttribute("href"); }),
                                    headings: Array.prototype.map.call(document.querySelectorAll("h1, h2"),
                                                                       function (h) { return h.textContent; })});
  document.body.appendChild(out);
})();
</script>"""


def names(directory, suffix=".py"):
    return sorted(path.stem for path in (REPO / directory).glob("*" + suffix) if path.stem != "__init__")


@pytest.fixture(scope="module")
def site():
    if not (DOCS_BIN / "antsibull-docs").exists():
        pytest.fail(".venv-docs is missing: run `make docs-test`")
    env = dict(os.environ, PATH=str(DOCS_BIN) + os.pathsep + os.environ.get("PATH", ""))
    completed = subprocess.run(["bash", "scripts/docs.sh"], cwd=str(REPO), env=env, capture_output=True, text=True,
                               timeout=1200, check=False)
    assert completed.returncode == 0, completed.stdout[-5000:] + completed.stderr[-5000:]
    return SITE


def test_antsibull_docs_lint_passes():
    env = dict(os.environ, PATH=str(DOCS_BIN) + os.pathsep + os.environ.get("PATH", ""))
    completed = subprocess.run(["bash", "scripts/docs.sh", "lint"], cwd=str(REPO), env=env, capture_output=True,
                               text=True, timeout=600, check=False)
    assert completed.returncode == 0, completed.stdout[-5000:] + completed.stderr[-5000:]


class OptionTable(HTMLParser):
    """The option names (``parameter-<name>`` anchors) of a module page."""

    def __init__(self):
        super().__init__()
        self.options = []
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "ansible-option-table" in (attrs.get("class") or ""):
            self.tables += 1
        if (attrs.get("id") or "").startswith("parameter-") and "/" not in attrs["id"]:
            self.options.append(attrs["id"][len("parameter-"):])


def test_every_module_plugin_and_role_has_a_page(site):
    modules = names("plugins/modules")
    assert modules
    for module in modules:
        page = site / ("%s_module.html" % module)
        assert page.is_file(), module
        parsed = OptionTable()
        parsed.feed(page.read_text())
        assert parsed.tables >= 1 and "token" in parsed.options, module
        assert "did not return correct DOCUMENTATION" not in page.read_text(), module
    for kind in PLUGIN_KINDS:
        for plugin in names("plugins/" + kind):
            assert (site / ("%s_%s.html" % (plugin, kind))).is_file(), (kind, plugin)
    for role in sorted(path.name for path in (REPO / "roles").iterdir() if path.is_dir()):
        assert (site / ("%s_role.html" % role)).is_file(), role


def test_the_readme_is_the_index_beside_the_design_the_guide_and_the_changelog(site):
    index = (site / "index.html").read_text()
    assert "Two commands" in index and "fathom.digitalocean" in index
    for page in ("reference.html", "design.html", "docsite/offline_testing.html", "changelog.html"):
        assert (site / page).is_file(), page
        assert 'href="%s' % page in index, page
    guide = (site / "docsite" / "offline_testing.html").read_text()
    assert "Test your playbooks offline" in guide and "fathom-do-simulator" in guide
    assert "Release Summary" in (site / "changelog.html").read_text()


@pytest.fixture
def chromium(tmp_path):
    binary, missing = find_chromium()
    if binary is None:
        pytest.skip(missing)

    def probe(page):
        probed = page.parent / ("probe-" + page.name)
        probed.write_text(page.read_text().replace("</body>", PROBE + "</body>"))
        try:
            completed = subprocess.run([binary, *CHROMIUM_FLAGS, "--user-data-dir=%s" % (tmp_path / "profile"),
                                        "--dump-dom", probed.as_uri()], capture_output=True, text=True,
                                       timeout=120, check=False, env=dict(os.environ, HOME=str(tmp_path)))
        finally:
            probed.unlink()
        assert completed.returncode == 0, completed.stderr[-3000:]
        start = completed.stdout.index('<pre id="probe">') + len('<pre id="probe">')
        text = completed.stdout[start:completed.stdout.index("</pre>", start)]
        return json.loads(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"'))

    return probe


def test_chromium_finds_the_option_table_of_a_module_page_and_the_index(site, chromium):
    index = chromium(site / "index.html")
    assert "fathom.digitalocean" in index["title"]
    assert "Two commands" in " ".join(index["headings"])
    assert "droplet_module.html" in " ".join(index["links"]) or "reference.html" in index["links"]

    droplet = chromium(site / "droplet_module.html")
    assert droplet["tables"] >= 1
    assert droplet["rows"] > 10 and droplet["shown"] == droplet["rows"]
    for option in ("name", "region", "size", "image", "state", "token", "api_url"):
        assert option in droplet["options"], option
