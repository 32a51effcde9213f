"""The container registry, GA generation: /v2/registry (one registry per account), its subscription,
options, docker credentials, repositories and tags, and garbage collections.

Rules of the real API kept here (reference, tag "Container Registry"):

* one registry per account: POST answers 201, a second POST 409; the name is 1 to 63 lower-case
  letters, digits and '-'; the region one of the registry regions (nyc3 when none is given);
* the subscription tier (starter, basic, professional) changes with POST /v2/registry/subscription;
  a tier whose repository limit the registry already exceeds is refused (422);
* docker credentials are ``{"auths": {"registry.digitalocean.com": {"auth": ...}}}``, read-only
  unless ``read_write=true``;
* a garbage collection is ``requested``, then ``scanning manifests`` and ``succeeded`` after
  ``action_seconds``; while one runs, another is refused (409) and GET .../garbage-collection answers
  it (404 when none runs). A GC deletes untagged manifests and frees their bytes.

The preview generation (/v2/registries) is not simulated: the modules use the GA one.
"""
import base64
import hashlib

from tests.simulator.routing import route, seeder
from tests.simulator.state import conflict, iso, new_uuid, not_found, unprocessable

KIND = "container_registry"
REGIONS = ["nyc3", "sfo3", "ams3", "sgp1", "fra1"]
TIERS = {
    "starter": {"name": "Starter", "slug": "starter", "included_repositories": 1,
                "included_storage_bytes": 524288000, "allow_storage_overage": False,
                "included_bandwidth_bytes": 524288000, "monthly_price_in_cents": 0,
                "storage_overage_price_in_cents": 0},
    "basic": {"name": "Basic", "slug": "basic", "included_repositories": 5,
              "included_storage_bytes": 5368709120, "allow_storage_overage": True,
              "included_bandwidth_bytes": 5368709120, "monthly_price_in_cents": 500,
              "storage_overage_price_in_cents": 2},
    "professional": {"name": "Professional", "slug": "professional", "included_repositories": 0,
                     "included_storage_bytes": 107374182400, "allow_storage_overage": True,
                     "included_bandwidth_bytes": 107374182400, "monthly_price_in_cents": 2000,
                     "storage_overage_price_in_cents": 2},
}
GC_TYPES = ("untagged manifests only", "unreferenced blobs only", "untagged manifests and unreferenced blobs")


def _registry(ctx):
    return ctx.coll(KIND).get("registry")


def _registry_or_404(ctx, name=None):
    registry = _registry(ctx)
    if registry is None or (name is not None and registry["name"] != name):
        raise not_found()
    return registry


def _usage(registry):
    return sum(manifest["size"] for repo in registry["repositories"].values() for manifest in repo["manifests"])


def render_subscription(registry):
    return {"tier": dict(TIERS[registry["tier"]]), "created_at": iso(registry["created"]),
            "updated_at": iso(registry["tier_updated"])}


def render(ctx, registry):
    return {"name": registry["name"], "region": registry["region"], "created_at": iso(registry["created"]),
            "storage_usage_bytes": _usage(registry), "storage_usage_bytes_updated_at": iso(ctx.now),
            "subscription": render_subscription(registry)}


def _check_tier(registry, slug):
    limit = TIERS[slug]["included_repositories"]
    if limit and len(registry["repositories"]) > limit:
        raise unprocessable("tier %s allows %d repositories; the registry has %d" % (
            slug, limit, len(registry["repositories"])))


@route("GET", "/v2/registry")
def get_registry(ctx):
    return 200, {"registry": render(ctx, _registry_or_404(ctx))}


@route("POST", "/v2/registry")
def create_registry(ctx):
    body = ctx.json_body()
    if _registry(ctx) is not None:
        raise conflict("a container registry already exists for this account")
    registry = {"name": body["name"], "region": body.get("region") or "nyc3", "tier": body["subscription_tier_slug"],
                "created": ctx.now, "tier_updated": ctx.now, "repositories": {}, "gcs": []}
    ctx.coll(KIND)["registry"] = registry
    return 201, {"registry": render(ctx, registry)}


@route("DELETE", "/v2/registry")
def delete_registry(ctx):
    _registry_or_404(ctx)
    del ctx.coll(KIND)["registry"]
    return 204, None


@route("GET", "/v2/registry/subscription")
def get_subscription(ctx):
    return 200, {"subscription": render_subscription(_registry_or_404(ctx))}


@route("POST", "/v2/registry/subscription")
def update_subscription(ctx):
    registry = _registry_or_404(ctx)
    slug = (ctx.json_body() or {}).get("tier_slug")
    if slug not in TIERS:
        raise unprocessable("tier_slug: must be one of %s" % ", ".join(TIERS))
    _check_tier(registry, slug)
    registry["tier"] = slug
    registry["tier_updated"] = ctx.now
    return 200, {"subscription": render_subscription(registry)}


@route("GET", "/v2/registry/options")
def options(ctx):
    registry = _registry(ctx)
    tiers = []
    for slug, tier in TIERS.items():
        eligible = True
        reasons = []
        if registry is not None and tier["included_repositories"] and \
                len(registry["repositories"]) > tier["included_repositories"]:
            eligible, reasons = False, ["OverRepositoryLimit"]
        tiers.append(dict(tier, eligible=eligible, eligibility_reasons=reasons))
    return 200, {"options": {"available_regions": list(REGIONS), "subscription_tiers": tiers}}


@route("POST", "/v2/registry/validate-name")
def validate_name(ctx):
    name = ctx.json_body()["name"]
    registry = _registry(ctx)
    if registry is not None and registry["name"] == name:
        raise conflict("the registry name %s is taken" % name)
    return 204, None


@route("GET", "/v2/registry/docker-credentials")
def docker_credentials(ctx):
    registry = _registry_or_404(ctx)
    read_write = ctx.query.get("read_write") in ("true", "1", "True")
    expiry = ctx.query.get("expiry_seconds") or "0"
    token = hashlib.sha256(("%s:%s:%s" % (registry["name"], read_write, expiry)).encode()).hexdigest()
    auth = base64.b64encode(("%s:%s" % (token, token)).encode()).decode()
    return 200, {"auths": {"registry.digitalocean.com": {"auth": auth}}}


# -- repositories ----------------------------------------------------------------------------------

def _repo_or_404(registry, name):
    repo = registry["repositories"].get(name)
    if repo is None:
        raise not_found()
    return repo


def render_manifest(ctx, registry, repo_name, manifest):
    return {"registry_name": registry["name"], "repository": repo_name, "digest": manifest["digest"],
            "compressed_size_bytes": manifest["size"], "size_bytes": manifest["size"],
            "updated_at": iso(manifest["updated"]), "tags": list(manifest["tags"]), "blobs": []}


@route("GET", "/v2/registry/{registry_name}/repositoriesV2")
def list_repositories(ctx, registry_name):
    registry = _registry_or_404(ctx, registry_name)
    items = []
    for name, repo in sorted(registry["repositories"].items()):
        latest = max(repo["manifests"], key=lambda m: m["updated"]) if repo["manifests"] else None
        item = {"registry_name": registry["name"], "name": name, "manifest_count": len(repo["manifests"]),
                "tag_count": sum(len(m["tags"]) for m in repo["manifests"])}
        if latest is not None:
            item["latest_manifest"] = render_manifest(ctx, registry, name, latest)
        items.append(item)
    return 200, ctx.paginate("repositories", items, lambda item: item)


@route("GET", "/v2/registry/{registry_name}/repositories/{repository_name}/tags")
def list_tags(ctx, registry_name, repository_name):
    registry = _registry_or_404(ctx, registry_name)
    repo = _repo_or_404(registry, repository_name)
    items = [{"registry_name": registry["name"], "repository": repository_name, "tag": tag,
              "manifest_digest": m["digest"], "compressed_size_bytes": m["size"], "size_bytes": m["size"],
              "updated_at": iso(m["updated"])} for m in repo["manifests"] for tag in m["tags"]]
    return 200, ctx.paginate("tags", items, lambda item: item)


@route("DELETE", "/v2/registry/{registry_name}/repositories/{repository_name}/tags/{repository_tag}")
def delete_tag(ctx, registry_name, repository_name, repository_tag):
    repo = _repo_or_404(_registry_or_404(ctx, registry_name), repository_name)
    for manifest in repo["manifests"]:
        if repository_tag in manifest["tags"]:
            manifest["tags"].remove(repository_tag)
            return 204, None
    raise not_found()


@route("GET", "/v2/registry/{registry_name}/repositories/{repository_name}/digests")
def list_digests(ctx, registry_name, repository_name):
    registry = _registry_or_404(ctx, registry_name)
    repo = _repo_or_404(registry, repository_name)
    return 200, ctx.paginate("manifests", repo["manifests"],
                             lambda m: render_manifest(ctx, registry, repository_name, m))


# -- garbage collection ----------------------------------------------------------------------------

def _gc_status(ctx, registry, gc):
    if gc.get("cancelled"):
        return "cancelled"
    if ctx.now < gc["created"] + float(ctx.config["action_seconds"]) / 2:
        return "requested"
    if ctx.now < gc["created"] + float(ctx.config["action_seconds"]):
        return "scanning manifests"
    if not gc.get("done"):
        # the collection takes effect once: untagged manifests go, their bytes are freed
        freed = 0
        for repo in registry["repositories"].values():
            kept = []
            for manifest in repo["manifests"]:
                if manifest["tags"]:
                    kept.append(manifest)
                else:
                    freed += manifest["size"]
            gc["blobs"] += len(repo["manifests"]) - len(kept)
            repo["manifests"] = kept
        gc["freed"], gc["done"], gc["finished"] = freed, True, ctx.now
    return "succeeded"


def render_gc(ctx, registry, gc):
    return {"uuid": gc["uuid"], "registry_name": registry["name"], "status": _gc_status(ctx, registry, gc),
            "created_at": iso(gc["created"]), "updated_at": iso(gc.get("finished") or gc["created"]),
            "blobs_deleted": gc["blobs"], "freed_bytes": gc["freed"]}


def _active(ctx, registry):
    for gc in registry["gcs"]:
        if render_gc(ctx, registry, gc)["status"] not in ("succeeded", "cancelled", "failed"):
            return gc
    return None


@route("POST", "/v2/registry/{registry_name}/garbage-collection")
def start_gc(ctx, registry_name):
    registry = _registry_or_404(ctx, registry_name)
    body = ctx.json_body() or {}
    if _active(ctx, registry) is not None:
        raise conflict("a garbage collection is already running")
    gc = {"uuid": new_uuid(), "created": ctx.now, "blobs": 0, "freed": 0,
          "type": body.get("type") or GC_TYPES[2]}
    registry["gcs"].insert(0, gc)
    return 201, {"garbage_collection": render_gc(ctx, registry, gc)}


@route("GET", "/v2/registry/{registry_name}/garbage-collection")
def active_gc(ctx, registry_name):
    registry = _registry_or_404(ctx, registry_name)
    gc = _active(ctx, registry)
    if gc is None:
        raise not_found()
    return 200, {"garbage_collection": render_gc(ctx, registry, gc)}


@route("GET", "/v2/registry/{registry_name}/garbage-collections")
def list_gcs(ctx, registry_name):
    registry = _registry_or_404(ctx, registry_name)
    items = [render_gc(ctx, registry, gc) for gc in registry["gcs"]]
    return 200, {"garbage_collections": items}


@route("PUT", "/v2/registry/{registry_name}/garbage-collection/{garbage_collection_uuid}")
def cancel_gc(ctx, registry_name, garbage_collection_uuid):
    registry = _registry_or_404(ctx, registry_name)
    gc = next((g for g in registry["gcs"] if g["uuid"] == garbage_collection_uuid), None)
    if gc is None:
        raise not_found()
    if (ctx.json_body() or {}).get("cancel") and _active(ctx, registry) is gc:
        gc["cancelled"] = True
    return 200, {"garbage_collection": render_gc(ctx, registry, gc)}


@seeder("registry_images")
def seed_images(ctx, count=1, repository="app", tags=("v1",), untagged=1, **_ignored):
    """Images in the registry: ``count`` tagged manifests of ``repository`` and ``untagged`` ones."""
    registry = _registry_or_404(ctx)
    repo = registry["repositories"].setdefault(repository, {"manifests": []})
    out = []
    tags = list(tags)
    for index in range(int(count) + int(untagged)):
        digest = "sha256:" + hashlib.sha256(("%s-%d-%d" % (repository, index, ctx.state.next_id("manifest", 1)))
                                            .encode()).hexdigest()
        manifest_tags = [tags[index % len(tags)] if index == 0 else "%s-%d" % (tags[0], index)] \
            if index < int(count) else []
        repo["manifests"].append({"digest": digest, "size": 1048576, "tags": manifest_tags, "updated": ctx.now})
        out.append(digest)
    return out
