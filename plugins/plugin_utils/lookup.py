# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the resource and id lookups share: one client per run, listing a kind with filters."""

from __future__ import annotations

from ansible.errors import AnsibleError, AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.fathom.digitalocean.plugins.plugin_utils.base import api_errors, build_client
from ansible_collections.fathom.digitalocean.plugins.plugin_utils.kinds import get_kind, kind_names, matches

# Filter options every lookup accepts besides the free-form ``filters`` dictionary.
FILTER_OPTIONS = ("tag_name", "name", "region", "type")


def resolve_kind(term):
    kind = get_kind(term)
    if kind is None:
        raise AnsibleLookupError("Unknown kind %r; known kinds: %s" % (term, ", ".join(kind_names())))
    return kind


def list_kind(client, kind, filters):
    """Items of a kind: server-side filters go to the API, the others compare client-side."""
    server = {}
    client_side = {}
    for key, value in filters.items():
        if value is None:
            continue
        if key in kind.server_filters and key not in server:
            server[key] = value
        else:
            client_side[key] = value
    # The droplet list takes either tag_name or name, never both.
    if kind.name == "droplets" and "tag_name" in server and "name" in server:
        client_side["name"] = server.pop("name")
    with api_errors("Could not list %s" % kind.name, AnsibleLookupError):
        items = client.paginate(kind.path, kind.key, params=server)
    for key, value in client_side.items():
        items = [item for item in items if matches(item, key, value)]
    return items


class DigitalOceanLookup(LookupBase):
    """Base of the collection's lookups: options, the client, the filters."""

    def _setup(self, variables, kwargs):
        try:
            self.set_options(var_options=variables, direct=kwargs)
        except AnsibleError as exc:
            raise AnsibleLookupError(str(exc.message)) from None
        return build_client(self.get_option, warn=self._display.warning, error_class=AnsibleLookupError)

    def _filters(self):
        filters = dict(self.get_option("filters") or {})
        for name in FILTER_OPTIONS:
            value = self.get_option(name)
            if value is not None:
                filters[name] = value
        return filters
