# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The vpc_nat_gateway declaration (specs/vpc_nat_gateway.py) through the engine against the
simulator: created with VPCs named by name and awaited until ACTIVE, a re-run without a mutating
request, an update with one PUT that carries every field the gateway has (nothing reset), check
mode with drift, deletion awaited until the gateway is gone, and bad input refused before any
request that changes anything."""

from __future__ import annotations

import pytest

from fakes import listing, module_engine, reply, writes
from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_nat_gateway import VPC_NAT_GATEWAY


def task(simulator, check_mode=False, **options):
    options.setdefault("name", "egress")
    options.setdefault("region", "nyc3")
    options.setdefault("wait_timeout", 30)
    return run(simulator, VPC_NAT_GATEWAY, "vpc_nat_gateway", check_mode=check_mode, **options)


def test_create_no_op_update_without_reset_drift_and_delete(simulator):
    web, jobs = simulator.seed("vpcs", count=2, name_prefix="net")

    planned = task(simulator, check_mode=True, size=1, vpcs=[{"vpc": "net-1", "default_gateway": True}])
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create"
    assert planned.result["plan"]["changes"]["vpcs"]["after"] == [{"vpc_uuid": web, "default_gateway": True}]

    created = task(simulator, size=1, vpcs=[{"vpc": "net-1", "default_gateway": True}], udp_timeout_seconds=60)
    assert created.mutating == ["POST /v2/vpc_nat_gateways"]
    gateway = created.result["vpc_nat_gateway"]
    assert gateway["state"] == "ACTIVE" and gateway["egresses"]["public_gateways"][0]["ipv4"]
    assert (gateway["udp_timeout_seconds"], gateway["tcp_timeout_seconds"]) == (60, 300)
    path = "/v2/vpc_nat_gateways/" + gateway["id"]

    again = task(simulator, size=1, vpcs=[{"vpc": web}], udp_timeout_seconds=60)
    assert again.mutating == [] and again.result["changed"] is False
    assert again.calls[-1] == "GET /v2/vpc_nat_gateways"

    drift = task(simulator, check_mode=True, size=2, vpcs=[{"vpc": "net-1"}, {"vpc": "net-2"}])
    assert drift.mutating == []
    assert drift.result["plan"]["changes"]["size"] == {"before": 1, "after": 2, "via": "PUT"}
    assert drift.result["plan"]["changes"]["vpcs"]["after"] == sorted(
        [{"vpc_uuid": web, "default_gateway": None}, {"vpc_uuid": jobs, "default_gateway": None}],
        key=lambda item: item["vpc_uuid"])

    simulator.clear_requests()
    updated = task(simulator, size=2, vpcs=[{"vpc": "net-1"}, {"vpc": "net-2"}])
    assert updated.mutating == ["PUT " + path]
    # Everything the gateway has goes with the PUT: the UDP timeout and web's default route stay.
    after = updated.result["vpc_nat_gateway"]
    assert after["size"] == 2 and after["udp_timeout_seconds"] == 60 and after["state"] == "ACTIVE"
    assert {v["vpc_uuid"]: v["default_gateway"] for v in after["vpcs"]} == {web: True, jobs: False}

    renamed = task(simulator, id=gateway["id"], name="egress-2", region=None)
    assert renamed.mutating == ["PUT " + path] and renamed.result["vpc_nat_gateway"]["name"] == "egress-2"

    listed = run_info(simulator, VPC_NAT_GATEWAY, "vpc_nat_gateway_info", region="nyc3")
    assert [g["name"] for g in listed.result["vpc_nat_gateways"]] == ["egress-2"]

    gone = task(simulator, name="egress-2", state="absent")
    assert gone.mutating == ["DELETE " + path]
    assert simulator.api("GET", path)[0] == 404
    assert task(simulator, name="egress-2", state="absent").mutating == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_bad_input_is_refused_before_any_change(simulator, check_mode):
    simulator.seed("vpcs", name_prefix="net")
    simulator.seed("vpcs", region="ams3", name_prefix="far")
    simulator.clear_requests()
    cases = [
        (dict(region="mars1", size=1, vpcs=[{"vpc": "net-1"}]), "^region must be one of nyc1, nyc2, nyc3, .*got 'mars1'"),
        (dict(size=0, vpcs=[{"vpc": "net-1"}]), "^size must be at least 1, got 0$"),
        (dict(size=1, vpcs=[{"vpc": "net-1"}], tcp_timeout_seconds=0), "^tcp_timeout_seconds must be at least 1"),
        (dict(size=1, vpcs=[]), "^vpcs must list at least one VPC"),
        (dict(size=1, vpcs=[{"vpc": "net-1"}, {"vpc": "net-1"}]), "^vpcs\\[1\\] names VPC net-1 again"),
        (dict(size=1, vpcs=[{"vpc": "far-1"}]), "^vpcs\\[0\\].vpc: VPC far-1 is in ams3, the NAT gateway in nyc3"),
        (dict(size=1, vpcs=[{"vpc": "none"}]), "^vpcs\\[0\\].vpc: no VPC is named none$"),
        (dict(vpcs=[{"vpc": "net-1"}]), "^size is required to create VPC NAT gateway egress$"),
    ]
    for options, message in cases:
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, **options)
    assert simulator.mutating_requests() == []


def test_region_cannot_change(simulator):
    vpc = simulator.seed("vpcs", name_prefix="net")[0]
    gateway = simulator.seed("vpc_nat_gateways", vpc_uuid=vpc)[0]
    with pytest.raises(PlanError, match="^region cannot change in place on vpc_nat_gateway nat-1"):
        task(simulator, id=gateway, name="nat-1", region="nyc1")


GW = "70e1b58d-cdec-4e95-b3ee-2d4d95feff51"
WEB = "0eb1752f-807b-4562-a077-8018e13ab1fb"
JOBS = "5a4981aa-9653-4bd1-bef5-d6bff52042e4"


def test_the_put_carries_every_field_the_gateway_has():
    gateway = {"id": GW, "name": "egress", "region": "nyc3", "size": 1, "state": "ACTIVE", "type": "PUBLIC",
               "vpcs": [{"vpc_uuid": WEB, "gateway_ip": "10.0.0.2", "default_gateway": True}],
               "udp_timeout_seconds": 60, "icmp_timeout_seconds": 30, "tcp_timeout_seconds": 300}
    engine, session, _clock = module_engine(VPC_NAT_GATEWAY, "vpc_nat_gateway", name="egress", region="nyc3",
                                            vpcs=[{"vpc": WEB}, {"vpc": JOBS}], icmp_timeout_seconds=45)
    session.on("GET", "/v2/vpcs/" + WEB, reply(200, {"vpc": {"id": WEB, "name": "web", "region": "nyc3"}}))
    session.on("GET", "/v2/vpcs/" + JOBS, reply(200, {"vpc": {"id": JOBS, "name": "jobs", "region": "nyc3"}}))
    session.on("GET", "/v2/vpc_nat_gateways", listing("vpc_nat_gateways", gateway))
    session.on("PUT", "/v2/vpc_nat_gateways/" + GW, reply(200, {"vpc_nat_gateway": {}}))
    session.on("GET", "/v2/vpc_nat_gateways/" + GW, reply(200, {"vpc_nat_gateway": gateway}))
    engine.run()
    assert writes(session) == [("PUT", "/v2/vpc_nat_gateways/" + GW, {
        "name": "egress", "size": 1, "udp_timeout_seconds": 60, "icmp_timeout_seconds": 45,
        "tcp_timeout_seconds": 300,
        "vpcs": [{"vpc_uuid": WEB, "default_gateway": True}, {"vpc_uuid": JOBS}]})]
    assert session.requests[2].params == {"per_page": 200, "name": "egress", "region": "nyc3"}
