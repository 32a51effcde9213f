# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Make `ansible_collections.fathom.digitalocean` and the unit-test helpers importable.

The Makefile links this checkout into <repo>/.collections/ansible_collections/fathom/digitalocean.
When that link is missing (a fresh clone that has not run `make collection`), an equivalent link is
made in a temporary directory so the tests still import the working tree.
"""

from __future__ import annotations

import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def _collection_importable():
    try:
        import ansible_collections.fathom.digitalocean.plugins.module_utils.client  # noqa: F401
    except ImportError:
        return False
    return True


def _add_collections_root():
    root = os.path.join(REPO, ".collections")
    if not os.path.isdir(os.path.join(root, "ansible_collections", "fathom", "digitalocean")):
        root = tempfile.mkdtemp(prefix="fathom-unit-")
        os.makedirs(os.path.join(root, "ansible_collections", "fathom"))
        os.symlink(REPO, os.path.join(root, "ansible_collections", "fathom", "digitalocean"))
    if root not in sys.path:
        sys.path.insert(0, root)


if not _collection_importable():
    _add_collections_root()

# `import fakes` from the test modules, whatever pytest's import mode.
if HERE not in sys.path:
    sys.path.insert(0, HERE)
