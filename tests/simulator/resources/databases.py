"""Managed databases: clusters and what lives inside them.

* /v2/databases (list with ?tag_name=, create), /v2/databases/{database_cluster_uuid}
  (get, delete)
* .../resize, .../migrate (status ``resizing``/``migrating`` for ``action_seconds``, then
  ``online``), .../maintenance
* .../firewall (trusted sources, replaced as a whole by PUT)
* .../dbs, .../users (+ reset_auth), .../pools

* .../upgrade (``version`` moves up, status ``migrating`` for ``action_seconds``), .../autoscale,
  .../eviction_policy (Valkey, Caching), .../sql_mode (MySQL), .../do_settings, .../install_update
* .../backups (PostgreSQL, MySQL, MongoDB: one when the cluster came online, then one a day of the
  simulated clock), a restore is a create with ``backup_restore`` naming the source cluster and one
  of its backups' ``created_at`` (status ``forking``, then ``online``, with the source's databases
  and users); .../events, .../ca, /v2/databases/options; PUT .../users/{username} (settings)
* replicas, engine configuration, Kafka topics, log sinks and online migrations live in the
  database_*.py files next to this one; they keep their state in the cluster's record, filled in
  by their ``database.created`` handlers.

A new cluster is ``creating`` for ``boot_seconds``; statuses are computed from timestamps on
read. Every cluster starts with the database ``defaultdb`` and the primary user ``doadmin``.
Clusters can be tagged through /v2/tags/{tag_id}/resources with resource_type ``database``, and
moved between projects as ``do:dbaas:<id>`` (their ``project_id`` follows).
``POST /_sim/seed {"kind": "database_clusters", ...}`` makes online clusters (``engine``, ``size``,
``region``, ``version``, ``age_seconds``: how long ago they were created, so that they have
backups; ``pending_maintenance``: an update waits to be installed).

Realism knobs: ``database_create_seconds`` (how long a new cluster is ``creating``; null: as
long as ``boot_seconds``), ``database_transition_delay_seconds`` (``resizing``/``migrating``
start that long after the request: a GET right after still says ``online``; a second change
in between is refused like one during the transition), ``consistency_seconds`` (a new cluster
is missing from GET and the list for a while: Terraform's database wait skips 404s) and
``null_empty_lists`` (``tags`` is ``null`` when empty).
"""
import base64
import datetime
import ipaddress
import re
import secrets
import string

from tests.simulator import catalog, realism
from tests.simulator.resources import projects as projects_mod
from tests.simulator.resources import tags as tags_mod
from tests.simulator.routing import emit, on, route, seeder
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
BACKUP_ENGINES = ("pg", "mysql", "mongodb")
CACHE_ENGINES = ("redis", "valkey")
EVICTION_POLICIES = ("noeviction", "allkeys_lru", "allkeys_random", "volatile_lru", "volatile_random",
                     "volatile_ttl")
DEFAULT_SQL_MODE = ("ANSI,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
                    "STRICT_ALL_TABLES")
BACKUP_INTERVAL = 86400
# Which engine each user setting belongs to.
USER_SETTING_ENGINES = {"pg_allow_replication": "pg", "acl": "kafka", "opensearch_acl": "opensearch",
                        "mongo_user_settings": "mongodb"}


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
    if user.get("settings"):
        out["settings"] = user["settings"]
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
        "project_id": project_of(ctx, db),
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
        "do_settings": {"service_cnames": list(db["service_cnames"])},
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


def project_of(ctx, db):
    """The project the cluster was last assigned to (do:dbaas:<id>), else the one it was created in."""
    member = ctx.coll(projects_mod.MEMBERS).get("do:dbaas:%s" % db["id"])
    return member["project_id"] if member else db["project_id"]


# ------------------------------------------------------------------- helpers
def record_event(ctx, db, event_type):
    db.setdefault("events", []).append({
        "id": secrets.token_hex(4), "cluster_name": db["name"], "event_type": event_type,
        "create_time": iso(ctx.now)})


def require_engine(db, engines, what):
    """422 for a request about something the cluster's engine does not have."""
    if db["engine"] not in engines:
        raise unprocessable("%s: not supported for %s clusters" % (what, db["engine"]))


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
    check_free_name(ctx, name)
    versions, default_version, _port, _scheme = ENGINES[engine]
    version = body.get("version") or default_version
    if version not in versions:
        raise unprocessable("version %r is not available for %s (available: %s)"
                            % (version, engine, ", ".join(versions)))
    if body["region"] not in catalog.REGIONS:
        raise unprocessable("region %r is not available" % (body["region"],))
    _check_size(body["size"], body["num_nodes"], body.get("storage_size_mib"))
    source = _restore_source(ctx, body.get("backup_restore"), engine)
    db = new_record(ctx, name, engine, version, body["size"], body["num_nodes"], body["region"],
                    private_network_uuid=body.get("private_network_uuid"), project_id=body.get("project_id"),
                    storage_size_mib=body.get("storage_size_mib"))
    if body.get("autoscale"):
        db["autoscale"] = {"storage": dict(body["autoscale"].get("storage") or {"enabled": False})}
    db["service_cnames"] = list((body.get("do_settings") or {}).get("service_cnames") or [])
    if source is not None:
        _restore_into(db, source)
    create_seconds = ctx.config.get("database_create_seconds")
    _busy(ctx, db, "forking" if source is not None else "creating",
          ctx.config["boot_seconds"] if create_seconds is None else create_seconds)
    db["online_at"] = db["busy_until"]
    db["rules"] = _new_rules(ctx, db, body.get("rules") or [])
    add_cluster(ctx, db)
    realism.mark_created(ctx, KIND, db)
    for tag in body.get("tags") or []:
        tags_mod.tag_resource(ctx, tag, "database", db)
    return 201, {"database": render_db(ctx, db)}


def check_free_name(ctx, name):
    for other in ctx.coll(KIND).values():
        if other["name"] == name:
            raise unprocessable("a database cluster named %r already exists" % name)


def new_record(ctx, name, engine, version, size, num_nodes, region, private_network_uuid=None, project_id=None,
               storage_size_mib=None, record_id=None):
    """A cluster's stored record (not stored yet: see add_cluster)."""
    return {
        "id": record_id or new_uuid(),
        "name": name,
        "engine": engine,
        "version": version,
        "num_nodes": num_nodes,
        "size": size,
        "region": region,
        "created_at": iso(ctx.now),
        "created_ts": ctx.now,
        "private_network_uuid": private_network_uuid or new_uuid(),
        "project_id": project_id or DEFAULT_PROJECT,
        "tags": [],
        "account": 19081923,
        "storage_size_mib": storage_size_mib or SIZES[size] * 10240,
        "maintenance_window": {"day": "saturday", "hour": "08:45:12", "pending": False},
        "dbs": {} if engine in NO_DATABASES else {"defaultdb": {"name": "defaultdb"}},
        "users": {} if engine in NO_USERS else {
            "doadmin": {"name": "doadmin", "role": "primary", "password": _password(),
                        "auth_plugin": "caching_sha2_password"}},
        "pools": {},
        "rules": [],
        "busy_status": "online", "busy_from": 0.0, "busy_until": 0.0, "online_at": ctx.now,
        "autoscale": {"storage": {"enabled": False}},
        "eviction_policy": "noeviction" if engine in CACHE_ENGINES else None,
        "sql_mode": DEFAULT_SQL_MODE if engine == "mysql" else None,
        "service_cnames": [],
        "ca": _ca_certificate(),
        "events": [],
    }


def add_cluster(ctx, db):
    """Store a new cluster: the other groups fill in their part (database.created), it joins the project
    it was created in, and its creation is an event."""
    ctx.coll(KIND)[db["id"]] = db
    emit(ctx, "database.created", db)
    if db["project_id"] in ctx.coll(projects_mod.KIND):
        projects_mod.place(ctx, "do:dbaas:%s" % db["id"], db["project_id"])
    record_event(ctx, db, "cluster_create")


def _ca_certificate():
    body = base64.b64encode(secrets.token_bytes(360)).decode("ascii")
    lines = [body[index:index + 64] for index in range(0, len(body), 64)]
    pem = "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n" % "\n".join(lines)
    return base64.b64encode(pem.encode("ascii")).decode("ascii")


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
    if body.get("readonly") is not None:
        require_engine(db, ("mongodb",), "readonly")
    user = {"name": name, "role": "normal", "password": _password(),
            "auth_plugin": plugin or "caching_sha2_password",
            "settings": _user_settings(db, body.get("settings") or {})}
    if body.get("readonly"):
        user["settings"].setdefault("mongo_user_settings", {})["role"] = "readOnly"
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


def _user_settings(db, settings):
    """Settings as stored: each checked against the cluster's engine, ACL entries given ids."""
    for key in settings:
        if USER_SETTING_ENGINES.get(key) != db["engine"]:
            raise unprocessable("settings.%s: not supported for %s clusters" % (key, db["engine"]))
    stored = dict(settings)
    for key in ("acl", "opensearch_acl"):
        if key in stored:
            stored[key] = [dict(entry, id=entry.get("id") or secrets.token_hex(6)) if key == "acl" else dict(entry)
                           for entry in stored[key]]
    return stored


@route("PUT", "/v2/databases/{database_cluster_uuid}/users/{username}")
def update_user(ctx, database_cluster_uuid, username):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    user = _user_or_404(db, username)
    require_online(ctx, db, "update a user")
    # The settings are replaced: a setting left out goes back to its default.
    user["settings"] = _user_settings(db, ctx.json_body()["settings"])
    return 201, {"user": render_user(db, user)}


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


# ------------------------------------------------------- cluster settings
@route("PUT", "/v2/databases/{database_cluster_uuid}/upgrade")
def upgrade_cluster(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    version = ctx.json_body().get("version")
    require_online(ctx, db, "upgrade")
    versions = ENGINES[db["engine"]][0]
    if version not in versions:
        raise unprocessable("version %r is not available for %s (available: %s)"
                            % (version, db["engine"], ", ".join(versions)))
    if versions.index(version) <= versions.index(db["version"]):
        raise unprocessable("version: the cluster runs %s; it can only be upgraded to a later version"
                            % db["version"])
    db["version"] = version
    _busy(ctx, db, "migrating", ctx.config["action_seconds"],
          realism.seconds(ctx, "database_transition_delay_seconds"))
    record_event(ctx, db, "cluster_update")
    return 204, None


@route("GET", "/v2/databases/{database_cluster_uuid}/autoscale")
def get_autoscale(ctx, database_cluster_uuid):
    return 200, {"autoscale": get_cluster_or_404(ctx, database_cluster_uuid)["autoscale"]}


@route("PUT", "/v2/databases/{database_cluster_uuid}/autoscale")
def put_autoscale(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    storage = ctx.json_body().get("storage")
    if storage is None:
        raise unprocessable("storage: is required")
    if storage.get("enabled") and not {"threshold_percent", "increment_gib"} <= set(storage):
        raise unprocessable("storage: threshold_percent and increment_gib are required to enable autoscaling")
    db["autoscale"] = {"storage": dict(storage)}
    return 204, None


@route("GET", "/v2/databases/{database_cluster_uuid}/eviction_policy")
def get_eviction_policy(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    require_engine(db, CACHE_ENGINES, "eviction_policy")
    return 200, {"eviction_policy": db["eviction_policy"]}


@route("PUT", "/v2/databases/{database_cluster_uuid}/eviction_policy")
def put_eviction_policy(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    require_engine(db, CACHE_ENGINES, "eviction_policy")
    db["eviction_policy"] = ctx.json_body()["eviction_policy"]
    emit(ctx, "database.eviction_policy", db)
    return 204, None


@route("GET", "/v2/databases/{database_cluster_uuid}/sql_mode")
def get_sql_mode(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    require_engine(db, ("mysql",), "sql_mode")
    return 200, {"sql_mode": db["sql_mode"]}


@route("PUT", "/v2/databases/{database_cluster_uuid}/sql_mode")
def put_sql_mode(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    require_engine(db, ("mysql",), "sql_mode")
    mode = ctx.json_body()["sql_mode"]
    if not re.match(r"^[A-Z_]*(,[A-Z_]+)*$", mode):
        raise unprocessable("sql_mode: %r is not a list of SQL modes separated by commas" % mode)
    db["sql_mode"] = mode
    emit(ctx, "database.sql_mode", db)
    return 204, None


@route("GET", "/v2/databases/{database_cluster_uuid}/do_settings")
def get_do_settings(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, {"do_settings": {"service_cnames": list(db["service_cnames"])}}


@route("PUT", "/v2/databases/{database_cluster_uuid}/do_settings")
def put_do_settings(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    settings = ctx.json_body()["do_settings"] or {}
    db["service_cnames"] = list(settings.get("service_cnames") or [])
    return 204, None


@route("PUT", "/v2/databases/{database_cluster_uuid}/install_update")
def install_update(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    require_online(ctx, db, "install updates")
    if db["maintenance_window"].get("pending"):
        db["maintenance_window"]["pending"] = False
        record_event(ctx, db, "cluster_maintenance_perform")
    return 204, None


# ------------------------------------------------- backups, events, CA, options
def backup_times(ctx, db):
    """One backup when the cluster came online, then one every BACKUP_INTERVAL of the simulated clock."""
    first = db.get("online_at", db["created_ts"])
    if ctx.now < first:
        return []
    count = int((ctx.now - first) // BACKUP_INTERVAL) + 1
    return [int(first) + index * BACKUP_INTERVAL for index in range(count)]


@route("GET", "/v2/databases/{database_cluster_uuid}/backups")
def list_backups(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    require_engine(db, BACKUP_ENGINES, "backups")
    backups = [{"created_at": iso(moment), "size_gigabytes": round(0.03 + 0.01 * index, 2), "incremental": False}
               for index, moment in enumerate(backup_times(ctx, db))]
    return 200, {"backups": backups,
                 "scheduled_backup_time": {"backup_hour": 3, "backup_minute": 0, "backup_interval_hours": 24}}


def _parse_time(text):
    try:
        moment = datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return int(moment.timestamp())


def _restore_source(ctx, restore, engine):
    """The cluster a create with backup_restore forks, checked: it exists, runs the same engine and has
    the backup named (the latest one when no time is given)."""
    if not restore:
        return None
    sources = [db for db in ctx.coll(KIND).values() if db["name"] == restore["database_name"]]
    if not sources:
        raise unprocessable("backup_restore: no database cluster is named %r" % restore["database_name"])
    source = sources[0]
    require_engine(source, BACKUP_ENGINES, "backup_restore")
    if source["engine"] != engine:
        raise unprocessable("backup_restore: %r is a %s cluster, not %s" % (source["name"], source["engine"], engine))
    times = backup_times(ctx, source)
    if not times:
        raise unprocessable("backup_restore: cluster %r has no backup yet" % source["name"])
    wanted = restore.get("backup_created_at")
    if wanted is not None and _parse_time(wanted) not in times:
        raise unprocessable("backup_restore: cluster %r has no backup taken at %s" % (source["name"], wanted))
    return source


def _restore_into(db, source):
    db["dbs"] = {name: dict(item) for name, item in source["dbs"].items()}
    db["users"] = {name: dict(user) for name, user in source["users"].items()}
    db["restored_from"] = source["name"]


@route("GET", "/v2/databases/{database_cluster_uuid}/events")
def list_events(ctx, database_cluster_uuid):
    db = get_cluster_or_404(ctx, database_cluster_uuid)
    return 200, {"events": [dict(event) for event in db["events"]]}


@route("GET", "/v2/databases/{database_cluster_uuid}/ca")
def get_ca(ctx, database_cluster_uuid):
    return 200, {"ca": {"certificate": get_cluster_or_404(ctx, database_cluster_uuid)["ca"]}}


@route("GET", "/v2/databases/options")
def list_options(ctx):
    layouts = [{"num_nodes": nodes, "sizes": [size for size in SIZES if nodes == 1 or size != "db-s-1vcpu-1gb"]}
               for nodes in range(1, MAX_NODES + 1)]
    regions = sorted(catalog.REGIONS)
    options = {engine: {"regions": regions, "versions": list(spec[0]), "layouts": layouts}
               for engine, spec in ENGINES.items()}
    availability = {engine: [{"version": version, "end_of_life": None, "end_of_availability": None}
                             for version in spec[0]] for engine, spec in ENGINES.items()}
    return 200, {"options": options, "version_availability": availability}


@on("database.deleted")
def _leave_project(ctx, db):
    ctx.coll(projects_mod.MEMBERS).pop("do:dbaas:%s" % db["id"], None)


@seeder("database_clusters")
def seed_clusters(ctx, count=1, engine="pg", size="db-s-1vcpu-2gb", region="nyc3", version=None, num_nodes=1,
                  name_prefix="seed", age_seconds=0, pending_maintenance=False, **_ignored):
    ids = []
    for index in range(1, int(count) + 1):
        db = new_record(ctx, "%s-%d" % (name_prefix or "seed", index), engine, version or ENGINES[engine][1], size,
                        int(num_nodes), region)
        db["created_ts"] = db["online_at"] = ctx.now - float(age_seconds)
        db["created_at"] = iso(db["created_ts"])
        db["maintenance_window"]["pending"] = bool(pending_maintenance)
        add_cluster(ctx, db)
        ids.append(db["id"])
    return ids
