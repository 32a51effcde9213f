# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""DigitalOcean Kubernetes (DOKS): the declarations the kubernetes_cluster and
kubernetes_node_pool modules (and their _info modules) share.

A cluster is found by name and region. Its version is given as a slug (1.32.5-do.0), a version
(1.32.5), a minor version (1.32) or ``latest``, resolved through /v2/kubernetes/options at create;
later it changes only through POST .../upgrade, to a version GET .../upgrades lists. name, tags,
maintenance_policy, auto_upgrade, surge_upgrade, ha, control_plane_firewall,
cluster_autoscaler_configuration and routing_agent change with one PUT (which requires the name).
The node pools given inline are a set keyed by name (created, updated, and with purge deleted)
changed through the node pool endpoints. The registry integration is /v2/kubernetes/registry.

DOKS adds the tags ``k8s`` and ``k8s:<cluster id>`` (``k8s:worker`` on pools) to what it answers:
they are never compared nor sent.
"""

from __future__ import annotations

import calendar
import os
import re
import tempfile
import time

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import UUID, PlanError, is_unknown
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import Change
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Parent, Put, Ready
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, Updater
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import check_tag_names, same_tags, tag_set

NAME = re.compile(r"^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")
NAME_RULE = "1 to 63 lower-case letters, digits or '-', starting with a letter and ending with a letter or digit"
VERSION = re.compile(r"^(latest|\d+\.\d+(\.\d+(-do\.\d+)?)?)$")
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
DAYS = ("any", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
OPTIONS_PATH = "/v2/kubernetes/options"
REGISTRY_PATH = "/v2/kubernetes/registry"
POOL_KEYS = ("size", "count", "auto_scale", "min_nodes", "max_nodes", "labels", "taints", "tags")
# A pool's fields that change through its PUT (the size never changes).
POOL_UPDATABLE = ("count", "auto_scale", "min_nodes", "max_nodes", "labels", "taints", "tags")
PURGE = "(purge)"
DEFAULT_EXPIRY = 7 * 24 * 3600
SELECTIVE_KEYS = ("load_balancers", "volumes", "volume_snapshots")


# -- values --------------------------------------------------------------------------------------------

def user_tags(values):
    """The tags a user set: without the k8s, k8s:<id> and k8s:worker tags DOKS adds."""
    return [tag for tag in (values or []) if tag != "k8s" and not str(tag).startswith("k8s:")]


def without_none(value):
    if isinstance(value, dict):
        return {key: without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_none(item) for item in value]
    return value


def subset_equal(obj, have, want):
    """An object option compares on the keys the task sets."""
    have = have or {}
    return all(have.get(key) == value for key, value in (want or {}).items())


def normalize_taints(taints):
    return sorted((dict(taint, value=taint.get("value") or "") for taint in taints or []),
                  key=lambda taint: (taint.get("key"), taint.get("effect"), taint.get("value")))


def pool_view(pool, keys=POOL_KEYS):
    """A node pool as compared: the managed keys only, in a canonical form."""
    out = {}
    for key in keys:
        value = pool.get(key)
        if key == "tags":
            value = tag_set(user_tags(value))
        elif key == "labels":
            value = dict(value or {})
        elif key == "taints":
            value = normalize_taints(value)
        elif key in ("auto_scale",):
            value = bool(value)
        out[key] = value
    return out


def wanted_pool(entry):
    """An inline pool entry as compared: the keys the task sets; the count of an autoscaled pool is the
    autoscaler's business once the pool exists (it is sent at create only)."""
    view = pool_view(entry)
    wanted = {key: view[key] for key in POOL_KEYS if entry.get(key) is not None}
    if entry.get("auto_scale"):
        wanted.pop("count", None)
    return wanted


def read_pools(cluster):
    return {pool["name"]: pool_view(pool) for pool in cluster.get("node_pools") or []}


def wanted_pools(params):
    if params.get("node_pools") is None:
        return None
    wanted = {entry["name"]: wanted_pool(entry) for entry in params["node_pools"]}
    if params.get("purge"):
        wanted[PURGE] = True
    return wanted


def pools_equal(obj, have, want):
    have = have or {}
    for name, entry in want.items():
        if name == PURGE:
            continue
        if name not in have or any(have[name].get(key) != value for key, value in entry.items()):
            return False
    return not want.get(PURGE) or set(have) <= set(want)


def show_pools(engine, value):
    return {name: entry for name, entry in (value or {}).items() if name != PURGE}


def maintenance_view(value):
    value = without_none(value or {})
    return {key: (str(value[key]).lower() if key == "day" else value[key])
            for key in ("day", "start_time") if key in value}


# -- checks before any request -------------------------------------------------------------------------

def check_name(option, name):
    if name is not None and not NAME.match(name):
        raise PlanError("%s must be %s, got %r" % (option, NAME_RULE, name))


def check_pool_entry(where, entry, creating):
    """One node pool's options: name rule, size given, count within min_nodes and max_nodes."""
    check_name(where + "name", entry.get("name"))
    if creating and not entry.get("size"):
        raise PlanError("%ssize is required to create node pool %s: give a Droplet size slug such as "
                        "s-2vcpu-4gb" % (where, entry.get("name")))
    count, low, high = entry.get("count"), entry.get("min_nodes"), entry.get("max_nodes")
    if count is not None and count < 0:
        raise PlanError("%scount must not be negative, got %d" % (where, count))
    if entry.get("auto_scale"):
        if low is None or high is None:
            raise PlanError("%smin_nodes and max_nodes are required when auto_scale is true" % where)
        if low < 0 or low > high:
            raise PlanError("%smin_nodes (%d) must be between 0 and max_nodes (%d)" % (where, low, high))
        if count is not None and not low <= count <= high:
            raise PlanError("%scount (%d) must be between min_nodes (%d) and max_nodes (%d) when auto_scale is "
                            "true" % (where, count, low, high))
    elif count is not None and count < 1:
        raise PlanError("%scount must be at least 1 when auto_scale is off, got %d" % (where, count))
    if creating and count is None:
        raise PlanError("%scount is required to create node pool %s" % (where, entry.get("name")))
    for index, taint in enumerate(entry.get("taints") or []):
        if not taint.get("key") or taint.get("effect") not in EFFECTS:
            raise PlanError("%staints[%d] needs a key and an effect, one of %s" % (where, index, ", ".join(EFFECTS)))
    check_tag_names(where + "tags", entry.get("tags"))


def check_cluster(params):
    check_name("name", params.get("name"))
    version = params.get("version")
    if version is not None and not VERSION.match(version):
        raise PlanError("version must be latest, a minor version such as 1.32, a version such as 1.32.5 or a "
                        "slug such as 1.32.5-do.0, got %r" % version)
    vpc = params.get("vpc_uuid")
    # In check mode, a VPC the same run creates is "(known after apply)".
    if vpc and not UUID.match(vpc) and not is_unknown(vpc):
        raise PlanError("vpc_uuid must be a UUID, got %r" % vpc)
    policy = params.get("maintenance_policy") or {}
    if policy.get("day") is not None and str(policy["day"]).lower() not in DAYS:
        raise PlanError("maintenance_policy.day must be one of %s, got %r" % (", ".join(DAYS), policy["day"]))
    if policy.get("start_time") is not None and not TIME.match(policy["start_time"]):
        raise PlanError("maintenance_policy.start_time must be HH:MM in UTC, got %r" % policy["start_time"])
    names = set()
    for index, entry in enumerate(params.get("node_pools") or []):
        where = "node_pools[%d]." % index
        if entry.get("name") in names:
            raise PlanError("%sname: node pool %s is listed twice" % (where, entry["name"]))
        names.add(entry.get("name"))
        check_pool_entry(where, entry, creating=True)
    if params.get("state", "present") == "present" and params.get("node_pools") == []:
        raise PlanError("node_pools must list at least one node pool: a cluster cannot have none")
    if params.get("expiry_seconds") is not None and params["expiry_seconds"] < 0:
        raise PlanError("expiry_seconds must not be negative, got %d" % params["expiry_seconds"])
    destroy = params.get("destroy_associated_resources")
    if destroy not in (None, True, False) and not (isinstance(destroy, dict) and set(destroy) <= set(SELECTIVE_KEYS)):
        raise PlanError("destroy_associated_resources must be true, false or a dict with the lists %s"
                        % ", ".join(SELECTIVE_KEYS))
    return params


# -- versions ------------------------------------------------------------------------------------------

def version_matches(have, want):
    """Whether the cluster's version slug satisfies the version the task asks for."""
    if not have or not want or want == "latest":
        return True
    if have == want:
        return True
    plain = have.split("-")[0]
    return plain == want or plain.startswith(want + ".")


def pick_version(want, slugs, what):
    """The newest slug of slugs (newest first) that satisfies want; PlanError listing them otherwise."""
    for slug in slugs:
        if version_matches(slug, want):
            return slug
    raise PlanError("version %s is not %s: choose one of %s" % (want, what, ", ".join(slugs) or "(none)"))


def version_equal(obj, have, want):
    return version_matches(have, want)


class Upgrade(Updater):
    """The version, through POST <item>/upgrade to a version GET <item>/upgrades lists."""

    via = "POST:upgrade"

    def check(self, engine, current, changes):
        want = changes["version"].after
        listed = engine.client.get(engine.item_path(current["id"]) + "/upgrades").get("available_upgrade_versions")
        slugs = [item.get("slug") for item in listed or []]
        engine.notes["upgrade_to"] = pick_version(
            want, slugs, "an available upgrade of %s (version %s)" % (engine.describe(current), current.get("version")))

    def apply(self, engine, current, changes):
        target = engine.notes["upgrade_to"]
        path = engine.item_path(current["id"])

        def upgraded():
            """After a lost answer: the upgrade took effect when the cluster shows the version or upgrades."""
            cluster = engine.client.get(path).get("kubernetes_cluster") or {}
            return {} if cluster.get("version") == target or cluster_state(cluster) == "upgrading" else None

        engine.client.post_once(path + "/upgrade", {"version": target}, recover=upgraded)
        return engine.wait_until_ready(current, stale=True,
                                       changes={"version": Change(current.get("version"), target, self.via)})


# -- the cluster ---------------------------------------------------------------------------------------

def put_body(engine, cluster, changes):
    body = {"name": engine.params.get("name") or cluster["name"]}
    for field in changes:
        value = engine.params.get(field)
        if field == "tags":
            value = list(value)
        elif field == "maintenance_policy":
            value = maintenance_view(value)
        elif isinstance(value, dict):
            value = without_none(value)
        body[field] = value
    return body


def refuse_ha_off(engine, cluster, changes):
    change = changes.get("ha")
    if change and change.before and not change.after:
        raise PlanError("ha cannot be turned off on %s once the control plane is highly available"
                        % engine.describe(cluster))


PUT = Put(body=put_body, refuse=refuse_ha_off, answer=True)


def pool_body(entry, creating):
    keys = ("name", "size") + POOL_UPDATABLE if creating else ("name",) + POOL_UPDATABLE
    body = {key: without_none(entry[key]) for key in keys if entry.get(key) is not None}
    return body


class NodePools(Updater):
    """The inline node pools, a set keyed by name: created, updated (PUT needs name and count) and,
    with purge, deleted."""

    via = "node_pools"

    def plan(self, engine, current):
        have = {pool["name"]: pool for pool in current.get("node_pools") or []}
        create, update, delete = [], [], []
        for index, entry in enumerate(engine.params.get("node_pools") or []):
            pool = have.get(entry["name"])
            if pool is None:
                create.append(entry)
                continue
            view, wanted = pool_view(pool), wanted_pool(entry)
            changed = {key: value for key, value in wanted.items() if view.get(key) != value}
            if "size" in changed:
                raise PlanError("node_pools[%d].size cannot change in place on node pool %s (it is %s, the task "
                                "asks for %s): add a pool of the new size and remove this one"
                                % (index, entry["name"], pool.get("size"), entry["size"]))
            if changed:
                update.append((pool, entry))
        if engine.params.get("purge"):
            wanted = {entry["name"] for entry in engine.params.get("node_pools") or []}
            delete = [pool for name, pool in have.items() if name not in wanted]
        if delete and not create and len(delete) == len(have):
            raise PlanError("purge would delete every node pool of %s" % engine.describe(current))
        return create, update, delete

    def check(self, engine, current, changes):
        self.plan(engine, current)

    def apply(self, engine, current, changes):
        create, update, delete = self.plan(engine, current)
        base = engine.item_path(current["id"]) + "/node_pools"
        for entry in create:
            engine.client.post_once(base, pool_body(entry, creating=True), recover=lambda name=entry["name"]: next(
                ({"node_pool": pool} for pool in engine.client.get(base).get("node_pools") or []
                 if pool.get("name") == name), None))
        for pool, entry in update:
            body = pool_body(entry, creating=False)
            body.setdefault("count", pool.get("count"))
            if entry.get("auto_scale"):
                # The autoscaler owns the count: the current one, kept within the new bounds.
                body["count"] = min(max(pool.get("count") or 0, entry["min_nodes"]), entry["max_nodes"])
            engine.client.put("%s/%s" % (base, pool["id"]), body)
        for pool in delete:
            engine.client.delete("%s/%s" % (base, pool["id"]), ok_statuses=(404,))
        return None


class Registry(Updater):
    """The registry integration: POST or DELETE /v2/kubernetes/registry with the cluster's id."""

    via = "registry"

    def apply(self, engine, current, changes):
        body = {"cluster_uuids": [current["id"]]}
        if changes["registry_enabled"].after:
            path = engine.item_path(current["id"])
            engine.client.post_once(REGISTRY_PATH, body, recover=lambda: {} if (
                engine.client.get(path).get("kubernetes_cluster") or {}).get("registry_enabled") else None)
        else:
            engine.client.delete(REGISTRY_PATH, json=body)
        return None


def create_body(engine, body):
    """The POST body: the version resolved through /v2/kubernetes/options, pools without unset keys."""
    options = engine.client.get(OPTIONS_PATH).get("options") or {}
    slugs = [item.get("slug") for item in options.get("versions") or []]
    body["version"] = pick_version(body["version"], slugs, "a version DigitalOcean Kubernetes supports")
    regions = [item.get("slug") for item in options.get("regions") or []]
    if regions and body.get("region") not in regions:
        raise PlanError("region %s has no DigitalOcean Kubernetes: choose one of %s"
                        % (body.get("region"), ", ".join(regions)))
    sizes = [item.get("slug") for item in options.get("sizes") or []]
    body["node_pools"] = [pool_body(entry, creating=True) for entry in body["node_pools"]]
    for index, pool in enumerate(body["node_pools"]):
        if sizes and pool["size"] not in sizes:
            raise PlanError("node_pools[%d].size %s is not a size DigitalOcean Kubernetes offers" % (index, pool["size"]))
    if "maintenance_policy" in body:
        body["maintenance_policy"] = maintenance_view(body["maintenance_policy"])
    for key in ("control_plane_firewall", "cluster_autoscaler_configuration", "routing_agent"):
        if key in body:
            body[key] = without_none(body[key])
    return body


def cluster_state(cluster):
    return ((cluster or {}).get("status") or {}).get("state")


def cluster_failed(cluster):
    if cluster_state(cluster) == "error":
        return "kubernetes cluster %s (id %s) is in state error: %s" % (
            cluster.get("name"), cluster.get("id"), ((cluster.get("status") or {}).get("message") or "no message"))
    return None


def delete_cluster(engine, cluster):
    """Plain DELETE; destroy_associated_resources: true deletes the load balancers, volumes and volume
    snapshots the cluster made ("dangerous"); a dict deletes the ones it lists ("selective")."""
    path = engine.item_path(cluster["id"])
    destroy = engine.params.get("destroy_associated_resources")
    if destroy is True:
        return engine.client.delete(path + "/destroy_with_associated_resources/dangerous", ok_statuses=(404,))
    if isinstance(destroy, dict):
        body = {key: list(destroy.get(key) or []) for key in SELECTIVE_KEYS}
        return engine.client.delete(path + "/destroy_with_associated_resources/selective", json=body,
                                    ok_statuses=(404,))
    return engine.client.delete(path, ok_statuses=(404,))


# -- the kubeconfig ------------------------------------------------------------------------------------

def kubeconfig_text(cluster, creds):
    """The kubeconfig of a cluster from its credentials: one cluster, one token user, one context."""
    context = "do-%s-%s" % (cluster.get("region"), cluster.get("name"))
    return ("apiVersion: v1\n"
            "kind: Config\n"
            "clusters:\n"
            "- cluster:\n"
            "    certificate-authority-data: %(ca)s\n"
            "    server: %(server)s\n"
            "  name: %(context)s\n"
            "contexts:\n"
            "- context:\n"
            "    cluster: %(context)s\n"
            "    user: %(context)s-admin\n"
            "  name: %(context)s\n"
            "current-context: %(context)s\n"
            "preferences: {}\n"
            "users:\n"
            "- name: %(context)s-admin\n"
            "  user:\n"
            "    token: %(token)s\n") % {
                "ca": creds.get("certificate_authority_data"), "server": creds.get("server"), "context": context,
                "token": creds.get("token")}


def write_private(path, text):
    """Write text to path with mode 0600, atomically (a temporary file in the same directory, then
    rename), and only when the content differs. True when the file changed."""
    path = os.path.abspath(os.path.expanduser(path))
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.read() == text and (os.stat(path).st_mode & 0o777) == 0o600:
                return False
    except FileNotFoundError:
        pass
    directory = os.path.dirname(path)
    if not os.path.isdir(directory):
        raise PlanError("kubeconfig_path %s: directory %s does not exist" % (path, directory))
    handle, temporary = tempfile.mkstemp(prefix=".kubeconfig-", dir=directory)
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True


EXPIRES = re.compile(r"(?m)^# expires_at: (\S+)\n")
TOKEN = re.compile(r"(?m)^(\s*token: ).*$")
# A kubeconfig whose token is valid for less than this is fetched again.
RENEW_BEFORE_SECONDS = 3600


def with_expiry(text, creds):
    return ("# expires_at: %s\n" % creds["expires_at"] + text) if creds.get("expires_at") else text


def token_free(text):
    return TOKEN.sub(r"\1", EXPIRES.sub("", text))


def still_valid(existing, text, now):
    """The file holds the same kubeconfig but for its token, and that token is valid for a while:
    a new token (the API mints one per request) is no reason to rewrite it."""
    if existing is None or token_free(existing) != token_free(text):
        return False
    found = EXPIRES.search(existing)
    if not found:
        return not EXPIRES.search(text)
    try:
        expires = calendar.timegm(time.strptime(found.group(1), "%Y-%m-%dT%H:%M:%SZ"))
    except ValueError:
        return False
    return expires - now > RENEW_BEFORE_SECONDS


def read_text(path):
    try:
        with open(os.path.expanduser(path), encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def cluster_extras(engine, cluster):
    """With kubeconfig_path or return_kubeconfig: the kubeconfig from the credentials endpoint, masked
    in the output. The file is written 0600 when it changed; a token the API minted anew does not
    count as a change while the file's own token is valid for more than RENEW_BEFORE_SECONDS."""
    params = engine.params
    out = {}
    wants = params.get("kubeconfig_path") or params.get("return_kubeconfig")
    if not wants or not cluster or not cluster.get("id") or params.get("state") == "absent" \
            or str(cluster.get("id")).startswith("("):
        return out
    expiry = params.get("expiry_seconds")
    query = {"expiry_seconds": expiry if expiry is not None else DEFAULT_EXPIRY}
    creds = engine.client.get(engine.item_path(cluster["id"]) + "/credentials", params=query)
    text = with_expiry(kubeconfig_text(cluster, creds), creds)
    engine.mask([text, creds.get("token")])
    path = params.get("kubeconfig_path")
    if path:
        existing = read_text(path)
        if still_valid(existing, text, time.time()):
            text = existing
            engine.mask([TOKEN.search(existing).group(0).split("token: ", 1)[-1]] if TOKEN.search(existing) else [])
        # write_private also brings back mode 0600 on a file whose content is right.
        changed = existing != text if engine.check_mode else write_private(path, text)
        out["kubeconfig_changed"] = changed
        if changed:
            out["changed"] = True
    if params.get("return_kubeconfig"):
        out["kubeconfig"] = text
    return out


KUBERNETES_CLUSTER = ResourceSpec(
    kind="kubernetes_cluster",
    api=Api("/v2/kubernetes/clusters", "kubernetes_cluster"),
    lookup=Lookup(identity=("name", "region")),
    fields={
        "name": Field(update=PUT),
        "region": Field(),
        "version": Field(equal=version_equal, update=Upgrade()),
        "vpc_uuid": Field(),
        "tags": Field(read=lambda cluster: user_tags(cluster.get("tags")), normalize=tag_set, equal=same_tags,
                      missing=[], update=PUT, check=check_tag_names),
        "maintenance_policy": Field(read=lambda cluster: maintenance_view(cluster.get("maintenance_policy")),
                                    normalize=maintenance_view, equal=subset_equal, update=PUT),
        "auto_upgrade": Field(missing=False, update=PUT),
        "surge_upgrade": Field(missing=False, update=PUT),
        "ha": Field(missing=False, update=PUT),
        "control_plane_firewall": Field(normalize=without_none, equal=subset_equal, missing={}, update=PUT),
        "cluster_autoscaler_configuration": Field(normalize=without_none, equal=subset_equal, missing={},
                                                  update=PUT),
        "routing_agent": Field(normalize=without_none, equal=subset_equal, missing={}, update=PUT),
        "node_pools": Field(read=read_pools, wanted=wanted_pools, equal=pools_equal, show=show_pools,
                            update=NodePools()),
        "registry_enabled": Field(missing=False, update=Registry()),
    },
    create=Create(
        fields=("name", "region", "version", "vpc_uuid", "tags", "node_pools", "maintenance_policy",
                "auto_upgrade", "surge_upgrade", "ha", "control_plane_firewall",
                "cluster_autoscaler_configuration", "routing_agent"),
        required=("region", "version", "node_pools"),
        body=create_body,
        then=("registry_enabled",),
        assigned=("endpoint", "ipv4"),
    ),
    ready=Ready(lambda cluster: cluster_state(cluster) == "running", failed=cluster_failed, status="status"),
    delete=Delete(send=delete_cluster, wait=True),
    prepare=check_cluster,
    extras=cluster_extras,
    label="Kubernetes cluster",
)


# -- one node pool -------------------------------------------------------------------------------------

def check_pool(params):
    check_pool_entry("", params, creating=False)
    for name in params.get("nodes_to_replace") or []:
        if not name:
            raise PlanError("nodes_to_replace holds an empty node name")
    return params


def pool_put_body(engine, pool, changes):
    """The PUT needs name and count: the wanted count when it changes, else the current one, kept
    within min_nodes and max_nodes when the pool is (or becomes) autoscaled."""
    params = engine.params
    count = params["count"] if "count" in changes else pool.get("count") or 0
    if params.get("auto_scale") and params.get("min_nodes") is not None and params.get("max_nodes") is not None:
        count = min(max(count, params["min_nodes"]), params["max_nodes"])
    body = {"name": pool["name"], "count": count}
    for field in changes:
        if field in POOL_UPDATABLE and field != "count":
            body[field] = without_none(params.get(field))
    return body


class ReplaceNodes(Updater):
    """nodes_to_replace: each node (by name or id) is deleted and replaced by a new one
    (DELETE <pool>/nodes/{id}?replace=1)."""

    via = "replace nodes"

    @staticmethod
    def nodes(engine, pool):
        by_ref = {}
        for node in pool.get("nodes") or []:
            by_ref[node.get("name")] = node
            by_ref[node.get("id")] = node
        missing = [ref for ref in engine.params.get("nodes_to_replace") or [] if ref not in by_ref]
        if missing:
            raise PlanError("nodes_to_replace: %s is not a node of node pool %s (nodes: %s)" % (
                ", ".join(missing), pool.get("name"),
                ", ".join(sorted(n.get("name") for n in pool.get("nodes") or [])) or "none"))
        return [by_ref[ref] for ref in engine.params.get("nodes_to_replace") or []]

    def check(self, engine, current, changes):
        self.nodes(engine, current)

    def apply(self, engine, current, changes):
        for node in self.nodes(engine, current):
            # A 404 after a lost answer: that node was replaced already.
            engine.client.delete("%s/nodes/%s" % (engine.item_path(current["id"]), node["id"]),
                                 params={"replace": 1}, ok_statuses=(404,))


POOL_PUT = Put(body=pool_put_body, answer=True)


def pool_count_equal(obj, have, want):
    """The count of an autoscaled pool is the autoscaler's: it is compared only without auto_scale."""
    if obj.get("auto_scale"):
        return True
    return have == want


def pool_create_body(engine, body):
    return {key: without_none(value) for key, value in body.items()}


IN_CLUSTER = Parent(KUBERNETES_CLUSTER, "cluster", "cluster")

KUBERNETES_NODE_POOL = ResourceSpec(
    kind="kubernetes_node_pool",
    api=Api("/v2/kubernetes/clusters/{parent}/node_pools", "node_pool"),
    lookup=Lookup(identity=("name",), id_option=None),
    fields={
        "size": Field(),
        "count": Field(equal=pool_count_equal, update=POOL_PUT),
        "auto_scale": Field(missing=False, update=POOL_PUT),
        "min_nodes": Field(update=POOL_PUT),
        "max_nodes": Field(update=POOL_PUT),
        "labels": Field(missing={}, update=POOL_PUT),
        "taints": Field(normalize=normalize_taints, missing=[], update=POOL_PUT),
        "tags": Field(read=lambda pool: user_tags(pool.get("tags")), normalize=tag_set, equal=same_tags, missing=[],
                      update=POOL_PUT, check=check_tag_names),
        "nodes_to_replace": Field(trigger=True, read=lambda pool: None,
                                  wanted=lambda params: params.get("nodes_to_replace") or None,
                                  update=ReplaceNodes()),
    },
    create=Create(fields=("name", "size", "count", "auto_scale", "min_nodes", "max_nodes", "labels", "taints",
                          "tags"),
                  required=("size", "count"), body=pool_create_body),
    parent=IN_CLUSTER,
    prepare=check_pool,
    label="node pool",
)


# -- what the _info modules add ------------------------------------------------------------------------

def info_expand(engine, cluster):
    """kubernetes_cluster_info: each cluster with its upgrades and status messages, when asked."""
    cluster = dict(cluster)
    path = engine.item_path(cluster["id"])
    if engine.params.get("upgrades"):
        cluster["upgrades"] = engine.client.get(path + "/upgrades").get("available_upgrade_versions") or []
    if engine.params.get("status_messages"):
        cluster["status_messages"] = engine.client.get(path + "/status_messages").get("messages") or []
    return cluster


def info_extras(engine, clusters):
    if not engine.params.get("options"):
        return {}
    return {"options": engine.client.get(OPTIONS_PATH).get("options") or {}}
