# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""GLOBAL load balancers through the load_balancer declaration (specs/load_balancer.py) against the
simulator: created with glb_settings, targets and domains, a re-run without a mutating request,
an update of one option whose PUT carries the global fields (the simulator resets what a PUT leaves
out), check mode with drift, deletion, and the regional-only options refused before any request."""

from __future__ import annotations

import pytest

from sim_engine import run

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.load_balancer import LOAD_BALANCER

RULES = [{"entry_protocol": "http", "entry_port": 80, "target_protocol": "http", "target_port": 80}]
GLB = {"target_protocol": "http", "target_port": 80, "region_priorities": {"nyc3": 1, "ams3": 2},
       "failover_threshold": 50}


def task(simulator, check_mode=False, **options):
    options.setdefault("region", "nyc3")
    options.setdefault("wait_timeout", 30)
    return run(simulator, LOAD_BALANCER, "load_balancer", check_mode=check_mode, **options)


def regional(simulator, name):
    return task(simulator, name=name, droplet_ids=[], forwarding_rules=RULES).result["load_balancer"]["id"]


def test_global_create_no_op_update_keeps_the_global_fields_drift_and_delete(simulator):
    nyc3, other = regional(simulator, "web-nyc3"), regional(simulator, "web-nyc3-b")
    options = dict(name="web-global", type="GLOBAL", forwarding_rules=RULES, glb_settings=GLB,
                   target_load_balancer_ids=[nyc3], domains=[{"name": "WWW.example.com", "is_managed": True}])

    planned = task(simulator, check_mode=True, **options)
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create"

    created = task(simulator, **options)
    assert created.mutating == ["POST /v2/load_balancers"]
    glb = created.result["load_balancer"]
    assert glb["type"] == "GLOBAL" and glb["status"] == "active" and glb["target_load_balancer_ids"] == [nyc3]

    again = task(simulator, **options)
    assert again.mutating == [] and again.result["changed"] is False

    drift = task(simulator, check_mode=True, name="web-global", glb_settings={"failover_threshold": 30},
                 target_load_balancer_ids=[nyc3, other])
    assert drift.mutating == []
    changes = drift.result["plan"]["changes"]
    assert set(changes) == {"glb_settings", "target_load_balancer_ids"}
    assert changes["target_load_balancer_ids"]["after"] == sorted([nyc3, other])

    # One option changes; the PUT carries glb_settings, the targets and the domains as they are.
    updated = task(simulator, name="web-global", http_idle_timeout_seconds=120)
    assert updated.mutating == ["PUT /v2/load_balancers/" + glb["id"]]
    after = updated.result["load_balancer"]
    assert after["http_idle_timeout_seconds"] == 120
    assert after["glb_settings"]["region_priorities"] == {"nyc3": 1, "ams3": 2}
    assert after["target_load_balancer_ids"] == [nyc3]
    assert [d["name"] for d in after["domains"]] == ["www.example.com"]

    moved = task(simulator, name="web-global", glb_settings={"failover_threshold": 30},
                 target_load_balancer_ids=[nyc3, other])
    settings = moved.result["load_balancer"]["glb_settings"]
    assert settings["failover_threshold"] == 30 and settings["target_port"] == 80
    assert sorted(moved.result["load_balancer"]["target_load_balancer_ids"]) == sorted([nyc3, other])

    gone = task(simulator, name="web-global", state="absent")
    assert gone.mutating == ["DELETE /v2/load_balancers/" + glb["id"]]


@pytest.mark.parametrize("check_mode", [False, True])
def test_regional_only_and_global_only_options_are_refused(simulator, check_mode):
    nyc3 = regional(simulator, "web-nyc3")
    simulator.clear_requests()
    base = dict(name="g", type="GLOBAL", forwarding_rules=RULES, glb_settings=GLB, target_load_balancer_ids=[nyc3])
    cases = [
        (dict(base, droplet_ids=[1]), "^droplet_ids is an option of regional load balancers"),
        (dict(base, size_unit=2), "^size_unit is an option of regional load balancers"),
        (dict(base, network="INTERNAL"), "^network is an option of regional load balancers"),
        (dict(base, glb_settings={"target_protocol": "tcp", "target_port": 80}),
         "^glb_settings.target_protocol must be one of http, https, http2"),
        (dict(base, glb_settings=None), "^glb_settings is required to create GLOBAL load balancer g$"),
        (dict(name="r", forwarding_rules=RULES, droplet_ids=[], glb_settings=GLB),
         "^glb_settings is an option of GLOBAL load balancers; this one is REGIONAL"),
        # A regional load balancer found by name, without type in the task.
        (dict(name="web-nyc3", target_load_balancer_ids=[nyc3]),
         "^target_load_balancer_ids is an option of GLOBAL load balancers; this one is REGIONAL"),
    ]
    for options, message in cases:
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, **options)
    assert simulator.mutating_requests() == []
