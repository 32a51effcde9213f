"""Fault injection: error statuses, dropped connections, latency."""
import time

import pytest
import requests

DROPLET = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}


def statuses(simulator, n):
    return [simulator.api("GET", "/v2/account")[0] for _request in range(n)]


def test_fault_rate_is_seedable(simulator):
    simulator.faults(rate=0.5, statuses=[429, 500, 502, 503], seed=42)
    first = statuses(simulator, 30)
    simulator.faults(rate=0.5, statuses=[429, 500, 502, 503], seed=42)
    second = statuses(simulator, 30)
    assert first == second
    assert set(first) - {200} <= {429, 500, 502, 503}
    assert 200 in first and len(set(first)) > 2


def test_faulted_requests_are_not_performed_and_shaped_like_the_api(simulator):
    simulator.faults(rate=1.0, statuses=[503], path_regex="^/v2/droplets$", methods=["POST"])
    status, body = simulator.api("POST", "/v2/droplets", json=DROPLET)
    assert status == 503 and body["id"] == "service_unavailable" and body["message"]
    assert simulator.state("droplets") == []
    # non-matching requests are unaffected
    assert simulator.api("GET", "/v2/droplets")[0] == 200
    assert simulator.api("POST", "/v2/tags", json={"name": "x"})[0] == 201
    simulator.faults(rate=1.0, statuses=[429])
    resp = requests.get(simulator.url + "/v2/account", headers={"Authorization": "Bearer " + simulator.token})
    assert resp.status_code == 429 and resp.headers["retry-after"] == "1"
    assert resp.json()["id"] == "too_many_requests"
    assert "ratelimit-limit" in resp.headers and "ratelimit-reset" in resp.headers
    assert simulator.requests()[-1]["status"] == 429
    assert simulator.clear_faults() is None
    assert simulator.api("GET", "/v2/account")[0] == 200
    assert requests.get(simulator.url + "/_sim/faults").json() == {}


def test_drop_rate_performs_the_request_but_sends_nothing(simulator):
    simulator.faults(drop_rate=1.0, path_regex="^/v2/droplets$", methods=["POST"])
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(simulator.url + "/v2/droplets", json=DROPLET,
                      headers={"Authorization": "Bearer " + simulator.token}, timeout=10)
    assert [d["name"] for d in simulator.state("droplets")] == ["web-1"]
    [entry] = simulator.requests()
    assert entry["dropped"] is True and entry["status"] == 202
    simulator.clear_faults()
    status, body = simulator.api("GET", "/v2/droplets", params={"name": "web-1"})
    assert body["meta"]["total"] == 1


def test_latency(simulator):
    simulator.faults(latency_ms=300, path_regex="/v2/account")
    start = time.time()
    assert simulator.api("GET", "/v2/account")[0] == 200
    assert time.time() - start >= 0.3
    start = time.time()
    assert simulator.api("GET", "/v2/regions")[0] == 200
    assert time.time() - start < 0.3
    assert requests.get(simulator.url + "/_sim/faults").json()["latency_ms"] == 300
