"""drift.html of the drift_report callback, loaded in headless Chromium: the summary and the rows of
the table as the browser's DOM has them, and the rows laid out on the page.

Chromium comes from `make browser` (Debian's chromium package), which `make test` runs first. The
test skips, saying so, only when no Chromium binary can be found."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                  "--disable-dev-shm-usage", "--virtual-time-budget=5000")
# Appended to a copy of the report: what the browser computed, written into the DOM for --dump-dom.
PROBE = """<script>
(function () {
  var rows = document.querySelectorAll("#resources tbody tr");
  var shown = 0;
  rows.forEach(function (row) { if (row.getBoundingClientRect().height > 0) { shown += 1; } });
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({
    summary: document.getElementById("summary").textContent,
    rows: rows.length,
    shown: shown,
    actions: Array.prototype.map.call(rows, function (row) { return row.dataset.action; }),
    title: document.title
  });
  document.body.appendChild(out);
})();
</script>"""


def find_chromium():
    """(path, None) or (None, why not): $CHROMIUM when set, else the first of CANDIDATES on PATH."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        if os.access(explicit, os.X_OK):
            return explicit, None
        return None, "CHROMIUM=%s is not an executable file" % explicit
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found, None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium", None
    return None, ("no Chromium binary (looked for %s on PATH and /usr/bin/chromium): run `make browser`"
                  % ", ".join(CANDIDATES))


@pytest.fixture
def chromium(tmp_path):
    binary, missing = find_chromium()
    if binary is None:
        pytest.skip(missing)

    def dump_dom(page):
        command = [binary, *CHROMIUM_FLAGS, "--user-data-dir=%s" % (tmp_path / "chromium-profile"),
                   "--dump-dom", page.as_uri()]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                                   env=dict(os.environ, HOME=str(tmp_path)))
        assert completed.returncode == 0, completed.stderr[-3000:]
        assert "<html" in completed.stdout, completed.stderr[-3000:]
        return completed.stdout

    return dump_dom


class ReportDOM(HTMLParser):
    """The summary paragraph, the rows of the resources table and the probe's JSON, from dumped DOM."""

    def __init__(self):
        super().__init__()
        self.summary = ""
        self.rows = []
        self.probe = ""
        self._in = None
        self._tbody = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and attrs.get("id") == "summary":
            self._in = "summary"
        elif tag == "pre" and attrs.get("id") == "probe":
            self._in = "probe"
        elif tag == "tbody":
            self._tbody = True
        elif tag == "tr" and self._tbody:
            self.rows.append(attrs.get("data-action"))

    def handle_endtag(self, tag):
        if tag in ("p", "pre"):
            self._in = None
        elif tag == "tbody":
            self._tbody = False

    def handle_data(self, data):
        if self._in == "summary":
            self.summary += data
        elif self._in == "probe":
            self.probe += data


def parse(dom):
    parser = ReportDOM()
    parser.feed(dom)
    return parser


def test_drift_html_renders_in_chromium(simulator, playbook, chromium, tmp_path):
    setup = playbook([{"name": "kept", "fathom.digitalocean.tag": {"name": "kept"}},
                      {"name": "stale", "fathom.digitalocean.tag": {"name": "stale"}}])
    assert setup.returncode == 0, setup.stdout
    env = {"ANSIBLE_CALLBACKS_ENABLED": "result_capture,fathom.digitalocean.drift_report",
           "DRIFT_REPORT_DIR": str(tmp_path / "report")}
    run = playbook([
        {"name": "kept tag", "fathom.digitalocean.tag": {"name": "kept"}},
        {"name": "stale tag", "fathom.digitalocean.tag": {"name": "stale", "state": "absent"}},
        {"name": "new tag", "fathom.digitalocean.tag": {"name": "fresh"}},
        {"name": "new volume", "fathom.digitalocean.volume": {"name": "data-1", "region": "nyc3",
                                                              "size_gigabytes": 10}},
    ], check=True, diff=True, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    summary = "Drift: 2 to create, 0 to change, 1 to delete (1 resources in sync)"
    assert summary in run.stdout

    page = tmp_path / "report" / "drift.html"
    dom = parse(chromium(page))
    assert dom.summary == summary
    assert dom.rows == [resource["action"] for resource in report["resources"]]
    assert sorted(dom.rows) == ["create", "create", "delete", "none"]

    # The same page with a probe script: counts taken by the browser, rows laid out with a height.
    probed = tmp_path / "report" / "drift-probe.html"
    probed.write_text(page.read_text().replace("</body>", PROBE + "</body>"))
    seen = json.loads(parse(chromium(probed)).probe)
    assert seen == {"summary": summary, "rows": 4, "shown": 4, "title": "Drift report",
                    "actions": [resource["action"] for resource in report["resources"]]}
