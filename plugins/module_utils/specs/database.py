# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Managed databases: clusters, and the databases, users, connection pools and trusted sources
(firewall rules) inside a cluster.

The cluster is a plain ResourceSpec. The objects inside a cluster are declared by factories that
take the cluster's id, because their paths contain it: a child module first resolves its cluster
(by ``cluster_id``, or by ``cluster_name`` through the clusters list), then runs the engine with
the declaration for that cluster.

Secrets: the API returns passwords and connection URIs (which embed the password) in clusters,
users and pools. Unless the task itself runs with ``no_log: true``, every such value is added to
the module's ``no_log_values`` before the result is returned, so Ansible masks it wherever it
appears in the output (``-v``, ``--diff``, callbacks, registered variables).
"""

from __future__ import annotations

import ipaddress
import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    SENSITIVE,
    PlanError,
    ResourceSpec,
    TagsUpdater,
    Updater,
    run_info,
    sorted_set,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import wait_for_status

ONLINE = "online"
ENGINES = ("pg", "mysql", "valkey", "redis", "mongodb", "kafka", "opensearch")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HOUR = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9])?$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
TAG = re.compile(r"^[a-zA-Z0-9_\-:]{1,255}$")
OBJECT_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,62}$")
SECRET_KEYS = ("password", "uri", "access_key", "access_cert")
RULE_TYPES = ("ip_addr", "droplet", "k8s", "tag", "app")
POOL_MODES = ("session", "transaction", "statement")


# -- secrets ---------------------------------------------------------------------------------------


def secrets_in(value):
    """Every secret string (passwords, URIs, keys) anywhere in an API object."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in SECRET_KEYS and isinstance(item, str) and item and item != SENSITIVE:
                found.append(item)
            else:
                found.extend(secrets_in(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(secrets_in(item))
    return found


def run_masked(module, produce):
    """module.exit(produce), with every secret of the result registered with Ansible's no_log.

    When the task runs with ``no_log: true`` Ansible hides the whole result from the output, so
    the secrets are returned as they are, for later tasks to use.
    """

    def masked():
        result = produce()
        if not module.ansible.no_log:
            # plan and diff hold no secrets: sensitive fields are "(sensitive)" there.
            objects = {key: value for key, value in result.items() if key not in ("plan", "diff")}
            for secret in secrets_in(objects):
                module.ansible.no_log_values.add(secret)
        return result

    module.exit(masked)


# -- waiting for the cluster -------------------------------------------------------------------------


def is_online(cluster):
    return (cluster or {}).get("status") == ONLINE


def wait_online(engine, cluster_id, doing):
    """Wait until the cluster is online again after `doing`; returns the cluster."""
    path = "/v2/databases/%s" % cluster_id

    def fetch():
        return engine.client.get(path).get("database")

    return wait_for_status(
        fetch, is_online, engine.poller,
        lambda last: "database cluster %s to be online after %s (status %s)" % (
            cluster_id, doing, (last or {}).get("status")))


# -- the cluster ------------------------------------------------------------------------------------


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


class ResizeUpdater(Updater):
    """size, num_nodes and storage_size_mib change together through one PUT .../resize."""

    via = "PUT:resize"

    def check(self, engine, current, change):
        before = engine.current_value(current, "storage_size_mib")
        after = engine.params.get("storage_size_mib")
        if after is not None and before is not None and after < before:
            raise PlanError("storage_size_mib of %s cannot shrink from %s to %s" % (
                engine.describe(current), before, after))

    def apply(self, engine, current, change):
        done = engine.__dict__.setdefault("_database_applied", set())
        if "resize" in done:
            return
        done.add("resize")
        body = {
            "size": engine.params.get("size") or current.get("size"),
            "num_nodes": engine.params.get("num_nodes") or current.get("num_nodes"),
        }
        if engine.params.get("storage_size_mib") is not None:
            body["storage_size_mib"] = engine.params["storage_size_mib"]
        engine.client.put("/v2/databases/%s/resize" % current["id"], body)
        if engine.wait:
            wait_online(engine, current["id"], "the resize")


class MigrateUpdater(Updater):
    via = "PUT:migrate"

    def apply(self, engine, current, change):
        engine.client.put("/v2/databases/%s/migrate" % current["id"], {"region": change.after})
        if engine.wait:
            wait_online(engine, current["id"], "the migration")


class MaintenanceUpdater(Updater):
    via = "PUT:maintenance"

    def apply(self, engine, current, change):
        set_maintenance(engine, current["id"], change.after)


def set_maintenance(engine, cluster_id, window):
    engine.client.put("/v2/databases/%s/maintenance" % cluster_id, {"day": window["day"], "hour": window["hour"]})


def validate_cluster(engine):
    params = engine.params
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


def maintenance_after_create(engine, cluster, response):
    window = normalize_window(engine.params.get("maintenance_window"))
    if window and normalize_window(maintenance_of(cluster)) != window:
        set_maintenance(engine, cluster["id"], window)
    return cluster


_RESIZE = ResizeUpdater()

DATABASE_CLUSTER = ResourceSpec(
    kind="database_cluster",
    singular="database",
    plural="databases",
    collection="/v2/databases",
    item="/v2/databases/{id}",
    identity=("name",),
    create=("name", "engine", "version", "size", "num_nodes", "region", "private_network_uuid", "tags",
            "storage_size_mib", "project_id"),
    actions={
        "tags": TagsUpdater("database"),
        "maintenance_window": MaintenanceUpdater(),
        "size": _RESIZE,
        "num_nodes": _RESIZE,
        "storage_size_mib": _RESIZE,
        "region": MigrateUpdater(),
    },
    immutable=("engine", "version", "private_network_uuid", "project_id"),
    read={"maintenance_window": maintenance_of},
    normalize={"tags": sorted_set, "version": str, "maintenance_window": normalize_window},
    validate=validate_cluster,
    required_to_create=("engine", "size", "num_nodes", "region"),
    after_create=maintenance_after_create,
    wait_ready=is_online,
    wait_delete=True,
)


def cluster_result(result):
    """The connection details also at the top of the result, next to the cluster."""
    cluster = result.get("database") or {}
    result["connection"] = cluster.get("connection") or {}
    result["private_connection"] = cluster.get("private_connection") or {}
    return result


def run_cluster(module):
    run_masked(module, lambda: cluster_result(module.engine(DATABASE_CLUSTER).run()))


def run_cluster_info(module):
    params = module.params

    def produce():
        filters = {field: params.get(field) for field in ("name", "engine", "region")}
        clusters = run_info(DATABASE_CLUSTER, module.client, params, filters, {"tag_name": params.get("tag_name")})
        return {"changed": False, "databases": clusters}

    run_masked(module, produce)


# -- finding the cluster of a child object -------------------------------------------------------


def cluster_argument_spec():
    return dict(
        cluster_id=dict(type="str"),
        cluster_name=dict(type="str"),
    )


CLUSTER_CHOICE = dict(required_one_of=[("cluster_id", "cluster_name")],
                      mutually_exclusive=[("cluster_id", "cluster_name")])


def resolve_cluster(client, params):
    """The cluster named by cluster_id or cluster_name; a clear error when there is none or several."""
    cluster_id = params.get("cluster_id")
    if cluster_id:
        found = client.get_or_none("/v2/databases/%s" % cluster_id)
        if not found:
            raise PlanError("database cluster with cluster_id %s does not exist" % cluster_id)
        return found["database"]
    name = params.get("cluster_name")
    matches = [c for c in client.paginate("/v2/databases", "databases") if c.get("name") == name]
    if not matches:
        raise PlanError("no database cluster is named %s (cluster_name)" % name)
    if len(matches) > 1:
        raise PlanError("%d database clusters are named %s: ids %s. Give cluster_id to choose one." % (
            len(matches), name, ", ".join(c["id"] for c in matches)))
    return matches[0]


def run_child(module, factory, validate=None):
    """Resolve the cluster, then reconcile the child object the factory declares for it."""

    def produce():
        if validate:
            validate(module.params)
        spec = factory(resolve_cluster(module.client, module.params))
        result = module.engine(spec).run()
        result["cluster_id"] = spec.cluster_id
        return result

    run_masked(module, produce)


def run_child_info(module, factory):
    def produce():
        spec = factory(resolve_cluster(module.client, module.params))
        name = module.params.get("name")
        if name:
            found = module.client.get_or_none(spec.item_path(name))
            items = [found[spec.singular]] if found else []
        else:
            items = module.client.paginate(spec.collection, spec.plural)
        return {"changed": False, "cluster_id": spec.cluster_id, spec.plural: items}

    run_masked(module, produce)


def _child_spec(cluster, **kwargs):
    base = "/v2/databases/%s/%s" % (cluster["id"], kwargs.pop("segment"))
    spec = ResourceSpec(collection=base, item=base + "/{id}", identity=("name",), id_field="name",
                        id_option="name", **kwargs)
    spec.cluster_id = cluster["id"]
    spec.cluster = cluster
    return spec


def check_object_name(params, what):
    name = params.get("name")
    if name is not None and not OBJECT_NAME.match(name):
        raise PlanError("name must be a %s name of letters, digits, '_', '.' and '-' (at most 63 "
                        "characters, not starting with '.' or '-'), got %r" % (what, name))


# -- databases (dbs) ------------------------------------------------------------------------------


def db_spec(cluster):
    return _child_spec(cluster, segment="dbs", kind="database_db", singular="db", plural="dbs", create=("name",),
                       validate=lambda engine: check_object_name(engine.params, "database"))


# -- users -----------------------------------------------------------------------------------------

RESET = "(reset)"


class ResetAuthUpdater(Updater):
    """A new password, and for MySQL the authentication plugin, through POST .../reset_auth."""

    via = "POST:reset_auth"

    def apply(self, engine, current, change):
        done = engine.__dict__.setdefault("_database_applied", set())
        if "reset_auth" in done:
            return
        done.add("reset_auth")
        body = {}
        plugin = engine.params.get("mysql_auth_plugin")
        if plugin:
            body["mysql_settings"] = {"auth_plugin": plugin}
        engine.client.post(engine.spec.item_path(current["name"]) + "/reset_auth", body)


def wanted_reset(engine):
    return {"password": RESET} if engine.params.get("reset_password") else {}


def user_create_body(engine, body):
    plugin = engine.params.get("mysql_auth_plugin")
    if plugin:
        body["mysql_settings"] = {"auth_plugin": plugin}
    return body


def user_spec(cluster):
    reset = ResetAuthUpdater()
    return _child_spec(
        cluster, segment="users", kind="database_user", singular="user", plural="users",
        create=("name",),
        actions={"password": reset, "mysql_auth_plugin": reset},
        read={"mysql_auth_plugin": lambda user: (user.get("mysql_settings") or {}).get("auth_plugin"),
              "password": lambda user: user.get("password") or ""},
        sensitive=("password",),
        equal={"password": lambda obj, have, want: False},
        extra_desired=wanted_reset,
        prepare_create=user_create_body,
        validate=validate_user,
    )


def validate_user(engine):
    check_object_name(engine.params, "user")
    if engine.params.get("mysql_auth_plugin") and engine.spec.cluster.get("engine") != "mysql":
        raise PlanError("mysql_auth_plugin applies to MySQL clusters only; %s is a %s cluster" % (
            engine.spec.cluster.get("name"), engine.spec.cluster.get("engine")))


# -- connection pools --------------------------------------------------------------------------------


def validate_pool(params):
    name = params.get("name") or ""
    if not 3 <= len(name) <= 60:
        raise PlanError("name of a connection pool must be 3 to 60 characters, got %r" % name)
    size = params.get("size")
    if size is not None and size < 1:
        raise PlanError("size must be at least 1 connection, got %s" % size)


def pool_update_body(engine, current, body):
    # The PUT replaces the pool: mode, size and db are required, user keeps its value when unset.
    full = {field: current.get(field) for field in ("mode", "size", "db", "user")}
    full.update({field: value for field, value in body.items() if value is not None})
    if not full.get("user"):
        full.pop("user")
    return full


def pool_spec(cluster):
    return _child_spec(
        cluster, segment="pools", kind="database_connection_pool", singular="pool", plural="pools",
        create=("name", "mode", "size", "db", "user"),
        update=("mode", "size", "db", "user"),
        update_method="PUT",
        update_body=pool_update_body,
        normalize={"user": lambda user: user or ""},
        validate=lambda engine: validate_pool(engine.params),
        required_to_create=("mode", "size", "db"),
        label="connection pool",
    )


# -- firewall (trusted sources) ------------------------------------------------------------------


def rule_key(rule):
    return (str(rule.get("type")), str(rule.get("value")))


def normalize_rules(rules):
    """Rules as a sorted, duplicate-free list of {type, value}: compared as a set."""
    if rules is None:
        return None
    return [{"type": rtype, "value": value} for rtype, value in sorted({rule_key(rule) for rule in rules})]


def validate_rules(params):
    for index, rule in enumerate(params.get("rules") or []):
        rtype, value = rule.get("type"), str(rule.get("value") or "")
        where = "rules[%d]" % index
        if not value:
            raise PlanError("%s.value must not be empty" % where)
        if rtype == "ip_addr":
            try:
                ipaddress.ip_network(value, strict=False)
            except ValueError:
                raise PlanError("%s.value must be an IP address or CIDR range for type ip_addr, got %s" % (where, value))
        elif rtype == "droplet" and not value.isdigit():
            raise PlanError("%s.value must be a droplet id for type droplet, got %s" % (where, value))
        elif rtype in ("k8s", "app") and not UUID.match(value):
            raise PlanError("%s.value must be a UUID for type %s, got %s" % (where, rtype, value))
        elif rtype == "tag" and not TAG.match(value):
            raise PlanError("%s.value must be a tag name for type tag, got %s" % (where, value))


class RulesUpdater(Updater):
    """Replaces the whole set through PUT .../firewall; kept rules keep their uuid."""

    via = "PUT"

    def apply(self, engine, current, change):
        existing = {rule_key(rule): rule.get("uuid") for rule in current.get("rules_api") or []}
        rules = []
        for rule in change.after:
            sent = {"type": rule["type"], "value": rule["value"]}
            if existing.get(rule_key(rule)):
                sent["uuid"] = existing[rule_key(rule)]
            rules.append(sent)
        engine.client.put(engine.spec.item_path(current["cluster_id"]), {"rules": rules})


def find_rules(engine):
    spec = engine.spec
    rules = engine.client.get(spec.item_path(spec.cluster_id)).get("rules") or []
    return {"cluster_id": spec.cluster_id, "cluster_name": spec.cluster.get("name"), "rules": rules,
            "rules_api": rules}


def firewall_spec(cluster):
    spec = ResourceSpec(
        kind="database_firewall",
        singular="firewall",
        plural="firewalls",
        collection="/v2/databases/%s/firewall" % cluster["id"],
        item="/v2/databases/{id}/firewall",
        identity=("cluster_id", "cluster_name"),
        id_field="cluster_id",
        id_option="_no_id",
        actions={"rules": RulesUpdater()},
        normalize={"rules": normalize_rules},
        finder=find_rules,
    )
    spec.cluster_id = cluster["id"]
    spec.cluster = cluster
    return spec


def run_firewall(module):
    def produce():
        validate_rules(module.params)
        spec = firewall_spec(resolve_cluster(module.client, module.params))
        engine = module.engine(spec)
        current = engine.find()
        plan = engine.plan(current)
        before = engine.projection(current, plan)
        after = engine.projected_after(before, plan)
        if not engine.check_mode and plan.changed:
            spec.actions["rules"].apply(engine, current, plan.changes["rules"])
            current = find_rules(engine)
        firewall = {"cluster_id": spec.cluster_id, "rules": current["rules"]}
        return {"changed": plan.changed, "firewall": firewall, "diff": {"before": before, "after": after},
                "plan": plan.as_dict(spec.sensitive)}

    module.exit(produce)


def run_firewall_info(module):
    """The cluster's trusted sources as a list; reads only."""
    def produce():
        spec = firewall_spec(resolve_cluster(module.client, module.params))
        rules = module.client.get(spec.item_path(spec.cluster_id)).get("rules") or []
        return {"changed": False, "cluster_id": spec.cluster_id, "rules": rules}

    module.exit(produce)
