# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The partner_attachment declaration (specs/partner_attachment.py) through the engine against the
simulator: created with VPCs by name and a BGP session whose auth key is masked, a re-run without a
mutating request (the auth key is never compared), the VPCs and the BGP session changed with one
PATCH each (check mode first), what cannot change refused, deletion awaited, bad input refused."""

from __future__ import annotations

import pytest

from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.partner_attachment import PARTNER_ATTACHMENT

AUTH = "bgp-auth-SECRET-9f1"
BGP = {"local_router_ip": "169.254.0.1/29", "peer_router_ip": "169.254.0.6/29", "peer_router_asn": 64532,
       "auth_key": AUTH}
BASE = "/v2/partner_network_connect/attachments"


def task(simulator, check_mode=False, **options):
    options.setdefault("name", "to-aws")
    options.setdefault("wait_timeout", 30)
    return run(simulator, PARTNER_ATTACHMENT, "partner_attachment", check_mode=check_mode, **options)


def test_create_no_op_patch_drift_and_delete(simulator):
    vpc, other = simulator.seed("vpcs", count=2, name_prefix="net")
    wanted = dict(region="nyc", naas_provider="MEGAPORT", connection_bandwidth_in_mbps=1000, vpcs=["net-1"], bgp=BGP)

    planned = task(simulator, check_mode=True, **wanted)
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create" and AUTH in planned.masked

    created = task(simulator, **wanted)
    attachment = created.result["partner_attachment"]
    path = BASE + "/" + attachment["id"]
    assert created.mutating == ["POST " + BASE] and attachment["vpc_ids"] == [vpc]
    assert attachment["state"] == "CREATED" and AUTH not in str(attachment)

    other_key = dict(wanted)
    other_key["bgp"] = dict(BGP, auth_key="another")
    again = task(simulator, **other_key)
    assert again.mutating == [] and again.result["changed"] is False

    drift = task(simulator, check_mode=True, vpcs=["net-1", "net-2"], bgp=dict(BGP, peer_router_asn=64999))
    assert drift.mutating == []
    assert drift.result["plan"]["changes"]["vpc_ids"] == {"before": [vpc], "after": sorted([vpc, other]),
                                                          "via": "PATCH"}
    assert drift.result["plan"]["changes"]["bgp"]["via"] == "PATCH:bgp"

    changed = task(simulator, vpcs=["net-1", "net-2"], bgp=dict(BGP, peer_router_asn=64999))
    assert changed.mutating == ["PATCH " + path, "PATCH " + path]
    assert changed.result["partner_attachment"]["bgp"]["peer_asn"] == 64999

    with pytest.raises(PlanError, match="^connection_bandwidth_in_mbps cannot change in place"):
        task(simulator, connection_bandwidth_in_mbps=2000)

    renamed = task(simulator, id=attachment["id"], name="to-aws-2")
    assert renamed.result["partner_attachment"]["name"] == "to-aws-2"
    listed = run_info(simulator, PARTNER_ATTACHMENT, "partner_attachment_info")
    assert [a["name"] for a in listed.result["partner_attachments"]] == ["to-aws-2"]

    gone = task(simulator, name="to-aws-2", state="absent")
    assert gone.mutating == ["DELETE " + path]
    assert simulator.api("GET", path)[0] == 404


@pytest.mark.parametrize("check_mode", [False, True])
def test_bad_input_is_refused_before_any_change(simulator, check_mode):
    simulator.seed("vpcs", name_prefix="net")
    simulator.clear_requests()
    cases = [
        (dict(name="to aws", region="nyc", naas_provider="MEGAPORT", connection_bandwidth_in_mbps=1000,
              vpcs=["net-1"]), "^name may only contain letters, digits"),
        (dict(region="nyc", naas_provider="MEGAPORT", connection_bandwidth_in_mbps=1000, vpcs=["none"]),
         "^vpcs\\[0\\]: no VPC is named none$"),
        (dict(region="nyc", naas_provider="MEGAPORT", vpcs=["net-1"]),
         "^connection_bandwidth_in_mbps is required to create partner attachment to-aws$"),
    ]
    for options, message in cases:
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, **options)
    assert simulator.mutating_requests() == []
