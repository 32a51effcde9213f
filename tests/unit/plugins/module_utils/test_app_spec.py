# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""App spec comparison: desired is a subset of live, with API defaults and zero values tolerated."""

from __future__ import annotations

import pytest

from ansible_collections.fathom.digitalocean.plugins.module_utils.app_spec import (
    SENSITIVE,
    mask_secrets,
    matches,
    project,
    secret_values,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.app import (
    deployment_failure,
    failing_step,
)

IMAGE = {"registry_type": "DOCKER_HUB", "registry": "library", "repository": "nginx"}

DESIRED = {
    "name": "web-app",
    "disable_edge_cache": False,
    "services": [
        {"name": "api", "image": dict(IMAGE), "envs": [{"key": "MODE", "value": "prod"}]},
        {"name": "admin", "image": dict(IMAGE), "instance_count": "2"},
    ],
}

LIVE = {
    "name": "web-app",
    "region": "nyc",
    "services": [
        {"name": "admin", "image": dict(IMAGE, tag="latest"), "instance_count": 2,
         "instance_size_slug": "apps-s-1vcpu-0.5gb", "http_port": 8080},
        {"name": "api", "image": dict(IMAGE, tag="latest"), "instance_count": 1,
         "instance_size_slug": "apps-s-1vcpu-0.5gb", "http_port": 8080, "routes": [{"path": "/"}],
         "envs": [{"key": "MODE", "value": "prod", "scope": "RUN_AND_BUILD_TIME", "type": "GENERAL"}]},
    ],
}


def with_service(spec, name, **changes):
    copy = dict(spec)
    copy["services"] = [dict(s, **changes) if s["name"] == name else s for s in spec["services"]]
    return copy


def test_api_defaults_order_and_omitted_zero_values_match():
    # region, instance_size_slug, http_port, routes, env scope/type are API defaults; the
    # components come back in another order; disable_edge_cache false is left out; "2" == 2.
    assert matches(DESIRED, LIVE)


@pytest.mark.parametrize("desired", [
    with_service(DESIRED, "admin", instance_count=3),
    with_service(DESIRED, "api", http_port=3000),
    dict(DESIRED, region="ams"),
    dict(DESIRED, disable_edge_cache=True),
    with_service(DESIRED, "api", envs=[{"key": "MODE", "value": "dev"}]),
])
def test_a_changed_value_is_a_change(desired):
    assert not matches(desired, LIVE)


def test_removed_or_added_items_are_changes():
    only_api = dict(DESIRED, services=[DESIRED["services"][0]])
    assert not matches(only_api, LIVE)  # admin would be removed
    extra = dict(DESIRED, services=DESIRED["services"] + [{"name": "worker-2", "image": IMAGE}])
    assert not matches(extra, LIVE)
    assert not matches(with_service(DESIRED, "api", envs=[]), LIVE)  # env removed
    both_envs = [{"key": "MODE", "value": "prod"}, {"key": "DEBUG", "value": "1"}]
    assert not matches(with_service(DESIRED, "api", envs=both_envs), LIVE)
    # A list the user sets is compared item by item: a removed route shows.
    assert not matches(with_service(DESIRED, "api", routes=[]), LIVE)
    assert matches(with_service(DESIRED, "api", routes=[{"path": "/"}]), LIVE)
    assert not matches(with_service(DESIRED, "api", routes=[{"path": "/"}, {"path": "/api"}]), LIVE)


def test_scalar_lists_compare_exactly():
    live = {"name": "a", "services": [{"name": "s", "internal_ports": [8080, 9090]}]}
    assert matches({"services": [{"name": "s", "internal_ports": [8080, 9090]}]}, live)
    assert not matches({"services": [{"name": "s", "internal_ports": [8080]}]}, live)


def test_zero_values_match_an_absent_key_but_not_a_set_one():
    assert matches({"name": "a", "envs": [], "ingress": {}, "disable_edge_cache": False}, {"name": "a"})
    assert not matches({"name": "a", "disable_edge_cache": False}, {"name": "a", "disable_edge_cache": True})
    assert not matches({"name": "a", "region": "nyc"}, {"name": "a"})
    assert matches({"name": "a", "health_check": None}, {"name": "a", "health_check": {"http_path": "/"}})


def test_type_mismatches_are_changes():
    assert not matches({"a": {"b": 1}}, {"a": "x"})
    assert not matches({"a": [1]}, {"a": {"b": 1}})
    assert not matches({"a": "1"}, {"a": [1]})
    assert matches({"a": "true"}, {"a": True})


def test_secret_env_values_are_not_compared_when_encrypted():
    desired = {"envs": [{"key": "TOKEN", "value": "s3cret", "type": "SECRET"}]}
    live = {"envs": [{"key": "TOKEN", "value": "EV[1:abc:def]", "type": "SECRET", "scope": "RUN_AND_BUILD_TIME"}]}
    assert matches(desired, live)
    # A general env var is compared by value.
    assert not matches({"envs": [{"key": "TOKEN", "value": "s3cret"}]},
                       {"envs": [{"key": "TOKEN", "value": "other", "type": "GENERAL"}]})
    # Turning a secret into a plain variable is a change (type differs).
    assert not matches({"envs": [{"key": "TOKEN", "value": "s3cret", "type": "GENERAL"}]}, live)


def test_project_limits_the_live_spec_to_the_keys_the_task_sets():
    shown = project(LIVE, DESIRED)
    assert shown == {
        "name": "web-app",
        "services": [
            {"name": "admin", "image": dict(IMAGE), "instance_count": 2},
            {"name": "api", "image": dict(IMAGE), "envs": [{"key": "MODE", "value": "prod"}]},
        ],
    }
    # A live component the task does not name is shown whole: the update removes it.
    only_api = dict(DESIRED, services=[DESIRED["services"][0]])
    assert project(LIVE, only_api)["services"][0] == LIVE["services"][0]


def test_mask_and_collect_secrets():
    spec = {"envs": [{"key": "A", "value": "plain"}, {"key": "B", "value": "hidden", "type": "SECRET"}],
            "services": [{"name": "s", "envs": [{"key": "C", "value": "EV[1:x:y]", "type": "SECRET"},
                                                {"key": "D", "value": "deep", "type": "secret"}]}]}
    masked = mask_secrets(spec)
    assert masked["envs"] == [{"key": "A", "value": "plain"}, {"key": "B", "value": SENSITIVE, "type": "SECRET"}]
    assert masked["services"][0]["envs"][1]["value"] == SENSITIVE
    assert spec["envs"][1]["value"] == "hidden"  # the input is untouched
    assert sorted(secret_values(spec)) == ["deep", "hidden"]


def test_failing_step_names_the_deepest_error():
    deployment = {"id": "d-1", "phase": "ERROR", "progress": {"steps": [
        {"name": "build", "status": "SUCCESS"},
        {"name": "deploy", "status": "ERROR", "steps": [
            {"name": "components", "status": "ERROR", "steps": [
                {"name": "api", "status": "ERROR", "component_name": "api", "steps": [
                    {"name": "deploy", "status": "SUCCESS"},
                    {"name": "wait", "status": "ERROR", "component_name": "api",
                     "reason": {"code": "DeployContainerExitNonZero", "message": "exited"}}]}]}]}]}}
    assert failing_step(deployment["progress"]["steps"]) == \
        "step wait of component api: [DeployContainerExitNonZero] exited"
    message = deployment_failure(deployment)
    assert message.startswith("App Platform deployment d-1 ended in phase ERROR, failing at step wait")
    assert deployment_failure({"id": "d-2", "phase": "CANCELED"}) == \
        "App Platform deployment d-2 ended in phase CANCELED"
    assert deployment_failure({"id": "d-3", "phase": "ACTIVE"}) is None
