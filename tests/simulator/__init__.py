"""In-process/standalone simulator of the DigitalOcean API v2 (test fixture).

It is an independent fake of the API: it shares no code with ``plugins/``.
See README.md beside this file.
"""
import importlib.util
import sys
import types

if __name__ != "tests.simulator":
    # Installed as fathom_digitalocean_simulator (pyproject.toml at the repository root): the modules
    # import each other as tests.simulator.*, so this package takes that name too, and each module
    # loads once, under it. Python imports the top-level `tests` of a dotted name: a project's own
    # is used when it has one, else an empty stand-in.
    if "tests" not in sys.modules and importlib.util.find_spec("tests") is None:
        sys.modules["tests"] = types.ModuleType("tests")
        sys.modules["tests"].__path__ = []
    sys.modules.setdefault("tests.simulator", sys.modules[__name__])
    __name__ = "tests.simulator"  # noqa: A001
