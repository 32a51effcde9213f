# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""BYOIP prefixes: the declaration the byoip_prefix and byoip_prefix_info modules share.

A prefix is found by its network (``prefix``, compared in canonical CIDR form) or by its uuid. It is
brought with the prefix, the region and the signature (a secret: masked, never compared) and awaited
until ``active``; ``failed`` stops the task with the API's ``failure_reason``. Only ``advertise``
changes, with PATCH, once the prefix is active. An advertised prefix is not deleted: the task asks
for it to be withdrawn first (``advertise: false``), since deleting it would take its addresses off
the internet. The _info twin lists each prefix's assigned IPs on request.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Patch, Ready, ResourceSpec

ACTIVE, FAILED = "active", "failed"


def canonical_prefix(text):
    try:
        return str(ipaddress.IPv4Network(str(text).strip(), strict=False))
    except ValueError:
        return text


def check_options(params):
    prefix = params.get("prefix")
    if prefix is not None:
        try:
            network = ipaddress.IPv4Network(prefix.strip(), strict=True)
        except ValueError:
            raise PlanError("prefix must be an IPv4 network in CIDR notation such as 203.0.113.0/24, got %r" % prefix)
        if not 18 <= network.prefixlen <= 24:
            raise PlanError("prefix must be a network from /24 to /18, got /%d" % network.prefixlen)
        params["prefix"] = str(network)
    return params


def signature_secret(params):
    return [params.get("signature")]


def failed(prefix):
    if prefix.get("status") == FAILED:
        reason = prefix.get("failure_reason") or "the API gives no reason"
        return "BYOIP prefix %s (uuid %s) failed: %s" % (prefix.get("prefix"), prefix.get("uuid"), reason)
    return None


def refuse_advertised(engine, prefix):
    if prefix.get("advertised"):
        raise PlanError("BYOIP prefix %s is advertised: withdraw it first (advertise: false), then delete it"
                        % prefix.get("prefix"))


def refuse_until_active(engine, current, changes):
    if current.get("status") != ACTIVE and current.get("status") is not None:
        raise PlanError("advertise: BYOIP prefix %s is %s; only an active prefix is advertised or withdrawn"
                        % (current.get("prefix"), current.get("status")))


def with_ips(engine, prefix):
    """For byoip_prefix_info: the prefix with the IPs of it assigned to resources."""
    ips = engine.client.paginate("/v2/byoip_prefixes/%s/ips" % prefix["uuid"], "ips")
    return dict(prefix, ips=ips)


BYOIP_PREFIX = ResourceSpec(
    kind="byoip_prefix",
    api=Api("/v2/byoip_prefixes", "byoip_prefix", id_field="uuid"),
    lookup=Lookup(identity=("prefix",), names=("prefix",)),
    fields={
        "prefix": Field(normalize=canonical_prefix),
        "region": Field(),
        "advertise": Field(read=lambda prefix: bool(prefix.get("advertised")),
                           update=Patch(refuse=refuse_until_active, answer=True)),
        "signature": Field(write_only=True, sensitive=True),
    },
    create=Create(fields=("prefix", "region", "signature"), required=("prefix", "region", "signature"),
                  then=("advertise",)),
    ready=Ready(when=lambda prefix: prefix.get("status") == ACTIVE, failed=failed),
    delete=Delete(guard=refuse_advertised),
    prepare=check_options,
    secrets=signature_secret,
    label="BYOIP prefix",
)
