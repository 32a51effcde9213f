# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: resource
short_description: List DigitalOcean resources of any kind
version_added: "0.1.0"
author: fathom.digitalocean maintainers (@fathom-digitalocean)
description:
  - Lists every resource of a kind through the DigitalOcean API v2 (all pages, 200 per page).
  - Kinds are C(droplets), C(volumes), C(ssh_keys), C(tags), C(images), C(snapshots), C(sizes),
    C(regions), C(vpcs), C(projects), C(domains), C(firewalls), C(load_balancers),
    C(certificates), C(database_clusters) (also C(databases)), C(apps), C(cdn_endpoints),
    C(reserved_ips), C(kubernetes_clusters), C(uptime_checks) and C(monitoring_alert_policies),
    one kind per resource the collection declares. The singular (C(vpc)) works too.
  - Filters the API supports for a kind are sent to the API (C(droplets) C(tag_name) or C(name),
    C(volumes) C(name) and C(region), C(images) C(type), C(private) and C(tag_name),
    C(certificates) C(name), C(database_clusters) C(tag_name)); other filters compare the item's field
    client-side (an object such as C(region) compares by its slug, a list matches when it
    contains the value).
  - Returns a list; use C(query()) or C(lookup(..., wantlist=True)) to always get one.
  - Secrets in the API's objects (database passwords and connection URIs, and every other value
    under a C(password), C(uri), C(access_key), C(access_cert), C(private_key) or C(user_data) key)
    show as C((sensitive)), the collection's marker for a hidden value, unless O(include_secrets=true).
requirements:
  - requests
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean_plugin
options:
  _terms:
    description: The kind of resource to list, exactly one.
    required: true
    type: list
    elements: str
  filters:
    description:
      - Filters as C(field -> value); dotted names reach into objects (C(spec.name)).
    type: dict
    default: {}
  tag_name:
    description: Only resources with this tag.
    type: str
  name:
    description: Only resources with this name.
    type: str
  region:
    description: Only resources in this region (slug).
    type: str
  type:
    description: Only resources of this type (for example C(distribution) images).
    type: str
  attribute:
    description:
      - Return this field of each item instead of the whole item; dotted names reach into objects
        (C(region.slug)). Items without the field give C(None).
    type: str
  include_secrets:
    description:
      - Return the secrets in the API's objects as they are, instead of C((sensitive)).
      - >-
        They are marked unsafe, so Ansible never renders them as templates. They are secrets all
        the same; use the lookup in a task with C(no_log: true) (a C(set_fact) whose result is not
        shown), and pass them on only to tasks that do not print them.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Every Droplet tagged web
  ansible.builtin.debug:
    msg: "{{ query('fathom.digitalocean.resource', 'droplets', tag_name='web') }}"

- name: Names of the volumes in fra1
  ansible.builtin.debug:
    msg: "{{ query('fathom.digitalocean.resource', 'volumes', region='fra1', attribute='name') }}"

- name: Slugs of the distribution images, as a list even when there is one
  ansible.builtin.set_fact:
    images: "{{ lookup('fathom.digitalocean.resource', 'images', type='distribution', attribute='slug', wantlist=True) }}"

- name: VPCs of one region (filtered client-side), with an explicit token
  ansible.builtin.debug:
    msg: "{{ query('fathom.digitalocean.resource', 'vpcs', region='nyc3', token=vault_do_token) }}"

- name: Database clusters, passwords and connection URIs shown as (sensitive)
  ansible.builtin.debug:
    msg: "{{ query('fathom.digitalocean.resource', 'database_clusters', attribute='connection') }}"

- name: The connection URI of the backend cluster, for a later task (not shown; no_log)
  ansible.builtin.set_fact:
    backend_uri: "{{ query('fathom.digitalocean.resource', 'database_clusters', name='backend',
                     attribute='connection.uri', include_secrets=true) | first }}"
  no_log: true
"""

RETURN = r"""
_list:
  description:
    - The items of that kind (API objects), or the values of O(attribute).
    - Secrets show as C((sensitive)) unless O(include_secrets=true).
  type: list
  elements: raw
"""

from ansible.errors import AnsibleLookupError
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import without_secrets
from ansible_collections.fathom.digitalocean.plugins.plugin_utils.kinds import dig
from ansible_collections.fathom.digitalocean.plugins.plugin_utils.lookup import (
    DigitalOceanLookup,
    list_kind,
    resolve_kind,
)


def returned(items, attribute=None, include_secrets=False):
    """What the lookup answers for the items listed: secrets shown as (sensitive) unless asked for,
    then everything marked unsafe (never rendered as a template); one field of each item when
    attribute names one."""
    if not include_secrets:
        items = without_secrets(items)
    if attribute:
        items = [dig(item, attribute) for item in items]
    return wrap_var(items) if include_secrets else items


class LookupModule(DigitalOceanLookup):
    def run(self, terms, variables=None, **kwargs):
        if len(terms or []) != 1:
            raise AnsibleLookupError("fathom.digitalocean.resource takes exactly one kind, got %r" % (terms,))
        kind = resolve_kind(terms[0])
        client = self._setup(variables, kwargs)
        items = list_kind(client, kind, self._filters())
        return returned(items, self.get_option("attribute"), self.get_option("include_secrets"))
