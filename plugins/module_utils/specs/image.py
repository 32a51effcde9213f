# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Custom images: the declaration the image module runs (image_info reads the catalog's IMAGE).

A private image (a custom image, a snapshot or a backup) is found by id, or by name among the
account's private images (GET /v2/images?private=true); an image whose import failed (status
``deleted``) is left out, so the next run imports again. A new custom image is imported from
``url`` into ``region`` and awaited until ``available``; status ``deleted`` fails the task with the
API's ``error_message``. name, description and distribution change with one PUT; tags through the
tag endpoints. ``regions`` is a set reached through ``transfer`` actions, each awaited; the API has
no way to take an image out of a region, so a region left out of ``regions`` is an error.
``convert: true`` converts a backup into a snapshot (once: a snapshot stays one).

The account transfer endpoints (/v2/images/{id}/account_transfer) are not used: the API reference
does not document them.
"""

from __future__ import annotations

from urllib.parse import urlparse

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, exactly_one
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Put
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Ready, ResourceSpec, Updater
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import sorted_set, tags_field

# The distributions the API takes (the enum of the image schema's distribution).
DISTRIBUTIONS = ("Arch Linux", "CentOS", "CoreOS", "Debian", "Fedora", "Fedora Atomic", "FreeBSD", "Gentoo",
                 "openSUSE", "RancherOS", "Rocky Linux", "Ubuntu", "Unknown")
MAX_NAME = 255
AVAILABLE, DELETED = "available", "deleted"


def check_options(params):
    distribution = params.get("distribution")
    if distribution is not None and distribution not in DISTRIBUTIONS:
        raise PlanError("distribution must be one of %s, got %r" % (", ".join(DISTRIBUTIONS), distribution))
    url = params.get("url")
    if url is not None:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise PlanError("url must be an http or https URL the API can download the image file from, got %r" % url)
    name = params.get("name")
    if name is not None and not 1 <= len(name.strip()) <= MAX_NAME:
        raise PlanError("name must be 1 to %d characters" % MAX_NAME)
    regions = params.get("regions")
    if regions is not None:
        if not regions:
            raise PlanError("regions must list at least one region: an image is always in one")
        if params.get("region") and params["region"] not in regions:
            raise PlanError("regions must include region %s, where the image is imported" % params["region"])
    return params


def find_private_image(engine):
    name = engine.params.get("name")
    if not name:
        raise PlanError("image requires id or name to find the image")
    images = [image for image in engine.list_all({"private": "true"})
              if image.get("name") == name and image.get("status") != DELETED]
    return exactly_one(images, "private images", "are named %s" % name, hint="Give id to choose one.")


def import_failed(image):
    if image.get("status") == DELETED:
        return "image %s (id %s) could not be imported: %s" % (
            image.get("name"), image.get("id"), image.get("error_message") or "the API gives no reason")
    return None


def converted(image):
    """Whether the image is no longer a backup (convert: true is then done)."""
    return image.get("type") != "backup"


class TransferUpdater(Updater):
    """regions: each new region through one transfer action, awaited; none can be taken away."""

    via = "action:transfer"

    def check(self, engine, current, changes):
        change = changes["regions"]
        dropped = sorted(set(change.before or []) - set(change.after or []))
        if dropped:
            raise PlanError("regions: %s is in %s, and the API cannot take an image out of a region; add %s to "
                            "regions, or delete the image and import it again"
                            % (engine.describe(current), ", ".join(dropped), ", ".join(dropped)))

    def apply(self, engine, current, changes):
        if current.get("status") != AVAILABLE:
            raise PlanError("regions: %s is %s, not available yet, so it cannot be transferred; run the task "
                            "again once it is available" % (engine.describe(current), current.get("status")))
        change = changes["regions"]
        for region in sorted(set(change.after) - set(change.before or [])):
            engine.run_action(current, {"type": "transfer", "region": region})


class ConvertUpdater(Updater):
    """convert: a backup becomes a snapshot, through the convert action."""

    via = "action:convert"

    def apply(self, engine, current, changes):
        engine.run_action(current, {"type": "convert"})


def refuse_convert_on_import(engine, body):
    if engine.params.get("convert"):
        raise PlanError("convert converts an existing backup into a snapshot; image %s does not exist, so there "
                        "is nothing to convert" % engine.params.get("name"))
    return body


PUT = Put()

IMAGE = ResourceSpec(
    kind="image",
    api=Api("/v2/images", "image"),
    # query and names as the catalog's IMAGE declares them: both make the one kind "images".
    lookup=Lookup(identity=("name",), query=("type", "private", "tag_name"), names=("slug", "name"),
                  find=find_private_image),
    fields={
        "name": Field(update=PUT),
        "description": Field(missing="", update=PUT),
        "distribution": Field(update=PUT),
        "regions": Field(normalize=sorted_set, update=TransferUpdater()),
        "tags": tags_field("image"),
        "convert": Field(read=converted, wanted=lambda params: True if params.get("convert") else None,
                         update=ConvertUpdater()),
        "url": Field(write_only=True),
        "region": Field(write_only=True),
    },
    create=Create(fields=("name", "url", "region", "distribution", "description", "tags"),
                  required=("name", "url", "region"), body=refuse_convert_on_import, then=("regions",)),
    ready=Ready(when=lambda image: image.get("status") == AVAILABLE, failed=import_failed),
    prepare=check_options,
    label="image",
)
