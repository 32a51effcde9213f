# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The kubernetes_node_pool declaration (specs/kubernetes.py) against the simulator: one pool of a
cluster found by the cluster's id or name; create, no-op, update with one PUT, check mode with drift,
node replacement, delete; bad input refused before any request."""

from __future__ import annotations

import pytest

from sim_engine import run

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import KUBERNETES_NODE_POOL

MODULE = "kubernetes_node_pool"


@pytest.fixture
def cluster(simulator):
    return simulator.seed("kubernetes_clusters", name_prefix="prod")[0]


def task(simulator, check_mode=False, **options):
    options.setdefault("cluster", "prod-1")
    options.setdefault("name", "batch")
    return run(simulator, KUBERNETES_NODE_POOL, MODULE, check_mode=check_mode, **options)


def test_create_noop_update_drift_replace_delete(simulator, cluster):
    base = "/v2/kubernetes/clusters/%s/node_pools" % cluster
    created = task(simulator, size="s-2vcpu-4gb", count=2, labels={"workload": "batch"}, tags=["jobs"])
    pool = created.result["kubernetes_node_pool"]
    assert created.mutating == ["POST " + base]
    assert pool["count"] == 2 and len(pool["nodes"]) == 2 and "jobs" in pool["tags"]
    # The cluster found by name; re-run by id: no change, no mutating request.
    again = task(simulator, cluster=cluster, size="s-2vcpu-4gb", count=2, labels={"workload": "batch"}, tags=["jobs"])
    assert again.result["changed"] is False and again.mutating == []

    updated = task(simulator, count=3, labels={"workload": "batch", "tier": "2"},
                   taints=[{"key": "workload", "value": "batch", "effect": "NoSchedule"}])
    assert updated.mutating == ["PUT %s/%s" % (base, pool["id"])]
    assert set(updated.result["plan"]["changes"]) == {"count", "labels", "taints"}
    assert updated.result["kubernetes_node_pool"]["count"] == 3

    # Resized behind Ansible's back: check mode shows the drift and sends nothing.
    simulator.api("PUT", "%s/%s" % (base, pool["id"]), json={"name": "batch", "count": 1})
    checked = task(simulator, check_mode=True, count=3)
    assert checked.result["changed"] is True and checked.mutating == []
    assert checked.result["plan"]["changes"]["count"] == {"before": 1, "after": 3, "via": "PUT"}
    fixed = task(simulator, count=3)
    nodes = fixed.result["kubernetes_node_pool"]["nodes"]
    assert len(nodes) == 3

    replaced = task(simulator, nodes_to_replace=[nodes[0]["name"]])
    assert replaced.mutating == ["DELETE %s/%s/nodes/%s" % (base, pool["id"], nodes[0]["id"])]
    assert nodes[0]["id"] not in [n["id"] for n in replaced.result["kubernetes_node_pool"]["nodes"]]
    with pytest.raises(PlanError, match="^nodes_to_replace: nobody is not a node of node pool batch"):
        task(simulator, nodes_to_replace=["nobody"])

    deleted = task(simulator, state="absent")
    assert deleted.mutating == ["DELETE %s/%s" % (base, pool["id"])]
    gone = task(simulator, state="absent")
    assert gone.result["changed"] is False and gone.mutating == []


def test_size_never_changes_in_place(simulator, cluster):
    task(simulator, size="s-2vcpu-4gb", count=1)
    with pytest.raises(PlanError, match="^size cannot change in place on kubernetes_node_pool batch"):
        task(simulator, size="s-4vcpu-8gb", count=1)


def test_autoscaled_pool_count_is_the_autoscalers(simulator, cluster):
    task(simulator, size="s-2vcpu-4gb", count=2, auto_scale=True, min_nodes=1, max_nodes=4)
    simulator.clear_requests()
    again = task(simulator, size="s-2vcpu-4gb", count=3, auto_scale=True, min_nodes=1, max_nodes=4)
    assert again.mutating == []


def test_a_missing_cluster_is_named(simulator):
    with pytest.raises(PlanError, match="Kubernetes cluster nowhere does not exist"):
        task(simulator, cluster="nowhere", size="s-2vcpu-4gb", count=1)
    assert task(simulator, cluster="nowhere", state="absent").result["changed"] is False


@pytest.mark.parametrize("options, message", [
    (dict(count=1), r"size is required to create node pool batch"),
    (dict(size="s-2vcpu-4gb", count=9, auto_scale=True, min_nodes=1, max_nodes=3),
     r"^count \(9\) must be between min_nodes \(1\) and max_nodes \(3\)"),
    (dict(size="s-2vcpu-4gb", count=1, auto_scale=True), r"^min_nodes and max_nodes are required"),
    (dict(name="Batch_Pool", size="s-2vcpu-4gb", count=1), r"^name must be 1 to 63 lower-case letters"),
])
def test_bad_input_is_refused_before_any_request(simulator, cluster, options, message):
    simulator.clear_requests()
    with pytest.raises(PlanError, match=message):
        task(simulator, **options)
    assert [entry for entry in simulator.requests() if entry["method"] != "GET"] == []
