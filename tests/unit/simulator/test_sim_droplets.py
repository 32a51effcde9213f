"""Droplets, droplet actions, actions and snapshots."""
import time

DROPLET = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}


def wait_action(simulator, action_id, timeout=5):
    deadline = time.time() + timeout
    while True:
        status, body = simulator.api("GET", "/v2/actions/%d" % action_id)
        assert status == 200
        if body["action"]["status"] != "in-progress" or time.time() > deadline:
            return body["action"]
        time.sleep(0.05)


def create(simulator, **kw):
    status, body = simulator.api("POST", "/v2/droplets", json=dict(DROPLET, **kw))
    assert status == 202, body
    return body


def test_create_returns_202_new_droplet_with_create_action(simulator):
    body = create(simulator, tags=["web", "env:prod"], ipv6=True)
    droplet = body["droplet"]
    assert droplet["status"] == "new"
    assert isinstance(droplet["id"], int)
    assert droplet["created_at"].endswith("Z")
    assert droplet["size_slug"] == "s-1vcpu-1gb" and droplet["size"]["slug"] == "s-1vcpu-1gb"
    assert droplet["region"]["slug"] == "nyc3" and droplet["image"]["slug"] == "ubuntu-24-04-x64"
    assert droplet["memory"] == 1024 and droplet["vcpus"] == 1 and droplet["disk"] == 25
    assert droplet["tags"] == ["web", "env:prod"]
    types = {n["type"] for n in droplet["networks"]["v4"]}
    assert types == {"public", "private"} and droplet["networks"]["v6"]
    assert droplet["vpc_uuid"] and droplet["volume_ids"] == [] and droplet["locked"] is True
    [link] = body["links"]["actions"]
    assert link["rel"] == "create" and link["href"].endswith("/v2/actions/%d" % link["id"])
    # tags were created on the fly
    status, tag = simulator.api("GET", "/v2/tags/env:prod")
    assert status == 200 and tag["tag"]["resources"]["droplets"]["count"] == 1


def test_droplet_becomes_active_after_boot_seconds(simulator):
    did = create(simulator)["droplet"]["id"]
    status, body = simulator.api("GET", "/v2/droplets/%d" % did)
    assert body["droplet"]["status"] == "new"
    time.sleep(0.35)
    status, body = simulator.api("GET", "/v2/droplets/%d" % did)
    assert body["droplet"]["status"] == "active" and body["droplet"]["locked"] is False


def test_action_goes_from_in_progress_to_completed(simulator):
    [did] = simulator.seed(count=1)
    status, body = simulator.api("POST", "/v2/droplets/%d/actions" % did, json={"type": "power_off"})
    assert status == 201
    action = body["action"]
    assert action["status"] == "in-progress" and action["completed_at"] is None
    assert action["type"] == "power_off" and action["resource_id"] == did
    assert action["resource_type"] == "droplet" and action["region_slug"] == "nyc3"
    # the effect is visible at once, the droplet is locked while the action runs
    status, body = simulator.api("GET", "/v2/droplets/%d" % did)
    assert body["droplet"]["status"] == "off" and body["droplet"]["locked"] is True
    status, body = simulator.api("POST", "/v2/droplets/%d/actions" % did, json={"type": "power_on"})
    assert status == 422 and body["message"] == "Droplet already has a pending event."
    done = wait_action(simulator, action["id"])
    assert done["status"] == "completed" and done["completed_at"].endswith("Z")
    status, body = simulator.api("GET", "/v2/droplets/%d/actions/%d" % (did, action["id"]))
    assert body["action"]["status"] == "completed"
    status, body = simulator.api("POST", "/v2/droplets/%d/actions" % did, json={"type": "power_on"})
    assert status == 201
    status, body = simulator.api("GET", "/v2/droplets/%d" % did)
    assert body["droplet"]["status"] == "active"
    status, body = simulator.api("GET", "/v2/droplets/%d/actions" % did)
    assert [a["type"] for a in body["actions"]] == ["power_off", "power_on"]
    assert body["meta"]["total"] == 2


def test_resize_requires_the_droplet_to_be_off(simulator):
    [did] = simulator.seed(count=1)
    status, body = simulator.api("POST", "/v2/droplets/%d/actions" % did,
                                 json={"type": "resize", "size": "s-2vcpu-4gb", "disk": True})
    assert status == 422
    assert body["message"] == "Droplet is currently on. Please power it off to run this event."
    status, body = simulator.api("POST", "/v2/droplets/%d/actions" % did, json={"type": "power_off"})
    wait_action(simulator, body["action"]["id"])
    status, body = simulator.api("POST", "/v2/droplets/%d/actions" % did,
                                 json={"type": "resize", "size": "s-2vcpu-4gb", "disk": True})
    assert status == 201 and body["action"]["type"] == "resize"
    status, body = simulator.api("GET", "/v2/droplets/%d" % did)
    droplet = body["droplet"]
    assert droplet["size_slug"] == "s-2vcpu-4gb" and droplet["disk"] == 80 and droplet["memory"] == 4096


def test_other_actions(simulator):
    [did] = simulator.seed(count=1)

    def act(payload):
        status, body = simulator.api("POST", "/v2/droplets/%d/actions" % did, json=payload)
        assert status == 201, body
        wait_action(simulator, body["action"]["id"])
        return simulator.api("GET", "/v2/droplets/%d" % did)[1]["droplet"]

    assert act({"type": "rename", "name": "renamed"})["name"] == "renamed"
    droplet = act({"type": "enable_backups"})
    assert "backups" in droplet["features"] and droplet["next_backup_window"]["start"].endswith("Z")
    droplet = act({"type": "disable_backups"})
    assert "backups" not in droplet["features"] and droplet["next_backup_window"] is None
    droplet = act({"type": "enable_ipv6"})
    assert "ipv6" in droplet["features"] and droplet["networks"]["v6"][0]["type"] == "public"
    assert act({"type": "shutdown"})["status"] == "off"
    assert act({"type": "power_cycle"})["status"] == "active"
    assert act({"type": "reboot"})["status"] == "active"
    droplet = act({"type": "snapshot", "name": "before-upgrade"})
    [snap_id] = droplet["snapshot_ids"]
    status, body = simulator.api("GET", "/v2/droplets/%d/snapshots" % did)
    assert body["snapshots"][0]["name"] == "before-upgrade" and body["snapshots"][0]["id"] == snap_id
    status, body = simulator.api("GET", "/v2/snapshots", params={"resource_type": "droplet"})
    assert body["snapshots"][0]["id"] == str(snap_id)
    assert body["snapshots"][0]["resource_id"] == str(did)
    status, body = simulator.api("GET", "/v2/images", params={"private": "true"})
    assert [i["name"] for i in body["images"]] == ["before-upgrade"]
    assert simulator.api("GET", "/v2/snapshots/%d" % snap_id)[0] == 200
    assert simulator.api("DELETE", "/v2/snapshots/%d" % snap_id)[0] == 204
    assert simulator.api("GET", "/v2/droplets/%d" % did)[1]["droplet"]["snapshot_ids"] == []


def test_unknown_region_size_image_are_422(simulator):
    for field, value, message in (
            ("region", "mars1", "Region is not available"),
            ("size", "s-99vcpu", "You specified an invalid size for Droplet creation."),
            ("image", "windows-95", "You specified an invalid image for Droplet creation."),
            ("image", 12345, "You specified an invalid image for Droplet creation.")):
        status, body = simulator.api("POST", "/v2/droplets", json=dict(DROPLET, **{field: value}))
        assert status == 422 and body["message"] == message, (field, body)
    status, body = simulator.api("POST", "/v2/droplets",
                                 json=dict(DROPLET, region="syd1", size="so-2vcpu-16gb"))
    assert status == 422 and body["message"] == "Size is not available in this region."
    status, body = simulator.api("POST", "/v2/droplets", json=dict(DROPLET, ssh_keys=[999]))
    assert status == 422
    assert simulator.state("droplets") == []


def test_region_prefix_and_image_id(simulator):
    status, body = simulator.api("GET", "/v2/images/debian-12-x64")
    droplet = create(simulator, region="fra", image=body["image"]["id"])["droplet"]
    assert droplet["region"]["slug"] == "fra1" and droplet["image"]["slug"] == "debian-12-x64"


def test_multi_create(simulator):
    status, body = simulator.api("POST", "/v2/droplets", json={
        "names": ["a-1", "a-2", "a-3"], "region": "ams3", "size": "s-1vcpu-2gb",
        "image": "ubuntu-22-04-x64", "tags": ["multi"]})
    assert status == 202
    assert [d["name"] for d in body["droplets"]] == ["a-1", "a-2", "a-3"]
    assert len(body["links"]["actions"]) == 3
    names = ["n%d" % i for i in range(11)]
    status, body = simulator.api("POST", "/v2/droplets", json=dict(DROPLET, names=names, name=None))
    assert status == 422


def test_list_filters_and_delete(simulator):
    simulator.seed(count=3, name_prefix="app", tags=["app"])
    simulator.seed(count=2, name_prefix="db", tags=["db"])
    status, body = simulator.api("GET", "/v2/droplets", params={"tag_name": "app"})
    assert [d["name"] for d in body["droplets"]] == ["app-1", "app-2", "app-3"]
    status, body = simulator.api("GET", "/v2/droplets", params={"name": "db-2"})
    assert [d["name"] for d in body["droplets"]] == ["db-2"]
    status, body = simulator.api("GET", "/v2/droplets", params={"type": "gpus"})
    assert body["droplets"] == []
    did = body and simulator.api("GET", "/v2/droplets", params={"name": "db-2"})[1]["droplets"][0]["id"]
    assert simulator.api("DELETE", "/v2/droplets/%d" % did) == (204, None)
    assert simulator.api("GET", "/v2/droplets/%d" % did)[0] == 404
    assert simulator.api("DELETE", "/v2/droplets/%d" % did)[0] == 404
    assert simulator.api("DELETE", "/v2/droplets", params={"tag_name": "app"}) == (204, None)
    status, body = simulator.api("GET", "/v2/droplets")
    assert [d["name"] for d in body["droplets"]] == ["db-1"]
    status, body = simulator.api("GET", "/v2/tags/app")
    assert body["tag"]["resources"]["count"] == 0


def test_bulk_action_by_tag(simulator):
    simulator.seed(count=3, tags=["bulk"])
    simulator.seed(count=1, name_prefix="other")
    status, body = simulator.api("POST", "/v2/droplets/actions", params={"tag_name": "bulk"},
                                 json={"type": "power_off"})
    assert status == 201 and len(body["actions"]) == 3
    statuses = {d["name"]: d["status"] for d in simulator.api("GET", "/v2/droplets")[1]["droplets"]}
    assert statuses == {"seed-1": "off", "seed-2": "off", "seed-3": "off", "other-1": "active"}
    status, body = simulator.api("POST", "/v2/droplets/actions", params={"tag_name": "bulk"},
                                 json={"type": "rename", "name": "x"})
    assert status == 422


def test_actions_list(simulator):
    [did] = simulator.seed(count=1)
    for _action in range(3):
        status, body = simulator.api("POST", "/v2/droplets/%d/actions" % did, json={"type": "reboot"})
        wait_action(simulator, body["action"]["id"])
    status, body = simulator.api("GET", "/v2/actions", params={"per_page": 2})
    assert body["meta"]["total"] == 3 and len(body["actions"]) == 2 and "next" in body["links"]["pages"]
    assert simulator.api("GET", "/v2/actions/999999")[0] == 404
