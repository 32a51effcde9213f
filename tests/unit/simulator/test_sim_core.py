"""Core behaviour of the simulator: auth, routing, validation, pagination,
rate limits, keep-alive and the control API."""
import http.client
import json
import time
from urllib.parse import urlsplit

import requests

from tests.simulator.resources.ssh_keys import make_public_key

DROPLET = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}


def test_missing_or_wrong_token_is_401(simulator):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": simulator.token}):
        resp = requests.get(simulator.url + "/v2/account", headers=headers)
        assert resp.status_code == 401
        body = resp.json()
        assert body["id"] == "unauthorized"
        assert body["message"] == "Unable to authenticate you"
        assert body["request_id"]
        assert "ratelimit-limit" in resp.headers
    status, body = simulator.api("GET", "/v2/account")
    assert status == 200 and body["account"]["status"] == "active"
    assert [r["status"] for r in simulator.requests()] == [401, 401, 401, 200]


def test_unknown_path_is_404(simulator):
    for path in ("/v2/nothing-here", "/v3/droplets", "/v2/gen-ai/agents"):
        status, body = simulator.api("GET", path)
        assert status == 404
        assert body["id"] == "not_found"
        assert body["message"] == "The resource you were accessing could not be found."
    status, body = simulator.api("GET", "/v2/droplets/123456")
    assert status == 404 and body["id"] == "not_found"


def test_validation_names_the_missing_field(simulator):
    status, body = simulator.api("POST", "/v2/droplets", json={"name": "a", "image": "ubuntu-24-04-x64"})
    assert status == 422
    assert body["id"] == "unprocessable_entity"
    assert "size" in body["message"]
    assert simulator.state("droplets") == []


def test_validation_names_the_field_with_a_wrong_type(simulator):
    status, body = simulator.api("POST", "/v2/droplets", json=dict(DROPLET, name=123))
    assert status == 422 and "name" in body["message"]
    status, body = simulator.api("POST", "/v2/droplets", json=dict(DROPLET, backups="yes"))
    assert status == 422 and "backups" in body["message"]
    # the multi-create form reports its own fields
    status, body = simulator.api("POST", "/v2/droplets", json={"names": ["a", 5], "size": "s-1vcpu-1gb",
                                                               "image": "ubuntu-24-04-x64"})
    assert status == 422 and "names[1]" in body["message"]
    status, body = simulator.api("POST", "/v2/volumes", json={"name": "v", "region": "nyc3",
                                                              "size_gigabytes": "ten"})
    assert status == 422 and "size_gigabytes" in body["message"]


def test_validation_of_query_and_path_parameters(simulator):
    status, body = simulator.api("GET", "/v2/droplets", params={"per_page": "abc"})
    assert status == 422 and "per_page" in body["message"]
    status, body = simulator.api("GET", "/v2/droplets", params={"type": "bogus"})
    assert status == 422 and "type" in body["message"]
    status, body = simulator.api("GET", "/v2/droplets/not-a-number")
    assert status == 422 and "droplet_id" in body["message"]
    status, body = simulator.api("GET", "/v2/volumes/not-a-uuid")
    assert status == 422 and "volume_id" in body["message"]


def test_ssh_key_identifier_accepts_ids_and_fingerprints(simulator):
    status, body = simulator.api("POST", "/v2/account/keys",
                                 json={"name": "k", "public_key": make_public_key("x")})
    assert status == 201
    key = body["ssh_key"]
    for ident in (key["id"], key["fingerprint"]):
        status, body = simulator.api("GET", "/v2/account/keys/%s" % ident)
        assert status == 200 and body["ssh_key"]["id"] == key["id"]


def test_malformed_json_is_400(simulator):
    resp = requests.post(simulator.url + "/v2/droplets", data=b'{"name": "x",',
                         headers={"Authorization": "Bearer " + simulator.token,
                                  "Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json()["id"] == "bad_request"


def test_odd_bodies_never_cause_a_500(simulator):
    [did] = simulator.seed(count=1)
    cases = [
        ("POST", "/v2/droplets/%d/actions" % did, [1, 2]),
        ("POST", "/v2/droplets/%d/actions" % did, "power_off"),
        ("POST", "/v2/droplets/%d/actions" % did, None),
        ("POST", "/v2/droplets/%d/actions" % did, {"type": "bogus"}),
        ("POST", "/v2/droplets/%d/actions" % did, {"type": 5}),
        ("POST", "/v2/droplets/actions?tag_name=x", [1]),
        ("POST", "/v2/droplets", [DROPLET]),
        ("POST", "/v2/droplets", 42),
        ("POST", "/v2/volumes/actions", ["attach"]),
        ("POST", "/v2/tags", []),
        ("POST", "/v2/tags/x/resources", {"resources": "nope"}),
        ("PUT", "/v2/account/keys/1", [None]),
    ]
    for method, path, payload in cases:
        data = b"null" if payload is None else json.dumps(payload).encode()
        resp = requests.request(method, simulator.url + path, data=data,
                                headers={"Authorization": "Bearer " + simulator.token,
                                         "Content-Type": "application/json"})
        assert resp.status_code in (400, 404, 422), (method, path, payload, resp.text)
        assert resp.json()["id"] in ("bad_request", "unprocessable_entity", "not_found")
    assert all(r["status"] < 500 for r in simulator.requests())


def test_pagination_defaults_and_links(simulator):
    simulator.seed(count=45)
    status, body = simulator.api("GET", "/v2/droplets")
    assert status == 200
    assert len(body["droplets"]) == 20
    assert body["meta"] == {"total": 45}
    pages = body["links"]["pages"]
    assert set(pages) == {"next", "last"}
    host = urlsplit(simulator.url).netloc
    assert pages["next"] == "http://%s/v2/droplets?page=2" % host
    assert pages["last"] == "http://%s/v2/droplets?page=3" % host

    status, body = simulator.api("GET", pages["next"])
    assert [d["name"] for d in body["droplets"]][:2] == ["seed-21", "seed-22"]
    assert set(body["links"]["pages"]) == {"first", "prev", "next", "last"}

    status, body = simulator.api("GET", "/v2/droplets", params={"page": 3, "per_page": 20})
    assert len(body["droplets"]) == 5
    pages = body["links"]["pages"]
    assert set(pages) == {"first", "prev"}
    assert pages["prev"] == "http://%s/v2/droplets?page=2&per_page=20" % host

    # a single page has no pages links at all
    status, body = simulator.api("GET", "/v2/droplets", params={"per_page": 200})
    assert len(body["droplets"]) == 45 and body["links"] == {} and body["meta"]["total"] == 45

    # per_page above 200 is capped, filters are kept in the links
    simulator.seed(count=200, name_prefix="more", tags=["more"])
    status, body = simulator.api("GET", "/v2/droplets", params={"per_page": 500})
    assert status == 200 and len(body["droplets"]) == 200
    status, body = simulator.api("GET", "/v2/droplets", params={"tag_name": "more", "per_page": 150})
    assert body["meta"]["total"] == 200
    assert body["links"]["pages"]["next"].endswith("/v2/droplets?page=2&per_page=150&tag_name=more")


def test_links_use_the_request_host_header(simulator):
    simulator.seed(count=3)
    resp = requests.get(simulator.url + "/v2/droplets?per_page=1",
                        headers={"Authorization": "Bearer " + simulator.token,
                                 "Host": "api.example.test:1234"})
    assert resp.json()["links"]["pages"]["next"] == "http://api.example.test:1234/v2/droplets?page=2&per_page=1"


def test_ratelimit_headers_on_every_answer(simulator):
    for path in ("/v2/account", "/v2/droplets/1", "/v2/nothing"):
        resp = requests.get(simulator.url + path, headers={"Authorization": "Bearer " + simulator.token})
        assert resp.headers["ratelimit-limit"] == "5000"
        assert int(resp.headers["ratelimit-remaining"]) <= 4999
        assert int(resp.headers["ratelimit-reset"]) > time.time()
    first = requests.get(simulator.url + "/v2/account",
                         headers={"Authorization": "Bearer " + simulator.token})
    second = requests.get(simulator.url + "/v2/account",
                          headers={"Authorization": "Bearer " + simulator.token})
    assert int(second.headers["ratelimit-remaining"]) == int(first.headers["ratelimit-remaining"]) - 1


def test_per_minute_limit_gives_429_with_retry_after(simulator):
    simulator.config(rate_limit_per_minute=5)
    statuses = [simulator.api("GET", "/v2/account")[0] for _request in range(5)]
    assert statuses == [200] * 5
    resp = requests.get(simulator.url + "/v2/account", headers={"Authorization": "Bearer " + simulator.token})
    assert resp.status_code == 429
    assert resp.json()["id"] == "too_many_requests"
    assert 1 <= int(resp.headers["retry-after"]) <= 60
    assert resp.headers["ratelimit-remaining"] == "0"
    # reset clears the counters and restores the start-up config
    simulator.reset()
    assert simulator.config()["rate_limit_per_minute"] == 250
    assert simulator.api("GET", "/v2/account")[0] == 200


def test_hourly_limit(simulator):
    simulator.config(rate_limit_per_hour=3, rate_limit_per_minute=0)
    resp = None
    for _request in range(4):
        resp = requests.get(simulator.url + "/v2/account", headers={"Authorization": "Bearer " + simulator.token})
    assert resp.status_code == 429
    assert resp.headers["ratelimit-limit"] == "3"
    assert int(resp.headers["retry-after"]) > 3000


def test_keep_alive_connection_serves_many_requests(simulator):
    split = urlsplit(simulator.url)
    conn = http.client.HTTPConnection(split.hostname, split.port, timeout=10)
    headers = {"Authorization": "Bearer " + simulator.token, "Content-Type": "application/json"}
    seen = []
    for i in range(5):
        conn.request("POST", "/v2/tags", body=json.dumps({"name": "t%d" % i}), headers=headers)
        resp = conn.getresponse()
        resp.read()
        seen.append(resp.status)
        conn.request("DELETE", "/v2/tags/t%d" % i, headers=headers)
        resp = conn.getresponse()
        assert resp.read() == b""
        seen.append(resp.status)
        conn.request("GET", "/v2/nothing", headers=headers)
        resp = conn.getresponse()
        resp.read()
        seen.append(resp.status)
        conn.request("POST", "/v2/tags", body="{oops", headers=headers)
        resp = conn.getresponse()
        resp.read()
        seen.append(resp.status)
    conn.close()
    assert seen == [201, 204, 404, 400] * 5


def test_request_log_and_reset(simulator):
    simulator.api("GET", "/v2/droplets", params={"tag_name": "x", "per_page": "5"})
    simulator.api("POST", "/v2/tags", json={"name": "logged"})
    simulator.api("GET", "/v2/missing")
    log = simulator.requests()
    assert log == [
        {"method": "GET", "path": "/v2/droplets", "query": {"tag_name": "x", "per_page": "5"}, "status": 200},
        {"method": "POST", "path": "/v2/tags", "query": {}, "status": 201},
        {"method": "GET", "path": "/v2/missing", "query": {}, "status": 404},
    ]
    assert simulator.mutating_requests() == [log[1]]
    simulator.clear_requests()
    assert simulator.requests() == []
    simulator.seed(count=2)
    simulator.config(action_seconds=3)
    simulator.faults(rate=0.5)
    simulator.reset()
    assert simulator.state("droplets") == [] and simulator.state("tags") == []
    assert simulator.requests() == []
    assert simulator.config()["action_seconds"] == 0.2
    # the catalog survives a reset
    status, body = simulator.api("GET", "/v2/regions")
    assert status == 200 and body["meta"]["total"] >= 10


def test_control_api_errors_are_400(simulator):
    resp = requests.put(simulator.url + "/_sim/config", json={"bogus": 1})
    assert resp.status_code == 400
    resp = requests.put(simulator.url + "/_sim/faults", json={"rate": 3})
    assert resp.status_code == 400
    resp = requests.post(simulator.url + "/_sim/seed", json={"kind": "unicorns"})
    assert resp.status_code == 400
    resp = requests.post(simulator.url + "/_sim/seed", json={"kind": "droplets", "region": "mars1"})
    assert resp.status_code == 422
    # control requests are neither logged nor rate limited
    assert simulator.requests() == []


def test_catalog(simulator):
    status, body = simulator.api("GET", "/v2/regions")
    slugs = {r["slug"] for r in body["regions"]}
    assert {"nyc1", "nyc3", "sfo3", "ams3", "fra1", "lon1", "sgp1", "tor1", "blr1", "syd1"} <= slugs
    status, body = simulator.api("GET", "/v2/sizes", params={"per_page": 200})
    sizes = {s["slug"]: s for s in body["sizes"]}
    for slug in ("s-1vcpu-512mb-10gb", "s-1vcpu-1gb", "s-1vcpu-2gb", "s-2vcpu-2gb", "s-2vcpu-4gb",
                 "s-4vcpu-8gb", "c-2", "g-2vcpu-8gb", "m-2vcpu-16gb"):
        assert sizes[slug]["available"] and sizes[slug]["regions"] and sizes[slug]["price_monthly"] > 0
    assert sizes["s-1vcpu-1gb"]["memory"] == 1024 and sizes["s-1vcpu-1gb"]["vcpus"] == 1
    status, body = simulator.api("GET", "/v2/images", params={"type": "distribution", "per_page": 200})
    slugs = {i["slug"] for i in body["images"]}
    assert {"ubuntu-24-04-x64", "ubuntu-22-04-x64", "debian-12-x64", "fedora-40-x64",
            "rockylinux-9-x64", "centos-stream-9-x64"} <= slugs
    status, body = simulator.api("GET", "/v2/images/ubuntu-22-04-x64")
    assert status == 200
    image_id = body["image"]["id"]
    status, body = simulator.api("GET", "/v2/images/%d" % image_id)
    assert body["image"]["slug"] == "ubuntu-22-04-x64"
    status, body = simulator.api("GET", "/v2/images", params={"private": "true"})
    assert body["images"] == [] and body["meta"]["total"] == 0
