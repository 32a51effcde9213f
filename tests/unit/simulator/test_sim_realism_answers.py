"""Knobs null_empty_lists, firewall_apply_seconds (+ the fault firewall_failed),
database_create_seconds and database_transition_delay_seconds.  Answers are checked against
the spec where the shape changes."""
import requests

from sim_realism_support import CLUSTER, DROPLET, INBOUND, advance, created
from tests.helpers import spec_checked_call


def empty_lists(simulator):
    fw = spec_checked_call(simulator, "POST", "/v2/firewalls", "/v2/firewalls",
                           {"name": "fw", "inbound_rules": INBOUND}, expect=202)["firewall"]
    db = spec_checked_call(simulator, "POST", "/v2/databases", "/v2/databases", CLUSTER, expect=201)["database"]
    [droplet_id] = simulator.seed("droplets", count=1)
    vol = created(simulator, "/v2/volumes", {"name": "data", "region": "nyc3", "size_gigabytes": 10},
                  "volume")
    vsnap = spec_checked_call(simulator, "POST", "/v2/volumes/%s/snapshots" % vol["id"],
                              "/v2/volumes/{volume_id}/snapshots", {"name": "vs"}, expect=201)["snapshot"]
    action = simulator.api("POST", "/v2/droplets/%d/actions" % droplet_id,
                           json={"type": "snapshot", "name": "ds"})
    assert action[0] == 201
    snaps = spec_checked_call(simulator, "GET", "/v2/snapshots", "/v2/snapshots", expect=200)["snapshots"]
    return {
        "firewall": spec_checked_call(simulator, "GET", "/v2/firewalls/%s" % fw["id"], "/v2/firewalls/{firewall_id}",
                                      expect=200)["firewall"]["droplet_ids"],
        "firewall_create": fw["droplet_ids"],
        "database": spec_checked_call(simulator, "GET", "/v2/databases/%s" % db["id"],
                                      "/v2/databases/{database_cluster_uuid}", expect=200)["database"]["tags"],
        "volume_snapshot": vsnap["tags"],
        "snapshots": [s["tags"] for s in snaps],
    }


def test_empty_lists_are_null(simulator):
    simulator.config(null_empty_lists=True)
    assert empty_lists(simulator) == {"firewall": None, "firewall_create": None, "database": None,
                                      "volume_snapshot": None, "snapshots": [None, None]}
    # not empty: lists as usual
    [droplet_id] = simulator.seed("droplets", count=1)
    fw = created(simulator, "/v2/firewalls", {"name": "fw2", "inbound_rules": INBOUND,
                                              "droplet_ids": [droplet_id]}, "firewall")
    assert fw["droplet_ids"] == [droplet_id]


def test_empty_lists_off(simulator):
    assert empty_lists(simulator) == {"firewall": [], "firewall_create": [], "database": [],
                                      "volume_snapshot": [], "snapshots": [[], []]}


def test_empty_lists_default_on(simulator):
    assert simulator.config(realism=True, consistency_seconds=0)["null_empty_lists"] is True
    fw = created(simulator, "/v2/firewalls", {"name": "fw", "inbound_rules": INBOUND}, "firewall")
    assert fw["droplet_ids"] is None


def firewall(simulator, fw_id):
    return spec_checked_call(simulator, "GET", "/v2/firewalls/%s" % fw_id, "/v2/firewalls/{firewall_id}",
                             expect=200)["firewall"]


def test_firewall_waits_then_succeeds(simulator):
    simulator.config(firewall_apply_seconds=2)
    [d1, d2] = simulator.seed("droplets", count=2)
    fw = created(simulator, "/v2/firewalls", {"name": "fw", "inbound_rules": INBOUND,
                                              "droplet_ids": [d1]}, "firewall")
    assert fw["status"] == "waiting"
    assert fw["pending_changes"] == [{"droplet_id": d1, "removing": False, "status": "waiting"}]
    advance(simulator, 2)
    current = firewall(simulator, fw["id"])
    assert current["status"] == "succeeded" and current["pending_changes"] == []
    # a change goes through waiting again; a Droplet leaving is "removing"
    status, _body = simulator.api("PUT", "/v2/firewalls/%s" % fw["id"], json={
        "name": "fw", "inbound_rules": INBOUND, "droplet_ids": [d2]})
    assert status == 200
    current = firewall(simulator, fw["id"])
    assert current["status"] == "waiting"
    assert current["pending_changes"] == [{"droplet_id": d2, "removing": False, "status": "waiting"},
                                          {"droplet_id": d1, "removing": True, "status": "waiting"}]
    advance(simulator, 2)
    assert firewall(simulator, fw["id"])["status"] == "succeeded"
    assert simulator.api("POST", "/v2/firewalls/%s/droplets" % fw["id"], json={"droplet_ids": [d1]})[0] == 204
    assert firewall(simulator, fw["id"])["status"] == "waiting"


def test_firewall_failed_fault(simulator):
    simulator.config(firewall_apply_seconds=1)
    [droplet_id] = simulator.seed("droplets", count=1)
    simulator.faults(firewall_failed=True)
    fw = created(simulator, "/v2/firewalls", {"name": "fw", "inbound_rules": INBOUND,
                                              "droplet_ids": [droplet_id]}, "firewall")
    assert fw["status"] == "waiting"
    advance(simulator, 1)
    current = firewall(simulator, fw["id"])
    assert current["status"] == "failed"
    assert current["pending_changes"] == [{"droplet_id": droplet_id, "removing": False, "status": "failed"}]
    empty = created(simulator, "/v2/firewalls", {"name": "fw2", "inbound_rules": INBOUND}, "firewall")
    advance(simulator, 1)
    assert firewall(simulator, empty["id"])["pending_changes"] == [
        {"droplet_id": 0, "removing": False, "status": "failed"}]
    simulator.clear_faults()
    assert firewall(simulator, fw["id"])["status"] == "failed"        # stays failed ...
    status, _body = simulator.api("PUT", "/v2/firewalls/%s" % fw["id"], json={
        "name": "fw", "inbound_rules": INBOUND, "droplet_ids": [droplet_id]})
    assert status == 200
    advance(simulator, 1)
    assert firewall(simulator, fw["id"])["status"] == "succeeded"    # ... until a change succeeds


def test_firewall_off_succeeds_at_once_and_the_fault_still_works(simulator):
    fw = created(simulator, "/v2/firewalls", {"name": "fw", "inbound_rules": INBOUND}, "firewall")
    assert fw["status"] == "succeeded" and fw["pending_changes"] == []
    simulator.faults(firewall_failed=True)
    failed = created(simulator, "/v2/firewalls", {"name": "fw2", "inbound_rules": INBOUND}, "firewall")
    assert failed["status"] == "failed"
    bad = requests.put(simulator.url + "/_sim/faults", json={"firewall_failed": "yes"})
    assert bad.status_code == 400


def test_firewall_default_with_realism_on(simulator):
    assert simulator.config(realism=True, consistency_seconds=0)["firewall_apply_seconds"] == 2.0
    fw = created(simulator, "/v2/firewalls", {"name": "fw", "inbound_rules": INBOUND}, "firewall")
    advance(simulator, 1.9)
    assert firewall(simulator, fw["id"])["status"] == "waiting"
    advance(simulator, 0.2)
    assert firewall(simulator, fw["id"])["status"] == "succeeded"


def cluster_status(simulator, db_id):
    return simulator.api("GET", "/v2/databases/%s" % db_id)[1]["database"]["status"]


def test_database_create_and_transition_timing(simulator):
    simulator.config(database_create_seconds=5, database_transition_delay_seconds=1)
    db = created(simulator, "/v2/databases", CLUSTER, "database")
    assert db["status"] == "creating"
    advance(simulator, 4.8)
    assert cluster_status(simulator, db["id"]) == "creating"
    advance(simulator, 0.3)
    assert cluster_status(simulator, db["id"]) == "online"
    status, _body = simulator.api("PUT", "/v2/databases/%s/resize" % db["id"],
                                  json={"size": "db-s-1vcpu-2gb", "num_nodes": 1})
    assert status == 202
    assert cluster_status(simulator, db["id"]) == "online"            # not started yet
    status, body = simulator.api("PUT", "/v2/databases/%s/migrate" % db["id"], json={"region": "sfo3"})
    assert status == 422 and "resizing" in body["message"]           # but already accepted
    advance(simulator, 1)
    assert cluster_status(simulator, db["id"]) == "resizing"
    advance(simulator, 0.25)                                          # action_seconds 0.2
    assert cluster_status(simulator, db["id"]) == "online"
    assert simulator.api("PUT", "/v2/databases/%s/migrate" % db["id"], json={"region": "sfo3"})[0] == 202
    assert cluster_status(simulator, db["id"]) == "online"
    advance(simulator, 1)
    assert cluster_status(simulator, db["id"]) == "migrating"


def test_database_timing_off(simulator):
    assert simulator.config()["database_create_seconds"] is None      # creating lasts boot_seconds
    db = created(simulator, "/v2/databases", CLUSTER, "database")
    advance(simulator, 0.35)
    assert cluster_status(simulator, db["id"]) == "online"
    assert simulator.api("PUT", "/v2/databases/%s/resize" % db["id"],
                         json={"size": "db-s-1vcpu-2gb", "num_nodes": 1})[0] == 202
    assert cluster_status(simulator, db["id"]) == "resizing"          # at once


def test_database_timing_default_on(simulator):
    config = simulator.config(realism=True, consistency_seconds=0)
    assert config["database_create_seconds"] == 6.0 and config["database_transition_delay_seconds"] == 1.0
    db = created(simulator, "/v2/databases", CLUSTER, "database")
    advance(simulator, 5.9)
    assert cluster_status(simulator, db["id"]) == "creating"
    advance(simulator, 0.2)
    assert cluster_status(simulator, db["id"]) == "online"
    simulator.api("PUT", "/v2/databases/%s/resize" % db["id"], json={"size": "db-s-1vcpu-2gb", "num_nodes": 1})
    advance(simulator, 0.9)
    assert cluster_status(simulator, db["id"]) == "online"
    advance(simulator, 0.2)
    assert cluster_status(simulator, db["id"]) == "resizing"


def test_droplet_answers_still_match_the_spec_with_realism_on(simulator):
    simulator.config(realism=True)
    d = spec_checked_call(simulator, "POST", "/v2/droplets", "/v2/droplets", DROPLET, expect=202)["droplet"]
    advance(simulator, 2)
    spec_checked_call(simulator, "GET", "/v2/droplets/%d" % d["id"], "/v2/droplets/{droplet_id}", expect=200)
    status = spec_checked_call(simulator, "POST", "/v2/droplets/%d/actions" % d["id"],
                               "/v2/droplets/{droplet_id}/actions", {"type": "reboot"}, expect=422)
    assert status["message"] == "Droplet already has a pending event."
