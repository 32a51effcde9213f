"""firewall and firewall_info through ansible-playbook against the simulator."""

from __future__ import annotations

from tests.helpers import stored_named

SSH = {"protocol": "tcp", "ports": "22", "sources": {"addresses": ["192.0.2.0/24"]}}
PING = {"protocol": "icmp", "sources": {"addresses": ["0.0.0.0/0", "::/0"]}}
FROM_WEB = {"protocol": "tcp", "ports": "all", "sources": {"tags": ["web"]}}
DNS_OUT = {"protocol": "udp", "ports": 53, "destinations": {"addresses": ["0.0.0.0/0", "::/0"]}}


def firewall_task(task="firewall", **options):
    return {"name": task, "fathom.digitalocean.firewall": dict(options)}


def stored(simulator, name="edge"):
    return stored_named(simulator, "/v2/firewalls", "firewalls", name)


def test_create_noop_update_and_check_mode(simulator, playbook):
    d1, d2 = simulator.seed(count=2)
    run = playbook([firewall_task(name="edge", inbound_rules=[SSH, PING, FROM_WEB], outbound_rules=[DNS_OUT],
                                  droplet_ids=[d1], tags=["web"])])
    assert run.returncode == 0, run.stdout
    result = run.result("firewall")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    fw = stored(simulator)
    assert fw["droplet_ids"] == [d1] and fw["tags"] == ["web"]
    assert {(r["protocol"], r["ports"]) for r in fw["inbound_rules"]} == {("tcp", "22"), ("icmp", "0"), ("tcp", "0")}
    # the tag the firewall refers to was created first
    assert simulator.api("GET", "/v2/tags/web")[0] == 200

    # the same firewall spelled differently: nothing to do, one GET
    simulator.clear_requests()
    respelled = [
        {"protocol": "TCP", "ports": "1-65535", "sources": {"tags": ["web", "web"]}},
        {"protocol": "icmp", "ports": "0", "sources": {"addresses": ["0::0/0", "0.0.0.0/0"]}},
        {"protocol": "tcp", "ports": 22, "sources": {"addresses": ["192.0.2.0/24"]}},
    ]
    again = playbook([firewall_task(name="edge", inbound_rules=respelled, outbound_rules=[DNS_OUT],
                                    droplet_ids=[d1], tags=["web"])])
    assert again.result("firewall")["changed"] is False, again.result("firewall")["plan"]
    assert simulator.mutating_requests() == []
    assert [(e["method"], e["path"]) for e in simulator.requests()] == [("GET", "/v2/firewalls")]

    # check mode: an accurate plan, no change
    check = playbook([firewall_task(name="edge", inbound_rules=[SSH, PING], droplet_ids=[d1, d2])],
                     check=True, diff=True)
    planned = check.result("firewall")
    assert planned["changed"] is True
    changes = planned["plan"]["changes"]
    assert set(changes) == {"inbound_rules", "droplet_ids"}
    assert changes["droplet_ids"] == {"before": [d1], "after": [d1, d2], "via": "PUT"}
    assert changes["inbound_rules"]["before"] == [
        {"protocol": "icmp", "sources": {"addresses": ["0.0.0.0/0", "::/0"]}},
        {"protocol": "tcp", "ports": "all", "sources": {"tags": ["web"]}},
        {"protocol": "tcp", "ports": "22", "sources": {"addresses": ["192.0.2.0/24"]}},
    ]
    assert changes["inbound_rules"]["after"] == [changes["inbound_rules"]["before"][0],
                                                 changes["inbound_rules"]["before"][2]]
    assert planned["diff"]["after"]["droplet_ids"] == [d1, d2]
    assert simulator.mutating_requests() == []
    assert stored(simulator)["droplet_ids"] == [d1]

    # the update: one PUT carrying the whole firewall (outbound rules and tags kept)
    simulator.clear_requests()
    updated = playbook([firewall_task(name="edge", inbound_rules=[SSH, PING], droplet_ids=[d1, d2])])
    assert updated.result("firewall")["plan"] == planned["plan"]
    assert [(e["method"], e["path"]) for e in simulator.mutating_requests()] == [
        ("PUT", "/v2/firewalls/%s" % fw["id"])]
    fw = stored(simulator)
    assert sorted(fw["droplet_ids"]) == [d1, d2] and fw["tags"] == ["web"]
    assert len(fw["inbound_rules"]) == 2 and fw["outbound_rules"][0]["ports"] == "53"


def test_a_rule_added_outside_is_drift_and_removed(simulator, playbook):
    assert playbook([firewall_task(name="edge", inbound_rules=[SSH])]).returncode == 0
    fw = stored(simulator)
    extra = {"protocol": "tcp", "ports": "80", "sources": {"addresses": ["0.0.0.0/0"]}}
    assert simulator.api("POST", "/v2/firewalls/%s/rules" % fw["id"], json={"inbound_rules": [extra]})[0] == 204
    drift = playbook([firewall_task(name="edge", inbound_rules=[SSH])], check=True, diff=True)
    change = drift.result("firewall")["plan"]["changes"]["inbound_rules"]
    assert change["after"] == [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["192.0.2.0/24"]}}]
    assert len(change["before"]) == 2
    fixed = playbook([firewall_task(name="edge", inbound_rules=[SSH])])
    assert fixed.result("firewall")["changed"] is True
    assert [r["ports"] for r in stored(simulator)["inbound_rules"]] == ["22"]
    # [] means none: the Droplets are removed, the rules stay
    [d1] = simulator.seed(count=1)
    emptied = playbook([firewall_task("attach", name="edge", droplet_ids=[d1]),
                        firewall_task(name="edge", droplet_ids=[])])
    assert emptied.result("attach")["changed"] is True
    assert emptied.result("firewall")["plan"]["changes"] == {"droplet_ids": {"before": [d1], "after": [], "via": "PUT"}}
    # The API answers null for an empty list.
    assert not stored(simulator)["droplet_ids"] and len(stored(simulator)["inbound_rules"]) == 1


def test_bad_rules_fail_before_any_request(simulator, playbook):
    cases = [
        ([SSH, {"protocol": "tcp", "ports": "70000", "sources": {"addresses": ["1.2.3.4"]}}], "inbound_rules[1].ports"),
        ([{"protocol": "tcp", "ports": "80-20", "sources": {"addresses": ["1.2.3.4"]}}], "inbound_rules[0].ports"),
        ([{"protocol": "gre", "sources": {"addresses": ["1.2.3.4"]}}], "inbound_rules[0].protocol"),
        ([{"protocol": "icmp", "ports": "8", "sources": {"addresses": ["1.2.3.4"]}}], "inbound_rules[0].ports"),
        ([SSH, {"protocol": "tcp", "ports": "80", "sources": {"addresses": ["10.0.0.0/33"]}}],
         "inbound_rules[1].sources.addresses[0]"),
        ([{"protocol": "tcp", "ports": "80", "sources": {"addresses": []}}], "inbound_rules[0].sources"),
    ]
    tasks = [dict(firewall_task("case %d" % i, name="edge", inbound_rules=rules), ignore_errors=True)
             for i, (rules, _path) in enumerate(cases)]
    tasks.append(dict(firewall_task("no rules", name="edge", inbound_rules=[], outbound_rules=[]), ignore_errors=True))
    tasks.append(dict(firewall_task("bad name", name="-edge", inbound_rules=[SSH]), ignore_errors=True))
    run = playbook(tasks)
    for i, (_rules, path) in enumerate(cases):
        message = run.result("case %d" % i)["msg"]
        assert message.startswith(path + ": "), message
    assert "at least one rule" in run.result("no rules")["msg"]
    assert run.result("bad name")["msg"].startswith("name must start with")
    assert len(run.failed) == len(tasks)
    assert simulator.requests() == []
    # a create without rules: found nothing, then refused before the POST
    # check mode plans a create (the tag it would create is not created) and sends nothing
    bare = playbook([dict(firewall_task("planned", name="edge", inbound_rules=[FROM_WEB], tags=["web"]),
                          check_mode=True),
                     firewall_task(name="edge", tags=["web"])])
    planned = bare.result("planned")
    assert planned["changed"] is True and planned["plan"]["action"] == "create"
    assert planned["plan"]["changes"]["inbound_rules"]["after"] == [
        {"protocol": "tcp", "ports": "all", "sources": {"tags": ["web"]}}]
    assert "at least one inbound or outbound rule" in bare.result("firewall")["msg"]
    assert simulator.mutating_requests() == []


def test_rename_by_id_delete_and_info(simulator, playbook):
    [d1] = simulator.seed(count=1)
    created = playbook([firewall_task(name="edge", inbound_rules=[SSH], droplet_ids=[d1]),
                        firewall_task(task="other", name="inner", outbound_rules=[DNS_OUT])])
    fw_id = created.result("firewall")["firewall"]["id"]
    renamed = playbook([firewall_task(id=fw_id, name="edge-2")])
    assert renamed.result("firewall")["plan"]["changes"] == {
        "name": {"before": "edge", "after": "edge-2", "via": "PUT"}}
    assert stored(simulator, "edge-2")["droplet_ids"] == [d1]

    info = playbook([
        {"name": "all", "fathom.digitalocean.firewall_info": {}},
        {"name": "named", "fathom.digitalocean.firewall_info": {"name": "inner"}},
        {"name": "of droplet", "fathom.digitalocean.firewall_info": {"droplet_id": d1}},
    ])
    assert len(info.result("all")["firewalls"]) == 2
    assert [fw["name"] for fw in info.result("named")["firewalls"]] == ["inner"]
    assert [fw["name"] for fw in info.result("of droplet")["firewalls"]] == ["edge-2"]
    assert info.result("of droplet")["changed"] is False
    assert any(e["path"] == "/v2/droplets/%d/firewalls" % d1 for e in simulator.requests())

    gone = playbook([firewall_task(name="edge-2", state="absent")])
    assert gone.result("firewall")["plan"]["action"] == "delete"
    assert stored(simulator, "edge-2") is None
    simulator.clear_requests()
    assert playbook([firewall_task(name="edge-2", state="absent")]).result("firewall")["changed"] is False
    assert simulator.mutating_requests() == []
