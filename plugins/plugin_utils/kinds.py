# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one table of list endpoints the controller-side plugins know, by kind.

Each kind names its list path, the key its answer lists items under, the query parameters the API
filters on server-side, the field that identifies an item to other API calls (``id_field``) and
the fields a human name can match (``name_fields``). The resource and id lookups read this table
and nothing else; a new kind is one more entry here.
"""

from __future__ import annotations


class Kind:
    __slots__ = ("name", "path", "key", "server_filters", "id_field", "name_fields", "paginated", "aliases")

    def __init__(self, name, path, key=None, server_filters=(), id_field="id", name_fields=("name",),
                 paginated=True, aliases=()):
        self.name = name
        self.path = path
        self.key = key or name
        self.server_filters = tuple(server_filters)
        self.id_field = id_field
        self.name_fields = tuple(name_fields)
        self.paginated = paginated
        self.aliases = tuple(aliases)


KINDS = dict((kind.name, kind) for kind in (
    Kind("droplets", "/v2/droplets", server_filters=("tag_name", "name", "type"), aliases=("droplet",)),
    Kind("volumes", "/v2/volumes", server_filters=("name", "region"), aliases=("volume",)),
    Kind("ssh_keys", "/v2/account/keys", id_field="fingerprint", aliases=("ssh_key", "keys")),
    Kind("tags", "/v2/tags", id_field="name", aliases=("tag",)),
    Kind("images", "/v2/images", server_filters=("type", "private", "tag_name"),
         name_fields=("slug", "name"), aliases=("image",)),
    Kind("snapshots", "/v2/snapshots", server_filters=("resource_type",), aliases=("snapshot",)),
    Kind("sizes", "/v2/sizes", id_field="slug", name_fields=("slug",), aliases=("size",)),
    Kind("regions", "/v2/regions", id_field="slug", name_fields=("slug", "name"), aliases=("region",)),
    Kind("vpcs", "/v2/vpcs", aliases=("vpc",)),
    Kind("projects", "/v2/projects", aliases=("project",)),
    Kind("domains", "/v2/domains", id_field="name", aliases=("domain",)),
    Kind("firewalls", "/v2/firewalls", aliases=("firewall",)),
    Kind("load_balancers", "/v2/load_balancers", aliases=("load_balancer",)),
    Kind("certificates", "/v2/certificates", server_filters=("name",), aliases=("certificate",)),
    Kind("databases", "/v2/databases", server_filters=("tag_name",), paginated=False,
         aliases=("database", "database_clusters", "database_cluster")),
    Kind("apps", "/v2/apps", name_fields=("spec.name",), aliases=("app",)),
    Kind("cdn_endpoints", "/v2/cdn/endpoints", key="endpoints", name_fields=("origin", "custom_domain"),
         aliases=("cdn_endpoint",)),
    Kind("reserved_ips", "/v2/reserved_ips", id_field="ip", name_fields=("ip",), aliases=("reserved_ip",)),
    Kind("kubernetes_clusters", "/v2/kubernetes/clusters", aliases=("kubernetes_cluster",)),
    Kind("uptime_checks", "/v2/uptime/checks", key="checks", aliases=("uptime_check",)),
    Kind("monitoring_alert_policies", "/v2/monitoring/alerts", key="policies", id_field="uuid",
         name_fields=("description",), aliases=("monitoring_alert_policy",)),
))

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
