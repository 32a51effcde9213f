# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The container_registry declaration (specs/container_registry.py) against the simulator: the
account's one registry (/v2/registry); create, no-op, tier change, check mode, garbage collection,
delete; bad input refused before any request; the docker credentials."""

from __future__ import annotations

import pytest

from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.container_registry import CONTAINER_REGISTRY
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.container_registry import auths_of
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.container_registry import (
    CONTAINER_REGISTRY_DOCKER_CREDENTIALS)

MODULE = "container_registry"


def task(simulator, check_mode=False, **options):
    options.setdefault("name", "acme")
    return run(simulator, CONTAINER_REGISTRY, MODULE, check_mode=check_mode, **options)


def test_create_noop_update_check_gc_delete(simulator):
    planned = task(simulator, check_mode=True, region="fra1", subscription_tier="starter")
    assert planned.result["plan"]["action"] == "create" and planned.mutating == []
    created = task(simulator, region="fra1", subscription_tier="starter")
    assert created.mutating == ["POST /v2/registry"]
    assert created.result["container_registry"]["subscription"]["tier"]["slug"] == "starter"
    again = task(simulator, region="fra1", subscription_tier="starter")
    assert again.result["changed"] is False and again.mutating == []

    checked = task(simulator, check_mode=True, subscription_tier="basic")
    assert checked.result["plan"]["changes"] == {
        "subscription_tier": {"before": "starter", "after": "basic", "via": "POST:subscription"}}
    assert checked.mutating == []
    updated = task(simulator, subscription_tier="basic")
    assert updated.mutating == ["POST /v2/registry/subscription"]
    assert updated.result["container_registry"]["subscription"]["tier"]["slug"] == "basic"

    simulator.seed("registry_images", count=1, repository="web", untagged=2)
    collected = task(simulator, garbage_collection=True, wait_timeout=30)
    assert collected.mutating == ["POST /v2/registry/acme/garbage-collection"]
    assert collected.result["garbage_collection"]["status"] == "succeeded"
    assert collected.result["garbage_collection"]["freed_bytes"] == 2 * 1048576

    with pytest.raises(PlanError, match="^region cannot change in place"):
        task(simulator, region="ams3")
    with pytest.raises(PlanError, match="named acme, not other: nothing is deleted"):
        task(simulator, name="other", state="absent")

    info = run_info(simulator, CONTAINER_REGISTRY, "container_registry_info")
    assert [r["name"] for r in info.result["container_registries"]] == ["acme"]

    deleted = task(simulator, state="absent")
    assert deleted.mutating == ["DELETE /v2/registry"]
    gone = task(simulator, state="absent")
    assert gone.result["changed"] is False and gone.mutating == []
    assert run_info(simulator, CONTAINER_REGISTRY, "container_registry_info").result["container_registries"] == []


@pytest.mark.parametrize("options, message", [
    (dict(name="Acme_1", subscription_tier="basic"), "^name must be 1 to 63 lower-case letters"),
])
def test_bad_input_is_refused_before_any_request(simulator, options, message):
    simulator.clear_requests()
    with pytest.raises(PlanError, match=message):
        task(simulator, **options)
    assert simulator.requests() == []


def test_a_create_without_tier_is_refused_without_changes(simulator):
    with pytest.raises(PlanError, match="subscription_tier"):
        task(simulator, region="fra1")
    assert [e for e in simulator.requests() if e["method"] != "GET"] == []


def test_docker_credentials_read_write_masked_and_never_a_change(simulator):
    with pytest.raises(PlanError, match="^the account has no container registry: create it first"):
        run(simulator, CONTAINER_REGISTRY_DOCKER_CREDENTIALS, "container_registry_docker_credentials")
    task(simulator, subscription_tier="basic")
    got = run(simulator, CONTAINER_REGISTRY_DOCKER_CREDENTIALS, "container_registry_docker_credentials",
              read_write=True, expiry_seconds=600)
    credentials = got.result["container_registry_docker_credentials"]
    assert list(credentials["auths"]) == ["registry.digitalocean.com"]
    assert got.result["changed"] is False and got.result["plan"]["action"] == "none"
    assert got.result["registry"] == "registry.digitalocean.com"
    assert auths_of(credentials) and auths_of(credentials)[0] in got.masked
    assert got.requests[-1]["query"] == {"read_write": "true", "expiry_seconds": "600"}
    assert got.mutating == []
    checked = run(simulator, CONTAINER_REGISTRY_DOCKER_CREDENTIALS, "container_registry_docker_credentials",
                  check_mode=True)
    assert checked.result["changed"] is False and checked.requests[-1]["query"] == {"read_write": "false"}
