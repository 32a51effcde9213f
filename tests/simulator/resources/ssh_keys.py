"""SSH keys: /v2/account/keys and /v2/account/keys/{ssh_key_identifier}.

Realism knob ``special_rate_limits``: only 10 GET requests listing the keys per 60 seconds
(the reference's Rate Limit section); beyond, 429 ``too_many_requests`` with ``retry-after``.
A fingerprint in the URL may be percent-encoded (``%3A`` for ``:``); the server decodes paths.
"""
import base64
import binascii
import hashlib
import struct

from tests.simulator import realism
from tests.simulator.routing import route, seeder
from tests.simulator.state import not_found, unprocessable

KIND = "ssh_keys"
LISTS_PER_WINDOW = 10
LIST_WINDOW_SECONDS = 60.0
KEY_TYPES = {
    "ssh-rsa", "ssh-dss", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
}
INVALID_KEY = "Key invalid, key should be of the format `type key [comment]`"
DUPLICATE_KEY = "SSH Key is already in use on your account"


def fingerprint(public_key):
    """MD5 fingerprint (aa:bb:...) of an OpenSSH public key, or raise 422."""
    parts = (public_key or "").strip().split()
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise unprocessable(INVALID_KEY)
    try:
        blob = base64.b64decode(parts[1].encode("ascii"), validate=True)
        (length,) = struct.unpack(">I", blob[:4])
        embedded = blob[4:4 + length].decode("ascii")
    except (binascii.Error, ValueError, struct.error, UnicodeError):
        raise unprocessable(INVALID_KEY)
    if embedded != parts[0] or len(blob) <= 4 + length:
        raise unprocessable(INVALID_KEY)
    digest = hashlib.md5(blob).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


def render_key(key):
    return {"id": key["id"], "fingerprint": key["fingerprint"],
            "public_key": key["public_key"], "name": key["name"]}


def find_key(ctx, ident):
    keys = ctx.coll(KIND)
    ident = str(ident)
    if ident.isdigit():
        return keys.get(int(ident))
    for key in keys.values():
        if key["fingerprint"] == ident:
            return key
    return None


def get_key_or_404(ctx, ident):
    key = find_key(ctx, ident)
    if key is None:
        raise not_found()
    return key


def add_key(ctx, name, public_key):
    fp = fingerprint(public_key)
    for other in ctx.coll(KIND).values():
        if other["fingerprint"] == fp:
            raise unprocessable(DUPLICATE_KEY)
    key = {"id": ctx.state.next_id("ssh_key", 41000001), "fingerprint": fp,
           "public_key": public_key.strip(), "name": name}
    ctx.coll(KIND)[key["id"]] = key
    return key


@route("GET", "/v2/account/keys")
def list_keys(ctx):
    if realism.enabled(ctx, "special_rate_limits"):
        realism.window_limit(ctx, "ssh_key_lists", LISTS_PER_WINDOW, LIST_WINDOW_SECONDS,
                             "API Rate limit exceeded: only %d GET requests to /v2/account/keys "
                             "per %d seconds." % (LISTS_PER_WINDOW, LIST_WINDOW_SECONDS))
    keys = ctx.coll(KIND)
    return 200, ctx.paginate("ssh_keys", keys.values(), render_key, total=len(keys))


@route("POST", "/v2/account/keys")
def create_key(ctx):
    body = ctx.json_body()
    return 201, {"ssh_key": render_key(add_key(ctx, body["name"], body["public_key"]))}


@route("GET", "/v2/account/keys/{ssh_key_identifier}")
def get_key(ctx, ssh_key_identifier):
    return 200, {"ssh_key": render_key(get_key_or_404(ctx, ssh_key_identifier))}


@route("PUT", "/v2/account/keys/{ssh_key_identifier}")
def update_key(ctx, ssh_key_identifier):
    key = get_key_or_404(ctx, ssh_key_identifier)
    body = ctx.json_body()
    if "name" in body:
        if not body["name"]:
            raise unprocessable("name: can't be blank")
        key["name"] = body["name"]
    return 200, {"ssh_key": render_key(key)}


@route("DELETE", "/v2/account/keys/{ssh_key_identifier}")
def delete_key(ctx, ssh_key_identifier):
    key = get_key_or_404(ctx, ssh_key_identifier)
    del ctx.coll(KIND)[key["id"]]
    return 204, None


def make_public_key(seed, comment="sim@example"):
    """A syntactically valid ssh-ed25519 public key derived from ``seed``."""
    body = hashlib.sha256(("sim-key-%s" % seed).encode()).digest()
    blob = struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32) + body
    return "ssh-ed25519 %s %s" % (base64.b64encode(blob).decode("ascii"), comment)


@seeder("ssh_keys")
def seed_keys(ctx, count=1, name_prefix="seed", **_ignored):
    ids = []
    start = ctx.state.next_id("ssh_key_seed", 1)
    for i in range(1, int(count) + 1):
        key = add_key(ctx, "%s-%d" % (name_prefix, i), make_public_key("%d-%d" % (start, i)))
        ids.append(key["id"])
    return ids
