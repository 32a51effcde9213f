# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""VPCs: the declaration the vpc and vpc_info modules share.

A VPC is found by name and region. name, description and default change through PATCH; region
and ip_range never change. default can be turned on (the region's previous default loses it) but
not off, and the default VPC of a region cannot be deleted.
"""

from __future__ import annotations

import ipaddress
import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    BodyUpdate,
    PlanError,
    ResourceSpec,
)

NAME = re.compile(r"^[a-zA-Z0-9.-]+$")
PRIVATE_RANGES = tuple(ipaddress.ip_network(text) for text in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
MAX_DESCRIPTION = 255


def canonical_range(text):
    try:
        return str(ipaddress.ip_network(str(text).strip(), strict=False))
    except ValueError:
        return text


def validate(engine):
    params = engine.params
    name = params.get("name")
    if name is not None and not NAME.match(name):
        raise PlanError("name may only contain letters, digits, '-' and '.', got %r" % name)
    description = params.get("description")
    if description is not None and len(description) > MAX_DESCRIPTION:
        raise PlanError("description must be at most %d characters, got %d" % (MAX_DESCRIPTION, len(description)))
    ip_range = params.get("ip_range")
    if ip_range is not None:
        try:
            network = ipaddress.ip_network(ip_range.strip(), strict=True)
        except ValueError:
            raise PlanError("ip_range must be an IPv4 network in CIDR notation such as 10.10.0.0/20, got %r"
                            % ip_range)
        if network.version != 4 or not any(network.subnet_of(private) for private in PRIVATE_RANGES):
            raise PlanError("ip_range must be inside a private range of RFC 1918 (10.0.0.0/8, 172.16.0.0/12 or "
                            "192.168.0.0/16), got %s" % ip_range)
        if not 16 <= network.prefixlen <= 28:
            raise PlanError("ip_range must be between a /16 and a /28 network, got %s" % ip_range)


class DefaultUpdate(BodyUpdate):
    """default: sent with the PATCH; it can be turned on, never off."""

    def __init__(self):
        super().__init__("PATCH")

    def check(self, engine, current, change):
        if change.before and not change.after:
            raise PlanError(
                "default cannot be turned off on %s: make another VPC of region %s the default instead"
                % (engine.describe(current), current.get("region")))

    def apply(self, engine, current, change):
        """The PATCH carries the change."""


def make_default_after_create(engine, vpc, response):
    if engine.params.get("default") and not vpc.get("default"):
        found = engine.client.patch(engine.spec.item_path(vpc["id"]), {"default": True})
        return found.get("vpc", vpc)
    return vpc


def refuse_default_delete(engine, vpc):
    if vpc.get("default"):
        raise PlanError("%s is the default VPC of region %s and cannot be deleted: make another VPC of the "
                        "region the default first" % (engine.describe(vpc), vpc.get("region")))


VPC = ResourceSpec(
    kind="vpc",
    singular="vpc",
    plural="vpcs",
    collection="/v2/vpcs",
    item="/v2/vpcs/{id}",
    identity=("name", "region"),
    create=("name", "region", "ip_range", "description"),
    update=("name", "description"),
    update_method="PATCH",
    actions={"default": DefaultUpdate()},
    immutable=("region", "ip_range"),
    normalize={"ip_range": canonical_range, "description": lambda text: text or ""},
    validate=validate,
    required_to_create=("name", "region"),
    label="VPC",
    after_create=make_default_after_create,
    before_delete=refuse_default_delete,
)
