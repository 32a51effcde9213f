"""Write plugins/action/<module>.py for every module: the controller path (see plugins/plugin_utils/action.py).

Usage: python scripts/action_plugins.py          write the missing and outdated files
       python scripts/action_plugins.py --check  exit 1 when a file is missing, outdated or orphaned
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODULES = REPO / "plugins" / "modules"
ACTIONS = REPO / "plugins" / "action"

TEMPLATE = '''# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Runs fathom.digitalocean.{name} on the controller path when the task runs on the controller."""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.modules import {name}
from ansible_collections.fathom.digitalocean.plugins.plugin_utils.action import controller_action

ActionModule = controller_action({name}.main)
'''


def module_names():
    return sorted(path.stem for path in MODULES.glob("*.py") if path.stem != "__init__")


def expected_files():
    return {ACTIONS / ("%s.py" % name): TEMPLATE.format(name=name) for name in module_names()}


def problems():
    expected = expected_files()
    found = [path for path in ACTIONS.glob("*.py") if path.stem != "__init__"]
    wrong = [str(path.relative_to(REPO)) for path, text in expected.items()
             if not path.exists() or path.read_text() != text]
    orphans = [str(path.relative_to(REPO)) for path in found if path not in expected]
    return wrong, orphans


def main(argv):
    if "--check" in argv:
        wrong, orphans = problems()
        for path in wrong:
            print("missing or outdated: %s (run python scripts/action_plugins.py)" % path)
        for path in orphans:
            print("no module of that name: %s" % path)
        return 1 if wrong or orphans else 0
    ACTIONS.mkdir(exist_ok=True)
    for path, text in expected_files().items():
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            print("wrote %s" % path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
