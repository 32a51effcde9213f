"""Seeding and listing 10,000 Droplets must be fast (functional requirement)."""
import time

import requests


def test_seed_10000_droplets_under_10s_and_list_them_all(simulator):
    start = time.time()
    ids = simulator.seed(kind="droplets", count=10000, region="nyc3", tags=["fleet"], ipv6=True)
    seed_seconds = time.time() - start
    assert len(ids) == 10000 and len(set(ids)) == 10000
    assert seed_seconds < 10, seed_seconds

    session = requests.Session()
    headers = {"Authorization": "Bearer " + simulator.token}
    url = simulator.url + "/v2/droplets?per_page=200"
    seen = []
    calls = 0
    start = time.time()
    while url:
        resp = session.get(url, headers=headers)
        assert resp.status_code == 200
        body = resp.json()
        calls += 1
        seen.extend(d["id"] for d in body["droplets"])
        url = body["links"].get("pages", {}).get("next")
    list_seconds = time.time() - start
    assert calls == 50
    assert seen == ids
    assert body["meta"]["total"] == 10000
    if not simulator.server.validate_responses:  # response validation is slow on big pages
        assert list_seconds < 20, list_seconds
    first = simulator.api("GET", "/v2/droplets/%d" % ids[0])[1]["droplet"]
    assert first["name"] == "seed-1" and first["status"] == "active" and first["tags"] == ["fleet"]
    assert len(first["networks"]["v4"]) == 2 and len(first["networks"]["v6"]) == 1
    print("seed 10000: %.2fs, list 50 pages: %.2fs" % (seed_seconds, list_seconds))
