# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The droplet_autoscale_pool declaration (specs/droplet_autoscale_pool.py) through the engine
against the simulator: created and awaited until its members are active and as many as the config
asks, a re-run without a mutating request, a PUT that carries the whole pool (nothing reset), check
mode with drift and user_data shown as sensitive, members and history in the _info twin, deletion
that keeps the Droplets and the "dangerous" one that destroys them, and bad input refused before
any request that changes anything."""

from __future__ import annotations

import pytest

from fakes import listing, module_engine, reply, writes
from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet_autoscale_pool import (
    DROPLET_AUTOSCALE_POOL, expand_info)

USER_DATA = "#cloud-config\npassword: hunter2\n"
TEMPLATE = {"region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64", "tags": ["web"],
            "user_data": USER_DATA, "with_droplet_agent": True}
DYNAMIC = {"min_instances": 2, "max_instances": 4, "target_cpu_utilization": 0.6}


def task(simulator, check_mode=False, **options):
    options.setdefault("name", "web")
    options.setdefault("wait_timeout", 30)
    return run(simulator, DROPLET_AUTOSCALE_POOL, "droplet_autoscale_pool", check_mode=check_mode, **options)


def test_create_no_op_update_drift_info_and_delete(simulator):
    simulator.seed("vpcs", name_prefix="net")

    planned = task(simulator, check_mode=True, config=DYNAMIC, droplet_template=dict(TEMPLATE, vpc="net-1"))
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create"
    shown = planned.result["plan"]["changes"]["droplet_template"]["after"]
    assert shown["user_data"] == SENSITIVE and USER_DATA in planned.masked

    created = task(simulator, config=DYNAMIC, droplet_template=dict(TEMPLATE, vpc="net-1"))
    assert created.mutating == ["POST /v2/droplets/autoscale"]
    pool = created.result["droplet_autoscale_pool"]
    path = "/v2/droplets/autoscale/" + pool["id"]
    assert pool["status"] == "active" and pool["active_resources_count"] == 2
    assert ("GET %s/members" % path) in created.calls and USER_DATA in created.masked
    droplets = simulator.state("droplets")
    assert len(droplets) == 2 and {d["vpc_uuid"] for d in droplets} == {pool["droplet_template"]["vpc_uuid"]}

    again = task(simulator, config=DYNAMIC, droplet_template=dict(TEMPLATE, tags=["WEB"], vpc="net-1"))
    assert again.mutating == [] and again.result["changed"] is False

    drift = task(simulator, check_mode=True, config={"target_number_instances": 3},
                 droplet_template={"size": "s-2vcpu-2gb"})
    assert drift.mutating == []
    changes = drift.result["plan"]["changes"]
    assert changes["config"]["before"]["min_instances"] == 2
    assert changes["config"]["after"] == {"target_number_instances": 3} and changes["config"]["via"] == "PUT"
    assert changes["droplet_template"]["before"]["user_data"] == SENSITIVE
    assert drift.result["diff"]["before"]["droplet_template"]["user_data"] == SENSITIVE

    updated = task(simulator, config={"target_number_instances": 3}, droplet_template={"size": "s-2vcpu-2gb"})
    assert updated.mutating == ["PUT " + path]
    after = updated.result["droplet_autoscale_pool"]
    assert after["config"] == {"target_number_instances": 3} and after["active_resources_count"] == 3
    # The PUT carried the whole template: only the size changed.
    template = after["droplet_template"]
    assert (template["size"], template["user_data"], template["tags"]) == ("s-2vcpu-2gb", USER_DATA, ["web"])

    # A dynamic config again: the cooldown the API has stays, the rest is the task's.
    task(simulator, config=DYNAMIC)
    cooled = task(simulator, config={"min_instances": 2, "max_instances": 5, "target_cpu_utilization": 0.6})
    assert cooled.result["droplet_autoscale_pool"]["config"]["cooldown_minutes"] == 10

    listed = run_info(simulator, DROPLET_AUTOSCALE_POOL, "droplet_autoscale_pool_info", filters={"name": "web"},
                      expand=expand_info, name="web", members=True, history=True)
    [info] = listed.result["droplet_autoscale_pools"]
    assert len(info["members"]) == 2 and [h["reason"] for h in info["history"]][0] == "CONFIGURATION_CHANGE"

    gone = task(simulator, state="absent")
    assert gone.mutating == ["DELETE " + path]
    assert simulator.api("GET", path)[0] == 404
    assert len(simulator.state("droplets")) == 2   # the pool's Droplets stay
    assert task(simulator, state="absent").mutating == []


def test_delete_droplets_uses_the_dangerous_endpoint(simulator):
    pool = simulator.seed("autoscale_pools", name_prefix="batch", instances=2)[0]
    gone = task(simulator, name="batch-1", state="absent", delete_droplets=True)
    assert gone.mutating == ["DELETE /v2/droplets/autoscale/%s/dangerous" % pool]
    assert simulator.state("droplets") == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_bad_input_is_refused_before_any_change(simulator, check_mode):
    simulator.seed("vpcs", region="ams3", name_prefix="far")
    pool = simulator.seed("autoscale_pools", name_prefix="old")[0]
    simulator.clear_requests()
    cases = [
        (dict(config={"target_number_instances": 2, "min_instances": 1}, droplet_template=TEMPLATE),
         "^config: target_number_instances \\(a fixed size\\) cannot go with min_instances"),
        (dict(config={"min_instances": 1}, droplet_template=TEMPLATE), "^config needs target_number_instances"),
        (dict(config={"min_instances": 1, "max_instances": 2}, droplet_template=TEMPLATE),
         "needs target_cpu_utilization or target_memory_utilization"),
        (dict(config=dict(DYNAMIC, min_instances=5), droplet_template=TEMPLATE),
         "^config.min_instances \\(5\\) must not exceed config.max_instances \\(4\\)"),
        (dict(config=dict(DYNAMIC, cooldown_minutes=2), droplet_template=TEMPLATE),
         "^config.cooldown_minutes must be between 5 and 20, got 2"),
        (dict(config=DYNAMIC, droplet_template=dict(TEMPLATE, region="mars1")),
         "^droplet_template.region must be one of nyc1, "),
        (dict(config=DYNAMIC, droplet_template=dict(TEMPLATE, vpc="far-1")),
         "^droplet_template.vpc: VPC far-1 is in ams3, the pool's Droplets in nyc3"),
        (dict(config=DYNAMIC, droplet_template={"region": "nyc3"}),
         "^droplet_template.size and droplet_template.image are required to create autoscale pool web$"),
        (dict(name="old-1", droplet_template={"region": "ams3"}),
         "^droplet_template.region cannot change on droplet_autoscale_pool old-1"),
        (dict(id=pool, name="renamed"), "^name cannot change in place"),
    ]
    for options, message in cases:
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, **options)
    assert simulator.mutating_requests() == []


POOL_ID = "0d3db13e-a604-4944-9827-7ec2642d32ac"


def test_the_put_is_the_whole_pool():
    pool = {"id": POOL_ID, "name": "web", "status": "active", "active_resources_count": 2,
            "config": {"min_instances": 2, "max_instances": 4, "target_cpu_utilization": 0.6, "cooldown_minutes": 10},
            "droplet_template": {"region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64",
                                 "ssh_keys": ["1"], "user_data": "x", "public_networking": True}}
    engine, session, _clock = module_engine(DROPLET_AUTOSCALE_POOL, "droplet_autoscale_pool", name="web",
                                            config={"max_instances": 6, "min_instances": 2,
                                                    "target_cpu_utilization": 0.6}, wait=False)
    session.on("GET", "/v2/droplets/autoscale", listing("autoscale_pools", pool))
    session.on("PUT", "/v2/droplets/autoscale/" + POOL_ID, reply(200, {"autoscale_pool": pool}))
    engine.run()
    assert writes(session) == [("PUT", "/v2/droplets/autoscale/" + POOL_ID, {
        "name": "web",
        "config": {"min_instances": 2, "max_instances": 6, "target_cpu_utilization": 0.6, "cooldown_minutes": 10},
        "droplet_template": {"region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64", "ssh_keys": ["1"],
                             "user_data": "x", "public_networking": True}})]
