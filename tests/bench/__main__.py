"""Run every benchmark and write docs/benchmarks.md."""

from __future__ import annotations

import datetime
import importlib
import os
import platform
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

BENCHMARKS = ("inventory",)
OUTPUT = REPO / "docs" / "benchmarks.md"


def main(argv=None):
    names = list(argv or sys.argv[1:]) or list(BENCHMARKS)
    context = {"repo": REPO, "build": REPO / "build" / "bench"}
    os.makedirs(context["build"], exist_ok=True)
    sections = []
    for name in names:
        module = importlib.import_module("tests.bench.%s" % name)
        print("== %s" % module.TITLE, flush=True)
        sections.append("## %s\n\n%s" % (module.TITLE, module.run(context).strip()))
    header = ("# Benchmarks\n\nWritten by `make bench` (`python -m tests.bench`) on %s, Python %s, %s, %d CPUs.\n"
              "Figures depend on the machine and its load; compare rows of the same run.\n"
              % (datetime.date.today().isoformat(), platform.python_version(), platform.machine(),
                 os.cpu_count() or 1))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(header + "\n" + "\n\n".join(sections) + "\n")
    print("wrote %s" % OUTPUT.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
