# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The kubernetes_cluster declaration (specs/kubernetes.py) through the real engine and client,
against the simulator (strict: every request and answer checked against the spec): create with
version resolution, no-op, update through PUT and the node pool endpoints, check mode with drift,
upgrade, kubeconfig, delete; bad input refused before any request."""

from __future__ import annotations

import os
import stat

import pytest
import yaml

from sim_engine import run

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import KUBERNETES_CLUSTER

MODULE = "kubernetes_cluster"


def pools(**changes):
    workers = {"name": "workers", "size": "s-2vcpu-4gb", "count": 2, "labels": {"tier": "web"}}
    burst = {"name": "burst", "size": "s-2vcpu-4gb", "count": 1, "auto_scale": True, "min_nodes": 1,
             "max_nodes": 3}
    workers.update(changes)
    return [workers, burst]


def task(simulator, check_mode=False, **options):
    options.setdefault("name", "prod")
    options.setdefault("region", "nyc3")
    options.setdefault("wait_timeout", 60)
    return run(simulator, KUBERNETES_CLUSTER, MODULE, check_mode=check_mode, **options)


def full(**overrides):
    options = dict(version="1.32", tags=["web"], node_pools=pools(),
                   maintenance_policy={"day": "sunday", "start_time": "03:00"}, auto_upgrade=False)
    options.update(overrides)
    return options


def test_create_noop_update_drift_upgrade_delete(simulator, tmp_path):
    kubeconfig = tmp_path / "kubeconfig"
    created = task(simulator, kubeconfig_path=str(kubeconfig), registry_enabled=True, **full())
    cluster = created.result["kubernetes_cluster"]
    assert created.result["changed"] is True and created.result["plan"]["action"] == "create"
    # "1.32" resolved to the newest 1.32 slug through the options.
    assert cluster["version"] == "1.32.5-do.0" and cluster["status"]["state"] == "running"
    assert cluster["registry_enabled"] is True
    assert created.mutating == ["POST /v2/kubernetes/clusters", "POST /v2/kubernetes/registry"]
    assert "GET /v2/kubernetes/options" in created.calls
    # The kubeconfig: valid YAML, mode 0600, masked.
    config = yaml.safe_load(kubeconfig.read_text())
    assert config["current-context"] == "do-nyc3-prod"
    assert stat.S_IMODE(os.stat(kubeconfig).st_mode) == 0o600
    assert created.result["kubeconfig_changed"] is True
    assert config["users"][0]["user"]["token"] in created.masked
    mtime = os.stat(kubeconfig).st_mtime_ns

    # Re-run: nothing to do, no mutating request, the kubeconfig not rewritten.
    again = task(simulator, kubeconfig_path=str(kubeconfig), registry_enabled=True, **full())
    assert again.result["changed"] is False and again.mutating == []
    assert again.result["plan"]["action"] == "none" and again.result["kubeconfig_changed"] is False
    assert os.stat(kubeconfig).st_mtime_ns == mtime

    # Update: node count, labels, maintenance window, tags.
    updated = task(simulator, **full(node_pools=pools(count=3, labels={"tier": "api"}),
                                     maintenance_policy={"day": "monday", "start_time": "04:00"},
                                     tags=["web", "team"]))
    changes = updated.result["plan"]["changes"]
    assert set(changes) == {"tags", "maintenance_policy", "node_pools"}
    assert changes["maintenance_policy"]["via"] == "PUT"
    assert changes["node_pools"]["after"]["workers"]["count"] == 3
    pool_put = [call for call in updated.mutating if "/node_pools/" in call]
    assert len(pool_put) == 1 and pool_put[0].startswith("PUT ")
    assert [call.split(" ")[0] for call in updated.mutating] == ["PUT", "PUT"]
    cluster = updated.result["kubernetes_cluster"]
    workers = [p for p in cluster["node_pools"] if p["name"] == "workers"][0]
    assert workers["count"] == 3 and workers["labels"] == {"tier": "api"}
    assert cluster["maintenance_policy"]["day"] == "monday"

    # Drift behind Ansible's back: the pool resized to 1; check mode reports it and changes nothing.
    pool_path = "/v2/kubernetes/clusters/%s/node_pools/%s" % (cluster["id"], workers["id"])
    status, _answer = simulator.api("PUT", pool_path, json={"name": "workers", "count": 1})
    assert status == 202
    wanted = full(node_pools=pools(count=3, labels={"tier": "api"}), tags=["web", "team"],
                  maintenance_policy={"day": "monday", "start_time": "04:00"})
    checked = task(simulator, check_mode=True, **wanted)
    assert checked.result["changed"] is True and checked.mutating == []
    drift = checked.result["plan"]["changes"]["node_pools"]
    assert drift["before"]["workers"]["count"] == 1 and drift["after"]["workers"]["count"] == 3

    # Upgrade to the next version the upgrades list holds.
    upgraded = task(simulator, **full(version="1.33", node_pools=pools(count=3, labels={"tier": "api"}),
                                      maintenance_policy={"day": "monday", "start_time": "04:00"},
                                      tags=["web", "team"]))
    assert "POST /v2/kubernetes/clusters/%s/upgrade" % cluster["id"] in upgraded.mutating
    assert upgraded.result["kubernetes_cluster"]["version"] == "1.33.1-do.0"
    assert upgraded.result["plan"]["changes"]["version"]["via"] == "POST:upgrade"

    # Delete, then delete again.
    deleted = task(simulator, state="absent")
    assert deleted.result["changed"] is True
    assert deleted.mutating == ["DELETE /v2/kubernetes/clusters/%s" % cluster["id"]]
    assert simulator.api("GET", "/v2/droplets", params={"tag_name": "k8s:" + cluster["id"]})[1]["droplets"] == []
    gone = task(simulator, state="absent")
    assert gone.result["changed"] is False and gone.mutating == []


def test_upgrade_to_a_version_the_cluster_cannot_take_lists_the_allowed_ones(simulator):
    task(simulator, **full(version="1.31"))
    with pytest.raises(PlanError, match=r"^version 1.33 is not an available upgrade of .*choose one of "
                                        r"1.32.5-do.0, 1.32.2-do.0"):
        task(simulator, **full(version="1.33"))
    assert simulator.requests() and all(entry["method"] == "GET" for entry in simulator.requests())


def test_purge_deletes_unlisted_pools_and_adds_new_ones(simulator):
    task(simulator, **full())
    result = task(simulator, purge=True, **full(node_pools=[pools()[0], {"name": "batch", "size": "s-1vcpu-2gb",
                                                                         "count": 1}]))
    methods = sorted(call.split(" ")[0] for call in result.mutating)
    assert methods == ["DELETE", "POST"]
    names = sorted(p["name"] for p in result.result["kubernetes_cluster"]["node_pools"])
    assert names == ["batch", "workers"]


def test_dangerous_delete_is_explicit(simulator):
    created = task(simulator, **full())
    cluster_id = created.result["kubernetes_cluster"]["id"]
    deleted = task(simulator, state="absent", destroy_associated_resources=True)
    assert deleted.mutating == ["DELETE /v2/kubernetes/clusters/%s/destroy_with_associated_resources/dangerous"
                                % cluster_id]


def test_unsupported_version_is_refused_with_reads_only(simulator):
    with pytest.raises(PlanError, match=r"^version 1.20 is not a version DigitalOcean Kubernetes supports: choose "
                                        r"one of 1.33.1-do.0"):
        task(simulator, **full(version="1.20"))
    assert all(entry["method"] == "GET" for entry in simulator.requests())


@pytest.mark.parametrize("options, message", [
    (full(version="one.two"), r"^version must be latest, a minor version"),
    (full(node_pools=[{"name": "w", "count": 1}]), r"^node_pools\[0\]\.size is required to create node pool w"),
    (full(node_pools=[{"name": "w", "size": "s-1vcpu-2gb", "count": 5, "auto_scale": True, "min_nodes": 1,
                       "max_nodes": 3}]),
     r"^node_pools\[0\]\.count \(5\) must be between min_nodes \(1\) and max_nodes \(3\)"),
    (full(node_pools=[{"name": "w", "size": "s-1vcpu-2gb", "count": 0}]), r"count must be at least 1"),
    (full(name="Prod_1"), r"^name must be 1 to 63 lower-case letters"),
    (full(node_pools=[{"name": "Web Pool", "size": "s-1vcpu-2gb", "count": 1}]), r"^node_pools\[0\]\.name must be"),
    (full(node_pools=[]), r"^node_pools must list at least one node pool"),
    (full(maintenance_policy={"start_time": "25:00"}), r"^maintenance_policy.start_time must be HH:MM"),
])
@pytest.mark.parametrize("check_mode", [False, True])
def test_bad_input_is_refused_before_any_request(simulator, options, message, check_mode):
    options = dict(options)
    name = options.pop("name", "prod")
    with pytest.raises(PlanError, match=message):
        task(simulator, check_mode=check_mode, name=name, **options)
    assert simulator.requests() == []


def test_info_returns_upgrades_status_messages_and_options(simulator):
    from sim_engine import run_info
    from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import info_expand, info_extras
    from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import KUBERNETES_NODE_POOL

    task(simulator, **full(version="1.31"))
    engine_run = run_info(simulator, KUBERNETES_CLUSTER, "kubernetes_cluster_info", filters={"name": "prod"},
                          name="prod", upgrades=True, status_messages=True, options=True)
    # run_info of sim_engine passes no extras: read them through the engine the module builds.
    clusters = engine_run.result["kubernetes_clusters"]
    assert [c["name"] for c in clusters] == ["prod"]
    from sim_engine import engine_for
    engine = engine_for(simulator, KUBERNETES_CLUSTER, "kubernetes_cluster_info", name="prod", upgrades=True,
                        status_messages=True, options=True)
    result = engine.run_info({"name": "prod"}, None, info_expand, info_extras)
    cluster = result["kubernetes_clusters"][0]
    assert [u["slug"] for u in cluster["upgrades"]] == ["1.32.5-do.0", "1.32.2-do.0"]
    assert cluster["status_messages"][0]["message"] == "cluster created"
    assert result["options"]["versions"][0]["slug"] == "1.33.1-do.0"
    pools_run = run_info(simulator, KUBERNETES_NODE_POOL, "kubernetes_node_pool_info", filters={"name": None},
                         cluster="prod")
    assert sorted(p["name"] for p in pools_run.result["kubernetes_node_pools"]) == ["burst", "workers"]
    assert pools_run.result["cluster"] == cluster["id"]
    assert all(entry["method"] == "GET" for entry in pools_run.requests)


def test_a_kubeconfig_is_kept_while_its_token_is_valid_and_renewed_before_it_expires():
    from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import kubeconfig_text
    from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import still_valid
    from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.kubernetes import with_expiry

    cluster = {"name": "prod", "region": "nyc3"}

    def config(token, expires, server="https://a.k8s.ondigitalocean.com"):
        creds = {"server": server, "certificate_authority_data": "Q0E=", "token": token, "expires_at": expires}
        return with_expiry(kubeconfig_text(cluster, creds), creds)

    now = 1767225600   # 2026-01-01T00:00:00Z
    on_file = config("old", "2026-01-08T00:00:00Z")
    # The API minted a new token: the file's own is valid for a week, it stays.
    assert still_valid(on_file, config("new", "2026-01-08T00:05:00Z"), now)
    # Less than an hour left: fetched again.
    assert not still_valid(on_file, config("new", "2026-01-08T00:05:00Z"), 1767830400 - 60)
    # Another server: rewritten.
    assert not still_valid(on_file, config("new", "2026-01-08T00:05:00Z", server="https://b"), now)
    assert not still_valid(None, on_file, now)


def test_lost_answers_to_a_pool_create_and_the_registry_integration_make_nothing_twice(simulator):
    created = task(simulator, **full())
    cluster_id = created.result["kubernetes_cluster"]["id"]
    # Every answer to these POSTs is lost after the API acted on them.
    simulator.faults(drop_rate=1.0, path_regex="^/v2/kubernetes/(clusters/[^/]+/node_pools|registry)$",
                     methods=["POST"])
    try:
        result = task(simulator, registry_enabled=True, **full(node_pools=pools() + [
            {"name": "batch", "size": "s-1vcpu-2gb", "count": 1}]))
    finally:
        simulator.clear_faults()
    pools_now = simulator.api("GET", "/v2/kubernetes/clusters/%s/node_pools" % cluster_id)[1]["node_pools"]
    assert sorted(p["name"] for p in pools_now) == ["batch", "burst", "workers"]
    assert result.result["kubernetes_cluster"]["registry_enabled"] is True
    posts = [call for call in result.mutating if call.startswith("POST")]
    assert posts.count("POST /v2/kubernetes/clusters/%s/node_pools" % cluster_id) == 1


def test_an_autoscaled_pools_count_is_left_to_the_autoscaler(simulator):
    created = task(simulator, **full())
    cluster_id = created.result["kubernetes_cluster"]["id"]
    burst = [p for p in created.result["kubernetes_cluster"]["node_pools"] if p["name"] == "burst"][0]
    # The autoscaler added a node: not drift.
    simulator.api("PUT", "/v2/kubernetes/clusters/%s/node_pools/%s" % (cluster_id, burst["id"]),
                  json={"name": "burst", "count": 2})
    assert task(simulator, **full()).mutating == []
    # A label change keeps the autoscaler's count.
    relabelled = pools()
    relabelled[1]["labels"] = {"tier": "burst"}
    changed = task(simulator, **full(node_pools=relabelled))
    assert changed.mutating == ["PUT /v2/kubernetes/clusters/%s/node_pools/%s" % (cluster_id, burst["id"])]
    pool = [p for p in changed.result["kubernetes_cluster"]["node_pools"] if p["name"] == "burst"][0]
    assert pool["count"] == 2 and pool["labels"] == {"tier": "burst"}
