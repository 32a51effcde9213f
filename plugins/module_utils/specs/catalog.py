# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The platform's catalog, read by region_info, size_info, image_info and one_click_info: what new
resources are made of. Read only.

The API filters images (by type, privacy and tag) and 1-Click apps (by type) server-side; regions
and sizes have no filters, so their filters are matched on the listed items. Also the kinds that no
module manages yet, declared so that the lookups can list them; each becomes a full declaration
(with its own module) when the collection manages it.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Lookup, ResourceSpec

IMAGE_TYPES = ("distribution", "application", "private")
ONE_CLICK_TYPES = ("droplet", "kubernetes")


def _listed_with(keep):
    """A lister that keeps the items keep(params, item) accepts (filters no API has)."""

    def lister(engine, query):
        items = engine.client.paginate(engine.collection_path, engine.spec.api.plural, params=query)
        return [item for item in items if keep(engine.params, item)]

    return lister


def _has_features(params, region):
    return set(params.get("features") or ()) <= set(region.get("features") or ())


def _offered_in(params, size):
    return params.get("region") is None or params["region"] in (size.get("regions") or ())


def check_catalog_filters(params):
    for option in ("slug", "region"):
        if params.get(option) is not None and not str(params[option]).strip():
            raise PlanError("%s must not be empty" % option)
    for index, feature in enumerate(params.get("features") or ()):
        if not str(feature).strip():
            raise PlanError("features[%d] must not be empty" % index)


def image_query(params):
    """The server-side filters of GET /v2/images for image_info's options."""
    image_type = params.get("type")
    return {
        "type": image_type if image_type in ("distribution", "application") else None,
        "private": "true" if image_type == "private" else None,
        "tag_name": params.get("tag_name"),
    }


def check_image_filters(params):
    image = params.get("id")
    if image is not None and not str(image).strip():
        raise PlanError("id must be the id or the slug of an image, got an empty value")
    if image is not None and (params.get("type") or params.get("tag_name")):
        raise PlanError("id reads one image: it takes no type or tag_name filter")


REGION = ResourceSpec(
    kind="region",
    api=Api("/v2/regions", "region", id_field="slug"),
    lookup=Lookup(identity=("slug",), id_option=None, names=("slug", "name"), list=_listed_with(_has_features)),
    prepare=check_catalog_filters,
)

SIZE = ResourceSpec(
    kind="size",
    api=Api("/v2/sizes", "size", id_field="slug"),
    lookup=Lookup(identity=("slug",), id_option=None, names=("slug",), list=_listed_with(_offered_in)),
    prepare=check_catalog_filters,
)

IMAGE = ResourceSpec(
    kind="image",
    api=Api("/v2/images", "image"),
    lookup=Lookup(query=("type", "private", "tag_name"), names=("slug", "name")),
    prepare=check_image_filters,
)

ONE_CLICK = ResourceSpec(
    kind="one_click",
    api=Api("/v2/1-clicks", "1_click", plural_key="1_clicks", id_field="slug"),
    lookup=Lookup(identity=("slug",), id_option=None, query=("type",), names=("slug",)),
    label="1-Click application",
)
