"""Read-only replicas of PostgreSQL and MySQL clusters: /v2/databases/{id}/replicas[/{name}[/promote]].

A replica is ``forking`` for as long as a new cluster is ``creating``, then ``online``. Its size
must be at least the cluster's, its name free among clusters and replicas; it has connection
details of its own (host ``replica-<name>-...``, the cluster's primary user). There is no request
that changes a replica (the spec has none). Promoting an online replica makes it a cluster of its
own with the same id and name, online at once, holding the cluster's databases and users; the
promotion is an event of the new cluster. Deleting a cluster deletes its replicas.
"""
from tests.simulator import catalog
from tests.simulator.resources import databases
from tests.simulator.routing import on, route
from tests.simulator.state import iso, new_uuid, not_found, unprocessable

REPLICA_ENGINES = ("pg", "mysql")


def _connection(db, replica, prefix=""):
    admin = databases._primary(db)
    _versions, _default, port, scheme = databases.ENGINES[db["engine"]]
    host = "%sreplica-%s-do-user-%d-0.db.ondigitalocean.com" % (prefix, replica["name"], db["account"])
    default = "defaultdb" if "defaultdb" in db["dbs"] else ""
    uri = "%s://%s:%s@%s:%d/%s?sslmode=require" % (scheme, admin["name"], admin["password"], host, port, default)
    return {"uri": uri, "database": default, "host": host, "port": port, "user": admin["name"],
            "password": admin["password"], "ssl": True}


def render(ctx, db, replica):
    return {
        "id": replica["id"], "name": replica["name"], "region": replica["region"], "size": replica["size"],
        "status": "forking" if ctx.now < replica["online_at"] else "online",
        "tags": list(replica["tags"]), "created_at": replica["created_at"],
        "private_network_uuid": replica["private_network_uuid"], "storage_size_mib": replica["storage_size_mib"],
        "connection": _connection(db, replica), "private_connection": _connection(db, replica, "private-"),
    }


def _replica_or_404(db, name):
    replica = db["replicas"].get(name)
    if replica is None:
        raise not_found()
    return replica


def _cluster(ctx, cluster_id):
    db = databases.get_cluster_or_404(ctx, cluster_id)
    databases.require_engine(db, REPLICA_ENGINES, "read-only replicas")
    return db


@on("database.created")
def _no_replicas(ctx, db):
    db.setdefault("replicas", {})


@route("GET", "/v2/databases/{database_cluster_uuid}/replicas")
def list_replicas(ctx, database_cluster_uuid):
    db = _cluster(ctx, database_cluster_uuid)
    return 200, {"replicas": [render(ctx, db, replica) for replica in db["replicas"].values()]}


@route("POST", "/v2/databases/{database_cluster_uuid}/replicas")
def create_replica(ctx, database_cluster_uuid):
    db = _cluster(ctx, database_cluster_uuid)
    body = ctx.json_body()
    name, size = body["name"], body["size"]
    databases.require_online(ctx, db, "add a replica")
    if not databases.CLUSTER_NAME_RE.match(name):
        raise unprocessable("name must be 3-63 characters of lowercase letters, numbers and dashes, starting with a "
                            "letter")
    databases.check_free_name(ctx, name)
    if any(name in other["replicas"] for other in ctx.coll(databases.KIND).values()):
        raise unprocessable("a read-only replica named %r already exists" % name)
    if size not in databases.SIZES:
        raise unprocessable("invalid size %r: not a database cluster size slug" % (size,))
    if databases.SIZES[size] < databases.SIZES[db["size"]]:
        raise unprocessable("size: a replica must be at least as large as its cluster (%s)" % db["size"])
    region = body.get("region") or db["region"]
    if region not in catalog.REGIONS:
        raise unprocessable("region %r is not available" % (region,))
    create_seconds = ctx.config.get("database_create_seconds")
    seconds = ctx.config["boot_seconds"] if create_seconds is None else create_seconds
    replica = {
        "id": new_uuid(), "name": name, "region": region, "size": size, "tags": list(body.get("tags") or []),
        "created_at": iso(ctx.now), "online_at": ctx.now + float(seconds),
        "private_network_uuid": body.get("private_network_uuid") or db["private_network_uuid"],
        "storage_size_mib": body.get("storage_size_mib") or databases.SIZES[size] * 10240,
    }
    db["replicas"][name] = replica
    return 201, {"replica": render(ctx, db, replica)}


@route("GET", "/v2/databases/{database_cluster_uuid}/replicas/{replica_name}")
def get_replica(ctx, database_cluster_uuid, replica_name):
    db = _cluster(ctx, database_cluster_uuid)
    return 200, {"replica": render(ctx, db, _replica_or_404(db, replica_name))}


@route("DELETE", "/v2/databases/{database_cluster_uuid}/replicas/{replica_name}")
def delete_replica(ctx, database_cluster_uuid, replica_name):
    db = _cluster(ctx, database_cluster_uuid)
    del db["replicas"][_replica_or_404(db, replica_name)["name"]]
    return 204, None


@route("PUT", "/v2/databases/{database_cluster_uuid}/replicas/{replica_name}/promote")
def promote_replica(ctx, database_cluster_uuid, replica_name):
    db = _cluster(ctx, database_cluster_uuid)
    replica = _replica_or_404(db, replica_name)
    if ctx.now < replica["online_at"]:
        raise unprocessable("cannot promote the replica while it is forking")
    promoted = databases.new_record(ctx, replica["name"], db["engine"], db["version"], replica["size"], 1,
                                    replica["region"], private_network_uuid=replica["private_network_uuid"],
                                    storage_size_mib=replica["storage_size_mib"], record_id=replica["id"])
    promoted["tags"] = list(replica["tags"])
    promoted["dbs"] = {name: dict(item) for name, item in db["dbs"].items()}
    promoted["users"] = {name: dict(user) for name, user in db["users"].items()}
    promoted["config"] = dict(db.get("config") or {})
    del db["replicas"][replica["name"]]
    databases.add_cluster(ctx, promoted)
    databases.record_event(ctx, promoted, "cluster_master_promotion")
    return 204, None
