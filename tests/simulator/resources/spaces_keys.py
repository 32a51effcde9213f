"""Spaces access keys: /v2/spaces/keys and /v2/spaces/keys/{access_key}.

Rules of the real API kept here (reference, tag "Spaces Keys"):

* a key has a ``name`` and ``grants``, each ``{bucket, permission}`` with permission ``read``,
  ``readwrite`` or ``fullaccess``; a ``fullaccess`` grant has the bucket ``""`` and, when mixed
  with scoped grants, wins: the key is then full access only;
* POST answers 201 with the ``secret_key``, the only answer that holds it;
* GET of one key answers ``{"key": ...}`` (the reference's sample), the list ``{"keys": [...]}``,
  filtered by the ``name``, ``bucket`` and ``permission`` query parameters;
* PUT and PATCH change the name and the grants of a scoped key; a full access key cannot become
  scoped, nor the reverse (400);
* DELETE answers 204.

The keys are accepted by the S3 test server (moto), which takes any access key and secret: the
mapping is the identity, nothing to configure.
"""
import hashlib
import random
import string

from tests.simulator.routing import route, seeder
from tests.simulator.state import bad_request, iso, not_found

KIND = "spaces_keys"
PERMISSIONS = ("read", "readwrite", "fullaccess")
FULL = "fullaccess"


def render_key(key):
    return {"name": key["name"], "access_key": key["access_key"],
            "grants": [dict(grant) for grant in key["grants"]], "created_at": iso(key["created"])}


def check_grants(grants):
    if not isinstance(grants, list):
        raise bad_request("grants must be a list")
    clean = []
    for grant in grants:
        permission = grant.get("permission")
        if permission not in PERMISSIONS:
            raise bad_request("invalid permission %r: use one of %s" % (permission, ", ".join(PERMISSIONS)))
        bucket = grant.get("bucket") or ""
        if permission != FULL and not bucket:
            raise bad_request("a %s grant needs a bucket" % permission)
        clean.append({"bucket": "" if permission == FULL else bucket, "permission": permission})
    if any(grant["permission"] == FULL for grant in clean):
        return [{"bucket": "", "permission": FULL}]
    unique = []
    for grant in clean:
        if grant not in unique:
            unique.append(grant)
    return unique


def is_full(grants):
    return any(grant["permission"] == FULL for grant in grants)


def key_or_404(ctx, access_key):
    key = ctx.coll(KIND).get(access_key)
    if key is None:
        raise not_found("The resource you were accessing could not be found.")
    return key


def new_access_key(ctx):
    seed = "%s-%s" % (ctx.state.next_id("spaces_key", 1), random.random())
    digest = hashlib.sha256(seed.encode()).hexdigest().upper()
    return "DO" + "".join(c for c in digest if c in string.ascii_uppercase + string.digits)[:18]


def new_secret(access_key):
    return hashlib.sha256(("secret-%s-%s" % (access_key, random.random())).encode()).hexdigest()[:43]


def add_key(ctx, name, grants):
    if not name or not str(name).strip():
        raise bad_request("name is required")
    key = {"name": name, "access_key": new_access_key(ctx), "grants": check_grants(grants),
           "created": ctx.now}
    ctx.coll(KIND)[key["access_key"]] = key
    return key


@route("GET", "/v2/spaces/keys")
def list_keys(ctx):
    keys = list(ctx.coll(KIND).values())
    name, bucket, permission = (ctx.query.get(p) for p in ("name", "bucket", "permission"))
    if name:
        keys = [k for k in keys if k["name"] == name]
    if bucket:
        keys = [k for k in keys if any(g["bucket"] == bucket for g in k["grants"])]
    if permission:
        keys = [k for k in keys if any(g["permission"] == permission for g in k["grants"])]
    return 200, ctx.paginate("keys", keys, render_key)


@route("POST", "/v2/spaces/keys")
def create_key(ctx):
    body = ctx.json_body()
    key = add_key(ctx, body.get("name"), body.get("grants") or [])
    secret = new_secret(key["access_key"])
    return 201, {"key": dict(render_key(key), secret_key=secret)}


@route("GET", "/v2/spaces/keys/{access_key}")
def get_key(ctx, access_key):
    return 200, {"key": render_key(key_or_404(ctx, access_key))}


def update_key(ctx, access_key):
    key = key_or_404(ctx, access_key)
    body = ctx.json_body()
    name = body.get("name", key["name"])
    if not name or not str(name).strip():
        raise bad_request("name is required")
    grants = key["grants"]
    if "grants" in body:
        grants = check_grants(body["grants"] or [])
        if is_full(grants) != is_full(key["grants"]):
            raise bad_request("a fullaccess key cannot be converted to a scoped key or vice versa")
    key["name"], key["grants"] = name, grants
    return 200, {"key": render_key(key)}


@route("PUT", "/v2/spaces/keys/{access_key}")
def put_key(ctx, access_key):
    return update_key(ctx, access_key)


@route("PATCH", "/v2/spaces/keys/{access_key}")
def patch_key(ctx, access_key):
    return update_key(ctx, access_key)


@route("DELETE", "/v2/spaces/keys/{access_key}")
def delete_key(ctx, access_key):
    del ctx.coll(KIND)[key_or_404(ctx, access_key)["access_key"]]
    return 204, None


@seeder("spaces_keys")
def seed_keys(ctx, count=1, name_prefix="seed", bucket="seed-bucket", **_ignored):
    return [add_key(ctx, "%s-%d" % (name_prefix, i), [{"bucket": bucket, "permission": "read"}])["access_key"]
            for i in range(1, int(count) + 1)]
