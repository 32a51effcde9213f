# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: id
short_description: Resolve the name of a DigitalOcean resource to the id the API needs
version_added: "0.1.0"
author: fathom.digitalocean maintainers (@fathom-digitalocean)
description:
  - Finds the one resource of a kind with a given name and returns its id.
  - The id is what other API calls take, for example a VPC's or project's id, a Droplet's
    numeric id, an SSH key's fingerprint, a size's or region's slug, a tag's or domain's name.
  - Names match C(name) for most kinds, C(slug) or C(name) for images and regions, C(spec.name)
    for apps, and C(origin) or C(custom_domain) for CDN endpoints.
  - Nothing found, or more than one match, fails with a message that lists the candidates.
  - The kinds are those of P(fathom.digitalocean.resource#lookup).
requirements:
  - requests
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean_plugin
options:
  _terms:
    description: The kind, then one or more names. One id is returned per name, in order.
    required: true
    type: list
    elements: str
  filters:
    description: More filters as C(field -> value), as in P(fathom.digitalocean.resource#lookup).
    type: dict
    default: {}
  tag_name:
    description: Only resources with this tag.
    type: str
  name:
    description: Not used for matching (the terms give the names); accepted for symmetry.
    type: str
  region:
    description: Only resources in this region (slug), for names that repeat across regions.
    type: str
  type:
    description: Only resources of this type.
    type: str
"""

EXAMPLES = r"""
- name: Create a Droplet in the VPC named prod-vpc
  fathom.digitalocean.droplet:
    name: web-1
    region: nyc3
    size: s-1vcpu-1gb
    image: ubuntu-24-04-x64
    vpc_uuid: "{{ lookup('fathom.digitalocean.id', 'vpc', 'prod-vpc', region='nyc3') }}"

- name: Fingerprints of two SSH keys, by name
  ansible.builtin.set_fact:
    key_fingerprints: "{{ query('fathom.digitalocean.id', 'ssh_key', 'laptop', 'ci') }}"

- name: The id of a project
  ansible.builtin.debug:
    msg: "{{ lookup('fathom.digitalocean.id', 'project', 'production') }}"
"""

RETURN = r"""
_list:
  description: One id per name given, in the order of the names.
  type: list
  elements: raw
"""

from ansible.errors import AnsibleLookupError

from ansible_collections.fathom.digitalocean.plugins.plugin_utils.kinds import dig
from ansible_collections.fathom.digitalocean.plugins.plugin_utils.lookup import (
    DigitalOceanLookup,
    list_kind,
    resolve_kind,
)

MAX_LISTED = 25


def _label(kind, item):
    name = next((dig(item, f) for f in kind.name_fields if dig(item, f) not in (None, "")), None)
    region = item.get("region")
    if isinstance(region, dict):
        region = region.get("slug")
    text = "%s (%s %s" % (name, kind.id_field, dig(item, kind.id_field))
    return text + (", region %s)" % region if isinstance(region, str) else ")")


def _listing(labels):
    shown = ", ".join(labels[:MAX_LISTED])
    if len(labels) > MAX_LISTED:
        shown += " and %d more" % (len(labels) - MAX_LISTED)
    return shown or "none"


class LookupModule(DigitalOceanLookup):
    def run(self, terms, variables=None, **kwargs):
        terms = list(terms or [])
        if len(terms) < 2:
            raise AnsibleLookupError("fathom.digitalocean.id takes a kind and at least one name, got %r" % (terms,))
        kind = resolve_kind(terms[0])
        names = terms[1:]
        client = self._setup(variables, kwargs)
        filters = self._filters()
        filters.pop("name", None)
        # One listing serves every name (for droplets, a single name is filtered server-side).
        if kind.name == "droplets" and len(names) == 1 and "tag_name" not in filters:
            filters["name"] = names[0]
        items = list_kind(client, kind, filters)
        where = "".join(" %s=%s" % pair for pair in sorted(filters.items()) if pair[0] != "name")
        ids = []
        for name in names:
            found = [item for item in items
                     if any(dig(item, field) == name for field in kind.name_fields)]
            if not found:
                raise AnsibleLookupError(
                    "No %s named %r%s; candidates: %s"
                    % (kind.name, name, where, _listing([_label(kind, item) for item in items])))
            if len(found) > 1:
                raise AnsibleLookupError(
                    "%d %s are named %r%s: %s; narrow it down (for example with region=)"
                    % (len(found), kind.name, name, where, _listing([_label(kind, item) for item in found])))
            ids.append(dig(found[0], kind.id_field))
        return ids
