# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The objects inside a database cluster (DATABASE_DB, DATABASE_USER, DATABASE_CONNECTION_POOL in
specs/database.py) through the engine: the cluster is resolved first, by cluster_id (one GET) or
cluster_name (one list); a child is read by name with one GET; state: absent under a cluster that is
gone has nothing to do. Users reset their password through POST .../reset_auth; a pool changes with
a PUT that carries mode, size and db."""

from __future__ import annotations

import pytest

from fakes import check_then_run, error, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ParentGone
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    DATABASE_CONNECTION_POOL,
    DATABASE_DB,
    DATABASE_USER,
)

CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"
CLUSTER_PATH = "/v2/databases/" + CLUSTER_ID
DBS = CLUSTER_PATH + "/dbs"
USERS = CLUSTER_PATH + "/users"
POOLS = CLUSTER_PATH + "/pools"


def cluster(cluster_id=CLUSTER_ID, name="backend", engine="pg"):
    return {"id": cluster_id, "name": name, "engine": engine, "status": "online", "region": "nyc3"}


def user(name="app", plugin=None):
    found = {"name": name, "role": "normal", "password": "old-pa55"}
    if plugin:
        found["mysql_settings"] = {"auth_plugin": plugin}
    return found


def pool(size=10, user_name="app", mode="transaction"):
    found = {"name": "app-pool", "mode": mode, "size": size, "db": "app",
             "connection": {"uri": "postgresql://app:pa55@host:25061/app-pool"}}
    if user_name:
        found["user"] = user_name
    return found


def child(spec, module, check_mode=False, warn=None, **options):
    if "cluster_name" not in options:
        options.setdefault("cluster_id", CLUSTER_ID)
    return module_engine(spec, module, check_mode=check_mode, warn=warn, **options)


def with_cluster(session, found=None):
    session.on("GET", CLUSTER_PATH, reply(200, {"database": found or cluster()}))


# -- the cluster -------------------------------------------------------------------------------------


def test_the_cluster_is_read_by_id_with_one_get():
    engine, session, _clock = child(DATABASE_DB, "database_db", name="app")
    with_cluster(session)
    session.on("GET", DBS + "/app", reply(200, {"db": {"name": "app"}}))
    result = engine.run()
    assert session.calls == ["GET " + CLUSTER_PATH, "GET %s/app" % DBS]
    assert result["changed"] is False
    assert result["cluster_id"] == CLUSTER_ID


def test_the_cluster_is_found_by_name_with_one_list():
    engine, session, _clock = child(DATABASE_DB, "database_db", cluster_name="backend", name="app")
    session.on("GET", "/v2/databases", listing("databases", cluster("other-id", "backend-2"), cluster()))
    session.on("GET", DBS + "/app", reply(200, {"db": {"name": "app"}}))
    result = engine.run()
    assert session.calls == ["GET /v2/databases", "GET %s/app" % DBS]
    assert session.requests[0].params == {"per_page": 200}
    assert result["cluster_id"] == CLUSTER_ID


def test_two_clusters_of_the_name_is_an_error_listing_their_ids():
    engine, session, _clock = child(DATABASE_DB, "database_db", cluster_name="backend", name="app")
    session.on("GET", "/v2/databases", listing("databases", cluster("id-1"), cluster("id-2")))
    with pytest.raises(PlanError, match="^2 database clusters are named backend: ids id-1, id-2. Give cluster_id"):
        engine.run()
    assert session.mutating == []


@pytest.mark.parametrize("spec, module, options", [
    (DATABASE_DB, "database_db", {}),
    (DATABASE_USER, "database_user", {}),
    (DATABASE_CONNECTION_POOL, "database_connection_pool", {"mode": "session", "size": 5, "db": "app"}),
])
@pytest.mark.parametrize("cluster_option", ["cluster_id", "cluster_name"])
def test_absent_under_a_cluster_that_is_gone_is_a_no_op(spec, module, options, cluster_option):
    reference = {"cluster_id": CLUSTER_ID, "cluster_name": "backend"}[cluster_option]
    engine, session, _clock = child(spec, module, name="app-pool", state="absent", **dict(options, **{
        cluster_option: reference}))
    session.on("GET", CLUSTER_PATH, error(404, "not_found"))
    session.on("GET", "/v2/databases", listing("databases", cluster("other-id", "frontend")))
    result = engine.run()
    assert len(session.requests) == 1 and session.mutating == []
    assert result["changed"] is False
    assert result["plan"]["action"] == "none"
    assert result[spec.kind] == {}


def test_present_under_a_cluster_that_is_gone_fails_and_check_mode_plans_it_as_new():
    engine, session, _clock = child(DATABASE_DB, "database_db", name="app")
    session.on("GET", CLUSTER_PATH, error(404, "not_found"))
    with pytest.raises(ParentGone, match="^database cluster with cluster_id %s does not exist" % CLUSTER_ID):
        engine.run()

    warnings = []
    engine, session, _clock = child(DATABASE_DB, "database_db", check_mode=True, warn=warnings.append,
                                    cluster_name="backend", name="app")
    session.on("GET", "/v2/databases", listing("databases"))
    result = engine.run()
    assert result["plan"]["action"] == "create"
    assert warnings == ["no database cluster is named backend (cluster_name); the database is planned as new, as an earlier task may create what it belongs to"]
    assert session.mutating == []


# -- databases ---------------------------------------------------------------------------------------


def test_db_create_posts_the_name_under_the_cluster():
    engine, session, _clock = child(DATABASE_DB, "database_db", name="app")
    with_cluster(session)
    session.on("GET", DBS + "/app", error(404, "not_found"))
    session.on("POST", DBS, reply(201, {"db": {"name": "app"}}))
    result = engine.run()
    assert writes(session) == [("POST", DBS, {"name": "app"})]
    assert result["plan"] == {"action": "create", "resource": "database_db", "identity": {"name": "app"}, "id": None,
                              "changes": {"name": {"before": None, "after": "app", "via": "create"}}}
    assert result["database_db"] == {"name": "app"} and result["cluster_id"] == CLUSTER_ID


def test_db_delete_and_absent_when_missing():
    engine, session, _clock = child(DATABASE_DB, "database_db", name="app", state="absent")
    with_cluster(session)
    session.on("GET", DBS + "/app", reply(200, {"db": {"name": "app"}}))
    session.on("DELETE", DBS + "/app", reply(204))
    assert engine.run()["plan"]["action"] == "delete"
    assert writes(session) == [("DELETE", DBS + "/app", None)]

    engine, session, _clock = child(DATABASE_DB, "database_db", name="app", state="absent")
    with_cluster(session)
    session.on("GET", DBS + "/app", error(404, "not_found"))
    assert engine.run()["changed"] is False
    assert session.mutating == []


@pytest.mark.parametrize("spec, module", [(DATABASE_DB, "database_db"), (DATABASE_USER, "database_user")])
def test_a_bad_object_name_fails_before_any_request(spec, module):
    engine, session, _clock = child(spec, module, name=".hidden")
    with pytest.raises(PlanError, match="^name must be a (database|user) name of letters"):
        engine.run()
    assert session.requests == []


# -- users -------------------------------------------------------------------------------------------


def test_user_create_posts_the_name_and_never_resets_a_new_password():
    engine, session, _clock = child(DATABASE_USER, "database_user", name="app", reset_password=True)
    with_cluster(session)
    session.on("GET", USERS + "/app", error(404, "not_found"))
    session.on("POST", USERS, reply(201, {"user": user()}))
    result = engine.run()
    assert writes(session) == [("POST", USERS, {"name": "app"})]
    assert result["plan"]["changes"] == {"name": {"before": None, "after": "app", "via": "create"}}


def test_mysql_user_create_sends_the_auth_plugin():
    engine, session, _clock = child(DATABASE_USER, "database_user", name="app", mysql_auth_plugin="mysql_native_password")
    with_cluster(session, cluster(engine="mysql"))
    session.on("GET", USERS + "/app", error(404, "not_found"))
    session.on("POST", USERS, reply(201, {"user": user(plugin="mysql_native_password")}))
    engine.run()
    assert writes(session) == [("POST", USERS, {"name": "app",
                                                "mysql_settings": {"auth_plugin": "mysql_native_password"}})]


def test_user_rerun_is_a_no_op():
    engine, session, _clock = child(DATABASE_USER, "database_user", name="app")
    with_cluster(session)
    session.on("GET", USERS + "/app", reply(200, {"user": user()}))
    result = engine.run()
    assert session.calls == ["GET " + CLUSTER_PATH, "GET %s/app" % USERS]
    assert result["changed"] is False


def test_reset_password_posts_reset_auth_and_reads_the_user_again():
    engine, session, _clock = child(DATABASE_USER, "database_user", name="app", reset_password=True)
    with_cluster(session)
    session.on("GET", USERS + "/app", reply(200, {"user": user()}),
               reply(200, {"user": dict(user(), password="new-pa55")}))
    session.on("POST", USERS + "/app/reset_auth", reply(200, {"user": dict(user(), password="new-pa55")}))
    result = engine.run()
    assert session.calls == ["GET " + CLUSTER_PATH, "GET %s/app" % USERS, "POST %s/app/reset_auth" % USERS,
                             "GET %s/app" % USERS]
    assert writes(session) == [("POST", USERS + "/app/reset_auth", {})]
    assert result["changed"] is True
    assert result["plan"]["changes"] == {"password": {"before": SENSITIVE, "after": SENSITIVE,
                                                      "via": "POST:reset_auth"}}
    assert "pa55" not in repr(result["plan"]) + repr(result["diff"])
    assert result["database_user"]["password"] == "new-pa55"


def test_a_new_auth_plugin_and_a_reset_are_one_reset_auth():
    engine, session, _clock = child(DATABASE_USER, "database_user", name="app", reset_password=True,
                                    mysql_auth_plugin="mysql_native_password")
    with_cluster(session, cluster(engine="mysql"))
    session.on("GET", USERS + "/app", reply(200, {"user": user(plugin="caching_sha2_password")}))
    session.on("POST", USERS + "/app/reset_auth", reply(200, {}))
    result = engine.run()
    assert writes(session) == [("POST", USERS + "/app/reset_auth",
                                {"mysql_settings": {"auth_plugin": "mysql_native_password"}})]
    assert set(result["plan"]["changes"]) == {"password", "mysql_auth_plugin"}
    assert result["plan"]["changes"]["mysql_auth_plugin"] == {
        "before": "caching_sha2_password", "after": "mysql_native_password", "via": "POST:reset_auth"}


@pytest.mark.parametrize("check_mode", [False, True])
def test_the_auth_plugin_is_for_mysql_clusters_only(check_mode):
    engine, session, _clock = child(DATABASE_USER, "database_user", check_mode=check_mode, name="app",
                                    mysql_auth_plugin="mysql_native_password")
    with_cluster(session)
    session.on("GET", USERS + "/app", error(404, "not_found"))
    with pytest.raises(PlanError, match="^mysql_auth_plugin applies to MySQL clusters only; backend is a pg cluster"):
        engine.run()
    assert session.mutating == []


# -- connection pools ----------------------------------------------------------------------------------


def test_pool_create_posts_every_field():
    engine, session, _clock = child(DATABASE_CONNECTION_POOL, "database_connection_pool", name="app-pool",
                                    mode="transaction", size=10, db="app", user="app")
    with_cluster(session)
    session.on("GET", POOLS + "/app-pool", error(404, "not_found"))
    session.on("POST", POOLS, reply(201, {"pool": pool()}))
    result = engine.run()
    assert writes(session) == [("POST", POOLS, {"name": "app-pool", "mode": "transaction", "size": 10, "db": "app",
                                                "user": "app"})]
    assert result["database_connection_pool"]["connection"]["uri"].startswith("postgresql://")


@pytest.mark.parametrize("check_mode", [False, True])
def test_pool_create_needs_mode_size_and_db(check_mode):
    engine, session, _clock = child(DATABASE_CONNECTION_POOL, "database_connection_pool", check_mode=check_mode,
                                    name="app-pool", size=10)
    with_cluster(session)
    session.on("GET", POOLS + "/app-pool", error(404, "not_found"))
    with pytest.raises(PlanError, match="^mode and db are required to create connection pool app-pool"):
        engine.run()
    assert session.mutating == []


def test_pool_rerun_is_a_no_op():
    engine, session, _clock = child(DATABASE_CONNECTION_POOL, "database_connection_pool", name="app-pool",
                                    mode="transaction", size=10, db="app", user="app")
    with_cluster(session)
    session.on("GET", POOLS + "/app-pool", reply(200, {"pool": pool()}))
    result = engine.run()
    assert session.calls == ["GET " + CLUSTER_PATH, "GET %s/app-pool" % POOLS]
    assert result["changed"] is False
    assert result["plan"] == {"action": "none", "resource": "database_connection_pool",
                              "identity": {"name": "app-pool"}, "id": "app-pool", "changes": {}}


def test_pool_put_carries_mode_size_db_and_the_current_user():
    engine, session, _clock = child(DATABASE_CONNECTION_POOL, "database_connection_pool", name="app-pool", size=20)
    with_cluster(session)
    session.on("GET", POOLS + "/app-pool", reply(200, {"pool": pool()}), reply(200, {"pool": pool(size=20)}))
    session.on("PUT", POOLS + "/app-pool", reply(204))
    result = engine.run()
    assert session.calls == ["GET " + CLUSTER_PATH, "GET %s/app-pool" % POOLS, "PUT %s/app-pool" % POOLS,
                             "GET %s/app-pool" % POOLS]
    assert writes(session) == [("PUT", POOLS + "/app-pool", {"mode": "transaction", "size": 20, "db": "app",
                                                             "user": "app"})]
    assert result["plan"]["changes"] == {"size": {"before": 10, "after": 20, "via": "PUT"}}
    assert result["database_connection_pool"]["size"] == 20


def test_pool_put_of_a_pool_without_user_leaves_the_user_out():
    engine, session, _clock = child(DATABASE_CONNECTION_POOL, "database_connection_pool", name="app-pool",
                                    mode="session")
    with_cluster(session)
    session.on("GET", POOLS + "/app-pool", reply(200, {"pool": pool(user_name=None)}))
    session.on("PUT", POOLS + "/app-pool", reply(204))
    engine.run()
    assert writes(session) == [("PUT", POOLS + "/app-pool", {"mode": "session", "size": 10, "db": "app"})]


@pytest.mark.parametrize("options, message", [
    (dict(name="ab"), "^name of a connection pool must be 3 to 60 characters"),
    (dict(name="app-pool", size=0), "^size must be at least 1 connection"),
])
def test_bad_pool_options_fail_before_any_request(options, message):
    engine, session, _clock = child(DATABASE_CONNECTION_POOL, "database_connection_pool", **options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def test_pool_delete():
    engine, session, _clock = child(DATABASE_CONNECTION_POOL, "database_connection_pool", name="app-pool",
                                    state="absent")
    with_cluster(session)
    session.on("GET", POOLS + "/app-pool", reply(200, {"pool": pool()}))
    session.on("DELETE", POOLS + "/app-pool", reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", POOLS + "/app-pool", None)]
    assert result["plan"]["action"] == "delete" and result["plan"]["id"] == "app-pool"


# -- check mode ----------------------------------------------------------------------------------------


def _pool_missing(session):
    with_cluster(session)
    session.on("GET", POOLS + "/app-pool", error(404, "not_found"))
    session.on("POST", POOLS, reply(201, {"pool": pool()}))


def _pool_existing(session):
    with_cluster(session)
    session.on("GET", POOLS + "/app-pool", reply(200, {"pool": pool()}))
    session.on("PUT", POOLS + "/app-pool", reply(204))
    session.on("DELETE", POOLS + "/app-pool", reply(204))


def _user_existing(session):
    with_cluster(session)
    session.on("GET", USERS + "/app", reply(200, {"user": user()}))
    session.on("POST", USERS + "/app/reset_auth", reply(200, {}))
    session.on("DELETE", USERS + "/app", reply(204))


POOL = dict(name="app-pool", mode="transaction", size=10, db="app")


@pytest.mark.parametrize("spec, module, script, options, action", [
    (DATABASE_CONNECTION_POOL, "database_connection_pool", _pool_missing, POOL, "create"),
    (DATABASE_CONNECTION_POOL, "database_connection_pool", _pool_existing, dict(POOL, size=25), "update"),
    (DATABASE_CONNECTION_POOL, "database_connection_pool", _pool_existing, POOL, "none"),
    (DATABASE_CONNECTION_POOL, "database_connection_pool", _pool_existing, dict(name="app-pool", state="absent"),
     "delete"),
    (DATABASE_USER, "database_user", _user_existing, dict(name="app", reset_password=True), "update"),
    (DATABASE_USER, "database_user", _user_existing, dict(name="app", state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(spec, module, script, options, action):
    predicted, check_session, done, real_session = check_then_run(spec, module, script, cluster_id=CLUSTER_ID,
                                                                  **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
