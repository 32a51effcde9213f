"""Rewrite meta/runtime.yml's action group from plugins/modules (or from the names given)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
names = sys.argv[1:] or [p.stem for p in (ROOT / "plugins" / "modules").glob("*.py")]
body = "---\nrequires_ansible: \">=2.17.0\"\naction_groups:\n  all:\n" + "".join(
    "    - %s\n" % name for name in sorted(set(names)))
(ROOT / "meta" / "runtime.yml").write_text(body)
