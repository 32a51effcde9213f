# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The reserved_ipv6 declaration (specs/reserved_ipv6.py) through the engine against the simulator:
created for a Droplet (POST with the region, then the assign action, awaited) and found by the
Droplet afterwards without a mutating request, moved to another Droplet (check mode shows the
drift first), unassigned, deleted (unassigned first), and the refusals made before any change."""

from __future__ import annotations

import pytest

from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.reserved_ipv6 import RESERVED_IPV6


def task(simulator, check_mode=False, **options):
    options.setdefault("wait_timeout", 30)
    return run(simulator, RESERVED_IPV6, "reserved_ipv6", check_mode=check_mode, **options)


def test_create_for_a_droplet_no_op_failover_drift_unassign_and_delete(simulator):
    primary, standby = simulator.seed("droplets", count=2, ipv6=True)

    planned = task(simulator, check_mode=True, droplet_id=primary)
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create"

    created = task(simulator, droplet_id=primary)
    address = created.result["reserved_ipv6"]["ip"]
    assert created.mutating == ["POST /v2/reserved_ipv6", "POST /v2/reserved_ipv6/%s/actions" % address]
    assert created.result["reserved_ipv6"]["droplet"]["id"] == primary
    assert created.result["reserved_ipv6"]["region_slug"] == "nyc3"
    assert simulator.state("actions")[-1]["type"] == "assign_ip"

    again = task(simulator, droplet_id=primary)
    assert again.mutating == [] and again.result["changed"] is False
    assert again.result["reserved_ipv6"]["ip"] == address

    # The address in another spelling is the same address.
    drift = task(simulator, check_mode=True, ip=address.upper(), droplet_id=standby)
    assert drift.mutating == []
    assert drift.result["plan"]["changes"] == {
        "droplet_id": {"before": primary, "after": standby, "via": "action:assign|unassign"}}
    assert drift.result["diff"]["before"]["droplet_id"] == primary

    moved = task(simulator, ip=address, droplet_id=standby)
    assert moved.mutating == ["POST /v2/reserved_ipv6/%s/actions" % address]
    assert moved.result["reserved_ipv6"]["droplet"]["id"] == standby

    with pytest.raises(PlanError, match="^region cannot change in place on reserved_ipv6"):
        task(simulator, ip=address, region="ams3")

    unassigned = task(simulator, ip=address, droplet_id=0)
    assert unassigned.result["reserved_ipv6"]["droplet"] is None
    assert task(simulator, region="nyc3").mutating == []   # the unassigned one of nyc3 is found

    listed = run_info(simulator, RESERVED_IPV6, "reserved_ipv6_info", region="nyc3", droplet_id=0)
    assert [r["ip"] for r in listed.result["reserved_ipv6s"]] == [address]

    task(simulator, ip=address, droplet_id=primary)
    gone = task(simulator, ip=address, state="absent")
    assert gone.mutating == ["POST /v2/reserved_ipv6/%s/actions" % address, "DELETE /v2/reserved_ipv6/" + address]
    assert simulator.state("reserved_ipv6") == []
    assert task(simulator, ip=address, state="absent").mutating == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_refusals_before_any_change(simulator, check_mode):
    v4_only = simulator.seed("droplets")[0]
    elsewhere = simulator.seed("droplets", region="ams3", ipv6=True)[0]
    address = simulator.seed("reserved_ipv6")[0]
    simulator.seed("reserved_ipv6")
    simulator.clear_requests()
    cases = [
        (dict(droplet_id=v4_only), "^droplet %d has IPv6 disabled: enable IPv6" % v4_only),
        (dict(droplet_id=elsewhere, region="nyc3"), "^region is nyc3 but droplet %d is in ams3" % elsewhere),
        (dict(ip=address, droplet_id=elsewhere), "^region is nyc3 but droplet %d is in ams3" % elsewhere),
        (dict(droplet_id=99999), "^droplet_id 99999: the Droplet does not exist$"),
        (dict(ip="2604:a880:4:1d0::ff:ff"), "^reserved IPv6 2604:a880:4:1d0::ff:ff does not exist"),
        (dict(ip="45.55.96.47"), "^ip must be an IPv6 address"),
        (dict(droplet_id=-1), "^droplet_id must be a Droplet id, or 0"),
        (dict(region="nyc3"), "^2 reserved IPv6 addresses are unassigned in region nyc3: "),
    ]
    for options, message in cases:
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, **options)
    assert simulator.mutating_requests() == []
