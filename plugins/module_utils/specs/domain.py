# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""DNS domains: the declaration the domain and domain_info modules share.

A domain is identified by its name, which is also its id in the API (/v2/domains/{name}). It has
no update endpoint: ip_address only seeds the apex A record at creation (write-only); the records
are managed with domain_record or domain_records afterwards.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import check_ipv4
from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import check_domain, normalize_domain
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec


def check_options(params):
    """Normalize the name (Example.COM. -> example.com) and check the options."""
    check_ipv4(params, "ip_address", "it becomes the apex A record")
    if params.get("name") is None:
        return params
    return dict(params, name=check_domain(normalize_domain(params["name"])))


DOMAIN = ResourceSpec(
    kind="domain",
    api=Api("/v2/domains", "domain", id_field="name"),
    lookup=Lookup(id_option="name"),
    fields={"ip_address": Field(write_only=True)},
    create=Create(fields=("name", "ip_address")),
    prepare=check_options,
)
