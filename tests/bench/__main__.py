"""Run the benchmarks and write docs/benchmarks.md.

``python -m tests.bench`` (make bench) runs the inventory and module benchmarks;
``python -m tests.bench soak`` (make soak) runs the longer fault soak; ``python -m tests.bench modules``
(or ``inventory``) runs one. Each keeps the other sections of docs/benchmarks.md as they were.
"""

from __future__ import annotations

import datetime
import importlib
import os
import platform
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

BENCHMARKS = ("inventory", "modules", "paths", "soak")
DEFAULT = ("inventory", "modules", "paths")
OUTPUT = REPO / "docs" / "benchmarks.md"


def previous_sections():
    """{title: section text} of the current docs/benchmarks.md."""
    if not OUTPUT.exists():
        return {}
    parts = re.split(r"^(?=## )", OUTPUT.read_text(), flags=re.M)
    return {part.splitlines()[0][3:].strip(): part.strip() for part in parts if part.startswith("## ")}


def main(argv=None):
    names = list(argv or sys.argv[1:]) or list(DEFAULT)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print("unknown benchmark %s; choose from %s" % (", ".join(unknown), ", ".join(BENCHMARKS)))
        return 2
    context = {"repo": REPO, "build": REPO / "build" / "bench"}
    os.makedirs(context["build"], exist_ok=True)
    sections = previous_sections()
    for name in names:
        module = importlib.import_module("tests.bench.%s" % name)
        print("== %s" % module.TITLE, flush=True)
        sections[module.TITLE] = "## %s\n\n%s" % (module.TITLE, module.run(context).strip())
    order = [importlib.import_module("tests.bench.%s" % name).TITLE for name in BENCHMARKS]
    ordered = [sections[title] for title in order if title in sections]
    header = ("# Benchmarks\n\nWritten by `make bench` (`python -m tests.bench`; `python -m tests.bench modules`"
              " or `inventory` runs one and keeps the other section) on %s, Python %s, %s, %d CPUs.\n"
              "Figures depend on the machine and its load; compare rows of the same run.\n"
              % (datetime.date.today().isoformat(), platform.python_version(), platform.machine(),
                 os.cpu_count() or 1))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(header + "\n" + "\n\n".join(ordered) + "\n")
    print("wrote %s" % OUTPUT.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
