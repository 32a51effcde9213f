# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""VPC NAT gateways: the declaration the vpc_nat_gateway and vpc_nat_gateway_info modules share.

A gateway is found by name and region (both filtered by the API). It serves VPCs of its own region,
given by id or by name and resolved with reads only; each may make the gateway its default route
(``default_gateway``). name, size, the VPCs and the UDP, ICMP and TCP timeouts change with one PUT.
The PUT requires name and size and carries every other field the gateway has, so that an update
never resets what the task does not manage. The region never changes. Creates and updates are
awaited until the gateway is ACTIVE (ERROR or INVALID fail the task); a delete until it is gone.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Put, Ready, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_refs import VpcRefs

# The regions the API takes for a NAT gateway (the enum of vpc_nat_gateway_create.region).
REGIONS = ("nyc1", "nyc2", "nyc3", "ams2", "ams3", "sfo1", "sfo2", "sfo3", "sgp1", "lon1", "fra1", "tor1",
           "blr1", "syd1", "atl1")
TIMEOUTS = ("udp_timeout_seconds", "icmp_timeout_seconds", "tcp_timeout_seconds")
ACTIVE = "ACTIVE"
FAILED = ("ERROR", "INVALID")


def check_options(params):
    region = params.get("region")
    if region is not None and region not in REGIONS:
        raise PlanError("region must be one of %s (the regions with VPC NAT gateways), got %r"
                        % (", ".join(REGIONS), region))
    for option in ("size",) + TIMEOUTS:
        value = params.get(option)
        if value is not None and value < 1:
            raise PlanError("%s must be at least 1, got %s" % (option, value))
    vpcs = params.get("vpcs")
    if vpcs is not None:
        if not vpcs:
            raise PlanError("vpcs must list at least one VPC: a NAT gateway serves one or more VPCs")
        seen = {}
        for index, item in enumerate(vpcs):
            ref = str(item.get("vpc") or "").strip()
            if not ref:
                raise PlanError("vpcs[%d].vpc must be the id or the name of a VPC" % index)
            if ref in seen:
                raise PlanError("vpcs[%d] names VPC %s again (vpcs[%d]): list each VPC once" % (index, ref, seen[ref]))
            seen[ref] = index
    return params


def resolve_vpcs(engine):
    """vpcs[].vpc (ids or names) -> vpc_uuid, each in the gateway's region."""
    vpcs = engine.params.get("vpcs")
    if vpcs is None:
        return engine.params
    refs = VpcRefs(engine)
    region = engine.params.get("region")
    resolved = []
    for index, item in enumerate(vpcs):
        option = "vpcs[%d].vpc" % index
        vpc = refs.vpc(option, item["vpc"])
        if vpc is not None and region and vpc.get("region") != region:
            raise PlanError("%s: VPC %s is in %s, the NAT gateway in %s: a NAT gateway serves VPCs of its own region"
                            % (option, vpc.get("name"), vpc.get("region"), region))
        resolved.append({"vpc_uuid": item["vpc"] if vpc is None else vpc["id"],
                         "default_gateway": item.get("default_gateway")})
    params = dict(engine.params)
    params["vpc_uuids"] = resolved
    return params


def vpc_set(items):
    """The VPCs as one comparable shape: sorted by id, default_gateway None when unknown."""
    if items is None:
        return None
    shaped = [{"vpc_uuid": item.get("vpc_uuid"), "default_gateway": item.get("default_gateway")} for item in items]
    return sorted(shaped, key=lambda item: str(item["vpc_uuid"]))


def same_vpcs(obj, have, want):
    """The same VPCs; default_gateway compared where the task sets it and the API tells it."""
    if [item["vpc_uuid"] for item in have or []] != [item["vpc_uuid"] for item in want or []]:
        return False
    for had, wanted in zip(have or [], want or []):
        if wanted["default_gateway"] is not None and had["default_gateway"] is not None \
                and bool(had["default_gateway"]) != bool(wanted["default_gateway"]):
            return False
    return True


def _vpc_body(items):
    body = []
    for item in items:
        entry = {"vpc_uuid": item["vpc_uuid"]}
        if item.get("default_gateway") is not None:
            entry["default_gateway"] = bool(item["default_gateway"])
        body.append(entry)
    return body


def create_body(engine, body):
    body["type"] = "PUBLIC"
    body["vpcs"] = _vpc_body(engine.params.get("vpc_uuids") or [])
    return body


def put_body(engine, current, changes):
    """The whole gateway: the wanted values over what it has, so that nothing is reset."""
    body = {"name": current.get("name"), "size": current.get("size")}
    body["vpcs"] = _vpc_body(current.get("vpcs") or [])
    for option in TIMEOUTS:
        if current.get(option) is not None:
            body[option] = current[option]
    for field, change in changes.items():
        if field == "vpcs":
            wanted = {item["vpc_uuid"]: item for item in engine.params["vpc_uuids"]}
            had = {item["vpc_uuid"]: item for item in current.get("vpcs") or []}
            merged = []
            for vpc_uuid, item in wanted.items():
                keep = item.get("default_gateway")
                if keep is None:
                    keep = (had.get(vpc_uuid) or {}).get("default_gateway")
                merged.append({"vpc_uuid": vpc_uuid, "default_gateway": keep})
            body["vpcs"] = _vpc_body(merged)
        else:
            body[field] = engine.params[field]
    return body


def failed(gateway):
    if gateway.get("state") in FAILED:
        return "VPC NAT gateway %s is %s" % (gateway.get("name"), gateway.get("state"))
    return None


PUT = Put(body=put_body)

VPC_NAT_GATEWAY = ResourceSpec(
    kind="vpc_nat_gateway",
    api=Api("/v2/vpc_nat_gateways", "vpc_nat_gateway"),
    lookup=Lookup(identity=("name", "region"), filters={"name": "name", "region": "region"}),
    fields={
        "name": Field(update=PUT),
        "size": Field(update=PUT),
        "vpcs": Field(read=lambda gateway: gateway.get("vpcs"), wanted=lambda params: params.get("vpc_uuids"),
                      normalize=vpc_set, equal=same_vpcs, missing=[], update=PUT),
        "udp_timeout_seconds": Field(update=PUT),
        "icmp_timeout_seconds": Field(update=PUT),
        "tcp_timeout_seconds": Field(update=PUT),
    },
    create=Create(fields=("name", "region", "size") + TIMEOUTS, required=("name", "region", "size", "vpcs"),
                  body=create_body),
    ready=Ready(when=lambda gateway: gateway.get("state") == ACTIVE, failed=failed, status="state"),
    delete=Delete(wait=True),
    prepare=check_options,
    resolve=resolve_vpcs,
    label="VPC NAT gateway",
)
