"""CDN endpoints: /v2/cdn/endpoints (list, create), /v2/cdn/endpoints/{cdn_id} (get, update,
delete), /v2/cdn/endpoints/{cdn_id}/cache (purge).

Like the real API:

* only 5 requests per rolling 10 seconds to anything under /v2/cdn/endpoints; more get 429
  ``too_many_requests`` with ``retry-after`` (seconds until the oldest counted request leaves the
  window);
* purges name at most 50 files per rolling 20 seconds (429 with ``retry-after`` beyond);
* the origin is the FQDN of a Space (``*.digitaloceanspaces.com``), one endpoint per origin;
  the endpoint is the origin with ``.cdn.`` before ``digitaloceanspaces.com``;
* a custom domain needs a certificate (``certificate_id`` of a stored certificate);
  ``custom_domain: ""`` removes the custom domain and its certificate (the spec's uuid format
  rejects ``certificate_id: ""``); ``ttl`` defaults to 3600; empty fields are left out of answers.
"""
import math

from tests.simulator.resources import certificates as certificates_mod
from tests.simulator.routing import route
from tests.simulator.state import ApiError, conflict, iso, new_uuid, not_found, unprocessable

KIND = "cdn_endpoints"
LIMITS = "_cdn_rate_limits"
REQUESTS_PER_WINDOW = 5
WINDOW_SECONDS = 10.0
PURGE_FILES_PER_WINDOW = 50
PURGE_WINDOW_SECONDS = 20.0
SPACES_SUFFIX = ".digitaloceanspaces.com"


def _too_many(retry_after, message):
    return ApiError(429, "too_many_requests", message,
                    headers={"retry-after": str(max(1, int(math.ceil(retry_after))))})


def limit(ctx):
    """Count this request against the CDN limit; 429 beyond 5 per rolling 10 s."""
    hits = ctx.coll(LIMITS).setdefault("requests", [])
    hits[:] = [t for t in hits if t > ctx.now - WINDOW_SECONDS]
    if len(hits) >= REQUESTS_PER_WINDOW:
        raise _too_many(hits[0] + WINDOW_SECONDS - ctx.now,
                        "API Rate limit exceeded: only %d requests to /v2/cdn/endpoints per %d seconds."
                        % (REQUESTS_PER_WINDOW, WINDOW_SECONDS))
    hits.append(ctx.now)


def render(endpoint):
    out = {
        "id": endpoint["id"],
        "origin": endpoint["origin"],
        "endpoint": endpoint["endpoint"],
        "created_at": endpoint["created_at"],
        "ttl": endpoint["ttl"],
    }
    for field in ("certificate_id", "custom_domain"):
        if endpoint.get(field):
            out[field] = endpoint[field]
    return out


def get_or_404(ctx, cdn_id):
    endpoint = ctx.coll(KIND).get(cdn_id)
    if endpoint is None:
        raise not_found()
    return endpoint


def check_certificate(ctx, endpoint):
    if endpoint.get("custom_domain") and not endpoint.get("certificate_id"):
        raise unprocessable("certificate_id is required when a custom_domain is set")
    certificate_id = endpoint.get("certificate_id")
    if certificate_id and ctx.coll("certificates").get(certificate_id) is None:
        raise unprocessable("certificate_id %s: certificate not found" % certificate_id)


@route("GET", "/v2/cdn/endpoints")
def list_endpoints(ctx):
    limit(ctx)
    coll = ctx.coll(KIND)
    return 200, ctx.paginate("endpoints", coll.values(), render, total=len(coll))


@route("POST", "/v2/cdn/endpoints")
def create_endpoint(ctx):
    limit(ctx)
    body = ctx.json_body()
    origin = body["origin"].lower().rstrip(".")
    if not origin.endswith(SPACES_SUFFIX) or origin.count(".") < 3:
        raise unprocessable("origin must be the fully qualified domain name of a Space, like "
                            "name.nyc3.digitaloceanspaces.com")
    if any(e["origin"] == origin for e in ctx.coll(KIND).values()):
        raise conflict("a CDN endpoint for origin %s already exists" % origin)
    endpoint = {
        "id": new_uuid(),
        "origin": origin,
        "endpoint": origin[: -len(SPACES_SUFFIX)] + ".cdn" + SPACES_SUFFIX,
        "created_at": iso(ctx.now),
        "ttl": body.get("ttl", 3600),
        "certificate_id": body.get("certificate_id") or "",
        "custom_domain": body.get("custom_domain") or "",
    }
    check_certificate(ctx, endpoint)
    ctx.coll(KIND)[endpoint["id"]] = endpoint
    return 201, {"endpoint": render(endpoint)}


@route("GET", "/v2/cdn/endpoints/{cdn_id}")
def get_endpoint(ctx, cdn_id):
    limit(ctx)
    return 200, {"endpoint": render(get_or_404(ctx, cdn_id))}


@route("PUT", "/v2/cdn/endpoints/{cdn_id}")
def update_endpoint(ctx, cdn_id):
    limit(ctx)
    endpoint = get_or_404(ctx, cdn_id)
    body = ctx.json_body()
    updated = dict(endpoint)
    for field in ("ttl", "certificate_id", "custom_domain"):
        if field in body:
            updated[field] = body[field]
    if "custom_domain" in body and not body["custom_domain"]:
        updated["certificate_id"] = ""  # removing the custom domain removes its certificate
    check_certificate(ctx, updated)
    if endpoint.get("certificate_id") and endpoint["certificate_id"] != updated.get("certificate_id"):
        certificates_mod.release(ctx, [endpoint["certificate_id"]])
    endpoint.update(updated)
    return 200, {"endpoint": render(endpoint)}


@route("DELETE", "/v2/cdn/endpoints/{cdn_id}")
def delete_endpoint(ctx, cdn_id):
    limit(ctx)
    endpoint = get_or_404(ctx, cdn_id)
    del ctx.coll(KIND)[cdn_id]
    if endpoint.get("certificate_id"):
        certificates_mod.release(ctx, [endpoint["certificate_id"]])
    return 204, None


@route("DELETE", "/v2/cdn/endpoints/{cdn_id}/cache")
def purge_cache(ctx, cdn_id):
    limit(ctx)
    endpoint = get_or_404(ctx, cdn_id)
    files = ctx.json_body()["files"]
    if not files or any(not isinstance(f, str) or not f.strip() for f in files):
        raise unprocessable("files must list at least one path (or '*')")
    purged = ctx.coll(LIMITS).setdefault("purged_files", [])
    purged[:] = [(t, n) for t, n in purged if t > ctx.now - PURGE_WINDOW_SECONDS]
    if sum(n for _at, n in purged) + len(files) > PURGE_FILES_PER_WINDOW:
        wait = purged[0][0] + PURGE_WINDOW_SECONDS - ctx.now if purged else PURGE_WINDOW_SECONDS
        raise _too_many(wait, "only %d files can be purged per %d seconds"
                        % (PURGE_FILES_PER_WINDOW, PURGE_WINDOW_SECONDS))
    purged.append((ctx.now, len(files)))
    endpoint.setdefault("purges", []).append({"files": list(files), "at": iso(ctx.now)})
    return 204, None
