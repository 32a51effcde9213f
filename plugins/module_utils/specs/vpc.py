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

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Patch, ResourceSpec

NAME = re.compile(r"^[a-zA-Z0-9.-]+$")
PRIVATE_RANGES = tuple(ipaddress.ip_network(text) for text in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
MAX_DESCRIPTION = 255


def canonical_range(text):
    try:
        return str(ipaddress.ip_network(str(text).strip(), strict=False))
    except ValueError:
        return text


def check_options(params):
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


def refuse_overlap(engine, body):
    """Ranges of the account's VPCs never overlap: name the VPC a new range would overlap."""
    if body.get("ip_range"):
        wanted = ipaddress.ip_network(body["ip_range"].strip(), strict=False)
        for vpc in engine.client.paginate(engine.collection_path, "vpcs"):
            taken = ipaddress.ip_network(vpc.get("ip_range") or "0.0.0.0/32", strict=False)
            if vpc.get("ip_range") and wanted.overlaps(taken):
                raise PlanError("ip_range %s overlaps VPC %s (%s): the ranges of an account's VPCs cannot overlap"
                                % (body["ip_range"], vpc.get("name"), vpc.get("ip_range")))
    return body


def refuse_default_off(engine, vpc, changes):
    change = changes.get("default")
    if change and change.before and not change.after:
        raise PlanError(
            "default cannot be turned off on %s: make another VPC of region %s the default instead"
            % (engine.describe(vpc), vpc.get("region")))


def refuse_delete(engine, vpc):
    """The default VPC of a region, and a VPC that still has members, cannot be deleted."""
    if vpc.get("default"):
        raise PlanError("%s is the default VPC of region %s and cannot be deleted: make another VPC of the "
                        "region the default first" % (engine.describe(vpc), vpc.get("region")))
    members = [member.get("urn") or member.get("name") for member in
               engine.client.paginate("/v2/vpcs/%s/members" % vpc["id"], "members")]
    if members:
        raise PlanError("%s still has members (%s): delete them or move them to another VPC first"
                        % (engine.describe(vpc), ", ".join(str(member) for member in members)))


# name, description and default change with one PATCH, whose answer is the VPC.
PATCH = Patch(refuse=refuse_default_off, answer=True)

VPC = ResourceSpec(
    kind="vpc",
    api=Api("/v2/vpcs", "vpc"),
    lookup=Lookup(identity=("name", "region")),
    fields={
        "name": Field(update=PATCH),
        "description": Field(missing="", update=PATCH),
        "default": Field(update=PATCH),
        "ip_range": Field(normalize=canonical_range),
    },
    create=Create(fields=("name", "region", "ip_range", "description"), required=("name", "region"),
                  body=refuse_overlap,
                  then=("default",)),
    # Members keep a VPC from being deleted, and do for a moment after they left (409).
    delete=Delete(guard=refuse_delete, blocked=(409,)),
    prepare=check_options,
    label="VPC",
)
