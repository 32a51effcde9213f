"""domain_record, domain_record_info and domain_records through ansible-playbook against the simulator."""

from __future__ import annotations

from tests.helpers import method_and_path

DOMAIN = "example.com"
RECORDS = "/v2/domains/%s/records" % DOMAIN


def record_task(task="record", **options):
    return {"name": task, "fathom.digitalocean.domain_record": dict(options, domain=DOMAIN)}


def records_task(records, task="records", **options):
    return {"name": task, "fathom.digitalocean.domain_records": dict(options, domain=DOMAIN, records=records)}


def make_domain(simulator, **extra):
    status, body = simulator.api("POST", "/v2/domains", json=dict(extra, name=DOMAIN))
    assert status == 201, body
    simulator.clear_requests()


def api_records(simulator, **query):
    status, body = simulator.api("GET", RECORDS, params=dict(query, per_page=200))
    assert status == 200, body
    return body["domain_records"]


def summary(simulator):
    return sorted((r["type"], r["name"], r["data"], r["ttl"]) for r in api_records(simulator)
                  if r["type"] not in ("SOA", "NS"))


# -- domain_record ---------------------------------------------------------------------------------


def test_a_record_create_noop_update_check_and_delete(simulator, playbook):
    make_domain(simulator)
    run = playbook([record_task(type="A", name="www.example.com.", data="192.0.2.10")])
    assert run.returncode == 0, run.stdout
    created = run.result("record")
    assert created["changed"] is True and created["plan"]["action"] == "create"
    assert created["domain_record"]["name"] == "www"
    assert created["plan"]["identity"] == {"domain": DOMAIN, "type": "A", "name": "www", "data": "192.0.2.10"}
    posts = list(simulator.mutating_requests())
    assert method_and_path(posts) == [("POST", RECORDS)]
    record_id = created["domain_record"]["id"]

    # The same record named three ways; one filtered list request, no change.
    simulator.clear_requests()
    again = playbook([record_task("a", type="A", name="www", data="192.0.2.10"),
                      record_task("b", type="A", name="WWW.example.com", data="192.0.2.10")])
    assert again.returncode == 0, again.stdout
    assert again.result("a")["changed"] is False and again.result("b")["changed"] is False
    assert simulator.mutating_requests() == []
    assert [e["query"] for e in simulator.requests()] == [
        {"type": "A", "name": "www.example.com", "per_page": "200"}] * 2

    # Check mode with diff: the exact plan, nothing sent.
    check = playbook([record_task(type="A", name="www", data="192.0.2.10", ttl=300)], check=True, diff=True)
    result = check.result("record")
    assert result["changed"] is True
    assert result["plan"]["action"] == "update" and result["plan"]["id"] == record_id
    assert result["plan"]["changes"] == {"ttl": {"before": 1800, "after": 300, "via": "PATCH"}}
    assert result["diff"]["before"]["ttl"] == 1800 and result["diff"]["after"]["ttl"] == 300
    assert simulator.mutating_requests() == []

    update = playbook([record_task(type="A", name="www", data="192.0.2.10", ttl=300)])
    assert update.result("record")["domain_record"]["ttl"] == 300
    assert method_and_path(simulator.mutating_requests()) == [("PATCH", "%s/%d" % (RECORDS, record_id))]
    assert simulator.api("GET", "%s/%d" % (RECORDS, record_id))[1]["domain_record"]["ttl"] == 300

    # A different address of a multi-valued type is another record.
    simulator.clear_requests()
    second = playbook([record_task(type="A", name="www", data="192.0.2.11")])
    assert second.result("record")["plan"]["action"] == "create"
    assert sorted(r["data"] for r in api_records(simulator, type="A")) == ["192.0.2.10", "192.0.2.11"]

    simulator.clear_requests()
    gone = playbook([record_task(type="A", name="www", data="192.0.2.10", state="absent")])
    assert gone.result("record")["changed"] is True
    assert method_and_path(simulator.mutating_requests()) == [("DELETE", "%s/%d" % (RECORDS, record_id))]
    assert [r["data"] for r in api_records(simulator, type="A")] == ["192.0.2.11"]


def test_cname_data_changes_in_place_and_record_by_id(simulator, playbook):
    make_domain(simulator)
    run = playbook([
        record_task("cname", type="CNAME", name="blog", data="www.example.com"),
        record_task("same", type="CNAME", name="blog", data="WWW.example.com."),
        record_task("mx", type="MX", name="@", data="mx1.example.net", priority=10),
    ])
    assert run.returncode == 0, run.stdout
    assert run.result("cname")["changed"] is True and run.result("same")["changed"] is False
    # Host names go to the API with their trailing dot; it answers without.
    posts = [e for e in simulator.mutating_requests() if e["method"] == "POST"]
    assert len(posts) == 2
    cname = run.result("cname")["domain_record"]
    assert cname["data"] == "www.example.com"
    mx = run.result("mx")["domain_record"]

    simulator.clear_requests()
    moved = playbook([
        record_task("cname", type="CNAME", name="blog", data="web.example.net."),
        record_task("mx", id=mx["id"], type="MX", data="mx9.example.net", priority=5),
    ], diff=True)
    assert moved.returncode == 0, moved.stdout
    assert moved.result("cname")["plan"]["changes"] == {
        "data": {"before": "www.example.com", "after": "web.example.net", "via": "PATCH"}}
    assert moved.result("mx")["plan"]["changes"] == {
        "data": {"before": "mx1.example.net", "after": "mx9.example.net", "via": "PATCH"},
        "priority": {"before": 10, "after": 5, "via": "PATCH"}}
    assert method_and_path(simulator.mutating_requests()) == [
        ("PATCH", "%s/%d" % (RECORDS, cname["id"])), ("PATCH", "%s/%d" % (RECORDS, mx["id"]))]
    assert [(r["data"], r["priority"]) for r in api_records(simulator, type="MX")] == [("mx9.example.net", 5)]
    assert [r["data"] for r in api_records(simulator, type="CNAME")] == ["web.example.net"]


def test_srv_caa_txt_and_soa(simulator, playbook):
    make_domain(simulator)
    tasks = [
        record_task("srv", type="SRV", name="_sip._tcp", data="sip.example.com", priority=10, weight=5, port=5060),
        record_task("caa", type="CAA", name="@", tag="issue", flags=0, data="letsencrypt.org"),
        record_task("caa-wild", type="CAA", name="@", tag="issuewild", flags=0, data="letsencrypt.org"),
        record_task("txt", type="TXT", name="@", data="v=spf1 -all"),
        record_task("aaaa", type="AAAA", name="v6", data="2001:DB8:0:0::1"),
        record_task("soa", type="SOA", ttl=600),
    ]
    run = playbook(tasks)
    assert run.returncode == 0, run.stdout
    assert all(run.result(t["name"])["changed"] for t in tasks)
    assert run.result("soa")["plan"]["changes"] == {"ttl": {"before": 1800, "after": 600, "via": "PATCH"}}
    assert [r["ttl"] for r in api_records(simulator, type="SOA")] == [600]
    assert sorted(r["tag"] for r in api_records(simulator, type="CAA")) == ["issue", "issuewild"]

    simulator.clear_requests()
    again = playbook(tasks)
    assert again.returncode == 0, again.stdout
    assert [again.result(t["name"])["changed"] for t in tasks] == [False] * len(tasks)
    assert simulator.mutating_requests() == []


def test_record_errors_before_any_change(simulator, playbook):
    make_domain(simulator)
    assert simulator.api("POST", RECORDS, json={"type": "A", "name": "dup", "data": "192.0.2.1"})[0] == 201
    assert simulator.api("POST", RECORDS, json={"type": "A", "name": "dup", "data": "192.0.2.1"})[0] == 201
    simulator.clear_requests()
    run = playbook([
        dict(record_task("priority", type="A", name="www", data="192.0.2.1", priority=10), ignore_errors=True),
        dict(record_task("port", type="SRV", name="_x._tcp", data="x.example.com", priority=1, weight=1,
                         port=70000), ignore_errors=True),
        dict(record_task("choice", type="PTR", name="www", data="x"), ignore_errors=True),
        dict(record_task("soa", type="SOA", state="absent"), ignore_errors=True),
        dict(record_task("zone", type="A", name="www.example.org.", data="192.0.2.1"), ignore_errors=True),
        dict(record_task("nodata", type="TXT", name="@"), ignore_errors=True),
        dict(record_task("ip", type="A", name="www", data="300.1.1.1"), ignore_errors=True),
    ])
    msg = {task: run.result(task)["msg"] for task in
           ("priority", "port", "choice", "soa", "zone", "nodata", "ip")}
    assert msg["priority"] == "priority applies only to MX and SRV records, not to A records"
    assert msg["port"] == "port must be between 0 and 65535, got 70000"
    assert msg["choice"].startswith("value of type must be one of: A, AAAA, CAA, CNAME, MX, NS, SOA, SRV, TXT")
    assert msg["soa"].startswith("an SOA record cannot be deleted")
    assert msg["zone"].startswith("name www.example.org. is not in the domain example.com")
    assert msg["nodata"].startswith("data is required to find a TXT record")
    assert msg["ip"] == "data of an A record must be an IPv4 address, got '300.1.1.1'"
    assert simulator.requests() == []

    more = playbook([
        dict(record_task("dup", type="A", name="dup", data="192.0.2.1", ttl=60), ignore_errors=True),
        dict(record_task("mx", type="MX", name="@", data="mx.example.net"), ignore_errors=True),
        dict({"name": "nodomain", "fathom.digitalocean.domain_record": {
            "domain": "missing.example", "type": "A", "name": "www", "data": "192.0.2.1"}}, ignore_errors=True),
    ])
    assert more.result("dup")["msg"].startswith("2 records match A dup 192.0.2.1 in example.com: ids ")
    assert more.result("mx")["msg"] == "priority is required to create a MX record"
    assert more.result("nodomain")["msg"].startswith("domain missing.example does not exist")
    assert simulator.mutating_requests() == []


def test_record_info_uses_server_side_filters(simulator, playbook):
    make_domain(simulator, ip_address="192.0.2.1")
    assert simulator.api("POST", RECORDS, json={"type": "A", "name": "www", "data": "192.0.2.2"})[0] == 201
    simulator.clear_requests()
    run = playbook([
        {"name": "all", "fathom.digitalocean.domain_record_info": {"domain": DOMAIN}},
        {"name": "apex-a", "fathom.digitalocean.domain_record_info": {"domain": DOMAIN, "type": "A", "name": "@"}},
        {"name": "www", "fathom.digitalocean.domain_record_info": {"domain": DOMAIN, "name": "www.example.com."}},
    ])
    assert run.returncode == 0, run.stdout
    assert len(run.result("all")["domain_records"]) == 6
    assert [r["data"] for r in run.result("apex-a")["domain_records"]] == ["192.0.2.1"]
    assert [r["data"] for r in run.result("www")["domain_records"]] == ["192.0.2.2"]
    assert [e["query"] for e in simulator.requests()] == [
        {"per_page": "200"},
        {"type": "A", "name": "example.com", "per_page": "200"},
        {"name": "www.example.com", "per_page": "200"},
    ]
    record_id = run.result("www")["domain_records"][0]["id"]
    by_id = playbook([{"name": "id", "fathom.digitalocean.domain_record_info": {"domain": DOMAIN, "id": record_id}}])
    assert by_id.result("id")["domain_records"][0]["name"] == "www"
    assert simulator.mutating_requests() == []


# -- domain_records --------------------------------------------------------------------------------

ZONE = [
    {"type": "A", "name": "@", "data": "192.0.2.10"},
    {"type": "A", "name": "www", "data": "192.0.2.10", "ttl": 300},
    {"type": "AAAA", "name": "www", "data": "2001:db8::10"},
    {"type": "CNAME", "name": "blog", "data": "www.example.com."},
    {"type": "MX", "name": "@", "data": "mx1.example.net", "priority": 10},
    {"type": "MX", "name": "@", "data": "mx2.example.net", "priority": 20},
    {"type": "TXT", "name": "@", "data": "v=spf1 include:example.net -all"},
    {"type": "CAA", "name": "@", "tag": "issue", "flags": 0, "data": "letsencrypt.org"},
    {"type": "SRV", "name": "_sip._tcp", "data": "sip.example.com", "priority": 10, "weight": 5, "port": 5060},
]


def test_records_set_create_noop_update_purge(simulator, playbook):
    make_domain(simulator, ip_address="192.0.2.1")
    assert simulator.api("POST", RECORDS, json={"type": "A", "name": "old", "data": "192.0.2.99"})[0] == 201
    simulator.clear_requests()

    check = playbook([records_task(ZONE, purge=True)], check=True, diff=True)
    assert check.returncode == 0, check.stdout
    planned = check.result("records")
    assert planned["changed"] is True
    assert planned["counts"] == {"created": 9, "updated": 0, "deleted": 2, "unchanged": 0}
    # The apex A record from ip_address is listed with another address: a new record, the old one goes.
    assert planned["plan"]["changes"]["A @ 192.0.2.1"] == {
        "before": {"type": "A", "name": "@", "data": "192.0.2.1", "ttl": 1800}, "after": None, "via": "DELETE"}
    assert planned["plan"]["changes"]["MX @ mx1.example.net"]["via"] == "POST"
    assert planned["plan"]["changes"]["MX @ mx1.example.net"]["after"] == {
        "type": "MX", "name": "@", "data": "mx1.example.net", "priority": 10}
    assert len(planned["plan"]["records"]) == 11
    assert planned["diff"]["before"]["A old 192.0.2.99"]["data"] == "192.0.2.99"
    assert "A old 192.0.2.99" not in planned["diff"]["after"]
    # One list request (per_page=200), nothing else.
    assert method_and_path(simulator.requests()) == [("GET", RECORDS)]
    assert simulator.requests()[0]["query"] == {"per_page": "200"}

    run = playbook([records_task(ZONE, purge=True)])
    assert run.returncode == 0, run.stdout
    result = run.result("records")
    assert result["counts"] == planned["counts"]
    assert result["plan"]["changes"] == planned["plan"]["changes"]
    methods = [e["method"] for e in simulator.mutating_requests()]
    assert methods.count("POST") == 9 and methods.count("DELETE") == 2 and len(methods) == 11
    # SOA and DigitalOcean's apex NS records are kept.
    kept = api_records(simulator)
    assert sorted(r["type"] for r in kept if r["type"] in ("SOA", "NS")) == ["NS", "NS", "NS", "SOA"]
    assert len(kept) == len(ZONE) + 4
    assert sorted((r["type"], r["name"], r["data"]) for r in result["domain_records"]) == sorted(
        (r["type"], r["name"], r["data"]) for r in kept)

    simulator.clear_requests()
    again = playbook([records_task(ZONE, purge=True)])
    assert again.result("records")["changed"] is False
    assert again.result("records")["counts"] == {"created": 0, "updated": 0, "deleted": 0, "unchanged": 9}
    assert simulator.mutating_requests() == []
    assert method_and_path(simulator.requests()) == [("GET", RECORDS)]

    # In place: ttl of www and priority of mx2; data of the CNAME. Without purge nothing else goes.
    changed_zone = [dict(r) for r in ZONE]
    changed_zone[1]["ttl"] = 600
    changed_zone[5]["priority"] = 30
    changed_zone[3]["data"] = "web.example.net"
    changed_zone = changed_zone[:7]
    simulator.clear_requests()
    update = playbook([records_task(changed_zone)], diff=True)
    result = update.result("records")
    assert result["counts"] == {"created": 0, "updated": 3, "deleted": 0, "unchanged": 4}
    assert result["plan"]["changes"]["A www 192.0.2.10"] == {
        "before": {"type": "A", "name": "www", "data": "192.0.2.10", "ttl": 300},
        "after": {"type": "A", "name": "www", "data": "192.0.2.10", "ttl": 600}, "via": "PATCH"}
    assert [r["changes"] for r in result["plan"]["records"] if r["identity"]["name"] == "blog"] == [
        {"data": {"before": "www.example.com", "after": "web.example.net", "via": "PATCH"}}]
    assert sorted(e["method"] for e in simulator.mutating_requests()) == ["PATCH"] * 3
    assert len(api_records(simulator)) == len(ZONE) + 4


def test_records_apex_ns_listed_cname_replaces_a_and_errors(simulator, playbook):
    make_domain(simulator)
    assert simulator.api("POST", RECORDS, json={"type": "A", "name": "app", "data": "192.0.2.5"})[0] == 201
    simulator.clear_requests()
    zone = [
        {"type": "NS", "name": "@", "data": "ns1.digitalocean.com."},
        {"type": "NS", "name": "@", "data": "ns2.digitalocean.com"},
        {"type": "CNAME", "name": "app", "data": "lb.example.net"},
        {"type": "SOA", "ttl": 900},
    ]
    run = playbook([records_task(zone, purge=True)])
    assert run.returncode == 0, run.stdout
    assert run.result("records")["counts"] == {"created": 1, "updated": 1, "deleted": 2, "unchanged": 2}
    mutations = simulator.mutating_requests()
    # The A record at "app" goes before the CNAME can be created there.
    assert [e["method"] for e in mutations][:2] == ["DELETE", "PATCH"]
    assert sorted((r["type"], r["data"]) for r in api_records(simulator)) == [
        ("CNAME", "lb.example.net"), ("NS", "ns1.digitalocean.com"), ("NS", "ns2.digitalocean.com"),
        ("SOA", "1800")]
    assert [r["ttl"] for r in api_records(simulator, type="SOA")] == [900]

    simulator.clear_requests()
    errors = playbook([
        dict(records_task([{"type": "A", "name": "x", "data": "192.0.2.1"},
                           {"type": "A", "name": "X.example.com.", "data": "192.0.2.1"}], task="dup"),
             ignore_errors=True),
        dict(records_task([{"type": "MX", "name": "@", "data": "mx.example.net", "priority": 99999}], task="range"),
             ignore_errors=True),
        dict(records_task([{"type": "A", "name": "ok", "data": "192.0.2.1"},
                           {"type": "SRV", "name": "_s._tcp", "data": "s.example.net", "priority": 1}],
                          task="missing"), ignore_errors=True),
        dict(records_task([{"type": "TXT", "name": "@"}], task="nodata"), ignore_errors=True),
    ])
    assert errors.result("dup")["msg"] == "records[1] repeats records[0] (A x 192.0.2.1): list each record once"
    assert errors.result("range")["msg"] == "records[0]: priority must be between 0 and 65535, got 99999"
    assert errors.result("missing")["msg"] == (
        "records[1] (SRV _s._tcp s.example.net): port and weight are required to create a SRV record")
    assert errors.result("nodata")["msg"] == "records[0]: data is required for a TXT record"
    # The plan fails as a whole: the valid first record was not created either.
    assert simulator.mutating_requests() == []


def test_check_mode_plans_records_of_a_domain_an_earlier_task_creates(simulator, playbook):
    tasks = [
        {"name": "domain", "fathom.digitalocean.domain": {"name": DOMAIN}},
        record_task(type="A", name="www", data="192.0.2.10"),
        records_task([{"type": "MX", "name": "@", "data": "mx.example.net", "priority": 10}]),
    ]
    check = playbook(tasks, check=True, diff=True)
    assert check.returncode == 0, check.stdout
    assert check.result("domain")["plan"]["action"] == "create"
    assert check.result("record")["plan"]["action"] == "create"
    assert check.result("records")["counts"]["created"] == 1
    assert simulator.mutating_requests() == []

    run = playbook(tasks)
    assert run.returncode == 0, run.stdout
    assert [run.result(t)["changed"] for t in ("domain", "record", "records")] == [True, True, True]
    assert ("A", "www", "192.0.2.10", 1800) in summary(simulator)
