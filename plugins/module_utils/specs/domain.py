# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""DNS domains: the declaration the domain and domain_info modules share.

A domain is identified by its name, which is also its id in the API (/v2/domains/{name}). It has
no update endpoint: ip_address only seeds the apex A record at creation (write-only); the records
are managed with domain_record or domain_records afterwards.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import check_domain, normalize_domain
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import PlanError, ResourceSpec


def validate(engine):
    """Normalize the name (Example.COM. -> example.com) for this run and check the options."""
    name = check_domain(normalize_domain(engine.params.get("name")))
    ip_address = engine.params.get("ip_address")
    if ip_address is not None:
        try:
            ipaddress.IPv4Address(ip_address)
        except ValueError:
            raise PlanError("ip_address must be an IPv4 address (it becomes the apex A record), got %r"
                            % ip_address)
    # A copy: the module's own params keep what the task said.
    engine.params = dict(engine.params, name=name)


DOMAIN = ResourceSpec(
    kind="domain",
    singular="domain",
    plural="domains",
    collection="/v2/domains",
    item="/v2/domains/{id}",
    identity=("name",),
    create=("name", "ip_address"),
    write_only=("ip_address",),
    id_field="name",
    id_option="name",
    validate=validate,
)


def list_domains(client, params):
    """domain_info: one domain by name (one GET), else every domain of the account."""
    name = params.get("name")
    if name:
        name = check_domain(normalize_domain(name))
        found = client.get_or_none(DOMAIN.item_path(name))
        return [found["domain"]] if found else []
    return client.paginate(DOMAIN.collection, DOMAIN.plural)
