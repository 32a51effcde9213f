"""Online migrations into MySQL, PostgreSQL, Caching and Valkey clusters:
/v2/databases/{id}/online-migration and DELETE .../online-migration/{migration_id}.

GET answers the cluster's latest migration (404 when it never had one). A migration is
``running`` for ``action_seconds`` (the copy), then ``syncing`` until it is stopped, which makes it
``canceled``. A source whose host ends in ``.invalid`` cannot be reached: the migration ends in
``error`` instead of syncing. A second migration while one is running or syncing is 422. The
source, and its password, are never returned.
"""
from tests.simulator.resources import databases
from tests.simulator.routing import on, route
from tests.simulator.state import iso, new_uuid, not_found, unprocessable

MIGRATION_ENGINES = ("pg", "mysql", "redis", "valkey")


def status_of(ctx, migration):
    if migration["stopped"]:
        return "canceled"
    if ctx.now < migration["copied_at"]:
        return "running"
    return "error" if migration["source"]["host"].endswith(".invalid") else "syncing"


def render(ctx, migration):
    return {"id": migration["id"], "status": status_of(ctx, migration), "created_at": migration["created_at"]}


def _cluster(ctx, cluster_id):
    db = databases.get_cluster_or_404(ctx, cluster_id)
    databases.require_engine(db, MIGRATION_ENGINES, "online migration")
    return db


@on("database.created")
def _no_migration(ctx, db):
    db.setdefault("migration", None)


@route("GET", "/v2/databases/{database_cluster_uuid}/online-migration")
def get_migration(ctx, database_cluster_uuid):
    db = _cluster(ctx, database_cluster_uuid)
    if db["migration"] is None:
        raise not_found()
    return 200, render(ctx, db["migration"])


@route("PUT", "/v2/databases/{database_cluster_uuid}/online-migration")
def start_migration(ctx, database_cluster_uuid):
    db = _cluster(ctx, database_cluster_uuid)
    body = ctx.json_body()
    databases.require_online(ctx, db, "start an online migration")
    current = db["migration"]
    if current is not None and status_of(ctx, current) in ("running", "syncing"):
        raise unprocessable("an online migration is already %s" % status_of(ctx, current))
    source = body["source"]
    if not source.get("host") or not source.get("port"):
        raise unprocessable("source: host and port are required")
    db["migration"] = {"id": new_uuid(), "created_at": iso(ctx.now), "source": dict(source),
                       "copied_at": ctx.now + ctx.config["action_seconds"], "stopped": False,
                       "ignore_dbs": list(body.get("ignore_dbs") or []), "disable_ssl": bool(body.get("disable_ssl"))}
    return 200, render(ctx, db["migration"])


@route("DELETE", "/v2/databases/{database_cluster_uuid}/online-migration/{migration_id}")
def stop_migration(ctx, database_cluster_uuid, migration_id):
    db = _cluster(ctx, database_cluster_uuid)
    current = db["migration"]
    if current is None or current["id"] != migration_id:
        raise not_found()
    if status_of(ctx, current) not in ("running", "syncing"):
        raise unprocessable("the online migration is %s" % status_of(ctx, current))
    current["stopped"] = True
    return 204, None
