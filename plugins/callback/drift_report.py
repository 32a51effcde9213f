# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: drift_report
type: aggregate
short_description: Turn a check-mode run into a drift report, like terraform plan
version_added: 0.1.0
description:
  - >-
    Collects the C(plan) that every task of this collection returns and, at the end of the run,
    writes C(drift.json), C(drift.md) and C(drift.html) to O(drift_report_dir), then prints a one-line
    summary such as C(Drift: 2 to create, 1 to change, 0 to delete (14 resources in sync)).
  - Run a playbook with C(--check --diff) to see where the cloud no longer matches it; nothing is
    changed in check mode.
  - Secrets never reach the report. Values the modules mask, and fields whose names mark them as
    secret (passwords, URIs with credentials, private keys, user data, tokens), show as C((sensitive)).
  - >-
    C(drift.json) is versioned (C(version) field); each resource has C(kind), C(identity), C(id),
    C(host), C(task), C(action) (create, update, delete, replace, none or unknown) and C(changes) as
    C({field: {before, after}}); C(summary) counts resources per action.
  - >-
    A task of this collection with C(no_log: true) returns no plan, only whether it changed. One
    that would change is drift of unknown detail: action C(unknown), its C(kind) (the module's
    name), C(identity) with the task's C(name) argument when it gives a literal one (never any
    other argument), no C(changes), and C(note) C(details hidden by no_log). It counts as drift for
    O(drift_report_fail_on_drift).
requirements:
  - Enable it with the C(callbacks_enabled) setting of C(ansible.cfg) or E(ANSIBLE_CALLBACKS_ENABLED).
options:
  drift_report_dir:
    description: Directory the report files are written to. It is created when missing.
    type: path
    default: ./drift-report
    env:
      - name: DRIFT_REPORT_DIR
    ini:
      - section: callback_drift_report
        key: dir
  drift_report_fail_on_drift:
    description:
      - Exit with status 2 when the report shows drift (anything to create, change, delete or
        replace), as C(terraform plan -detailed-exitcode) does, so that CI can gate on it.
      - A run that failed already keeps its own non-zero status.
    type: bool
    default: false
    env:
      - name: DRIFT_REPORT_FAIL_ON_DRIFT
    ini:
      - section: callback_drift_report
        key: fail_on_drift
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
# ansible.cfg
# [defaults]
# callbacks_enabled = fathom.digitalocean.drift_report
# [callback_drift_report]
# dir = ./drift-report
# fail_on_drift = true

# Or for one run:
# ANSIBLE_CALLBACKS_ENABLED=fathom.digitalocean.drift_report DRIFT_REPORT_FAIL_ON_DRIFT=1 \
#   ansible-playbook playbooks/site.yml --check --diff
"""

import atexit
import datetime
import html
import json
import os
import sys

from ansible.plugins.callback import CallbackBase

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SECRET_FIELD, SENSITIVE

REPORT_VERSION = 1
COLLECTION_PREFIX = "fathom.digitalocean."
ACTIONS = ("create", "update", "replace", "delete", "unknown", "none")
MARKERS = {"create": "+", "update": "~", "replace": "-/+", "delete": "-", "unknown": "?", "none": " "}
FIELD_MARKERS = {"create": "+", "update": "~", "replace": "~", "delete": "-", "none": " "}
DRIFT_EXIT_STATUS = 2
# What the report says of a task whose result no_log hid.
HIDDEN = "details hidden by no_log"


def masked(field, value):
    if value is None:
        return None
    if SECRET_FIELD.search(field or ""):
        return SENSITIVE
    return value


def summarize(resources):
    counts = {action: 0 for action in ACTIONS}
    for resource in resources:
        counts[resource["action"]] = counts.get(resource["action"], 0) + 1
    counts["total"] = len(resources)
    counts["drift"] = len(resources) - counts["none"]
    return counts


def summary_line(summary):
    line = "Drift: %d to create, %d to change, %d to delete" % (
        summary["create"], summary["update"], summary["delete"])
    if summary["replace"]:
        line += ", %d to replace" % summary["replace"]
    if summary["unknown"]:
        line += ", %d changed with %s" % (summary["unknown"], HIDDEN)
    return line + " (%d resources in sync)" % summary["none"]


def label(resource):
    identity = resource.get("identity") or {}
    name = identity.get("name") or ", ".join("%s=%s" % item for item in sorted(identity.items()))
    text = "%s %s" % (resource["kind"], name or "")
    if resource.get("id") is not None:
        text += " (id %s)" % resource["id"]
    return text.strip()


def show(value):
    return json.dumps(value, sort_keys=True, default=str)


def render_markdown(report):
    lines = ["# Drift report", ""]
    lines.append("Generated %s%s." % (report["generated_at"],
                                      " from %s" % report["playbook"] if report.get("playbook") else ""))
    lines.append("")
    for resource in report["resources"]:
        if resource["action"] == "none":
            continue
        lines.append("## %s %s" % (MARKERS[resource["action"]], label(resource)))
        lines.append("")
        note = " (%s)" % resource["note"] if resource.get("note") else ""
        lines.append("Task `%s` on `%s`: **%s**%s" % (resource["task"], resource["host"], resource["action"], note))
        lines.append("")
        if resource["changes"]:
            lines.append("```diff")
            for field, change in sorted(resource["changes"].items()):
                marker = FIELD_MARKERS[resource["action"]]
                lines.append("%s %s: %s -> %s" % (marker, field, show(change["before"]), show(change["after"])))
            lines.append("```")
            lines.append("")
    lines.append(summary_line(report["summary"]))
    return "\n".join(lines) + "\n"


HTML_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1b1f24}
h1{font-size:1.5rem} .summary{font-size:1.1rem;padding:.75rem 1rem;border-radius:6px;background:#f1f3f5}
table{border-collapse:collapse;width:100%;margin-top:1rem} th,td{text-align:left;padding:.4rem .6rem;
border-bottom:1px solid #dde1e5;vertical-align:top} tr.create{background:#e6f6ea} tr.update{background:#fff6dc}
tr.delete{background:#fde8e8} tr.replace{background:#f3e8fd} tr.unknown{background:#e8eefd}
tr.none{color:#6a737d}
code{font-family:ui-monospace,Menlo,monospace;font-size:.9em} details summary{cursor:pointer}
.before{color:#b31d28} .after{color:#22863a}
"""


def render_html(report):
    rows = []
    for resource in report["resources"]:
        changes = "".join(
            "<li><code>%s</code>: <span class=\"before\">%s</span> &rarr; <span class=\"after\">%s</span></li>"
            % (html.escape(field), html.escape(show(change["before"])), html.escape(show(change["after"])))
            for field, change in sorted(resource["changes"].items()))
        detail = ("<details><summary>%d field%s</summary><ul>%s</ul></details>"
                  % (len(resource["changes"]), "" if len(resource["changes"]) == 1 else "s", changes)
                  if resource["changes"] else html.escape(resource.get("note") or ""))
        rows.append(
            "<tr class=\"%s\" data-action=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
            % (resource["action"], resource["action"], html.escape(resource["action"]),
               html.escape(label(resource)), html.escape(resource["task"]), html.escape(resource["host"]), detail))
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drift report</title>"
        "<style>%s</style></head><body><h1>Drift report</h1>"
        "<p class=\"summary\" id=\"summary\">%s</p><p>Generated %s.</p>"
        "<table id=\"resources\"><thead><tr><th>Action</th><th>Resource</th><th>Task</th><th>Host</th>"
        "<th>Changes</th></tr></thead><tbody>%s</tbody></table></body></html>\n"
        % (HTML_STYLE, html.escape(summary_line(report["summary"])), html.escape(report["generated_at"]),
           "".join(rows)))


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "fathom.digitalocean.drift_report"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.resources = []
        self.playbook = None

    def v2_playbook_on_start(self, playbook):
        self.playbook = os.path.basename(getattr(playbook, "_file_name", "") or "")

    def v2_runner_on_ok(self, result):
        self._collect(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._collect(result)

    def _collect(self, result):
        action = getattr(result._task, "action", "") or ""
        if not action.startswith(COLLECTION_PREFIX):
            return
        payload = result._result
        items = payload.get("results") if isinstance(payload.get("results"), list) else [payload]
        for item in items:
            plan = item.get("plan") if isinstance(item, dict) else None
            if isinstance(plan, dict) and plan.get("action") in ACTIONS:
                self.resources.append(self._resource(plan, result))
            elif isinstance(item, dict) and "censored" in item and item.get("changed"):
                self.resources.append(self._hidden(action, result))

    @staticmethod
    def _resource(plan, result):
        changes = {}
        for field, change in (plan.get("changes") or {}).items():
            changes[field] = {"before": masked(field, change.get("before")),
                              "after": masked(field, change.get("after"))}
        return {
            "kind": plan.get("resource"),
            "identity": {key: masked(key, value) for key, value in (plan.get("identity") or {}).items()},
            "id": plan.get("id"),
            "host": result._host.get_name(),
            "task": result._task.get_name(),
            "action": plan["action"],
            "changes": changes,
        }

    @staticmethod
    def _hidden(action, result):
        """A changed task whose result no_log censored: drift, of which only the module is known.

        The name comes from the task's own arguments, and only when the task gives it literally;
        a template is not shown, and no other argument ever is.
        """
        name = (getattr(result._task, "args", None) or {}).get("name")
        literal = isinstance(name, str) and name and "{{" not in name and "{%" not in name
        return {
            "kind": action[len(COLLECTION_PREFIX):],
            "identity": {"name": name} if literal else {},
            "id": None,
            "host": result._host.get_name(),
            "task": result._task.get_name(),
            "action": "unknown",
            "changes": {},
            "note": HIDDEN,
        }

    def v2_playbook_on_stats(self, stats):
        report = {
            "version": REPORT_VERSION,
            "generated_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "playbook": self.playbook,
            "summary": summarize(self.resources),
            "resources": self.resources,
        }
        directory = self.get_option("drift_report_dir")
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "drift.json"), "w") as handle:
            json.dump(report, handle, indent=2, sort_keys=True, default=str)
        with open(os.path.join(directory, "drift.md"), "w") as handle:
            handle.write(render_markdown(report))
        with open(os.path.join(directory, "drift.html"), "w") as handle:
            handle.write(render_html(report))
        self._display.display("%s  [report: %s]" % (summary_line(report["summary"]), directory))
        run_failed = any(stats.failures.values()) or any(stats.dark.values())
        if report["summary"]["drift"] and self.get_option("drift_report_fail_on_drift") and not run_failed:
            self._display.display("drift_report_fail_on_drift: exiting with status %d" % DRIFT_EXIT_STATUS)
            atexit.register(_exit_with_drift_status)


def _exit_with_drift_status():
    # ansible-playbook has finished and cleaned up by the time exit handlers run; only the status
    # changes. Flush first: os._exit skips the interpreter's own flushing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(DRIFT_EXIT_STATUS)
