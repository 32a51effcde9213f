# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The database_cluster declaration (specs/database.py) through the engine: found by name, created and
awaited until online, its maintenance window set right after; size, node count and storage changed
with one PUT .../resize, the region with PUT .../migrate (both awaited), tags through the tag
endpoints; deleted and awaited until gone."""

from __future__ import annotations

import pytest

from fakes import check_then_run, error, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import DATABASE_CLUSTER

CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"
CLUSTER_PATH = "/v2/databases/" + CLUSTER_ID
PROJECT_ID = "4e1bfbc3-dc3e-41f2-a18f-1b4d7ba71679"
CREATE_OPTIONS = dict(engine="pg", version="16", size="db-s-1vcpu-1gb", num_nodes=1, region="nyc3", tags=["prod"],
                      project_id=PROJECT_ID)


def cluster(status="online", size="db-s-1vcpu-1gb", num_nodes=1, region="nyc3", storage=10240, tags=("prod",),
            window=("tuesday", "10:00:00")):
    return {"id": CLUSTER_ID, "name": "backend", "engine": "pg", "version": "16", "size": size,
            "num_nodes": num_nodes, "region": region, "status": status, "storage_size_mib": storage,
            "tags": list(tags), "project_id": PROJECT_ID, "private_network_uuid": None,
            "maintenance_window": {"day": window[0], "hour": window[1], "pending": False},
            "connection": {"uri": "postgresql://doadmin:s3cr3t@backend.db.ondigitalocean.com:25060/defaultdb",
                           "password": "s3cr3t"},
            "private_connection": {"uri": "postgresql://doadmin:s3cr3t@private-backend:25060/defaultdb"}}


def task(check_mode=False, **options):
    options.setdefault("name", "backend")
    return module_engine(DATABASE_CLUSTER, "database_cluster", check_mode=check_mode, **options)


def test_create_posts_the_fields_waits_until_online_then_sets_the_maintenance_window():
    engine, session, clock = task(maintenance_window={"day": "Sunday", "hour": "3:00"}, **CREATE_OPTIONS)
    session.on("GET", "/v2/databases", listing("databases"))
    session.on("POST", "/v2/databases", reply(201, {"database": cluster(status="creating")}))
    session.on("GET", CLUSTER_PATH, reply(200, {"database": cluster(status="creating")}),
               reply(200, {"database": cluster()}))
    session.on("PUT", CLUSTER_PATH + "/maintenance", reply(204))
    result = engine.run()
    assert session.calls == ["GET /v2/databases", "POST /v2/databases", "GET " + CLUSTER_PATH, "GET " + CLUSTER_PATH,
                             "PUT %s/maintenance" % CLUSTER_PATH]
    assert writes(session) == [
        ("POST", "/v2/databases", {"name": "backend", "engine": "pg", "version": "16", "size": "db-s-1vcpu-1gb",
                                   "num_nodes": 1, "region": "nyc3", "tags": ["prod"], "project_id": PROJECT_ID}),
        ("PUT", CLUSTER_PATH + "/maintenance", {"day": "sunday", "hour": "03:00"}),
    ]
    assert clock.sleeps == [1.0]
    assert result["plan"]["action"] == "create"
    assert result["plan"]["changes"]["maintenance_window"] == {"before": None, "after": {"day": "sunday",
                                                                                         "hour": "03:00"},
                                                               "via": "create"}
    assert result["database_cluster"]["maintenance_window"] == {"day": "sunday", "hour": "03:00"}
    assert result["connection"]["password"] == "s3cr3t"
    assert result["private_connection"]["uri"].startswith("postgresql://doadmin:")


@pytest.mark.parametrize("check_mode", [False, True])
def test_create_needs_engine_size_nodes_and_region(check_mode):
    engine, session, _clock = task(check_mode=check_mode, engine="pg")
    session.on("GET", "/v2/databases", listing("databases"))
    with pytest.raises(PlanError, match="^size and num_nodes and region are required to create database cluster "
                                        "backend"):
        engine.run()
    assert session.mutating == []


def test_rerun_is_a_no_op_with_one_list():
    engine, session, _clock = task(maintenance_window={"day": "tuesday", "hour": "10:00"}, storage_size_mib=10240,
                                   **CREATE_OPTIONS)
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    result = engine.run()
    assert session.calls == ["GET /v2/databases"]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["id"] == CLUSTER_ID
    assert result["connection"]["password"] == "s3cr3t"


def test_size_and_nodes_change_with_one_resize_that_is_awaited():
    engine, session, clock = task(size="db-s-2vcpu-4gb", num_nodes=2)
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    session.on("PUT", CLUSTER_PATH + "/resize", reply(202))
    session.on("GET", CLUSTER_PATH, reply(200, {"database": cluster(status="resizing")}),
               reply(200, {"database": cluster(size="db-s-2vcpu-4gb", num_nodes=2)}))
    result = engine.run()
    assert session.calls == ["GET /v2/databases", "PUT %s/resize" % CLUSTER_PATH, "GET " + CLUSTER_PATH,
                             "GET " + CLUSTER_PATH]
    assert writes(session) == [("PUT", CLUSTER_PATH + "/resize", {"size": "db-s-2vcpu-4gb", "num_nodes": 2})]
    assert clock.sleeps == [1.0]
    assert result["plan"]["changes"] == {
        "size": {"before": "db-s-1vcpu-1gb", "after": "db-s-2vcpu-4gb", "via": "PUT:resize"},
        "num_nodes": {"before": 1, "after": 2, "via": "PUT:resize"}}
    assert result["database_cluster"]["num_nodes"] == 2


def test_storage_grows_with_the_current_size_and_nodes_in_the_resize():
    engine, session, _clock = task(storage_size_mib=20480)
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    session.on("PUT", CLUSTER_PATH + "/resize", reply(202))
    session.on("GET", CLUSTER_PATH, reply(200, {"database": cluster(storage=20480)}))
    engine.run()
    assert writes(session) == [("PUT", CLUSTER_PATH + "/resize", {"size": "db-s-1vcpu-1gb", "num_nodes": 1,
                                                                  "storage_size_mib": 20480})]


@pytest.mark.parametrize("check_mode", [False, True])
def test_storage_cannot_shrink(check_mode):
    engine, session, _clock = task(check_mode=check_mode, storage_size_mib=5120)
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    with pytest.raises(PlanError, match="^storage_size_mib of database_cluster backend \\(id %s\\) cannot shrink "
                                        "from 10240 to 5120" % CLUSTER_ID):
        engine.run()
    assert session.mutating == []


def test_region_changes_by_migration_and_the_window_by_its_own_put():
    engine, session, _clock = task(region="ams3", maintenance_window={"day": "sunday", "hour": "02:30"})
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    session.on("PUT", CLUSTER_PATH + "/maintenance", reply(204))
    session.on("PUT", CLUSTER_PATH + "/migrate", reply(202))
    session.on("GET", CLUSTER_PATH, reply(200, {"database": cluster(status="migrating", region="ams3")}),
               reply(200, {"database": cluster(region="ams3", window=("sunday", "02:30:00"))}))
    result = engine.run()
    assert writes(session) == [("PUT", CLUSTER_PATH + "/maintenance", {"day": "sunday", "hour": "02:30"}),
                               ("PUT", CLUSTER_PATH + "/migrate", {"region": "ams3"})]
    assert result["plan"]["changes"] == {
        "region": {"before": "nyc3", "after": "ams3", "via": "PUT:migrate"},
        "maintenance_window": {"before": {"day": "tuesday", "hour": "10:00"},
                               "after": {"day": "sunday", "hour": "02:30"}, "via": "PUT:maintenance"}}
    assert result["database_cluster"]["region"] == "ams3"


def test_tags_are_reconciled_as_database_resources():
    engine, session, _clock = task(tags=["prod", "pci"])
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    session.on("POST", "/v2/tags", reply(201, {}))
    session.on("POST", "/v2/tags/pci/resources", reply(204))
    session.on("GET", CLUSTER_PATH, reply(200, {"database": cluster(tags=("prod", "pci"))}))
    result = engine.run()
    reference = {"resources": [{"resource_id": CLUSTER_ID, "resource_type": "database"}]}
    assert writes(session) == [("POST", "/v2/tags", {"name": "pci"}), ("POST", "/v2/tags/pci/resources", reference)]
    assert result["plan"]["changes"] == {"tags": {"before": ["prod"], "after": ["pci", "prod"], "via": "tags"}}


def test_engine_never_changes_in_place():
    engine, session, _clock = task(engine="mysql")
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    with pytest.raises(PlanError, match="^engine cannot change in place on database_cluster backend"):
        engine.run()
    assert session.mutating == []


def test_version_never_goes_down():
    # Upgrades are covered in test_spec_database_cluster_options.py.
    engine, session, _clock = task(version="15")
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    with pytest.raises(PlanError, match="^version of database_cluster backend .* can only be upgraded: it is 16 "
                                        "and the task asks for 15"):
        engine.run()
    assert session.mutating == []


def test_delete_waits_until_the_cluster_is_gone():
    engine, session, clock = task(state="absent")
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    session.on("DELETE", CLUSTER_PATH, reply(204))
    session.on("GET", CLUSTER_PATH, reply(200, {"database": cluster()}), error(404, "not_found"))
    result = engine.run()
    assert session.calls == ["GET /v2/databases", "DELETE " + CLUSTER_PATH, "GET " + CLUSTER_PATH,
                             "GET " + CLUSTER_PATH]
    assert clock.sleeps == [1.0]
    assert result["plan"]["action"] == "delete"
    assert result["database_cluster"] == {} and result["connection"] == {}


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/databases", listing("databases"))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


@pytest.mark.parametrize("options, message", [
    (dict(num_nodes=4), "^num_nodes must be between 1 and 3"),
    (dict(storage_size_mib=0), "^storage_size_mib must be a positive number"),
    (dict(maintenance_window={"day": "someday", "hour": "03:00"}), "^maintenance_window.day must be one of"),
    (dict(maintenance_window={"day": "sunday", "hour": "25:00"}), "^maintenance_window.hour must be HH:MM"),
    (dict(project_id="my-project"), "^project_id must be a UUID"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _missing(session):
    session.on("GET", "/v2/databases", listing("databases"))
    session.on("POST", "/v2/databases", reply(201, {"database": cluster()}))
    session.on("PUT", CLUSTER_PATH + "/maintenance", reply(204))


def _existing(session):
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    session.on("PUT", CLUSTER_PATH + "/resize", reply(202))
    session.on("PUT", CLUSTER_PATH + "/maintenance", reply(204))
    # The resized cluster, until it is deleted.
    session.on("GET", CLUSTER_PATH, lambda request: error(404, "not_found") if session.sent("DELETE") else reply(
        200, {"database": cluster(num_nodes=2)}))
    session.on("DELETE", CLUSTER_PATH, reply(204))


WINDOW = {"day": "sunday", "hour": "03:00"}


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(CREATE_OPTIONS, maintenance_window=WINDOW), "create"),
    (_existing, dict(num_nodes=2, maintenance_window=WINDOW), "update"),
    (_existing, dict(num_nodes=1, size="db-s-1vcpu-1gb"), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(DATABASE_CLUSTER, "database_cluster", script,
                                                                  name="backend", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
