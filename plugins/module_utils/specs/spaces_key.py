# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Spaces access keys: the declaration of spaces_key (and spaces_key_info).

A key is found by its access key (``access_key``, exact) or by name (one list filtered by name on
the server; two keys of the same name are an error that lists their access keys). Its grants are
a set of ``{bucket, permission}``; a ``fullaccess`` grant has no bucket and covers every bucket.
Name and grants change together with one PUT that carries both, so an update never resets the one
the task leaves unset. The API cannot turn a full access key into a scoped one or the reverse:
the plan refuses it before any request.

The secret key is in the create's answer only: the result returns it there as ``secret_key``,
masked in the output, and ``secret_path`` writes it (with the access key) to a file of mode 0600,
atomically, so that it survives the run.

The API names the key's identifier ``access_key``, a name the collection masks as a secret elsewhere
(a Kafka user's private key): the spec declares it ``public``, so that later tasks can use it.
"""

from __future__ import annotations

import json
import os
import tempfile

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Put, ResourceSpec

PERMISSIONS = ("read", "readwrite", "fullaccess")
FULL = "fullaccess"


def grant_set(grants):
    """Grants as a sorted list without duplicates; a full access grant alone stands for all."""
    clean = []
    for grant in grants or []:
        permission = grant.get("permission")
        bucket = "" if permission == FULL else (grant.get("bucket") or "")
        item = {"bucket": bucket, "permission": permission}
        if item not in clean:
            clean.append(item)
    if any(item["permission"] == FULL for item in clean):
        return [{"bucket": "", "permission": FULL}]
    return sorted(clean, key=lambda item: (item["bucket"], item["permission"]))


def is_full(grants):
    return any(item.get("permission") == FULL for item in grants or [])


def check_key(params):
    grants = params.get("grants")
    for index, grant in enumerate(grants or []):
        permission = grant.get("permission")
        if permission not in PERMISSIONS:
            raise PlanError("grants[%d].permission must be one of %s, got %r"
                            % (index, ", ".join(PERMISSIONS), permission))
        if permission != FULL and not grant.get("bucket"):
            raise PlanError("grants[%d].bucket is required for the permission %s" % (index, permission))
        if permission == FULL and grant.get("bucket"):
            raise PlanError("grants[%d]: a fullaccess grant covers every bucket; leave bucket unset" % index)
    if grants is not None and is_full(grants) and len(grant_set(grants)) != len(grants):
        raise PlanError("grants: a fullaccess grant cannot be mixed with bucket grants")
    if params.get("state", "present") == "present" and params.get("name") is not None \
            and not str(params["name"]).strip():
        raise PlanError("name must not be empty")
    return params


def update_body(engine, current, changes):
    """Name and grants together: the wanted value of each, or the current one when unset."""
    name = engine.params.get("name") or current.get("name")
    grants = engine.params.get("grants")
    return {"name": name, "grants": grant_set(current.get("grants") if grants is None else grants)}


def refuse_conversion(engine, current, changes):
    if "grants" in changes and is_full(changes["grants"].before) != is_full(changes["grants"].after):
        raise PlanError("grants: the API cannot turn a full access key into a scoped key or the reverse; "
                        "delete the key and create a new one")


def write_secret(path, access_key, secret):
    """Write the key as JSON to path, mode 0600 from the start, replacing the file atomically."""
    path = os.path.abspath(os.path.expanduser(path))
    directory = os.path.dirname(path)
    handle, temporary = tempfile.mkstemp(prefix=".spaces-key-", dir=directory)
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w") as stream:
            json.dump({"access_key_id": access_key, "secret_access_key": secret}, stream)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def keep_secret(engine, key, answer):
    """The secret is in this answer only: masked in the output, written to secret_path if given."""
    secret = (key or {}).get("secret_key")
    if secret:
        engine.mask([secret])
        path = engine.params.get("secret_path")
        if path:
            try:
                write_secret(path, key.get("access_key"), secret)
            except OSError as exc:
                raise PlanError("secret_path: the key %s was created but its secret could not be written to %s "
                                "(%s); delete the key and run again" % (key.get("name"), path, exc.strerror))
    return key


def check_secret_path(params):
    path = params.get("secret_path")
    if path:
        directory = os.path.dirname(os.path.abspath(os.path.expanduser(path)))
        if not os.path.isdir(directory):
            raise PlanError("secret_path: the directory %s does not exist" % directory)
    return params


def prepare(params):
    return check_secret_path(check_key(params))


def secret_note(engine, resource):
    """A key that exists already cannot give its secret again: say so when secret_path is missing."""
    path = engine.params.get("secret_path")
    if path and resource and not resource.get("secret_key") and not engine.check_mode \
            and not os.path.exists(os.path.expanduser(path)):
        engine.warn("secret_path %s does not exist and the key %s exists already: the API returns a secret "
                    "only when the key is created" % (path, resource.get("name")))
    return {}


UPDATE = Put(body=update_body, refuse=refuse_conversion, answer=True)

SPACES_KEY = ResourceSpec(
    kind="spaces_key",
    api=Api("/v2/spaces/keys", "key", plural_key="keys", id_field="access_key"),
    lookup=Lookup(identity=("name",), filters={"name": "name"}, id_option="access_key"),
    fields={
        "name": Field(update=UPDATE),
        "grants": Field(normalize=grant_set, missing=[], update=UPDATE),
    },
    create=Create(fields=("name", "grants"), required=("name",),
                  body=lambda engine, body: dict(body, grants=grant_set(body.get("grants"))), after=keep_secret),
    prepare=prepare,
    extras=secret_note,
    label="Spaces access key",
    public=("access_key",),
)
