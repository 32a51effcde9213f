# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Managed databases: clusters, and the databases, users and connection pools inside a cluster.

The objects inside a cluster declare the cluster as their parent: a child module names it by
``cluster_id`` or ``cluster_name``, and the engine resolves it first. When the cluster is gone,
``state: absent`` of a child has nothing to do.

Settings of a cluster that its own answer does not hold (storage autoscale, the eviction policy,
the SQL mode, DigitalOcean settings) are read from their endpoints by the cluster's expand hook,
only when the task manages them. The other objects of a cluster (replicas, engine configuration,
Kafka topics, log sinks, online migrations, backups...) are declared in the database_*.py files
next to this one.

Secrets: the API returns passwords and connection URIs (which embed the password) in clusters,
users and pools. The module runner masks every such value in the output (docs/design.md,
"Secrets") unless the task itself runs with ``no_log: true``.
"""

from __future__ import annotations

import datetime
import ipaddress
import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import TAG_NAME, UUID, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Parent, Put, Ready, Request
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, Updater, tags_field
from ansible_collections.fathom.digitalocean.plugins.module_utils.sets import SetSpec

ONLINE = "online"
ENGINES = ("pg", "mysql", "valkey", "redis", "mongodb", "kafka", "opensearch")
ENGINE_NAMES = {"pg": "PostgreSQL", "mysql": "MySQL", "valkey": "Valkey", "redis": "Redis (Caching)",
                "mongodb": "MongoDB", "kafka": "Kafka", "opensearch": "OpenSearch"}
CACHE_ENGINES = ("redis", "valkey")
EVICTION_POLICIES = ("noeviction", "allkeys_lru", "allkeys_random", "volatile_lru", "volatile_random", "volatile_ttl")
# The API's limits on storage autoscaling (database_autoscale_params in the spec).
AUTOSCALE_LIMITS = {"threshold_percent": (15, 95), "increment_gib": (10, 500)}
SQL_MODE = re.compile(r"^[A-Z_]*(,[A-Z_]+)*$")
# A custom CNAME of a cluster (do_settings.service_cnames): an RFC 1123 host name, at most 16 of them.
CNAME = re.compile(r"^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)+$")
MAX_CNAMES = 16
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HOUR = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9])?$")
OBJECT_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,62}$")
RULE_TYPES = ("ip_addr", "droplet", "k8s", "tag", "app")
POOL_MODES = ("session", "transaction", "statement")
RESET = "(reset)"


# -- the cluster ------------------------------------------------------------------------------------


def is_online(cluster):
    return (cluster or {}).get("status") == ONLINE


def maintenance_of(cluster):
    window = cluster.get("maintenance_window")
    if not window:
        return None
    return {"day": window.get("day"), "hour": window.get("hour")}


def normalize_window(window):
    """{day, hour} -> lowercase day, hour as HH:MM (the API answers HH:MM:SS)."""
    if not window:
        return None
    day = str(window.get("day") or "").lower()
    match = HOUR.match(str(window.get("hour") or ""))
    hour = "%02d:%s" % (int(match.group(1)), match.group(2)) if match else window.get("hour")
    return {"day": day, "hour": hour}


def resize_body(engine, cluster, changes):
    params = engine.params
    body = {"size": params.get("size") or cluster.get("size"),
            "num_nodes": params.get("num_nodes") or cluster.get("num_nodes")}
    if params.get("storage_size_mib") is not None:
        body["storage_size_mib"] = params["storage_size_mib"]
    return body


def forbid_storage_shrink(engine, cluster, changes):
    before = engine.current_value(cluster, "storage_size_mib")
    after = engine.params.get("storage_size_mib")
    if after is not None and before is not None and after < before:
        raise PlanError("storage_size_mib of %s cannot shrink from %s to %s" % (
            engine.describe(cluster), before, after))


def maintenance_body(engine, cluster, changes):
    window = changes["maintenance_window"].after
    return {"day": window["day"], "hour": window["hour"]}


def check_cluster(params):
    num_nodes = params.get("num_nodes")
    if num_nodes is not None and not 1 <= num_nodes <= 3:
        raise PlanError("num_nodes must be between 1 and 3, got %s" % num_nodes)
    storage = params.get("storage_size_mib")
    if storage is not None and storage <= 0:
        raise PlanError("storage_size_mib must be a positive number of MiB, got %s" % storage)
    window = params.get("maintenance_window")
    if window is not None:
        if str(window.get("day") or "").lower() not in DAYS:
            raise PlanError("maintenance_window.day must be one of %s, got %s" % (
                ", ".join(DAYS), window.get("day")))
        if not HOUR.match(str(window.get("hour") or "")):
            raise PlanError("maintenance_window.hour must be HH:MM (24-hour, UTC), got %s" % window.get("hour"))
    for option in ("private_network_uuid", "project_id"):
        value = params.get(option)
        if value and not UUID.match(value):
            raise PlanError("%s must be a UUID, got %s" % (option, value))
    check_autoscale(params.get("storage_autoscale"))
    check_cnames(params.get("do_settings"))
    sql_mode = params.get("sql_mode")
    if sql_mode is not None and not SQL_MODE.match(normalize_sql_mode(sql_mode)):
        raise PlanError("sql_mode must be MySQL SQL modes separated by commas (such as ANSI,STRICT_ALL_TABLES), got %r"
                        % sql_mode)
    restore = params.get("backup_restore")
    if restore and restore.get("backup_created_at") and not parse_moment(restore["backup_created_at"]):
        raise PlanError("backup_restore.backup_created_at must be a time such as 2024-01-31T03:00:00Z, got %r"
                        % restore["backup_created_at"])
    for option, engines in (("eviction_policy", CACHE_ENGINES), ("sql_mode", ("mysql",))):
        require_engine(option, params.get(option), engines, params.get("engine"), "the cluster")


def require_engine(option, value, engines, engine, what):
    """Refuse an option of other engines (the eviction policy of a PostgreSQL cluster)."""
    if value is not None and engine and engine not in engines:
        raise PlanError("%s applies to %s clusters only; %s is a %s cluster" % (
            option, " and ".join(ENGINE_NAMES[name] for name in engines), what, ENGINE_NAMES.get(engine, engine)))


def check_autoscale(autoscale):
    for key, (least, most) in AUTOSCALE_LIMITS.items():
        value = (autoscale or {}).get(key)
        if value is not None and not least <= value <= most:
            raise PlanError("storage_autoscale.%s must be between %d and %d, got %s" % (key, least, most, value))


def check_cnames(settings):
    cnames = (settings or {}).get("service_cnames") or []
    if len(cnames) > MAX_CNAMES:
        raise PlanError("do_settings.service_cnames may hold at most %d names, got %d" % (MAX_CNAMES, len(cnames)))
    for index, cname in enumerate(cnames):
        if not isinstance(cname, str) or len(cname) > 253 or not CNAME.match(cname):
            raise PlanError("do_settings.service_cnames[%d] must be a host name such as db.example.com, got %r"
                            % (index, cname))


def connections(engine, cluster):
    """The connection details also at the top of the result, next to the cluster."""
    return {"connection": (cluster or {}).get("connection") or {},
            "private_connection": (cluster or {}).get("private_connection") or {}}


# -- settings of a cluster that have endpoints of their own ----------------------------------------------


def without_none(value):
    return {key: item for key, item in (value or {}).items() if item is not None}


def autoscale_of(cluster):
    return (cluster.get("autoscale") or {}).get("storage")


def same_autoscale(cluster, have, want):
    """The options the task sets match; thresholds do not matter while autoscaling is off on both sides."""
    have = have or {}
    if not want.get("enabled") and not have.get("enabled"):
        return True
    return all(have.get(key) == value for key, value in want.items())


def autoscale_body(engine, cluster, changes):
    storage = dict(without_none(autoscale_of(cluster)), **changes["storage_autoscale"].after)
    return {"storage": storage}


def normalize_sql_mode(value):
    """SQL modes compare as a set: upper case, no spaces, sorted."""
    modes = {mode.strip().upper() for mode in str(value).split(",") if mode.strip()}
    return ",".join(sorted(modes))


def normalize_do_settings(value):
    cnames = (value or {}).get("service_cnames") or []
    return {"service_cnames": sorted({str(cname).lower() for cname in cnames})}


def no_pending_update(cluster):
    """install_update reads true when no maintenance update waits to be installed."""
    return not (cluster.get("maintenance_window") or {}).get("pending")


def engine_refusal(option, engines):
    def refuse(engine, cluster, changes):
        require_engine(option, True, engines, cluster.get("engine"), "cluster %s" % cluster.get("name"))
    return refuse


def sent_settings(engine, cluster, response, body):
    """The cluster after a PUT of one of its settings ({"sql_mode": ...}): what was sent is what it holds."""
    return dict(cluster, **body)


def cluster_settings(engine, cluster):
    """The settings the task manages that the cluster's own answer lacks, read from their endpoints."""
    params, kind = engine.params, cluster.get("engine")
    path = engine.item_path(cluster["id"])
    if params.get("storage_autoscale") is not None and "autoscale" not in cluster:
        cluster = dict(cluster, autoscale=engine.client.get(path + "/autoscale").get("autoscale") or {})
    if params.get("eviction_policy") is not None and "eviction_policy" not in cluster and kind in CACHE_ENGINES:
        cluster = dict(cluster, eviction_policy=engine.client.get(path + "/eviction_policy").get("eviction_policy"))
    if params.get("sql_mode") is not None and "sql_mode" not in cluster and kind == "mysql":
        cluster = dict(cluster, sql_mode=engine.client.get(path + "/sql_mode").get("sql_mode"))
    if params.get("do_settings") is not None and "do_settings" not in cluster:
        cluster = dict(cluster, do_settings=engine.client.get(path + "/do_settings").get("do_settings") or {})
    return cluster


# -- version upgrades ----------------------------------------------------------------------------------


def version_key(version):
    return [int(part) for part in re.findall(r"\d+", str(version))]


def check_upgrade(engine, cluster, changes):
    """Only upward, and only to a version /v2/databases/options lists for the engine."""
    before, after = changes["version"].before, changes["version"].after
    if version_key(after) < version_key(before):
        raise PlanError("version of %s can only be upgraded: it is %s and the task asks for %s" % (
            engine.describe(cluster), before, after))
    options = engine.client.get("/v2/databases/options").get("options") or {}
    available = (options.get(cluster.get("engine")) or {}).get("versions") or []
    if after not in available:
        raise PlanError("version %s is not available for %s clusters (available: %s)" % (
            after, ENGINE_NAMES.get(cluster.get("engine"), cluster.get("engine")), ", ".join(available) or "none"))


# -- projects ----------------------------------------------------------------------------------------


class MoveToProject(Updater):
    """A cluster moves to another project by being assigned to it (the projects' resources endpoint)."""

    via = "project_resources"

    def apply(self, engine, current, changes):
        target = changes["project_id"].after
        engine.post_harmless("/v2/projects/%s/resources" % target, {"resources": ["do:dbaas:%s" % current["id"]]})
        return dict(current, project_id=target)


# -- restoring a backup ------------------------------------------------------------------------------


def parse_moment(text):
    """A timestamp as the API writes it (2024-01-31T03:00:00Z, fractions and offsets too), in UTC."""
    try:
        moment = datetime.datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc).replace(microsecond=0)


def restore_source(engine, restore, engine_slug):
    """backup_restore as the API wants it, the source cluster found by name and the backup by its time."""
    name = restore["database_name"]
    clusters = engine.client.paginate("/v2/databases", "databases")
    sources = [cluster for cluster in clusters if cluster.get("name") == name]
    if not sources:
        raise PlanError("backup_restore.database_name: no database cluster is named %s" % name)
    source = sources[0]
    if engine_slug and source.get("engine") != engine_slug:
        raise PlanError("backup_restore.database_name: %s is a %s cluster, not %s" % (
            name, ENGINE_NAMES.get(source.get("engine")), ENGINE_NAMES.get(engine_slug, engine_slug)))
    chosen = {"database_name": name}
    wanted = restore.get("backup_created_at")
    if wanted:
        backups = engine.client.get("/v2/databases/%s/backups" % source["id"]).get("backups") or []
        match = [backup for backup in backups if parse_moment(backup.get("created_at")) == parse_moment(wanted)]
        if not match:
            raise PlanError("backup_restore.backup_created_at: cluster %s has no backup taken at %s; its backups: %s"
                            % (name, wanted, ", ".join(b.get("created_at") for b in backups) or "none"))
        chosen["backup_created_at"] = match[0]["created_at"]
    return chosen


def cluster_create_body(engine, body):
    params = engine.params
    for option, engines in (("eviction_policy", CACHE_ENGINES), ("sql_mode", ("mysql",))):
        require_engine(option, params.get(option), engines, params.get("engine"), "the cluster")
    autoscale = body.pop("storage_autoscale", None)
    if autoscale is not None:
        body["autoscale"] = {"storage": without_none(autoscale)}
    if "do_settings" in body:
        body["do_settings"] = normalize_do_settings(body["do_settings"])
    if body.get("backup_restore"):
        body["backup_restore"] = restore_source(engine, body["backup_restore"], params.get("engine"))
    return body


# size, num_nodes and storage_size_mib change together through one PUT .../resize.
RESIZE = Request("PUT", "/resize", body=resize_body, refuse=forbid_storage_shrink, settle=True)

DATABASE_CLUSTER = ResourceSpec(
    kind="database_cluster",
    api=Api("/v2/databases", "database"),
    lookup=Lookup(query=("tag_name",)),
    fields={
        "tags": tags_field("database"),
        "maintenance_window": Field(
            read=maintenance_of, normalize=normalize_window,
            update=Request("PUT", "/maintenance", body=maintenance_body,
                           answer=lambda engine, cluster, response, body: dict(cluster, maintenance_window=body))),
        "size": Field(update=RESIZE),
        "num_nodes": Field(update=RESIZE),
        "storage_size_mib": Field(update=RESIZE),
        "region": Field(update=Request("PUT", "/migrate", body=lambda engine, cluster, changes: {
            "region": changes["region"].after}, settle=True)),
        "version": Field(normalize=str, update=Request(
            "PUT", "/upgrade", body=lambda engine, cluster, changes: {"version": changes["version"].after},
            refuse=check_upgrade, settle=True)),
        "project_id": Field(update=MoveToProject()),
        "storage_autoscale": Field(
            read=autoscale_of, normalize=without_none, equal=same_autoscale,
            update=Request("PUT", "/autoscale", body=autoscale_body,
                           answer=lambda engine, cluster, response, body: dict(cluster, autoscale=body))),
        "eviction_policy": Field(update=Request(
            "PUT", "/eviction_policy", body=lambda engine, cluster, changes: {
                "eviction_policy": changes["eviction_policy"].after},
            refuse=engine_refusal("eviction_policy", CACHE_ENGINES),
            answer=sent_settings)),
        "sql_mode": Field(normalize=normalize_sql_mode, update=Request(
            "PUT", "/sql_mode", body=lambda engine, cluster, changes: {"sql_mode": changes["sql_mode"].after},
            refuse=engine_refusal("sql_mode", ("mysql",)),
            answer=sent_settings)),
        "do_settings": Field(normalize=normalize_do_settings, update=Request(
            "PUT", "/do_settings", body=lambda engine, cluster, changes: {"do_settings": changes["do_settings"].after},
            answer=sent_settings)),
        "install_update": Field(
            read=no_pending_update, wanted=lambda params: True if params.get("install_update") else None,
            update=Request("PUT", "/install_update", body=lambda engine, cluster, changes: None)),
        "backup_restore": Field(write_only=True),
    },
    create=Create(
        fields=("name", "engine", "version", "size", "num_nodes", "region", "private_network_uuid", "tags",
                "storage_size_mib", "project_id", "storage_autoscale", "do_settings", "backup_restore"),
        required=("engine", "size", "num_nodes", "region"),
        body=cluster_create_body,
        then=("maintenance_window", "eviction_policy", "sql_mode"),
    ),
    ready=Ready(is_online),
    delete=Delete(wait=True),
    prepare=check_cluster,
    extras=connections,
    expand=cluster_settings,
)


# -- objects inside a cluster --------------------------------------------------------------------------

IN_CLUSTER = Parent(DATABASE_CLUSTER, "cluster_id", "cluster_name")


def cluster_argument_spec():
    return dict(
        cluster_id=dict(type="str"),
        cluster_name=dict(type="str"),
    )


CLUSTER_CHOICE = dict(required_one_of=[("cluster_id", "cluster_name")],
                      mutually_exclusive=[("cluster_id", "cluster_name")])


def cluster_id_of(engine, resource):
    return {"cluster_id": (engine.parent or {}).get("id")}


def check_object_name(what):
    def check(params):
        name = params.get("name")
        if name is not None and not OBJECT_NAME.match(name):
            raise PlanError("name must be a %s name of letters, digits, '_', '.' and '-' (at most 63 "
                            "characters, not starting with '.' or '-'), got %r" % (what, name))
    return check


def child_api(segment, key):
    return Api("/v2/databases/{parent}/%s" % segment, key, id_field="name")


DATABASE_DB = ResourceSpec(
    kind="database_db",
    api=child_api("dbs", "db"),
    lookup=Lookup(id_option="name"),
    create=Create(fields=("name",)),
    parent=IN_CLUSTER,
    prepare=check_object_name("database"),
    extras=cluster_id_of,
    label="database",
)


# -- users -----------------------------------------------------------------------------------------

# Which engine each user setting belongs to.
SETTING_ENGINES = {"pg_allow_replication": ("pg",), "acl": ("kafka",), "opensearch_acl": ("opensearch",),
                   "mongo_user_settings": ("mongodb",), "readonly": ("mongodb",)}


def auth_body(engine, user, changes):
    """A new password, and for MySQL the authentication plugin, through POST .../reset_auth."""
    check_auth_plugin(engine)
    plugin = engine.params.get("mysql_auth_plugin")
    return {"mysql_settings": {"auth_plugin": plugin}} if plugin else {}


def user_create_body(engine, body):
    check_auth_plugin(engine)
    check_user_settings(engine)
    plugin = engine.params.get("mysql_auth_plugin")
    if plugin:
        body["mysql_settings"] = {"auth_plugin": plugin}
    if "settings" in body:
        body["settings"] = normalize_user_settings(body["settings"])
    return body


def check_auth_plugin(engine):
    cluster = engine.parent or {}
    if engine.params.get("mysql_auth_plugin") and cluster.get("engine") not in (None, "mysql"):
        raise PlanError("mysql_auth_plugin applies to MySQL clusters only; %s is a %s cluster" % (
            cluster.get("name"), cluster.get("engine")))


def check_user_settings(engine):
    """Each setting belongs to one engine: refused, naming it, for a cluster of another one."""
    cluster = engine.parent or {}
    given = dict(without_none(engine.params.get("settings")), readonly=engine.params.get("readonly"))
    for key, value in sorted(given.items()):
        option = key if key == "readonly" else "settings.%s" % key
        require_engine(option, value, SETTING_ENGINES[key], cluster.get("engine"), "cluster %s" % cluster.get("name"))


def normalize_user_settings(value):
    """The settings a task sets, in one comparable shape: ACLs as sorted lists without their ids,
    MongoDB databases sorted; unset settings left out."""
    settings = {}
    for key, item in without_none(value).items():
        if key == "acl":
            item = sorted(({"topic": acl.get("topic"), "permission": acl.get("permission")} for acl in item),
                          key=lambda acl: (str(acl["topic"]), str(acl["permission"])))
        elif key == "opensearch_acl":
            item = sorted(({"index": acl.get("index"), "permission": acl.get("permission")} for acl in item),
                          key=lambda acl: (str(acl["index"]), str(acl["permission"])))
        elif key == "mongo_user_settings":
            item = without_none(item)
            if "databases" in item:
                item["databases"] = sorted(item["databases"])
        settings[key] = item
    return settings


def same_settings(user, have, want):
    """The settings the task sets match (for mongo_user_settings, the parts it sets)."""
    have = have or {}
    for key, value in want.items():
        if key == "mongo_user_settings":
            if any((have.get(key) or {}).get(part) != item for part, item in value.items()):
                return False
        elif have.get(key, False if key == "pg_allow_replication" else None) != value:
            return False
    return True


def settings_body(engine, user, changes):
    """The PUT replaces the settings: the ones the task does not set keep their value."""
    settings = normalize_user_settings(user.get("settings"))
    wanted = changes["settings"].after
    for key, value in wanted.items():
        settings[key] = dict(settings.get(key) or {}, **value) if key == "mongo_user_settings" else value
    return {"settings": settings}


RESET_AUTH = Request("POST", "/reset_auth", body=auth_body,
                     refuse=lambda engine, user, changes: check_auth_plugin(engine))

DATABASE_USER = ResourceSpec(
    kind="database_user",
    api=child_api("users", "user"),
    lookup=Lookup(id_option="name"),
    fields={
        "password": Field(read=lambda user: user.get("password") or "", sensitive=True, trigger=True,
                          wanted=lambda params: RESET if params.get("reset_password") else None, update=RESET_AUTH),
        "mysql_auth_plugin": Field(read=lambda user: (user.get("mysql_settings") or {}).get("auth_plugin"),
                                   update=RESET_AUTH),
        "settings": Field(normalize=normalize_user_settings, equal=same_settings, update=Put(
            body=settings_body, refuse=lambda engine, user, changes: check_user_settings(engine), answer=True)),
        "readonly": Field(write_only=True),
    },
    create=Create(fields=("name", "settings", "readonly"), body=user_create_body),
    parent=IN_CLUSTER,
    prepare=check_object_name("user"),
    resolve=lambda engine: check_user_settings(engine) or engine.params,
    extras=cluster_id_of,
)


# -- connection pools --------------------------------------------------------------------------------


def check_pool(params):
    name = params.get("name")
    if name is not None and not 3 <= len(name) <= 60:
        raise PlanError("name of a connection pool must be 3 to 60 characters, got %r" % name)
    size = params.get("size")
    if size is not None and size < 1:
        raise PlanError("size must be at least 1 connection, got %s" % size)


def pool_body(engine, pool, changes):
    # The PUT replaces the pool: mode, size and db are required, user keeps its value when unset.
    full = {field: pool.get(field) for field in ("mode", "size", "db", "user")}
    full.update({field: engine.params.get(field) for field in changes if engine.params.get(field) is not None})
    if not full.get("user"):
        full.pop("user")
    return full


POOL_PUT = Put(body=pool_body)

DATABASE_CONNECTION_POOL = ResourceSpec(
    kind="database_connection_pool",
    api=child_api("pools", "pool"),
    lookup=Lookup(id_option="name"),
    fields={
        "mode": Field(update=POOL_PUT),
        "size": Field(update=POOL_PUT),
        "db": Field(update=POOL_PUT),
        "user": Field(missing="", update=POOL_PUT),
    },
    create=Create(fields=("name", "mode", "size", "db", "user"), required=("mode", "size", "db")),
    parent=IN_CLUSTER,
    prepare=check_pool,
    extras=cluster_id_of,
    label="connection pool",
)


# -- firewall (trusted sources) ------------------------------------------------------------------


def rule_key(rule):
    return (str(rule.get("type")), str(rule.get("value")))


def check_rules(params):
    """Each rule checked for its type; the rules as a duplicate-free list of {type, value}."""
    rules = []
    for index, rule in enumerate(params.get("rules") or []):
        rtype, value = rule.get("type"), str(rule.get("value") or "")
        where = "rules[%d]" % index
        if not value:
            raise PlanError("%s.value must not be empty" % where)
        if rtype == "ip_addr":
            try:
                ipaddress.ip_network(value, strict=False)
            except ValueError:
                raise PlanError("%s.value must be an IP address or CIDR range for type ip_addr, got %s"
                                % (where, value))
        elif rtype == "droplet" and not value.isdigit():
            raise PlanError("%s.value must be a droplet id for type droplet, got %s" % (where, value))
        elif rtype in ("k8s", "app") and not UUID.match(value):
            raise PlanError("%s.value must be a UUID for type %s, got %s" % (where, rtype, value))
        elif rtype == "tag" and not TAG_NAME.match(value):
            raise PlanError("%s.value must be a tag name for type tag, got %s" % (where, value))
        if rule_key(rule) not in [rule_key(known) for known in rules]:
            rules.append({"type": rtype, "value": value})
    return dict(params, rules=rules)


class TrustedSources(SetSpec):
    """A cluster's trusted sources: the whole set is written with one PUT; kept rules keep their uuid."""

    kind = "database_firewall"
    parent = IN_CLUSTER
    collapse = "rules"
    purge_option = None

    def prepare(self, params):
        if params.get("rules") == [] and not params.get("purge"):
            raise PlanError("rules: [] removes every trusted source, after which the cluster accepts connections "
                            "from any address: set purge: true as well to do that")
        return check_rules(params)

    def path(self, engine):
        return "/v2/databases/%s/firewall" % engine.parent_id

    def read(self, engine):
        return engine.client.get(self.path(engine)).get("rules") or []

    def entries(self, engine, current):
        return engine.params.get("rules") or []

    def key(self, engine, item):
        return rule_key(item)

    def shown(self, engine, item):
        return {"type": item.get("type"), "value": item.get("value")}

    def identity(self, engine):
        return {option: engine.params.get(option) for option in ("cluster_id", "cluster_name")
                if engine.params.get(option) is not None}

    def write(self, engine, plan):
        uuids = {rule_key(item): item.get("uuid") for item in plan.current}
        rules = []
        for entry in self.entries(engine, plan.current):
            sent = dict(entry)
            if uuids.get(rule_key(entry)):
                sent["uuid"] = uuids[rule_key(entry)]
            rules.append(sent)
        engine.client.put(self.path(engine), {"rules": rules})
        if not rules:
            engine.warn("every trusted source of cluster %s was removed: it accepts connections from any address"
                        % engine.parent.get("name"))
        return self.read(engine)

    def result(self, engine, plan, final):
        return {self.kind: {"cluster_id": engine.parent_id, "rules": final}}

    def info(self, engine, current):
        return [{"cluster_id": engine.parent_id, "rules": current}]


DATABASE_FIREWALL = TrustedSources()
