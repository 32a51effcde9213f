"""domain and domain_info through ansible-playbook against the simulator."""

from __future__ import annotations


def domain_task(task="domain", **options):
    return {"name": task, "fathom.digitalocean.domain": dict(options)}


def records_of(simulator, domain):
    status, body = simulator.api("GET", "/v2/domains/%s/records" % domain, params={"per_page": 200})
    assert status == 200, body
    return sorted((r["type"], r["name"], r["data"]) for r in body["domain_records"])


def test_domain_create_noop_and_write_only_ip_address(simulator, playbook):
    run = playbook([domain_task(name="example.com", ip_address="192.0.2.10")])
    assert run.returncode == 0, run.stdout
    result = run.result("domain")
    assert result["changed"] is True
    assert result["domain"]["name"] == "example.com"
    assert result["plan"]["action"] == "create"
    assert result["plan"]["changes"]["name"] == {"before": None, "after": "example.com", "via": "create"}
    assert [(e["method"], e["path"]) for e in simulator.mutating_requests()] == [("POST", "/v2/domains")]
    # Like the real API: SOA, three NS records and the apex A record from ip_address.
    assert records_of(simulator, "example.com") == [
        ("A", "@", "192.0.2.10"),
        ("NS", "@", "ns1.digitalocean.com"), ("NS", "@", "ns2.digitalocean.com"),
        ("NS", "@", "ns3.digitalocean.com"), ("SOA", "@", "1800"),
    ]

    simulator.clear_requests()
    # Same domain spelled differently, and another ip_address: create-only, so nothing to do.
    again = playbook([domain_task(name="Example.COM.", ip_address="192.0.2.99")])
    assert again.returncode == 0, again.stdout
    assert again.result("domain")["changed"] is False
    assert again.result("domain")["plan"]["changes"] == {}
    assert simulator.mutating_requests() == []
    assert [(e["method"], e["path"]) for e in simulator.requests()] == [("GET", "/v2/domains/example.com")]
    assert ("A", "@", "192.0.2.10") in records_of(simulator, "example.com")


def test_domain_check_mode_diff_then_delete(simulator, playbook):
    check = playbook([domain_task(name="example.org", ip_address="192.0.2.1")], check=True, diff=True)
    assert check.returncode == 0, check.stdout
    result = check.result("domain")
    assert result["changed"] is True
    assert result["plan"]["action"] == "create"
    assert set(result["plan"]["changes"]) == {"name", "ip_address"}
    assert result["diff"] == {"before": {}, "after": {"name": "example.org", "ip_address": "192.0.2.1"}}
    assert simulator.mutating_requests() == []
    assert simulator.api("GET", "/v2/domains/example.org")[0] == 404

    assert playbook([domain_task(name="example.org")]).returncode == 0
    simulator.clear_requests()
    check_delete = playbook([domain_task(name="example.org", state="absent")], check=True, diff=True)
    result = check_delete.result("domain")
    assert result["changed"] is True
    assert result["plan"]["action"] == "delete" and result["plan"]["id"] == "example.org"
    assert result["diff"] == {"before": {"name": "example.org"}, "after": {}}
    assert simulator.mutating_requests() == []

    gone = playbook([domain_task(name="example.org", state="absent")])
    assert gone.result("domain")["changed"] is True
    assert [(e["method"], e["path"]) for e in simulator.mutating_requests()] == [
        ("DELETE", "/v2/domains/example.org")]
    assert simulator.api("GET", "/v2/domains/example.org")[0] == 404
    # Its records went with it.
    assert simulator.state("domain_records") == []

    simulator.clear_requests()
    again = playbook([domain_task(name="example.org", state="absent")])
    assert again.result("domain")["changed"] is False
    assert simulator.mutating_requests() == []


def test_domain_info_lists_and_reads_one(simulator, playbook):
    for name in ("a-example.com", "b-example.com"):
        assert simulator.api("POST", "/v2/domains", json={"name": name})[0] == 201
    simulator.clear_requests()
    run = playbook([
        {"name": "all", "fathom.digitalocean.domain_info": {}},
        {"name": "one", "fathom.digitalocean.domain_info": {"name": "B-Example.com."}},
        {"name": "missing", "fathom.digitalocean.domain_info": {"name": "nope.example"}},
    ])
    assert run.returncode == 0, run.stdout
    assert [d["name"] for d in run.result("all")["domains"]] == ["a-example.com", "b-example.com"]
    one = run.result("one")["domains"]
    assert [d["name"] for d in one] == ["b-example.com"]
    assert "IN NS ns1.digitalocean.com." in one[0]["zone_file"]
    assert run.result("missing")["domains"] == []
    assert all(r["changed"] is False for r in (run.result("all"), run.result("one")))
    assert simulator.mutating_requests() == []
    lists = [e for e in simulator.requests() if e["path"] == "/v2/domains"]
    assert len(lists) == 1 and lists[0]["query"]["per_page"] == "200"


def test_bad_domain_input_fails_before_any_request(simulator, playbook):
    run = playbook([domain_task(name="not a domain")])
    assert run.returncode != 0
    assert run.result("domain")["msg"].startswith("name must be a domain name such as example.com")
    bad_ip = playbook([domain_task(name="example.net", ip_address="2001:db8::1")])
    assert bad_ip.result("domain")["msg"].startswith("ip_address must be an IPv4 address")
    assert simulator.requests() == []


def test_create_after_a_dropped_answer_makes_no_duplicate(simulator, playbook):
    # The POST is carried out but its answer is lost: the module looks the domain up before it
    # would send the POST again, and finds it.
    simulator.faults(drop_rate=1.0, path_regex="^/v2/domains$", methods=["POST"])
    run = playbook([domain_task(name="example.net")])
    assert run.returncode == 0, run.stdout
    assert run.result("domain")["domain"]["name"] == "example.net"
    assert [(e["method"], e["path"]) for e in simulator.mutating_requests()] == [("POST", "/v2/domains")]
    assert [d["name"] for d in simulator.state("domains")] == ["example.net"]
