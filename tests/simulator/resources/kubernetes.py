"""DigitalOcean Kubernetes (DOKS): /v2/kubernetes/clusters and what lives under a cluster (node
pools, nodes, upgrades, credentials, kubeconfig, status messages), /v2/kubernetes/options and the
registry integration (/v2/kubernetes/registry).

Rules of the real API kept here (reference, tag "Kubernetes"):

* a cluster has a name (unique in the account; lower-case letters, digits and '-', starting with a
  letter, at most 63 characters), a region, a version slug (``latest`` takes the newest), a VPC (the
  region's default when none is given; a given one must exist in the region) and at least one node
  pool; the POST answers 201 and the cluster reads ``provisioning`` until ``boot_seconds`` passed,
  then ``running``;
* the cluster's ``tags`` hold the user's tags plus ``k8s`` and ``k8s:<cluster id>``; each node is a
  Droplet tagged ``k8s``, ``k8s:<cluster id>``, ``k8s:worker`` and the pool's tags, listed in
  /v2/droplets;
* PUT requires ``name`` and changes name, tags, maintenance_policy, auto_upgrade, surge_upgrade, ha
  (which cannot be turned off again), control_plane_firewall, cluster_autoscaler_configuration and
  routing_agent; it answers 202;
* /upgrades lists the newer versions of the same or the next minor version; POST /upgrade takes
  only one of them (422 otherwise) and the cluster reads ``upgrading`` for ``action_seconds``;
* a node pool has a name (unique in its cluster), a size, a count, and with ``auto_scale``
  ``min_nodes <= count <= max_nodes``; PUT requires ``name`` and ``count``; the size never changes;
* DELETE of a cluster (plain, or ``destroy_with_associated_resources/dangerous|selective``) answers
  204 and deletes its node Droplets.
"""
import base64
import hashlib
import re

from tests.simulator import catalog
from tests.simulator.resources import droplets as droplets_mod
from tests.simulator.resources import images as images_mod
from tests.simulator.routing import route, seeder
from tests.simulator.state import RawBody, bad_request, iso, new_uuid, not_found, unprocessable

KIND = "kubernetes_clusters"
# Newest first: (slug, kubernetes_version).
VERSIONS = [
    ("1.33.1-do.0", "1.33.1"),
    ("1.32.5-do.0", "1.32.5"),
    ("1.32.2-do.0", "1.32.2"),
    ("1.31.9-do.0", "1.31.9"),
]
FEATURES = ["cluster-autoscaler", "docr-integration", "ha-control-plane", "token-authentication"]
NAME = re.compile(r"^[a-z][a-z0-9-]{0,61}[a-z0-9]$|^[a-z]$")
NODE_IMAGE = "ubuntu-24-04-x64"
DEFAULT_MAINTENANCE = {"start_time": "00:00", "day": "any"}
DAYS = ("any", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
OPTIONAL_OBJECTS = ("control_plane_firewall", "cluster_autoscaler_configuration", "routing_agent")


def _user_tags(tags):
    """The tags a user sets: DOKS keeps k8s, k8s:<cluster id> and k8s:worker for itself."""
    return [tag for tag in tags or [] if tag != "k8s" and not tag.startswith("k8s:")]


def _minor(version):
    return tuple(int(part) for part in version.split(".")[:2])


def resolve_version(text):
    if text == "latest":
        return VERSIONS[0]
    for slug, version in VERSIONS:
        if text in (slug, version):
            return slug, version
    return None


def available_upgrades(current_slug):
    current = resolve_version(current_slug)[1]
    newer = [(slug, version) for slug, version in VERSIONS
             if tuple(int(p) for p in version.split(".")) > tuple(int(p) for p in current.split("."))
             and _minor(version)[1] - _minor(current)[1] <= 1]
    return newer


# -- rendering -------------------------------------------------------------------------------------

def _state(ctx, cluster):
    if ctx.now < cluster["running_at"]:
        return "provisioning"
    if ctx.now < cluster.get("upgrading_until", 0):
        return "upgrading"
    return "running"


def render_node(ctx, node):
    droplet = ctx.coll("droplets").get(node["droplet_id"])
    state = "running" if droplet is not None and ctx.now >= droplet.get("boot_until", 0) else "provisioning"
    return {"id": node["id"], "name": node["name"], "status": {"state": state},
            "droplet_id": str(node["droplet_id"]), "created_at": iso(node["created"]),
            "updated_at": iso(node["created"])}


def render_pool(ctx, cluster, pool):
    out = {
        "id": pool["id"], "name": pool["name"], "size": pool["size"], "count": pool["count"],
        "tags": ["k8s", "k8s:" + cluster["id"], "k8s:worker"] + list(pool["tags"]),
        "labels": dict(pool["labels"]) if pool["labels"] else None,
        "taints": [dict(taint) for taint in pool["taints"]],
        "auto_scale": pool["auto_scale"], "min_nodes": pool["min_nodes"], "max_nodes": pool["max_nodes"],
        "nodes": [render_node(ctx, node) for node in pool["nodes"]],
    }
    return out


def render_cluster(ctx, cluster, read=True):
    maintenance = dict(cluster["maintenance_policy"], duration="4h0m0s")
    out = {
        "id": cluster["id"], "name": cluster["name"], "region": cluster["region"],
        "version": cluster["version"], "cluster_subnet": "10.244.0.0/16", "service_subnet": "10.245.0.0/16",
        "vpc_uuid": cluster["vpc_uuid"], "ipv4": cluster["ipv4"],
        "endpoint": "https://%s.k8s.ondigitalocean.com" % cluster["id"],
        "tags": ["k8s", "k8s:" + cluster["id"]] + list(cluster["tags"]),
        "node_pools": [render_pool(ctx, cluster, pool) for pool in cluster["node_pools"]],
        "maintenance_policy": maintenance,
        "auto_upgrade": cluster["auto_upgrade"], "surge_upgrade": cluster["surge_upgrade"],
        "ha": cluster["ha"], "registry_enabled": cluster["registry_enabled"],
        "status": {"state": _state(ctx, cluster), "message": ""},
        "created_at": iso(cluster["created"]), "updated_at": iso(cluster["updated"]),
    }
    for key in OPTIONAL_OBJECTS:
        if cluster.get(key) is not None:
            out[key] = cluster[key]
    if read:
        out["registries"] = ["registry"] if cluster["registry_enabled"] else []
    return out


# -- checks ----------------------------------------------------------------------------------------

def _get_or_404(ctx, cluster_id):
    cluster = ctx.coll(KIND).get(cluster_id)
    if cluster is None:
        raise not_found()
    return cluster


def _pool_or_404(cluster, pool_id):
    for pool in cluster["node_pools"]:
        if pool["id"] == pool_id:
            return pool
    raise not_found()


def _check_name(name, what="name"):
    if not NAME.match(name or ""):
        raise unprocessable("%s: must be 1 to 63 lower-case letters, digits or '-', start with a letter and end "
                            "with a letter or digit" % what)


def _check_scale(body, where, count, auto_scale, min_nodes, max_nodes):
    if count < 0:
        raise unprocessable("%scount: must not be negative" % where)
    if auto_scale:
        if min_nodes > max_nodes:
            raise unprocessable("%smin_nodes: must not be greater than max_nodes" % where)
        if not min_nodes <= count <= max_nodes:
            raise unprocessable("%scount: must be between min_nodes (%d) and max_nodes (%d)"
                                % (where, min_nodes, max_nodes))
    elif count < 1:
        raise unprocessable("%scount: must be at least 1 when auto_scale is off" % where)


def _check_taints(taints, where):
    for index, taint in enumerate(taints or []):
        if not taint.get("key") or taint.get("effect") not in ("NoSchedule", "PreferNoSchedule", "NoExecute"):
            raise unprocessable("%staints[%d]: a taint needs a key and an effect" % (where, index))


def _check_maintenance(policy):
    if policy is None:
        return
    if policy.get("day") is not None and policy["day"] not in DAYS:
        raise unprocessable("maintenance_policy.day: must be one of %s" % ", ".join(DAYS))
    if policy.get("start_time") is not None and not TIME.match(policy["start_time"]):
        raise unprocessable("maintenance_policy.start_time: must be HH:MM")


# -- nodes -----------------------------------------------------------------------------------------

def _add_node(ctx, cluster, pool):
    region = catalog.resolve_region(cluster["region"])
    size = catalog.SIZES[pool["size"]]
    image = images_mod.find_image(ctx, NODE_IMAGE)
    suffix = hashlib.sha1(("%s-%d" % (pool["id"], ctx.state.next_id("doks_node", 1))).encode()).hexdigest()[:5]
    name = "%s-%s" % (pool["name"], suffix)
    droplet = droplets_mod.new_droplet(
        ctx, name, region, size, image, vpc_uuid=cluster["vpc_uuid"],
        tags=["k8s", "k8s:" + cluster["id"], "k8s:worker"] + list(pool["tags"]))
    pool["nodes"].append({"id": new_uuid(), "name": name, "droplet_id": droplet["id"], "created": ctx.now})


def _remove_node(ctx, node):
    droplet = ctx.coll("droplets").get(node["droplet_id"])
    if droplet is not None:
        droplets_mod.destroy(ctx, droplet)


def _scale(ctx, cluster, pool):
    while len(pool["nodes"]) < pool["count"]:
        _add_node(ctx, cluster, pool)
    while len(pool["nodes"]) > pool["count"]:
        _remove_node(ctx, pool["nodes"].pop())


def new_pool(ctx, cluster, body, where="", nodes=True):
    if "name" not in body or "size" not in body or "count" not in body:
        raise unprocessable("%sname, size and count are required" % where)
    _check_name(body["name"], where + "name")
    if any(pool["name"] == body["name"] for pool in cluster["node_pools"]):
        raise unprocessable("%sname: a node pool named %s already exists in this cluster" % (where, body["name"]))
    size = catalog.SIZES.get(body["size"])
    if size is None or not size["available"]:
        raise unprocessable("%ssize: %s is not a valid Droplet size for a node pool" % (where, body["size"]))
    auto_scale = bool(body.get("auto_scale", False))
    min_nodes, max_nodes = body.get("min_nodes", 0), body.get("max_nodes", 0)
    _check_scale(body, where, body["count"], auto_scale, min_nodes, max_nodes)
    _check_taints(body.get("taints"), where)
    pool = {"id": new_uuid(), "name": body["name"], "size": body["size"], "count": body["count"],
            "tags": _user_tags(body.get("tags")),
            "labels": dict(body.get("labels") or {}), "taints": list(body.get("taints") or []),
            "auto_scale": auto_scale, "min_nodes": min_nodes, "max_nodes": max_nodes, "nodes": []}
    cluster["node_pools"].append(pool)
    if nodes:
        _scale(ctx, cluster, pool)
    return pool


def _forget_droplets(ctx, cluster):
    for pool in cluster["node_pools"]:
        for node in pool["nodes"]:
            _remove_node(ctx, node)
        pool["nodes"] = []


# -- clusters --------------------------------------------------------------------------------------

@route("GET", "/v2/kubernetes/options")
def options(ctx):
    regions = [{"name": region["name"], "slug": slug} for slug, region in sorted(catalog.REGIONS.items())
               if region["available"]]
    sizes = [{"name": slug, "slug": slug} for slug, size in catalog.SIZES.items() if size["available"]]
    versions = [{"slug": slug, "kubernetes_version": version, "supported_features": list(FEATURES)}
                for slug, version in VERSIONS]
    return 200, {"options": {"regions": regions, "sizes": sizes, "versions": versions}}


@route("GET", "/v2/kubernetes/clusters")
def list_clusters(ctx):
    items = sorted(ctx.coll(KIND).values(), key=lambda c: c["created"])
    return 200, ctx.paginate("kubernetes_clusters", items, lambda c: render_cluster(ctx, c))


def _window(policy):
    return {key: value for key, value in (policy or {}).items() if key in ("day", "start_time")}


def new_cluster(ctx, body):
    _check_name(body.get("name"))
    if any(c["name"] == body["name"] for c in ctx.coll(KIND).values()):
        raise unprocessable("name: a Kubernetes cluster named %s already exists" % body["name"])
    region = catalog.resolve_region(body.get("region"))
    if region is None or not region["available"] or region["slug"] != body.get("region"):
        raise unprocessable("region: %s is not a region where Kubernetes is available" % body.get("region"))
    version = resolve_version(body.get("version"))
    if version is None:
        raise unprocessable("version: %s is not a supported Kubernetes version (GET /v2/kubernetes/options lists "
                            "them)" % body.get("version"))
    vpc_uuid = body.get("vpc_uuid")
    if vpc_uuid:
        vpc = ctx.coll("vpcs").get(vpc_uuid)
        if vpc is None or vpc["region"] != region["slug"]:
            raise unprocessable("vpc_uuid: VPC %s does not exist in %s" % (vpc_uuid, region["slug"]))
    else:
        vpc_uuid = droplets_mod.vpc_uuid_for(region["slug"])
    if not body.get("node_pools"):
        raise unprocessable("node_pools: a cluster needs at least one node pool")
    _check_maintenance(body.get("maintenance_policy"))
    cluster_id = new_uuid()
    number = ctx.state.next_id("doks_ip", 1)
    cluster = {
        "id": cluster_id, "name": body["name"], "region": region["slug"], "version": version[0],
        "vpc_uuid": vpc_uuid, "ipv4": "157.230.%d.%d" % (number // 250, number % 250 + 1),
        "tags": _user_tags(body.get("tags")),
        "node_pools": [],
        "maintenance_policy": dict(DEFAULT_MAINTENANCE, **_window(body.get("maintenance_policy"))),
        "auto_upgrade": bool(body.get("auto_upgrade", False)),
        "surge_upgrade": bool(body.get("surge_upgrade", False)),
        "ha": bool(body.get("ha", False)), "registry_enabled": False,
        "created": ctx.now, "updated": ctx.now,
        "running_at": ctx.now + float(ctx.config["boot_seconds"]),
    }
    for key in OPTIONAL_OBJECTS:
        if body.get(key) is not None:
            cluster[key] = body[key]
    scratch = {"node_pools": []}     # every pool is checked before any node Droplet exists
    for index, pool in enumerate(body["node_pools"]):
        new_pool(ctx, scratch, pool, "node_pools[%d]." % index, nodes=False)
    for index, pool in enumerate(body["node_pools"]):
        new_pool(ctx, cluster, pool, "node_pools[%d]." % index)
    ctx.coll(KIND)[cluster_id] = cluster
    return cluster


@route("POST", "/v2/kubernetes/clusters")
def create_cluster(ctx):
    cluster = new_cluster(ctx, ctx.json_body())
    return 201, {"kubernetes_cluster": render_cluster(ctx, cluster, read=False)}


@route("GET", "/v2/kubernetes/clusters/{cluster_id}")
def get_cluster(ctx, cluster_id):
    return 200, {"kubernetes_cluster": render_cluster(ctx, _get_or_404(ctx, cluster_id))}


@route("PUT", "/v2/kubernetes/clusters/{cluster_id}")
def update_cluster(ctx, cluster_id):
    cluster = _get_or_404(ctx, cluster_id)
    body = ctx.json_body()
    _check_name(body.get("name"))
    if any(c["name"] == body["name"] and c["id"] != cluster_id for c in ctx.coll(KIND).values()):
        raise unprocessable("name: a Kubernetes cluster named %s already exists" % body["name"])
    if cluster["ha"] and body.get("ha") is False:
        raise unprocessable("ha: high availability cannot be turned off once enabled")
    _check_maintenance(body.get("maintenance_policy"))
    cluster["name"] = body["name"]
    if "tags" in body:
        cluster["tags"] = _user_tags(body["tags"])
    if body.get("maintenance_policy") is not None:
        cluster["maintenance_policy"] = dict(cluster["maintenance_policy"], **_window(body["maintenance_policy"]))
    for key in ("auto_upgrade", "surge_upgrade", "ha"):
        if key in body:
            cluster[key] = bool(body[key])
    for key in OPTIONAL_OBJECTS:
        if key in body:
            cluster[key] = body[key]
    cluster["updated"] = ctx.now
    return 202, {"kubernetes_cluster": render_cluster(ctx, cluster, read=False)}


def _delete(ctx, cluster_id):
    cluster = _get_or_404(ctx, cluster_id)
    _forget_droplets(ctx, cluster)
    del ctx.coll(KIND)[cluster_id]
    return 204, None


@route("DELETE", "/v2/kubernetes/clusters/{cluster_id}")
def delete_cluster(ctx, cluster_id):
    return _delete(ctx, cluster_id)


@route("GET", "/v2/kubernetes/clusters/{cluster_id}/destroy_with_associated_resources")
def associated_resources(ctx, cluster_id):
    _get_or_404(ctx, cluster_id)
    return 200, {"load_balancers": [], "volumes": [], "volume_snapshots": []}


@route("DELETE", "/v2/kubernetes/clusters/{cluster_id}/destroy_with_associated_resources/dangerous")
def delete_dangerous(ctx, cluster_id):
    return _delete(ctx, cluster_id)


@route("DELETE", "/v2/kubernetes/clusters/{cluster_id}/destroy_with_associated_resources/selective")
def delete_selective(ctx, cluster_id):
    return _delete(ctx, cluster_id)


@route("GET", "/v2/kubernetes/clusters/{cluster_id}/upgrades")
def list_upgrades(ctx, cluster_id):
    cluster = _get_or_404(ctx, cluster_id)
    return 200, {"available_upgrade_versions": [
        {"slug": slug, "kubernetes_version": version, "supported_features": list(FEATURES)}
        for slug, version in available_upgrades(cluster["version"])]}


@route("POST", "/v2/kubernetes/clusters/{cluster_id}/upgrade")
def upgrade(ctx, cluster_id):
    cluster = _get_or_404(ctx, cluster_id)
    wanted = (ctx.json_body() or {}).get("version")
    allowed = [slug for slug, _version in available_upgrades(cluster["version"])]
    if wanted not in allowed:
        raise unprocessable("version: %s is not an available upgrade of %s (available: %s)"
                            % (wanted, cluster["version"], ", ".join(allowed) or "none"))
    cluster["version"] = wanted
    cluster["upgrading_until"] = ctx.now + float(ctx.config["action_seconds"])
    cluster["updated"] = ctx.now
    return 202, None


def credentials_for(ctx, cluster):
    expiry = ctx.query.get("expiry_seconds")
    try:
        expiry = int(expiry) if expiry not in (None, "") else 7 * 24 * 3600
    except ValueError:
        raise bad_request("expiry_seconds: must be a number of seconds")
    digest = hashlib.sha256(("%s:%d" % (cluster["id"], expiry)).encode()).hexdigest()
    authority = base64.b64encode(("-----BEGIN CERTIFICATE-----\nsimulated-%s\n-----END CERTIFICATE-----\n"
                                  % cluster["id"]).encode()).decode()
    return {"server": "https://%s.k8s.ondigitalocean.com" % cluster["id"],
            "certificate_authority_data": authority,
            "token": "dop_v1_" + digest,
            "expires_at": iso(cluster["created"] + expiry)}


@route("GET", "/v2/kubernetes/clusters/{cluster_id}/credentials")
def credentials(ctx, cluster_id):
    cluster = _get_or_404(ctx, cluster_id)
    return 200, credentials_for(ctx, cluster)


def kubeconfig_text(cluster, creds):
    """The kubeconfig the API answers: one cluster, one user authenticated by token, one context."""
    context = "do-%s-%s" % (cluster["region"], cluster["name"])
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
                "ca": creds["certificate_authority_data"], "server": creds["server"], "context": context,
                "token": creds["token"]}


@route("GET", "/v2/kubernetes/clusters/{cluster_id}/kubeconfig")
def kubeconfig(ctx, cluster_id):
    cluster = _get_or_404(ctx, cluster_id)
    return 200, RawBody(kubeconfig_text(cluster, credentials_for(ctx, cluster)), "application/yaml")


@route("GET", "/v2/kubernetes/clusters/{cluster_id}/user")
def cluster_user(ctx, cluster_id):
    _get_or_404(ctx, cluster_id)
    return 200, {"kubernetes_cluster_user": {"username": "sammy@digitalocean.com", "groups": []}}


@route("GET", "/v2/kubernetes/clusters/{cluster_id}/status_messages")
def status_messages(ctx, cluster_id):
    cluster = _get_or_404(ctx, cluster_id)
    messages = [{"message": "cluster created", "timestamp": iso(cluster["created"])}]
    if cluster.get("upgrading_until"):
        messages.append({"message": "cluster upgraded to %s" % cluster["version"], "timestamp": iso(cluster["updated"])})
    return 200, {"messages": messages}


# -- node pools ------------------------------------------------------------------------------------

@route("GET", "/v2/kubernetes/clusters/{cluster_id}/node_pools")
def list_pools(ctx, cluster_id):
    cluster = _get_or_404(ctx, cluster_id)
    return 200, {"node_pools": [render_pool(ctx, cluster, pool) for pool in cluster["node_pools"]]}


@route("POST", "/v2/kubernetes/clusters/{cluster_id}/node_pools")
def create_pool(ctx, cluster_id):
    cluster = _get_or_404(ctx, cluster_id)
    pool = new_pool(ctx, cluster, ctx.json_body())
    return 201, {"node_pool": render_pool(ctx, cluster, pool)}


@route("GET", "/v2/kubernetes/clusters/{cluster_id}/node_pools/{node_pool_id}")
def get_pool(ctx, cluster_id, node_pool_id):
    cluster = _get_or_404(ctx, cluster_id)
    return 200, {"node_pool": render_pool(ctx, cluster, _pool_or_404(cluster, node_pool_id))}


@route("PUT", "/v2/kubernetes/clusters/{cluster_id}/node_pools/{node_pool_id}")
def update_pool(ctx, cluster_id, node_pool_id):
    cluster = _get_or_404(ctx, cluster_id)
    pool = _pool_or_404(cluster, node_pool_id)
    body = ctx.json_body()
    _check_name(body.get("name"))
    if any(other["name"] == body["name"] and other is not pool for other in cluster["node_pools"]):
        raise unprocessable("name: a node pool named %s already exists in this cluster" % body["name"])
    auto_scale = bool(body.get("auto_scale", pool["auto_scale"]))
    min_nodes = body.get("min_nodes", pool["min_nodes"])
    max_nodes = body.get("max_nodes", pool["max_nodes"])
    _check_scale(body, "", body["count"], auto_scale, min_nodes, max_nodes)
    _check_taints(body.get("taints"), "")
    pool.update(name=body["name"], count=body["count"], auto_scale=auto_scale, min_nodes=min_nodes,
                max_nodes=max_nodes)
    if "tags" in body:
        pool["tags"] = _user_tags(body["tags"])
    if "labels" in body:
        pool["labels"] = dict(body["labels"] or {})
    if "taints" in body:
        pool["taints"] = list(body["taints"] or [])
    _scale(ctx, cluster, pool)
    return 202, {"node_pool": render_pool(ctx, cluster, pool)}


@route("DELETE", "/v2/kubernetes/clusters/{cluster_id}/node_pools/{node_pool_id}")
def delete_pool(ctx, cluster_id, node_pool_id):
    cluster = _get_or_404(ctx, cluster_id)
    pool = _pool_or_404(cluster, node_pool_id)
    if len(cluster["node_pools"]) == 1:
        raise unprocessable("a cluster needs at least one node pool: delete the cluster instead")
    for node in pool["nodes"]:
        _remove_node(ctx, node)
    cluster["node_pools"].remove(pool)
    return 204, None


def _replace_node(ctx, cluster, pool, node):
    _remove_node(ctx, node)
    pool["nodes"].remove(node)
    _add_node(ctx, cluster, pool)


@route("DELETE", "/v2/kubernetes/clusters/{cluster_id}/node_pools/{node_pool_id}/nodes/{node_id}")
def delete_node(ctx, cluster_id, node_pool_id, node_id):
    cluster = _get_or_404(ctx, cluster_id)
    pool = _pool_or_404(cluster, node_pool_id)
    node = next((n for n in pool["nodes"] if n["id"] == node_id), None)
    if node is None:
        raise not_found()
    if ctx.query.get("replace") in ("1", "true"):
        _replace_node(ctx, cluster, pool, node)
    else:
        _remove_node(ctx, node)
        pool["nodes"].remove(node)
        pool["count"] = len(pool["nodes"])
    return 202, None


@route("POST", "/v2/kubernetes/clusters/{cluster_id}/node_pools/{node_pool_id}/recycle")
def recycle(ctx, cluster_id, node_pool_id):
    cluster = _get_or_404(ctx, cluster_id)
    pool = _pool_or_404(cluster, node_pool_id)
    wanted = (ctx.json_body() or {}).get("nodes") or []
    for ident in wanted:
        node = next((n for n in pool["nodes"] if ident in (n["id"], n["name"])), None)
        if node is None:
            raise unprocessable("nodes: %s is not a node of node pool %s" % (ident, pool["name"]))
        _replace_node(ctx, cluster, pool, node)
    return 202, None


# -- the registry integration ----------------------------------------------------------------------

def _registry_clusters(ctx, enabled):
    body = ctx.json_body() or {}
    for cluster_id in body.get("cluster_uuids") or []:
        cluster = ctx.coll(KIND).get(cluster_id)
        if cluster is None:
            raise unprocessable("cluster_uuids: cluster %s not found" % cluster_id)
        cluster["registry_enabled"] = enabled
    return 204, None


@route("POST", "/v2/kubernetes/registry")
def add_registry(ctx):
    return _registry_clusters(ctx, True)


@route("DELETE", "/v2/kubernetes/registry")
def remove_registry(ctx):
    return _registry_clusters(ctx, False)


@seeder("kubernetes_clusters")
def seed_clusters(ctx, count=1, region="nyc3", name_prefix="k8s", version="latest", size="s-2vcpu-4gb",
                  nodes=2, **_ignored):
    out = []
    for i in range(1, int(count) + 1):
        cluster = new_cluster(ctx, {"name": "%s-%d" % (name_prefix or "k8s", i), "region": region,
                                    "version": version,
                                    "node_pools": [{"name": "pool-1", "size": size, "count": int(nodes)}]})
        cluster["running_at"] = ctx.now
        out.append(cluster["id"])
    return out
