"""vpc and vpc_info through ansible-playbook against the simulator."""

from __future__ import annotations

NET = {"name": "backend", "region": "nyc3"}


def vpc_task(task="vpc", **options):
    return {"name": task, "fathom.digitalocean.vpc": dict(options)}


def stored(simulator, name="backend"):
    status, body = simulator.api("GET", "/v2/vpcs")
    assert status == 200
    found = [vpc for vpc in body["vpcs"] if vpc["name"] == name]
    return found[0] if found else None


def test_create_noop_update_and_check_mode(simulator, playbook):
    run = playbook([vpc_task(ip_range="10.10.0.0/20", description="Backend", **NET)])
    assert run.returncode == 0, run.stdout
    result = run.result("vpc")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    assert result["vpc"]["ip_range"] == "10.10.0.0/20"
    assert stored(simulator)["description"] == "Backend"
    vpc_id = result["vpc"]["id"]

    simulator.clear_requests()
    again = playbook([vpc_task(ip_range="10.10.0.0/20", description="Backend", **NET)])
    assert again.result("vpc")["changed"] is False
    assert simulator.mutating_requests() == []
    assert [(e["method"], e["path"]) for e in simulator.requests()] == [("GET", "/v2/vpcs")]

    check = playbook([vpc_task(description="Backend services", default=True, **NET)], check=True, diff=True)
    planned = check.result("vpc")
    assert planned["changed"] is True
    assert planned["plan"]["changes"] == {
        "description": {"before": "Backend", "after": "Backend services", "via": "PATCH"},
        "default": {"before": False, "after": True, "via": "PATCH"},
    }
    assert planned["diff"]["before"]["description"] == "Backend"
    assert planned["diff"]["after"]["description"] == "Backend services"
    assert simulator.mutating_requests() == []

    simulator.clear_requests()
    updated = playbook([vpc_task(description="Backend services", default=True, **NET)])
    assert updated.result("vpc")["plan"] == planned["plan"]
    assert [(e["method"], e["path"]) for e in simulator.mutating_requests()] == [("PATCH", "/v2/vpcs/%s" % vpc_id)]
    assert stored(simulator)["description"] == "Backend services" and stored(simulator)["default"] is True


def test_immutable_fields_default_and_delete(simulator, playbook):
    setup = playbook([vpc_task(ip_range="10.10.0.0/20", default=True, **NET),
                      vpc_task("second", name="spare", region="nyc3")])
    assert setup.returncode == 0, setup.stdout
    assert setup.result("vpc")["vpc"]["default"] is True      # made the default right after creation
    assert stored(simulator, "spare")["ip_range"].endswith("/20")
    simulator.clear_requests()
    errors = playbook([
        dict(vpc_task("range", ip_range="10.20.0.0/20", **NET), ignore_errors=True),
        dict(vpc_task("region by id", id=setup.result("vpc")["vpc"]["id"], name="backend", region="fra1"),
             ignore_errors=True),
        dict(vpc_task("undefault", default=False, **NET), ignore_errors=True),
        dict(vpc_task("delete default", state="absent", **NET), ignore_errors=True),
    ])
    assert errors.result("range")["msg"].startswith("ip_range cannot change in place on vpc backend")
    assert errors.result("region by id")["msg"].startswith("region cannot change in place")
    assert "default cannot be turned off" in errors.result("undefault")["msg"]
    assert "is the default VPC of region nyc3 and cannot be deleted" in errors.result("delete default")["msg"]
    assert simulator.mutating_requests() == []

    # rename by id; delete a VPC that is not the default; a second delete is a no-op
    spare = stored(simulator, "spare")
    done = playbook([vpc_task("rename", id=spare["id"], name="spare-2"),
                     vpc_task("delete", name="spare-2", region="nyc3", state="absent"),
                     vpc_task("again", name="spare-2", region="nyc3", state="absent")])
    assert done.result("rename")["plan"]["changes"] == {"name": {"before": "spare", "after": "spare-2", "via": "PATCH"}}
    assert done.result("delete")["plan"]["action"] == "delete"
    assert done.result("again")["changed"] is False
    assert stored(simulator, "spare-2") is None and stored(simulator) is not None


def test_bad_input_fails_before_any_request(simulator, playbook):
    cases = {
        "public": ({"ip_range": "8.8.0.0/20"}, "ip_range must be inside a private range of RFC 1918"),
        "too big": ({"ip_range": "10.0.0.0/12"}, "ip_range must be between a /16 and a /28"),
        "host bits": ({"ip_range": "10.0.0.1/20"}, "ip_range must be an IPv4 network in CIDR notation"),
        "name": ({"name": "back end"}, "name may only contain letters, digits"),
        "description": ({"description": "x" * 256}, "description must be at most 255 characters"),
    }
    run = playbook([dict(vpc_task(task, **dict(NET, **options)), ignore_errors=True)
                    for task, (options, _message) in cases.items()])
    for task, (_options, message) in cases.items():
        assert run.result(task)["msg"].startswith(message), run.result(task)["msg"]
    assert simulator.requests() == []


def test_vpc_info(simulator, playbook):
    simulator.api("POST", "/v2/vpcs", json={"name": "a", "region": "nyc3"})
    simulator.api("POST", "/v2/vpcs", json={"name": "b", "region": "fra1"})
    run = playbook([
        {"name": "all", "fathom.digitalocean.vpc_info": {}},
        {"name": "fra1", "fathom.digitalocean.vpc_info": {"region": "fra1"}},
        {"name": "named", "fathom.digitalocean.vpc_info": {"name": "a"}},
    ])
    assert sorted(v["name"] for v in run.result("all")["vpcs"]) == ["a", "b"]
    assert [v["name"] for v in run.result("fra1")["vpcs"]] == ["b"]
    assert [v["name"] for v in run.result("named")["vpcs"]] == ["a"]
    assert run.result("all")["changed"] is False
    assert simulator.mutating_requests() == [{"method": "POST", "path": "/v2/vpcs", "query": {}, "status": 201}] * 2
