# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Partner Network Connect attachments: the declaration of partner_attachment and its _info twin.

An attachment is found by name. It joins VPCs of the account (``vpcs``, by id or name) to a partner
network (``naas_provider``) in a Partner Network Connect region, at a bandwidth. name, the VPCs and
the BGP session change with PATCH, one request each (the API takes one of them per request);
region, provider, bandwidth and redundancy zone never change. The BGP ``auth_key`` is a secret:
masked, sent at creation and whenever the BGP session changes, never compared (the API does not
answer it). A new attachment is ``CREATED`` and becomes active when the partner side connects,
which the API does not bound in time: the task does not wait for it. A delete is awaited until the
attachment is gone.
"""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Patch, ResourceSpec, sorted_set
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_refs import VpcRefs

NAME = re.compile(r"^[a-zA-Z0-9.-]+$")
BGP_READ = {"local_router_ip": "local_router_ip", "peer_router_ip": "peer_router_ip", "peer_router_asn": "peer_asn"}


def check_options(params):
    name = params.get("name")
    if name is not None and not NAME.match(name):
        raise PlanError("name may only contain letters, digits, '-' and '.', got %r" % name)
    if params.get("vpcs") == []:
        raise PlanError("vpcs must list at least one VPC")
    return params


def resolve_vpcs(engine):
    vpcs = engine.params.get("vpcs")
    if vpcs is None:
        return engine.params
    refs = VpcRefs(engine)
    params = dict(engine.params)
    params["vpc_ids"] = sorted({refs.vpc_id("vpcs[%d]" % index, ref) for index, ref in enumerate(vpcs)})
    return params


def bgp_secret(params):
    return [(params.get("bgp") or {}).get("auth_key")]


def read_bgp(attachment):
    bgp = attachment.get("bgp") or {}
    return {option: bgp.get(key) for option, key in BGP_READ.items() if bgp.get(key) is not None}


def normalize_bgp(value):
    return {key: item for key, item in (value or {}).items() if item is not None and key != "auth_key"}


def same_bgp(obj, have, want):
    return all((have or {}).get(key) == item for key, item in (want or {}).items())


def bgp_body(engine, current, changes):
    return {"bgp": dict(engine.params["bgp"])}


def create_body(engine, body):
    if engine.params.get("bgp") is not None:
        body["bgp"] = dict(engine.params["bgp"])
    return body


PARTNER_ATTACHMENT = ResourceSpec(
    kind="partner_attachment",
    api=Api("/v2/partner_network_connect/attachments", "partner_attachment"),
    lookup=Lookup(identity=("name",)),
    fields={
        "name": Field(update=Patch(body=lambda engine, current, changes: {"name": engine.params["name"]},
                                   answer=True)),
        "vpc_ids": Field(normalize=sorted_set, update=Patch(
            body=lambda engine, current, changes: {"vpc_ids": engine.params["vpc_ids"]}, answer=True)),
        "bgp": Field(read=read_bgp, normalize=normalize_bgp, equal=same_bgp,
                     update=Patch(body=bgp_body, answer=True, label="PATCH:bgp")),
        "region": Field(),
        "naas_provider": Field(),
        "connection_bandwidth_in_mbps": Field(),
        "redundancy_zone": Field(write_only=True),
        "parent_uuid": Field(write_only=True),
    },
    create=Create(fields=("name", "region", "naas_provider", "connection_bandwidth_in_mbps", "vpc_ids",
                          "redundancy_zone", "parent_uuid"),
                  required=("name", "region", "naas_provider", "connection_bandwidth_in_mbps", "vpcs"),
                  body=create_body),
    delete=Delete(wait=True),
    prepare=check_options,
    resolve=resolve_vpcs,
    secrets=bgp_secret,
    label="partner attachment",
)
