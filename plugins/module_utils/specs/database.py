# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Managed databases: clusters, and the databases, users and connection pools inside a cluster.

The objects inside a cluster declare the cluster as their parent: a child module names it by
``cluster_id`` or ``cluster_name``, and the engine resolves it first. When the cluster is gone,
``state: absent`` of a child has nothing to do.

Secrets: the API returns passwords and connection URIs (which embed the password) in clusters,
users and pools. The module runner masks every such value in the output (docs/design.md,
"Secrets") unless the task itself runs with ``no_log: true``.
"""

from __future__ import annotations

import ipaddress
import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import TAG_NAME, UUID, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Parent, Put, Ready, Request
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, tags_field
from ansible_collections.fathom.digitalocean.plugins.module_utils.sets import SetSpec

ONLINE = "online"
ENGINES = ("pg", "mysql", "valkey", "redis", "mongodb", "kafka", "opensearch")
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


def connections(engine, cluster):
    """The connection details also at the top of the result, next to the cluster."""
    return {"connection": (cluster or {}).get("connection") or {},
            "private_connection": (cluster or {}).get("private_connection") or {}}


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
        "version": Field(normalize=str),
    },
    create=Create(
        fields=("name", "engine", "version", "size", "num_nodes", "region", "private_network_uuid", "tags",
                "storage_size_mib", "project_id"),
        required=("engine", "size", "num_nodes", "region"),
        then=("maintenance_window",),
    ),
    ready=Ready(is_online),
    delete=Delete(wait=True),
    prepare=check_cluster,
    extras=connections,
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


def auth_body(engine, user, changes):
    """A new password, and for MySQL the authentication plugin, through POST .../reset_auth."""
    check_auth_plugin(engine)
    plugin = engine.params.get("mysql_auth_plugin")
    return {"mysql_settings": {"auth_plugin": plugin}} if plugin else {}


def user_create_body(engine, body):
    check_auth_plugin(engine)
    plugin = engine.params.get("mysql_auth_plugin")
    if plugin:
        body["mysql_settings"] = {"auth_plugin": plugin}
    return body


def check_auth_plugin(engine):
    cluster = engine.parent or {}
    if engine.params.get("mysql_auth_plugin") and cluster.get("engine") not in (None, "mysql"):
        raise PlanError("mysql_auth_plugin applies to MySQL clusters only; %s is a %s cluster" % (
            cluster.get("name"), cluster.get("engine")))


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
    },
    create=Create(fields=("name",), body=user_create_body),
    parent=IN_CLUSTER,
    prepare=check_object_name("user"),
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
