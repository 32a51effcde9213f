# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The read-only database declarations (specs/database_info.py) against the simulator: a cluster's
backups, events and CA certificate (also as PEM), and the options of every engine."""

from __future__ import annotations

import base64

from sim_engine import run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_info import DATABASE_BACKUP
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_info import DATABASE_CA
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_info import DATABASE_EVENT
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_info import DATABASE_OPTIONS


def test_backups_events_and_the_ca_of_a_cluster(simulator):
    cid = simulator.seed("database_clusters", name_prefix="backend", age_seconds=86400 + 5)[0]
    backups = run_info(simulator, DATABASE_BACKUP, "database_backup_info", cluster_name="backend-1")
    assert len(backups.result["database_backups"]) == 2 and backups.result["cluster_id"] == cid
    assert backups.calls == ["GET /v2/databases", "GET /v2/databases/%s/backups" % cid]

    events = run_info(simulator, DATABASE_EVENT, "database_event_info", cluster_id=cid)
    assert [e["event_type"] for e in events.result["database_events"]] == ["cluster_create"]

    ca = run_info(simulator, DATABASE_CA, "database_ca_info", cluster_id=cid).result["database_cas"]
    assert len(ca) == 1
    assert ca[0]["certificate_pem"] == base64.b64decode(ca[0]["certificate"]).decode()
    assert ca[0]["certificate_pem"].startswith("-----BEGIN CERTIFICATE-----\n")


def test_options_one_item_per_engine_or_the_one_asked_for(simulator):
    every = run_info(simulator, DATABASE_OPTIONS, "database_options_info").result["database_options"]
    assert [item["engine"] for item in every] == ["kafka", "mongodb", "mysql", "opensearch", "pg", "valkey"]
    pg = run_info(simulator, DATABASE_OPTIONS, "database_options_info", filters={"engine": "pg"}, engine="pg")
    assert pg.calls == ["GET /v2/databases/options"]
    (item,) = pg.result["database_options"]
    assert item["versions"] == ["13", "14", "15", "16", "17"]
    assert item["layouts"][0]["num_nodes"] == 1 and "db-s-1vcpu-1gb" in item["layouts"][0]["sizes"]
    assert item["version_availability"][0] == {"version": "13", "end_of_life": None, "end_of_availability": None}
