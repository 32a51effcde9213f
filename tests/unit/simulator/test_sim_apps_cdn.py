"""Simulator: App Platform apps and deployments, CDN endpoints and their rate limits.
Every answer is also checked against the spec (openapi-core response validation)."""
import time

import requests


class Api(object):
    def __init__(self, simulator):
        self.simulator = simulator
        self.validator = simulator.server.validator

    def __call__(self, method, path, template, json_body=None, expect=None):
        resp = requests.request(method, self.simulator.url + path, json=json_body, headers={
            "Authorization": "Bearer " + self.simulator.token, "Accept": "application/json"})
        if expect is not None:
            assert resp.status_code == expect, (method, path, resp.status_code, resp.text)
        if resp.status_code < 500:
            errors = self.validator.response_errors(method, template, resp.status_code, dict(resp.headers),
                                                    resp.content, "application/json")
            assert errors == [], (method, path, resp.status_code, errors)
        return resp


IMAGE = {"registry_type": "DOCKER_HUB", "registry": "library", "repository": "nginx"}


def spec(name="web-app", **service):
    return {"name": name, "services": [dict({"name": "api", "image": IMAGE}, **service)]}


def wait_phase(api, app_id, deployment_id, phases, timeout=5):
    deadline = time.time() + timeout
    while time.time() < deadline:
        body = api("GET", "/v2/apps/%s/deployments/%s" % (app_id, deployment_id),
                   "/v2/apps/{app_id}/deployments/{deployment_id}", expect=200).json()
        if body["deployment"]["phase"] in phases:
            return body["deployment"]
        time.sleep(0.05)
    raise AssertionError("deployment did not reach %s" % (phases,))


def test_app_lifecycle_defaults_and_phases(simulator):
    api = Api(simulator)
    created = api("POST", "/v2/apps", "/v2/apps", {"spec": dict(spec(), disable_edge_cache=False)},
                  expect=200).json()["app"]
    assert created["pending_deployment"]["phase"] == "PENDING_BUILD"
    assert "live_url" not in created
    live = created["spec"]
    assert live["region"] == "nyc" and "disable_edge_cache" not in live
    service = live["services"][0]
    assert (service["instance_count"], service["instance_size_slug"], service["http_port"], service["routes"]) == (
        1, "apps-s-1vcpu-0.5gb", 8080, [{"path": "/"}])

    first = created["pending_deployment"]["id"]
    seen = set()
    deadline = time.time() + 5
    while time.time() < deadline:
        phase = api("GET", "/v2/apps/%s/deployments/%s" % (created["id"], first),
                    "/v2/apps/{app_id}/deployments/{deployment_id}").json()["deployment"]["phase"]
        seen.add(phase)
        if phase == "ACTIVE":
            break
        time.sleep(0.03)
    assert {"PENDING_BUILD", "ACTIVE"} <= seen and seen <= {"PENDING_BUILD", "BUILDING", "DEPLOYING", "ACTIVE"}
    app = api("GET", "/v2/apps/%s" % created["id"], "/v2/apps/{id}", expect=200).json()["app"]
    assert app["live_url"].startswith("https://web-app-") and app["active_deployment"]["id"] == first

    updated = api("PUT", "/v2/apps/%s" % app["id"], "/v2/apps/{id}", {"spec": spec(instance_count=2)},
                  expect=200).json()["app"]
    second = updated["pending_deployment"]["id"]
    assert updated["active_deployment"]["id"] == first
    wait_phase(api, app["id"], second, ("ACTIVE",))
    listed = api("GET", "/v2/apps/%s/deployments" % app["id"], "/v2/apps/{app_id}/deployments",
                 expect=200).json()["deployments"]
    assert [(d["id"], d["phase"]) for d in listed] == [(second, "ACTIVE"), (first, "SUPERSEDED")]

    forced = api("POST", "/v2/apps/%s/deployments" % app["id"], "/v2/apps/{app_id}/deployments",
                 {"force_build": True}, expect=200).json()["deployment"]
    assert forced["cause"] == "manual"
    api("GET", "/v2/apps", "/v2/apps", expect=200)
    assert api("DELETE", "/v2/apps/%s" % app["id"], "/v2/apps/{id}", expect=200).json() == {"id": app["id"]}
    api("GET", "/v2/apps/%s" % app["id"], "/v2/apps/{id}", expect=404)


def test_failing_deployments_and_spec_rules(simulator):
    api = Api(simulator)
    app = api("POST", "/v2/apps", "/v2/apps", {"spec": spec(run_command="exit 1")}, expect=200).json()["app"]
    failed = wait_phase(api, app["id"], app["pending_deployment"]["id"], ("ERROR", "ACTIVE"))
    assert failed["phase"] == "ERROR"
    deploy = [s for s in failed["progress"]["steps"] if s["name"] == "deploy"][0]
    assert deploy["status"] == "ERROR" and failed["progress"]["error_steps"] == 1
    again = api("PUT", "/v2/apps/%s" % app["id"], "/v2/apps/{id}", {"spec": dict(
        spec(), envs=[{"key": "SIM_FAIL_DEPLOY", "value": "1"}])}, expect=200).json()["app"]
    assert wait_phase(api, app["id"], again["pending_deployment"]["id"], ("ERROR", "ACTIVE"))["phase"] == "ERROR"

    no_source = api("POST", "/v2/apps", "/v2/apps", {"spec": {"name": "x-app", "services": [{"name": "web"}]}},
                    expect=400).json()
    assert no_source["id"] == "invalid_argument" and "source" in no_source["message"]
    duplicate = api("POST", "/v2/apps", "/v2/apps", {"spec": spec()}, expect=409).json()
    assert "already exists" in duplicate["message"]
    secret = api("POST", "/v2/apps", "/v2/apps", {"spec": spec(name="secret-app", envs=[
        {"key": "TOKEN", "value": "hunter2", "type": "SECRET"}])}, expect=200).json()["app"]
    env = secret["spec"]["services"][0]["envs"][0]
    assert env["value"].startswith("EV[") and env["scope"] == "RUN_AND_BUILD_TIME"


def test_cdn_endpoints_and_rate_limits(simulator):
    api = Api(simulator)
    endpoint = api("POST", "/v2/cdn/endpoints", "/v2/cdn/endpoints",
                   {"origin": "static.nyc3.digitaloceanspaces.com", "ttl": 600}, expect=201).json()["endpoint"]
    assert endpoint["endpoint"] == "static.nyc3.cdn.digitaloceanspaces.com"
    assert "custom_domain" not in endpoint
    api("GET", "/v2/cdn/endpoints", "/v2/cdn/endpoints", expect=200)
    api("PUT", "/v2/cdn/endpoints/%s" % endpoint["id"], "/v2/cdn/endpoints/{cdn_id}",
        {"custom_domain": "cdn.example.com"}, expect=422)
    api("DELETE", "/v2/cdn/endpoints/%s/cache" % endpoint["id"], "/v2/cdn/endpoints/{cdn_id}/cache",
        {"files": ["*"]}, expect=204)
    api("GET", "/v2/cdn/endpoints/%s" % endpoint["id"], "/v2/cdn/endpoints/{cdn_id}", expect=200)
    limited = api("GET", "/v2/cdn/endpoints", "/v2/cdn/endpoints", expect=429)
    assert 1 <= int(limited.headers["retry-after"]) <= 10
    assert limited.json()["id"] == "too_many_requests"
    # Other resources are not limited by it.
    api("GET", "/v2/apps", "/v2/apps", expect=200)


def test_cdn_origin_rules(simulator):
    api = Api(simulator)
    api("POST", "/v2/cdn/endpoints", "/v2/cdn/endpoints", {"origin": "example.com"}, expect=422)
    api("POST", "/v2/cdn/endpoints", "/v2/cdn/endpoints", {"origin": "a.nyc3.digitaloceanspaces.com"}, expect=201)
    api("POST", "/v2/cdn/endpoints", "/v2/cdn/endpoints", {"origin": "a.nyc3.digitaloceanspaces.com"}, expect=409)
    api("POST", "/v2/cdn/endpoints", "/v2/cdn/endpoints", {"origin": "b.nyc3.digitaloceanspaces.com",
                                                           "ttl": 61}, expect=422)
