# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""database_user settings (Kafka ACLs, OpenSearch ACLs, PostgreSQL replication, MongoDB roles) and
readonly, through the engine against the simulator: sent with the create, a re-run without a
change, changed with one PUT that keeps the settings the task does not set, check mode, and refused
for another engine before any change."""

from __future__ import annotations

import pytest

from sim_engine import run

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import DATABASE_USER


def task(simulator, check_mode=False, **options):
    return run(simulator, DATABASE_USER, "database_user", check_mode=check_mode, **options)


def acl(topic, permission):
    return {"topic": topic, "permission": permission}


def test_kafka_acls_create_no_op_change_and_check_mode(simulator):
    cid = simulator.seed("database_clusters", engine="kafka", size="db-s-2vcpu-4gb", num_nodes=3,
                         name_prefix="events")[0]
    users = "/v2/databases/%s/users" % cid
    options = dict(cluster_name="events-1", name="billing")
    created = task(simulator, settings={"acl": [acl("orders", "consume"), acl("audit", "produce")]}, **options)
    assert created.mutating == ["POST " + users]
    assert sorted(a["topic"] for a in created.result["database_user"]["settings"]["acl"]) == ["audit", "orders"]

    # The same ACLs in another order: no change (the ids the API gives them are not compared).
    again = task(simulator, settings={"acl": [acl("audit", "produce"), acl("orders", "consume")]}, **options)
    assert again.mutating == [] and again.calls == ["GET /v2/databases", "GET %s/billing" % users]

    wanted = [acl("orders", "produceconsume")]
    planned = task(simulator, check_mode=True, settings={"acl": wanted}, **options)
    assert planned.mutating == []
    assert planned.result["plan"]["changes"]["settings"] == {
        "before": {"acl": [acl("audit", "produce"), acl("orders", "consume")]}, "after": {"acl": wanted},
        "via": "PUT"}
    changed = task(simulator, settings={"acl": wanted}, **options)
    assert changed.mutating == ["PUT %s/billing" % users]
    assert [(a["topic"], a["permission"]) for a in changed.result["database_user"]["settings"]["acl"]] == [
        ("orders", "produceconsume")]


def test_pg_allow_replication_and_a_change_that_keeps_the_other_settings(simulator):
    cid = simulator.seed("database_clusters", name_prefix="backend")[0]
    options = dict(cluster_name="backend-1", name="replicator")
    created = task(simulator, **options)
    assert created.result["database_user"].get("settings") is None
    assert task(simulator, settings={"pg_allow_replication": False}, **options).mutating == []
    changed = task(simulator, settings={"pg_allow_replication": True}, **options)
    assert changed.mutating == ["PUT /v2/databases/%s/users/replicator" % cid]
    assert changed.result["database_user"]["settings"] == {"pg_allow_replication": True}
    assert task(simulator, settings={"pg_allow_replication": True}, **options).mutating == []


def test_mongodb_role_and_readonly(simulator):
    cid = simulator.seed("database_clusters", engine="mongodb", size="db-s-1vcpu-2gb", name_prefix="docs")[0]
    ro = task(simulator, cluster_name="docs-1", name="reader", readonly=True)
    assert ro.result["database_user"]["settings"]["mongo_user_settings"]["role"] == "readOnly"
    # readonly matters at the create only.
    assert task(simulator, cluster_name="docs-1", name="reader", readonly=False).mutating == []
    options = dict(cluster_name="docs-1", name="app")
    task(simulator, settings={"mongo_user_settings": {"databases": ["shop", "admin"], "role": "readWrite"}}, **options)
    assert task(simulator, settings={"mongo_user_settings": {"role": "readWrite"}}, **options).mutating == []
    changed = task(simulator, settings={"mongo_user_settings": {"role": "dbAdmin"}}, **options)
    assert changed.mutating == ["PUT /v2/databases/%s/users/app" % cid]
    # Only the role changed: the databases were kept.
    assert changed.result["database_user"]["settings"]["mongo_user_settings"] == {
        "databases": ["admin", "shop"], "role": "dbAdmin"}


@pytest.mark.parametrize("options, message", [
    (dict(settings={"acl": [acl("orders", "consume")]}),
     "^settings.acl applies to Kafka clusters only; cluster backend-1 is a PostgreSQL cluster$"),
    (dict(settings={"opensearch_acl": [{"index": "logs-*", "permission": "read"}]}),
     "^settings.opensearch_acl applies to OpenSearch clusters only"),
    (dict(readonly=True), "^readonly applies to MongoDB clusters only; cluster backend-1 is a PostgreSQL cluster$"),
])
def test_settings_of_another_engine_are_refused_before_any_change(simulator, options, message):
    simulator.seed("database_clusters", name_prefix="backend")
    for name in ("doadmin", "new-user"):
        for check_mode in (True, False):
            with pytest.raises(PlanError, match=message):
                task(simulator, check_mode=check_mode, cluster_name="backend-1", name=name, **options)
    assert simulator.mutating_requests() == []
