"""load_balancer and load_balancer_info through ansible-playbook against the simulator."""

from __future__ import annotations

LB = {"name": "web-lb", "region": "nyc3"}
HTTP = {"entry_protocol": "HTTP", "entry_port": 80, "target_protocol": "http", "target_port": 8080}


def lb_task(task="lb", **options):
    return {"name": task, "fathom.digitalocean.load_balancer": dict(options)}


def stored_lbs(simulator):
    status, body = simulator.api("GET", "/v2/load_balancers", params={"per_page": 200})
    assert status == 200
    return body["load_balancers"]


def stored_lb(simulator, name="web-lb"):
    matches = [lb for lb in stored_lbs(simulator) if lb["name"] == name]
    assert len(matches) <= 1
    return matches[0] if matches else None


def test_create_noop_update_and_check_mode(simulator, playbook):
    d1, d2 = simulator.seed(count=2)
    options = dict(droplet_ids=[d1], forwarding_rules=[HTTP], health_check={"port": 8080, "path": "/healthz"},
                   enable_proxy_protocol=True, size_unit=1, **LB)
    run = playbook([lb_task(**options)])
    assert run.returncode == 0, run.stdout
    result = run.result("lb")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    # The task waited for the load balancer to become active.
    assert result["load_balancer"]["status"] == "active" and result["load_balancer"]["ip"]
    stored = stored_lb(simulator)
    assert stored["droplet_ids"] == [d1]
    assert stored["forwarding_rules"] == [{"entry_protocol": "http", "entry_port": 80, "target_protocol": "http",
                                           "target_port": 8080, "certificate_id": "", "tls_passthrough": False}]
    assert stored["health_check"]["port"] == 8080 and stored["enable_proxy_protocol"] is True

    # Same task again: the health check's unset sub-options are the API defaults, the protocol case
    # does not matter: nothing to do, and nothing but one list request.
    simulator.clear_requests()
    again = playbook([lb_task(**options)])
    assert again.returncode == 0, again.stdout
    assert again.result("lb")["changed"] is False
    assert simulator.mutating_requests() == []
    assert [(e["method"], e["path"]) for e in simulator.requests()] == [("GET", "/v2/load_balancers")]

    # Check mode with diff: the plan, and no change.
    update = dict(droplet_ids=[d2, d1], enable_backend_keepalive=True, http_idle_timeout_seconds=120, **LB)
    check = playbook([lb_task(**update)], check=True, diff=True)
    assert check.returncode == 0, check.stdout
    planned = check.result("lb")
    assert planned["changed"] is True and planned["plan"]["action"] == "update"
    assert planned["plan"]["id"] == stored["id"]
    assert planned["plan"]["changes"] == {
        "droplet_ids": {"before": [d1], "after": sorted([d1, d2]), "via": "PUT"},
        "enable_backend_keepalive": {"before": False, "after": True, "via": "PUT"},
        "http_idle_timeout_seconds": {"before": 60, "after": 120, "via": "PUT"},
    }
    assert planned["diff"]["before"]["droplet_ids"] == [d1]
    assert planned["diff"]["after"]["droplet_ids"] == sorted([d1, d2])
    assert simulator.mutating_requests() == []
    assert stored_lb(simulator)["droplet_ids"] == [d1]

    # The real run: one PUT with the full body, so the unmanaged settings survive it.
    simulator.clear_requests()
    done = playbook([lb_task(**update)])
    assert done.returncode == 0, done.stdout
    assert done.result("lb")["changed"] is True
    assert [(e["method"], e["path"]) for e in simulator.mutating_requests()] == [
        ("PUT", "/v2/load_balancers/%s" % stored["id"])]
    after = stored_lb(simulator)
    assert after["droplet_ids"] == sorted([d1, d2]) and after["enable_backend_keepalive"] is True
    assert after["http_idle_timeout_seconds"] == 120
    assert after["health_check"]["port"] == 8080 and after["health_check"]["path"] == "/healthz"
    assert after["enable_proxy_protocol"] is True and after["forwarding_rules"] == stored["forwarding_rules"]

    simulator.clear_requests()
    assert playbook([lb_task(**update)]).result("lb")["changed"] is False
    assert simulator.mutating_requests() == []


def test_forwarding_rules_as_a_set_tag_switch_and_delete(simulator, playbook):
    [d1] = simulator.seed(count=1, tags=["web"])
    rules = [HTTP, {"entry_protocol": "tcp", "entry_port": 2222, "target_protocol": "tcp", "target_port": 22}]
    assert playbook([lb_task(droplet_ids=[], forwarding_rules=rules, **LB)]).returncode == 0

    # The same rules in another order are the same set.
    simulator.clear_requests()
    reordered = playbook([lb_task(forwarding_rules=list(reversed(rules)), **LB)])
    assert reordered.result("lb")["changed"] is False
    assert simulator.mutating_requests() == []

    # Removing a rule is a change too (an extra rule is drift).
    dropped = playbook([lb_task(forwarding_rules=[HTTP], **LB)], diff=True)
    assert dropped.returncode == 0, dropped.stdout
    change = dropped.result("lb")["plan"]["changes"]["forwarding_rules"]
    assert len(change["before"]) == 2 and len(change["after"]) == 1
    assert [r["entry_port"] for r in stored_lb(simulator)["forwarding_rules"]] == [80]

    # Switch from a Droplet list to a tag.
    tagged = playbook([lb_task(tag="web", **LB)])
    assert tagged.returncode == 0, tagged.stdout
    assert tagged.result("lb")["plan"]["changes"]["tag"] == {"before": "", "after": "web", "via": "PUT"}
    stored = stored_lb(simulator)
    assert stored["tag"] == "web" and stored["droplet_ids"] == [d1]
    # ... and back to a list: droplet_ids alone drops the tag.
    back = playbook([lb_task(droplet_ids=[d1], **LB)])
    assert back.result("lb")["plan"]["changes"] == {"tag": {"before": "web", "after": "", "via": "PUT"}}
    assert stored_lb(simulator)["tag"] == ""

    gone = playbook([lb_task(state="absent", **LB)])
    assert gone.result("lb")["plan"]["action"] == "delete"
    assert stored_lb(simulator) is None
    simulator.clear_requests()
    assert playbook([lb_task(state="absent", **LB)]).result("lb")["changed"] is False
    assert simulator.mutating_requests() == []


def test_https_with_certificate_sticky_sessions_and_firewall(simulator, playbook):
    status, body = simulator.api("POST", "/v2/certificates", json={"name": "le", "dns_names": ["example.com"]})
    assert status == 201
    cert_id = body["certificate"]["id"]
    https = {"entry_protocol": "https", "entry_port": 443, "target_protocol": "http", "target_port": 8080,
             "certificate_id": cert_id}
    options = dict(forwarding_rules=[HTTP, https], redirect_http_to_https=True,
                   sticky_sessions={"type": "cookies", "cookie_name": "lb", "cookie_ttl_seconds": 300},
                   firewall={"allow": ["cidr:10.0.0.0/8", "ip:1.2.3.4"]}, **LB)
    run = playbook([lb_task(**options)])
    assert run.returncode == 0, run.stdout
    stored = stored_lb(simulator)
    assert stored["redirect_http_to_https"] is True and stored["sticky_sessions"]["cookie_name"] == "lb"
    assert sorted(stored["firewall"]["allow"]) == ["cidr:10.0.0.0/8", "ip:1.2.3.4"]

    simulator.clear_requests()
    options["firewall"] = {"allow": ["ip:1.2.3.4", "cidr:10.0.0.0/8"]}
    assert playbook([lb_task(**options)]).result("lb")["changed"] is False
    assert simulator.mutating_requests() == []

    off = playbook([lb_task(sticky_sessions={"type": "none"}, **LB)])
    assert off.result("lb")["plan"]["changes"]["sticky_sessions"]["after"] == {"type": "none"}
    stored = stored_lb(simulator)
    assert stored["sticky_sessions"] == {"type": "none"} and stored["redirect_http_to_https"] is True


def test_errors_before_any_request(simulator, playbook):
    def failing(task, **options):
        return dict(lb_task(task, **options), ignore_errors=True)

    run = playbook([
        failing("both", droplet_ids=[1], tag="web", forwarding_rules=[HTTP], **LB),
        failing("bad", forwarding_rules=[dict(HTTP, entry_protocol="ftp")], **LB),
        failing("tls", forwarding_rules=[dict(HTTP, entry_protocol="https")], **LB),
        failing("timeout", http_idle_timeout_seconds=5, forwarding_rules=[HTTP], **LB),
    ])
    assert [r["status"] for r in run.records] == ["failed"] * 4
    assert "droplet_ids|tag" in run.result("both")["msg"]
    assert "forwarding_rules[0].entry_protocol must be one of http, https" in run.result("bad")["msg"]
    assert "needs a certificate_id or tls_passthrough" in run.result("tls")["msg"]
    assert "http_idle_timeout_seconds must be between 30 and 600" in run.result("timeout")["msg"]
    assert simulator.requests() == []

    missing = playbook([lb_task(droplet_ids=[], **LB)])
    assert "forwarding_rules is required to create load balancer web-lb" in missing.result("lb")["msg"]
    assert simulator.mutating_requests() == []


def test_immutable_vpc_is_an_error_and_deleted_droplets_leave(simulator, playbook):
    d1, d2 = simulator.seed(count=2)
    assert playbook([lb_task(droplet_ids=[d1, d2], forwarding_rules=[HTTP], **LB)]).returncode == 0
    simulator.clear_requests()
    moved = playbook([lb_task(vpc_uuid="5a4981aa-9653-4bd1-bef5-d6bff52042e4", **LB)])
    assert moved.returncode != 0
    assert moved.result("lb")["msg"].startswith("vpc_uuid cannot change in place on load_balancer web-lb")
    assert simulator.mutating_requests() == []

    assert simulator.api("DELETE", "/v2/droplets/%d" % d2)[0] == 204
    drift = playbook([lb_task(droplet_ids=[d1, d2], **LB)], check=True)
    assert drift.result("lb")["plan"]["changes"]["droplet_ids"]["before"] == [d1]


def test_load_balancer_info(simulator, playbook):
    playbook([lb_task(droplet_ids=[], forwarding_rules=[HTTP], **LB),
              lb_task(task="second", droplet_ids=[], forwarding_rules=[HTTP], name="other", region="fra1")])
    run = playbook([
        {"name": "all", "fathom.digitalocean.load_balancer_info": {}},
        {"name": "one", "fathom.digitalocean.load_balancer_info": {"region": "fra1"}},
    ])
    assert run.returncode == 0, run.stdout
    assert sorted(lb["name"] for lb in run.result("all")["load_balancers"]) == ["other", "web-lb"]
    assert [lb["name"] for lb in run.result("one")["load_balancers"]] == ["other"]
    assert run.result("one")["changed"] is False
