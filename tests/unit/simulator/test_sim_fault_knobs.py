"""Fault knobs for asynchronous work: actions that end errored, database clusters that stay busy."""
import time

import pytest
import requests

ACTION_SECONDS = 0.2  # the simulator fixture's setting; boot_seconds is 0.3
CLUSTER = {"name": "backend", "engine": "pg", "size": "db-s-1vcpu-1gb", "num_nodes": 1, "region": "nyc3"}


def act(simulator, droplet_id, action_type):
    status, body = simulator.api("POST", "/v2/droplets/%s/actions" % droplet_id, json={"type": action_type})
    assert status == 201, body
    return body["action"]


def action_after_it_ran(simulator, action_id):
    time.sleep(ACTION_SECONDS + 0.1)
    status, body = simulator.api("GET", "/v2/actions/%s" % action_id)
    assert status == 200
    return body["action"]


def droplet(simulator, droplet_id):
    return simulator.api("GET", "/v2/droplets/%s" % droplet_id)[1]["droplet"]


def test_matching_action_runs_then_ends_errored_without_effect(simulator):
    [droplet_id] = simulator.seed("droplets", count=1)
    simulator.faults(action_errors={"type": "power_off", "resource_type": "droplet"})
    assert simulator.server.faults["action_errors"] == {"type": "power_off", "resource_type": "droplet"}
    started = act(simulator, droplet_id, "power_off")
    assert started["status"] == "in-progress" and started["completed_at"] is None
    assert droplet(simulator, droplet_id)["locked"] is True
    ended = action_after_it_ran(simulator, started["id"])
    assert ended["status"] == "errored" and ended["completed_at"]
    assert droplet(simulator, droplet_id)["status"] == "active"      # the effect was not applied
    in_list = simulator.api("GET", "/v2/droplets/%s/actions" % droplet_id)[1]["actions"]
    assert [a["status"] for a in in_list] == ["errored"]

    # other types are not affected while the knob is set
    other = act(simulator, droplet_id, "enable_backups")
    assert action_after_it_ran(simulator, other["id"])["status"] == "completed"
    assert "backups" in droplet(simulator, droplet_id)["features"]


def test_action_errors_filters_by_resource_type_and_clears(simulator):
    [droplet_id] = simulator.seed("droplets", count=1)
    simulator.faults(action_errors={"resource_type": "volume"})
    first = act(simulator, droplet_id, "power_off")
    assert action_after_it_ran(simulator, first["id"])["status"] == "completed"
    assert droplet(simulator, droplet_id)["status"] == "off"

    simulator.faults(action_errors={})          # every action
    second = act(simulator, droplet_id, "power_on")
    assert action_after_it_ran(simulator, second["id"])["status"] == "errored"
    assert droplet(simulator, droplet_id)["status"] == "off"

    simulator.clear_faults()
    # an errored action stays errored; new actions complete again
    assert simulator.api("GET", "/v2/actions/%s" % second["id"])[1]["action"]["status"] == "errored"
    third = act(simulator, droplet_id, "power_on")
    assert action_after_it_ran(simulator, third["id"])["status"] == "completed"
    assert droplet(simulator, droplet_id)["status"] == "active"


def test_database_created_while_stuck_stays_creating_until_the_fault_clears(simulator):
    status, body = simulator.api("POST", "/v2/databases", json=dict(CLUSTER, name="before"))
    assert status == 201
    earlier = body["database"]["id"]
    simulator.faults(database_stuck=True)
    status, body = simulator.api("POST", "/v2/databases", json=CLUSTER)
    assert status == 201 and body["database"]["status"] == "creating"
    stuck = body["database"]["id"]
    time.sleep(0.5)                               # well past boot_seconds
    assert simulator.api("GET", "/v2/databases/%s" % stuck)[1]["database"]["status"] == "creating"
    # a cluster that was not busy while the fault was set is online
    assert simulator.api("GET", "/v2/databases/%s" % earlier)[1]["database"]["status"] == "online"
    # and the stuck one refuses work that needs it online, like a real creating cluster
    status, body = simulator.api("POST", "/v2/databases/%s/dbs" % stuck, json={"name": "app"})
    assert status == 422 and "creating" in body["message"]

    simulator.clear_faults()
    assert simulator.api("GET", "/v2/databases/%s" % stuck)[1]["database"]["status"] == "online"
    assert simulator.api("POST", "/v2/databases/%s/dbs" % stuck, json={"name": "app"})[0] == 201


def test_faults_echo_the_knobs_and_reject_bad_values(simulator):
    shown = simulator.faults(action_errors={"type": "resize"}, database_stuck=True)
    assert shown["action_errors"] == {"type": "resize"} and shown["database_stuck"] is True
    assert shown["rate"] == 0.0 and shown["drop_rate"] == 0.0
    # requests are not faulted by these knobs
    assert simulator.api("GET", "/v2/account")[0] == 200
    for bad in ({"action_errors": {"kind": "resize"}}, {"action_errors": "resize"},
                {"action_errors": {"type": 5}}, {"database_stuck": "yes"}):
        resp = requests.put(simulator.url + "/_sim/faults", json=bad, timeout=10)
        assert resp.status_code == 400, bad
        assert resp.json()["id"] == "bad_request"
    simulator.reset()
    assert requests.get(simulator.url + "/_sim/faults", timeout=10).json() == {}


@pytest.mark.parametrize("knob", [{"action_errors": {"type": "power_off"}}, {"database_stuck": True}])
def test_knobs_are_cleared_by_delete(simulator, knob):
    simulator.faults(**knob)
    simulator.clear_faults()
    assert simulator.server.faults == {}
