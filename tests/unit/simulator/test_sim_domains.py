"""Domains and domain records: behaviour, real-API validation and answers that match the spec."""
from tests.helpers import spec_checked_call

DOMAIN = "example.com"
RECORDS = "/v2/domains/example.com/records"


def test_domain_lifecycle_and_answers_match_the_spec(simulator):
    created = spec_checked_call(simulator, "POST", "/v2/domains", "/v2/domains",
                                {"name": "Example.COM", "ip_address": "192.0.2.1"}, expect=201)["domain"]
    assert created == {"name": DOMAIN, "ttl": 1800, "zone_file": None}
    listed = spec_checked_call(simulator, "GET", "/v2/domains", "/v2/domains", expect=200)
    assert [d["name"] for d in listed["domains"]] == [DOMAIN] and listed["meta"]["total"] == 1
    one = spec_checked_call(simulator, "GET", "/v2/domains/example.com", "/v2/domains/{domain_name}", expect=200)["domain"]
    assert one["zone_file"].startswith("$ORIGIN example.com.\n$TTL 1800\nexample.com. 1800 IN SOA ")
    assert "example.com. 1800 IN A 192.0.2.1\n" in one["zone_file"]
    records = spec_checked_call(simulator, "GET", RECORDS, "/v2/domains/{domain_name}/records", expect=200)
    assert [(r["type"], r["name"], r["data"]) for r in records["domain_records"]] == [
        ("SOA", "@", "1800"), ("NS", "@", "ns1.digitalocean.com"), ("NS", "@", "ns2.digitalocean.com"),
        ("NS", "@", "ns3.digitalocean.com"), ("A", "@", "192.0.2.1")]
    assert records["domain_records"][1]["priority"] is None

    record = spec_checked_call(simulator, "POST", RECORDS, "/v2/domains/{domain_name}/records",
                               {"type": "MX", "name": "@", "data": "mx.example.net.", "priority": 10,
                                "flags": None, "tag": None}, expect=201)["domain_record"]
    assert record["data"] == "mx.example.net" and record["ttl"] == 1800 and record["weight"] is None
    path = "%s/%d" % (RECORDS, record["id"])
    template = "/v2/domains/{domain_name}/records/{domain_record_id}"
    spec_checked_call(simulator, "GET", path, template, expect=200)
    patched = spec_checked_call(simulator, "PATCH", path, template, {"type": "MX", "priority": 20}, expect=200)
    assert patched["domain_record"]["priority"] == 20 and patched["domain_record"]["data"] == "mx.example.net"
    put = spec_checked_call(simulator, "PUT", path, template,
                            {"type": "MX", "data": "mx2.example.net.", "priority": 5, "ttl": 60}, expect=200)
    assert (put["domain_record"]["data"], put["domain_record"]["ttl"]) == ("mx2.example.net", 60)
    spec_checked_call(simulator, "DELETE", path, template, expect=204)
    spec_checked_call(simulator, "GET", path, template, expect=404)

    spec_checked_call(simulator, "DELETE", "/v2/domains/example.com", "/v2/domains/{domain_name}", expect=204)
    spec_checked_call(simulator, "GET", RECORDS, "/v2/domains/{domain_name}/records", expect=404)
    assert simulator.state("domain_records") == []


def test_record_filters_take_fully_qualified_names(simulator):
    assert simulator.api("POST", "/v2/domains", json={"name": DOMAIN, "ip_address": "192.0.2.1"})[0] == 201
    for name in ("www", "www.example.com."):
        assert simulator.api("POST", RECORDS, json={"type": "A", "name": name, "data": "192.0.2.%d" % len(name)})[0] == 201

    def names(**query):
        return [(r["type"], r["name"]) for r in simulator.api("GET", RECORDS, params=query)[1]["domain_records"]]

    assert names(type="A") == [("A", "@"), ("A", "www"), ("A", "www")]
    assert names(name="www.example.com") == [("A", "www"), ("A", "www")]
    assert names(name="example.com", type="NS") == [("NS", "@")] * 3
    assert names(name="www") == []            # the filter wants the fully qualified name
    assert simulator.api("GET", RECORDS, params={"type": "PTR"})[0] == 422


def test_records_are_validated_like_the_real_api(simulator):
    assert simulator.api("POST", "/v2/domains", json={"name": DOMAIN})[0] == 201
    assert simulator.api("POST", "/v2/domains", json={"name": DOMAIN})[0] == 422
    assert simulator.api("POST", "/v2/domains", json={"name": "bad name"})[0] == 422

    def create(**body):
        return simulator.api("POST", RECORDS, json=body)

    status, body = create(type="A", name="www")
    assert status == 422 and "'data' is a required property" in body["message"]
    status, body = create(type="CNAME", name="blog", data="www.example.com")
    assert (status, body["message"]) == (422, "Data needs to end with a dot (.)")
    assert create(type="A", name="www", data="not-an-ip")[0] == 422
    assert create(type="MX", data="mx.example.net.")[0] == 422            # priority is required
    assert create(type="SRV", name="_s._tcp", data="s.example.net.", priority=1, port=1,
                  flags=None, tag=None)[0] == 422                           # weight is required
    assert create(type="A", name="www", data="192.0.2.1", ttl=5)[0] == 422
    assert create(type="SOA", ttl=60)[0] == 422
    # A CNAME shares its name with nothing.
    assert create(type="A", name="app", data="192.0.2.1")[0] == 201
    status, body = create(type="CNAME", name="app", data="lb.example.net.")
    assert (status, body["message"]) == (422, "CNAME records cannot share a name with other records")
    assert create(type="CNAME", name="alias", data="@")[0] == 201
    assert create(type="TXT", name="alias", data="x", flags=None, tag=None)[0] == 422

    soa = simulator.api("GET", RECORDS, params={"type": "SOA"})[1]["domain_records"][0]
    soa_path = "%s/%d" % (RECORDS, soa["id"])
    assert simulator.api("PATCH", soa_path, json={"type": "SOA", "ttl": 600})[1]["domain_record"]["ttl"] == 600
    assert simulator.api("PATCH", soa_path, json={"type": "SOA", "data": "x"})[0] == 422
    assert simulator.api("DELETE", soa_path)[0] == 422

    cname = create(type="CNAME", name="web", data="www.example.net.")[1]["domain_record"]
    cname_path = "%s/%d" % (RECORDS, cname["id"])
    assert simulator.api("PATCH", cname_path, json={"ttl": 60})[0] == 422          # type is required
    assert simulator.api("PATCH", cname_path, json={"type": "CNAME", "ttl": 60})[0] == 200
    assert simulator.api("PATCH", cname_path, json={"type": "A", "ttl": 60})[0] == 422
    # PUT replaces: the data has to be sent again.
    status, body = simulator.api("PUT", cname_path, json={"type": "CNAME", "ttl": 120})
    assert (status, body["message"]) == (422, "Data needs to end with a dot (.)")
    assert simulator.api("GET", "/v2/domains/example.com/records/999999")[0] == 404


def test_seed_domains(simulator):
    names = simulator.seed("domains", count=2, records=3)
    assert names == ["seed-1.com", "seed-2.com"]
    status, body = simulator.api("GET", "/v2/domains/seed-2.com/records", params={"type": "A"})
    assert [r["name"] for r in body["domain_records"]] == ["host-1", "host-2", "host-3"]
