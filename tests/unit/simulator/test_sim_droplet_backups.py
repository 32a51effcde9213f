"""Droplet backups, their policy and the neighbors report (resources/droplets.py, droplet_actions.py):
backups taken at each window of the policy as the simulated clock passes it, kept as the policy
says, the policy endpoints and actions, restore, and droplets filling hosts of three."""
from tests.helpers import Checker

DROPLET = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}
DAY = 86400


def create(simulator, **extra):
    status, body = simulator.api("POST", "/v2/droplets", json=dict(DROPLET, **extra))
    assert status == 202, body
    return body["droplet"]


def act(simulator, droplet_id, body):
    simulator.settle()
    simulator._ctl("POST", "clock", {"advance": 1})
    return simulator.api("POST", "/v2/droplets/%d/actions" % droplet_id, json=body)


def test_backups_follow_the_policy_given_at_create(simulator):
    c = Checker(simulator)
    droplet = create(simulator, backups=True, backup_policy={"plan": "weekly", "weekday": "TUE", "hour": 8})
    path = "/v2/droplets/%d" % droplet["id"]
    policy = c.call("GET", path + "/backups/policy", "/v2/droplets/{droplet_id}/backups/policy", expect=200)["policy"]
    assert policy["backup_enabled"] is True
    assert policy["backup_policy"] == {"plan": "weekly", "weekday": "TUE", "hour": 8, "window_length_hours": 4,
                                       "retention_period_days": 28}
    assert policy["next_backup_window"]["start"].endswith("T08:00:00Z")
    assert c.call("GET", path + "/backups", "/v2/droplets/{droplet_id}/backups", expect=200)["backups"] == []
    simulator._ctl("POST", "clock", {"advance": 60 * DAY})
    backups = c.call("GET", path + "/backups", "/v2/droplets/{droplet_id}/backups", expect=200)["backups"]
    # Weekly backups are kept four weeks.
    assert len(backups) == 4 and {backup["type"] for backup in backups} == {"backup"}
    assert all(backup["created_at"].endswith("T08:00:00Z") for backup in backups)
    got = c.call("GET", path, "/v2/droplets/{droplet_id}", expect=200)["droplet"]
    assert got["backup_ids"] == [backup["id"] for backup in backups]
    c.call("GET", "/v2/images/%d" % backups[0]["id"], "/v2/images/{image_id}", expect=200)
    policies = c.call("GET", "/v2/droplets/backups/policies", "/v2/droplets/backups/policies", expect=200)
    assert list(policies["policies"]) == [str(droplet["id"])]
    supported = c.call("GET", "/v2/droplets/backups/supported_policies", "/v2/droplets/backups/supported_policies",
                       expect=200)["supported_policies"]
    assert {policy["name"] for policy in supported} == {"daily", "weekly"}
    # Backups go with their droplet.
    assert simulator.api("DELETE", path)[0] == 204
    assert simulator.api("GET", "/v2/images/%d" % backups[0]["id"])[0] == 404


def test_backup_policy_actions(simulator):
    droplet = create(simulator)
    status, body = act(simulator, droplet["id"], {"type": "change_backup_policy",
                                                  "backup_policy": {"plan": "daily", "hour": 4}})
    assert status == 422 and body["message"].startswith("Backups are not enabled")
    status, _body = act(simulator, droplet["id"], {"type": "enable_backups",
                                                   "backup_policy": {"plan": "daily", "hour": 12}})
    assert status == 201
    policy = simulator.api("GET", "/v2/droplets/%d/backups/policy" % droplet["id"])[1]["policy"]["backup_policy"]
    assert (policy["plan"], policy["hour"]) == ("daily", 12)
    status, _body = act(simulator, droplet["id"], {"type": "change_backup_policy",
                                                   "backup_policy": {"plan": "weekly", "weekday": "FRI", "hour": 20}})
    assert status == 201
    policy = simulator.api("GET", "/v2/droplets/%d/backups/policy" % droplet["id"])[1]["policy"]
    assert policy["backup_policy"]["weekday"] == "FRI"
    assert act(simulator, droplet["id"], {"type": "disable_backups"})[0] == 201
    policy = simulator.api("GET", "/v2/droplets/%d/backups/policy" % droplet["id"])[1]["policy"]
    assert policy == {"droplet_id": droplet["id"], "backup_enabled": False}
    assert simulator.api("GET", "/v2/droplets/%d" % droplet["id"])[1]["droplet"]["next_backup_window"] is None


def test_restore_takes_a_backup_of_the_droplet(simulator):
    droplet = create(simulator, backups=True)
    simulator._ctl("POST", "clock", {"advance": 2 * DAY})
    backups = simulator.api("GET", "/v2/droplets/%d/backups" % droplet["id"])[1]["backups"]
    assert backups
    other = create(simulator, name="web-2")
    status, body = act(simulator, other["id"], {"type": "restore", "image": backups[0]["id"]})
    assert status == 422 and "not a backup or snapshot of this Droplet" in body["message"]
    assert act(simulator, droplet["id"], {"type": "restore", "image": backups[0]["id"]})[0] == 201


def test_droplets_fill_hosts_of_three_and_the_report_lists_the_shared_ones(simulator):
    c = Checker(simulator)
    ids = [create(simulator, name="n-%d" % index)["id"] for index in range(4)]
    lone = create(simulator, name="far", region="fra1")["id"]
    report = c.call("GET", "/v2/reports/droplet_neighbors_ids", "/v2/reports/droplet_neighbors_ids",
                    expect=200)["neighbor_ids"]
    assert report == [ids[:3]]
    neighbors = c.call("GET", "/v2/droplets/%d/neighbors" % ids[0], "/v2/droplets/{droplet_id}/neighbors",
                       expect=200)["droplets"]
    assert [d["id"] for d in neighbors] == ids[1:3]
    assert simulator.api("GET", "/v2/droplets/%d/neighbors" % lone)[1]["droplets"] == []
