# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The catalog's declarations (specs/catalog.py) through their _info modules: region_info and size_info
filter the listed items (the API has no filters for them), image_info and one_click_info send their
filters to the API, and image_info reads one image by id or slug."""

from __future__ import annotations

import pytest

from fakes import listing, module_info, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError

FEATURES = ["backups", "ipv6", "storage", "image_transfer"]
REGIONS = [
    {"slug": "nyc3", "name": "New York 3", "available": True, "features": FEATURES, "sizes": ["s-1vcpu-1gb"]},
    {"slug": "syd1", "name": "Sydney 1", "available": True, "features": FEATURES[:3], "sizes": ["s-1vcpu-1gb"]},
    {"slug": "nyc2", "name": "New York 2", "available": False, "features": FEATURES, "sizes": []},
]
SIZES = [
    {"slug": "s-1vcpu-1gb", "available": True, "regions": ["nyc3", "syd1"], "price_monthly": 6.0},
    {"slug": "so-2vcpu-16gb", "available": True, "regions": ["nyc3"], "price_monthly": 131.0},
    {"slug": "s-3vcpu-1gb", "available": False, "regions": ["nyc3", "syd1"], "price_monthly": 15.0},
]


def slugs(items):
    return [item["slug"] for item in items]


def regions(session):
    session.on("GET", "/v2/regions", listing("regions", *REGIONS))


def sizes(session):
    session.on("GET", "/v2/sizes", listing("sizes", *SIZES))


@pytest.mark.parametrize("options, expected", [
    ({}, ["nyc3", "syd1", "nyc2"]),
    (dict(available=True), ["nyc3", "syd1"]),
    (dict(available=False), ["nyc2"]),
    (dict(features=["image_transfer"]), ["nyc3", "nyc2"]),
    (dict(features=["backups", "ipv6"], available=True), ["nyc3", "syd1"]),
    (dict(slug="syd1"), ["syd1"]),
    (dict(features=["gpu"]), []),
])
def test_region_info_filters_the_listed_regions(options, expected):
    result, session = module_info("region_info", regions, **options)
    assert slugs(result["regions"]) == expected
    assert session.calls == ["GET /v2/regions"]
    assert session.requests[0].params == {"per_page": 200}


@pytest.mark.parametrize("options, expected", [
    ({}, ["s-1vcpu-1gb", "so-2vcpu-16gb", "s-3vcpu-1gb"]),
    (dict(available=True, region="syd1"), ["s-1vcpu-1gb"]),
    (dict(region="nyc3"), ["s-1vcpu-1gb", "so-2vcpu-16gb", "s-3vcpu-1gb"]),
    (dict(available=False), ["s-3vcpu-1gb"]),
    (dict(slug="so-2vcpu-16gb"), ["so-2vcpu-16gb"]),
])
def test_size_info_filters_the_listed_sizes(options, expected):
    result, session = module_info("size_info", sizes, **options)
    assert slugs(result["sizes"]) == expected
    assert session.calls == ["GET /v2/sizes"]


def images(session):
    session.on("GET", "/v2/images", listing("images", {"id": 1, "slug": "ubuntu-24-04-x64"},
                                            {"id": 2, "slug": "docker-20-04"}))


@pytest.mark.parametrize("options, query", [
    ({}, {"per_page": 200}),
    (dict(type="distribution"), {"type": "distribution", "per_page": 200}),
    (dict(type="application"), {"type": "application", "per_page": 200}),
    (dict(type="private", tag_name="golden"), {"private": "true", "tag_name": "golden", "per_page": 200}),
])
def test_image_info_sends_its_filters_to_the_api(options, query):
    result, session = module_info("image_info", images, **options)
    assert session.calls == ["GET /v2/images"]
    assert session.requests[0].params == query
    assert slugs(result["images"]) == ["ubuntu-24-04-x64", "docker-20-04"]


def test_image_info_matches_a_slug_on_the_list_and_reads_one_image_by_id_or_slug():
    result, _session = module_info("image_info", images, slug="docker-20-04")
    assert slugs(result["images"]) == ["docker-20-04"]
    for ident in ("ubuntu-24-04-x64", "1"):
        result, session = module_info("image_info", lambda s: s.on(
            "GET", "/v2/images/" + ident, reply(200, {"image": {"id": 1, "slug": "ubuntu-24-04-x64"}})), id=ident)
        assert session.calls == ["GET /v2/images/" + ident]
        assert slugs(result["images"]) == ["ubuntu-24-04-x64"]


def test_image_info_by_id_takes_no_list_filter():
    with pytest.raises(PlanError, match="^id reads one image: it takes no type or tag_name filter"):
        module_info("image_info", images, id="1", type="private")


def one_clicks(session):
    apps = [{"slug": "monitoring", "type": "kubernetes"}, {"slug": "netdata", "type": "kubernetes"}]
    session.on("GET", "/v2/1-clicks", reply(200, {"1_clicks": apps}))


def test_one_click_info_sends_the_type_to_the_api_and_matches_a_slug():
    result, session = module_info("one_click_info", one_clicks, type="kubernetes", slug="netdata")
    assert session.requests[0].params == {"type": "kubernetes", "per_page": 200}
    assert result["one_clicks"] == [{"slug": "netdata", "type": "kubernetes"}]


@pytest.mark.parametrize("module_name, options, message", [
    ("region_info", dict(features=[""]), r"^features\[0\] must not be empty"),
    ("size_info", dict(region=" "), "^region must not be empty"),
    ("image_info", dict(id=" "), "^id must be the id or the slug of an image"),
])
def test_bad_input_fails_before_any_request(module_name, options, message):
    with pytest.raises(PlanError, match=message):
        module_info(module_name, lambda session: None, **options)
