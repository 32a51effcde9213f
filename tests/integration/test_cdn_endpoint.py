"""cdn_endpoint and cdn_endpoint_info through ansible-playbook against the simulator.

The simulator enforces the API's limit of 5 requests per 10 s under /v2/cdn/endpoints. Request
counts below leave out 429 answers: on a fast machine a test can reach the limit, and the client
then waits as retry-after says and sends the request again.
"""

from __future__ import annotations

ORIGIN = "assets.nyc3.digitaloceanspaces.com"


def cdn_task(task="cdn", **options):
    return {"name": task, "fathom.digitalocean.cdn_endpoint": dict(options)}


def answered(simulator):
    """The request log without the 429 answers of the CDN rate limit."""
    return [(e["method"], e["path"]) for e in simulator.requests() if e["status"] != 429]


def sim_call(simulator, method, path, json=None):
    response = simulator.http.request(method, simulator.url + path, json=json, timeout=60, headers={
        "Authorization": "Bearer %s" % simulator.token, "Accept": "application/json"})
    assert response.status_code < 300, response.text
    return response.json() if response.content else None


def stored(simulator):
    return simulator.state("cdn_endpoints")


def test_create_noop_update_and_check_mode(simulator, playbook):
    run = playbook([cdn_task(origin=ORIGIN, ttl=600)])
    assert run.returncode == 0, run.stdout
    result = run.result("cdn")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    endpoint = result["cdn_endpoint"]
    assert endpoint["origin"] == ORIGIN and endpoint["ttl"] == 600
    assert endpoint["endpoint"] == "assets.nyc3.cdn.digitaloceanspaces.com"
    assert answered(simulator) == [("GET", "/v2/cdn/endpoints"), ("POST", "/v2/cdn/endpoints")]

    simulator.clear_requests()
    again = playbook([cdn_task(origin=ORIGIN, ttl=600)])
    assert again.result("cdn")["changed"] is False
    assert simulator.mutating_requests() == []
    assert answered(simulator) == [("GET", "/v2/cdn/endpoints")]  # a no-op run is one request

    simulator.clear_requests()
    check = playbook([cdn_task(origin=ORIGIN, ttl=86400)], check=True, diff=True)
    planned = check.result("cdn")
    assert planned["changed"] is True
    assert planned["plan"]["changes"] == {"ttl": {"before": 600, "after": 86400, "via": "PUT"}}
    assert planned["diff"]["before"]["ttl"] == 600 and planned["diff"]["after"]["ttl"] == 86400
    assert simulator.mutating_requests() == []
    assert stored(simulator)[0]["ttl"] == 600

    simulator.clear_requests()
    updated = playbook([cdn_task(origin=ORIGIN, ttl=86400)])
    assert updated.result("cdn")["cdn_endpoint"]["ttl"] == 86400
    assert stored(simulator)[0]["ttl"] == 86400
    # The PUT's answer is the result: no GET after it.
    assert answered(simulator) == [("GET", "/v2/cdn/endpoints"), ("PUT", "/v2/cdn/endpoints/%s" % endpoint["id"])]


def test_purge_check_mode_and_limits(simulator, playbook):
    endpoint = sim_call(simulator, "POST", "/v2/cdn/endpoints", {"origin": ORIGIN})["endpoint"]
    simulator.clear_requests()
    run = playbook([
        dict(cdn_task(task="check", origin=ORIGIN, purge=["assets/css/*"]), check_mode=True),
        cdn_task(task="purge", origin=ORIGIN, purge=["assets/css/*", "index.html"]),
        dict(cdn_task(task="too many", origin=ORIGIN, purge=["f%d" % i for i in range(51)]), ignore_errors=True),
        dict(cdn_task(task="empty path", origin=ORIGIN, purge=[""]), ignore_errors=True),
    ])
    check = run.result("check")
    assert check["changed"] is True
    assert check["plan"]["changes"] == {"purge": {"before": None, "after": ["assets/css/*"],
                                                  "via": "DELETE /v2/cdn/endpoints/{id}/cache"}}
    assert run.result("purge")["changed"] is True
    assert "at most 50 paths" in run.result("too many")["msg"]
    assert "must not be empty" in run.result("empty path")["msg"]
    # Only the real purge sent a change; the two bad inputs sent nothing at all.
    assert answered(simulator) == [
        ("GET", "/v2/cdn/endpoints"),
        ("GET", "/v2/cdn/endpoints"), ("DELETE", "/v2/cdn/endpoints/%s/cache" % endpoint["id"]),
    ]
    assert [p["files"] for p in stored(simulator)[0]["purges"]] == [["assets/css/*", "index.html"]]


def test_custom_domain_needs_a_certificate(simulator, playbook):
    certificate = sim_call(simulator, "POST", "/v2/certificates", {
        "name": "static", "type": "lets_encrypt", "dns_names": ["static.example.com"]})["certificate"]
    endpoint = sim_call(simulator, "POST", "/v2/cdn/endpoints", {"origin": ORIGIN})["endpoint"]
    simulator.clear_requests()
    run = playbook([
        dict(cdn_task(task="no certificate", origin=ORIGIN, custom_domain="static.example.com"),
             ignore_errors=True),
        cdn_task(task="domain", origin=ORIGIN, custom_domain="static.example.com",
                 certificate_id=certificate["id"]),
        cdn_task(task="same", origin=ORIGIN, custom_domain="static.example.com"),
    ])
    assert "custom_domain static.example.com needs certificate_id" in run.result("no certificate")["msg"]
    domain = run.result("domain")
    assert domain["plan"]["changes"]["custom_domain"] == {"before": None, "after": "static.example.com",
                                                          "via": "PUT"}
    assert domain["cdn_endpoint"]["certificate_id"] == certificate["id"]
    assert run.result("same")["changed"] is False
    assert [m for m, _path in answered(simulator)].count("PUT") == 1

    simulator.clear_requests()
    removed = playbook([cdn_task(origin=ORIGIN, custom_domain="")])
    assert removed.result("cdn")["changed"] is True
    assert "custom_domain" not in removed.result("cdn")["cdn_endpoint"]
    assert stored(simulator)[0]["certificate_id"] == ""
    assert answered(simulator)[-1] == ("PUT", "/v2/cdn/endpoints/%s" % endpoint["id"])


def test_origin_cannot_change_and_bad_ttl(simulator, playbook):
    endpoint = sim_call(simulator, "POST", "/v2/cdn/endpoints", {"origin": ORIGIN})["endpoint"]
    simulator.clear_requests()
    run = playbook([
        dict(cdn_task(task="origin", id=endpoint["id"], origin="other.nyc3.digitaloceanspaces.com"),
             ignore_errors=True),
        dict(cdn_task(task="ttl", origin=ORIGIN, ttl=61), ignore_errors=True),
    ])
    assert run.result("origin")["msg"].startswith("origin cannot change in place")
    assert "ttl" in run.result("ttl")["msg"] and "604800" in run.result("ttl")["msg"]
    assert simulator.mutating_requests() == []
    assert answered(simulator) == [("GET", "/v2/cdn/endpoints/%s" % endpoint["id"])]


def test_rate_limit_is_waited_out_and_delete(simulator, playbook):
    # The window is filled first, then the tasks send 7 more requests: some get 429 with
    # retry-after; the client waits as told and goes on.
    for _request in range(5):
        sim_call(simulator, "GET", "/v2/cdn/endpoints")
    run = playbook([
        cdn_task(task="create", origin=ORIGIN),
        cdn_task(task="ttl", origin=ORIGIN, ttl=60),
        cdn_task(task="purge", origin=ORIGIN, purge=["*"]),
        {"name": "info", "fathom.digitalocean.cdn_endpoint_info": {"origin": ORIGIN}},
    ])
    assert run.returncode == 0, run.stdout
    assert [e["status"] for e in simulator.requests()].count(429) >= 1
    assert [e["origin"] for e in run.result("info")["cdn_endpoints"]] == [ORIGIN]
    assert run.result("info")["changed"] is False
    assert stored(simulator)[0]["ttl"] == 60

    endpoint_id = run.result("create")["cdn_endpoint"]["id"]
    simulator.clear_requests()
    gone = playbook([
        cdn_task(task="delete", origin=ORIGIN, state="absent"),
        cdn_task(task="again", origin=ORIGIN, state="absent"),
        {"name": "info", "fathom.digitalocean.cdn_endpoint_info": {"id": endpoint_id}},
    ])
    assert gone.result("delete")["plan"]["action"] == "delete"
    assert gone.result("again")["changed"] is False
    assert gone.result("info")["cdn_endpoints"] == []
    assert [(m, p) for m, p in answered(simulator) if m == "DELETE"] == [
        ("DELETE", "/v2/cdn/endpoints/%s" % endpoint_id)]
    assert stored(simulator) == []
