# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The image declaration (specs/image.py) through the engine against the simulator: a custom image
imported from a URL, awaited until available and transferred to the other regions of ``regions``,
a re-run without a mutating request, name/description/distribution with one PUT, tags, check mode
with drift, a failed import reported with the API's message, a backup converted once, deletion, and
bad input refused before any request that changes anything."""

from __future__ import annotations

import pytest

from sim_engine import run

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.image import IMAGE
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import WaitError

URL = "https://images.example.com/base.qcow2.gz"


def task(simulator, check_mode=False, **options):
    options.setdefault("wait_timeout", 30)
    return run(simulator, IMAGE, "image", check_mode=check_mode, **options)


def test_import_transfer_no_op_update_drift_and_delete(simulator):
    planned = task(simulator, check_mode=True, name="base", url=URL, region="nyc3", regions=["nyc3", "ams3"],
                   distribution="Ubuntu")
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create"

    created = task(simulator, name="base", url=URL, region="nyc3", regions=["nyc3", "ams3"], distribution="Ubuntu",
                   description="hardened", tags=["base"])
    image = created.result["image"]
    path = "/v2/images/%d" % image["id"]
    assert created.mutating == ["POST /v2/images", "POST %s/actions" % path]
    assert image["status"] == "available" and sorted(image["regions"]) == ["ams3", "nyc3"]
    assert image["tags"] == ["base"] and image["type"] == "custom"

    # url and region only matter to an import: the image is found by name and nothing changes.
    again = task(simulator, name="base", url="https://elsewhere.example.com/x.img", region="nyc3",
                 regions=["ams3", "nyc3"], distribution="Ubuntu", description="hardened", tags=["BASE"])
    assert again.mutating == [] and again.result["changed"] is False

    drift = task(simulator, check_mode=True, name="base", description="v2", distribution="Debian",
                 regions=["nyc3", "ams3", "fra1"], tags=["base", "web"])
    assert drift.mutating == []
    assert drift.result["plan"]["changes"] == {
        "description": {"before": "hardened", "after": "v2", "via": "PUT"},
        "distribution": {"before": "Ubuntu", "after": "Debian", "via": "PUT"},
        "regions": {"before": ["ams3", "nyc3"], "after": ["ams3", "fra1", "nyc3"], "via": "action:transfer"},
        "tags": {"before": ["base"], "after": ["base", "web"], "via": "tags"}}

    updated = task(simulator, name="base", description="v2", distribution="Debian",
                   regions=["nyc3", "ams3", "fra1"], tags=["base", "web"])
    assert updated.mutating == ["PUT " + path, "POST %s/actions" % path, "POST /v2/tags",
                                "POST /v2/tags/web/resources"]
    after = updated.result["image"]
    assert (after["description"], after["distribution"]) == ("v2", "Debian")
    assert sorted(after["regions"]) == ["ams3", "fra1", "nyc3"] and sorted(after["tags"]) == ["base", "web"]

    renamed = task(simulator, id=image["id"], name="base-v2")
    assert renamed.mutating == ["PUT " + path] and renamed.result["image"]["name"] == "base-v2"

    with pytest.raises(PlanError, match="^regions: image base-v2 .* is in fra1, and the API cannot take an image "
                                        "out of a region"):
        task(simulator, name="base-v2", regions=["nyc3", "ams3"])

    gone = task(simulator, name="base-v2", state="absent")
    assert gone.mutating == ["DELETE " + path]
    assert task(simulator, name="base-v2", state="absent").mutating == []


def test_a_failed_import_fails_with_the_api_message_and_is_imported_again(simulator):
    with pytest.raises(WaitError, match="^image broken \\(id \\d+\\) could not be imported: Image import failed: "
                                        "the file at the URL is not a supported image format"):
        task(simulator, name="broken", url="https://images.example.com/disk.iso", region="nyc3")
    # The failed image does not count: the next run imports again.
    retried = task(simulator, check_mode=True, name="broken", url=URL, region="nyc3")
    assert retried.result["plan"]["action"] == "create"


def test_a_backup_is_converted_once(simulator):
    droplet = simulator.seed("droplets")[0]
    backup = simulator.seed("backup_images", droplet_id=droplet)[0]
    drift = task(simulator, check_mode=True, id=backup, convert=True)
    assert drift.result["plan"]["changes"] == {"convert": {"before": False, "after": True, "via": "action:convert"}}
    converted = task(simulator, id=backup, convert=True)
    assert converted.mutating == ["POST /v2/images/%d/actions" % backup]
    assert converted.result["image"]["type"] == "snapshot"
    assert task(simulator, id=backup, convert=True).mutating == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_bad_input_is_refused_before_any_change(simulator, check_mode):
    cases = [
        (dict(name="x", url=URL, region="nyc3", distribution="Windows"), "^distribution must be one of Arch Linux, "),
        (dict(name="x", url="ftp://example.com/a.img", region="nyc3"), "^url must be an http or https URL"),
        (dict(name="x", url=URL, region="nyc3", regions=["ams3"]), "^regions must include region nyc3"),
        (dict(name="x", url=URL), "^region is required to create image x$"),
        (dict(name="x", url=URL, region="nyc3", convert=True), "^convert converts an existing backup"),
        (dict(name="x", url=URL, region="nyc3", tags=["bad tag"]), "^tags\\[0\\]: 'bad tag' is not a tag name"),
    ]
    for options, message in cases:
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, **options)
    assert simulator.mutating_requests() == []
