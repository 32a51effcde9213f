"""Managed databases: clusters and what lives inside them.

* /v2/databases (list with ?tag_name=, create), /v2/databases/{database_cluster_uuid}
  (get, delete)
* .../resize, .../migrate (status ``resizing``/``migrating`` for ``action_seconds``, then
  ``online``), .../maintenance
* .../firewall (trusted sources, replaced as a whole by PUT)
* .../dbs, .../users (+ reset_auth), .../pools

A new cluster is ``creating`` for ``boot_seconds``; statuses are computed from timestamps on
read. Every cluster starts with the database ``defaultdb`` and the primary user ``doadmin``.
Clusters can be tagged through /v2/tags/{tag_id}/resources with resource_type ``database``.

Realism knobs: ``database_create_seconds`` (how long a new cluster is ``creating``; null: as
long as ``boot_seconds``), ``database_transition_delay_seconds`` (``resizing``/``migrating``
start that long after the request: a GET right after still says ``online``; a second change
in between is refused like one during the transition), ``consistency_seconds`` (a new cluster
is missing from GET and the list for a while: Terraform's database wait skips 404s) and
``null_empty_lists`` (``tags`` is ``null`` when empty).
"""
import ipaddress
import re
import secrets
import string

from tests.simulator import catalog, realism
from tests.simulator.resources import tags as tags_mod
from tests.simulator.routing import emit, on, route
from tests.simulator.state import iso, new_uuid, not_found, unprocessable

KIND = "database_clusters"
DEFAULT_PROJECT = "b1c2d3e4-0000-4000-8000-00000000d0c5"

# engine -> (versions, default version, port, uri scheme, supports dbs/users/pools)
ENGINES = {
    "pg": (["13", "14", "15", "16", "17"], "17", 25060, "postgresql"),
    "mysql": (["8"], "8", 25060, "mysql"),
    "valkey": (["8"], "8", 25061, "rediss"),
    "mongodb": (["6.0", "7.0", "8.0"], "7.0", 27017, "mongodb+srv"),
    "kafka": (["3.7", "3.8"], "3.8", 25073, "kafka"),
    "opensearch": (["2"], "2", 25060, "https"),
}
NO_DATABASES = ("valkey", "kafka", "opensearch")
NO_USERS = ("valkey",)
# size slug -> memory in GiB (connection pools: 25 backend connections per GiB, 3 reserved)
SIZES = {
    "db-s-1vcpu-1gb": 1, "db-s-1vcpu-2gb": 2, "db-s-2vcpu-4gb": 4, "db-s-4vcpu-8gb": 8,
    "db-s-6vcpu-16gb": 16, "db-s-8vcpu-32gb": 32, "gd-2vcpu-8gb": 8, "gd-4vcpu-16gb": 16,
    "so1_5-2vcpu-16gb": 16,
}
MAX_NODES = 3
MAX_RULES = 100
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CLUSTER_NAME_RE = re.compile(r"^[a-z][a-z0-9-]{1,61}[a-z0-9]$")
OBJECT_NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,62}$")
HOUR_RE = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])(:([0-5][0-9]))?$")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
POOL_MODES = ("session", "transaction", "statement")


def _password():
    alphabet = string.ascii_letters + string.digits
    return "AVNS_" + "".join(secrets.choice(alphabet) for _position in range(20))


# ----------------------------------------------------------------- rendering
def status_of(ctx, db):
    if ctx.now < db.get("busy_from", 0.0):
        return "online"                 # the change was accepted, it has not started yet
    if ctx.now < db["busy_until"]:
        return db["busy_status"]
    if db.get("stuck") and (ctx.sim.faults or {}).get("database_stuck"):
        return db["busy_status"]        # started while the fault was set: stays until it clears
    return "online"


def _host(db, prefix=""):
    return "%s%s-do-user-%d-0.db.ondigitalocean.com" % (prefix, db["name"], db["account"])


def _connection(db, user, password, database, prefix=""):
    _versions, _default_version, port, scheme = ENGINES[db["engine"]]
    host = _host(db, prefix)
    uri = "%s://%s:%s@%s:%d/%s?sslmode=require" % (scheme, user, password, host, port, database)
    return {"uri": uri, "database": database, "host": host, "port": port, "user": user,
            "password": password, "ssl": True}


def _primary(db):
    for user in db["users"].values():
        if user["role"] == "primary":
            return user
    return {"name": "doadmin", "password": ""}


def render_user(db, user):
    out = {"name": user["name"], "role": user["role"], "password": user["password"]}
    if db["engine"] == "mysql":
        out["mysql_settings"] = {"auth_plugin": user["auth_plugin"]}
    return out


def render_rule(db, rule):
    return {"uuid": rule["uuid"], "cluster_uuid": db["id"], "type": rule["type"],
            "value": rule["value"], "created_at": rule["created_at"]}


def render_db(ctx, db):
    admin = _primary(db)
    default = "defaultdb" if "defaultdb" in db["dbs"] else ""
    return {
        "id": db["id"],
        "name": db["name"],
        "engine": db["engine"],
        "version": db["version"],
        "semantic_version": db["version"] + ".2",
        "num_nodes": db["num_nodes"],
        "size": db["size"],
        "region": db["region"],
        "status": status_of(ctx, db),
        "created_at": db["created_at"],
        "private_network_uuid": db["private_network_uuid"],
        "project_id": db["project_id"],
        "tags": list(db["tags"]) if db["tags"] or not realism.enabled(ctx, "null_empty_lists")
        else None,
        "db_names": list(db["dbs"]) if db["engine"] not in NO_DATABASES else None,
        "connection": _connection(db, admin["name"], admin["password"], default),
        "private_connection": _connection(db, admin["name"], admin["password"], default,
                                          prefix="private-"),
        "users": [render_user(db, u) for u in db["users"].values()]
        if db["engine"] not in NO_USERS else None,
        "maintenance_window": dict(db["maintenance_window"]),
        "storage_size_mib": db["storage_size_mib"],
        "rules": [render_rule(db, r) for r in db["rules"]],
        "version_end_of_life": "",
        "version_end_of_availability": "",
    }


def render_pool(db, pool):
    user = db["users"].get(pool["user"]) if pool["user"] else _primary(db)
    login = user["name"] if user else pool["user"]
    password = user["password"] if user else ""
    return {
        "name": pool["name"], "mode": pool["mode"], "size": pool["size"], "db": pool["db"],
        "user": pool["user"],
        "connection": _connection(db, login, password, pool["name"]),
        "private_connection": _connection(db, login, password, pool["name"], prefix="private-"),
    }


# ------------------------------------------------------------------- helpers
def get_cluster_or_404(ctx, cluster_id):
    db = ctx.coll(KIND).get(cluster_id)
    if db is None:
        raise not_found()
    return realism.check_visible(ctx, db)


def require_online(ctx, db, doing):
    status = status_of(ctx, db)
    if status == "online" and ctx.now < db.get("busy_from", 0.0):
        status = db["busy_status"]      # a change that has not started yet
    if status != "online":
        raise unprocessable("cannot %s while the database cluster is %s" % (doing, status))


def _busy(ctx, db, status, seconds, delay=0.0):
    db["busy_status"] = status
    db["busy_from"] = ctx.now + float(delay)
    db["busy_until"] = db["busy_from"] + float(seconds)
    db["stuck"] = bool((ctx.sim.faults or {}).get("database_stuck"))


def _check_size(size, num_nodes, storage_size_mib=None):
    if size not in SIZES:
        raise unprocessable("invalid size %r: not a database cluster size slug" % (size,))
    if not isinstance(num_nodes, int) or not 1 <= num_nodes <= MAX_NODES:
        raise unprocessable("num_nodes must be between 1 and %d" % MAX_NODES)
    if size == "db-s-1vcpu-1gb" and num_nodes > 1:
        raise unprocessable("the size db-s-1vcpu-1gb supports only 1 node")
    if storage_size_mib is not None and storage_size_mib < SIZES[size] * 10240:
        raise unprocessable("storage_size_mib must be at least %d for size %s"
                            % (SIZES[size] * 10240, size))


# ------------------------------------------------------------------ clusters
@route("GET", "/v2/databases")
def list_clusters(ctx):
    items, _total = realism.listable(ctx, KIND, list(ctx.coll(KIND).values()))
    tag = ctx.query.get("tag_name")
    if tag:
        tag = tags_mod.filter_name(ctx, tag)
        items = [db for db in items if tag in db["tags"]]
    # The databases list is not paginated by the API: everything in one answer.
    return 200, {"databases": [render_db(ctx, db) for db in items]}


@route("POST", "/v2/databases")
def create_cluster(ctx):
    body = ctx.json_body()
    name, engine = body["name"], body["engine"]
    if engine not in ENGINES:
        if engine == "redis":
            raise unprocessable("Caching cluster creates are no longer supported: use valkey")
        raise unprocessable("engine %r is not available" % (engine,))
    if not CLUSTER_NAME_RE.match(name):
        raise unprocessable("name must be 3-63 characters of lowercase letters, numbers and "
                            "dashes, starting with a letter")
    for other in ctx.coll(KIND).values():
        if other["name"] == name:
            raise unprocessable("a database cluster named %r already exists" % name)
    versions, default_version, _port, _scheme = ENGINES[engine]
    version = body.get("version") or default_version
    if version not in versions:
        raise unprocessable("version %r is not available for %s (available: %s)"
                            % (version, engine, ", ".join(versions)))
    if body["region"] not in catalog.REGIONS:
        raise unprocessable("region %r is not available" % (body["region"],))
    _check_size(body["size"], body["num_nodes"], body.get("storage_size_mib"))
    db = {
        "id": new_uuid(),
        "name": name,
        "engine": engine,
        "version": version,
        "num_nodes": body["num_nodes"],
        "size": body["size"],
        "region": body["region"],
        "created_at": iso(ctx.now),
        "private_network_uuid": body.get("private_network_uuid") or new_uuid(),
        "project_id": body.get("project_id") or DEFAULT_PROJECT,
        "tags": [],
        "account": 19081923,
        "storage_size_mib": body.get("storage_size_mib") or SIZES[body["size"]] * 10240,
        "maintenance_window": {"day": "saturday", "hour": "08:45:12", "pending": False},
        "dbs": {} if engine in NO_DATABASES else {"defaultdb": {"name": "defaultdb"}},
        "users": {} if engine in NO_USERS else {
            "doadmin": {"name": "doadmin", "role": "primary", "password": _password(),
                        "auth_plugin": "caching_sha2_password"}},
        "pools": {},
        "rules": [],
    }
    create_seconds = ctx.config.get("database_create_seconds")
    _busy(ctx, db, "creating", ctx.config["boot_seconds"] if create_seconds is None else create_seconds)
    db["rules"] = _new_rules(ctx, db, body.get("rules") or [])
    ctx.coll(KIND)[db["id"]] = db
    realism.mark_created(ctx, KIND, db)
    for tag in body.get("tags") or []:
        tags_mod.tag_resource(ctx, tag, "database", db)
    return 201, {"database": render_db(ctx, db)}


@route("GET", "/v2/databases/{database_cluster_uuid}")
def get_cluster(ctx, database_cluster_uuid):
    return 200, {"database": render_db(ctx, get_cluster_or_404(ctx, database_cluster_uuid))}


@route("DELETE", "/v2/databases/{database_cluster_uuid}")
def delete_cluster(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    del ctx.coll(KIND)[db["id"]]
    emit(ctx, "database.deleted", db)
    return 204, None


@route("PUT", "/v2/databases/{database_cluster_uuid}/resize")
def resize_cluster(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    body = ctx.json_body()
    require_online(ctx, db, "resize")
    storage = body.get("storage_size_mib")
    _check_size(body["size"], body["num_nodes"], storage)
    if storage is not None and storage < db["storage_size_mib"]:
        raise unprocessable("storage_size_mib cannot be reduced (currently %d)" % db["storage_size_mib"])
    if SIZES[body["size"]] * 10240 > (storage or db["storage_size_mib"]):
        storage = SIZES[body["size"]] * 10240
    db["size"] = body["size"]
    db["num_nodes"] = body["num_nodes"]
    if storage is not None:
        db["storage_size_mib"] = storage
    _busy(ctx, db, "resizing", ctx.config["action_seconds"],
          realism.seconds(ctx, "database_transition_delay_seconds"))
    return 202, None


@route("PUT", "/v2/databases/{database_cluster_uuid}/migrate")
def migrate_cluster(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    region = ctx.json_body()["region"]
    require_online(ctx, db, "migrate")
    if region not in catalog.REGIONS:
        raise unprocessable("region %r is not available" % (region,))
    if region == db["region"]:
        raise unprocessable("the database cluster is already in %s" % region)
    db["region"] = region
    _busy(ctx, db, "migrating", ctx.config["action_seconds"],
          realism.seconds(ctx, "database_transition_delay_seconds"))
    return 202, None


@route("PUT", "/v2/databases/{database_cluster_uuid}/maintenance")
def set_maintenance(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    body = ctx.json_body()
    day = str(body["day"]).lower()
    if day not in DAYS:
        raise unprocessable("day must be a day of the week, e.g. monday")
    match = HOUR_RE.match(str(body["hour"]))
    if not match:
        raise unprocessable("hour must be HH:MM or HH:MM:SS in 24-hour UTC")
    hour = "%s:%s:%s" % (match.group(1), match.group(2), match.group(4) or "00")
    db["maintenance_window"] = {"day": day, "hour": hour, "pending": False}
    return 204, None


@on("database.deleted")
def _untag_deleted(ctx, db):
    for name in list(db.get("tags", ())):
        tags_mod.untag_resource(ctx, name, "database", db)


# Clusters are taggable resources (the reference lists "database" among resource types).
tags_mod.RESOURCE_TYPES.setdefault("database", (KIND, "/v2/databases/", "databases", str))


# ------------------------------------------------------------------ firewall
def _check_rule(ctx, rule):
    rtype, value = rule["type"], str(rule["value"])
    if not value:
        raise unprocessable("rules: value must not be empty")
    if rtype == "ip_addr":
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise unprocessable("rules: %r is not an IP address or CIDR range" % value)
    elif rtype == "droplet":
        if not value.isdigit() or ctx.coll("droplets").get(int(value)) is None:
            raise unprocessable("rules: droplet %s could not be found" % value)
    elif rtype in ("k8s", "app"):
        if not UUID_RE.match(value):
            raise unprocessable("rules: %s value %r is not a UUID" % (rtype, value))
    elif rtype == "tag":
        if not tags_mod.TAG_RE.match(value):
            raise unprocessable("rules: %r is not a valid tag name" % value)
    return rtype, value


def _new_rules(ctx, db, wanted):
    if len(wanted) > MAX_RULES:
        raise unprocessable("rules: the firewall is limited to %d rules" % MAX_RULES)
    existing = {(r["type"], r["value"]): r for r in db["rules"]}
    by_uuid = {r["uuid"]: r for r in db["rules"]}
    rules, seen = [], set()
    for rule in wanted:
        key = _check_rule(ctx, rule)
        if key in seen:
            continue
        seen.add(key)
        kept = existing.get(key)
        if kept is None and rule.get("uuid") in by_uuid and \
                (by_uuid[rule["uuid"]]["type"], by_uuid[rule["uuid"]]["value"]) == key:
            kept = by_uuid[rule["uuid"]]
        rules.append(kept or {"uuid": new_uuid(), "type": key[0], "value": key[1],
                              "created_at": iso(ctx.now)})
    return rules


@route("GET", "/v2/databases/{database_cluster_uuid}/firewall")
def get_firewall(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, {"rules": [render_rule(db, r) for r in db["rules"]]}


@route("PUT", "/v2/databases/{database_cluster_uuid}/firewall")
def put_firewall(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    body = ctx.json_body()
    if "rules" not in body:
        raise unprocessable("rules: is required")
    db["rules"] = _new_rules(ctx, db, body["rules"])
    return 204, None


@on("droplet.deleted")
def _drop_droplet_rules(ctx, droplet):
    for db in ctx.coll(KIND).values():
        db["rules"] = [r for r in db["rules"]
                       if not (r["type"] == "droplet" and r["value"] == str(droplet["id"]))]


# ----------------------------------------------------------------------- dbs
def _supports(db, unsupported, what):
    if db["engine"] in unsupported:
        raise unprocessable("%s are not supported for %s clusters" % (what, db["engine"]))


def _check_object_name(name, what):
    if not OBJECT_NAME_RE.match(name or ""):
        raise unprocessable("name: %r is not a valid %s name" % (name, what))


@route("GET", "/v2/databases/{database_cluster_uuid}/dbs")
def list_dbs(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, {"dbs": [{"name": name} for name in db["dbs"]]}


@route("POST", "/v2/databases/{database_cluster_uuid}/dbs")
def add_db(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    _supports(db, NO_DATABASES, "databases")
    require_online(ctx, db, "add a database")
    name = ctx.json_body()["name"]
    _check_object_name(name, "database")
    if name in db["dbs"]:
        raise unprocessable("database %r already exists" % name)
    db["dbs"][name] = {"name": name}
    return 201, {"db": {"name": name}}


@route("GET", "/v2/databases/{database_cluster_uuid}/dbs/{database_name}")
def get_db(ctx, database_cluster_uuid, database_name):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    if database_name not in db["dbs"]:
        raise not_found()
    return 200, {"db": {"name": database_name}}


@route("DELETE", "/v2/databases/{database_cluster_uuid}/dbs/{database_name}")
def delete_db(ctx, database_cluster_uuid, database_name):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    if database_name not in db["dbs"]:
        raise not_found()
    for pool in db["pools"].values():
        if pool["db"] == database_name:
            raise unprocessable("database %r is used by connection pool %r" % (database_name, pool["name"]))
    del db["dbs"][database_name]
    return 204, None


# --------------------------------------------------------------------- users
def _user_or_404(db, username):
    user = db["users"].get(username)
    if user is None:
        raise not_found()
    return user


@route("GET", "/v2/databases/{database_cluster_uuid}/users")
def list_users(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, {"users": [render_user(db, u) for u in db["users"].values()]}


@route("POST", "/v2/databases/{database_cluster_uuid}/users")
def add_user(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    _supports(db, NO_USERS, "users")
    require_online(ctx, db, "add a user")
    body = ctx.json_body()
    name = body["name"]
    _check_object_name(name, "user")
    if name in db["users"]:
        raise unprocessable("user %r already exists" % name)
    plugin = (body.get("mysql_settings") or {}).get("auth_plugin")
    if plugin and db["engine"] != "mysql":
        raise unprocessable("mysql_settings is only valid for MySQL clusters")
    user = {"name": name, "role": "normal", "password": _password(),
            "auth_plugin": plugin or "caching_sha2_password"}
    db["users"][name] = user
    return 201, {"user": render_user(db, user)}


@route("GET", "/v2/databases/{database_cluster_uuid}/users/{username}")
def get_user(ctx, database_cluster_uuid, username):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, {"user": render_user(db, _user_or_404(db, username))}


@route("DELETE", "/v2/databases/{database_cluster_uuid}/users/{username}")
def delete_user(ctx, database_cluster_uuid, username):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    user = _user_or_404(db, username)
    if user["role"] == "primary":
        raise unprocessable("the primary user %r cannot be deleted" % username)
    for pool in db["pools"].values():
        if pool["user"] == username:
            raise unprocessable("user %r is used by connection pool %r" % (username, pool["name"]))
    del db["users"][username]
    return 204, None


@route("POST", "/v2/databases/{database_cluster_uuid}/users/{username}/reset_auth")
def reset_auth(ctx, database_cluster_uuid, username):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    user = _user_or_404(db, username)
    require_online(ctx, db, "reset a password")
    plugin = (ctx.json_body().get("mysql_settings") or {}).get("auth_plugin")
    if plugin:
        if db["engine"] != "mysql":
            raise unprocessable("mysql_settings is only valid for MySQL clusters")
        user["auth_plugin"] = plugin
    user["password"] = _password()
    return 200, {"user": render_user(db, user)}


# --------------------------------------------------------------------- pools
def _pool_or_404(db, name):
    pool = db["pools"].get(name)
    if pool is None:
        raise not_found()
    return pool


def _check_pool(db, body, name):
    if db["engine"] != "pg":
        raise unprocessable("connection pools are only supported for PostgreSQL clusters")
    if body["mode"] not in POOL_MODES:
        raise unprocessable("mode must be one of %s" % ", ".join(POOL_MODES))
    if body["db"] not in db["dbs"]:
        raise unprocessable("db: database %r does not exist" % body["db"])
    user = body.get("user") or ""
    if user and user not in db["users"]:
        raise unprocessable("user: user %r does not exist" % user)
    size = body["size"]
    limit = SIZES[db["size"]] * 25 - 3
    used = sum(p["size"] for p in db["pools"].values() if p["name"] != name)
    if size < 1 or used + size > limit:
        raise unprocessable("size: pools of this cluster may use at most %d connections in total "
                            "(%d in use by other pools)" % (limit, used))
    return user


@route("GET", "/v2/databases/{database_cluster_uuid}/pools")
def list_pools(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, {"pools": [render_pool(db, p) for p in db["pools"].values()]}


@route("POST", "/v2/databases/{database_cluster_uuid}/pools")
def add_pool(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    body = ctx.json_body()
    name = body["name"]
    if not 3 <= len(name) <= 60 or not OBJECT_NAME_RE.match(name):
        raise unprocessable("name: must be between 3 and 60 characters")
    require_online(ctx, db, "add a connection pool")
    if name in db["pools"]:
        raise unprocessable("connection pool %r already exists" % name)
    user = _check_pool(db, body, name)
    pool = {"name": name, "mode": body["mode"], "size": body["size"], "db": body["db"], "user": user}
    db["pools"][name] = pool
    return 201, {"pool": render_pool(db, pool)}


@route("GET", "/v2/databases/{database_cluster_uuid}/pools/{pool_name}")
def get_pool(ctx, database_cluster_uuid, pool_name):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, {"pool": render_pool(db, _pool_or_404(db, pool_name))}


@route("PUT", "/v2/databases/{database_cluster_uuid}/pools/{pool_name}")
def update_pool(ctx, database_cluster_uuid, pool_name):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    pool = _pool_or_404(db, pool_name)
    body = ctx.json_body()
    user = _check_pool(db, body, pool_name)
    pool.update({"mode": body["mode"], "size": body["size"], "db": body["db"], "user": user})
    return 204, None


@route("DELETE", "/v2/databases/{database_cluster_uuid}/pools/{pool_name}")
def delete_pool(ctx, database_cluster_uuid, pool_name):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    del db["pools"][_pool_or_404(db, pool_name)["name"]]
    return 204, None
