"""reserved_ip and reserved_ip_info through ansible-playbook against the simulator."""

from __future__ import annotations

from tests.helpers import method_and_path


def rip_task(task="reserved_ip", **options):
    return {"name": task, "fathom.digitalocean.reserved_ip": dict(options)}


def stored(simulator):
    status, body = simulator.api("GET", "/v2/reserved_ips")
    assert status == 200
    return {item["ip"]: (item["droplet"] or {}).get("id") for item in body["reserved_ips"]}


def test_create_for_droplet_noop_move_and_check_mode(simulator, playbook):
    d1, d2 = simulator.seed(count=2)
    run = playbook([rip_task(droplet_id=d1)])
    assert run.returncode == 0, run.stdout
    result = run.result("reserved_ip")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    ip = result["reserved_ip"]["ip"]
    assert result["reserved_ip"]["droplet"]["id"] == d1
    assert result["reserved_ip"]["locked"] is False          # the assign action was awaited
    assert stored(simulator) == {ip: d1}
    assert ("POST", "/v2/reserved_ips") in method_and_path(simulator.requests())
    assert any(e["path"].startswith("/v2/actions/") for e in simulator.requests())

    # found again through its Droplet: nothing to do, one GET
    simulator.clear_requests()
    again = playbook([rip_task(droplet_id=d1)])
    assert again.result("reserved_ip")["changed"] is False
    assert method_and_path(simulator.requests()) == [("GET", "/v2/reserved_ips")]

    check = playbook([rip_task(ip=ip, droplet_id=d2)], check=True, diff=True)
    planned = check.result("reserved_ip")
    assert planned["changed"] is True
    assert planned["plan"]["id"] == ip
    assert planned["plan"]["changes"] == {"droplet_id": {"before": d1, "after": d2, "via": "action:assign|unassign"}}
    assert planned["diff"]["before"]["droplet_id"] == d1 and planned["diff"]["after"]["droplet_id"] == d2
    assert simulator.mutating_requests() == []

    simulator.clear_requests()
    moved = playbook([rip_task("move", ip=ip, droplet_id=d2), rip_task("noop", ip=ip, droplet_id=d2)])
    assert moved.result("move")["plan"] == planned["plan"]
    assert moved.result("noop")["changed"] is False
    assert method_and_path(simulator.mutating_requests()) == [("POST", "/v2/reserved_ips/%s/actions" % ip)]
    assert stored(simulator) == {ip: d2}


def test_unassign_and_delete(simulator, playbook):
    [d1] = simulator.seed(count=1)
    created = playbook([rip_task(droplet_id=d1)])
    ip = created.result("reserved_ip")["reserved_ip"]["ip"]

    simulator.clear_requests()
    run = playbook([rip_task("unassign", ip=ip, droplet_id=0), rip_task("assign", ip=ip, droplet_id=d1),
                    rip_task("delete", droplet_id=d1, state="absent"),
                    rip_task("again", ip=ip, state="absent")])
    assert run.returncode == 0, run.stdout
    assert run.result("unassign")["plan"]["changes"]["droplet_id"] == {
        "before": d1, "after": 0, "via": "action:assign|unassign"}
    assert run.result("unassign")["reserved_ip"]["droplet"] is None
    assert run.result("delete")["plan"]["action"] == "delete"
    assert run.result("again")["changed"] is False
    # deleting an assigned reserved IP unassigns it first
    assert method_and_path(simulator.mutating_requests()) == [
        ("POST", "/v2/reserved_ips/%s/actions" % ip),
        ("POST", "/v2/reserved_ips/%s/actions" % ip),
        ("POST", "/v2/reserved_ips/%s/actions" % ip),
        ("DELETE", "/v2/reserved_ips/%s" % ip),
    ]
    assert stored(simulator) == {}


def test_unassigned_in_region_and_info(simulator, playbook):
    [d1] = simulator.seed(count=1)
    run = playbook([rip_task("spare", region="fra1"), rip_task("spare again", region="fra1"),
                    rip_task("web", droplet_id=d1, region="nyc3")])
    assert run.returncode == 0, run.stdout
    spare = run.result("spare")["reserved_ip"]
    assert run.result("spare")["plan"]["action"] == "create" and spare["droplet"] is None
    assert run.result("spare again")["changed"] is False
    assert run.result("spare again")["reserved_ip"]["ip"] == spare["ip"]
    web_ip = run.result("web")["reserved_ip"]["ip"]

    info = playbook([
        {"name": "all", "fathom.digitalocean.reserved_ip_info": {}},
        {"name": "fra1", "fathom.digitalocean.reserved_ip_info": {"region": "fra1"}},
        {"name": "of droplet", "fathom.digitalocean.reserved_ip_info": {"droplet_id": d1}},
        {"name": "one", "fathom.digitalocean.reserved_ip_info": {"ip": web_ip}},
    ])
    assert len(info.result("all")["reserved_ips"]) == 2
    assert [r["ip"] for r in info.result("fra1")["reserved_ips"]] == [spare["ip"]]
    assert [r["ip"] for r in info.result("of droplet")["reserved_ips"]] == [web_ip]
    assert [r["ip"] for r in info.result("one")["reserved_ips"]] == [web_ip]
    assert info.result("all")["changed"] is False

    # two unassigned reserved IPs in a region: the task cannot choose, and says which ones
    simulator.api("POST", "/v2/reserved_ips", json={"region": "fra1"})
    simulator.clear_requests()
    ambiguous = playbook([rip_task(region="fra1")])
    assert ambiguous.result("reserved_ip")["msg"].startswith("2 reserved IPs are unassigned in region fra1: %s, "
                                                             % spare["ip"])
    assert simulator.mutating_requests() == []


def test_errors_before_any_change(simulator, playbook):
    [d1] = simulator.seed(count=1)
    [far] = simulator.seed(count=1, region="sfo3", name_prefix="far")
    created = playbook([rip_task(droplet_id=d1)])
    ip = created.result("reserved_ip")["reserved_ip"]["ip"]
    simulator.clear_requests()
    run = playbook([
        dict(rip_task("bad ip", ip="45.55.1"), ignore_errors=True),
        dict(rip_task("negative", ip=ip, droplet_id=-1), ignore_errors=True),
        dict(rip_task("nothing to find by", droplet_id=0), ignore_errors=True),
    ])
    assert run.result("bad ip")["msg"].startswith("ip must be an IPv4 address")
    assert run.result("negative")["msg"].startswith("droplet_id must be a Droplet id")
    assert run.result("nothing to find by")["msg"].startswith("reserved_ip needs ip, droplet_id or region")
    assert simulator.requests() == []
    run = playbook([
        dict(rip_task("unknown ip", ip="203.0.113.9"), ignore_errors=True),
        dict(rip_task("region", ip=ip, region="fra1"), ignore_errors=True),
        dict(rip_task("far droplet", droplet_id=far, region="nyc3"), ignore_errors=True),
    ], check=False)
    assert run.result("unknown ip")["msg"].startswith("reserved IP 203.0.113.9 does not exist")
    assert run.result("region")["msg"].startswith("region cannot change in place on reserved_ip %s" % ip)
    assert run.result("far droplet")["msg"].startswith("region is nyc3 but droplet %s is in sfo3" % far)
    assert simulator.mutating_requests() == []
