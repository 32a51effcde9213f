"""Resource modules.  Every module in this package is imported by
:func:`load_all`; a module registers its routes with
``tests.simulator.routing.route`` (and optionally seeders/event hooks), so a
new resource group is one new file here and nothing else."""
import importlib
import pkgutil

_loaded = False


def load_all():
    global _loaded
    if _loaded:
        return
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            importlib.import_module("%s.%s" % (__name__, info.name))
    _loaded = True
