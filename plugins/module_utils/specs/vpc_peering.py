# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""VPC peerings: the declaration the vpc_peering and vpc_peering_info modules share.

A peering joins two VPCs of the account, given by id or by name in ``vpcs`` and resolved to
``vpc_ids`` with reads only. It is found by name (unique in the team). The POST answers 202 while
the peering is PROVISIONING: the task waits until it is ACTIVE. Only the name changes, with
PATCH; the two VPCs never change. Deleting answers 202 (DELETING) and is awaited until the
peering is gone.

Refused before any change: a VPC peered with itself, a VPC the account does not have (the API
peers VPCs of one account only), and two VPCs another peering already joins.
"""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, is_unknown
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Patch, Ready, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_refs import VpcRefs

NAME = re.compile(r"^[a-zA-Z0-9-]+$")
ACTIVE, PROVISIONING, DELETING = "ACTIVE", "PROVISIONING", "DELETING"


def check_options(params):
    name = params.get("name")
    if name is not None and not NAME.match(name):
        raise PlanError("name may only contain letters, digits and '-', got %r" % name)
    vpcs = params.get("vpcs")
    if vpcs is not None:
        if len(vpcs) != 2:
            raise PlanError("vpcs must name exactly two VPCs (ids or names), got %d" % len(vpcs))
        if not any(is_unknown(vpc) for vpc in vpcs) and str(vpcs[0]).strip() == str(vpcs[1]).strip():
            raise PlanError("vpcs names VPC %s twice: a VPC cannot be peered with itself" % vpcs[0])
    return params


def resolve_vpcs(engine):
    """vpcs (ids or names) -> vpc_ids, sorted: the API answers them in any order."""
    vpcs = engine.params.get("vpcs")
    if vpcs is None:
        return engine.params
    refs = VpcRefs(engine)
    ids = [refs.vpc_id("vpcs[%d]" % index, ref) for index, ref in enumerate(vpcs)]
    if ids[0] == ids[1]:
        raise PlanError("vpcs[0] and vpcs[1] are both VPC %s: a VPC cannot be peered with itself" % ids[0])
    params = dict(engine.params)
    params["vpc_ids"] = sorted(ids)
    return params


def vpc_pair(peering):
    return sorted(peering.get("vpc_ids") or [])


def refuse_peered_pair(engine, body):
    """Two VPCs are peered at most once: name the peering that already joins them."""
    wanted = sorted(body.get("vpc_ids") or [])
    if wanted and not any(is_unknown(vpc_id) for vpc_id in wanted):
        for other in engine.list_all():
            if vpc_pair(other) == wanted:
                raise PlanError("VPCs %s and %s are already peered by vpc_peering %s (id %s): rename that one, "
                                "or delete it first" % (wanted[0], wanted[1], other.get("name"), other.get("id")))
    return body


def failed(peering):
    if peering.get("status") == DELETING:
        return "%s is being deleted" % peering.get("name")
    return None


VPC_PEERING = ResourceSpec(
    kind="vpc_peering",
    api=Api("/v2/vpc_peerings", "vpc_peering"),
    lookup=Lookup(identity=("name",)),
    fields={
        "name": Field(update=Patch(answer=True)),
        "vpc_ids": Field(read=vpc_pair),
    },
    create=Create(fields=("name", "vpc_ids"), required=("name", "vpcs"), body=refuse_peered_pair),
    ready=Ready(when=lambda peering: peering.get("status") == ACTIVE, failed=failed),
    delete=Delete(wait=True),
    prepare=check_options,
    resolve=resolve_vpcs,
    label="VPC peering",
)
