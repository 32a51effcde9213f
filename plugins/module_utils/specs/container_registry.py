# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The container registry: the declaration the container_registry and container_registry_info
modules share, and the docker credentials.

The API has two generations: /v2/registry (tag "Container Registry", generally available: one
registry per account) and /v2/registries (tag "Container Registries", public preview: several
registries). These modules use the generally available /v2/registry, which the reference
documents as the supported one; the preview endpoints may change without notice.

The registry is the account's one registry. Its name and region never change; its subscription
tier changes through POST /v2/registry/subscription. ``garbage_collection: true`` starts a
garbage collection and waits for it to finish.
"""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanAPIError
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, Updater
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import wait_for_status

PATH = "/v2/registry"
NAME = re.compile(r"^[a-z0-9-]{1,63}$")
REGIONS = ("nyc3", "sfo3", "ams3", "sgp1", "fra1")
TIERS = ("starter", "basic", "professional")
GC_TYPES = ("untagged manifests only", "unreferenced blobs only", "untagged manifests and unreferenced blobs")
GC_DONE = ("succeeded", "failed", "cancelled")


def check_registry(params):
    name = params.get("name")
    if name is not None and not NAME.match(name):
        raise PlanError("name must be 1 to 63 lower-case letters, digits or '-', got %r" % name)
    region = params.get("region")
    if region is not None and region not in REGIONS:
        raise PlanError("region must be one of %s (the regions of the container registry), got %r"
                        % (", ".join(REGIONS), region))
    return params


def find_registry(engine):
    """The account's registry, whatever its name (the account has at most one)."""
    found = engine.client.get_or_none(PATH)
    return found.get("registry") if found else None


def tier_of(registry):
    return ((registry.get("subscription") or {}).get("tier") or {}).get("slug")


def refuse_other_name(engine, registry):
    name = engine.params.get("name")
    if name and registry.get("name") != name:
        raise PlanError("the account's container registry is named %s, not %s: nothing is deleted"
                        % (registry.get("name"), name))


def create_body(engine, body):
    body["subscription_tier_slug"] = body.pop("subscription_tier")
    return body


class GarbageCollection(Updater):
    """POST <registry>/garbage-collection, then wait until it succeeded (failed or cancelled: error)."""

    via = "POST:garbage-collection"

    def apply(self, engine, current, changes):
        base = "%s/%s" % (PATH, current["name"])
        body = {"type": engine.params.get("garbage_collection_type") or GC_TYPES[2]}
        gc = engine.client.post_once(base + "/garbage-collection", body, recover=lambda: engine.client.get_or_none(
            base + "/garbage-collection")).get("garbage_collection") or {}
        if engine.wait and gc.get("uuid"):
            def fetch():
                for item in engine.client.get(base + "/garbage-collections").get("garbage_collections") or []:
                    if item.get("uuid") == gc["uuid"]:
                        return item
                return gc

            def failed(item):
                if (item or {}).get("status") in ("failed", "cancelled"):
                    return "garbage collection %s of registry %s ended %s" % (
                        gc["uuid"], current["name"], item["status"])
                return None

            gc = wait_for_status(fetch, lambda item: (item or {}).get("status") in GC_DONE, engine.poller,
                                 lambda last: "garbage collection %s of registry %s (status %s)" % (
                                     gc["uuid"], current["name"], (last or {}).get("status")), failed=failed)
        engine.notes["garbage_collection"] = gc
        return None


class Subscription(Updater):
    """The tier through POST /v2/registry/subscription; sending it again is harmless."""

    via = "POST:subscription"

    def apply(self, engine, current, changes):
        engine.post_harmless(PATH + "/subscription", {"tier_slug": changes["subscription_tier"].after})


def registry_extras(engine, registry):
    gc = engine.notes.get("garbage_collection")
    return {"garbage_collection": gc} if gc else {}


CONTAINER_REGISTRY = ResourceSpec(
    kind="container_registry",
    # single: the path holds one object, so the lookups leave the kind out (they list).
    api=Api(PATH, "registry", id_field="name", item=PATH, single=True),
    lookup=Lookup(identity=("name",), id_option=None, find=find_registry,
                  list=lambda engine, query: [found for found in (find_registry(engine),) if found]),
    fields={
        "region": Field(),
        "subscription_tier": Field(read=tier_of, update=Subscription()),
        "garbage_collection": Field(trigger=True, read=lambda registry: None,
                                    wanted=lambda params: True if params.get("garbage_collection") else None,
                                    update=GarbageCollection()),
    },
    create=Create(fields=("name", "region", "subscription_tier"), required=("subscription_tier",),
                  body=create_body),
    delete=Delete(guard=refuse_other_name),
    prepare=check_registry,
    extras=registry_extras,
    label="container registry",
)


def find_credentials(engine):
    """The credentials, minted by the read; an account without a registry is an error, never a create."""
    expiry = engine.params.get("expiry_seconds")
    if expiry is not None and expiry < 0:
        raise PlanError("expiry_seconds must not be negative, got %d" % expiry)
    try:
        credentials = docker_credentials(engine.client, engine.params.get("read_write"), expiry)
    except DigitalOceanAPIError as exc:
        if exc.status == 404:
            raise PlanError("the account has no container registry: create it first "
                            "(fathom.digitalocean.container_registry)") from None
        raise
    engine.mask(auths_of(credentials))
    return credentials


def credentials_extras(engine, credentials):
    hosts = sorted(((credentials or {}).get("auths") or {}).keys())
    return {"registry": hosts[0] if hosts else "registry.digitalocean.com"}


# Read only: the task finds the credentials (each read mints them) and never plans a change.
CONTAINER_REGISTRY_DOCKER_CREDENTIALS = ResourceSpec(
    kind="container_registry_docker_credentials",
    api=Api(PATH + "/docker-credentials", "docker_credentials", single=True),
    lookup=Lookup(identity=(), id_option=None, find=find_credentials),
    extras=credentials_extras,
    label="docker credentials",
)


def docker_credentials(client, read_write=False, expiry_seconds=None):
    """The docker config JSON ({"auths": {"registry.digitalocean.com": {"auth": ...}}})."""
    params = {"read_write": "true" if read_write else "false"}
    if expiry_seconds is not None:
        params["expiry_seconds"] = expiry_seconds
    return client.get(PATH + "/docker-credentials", params=params)


def auths_of(credentials):
    return [entry.get("auth") for entry in ((credentials or {}).get("auths") or {}).values() if entry.get("auth")]
