# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The vpc_peering declaration (specs/vpc_peering.py) through the engine against the simulator:
created from two VPCs named by name or id and awaited until ACTIVE, a re-run without a mutating
request, a rename by id with PATCH, check mode with drift, a change of VPCs refused, deletion awaited
until the peering is gone, and the refusals made before any request that changes anything."""

from __future__ import annotations

import pytest

from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import KNOWN_AFTER_APPLY, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_peering import VPC_PEERING

OTHER_ACCOUNT_VPC = "5a4981aa-9653-4bd1-bef5-d6bff52042e4"


def task(simulator, check_mode=False, **options):
    options.setdefault("wait_timeout", 30)
    return run(simulator, VPC_PEERING, "vpc_peering", check_mode=check_mode, **options)


def test_create_no_op_rename_drift_and_delete(simulator):
    a, b, c = simulator.seed("vpcs", count=3, name_prefix="net")

    planned = task(simulator, check_mode=True, name="a-b", vpcs=["net-1", b])
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create"
    assert planned.result["vpc_peering"] == {"name": "a-b", "vpc_ids": sorted([a, b]), "id": KNOWN_AFTER_APPLY}

    created = task(simulator, name="a-b", vpcs=["net-1", b])
    assert created.mutating == ["POST /v2/vpc_peerings"]
    peering = created.result["vpc_peering"]
    assert peering["status"] == "ACTIVE" and sorted(peering["vpc_ids"]) == sorted([a, b])
    assert created.result["plan"]["changes"]["vpc_ids"] == {"before": None, "after": sorted([a, b]), "via": "create"}

    # The same VPCs in the other order, one by id and one by name: nothing to do.
    again = task(simulator, name="a-b", vpcs=[b, "net-1"])
    assert again.mutating == [] and again.result["changed"] is False
    assert again.result["plan"]["action"] == "none"

    drift = task(simulator, check_mode=True, id=peering["id"], name="a-to-b")
    assert drift.mutating == [] and drift.result["changed"] is True
    assert drift.result["plan"]["changes"] == {"name": {"before": "a-b", "after": "a-to-b", "via": "PATCH"}}
    assert drift.result["diff"] == {"before": {"name": "a-b", "id": peering["id"]},
                                    "after": {"name": "a-to-b", "id": peering["id"]}}

    renamed = task(simulator, id=peering["id"], name="a-to-b")
    assert renamed.mutating == ["PATCH /v2/vpc_peerings/" + peering["id"]]
    assert renamed.result["vpc_peering"]["name"] == "a-to-b"

    with pytest.raises(PlanError, match="^vpc_ids cannot change in place on vpc_peering a-to-b"):
        task(simulator, name="a-to-b", vpcs=[a, c])
    assert simulator.mutating_requests() == []

    listed = run_info(simulator, VPC_PEERING, "vpc_peering_info", region="nyc3")
    assert [p["name"] for p in listed.result["vpc_peerings"]] == ["a-to-b"]
    assert listed.calls == ["GET /v2/vpc_peerings"]

    gone = task(simulator, name="a-to-b", state="absent")
    assert gone.mutating == ["DELETE /v2/vpc_peerings/" + peering["id"]]
    assert simulator.api("GET", "/v2/vpc_peerings/" + peering["id"])[0] == 404
    assert task(simulator, name="a-to-b", state="absent").mutating == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_refusals_before_any_change(simulator, check_mode):
    a, b, c = simulator.seed("vpcs", count=3, name_prefix="net")
    simulator.seed("vpc_peerings", vpc_ids=[a, b], name_prefix="existing")
    simulator.clear_requests()
    cases = [
        (dict(vpcs=["net-1", "net-1"]), "^vpcs names VPC net-1 twice: a VPC cannot be peered with itself$"),
        (dict(vpcs=["net-1", a]), "^vpcs\\[0\\] and vpcs\\[1\\] are both VPC %s: a VPC cannot be peered with itself" % a),
        (dict(vpcs=[a]), "^vpcs must name exactly two VPCs"),
        (dict(vpcs=[a, OTHER_ACCOUNT_VPC]), "^vpcs\\[1\\]: VPC %s does not exist in this account" % OTHER_ACCOUNT_VPC),
        (dict(vpcs=[a, "nope"]), "^vpcs\\[1\\]: no VPC is named nope$"),
        (dict(vpcs=[b, "net-1"]), "^VPCs .* are already peered by vpc_peering existing-1"),
        (dict(), "^vpcs is required to create VPC peering new-one$"),
        (dict(name="dots.not.allowed", vpcs=[a, c]), "^name may only contain letters, digits and '-'"),
    ]
    for options, message in cases:
        options.setdefault("name", "new-one")
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, **options)
    assert simulator.mutating_requests() == []


def test_wait_false_returns_the_provisioning_peering(simulator):
    a, b = simulator.seed("vpcs", count=2, name_prefix="net")
    created = task(simulator, name="quick", vpcs=[a, b], wait=False)
    assert created.result["vpc_peering"]["status"] == "PROVISIONING"
    # The VPCs are read, the peering is looked for, the pair checked, and nothing is awaited.
    assert created.calls == ["GET /v2/vpcs/" + a, "GET /v2/vpcs/" + b, "GET /v2/vpc_peerings",
                             "GET /v2/vpc_peerings", "POST /v2/vpc_peerings"]
