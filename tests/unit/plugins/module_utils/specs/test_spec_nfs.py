# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The nfs and nfs_snapshot declarations (specs/nfs.py) through the engine against the simulator:
every request names the region; a share created and awaited until ACTIVE, a re-run without a
mutating request, grown and moved between VPCs through awaited NFS actions (check mode shows the
drift first), never shrunk; a snapshot taken by the share's action, found by name afterwards and
deleted; bad input refused before any request that changes anything."""

from __future__ import annotations

import pytest

from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.nfs import NFS, NFS_SNAPSHOT


def share_task(simulator, check_mode=False, **options):
    options.setdefault("name", "assets")
    options.setdefault("region", "nyc3")
    options.setdefault("wait_timeout", 30)
    return run(simulator, NFS, "nfs", check_mode=check_mode, **options)


def snapshot_task(simulator, check_mode=False, **options):
    options.setdefault("region", "nyc3")
    options.setdefault("wait_timeout", 30)
    return run(simulator, NFS_SNAPSHOT, "nfs_snapshot", check_mode=check_mode, **options)


def test_share_create_no_op_grow_move_drift_and_delete(simulator):
    web, jobs = simulator.seed("vpcs", count=2, name_prefix="net")

    planned = share_task(simulator, check_mode=True, size_gib=50, vpcs=["net-1"])
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create"
    assert planned.result["plan"]["changes"]["vpc_ids"]["after"] == [web]

    created = share_task(simulator, size_gib=50, vpcs=["net-1"])
    assert created.mutating == ["POST /v2/nfs"]
    share = created.result["nfs"]
    path = "/v2/nfs/" + share["id"]
    assert share["status"] == "ACTIVE" and share["host"] and share["vpc_ids"] == [web]
    assert all(entry["query"].get("region") == "nyc3" for entry in created.requests if "/v2/nfs" in entry["path"]
               and entry["method"] == "GET")

    again = share_task(simulator, size_gib=50, vpcs=[web])
    assert again.mutating == [] and again.result["changed"] is False

    drift = share_task(simulator, check_mode=True, size_gib=100, vpcs=["net-2"])
    assert drift.mutating == []
    assert drift.result["plan"]["changes"] == {
        "size_gib": {"before": 50, "after": 100, "via": "action:resize"},
        "vpc_ids": {"before": [web], "after": [jobs], "via": "action:attach|detach"}}

    changed = share_task(simulator, size_gib=100, vpcs=["net-2"])
    assert changed.mutating == ["POST %s/actions" % path] * 3
    after = changed.result["nfs"]
    assert after["size_gib"] == 100 and after["vpc_ids"] == [jobs] and after["status"] == "ACTIVE"

    with pytest.raises(PlanError, match="^size_gib cannot shrink on nfs assets .* an NFS share only grows"):
        share_task(simulator, size_gib=60)

    listed = run_info(simulator, NFS, "nfs_info", filters={"name": "assets"}, region="nyc3", name="assets")
    assert [s["id"] for s in listed.result["nfs"]] == [share["id"]] and listed.result["region"] == "nyc3"

    gone = share_task(simulator, state="absent")
    assert gone.mutating == ["DELETE " + path]
    assert share_task(simulator, state="absent").mutating == []


def test_snapshot_taken_found_again_listed_and_deleted(simulator):
    vpc = simulator.seed("vpcs", name_prefix="net")[0]
    share_task(simulator, size_gib=80, vpcs=[vpc])

    planned = snapshot_task(simulator, check_mode=True, name="before-upgrade", share="assets")
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create"

    taken = snapshot_task(simulator, name="before-upgrade", share="assets")
    snapshot = taken.result["nfs_snapshot"]
    assert taken.mutating == ["POST /v2/nfs/%s/actions" % snapshot["share_id"]]
    assert snapshot["status"] == "ACTIVE" and snapshot["size_gib"] == 80

    again = snapshot_task(simulator, name="before-upgrade", share="assets")
    assert again.mutating == [] and again.result["changed"] is False

    listed = run_info(simulator, NFS_SNAPSHOT, "nfs_snapshot_info", region="nyc3", share="assets")
    assert [s["name"] for s in listed.result["nfs_snapshots"]] == ["before-upgrade"]

    gone = snapshot_task(simulator, name="before-upgrade", share="assets", state="absent")
    assert gone.mutating == ["DELETE /v2/nfs/snapshots/" + snapshot["id"]]
    assert snapshot_task(simulator, name="before-upgrade", share="assets", state="absent").mutating == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_bad_input_is_refused_before_any_change(simulator, check_mode):
    simulator.seed("vpcs", name_prefix="net")
    simulator.seed("vpcs", region="ams3", name_prefix="far")
    simulator.clear_requests()
    cases = [
        (share_task, dict(size_gib=10, vpcs=["net-1"]), "^size_gib must be at least 50, got 10$"),
        (share_task, dict(size_gib=50, vpcs=["far-1"]), "^vpcs\\[0\\]: VPC far-1 is in ams3, the NFS share in nyc3"),
        (share_task, dict(size_gib=50, vpcs=["net-1", "net-1"]), "^vpcs\\[1\\] names VPC net-1 again"),
        (share_task, dict(vpcs=["net-1"]), "^size_gib is required to create NFS share assets$"),
        (snapshot_task, dict(name="s", share="nope"), "^share: NFS share nope does not exist in nyc3$"),
        (snapshot_task, dict(name="s"), "^nfs_snapshot needs share \\(the id or name of the NFS share\\) to find snapshot s, or"),
    ]
    for task, options, message in cases:
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, **options)
    assert simulator.mutating_requests() == []
