"""Knobs case_insensitive_tags (tags are case-insensitive and case-stable) and record_set_ttl
(one TTL per DNS record set, the last one written wins)."""
from sim_realism_support import CLUSTER, DROPLET, created


def test_tags_are_case_insensitive_and_keep_their_first_spelling(simulator):
    simulator.config(case_insensitive_tags=True)
    assert created(simulator, "/v2/tags", {"name": "web"}, "tag")["name"] == "web"
    status, body = simulator.api("POST", "/v2/tags", json={"name": "WEB"})
    assert status == 201 and body["tag"]["name"] == "web"
    assert [t["name"] for t in simulator.api("GET", "/v2/tags")[1]["tags"]] == ["web"]
    status, body = simulator.api("GET", "/v2/tags/WEB")
    assert status == 200 and body["tag"]["name"] == "web"

    d = created(simulator, "/v2/droplets", dict(DROPLET, tags=["WEB"]), "droplet")
    assert d["tags"] == ["web"]
    vol = created(simulator, "/v2/volumes", {"name": "data", "region": "nyc3", "size_gigabytes": 10},
                  "volume")
    status, _body = simulator.api("POST", "/v2/tags/Web/resources", json={
        "resources": [{"resource_id": vol["id"], "resource_type": "volume"}]})
    assert status == 204
    assert simulator.api("GET", "/v2/volumes/%s" % vol["id"])[1]["volume"]["tags"] == ["web"]
    tag = simulator.api("GET", "/v2/tags/wEb")[1]["tag"]
    assert tag["resources"]["count"] == 2
    assert [x["id"] for x in simulator.api("GET", "/v2/droplets", params={"tag_name": "WEB"})[1]["droplets"]] \
        == [d["id"]]
    db = created(simulator, "/v2/databases", dict(CLUSTER, tags=["web"]), "database")
    listed = simulator.api("GET", "/v2/databases", params={"tag_name": "WEB"})[1]["databases"]
    assert [x["id"] for x in listed] == [db["id"]]
    assert simulator.api("DELETE", "/v2/tags/WEB")[0] == 204
    assert simulator.api("GET", "/v2/tags/web")[0] == 404


def test_tags_off_the_url_needs_the_canonical_name(simulator):
    created(simulator, "/v2/tags", {"name": "web"}, "tag")
    # creating and tagging are case-insensitive either way (they always were) ...
    assert simulator.api("POST", "/v2/tags", json={"name": "WEB"})[1]["tag"]["name"] == "web"
    assert created(simulator, "/v2/droplets", dict(DROPLET, tags=["WEB"]), "droplet")["tags"] == ["web"]
    # ... but the URL must spell the canonical name (what the reference asks of clients)
    assert simulator.api("GET", "/v2/tags/WEB")[0] == 404
    assert simulator.api("GET", "/v2/tags/web")[0] == 200


def test_tags_default_on(simulator):
    assert simulator.config(realism=True)["case_insensitive_tags"] is True
    created(simulator, "/v2/tags", {"name": "Prod"}, "tag")
    assert simulator.api("GET", "/v2/tags/PROD")[1]["tag"]["name"] == "Prod"


def make_domain(simulator):
    assert simulator.api("POST", "/v2/domains", json={"name": "example.com"})[0] == 201


def record(simulator, **fields):
    if fields["type"] == "TXT":
        fields.update(flags=None, tag=None)    # the spec's TXT schema requires both (nullable)
    return created(simulator, "/v2/domains/example.com/records", fields, "domain_record")


def ttls(simulator, name="@", rtype="TXT"):
    records = simulator.api("GET", "/v2/domains/example.com/records", params={"per_page": 200})[1]
    return {r["data"]: r["ttl"] for r in records["domain_records"] if r["name"] == name and r["type"] == rtype}


def test_one_ttl_per_record_set_the_last_write_wins(simulator):
    simulator.config(record_set_ttl=True)
    make_domain(simulator)
    first = record(simulator, type="TXT", name="@", data="one", ttl=1800)
    second = record(simulator, type="TXT", name="@", data="two", ttl=60)
    assert second["ttl"] == 60
    assert ttls(simulator) == {"one": 60, "two": 60}
    other = record(simulator, type="A", name="@", data="192.0.2.1", ttl=300)   # another type
    www = record(simulator, type="TXT", name="www", data="w", ttl=120)         # another name
    assert ttls(simulator) == {"one": 60, "two": 60}
    status, body = simulator.api("PATCH", "/v2/domains/example.com/records/%d" % first["id"],
                                 json={"type": "TXT", "ttl": 900})
    assert status == 200 and body["domain_record"]["ttl"] == 900
    assert ttls(simulator) == {"one": 900, "two": 900}
    status, _body = simulator.api("PUT", "/v2/domains/example.com/records/%d" % second["id"],
                                  json={"type": "TXT", "data": "two", "ttl": 3600, "flags": None, "tag": None})
    assert status == 200 and ttls(simulator) == {"one": 3600, "two": 3600}
    assert ttls(simulator, "@", "A") == {"192.0.2.1": 300} and ttls(simulator, "www") == {"w": 120}
    assert simulator.api("GET", "/v2/domains/example.com/records/%d" % other["id"])[1][
        "domain_record"]["ttl"] == 300
    assert www["ttl"] == 120


def test_record_ttls_off_are_per_record(simulator):
    make_domain(simulator)
    record(simulator, type="TXT", name="@", data="one", ttl=1800)
    record(simulator, type="TXT", name="@", data="two", ttl=60)
    assert ttls(simulator) == {"one": 1800, "two": 60}


def test_record_ttls_default_on(simulator):
    assert simulator.config(realism=True)["record_set_ttl"] is True
    make_domain(simulator)
    record(simulator, type="TXT", name="@", data="one", ttl=1800)
    record(simulator, type="TXT", name="@", data="two", ttl=60)
    assert ttls(simulator) == {"one": 60, "two": 60}
