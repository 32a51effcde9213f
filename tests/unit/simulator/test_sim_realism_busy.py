"""Knobs busy_droplets / busy_after_seconds (422 "Droplet already has a pending event." for
Droplet actions, volume attach/detach and reserved/floating IP assignment while a Droplet is
busy) and ipv4_delay_seconds (an active Droplet gets its public IPv4 a little later)."""
from sim_realism_support import DROPLET, advance, created

PENDING = "Droplet already has a pending event."


def act(simulator, droplet_id, action_type="power_cycle"):
    return simulator.api("POST", "/v2/droplets/%d/actions" % droplet_id, json={"type": action_type})


def droplet(simulator, droplet_id):
    return simulator.api("GET", "/v2/droplets/%d" % droplet_id)[1]["droplet"]


def assert_pending(answer):
    status, body = answer
    assert status == 422, body
    assert body == {"id": "unprocessable_entity", "message": PENDING, "request_id": body["request_id"]}


def new_volume(simulator, name="data"):
    return created(simulator, "/v2/volumes", {"name": name, "region": "nyc3", "size_gigabytes": 10},
                   "volume")


def test_droplet_stays_busy_after_boot_and_after_each_action(simulator):
    simulator.config(busy_droplets=True, busy_after_seconds=3)
    d = created(simulator, "/v2/droplets", DROPLET, "droplet")
    assert d["locked"] is True and d["status"] == "new"
    assert_pending(act(simulator, d["id"]))
    advance(simulator, 0.35)                                  # booted (boot_seconds 0.3) ...
    current = droplet(simulator, d["id"])
    assert current["status"] == "active" and current["locked"] is True
    assert_pending(act(simulator, d["id"]))                   # ... but busy for 3 s more
    advance(simulator, 3)
    assert droplet(simulator, d["id"])["locked"] is False
    status, body = act(simulator, d["id"])
    assert status == 201
    advance(simulator, 0.25)                                  # the action is done (0.2 s) ...
    assert simulator.api("GET", "/v2/actions/%d" % body["action"]["id"])[1]["action"]["status"] == "completed"
    assert droplet(simulator, d["id"])["locked"] is True
    assert_pending(act(simulator, d["id"]))                   # ... and 3 s of busy follow
    advance(simulator, 3)
    assert act(simulator, d["id"])[0] == 201


def test_volume_attach_and_detach_wait_for_the_droplet(simulator):
    simulator.config(busy_droplets=True, busy_after_seconds=1)
    [droplet_id] = simulator.seed("droplets", count=1)
    first, second = new_volume(simulator, "one"), new_volume(simulator, "two")
    assert act(simulator, droplet_id)[0] == 201
    assert_pending(simulator.api("POST", "/v2/volumes/%s/actions" % first["id"],
                                 json={"type": "attach", "droplet_id": droplet_id}))
    advance(simulator, 1.3)
    status, _body = simulator.api("POST", "/v2/volumes/%s/actions" % first["id"],
                                  json={"type": "attach", "droplet_id": droplet_id})
    assert status == 202
    # one attach at a time: the second waits (by id and by name)
    assert droplet(simulator, droplet_id)["locked"] is True
    assert_pending(simulator.api("POST", "/v2/volumes/%s/actions" % second["id"],
                                 json={"type": "attach", "droplet_id": droplet_id}))
    assert_pending(simulator.api("POST", "/v2/volumes/actions", json={
        "type": "attach", "volume_name": "two", "region": "nyc3", "droplet_id": droplet_id}))
    assert_pending(act(simulator, droplet_id))
    advance(simulator, 1.3)
    assert simulator.api("POST", "/v2/volumes/actions", json={
        "type": "attach", "volume_name": "two", "region": "nyc3", "droplet_id": droplet_id})[0] == 202
    assert_pending(simulator.api("POST", "/v2/volumes/%s/actions" % first["id"],
                                 json={"type": "detach", "droplet_id": droplet_id}))
    advance(simulator, 1.3)
    assert simulator.api("POST", "/v2/volumes/%s/actions" % first["id"],
                         json={"type": "detach", "droplet_id": droplet_id})[0] == 202


def test_reserved_and_floating_ip_assignment_wait_for_the_droplet(simulator):
    simulator.config(busy_droplets=True, busy_after_seconds=1)
    d = created(simulator, "/v2/droplets", DROPLET, "droplet")
    # create-and-assign to a booting Droplet: refused, and no IP is left behind
    assert_pending(simulator.api("POST", "/v2/reserved_ips", json={"droplet_id": d["id"]}))
    assert_pending(simulator.api("POST", "/v2/floating_ips", json={"droplet_id": d["id"]}))
    assert simulator.api("GET", "/v2/reserved_ips")[1]["reserved_ips"] == []
    ip = created(simulator, "/v2/reserved_ips", {"region": "nyc3"}, "reserved_ip")["ip"]
    other = created(simulator, "/v2/floating_ips", {"region": "nyc3"}, "floating_ip")["ip"]
    assert_pending(simulator.api("POST", "/v2/reserved_ips/%s/actions" % ip,
                                 json={"type": "assign", "droplet_id": d["id"]}))
    assert_pending(simulator.api("POST", "/v2/floating_ips/%s/actions" % other,
                                 json={"type": "assign", "droplet_id": d["id"]}))
    advance(simulator, 0.3 + 1.1)                             # booted and the busy time is over
    status, body = simulator.api("POST", "/v2/reserved_ips/%s/actions" % ip,
                                 json={"type": "assign", "droplet_id": d["id"]})
    assert status == 201, body
    assert_pending(act(simulator, d["id"]))                   # the assignment keeps it busy


def test_off_only_a_running_droplet_action_blocks(simulator):
    assert simulator.config()["busy_droplets"] is False       # the fixture: realism off
    [droplet_id] = simulator.seed("droplets", count=1)
    vol = new_volume(simulator)
    assert act(simulator, droplet_id)[0] == 201
    assert_pending(act(simulator, droplet_id))                # the action itself still blocks
    assert simulator.api("POST", "/v2/volumes/%s/actions" % vol["id"],
                         json={"type": "attach", "droplet_id": droplet_id})[0] == 202
    ip = created(simulator, "/v2/reserved_ips", {"region": "nyc3"}, "reserved_ip")["ip"]
    assert simulator.api("POST", "/v2/reserved_ips/%s/actions" % ip,
                         json={"type": "assign", "droplet_id": droplet_id})[0] == 201
    advance(simulator, 0.25)
    assert droplet(simulator, droplet_id)["locked"] is False
    assert act(simulator, droplet_id)[0] == 201


def test_default_busy_after_with_realism_on(simulator):
    assert simulator.config(realism=True)["busy_after_seconds"] == 2.0
    [droplet_id] = simulator.seed("droplets", count=1)
    assert act(simulator, droplet_id)[0] == 201
    # The action ends at 0.2 s and the droplet is busy until 2.2 s. The simulated clock runs on
    # with the wall clock between requests, so each step keeps a wide margin for a loaded machine.
    advance(simulator, 0.25 + 1.0)
    assert_pending(act(simulator, droplet_id))
    advance(simulator, 1.0)
    assert act(simulator, droplet_id)[0] == 201


def public_v4(d):
    return [n["ip_address"] for n in d["networks"]["v4"] if n["type"] == "public"]


def test_public_ipv4_appears_after_the_droplet_is_active(simulator):
    simulator.config(ipv4_delay_seconds=2)
    d = created(simulator, "/v2/droplets", DROPLET, "droplet")
    assert public_v4(d) == [] and [n["type"] for n in d["networks"]["v4"]] == ["private"]
    advance(simulator, 0.35)
    current = droplet(simulator, d["id"])
    assert current["status"] == "active" and public_v4(current) == []
    advance(simulator, 2)
    assert len(public_v4(droplet(simulator, d["id"]))) == 1


def test_public_ipv4_off_and_default(simulator):
    d = created(simulator, "/v2/droplets", DROPLET, "droplet")       # realism off
    assert len(public_v4(d)) == 1
    assert simulator.config(realism=True)["ipv4_delay_seconds"] == 2.0
    simulator.config(consistency_seconds=0)
    d = created(simulator, "/v2/droplets", dict(DROPLET, name="web-2"), "droplet")
    advance(simulator, 0.3 + 1.9)
    assert public_v4(droplet(simulator, d["id"])) == []
    advance(simulator, 0.2)
    assert len(public_v4(droplet(simulator, d["id"]))) == 1
