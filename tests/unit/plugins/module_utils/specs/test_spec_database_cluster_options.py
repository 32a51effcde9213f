# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The database_cluster options beyond size and region, through the engine against the simulator:
version upgrades, storage autoscale, eviction policy, SQL mode, DigitalOcean settings, a move
between projects, installing a pending update, and restoring a named backup. Each is created (or
set), re-run without a change (0 mutating requests), changed, planned in check mode, and refused
with a clear error where it does not apply."""

from __future__ import annotations

import pytest

from sim_engine import run

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import DATABASE_CLUSTER

CREATE = dict(size="db-s-1vcpu-2gb", num_nodes=1, region="nyc3", wait_timeout=30)


def task(simulator, check_mode=False, **options):
    options.setdefault("name", "backend")
    return run(simulator, DATABASE_CLUSTER, "database_cluster", check_mode=check_mode, **options)


def cluster_id(simulator, name="backend"):
    return [db["id"] for db in simulator.state("database_clusters") if db["name"] == name][0]


def test_version_upgrades_in_place_and_waits_until_online(simulator):
    created = task(simulator, engine="pg", version="15", **CREATE)
    assert created.result["database_cluster"]["version"] == "15"
    cid = created.result["database_cluster"]["id"]
    assert task(simulator, version="15").mutating == []

    planned = task(simulator, check_mode=True, version="16")
    assert planned.result["plan"]["changes"] == {"version": {"before": "15", "after": "16", "via": "PUT:upgrade"}}
    assert planned.result["diff"] == {"before": {"name": "backend", "version": "15", "id": cid},
                                      "after": {"name": "backend", "version": "16", "id": cid}}
    assert planned.mutating == [] and "GET /v2/databases/options" in planned.calls

    upgraded = task(simulator, version="16", wait_timeout=30)
    assert upgraded.mutating == ["PUT /v2/databases/%s/upgrade" % cid]
    assert upgraded.result["database_cluster"]["version"] == "16"
    assert upgraded.result["database_cluster"]["status"] == "online"
    assert task(simulator, version="16").mutating == []


@pytest.mark.parametrize("version, message", [
    ("14", "^version of database_cluster backend .* can only be upgraded: it is 15 and the task asks for 14$"),
    ("18", r"^version 18 is not available for PostgreSQL clusters \(available: 13, 14, 15, 16, 17\)$"),
])
def test_version_never_goes_down_nor_to_a_version_the_options_do_not_list(simulator, version, message):
    task(simulator, engine="pg", version="15", **CREATE)
    for check_mode in (True, False):
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, version=version)
    assert simulator.mutating_requests() == []


def test_storage_autoscale_at_create_then_changed_through_its_endpoint(simulator):
    autoscale = {"enabled": True, "threshold_percent": 80, "increment_gib": 10}
    created = task(simulator, engine="pg", storage_autoscale=autoscale, **CREATE)
    assert created.mutating == ["POST /v2/databases"]
    assert simulator.api("GET", "/v2/databases/%s/autoscale" % created.result["database_cluster"]["id"])[1] == {
        "autoscale": {"storage": autoscale}}
    cid = created.result["database_cluster"]["id"]
    assert created.result["database_cluster"]["autoscale"] == {"storage": autoscale}

    again = task(simulator, storage_autoscale=autoscale)
    assert again.mutating == [] and again.calls == ["GET /v2/databases", "GET /v2/databases/%s/autoscale" % cid]

    change = dict(autoscale, threshold_percent=90)
    planned = task(simulator, check_mode=True, storage_autoscale=change)
    assert planned.result["plan"]["changes"]["storage_autoscale"] == {
        "before": autoscale, "after": change, "via": "PUT:autoscale"}
    assert planned.mutating == []
    changed = task(simulator, storage_autoscale=change)
    assert changed.mutating == ["PUT /v2/databases/%s/autoscale" % cid]
    assert simulator.api("GET", "/v2/databases/%s/autoscale" % cid)[1]["autoscale"]["storage"] == change
    off = task(simulator, storage_autoscale={"enabled": False, "threshold_percent": 80})
    assert off.result["plan"]["changes"]["storage_autoscale"]["after"] == {"enabled": False, "threshold_percent": 80}
    # Off on both sides: the thresholds no longer matter.
    assert task(simulator, storage_autoscale={"enabled": False, "increment_gib": 50}).mutating == []


@pytest.mark.parametrize("options, message", [
    (dict(storage_autoscale={"enabled": True, "threshold_percent": 99}),
     "^storage_autoscale.threshold_percent must be between 15 and 95, got 99$"),
    (dict(storage_autoscale={"enabled": True, "increment_gib": 5}),
     "^storage_autoscale.increment_gib must be between 10 and 500, got 5$"),
    (dict(engine="pg", eviction_policy="allkeys_lru"),
     "^eviction_policy applies to Redis \\(Caching\\) and Valkey clusters only; the cluster is a PostgreSQL cluster$"),
    (dict(engine="valkey", sql_mode="ANSI"), "^sql_mode applies to MySQL clusters only"),
    (dict(sql_mode="ANSI;DROP"), "^sql_mode must be MySQL SQL modes separated by commas"),
    (dict(do_settings={"service_cnames": ["not a host"]}), r"^do_settings.service_cnames\[0\] must be a host name"),
    (dict(backup_restore={"database_name": "x", "backup_created_at": "yesterday"}),
     "^backup_restore.backup_created_at must be a time"),
])
def test_bad_settings_fail_before_any_request(simulator, options, message):
    with pytest.raises(PlanError, match=message):
        task(simulator, **options)
    assert simulator.requests() == []


def test_eviction_policy_of_a_valkey_cluster_is_set_after_the_create_and_refused_for_postgresql(simulator):
    created = task(simulator, name="cache", engine="valkey", size="db-s-1vcpu-1gb", num_nodes=1, region="nyc3",
                   eviction_policy="allkeys_lru", wait_timeout=30)
    cid = created.result["database_cluster"]["id"]
    assert created.mutating == ["POST /v2/databases", "PUT /v2/databases/%s/eviction_policy" % cid]
    assert created.result["database_cluster"]["eviction_policy"] == "allkeys_lru"
    assert task(simulator, name="cache", eviction_policy="allkeys_lru").mutating == []
    changed = task(simulator, name="cache", eviction_policy="volatile_ttl")
    assert changed.result["plan"]["changes"] == {"eviction_policy": {
        "before": "allkeys_lru", "after": "volatile_ttl", "via": "PUT:eviction_policy"}}
    assert simulator.api("GET", "/v2/databases/%s/config" % cid)[1]["config"]["valkey_maxmemory_policy"] == \
        "volatile_ttl"

    task(simulator, engine="pg", **CREATE)
    with pytest.raises(PlanError, match="^eviction_policy applies to Redis \\(Caching\\) and Valkey clusters only; "
                                        "cluster backend is a PostgreSQL cluster$"):
        task(simulator, eviction_policy="noeviction")


def test_sql_mode_compares_as_a_set_of_modes(simulator):
    created = task(simulator, name="shop", engine="mysql", sql_mode="ansi, STRICT_ALL_TABLES", **CREATE)
    cid = created.result["database_cluster"]["id"]
    assert simulator.api("GET", "/v2/databases/%s/sql_mode" % cid)[1]["sql_mode"] == "ANSI,STRICT_ALL_TABLES"
    assert task(simulator, name="shop", sql_mode="STRICT_ALL_TABLES,ANSI").mutating == []
    planned = task(simulator, check_mode=True, name="shop", sql_mode="ANSI")
    assert planned.result["plan"]["changes"]["sql_mode"] == {"before": "ANSI,STRICT_ALL_TABLES", "after": "ANSI",
                                                             "via": "PUT:sql_mode"}
    assert task(simulator, name="shop", sql_mode="ANSI").mutating == ["PUT /v2/databases/%s/sql_mode" % cid]


def test_service_cnames_through_do_settings(simulator):
    created = task(simulator, engine="pg", do_settings={"service_cnames": ["DB.example.com"]}, **CREATE)
    cid = created.result["database_cluster"]["id"]
    assert created.mutating == ["POST /v2/databases"]
    assert task(simulator, do_settings={"service_cnames": ["db.example.com"]}).mutating == []
    changed = task(simulator, do_settings={"service_cnames": ["db.example.com", "pg.example.com"]})
    assert changed.mutating == ["PUT /v2/databases/%s/do_settings" % cid]
    assert changed.result["plan"]["changes"]["do_settings"]["after"] == {
        "service_cnames": ["db.example.com", "pg.example.com"]}
    cleared = task(simulator, do_settings={"service_cnames": []})
    assert simulator.api("GET", "/v2/databases/%s" % cid)[1]["database"]["do_settings"] == {"service_cnames": []}
    assert cleared.result["changed"] is True


def test_project_change_moves_the_cluster(simulator):
    shop = simulator.api("POST", "/v2/projects", json={"name": "shop", "purpose": "Web Application"})[1]["project"]
    created = task(simulator, engine="pg", **CREATE)
    cid = created.result["database_cluster"]["id"]
    before = created.result["database_cluster"]["project_id"]
    planned = task(simulator, check_mode=True, project_id=shop["id"])
    assert planned.result["plan"]["changes"] == {"project_id": {"before": before, "after": shop["id"],
                                                                "via": "project_resources"}}
    moved = task(simulator, project_id=shop["id"])
    assert moved.mutating == ["POST /v2/projects/%s/resources" % shop["id"]]
    assert simulator.api("GET", "/v2/databases/%s" % cid)[1]["database"]["project_id"] == shop["id"]
    assert task(simulator, project_id=shop["id"]).mutating == []


def test_install_update_only_when_one_is_pending(simulator):
    task(simulator, engine="pg", **CREATE)
    assert task(simulator, install_update=True).mutating == []
    pending = simulator.seed("database_clusters", name_prefix="old", pending_maintenance=True)[0]
    planned = task(simulator, check_mode=True, name="old-1", install_update=True)
    assert planned.result["plan"]["changes"] == {"install_update": {"before": False, "after": True,
                                                                    "via": "PUT:install_update"}}
    installed = task(simulator, name="old-1", install_update=True)
    assert installed.mutating == ["PUT /v2/databases/%s/install_update" % pending]
    assert installed.result["database_cluster"]["maintenance_window"]["pending"] is False
    assert task(simulator, name="old-1", install_update=True).mutating == []


def test_restore_from_a_named_backup_creates_a_new_cluster(simulator):
    source = simulator.seed("database_clusters", name_prefix="prod", age_seconds=3 * 86400)[0]
    simulator.api("POST", "/v2/databases/%s/dbs" % source, json={"name": "orders"})
    backups = simulator.api("GET", "/v2/databases/%s/backups" % source)[1]["backups"]
    assert len(backups) == 4
    named = backups[1]["created_at"]
    restore = {"database_name": "prod-1", "backup_created_at": named.replace("Z", "+00:00")}

    planned = task(simulator, check_mode=True, name="restored", engine="pg", backup_restore=restore, **CREATE)
    assert planned.result["plan"]["action"] == "create" and planned.mutating == []
    assert "GET /v2/databases/%s/backups" % source in planned.calls

    restored = task(simulator, name="restored", engine="pg", backup_restore=restore, **CREATE)
    post = [r for r in restored.requests if r["method"] == "POST"]
    assert len(post) == 1
    new = restored.result["database_cluster"]
    assert new["id"] != source and new["status"] == "online" and sorted(new["db_names"]) == ["defaultdb", "orders"]
    stored = [db for db in simulator.state("database_clusters") if db["id"] == new["id"]][0]
    assert stored["restored_from"] == "prod-1"
    # Restoring applies to the create only: the re-run finds the cluster and does nothing.
    assert task(simulator, name="restored", engine="pg", backup_restore=restore, **CREATE).mutating == []


@pytest.mark.parametrize("restore, message", [
    ({"database_name": "nowhere"}, "^backup_restore.database_name: no database cluster is named nowhere$"),
    ({"database_name": "prod-1", "backup_created_at": "2001-01-01T00:00:00Z"},
     "^backup_restore.backup_created_at: cluster prod-1 has no backup taken at 2001-01-01T00:00:00Z; its backups: "),
])
def test_restore_of_a_missing_source_or_backup_fails_before_the_create(simulator, restore, message):
    simulator.seed("database_clusters", name_prefix="prod", age_seconds=86400)
    for check_mode in (True, False):
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, name="restored", engine="pg", backup_restore=restore, **CREATE)
    assert simulator.mutating_requests() == []
