# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The table of list endpoints the controller-side plugins know, by kind, made from the specs.

Every top-level declaration in plugins/module_utils/specs (a ResourceSpec without a parent, whose
path is a list, not one object) is a kind: its list path, the key its answer lists items under, the
query parameters the API filters on server-side, the field that identifies an item to other API
calls (``id_field``) and the fields a human name can match (``name_fields``). The resource and id
lookups read this table and nothing else, so a new spec is a new kind without a second edit.
"""

from __future__ import annotations

import importlib
import pkgutil

from ansible_collections.fathom.digitalocean.plugins.module_utils import specs as specs_package
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import plural
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec


class Kind:
    __slots__ = ("name", "path", "key", "server_filters", "id_field", "name_fields", "aliases")

    def __init__(self, spec):
        self.name = plural(spec.kind)
        self.path = spec.api.collection
        self.key = spec.api.plural
        self.server_filters = tuple(spec.lookup.filters.values()) + spec.lookup.query
        self.id_field = spec.lookup.ref or spec.api.id_field
        self.name_fields = spec.lookup.names
        self.aliases = tuple(sorted({spec.kind, spec.api.key, spec.api.plural} - {self.name}))


def _declarations():
    for found in pkgutil.iter_modules(specs_package.__path__):
        module = importlib.import_module("%s.%s" % (specs_package.__name__, found.name))
        for value in vars(module).values():
            if isinstance(value, ResourceSpec) and value.parent is None and "{" not in value.api.collection \
                    and not value.api.single:
                yield value


KINDS = dict((kind.name, kind) for kind in sorted((Kind(spec) for spec in _declarations()), key=lambda k: k.name))

_BY_ALIAS = {}
for _kind in KINDS.values():
    _BY_ALIAS[_kind.name] = _kind
    for _alias in _kind.aliases:
        _BY_ALIAS[_alias] = _kind


def kind_names():
    return sorted(KINDS)


def get_kind(name):
    """The Kind for a name or alias (``vpc`` and ``vpcs`` both work); None when unknown."""
    if not isinstance(name, str):
        return None
    return _BY_ALIAS.get(name.strip().lower().replace("-", "_"))


def dig(item, dotted):
    """item['a']['b'] for 'a.b'; None when a step is missing."""
    value = item
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def comparable(value):
    """What a client-side filter compares: a region or size object compares by its slug."""
    if isinstance(value, dict):
        for key in ("slug", "id", "name"):
            if key in value:
                return value[key]
    return value


def matches(item, field, wanted):
    """Client-side filter: equality on a (dotted) field; a list field matches when it contains the value."""
    value = dig(item, field)
    if isinstance(value, list):
        return any(comparable(v) == wanted or str(comparable(v)) == str(wanted) for v in value)
    value = comparable(value)
    return value == wanted or (value is not None and str(value) == str(wanted))
