"""Volumes, volume actions and volume snapshots."""
import time


def new_volume(simulator, **kw):
    payload = {"name": "data", "region": "nyc3", "size_gigabytes": 10}
    payload.update(kw)
    status, body = simulator.api("POST", "/v2/volumes", json=payload)
    assert status == 201, body
    return body["volume"]


def test_create_get_list_delete(simulator):
    vol = new_volume(simulator, description="d", tags=["storage"], filesystem_type="ext4")
    assert len(vol["id"]) == 36 and vol["droplet_ids"] == [] and vol["region"]["slug"] == "nyc3"
    assert vol["created_at"].endswith("Z") and vol["tags"] == ["storage"]
    assert simulator.api("GET", "/v2/volumes/%s" % vol["id"])[1]["volume"]["name"] == "data"
    status, body = simulator.api("POST", "/v2/volumes", json={"name": "data", "region": "nyc3",
                                                              "size_gigabytes": 5})
    assert status == 409
    new_volume(simulator, name="data", region="fra1")
    status, body = simulator.api("GET", "/v2/volumes", params={"name": "data"})
    assert body["meta"]["total"] == 2
    status, body = simulator.api("GET", "/v2/volumes", params={"region": "fra1"})
    assert [v["region"]["slug"] for v in body["volumes"]] == ["fra1"]
    assert simulator.api("DELETE", "/v2/volumes", params={"name": "data", "region": "fra1"}) == (204, None)
    assert simulator.api("DELETE", "/v2/volumes", params={"name": "data", "region": "fra1"})[0] == 404
    assert simulator.api("DELETE", "/v2/volumes/%s" % vol["id"]) == (204, None)
    assert simulator.api("GET", "/v2/volumes/%s" % vol["id"])[0] == 404


def test_attach_detach_keep_both_sides_consistent(simulator):
    d1, d2 = simulator.seed(count=2)
    [far] = simulator.seed(count=1, region="sfo3", name_prefix="far")
    vol = new_volume(simulator)

    def droplet(did):
        return simulator.api("GET", "/v2/droplets/%d" % did)[1]["droplet"]

    def volume():
        return simulator.api("GET", "/v2/volumes/%s" % vol["id"])[1]["volume"]

    status, body = simulator.api("POST", "/v2/volumes/%s/actions" % vol["id"],
                                 json={"type": "attach", "droplet_id": d1, "region": "nyc3"})
    assert status == 202
    action = body["action"]
    assert action["type"] == "attach_volume" and action["status"] == "in-progress"
    assert volume()["droplet_ids"] == [d1] and droplet(d1)["volume_ids"] == [vol["id"]]
    # already attached / other droplet / other region
    for did in (d1, d2, far):
        status, body = simulator.api("POST", "/v2/volumes/%s/actions" % vol["id"],
                                     json={"type": "attach", "droplet_id": did})
        assert status == 422, body
    status, body = simulator.api("POST", "/v2/volumes/%s/actions" % vol["id"],
                                 json={"type": "attach", "droplet_id": 987654321})
    assert status == 404
    # an attached volume cannot be deleted
    assert simulator.api("DELETE", "/v2/volumes/%s" % vol["id"])[0] == 422
    status, body = simulator.api("POST", "/v2/volumes/%s/actions" % vol["id"],
                                 json={"type": "detach", "droplet_id": d1})
    assert status == 202 and body["action"]["type"] == "detach_volume"
    assert volume()["droplet_ids"] == [] and droplet(d1)["volume_ids"] == []
    assert simulator.api("POST", "/v2/volumes/%s/actions" % vol["id"],
                         json={"type": "detach", "droplet_id": d1})[0] == 422
    # by name
    status, body = simulator.api("POST", "/v2/volumes/actions", json={
        "type": "attach", "volume_name": "data", "region": "nyc3", "droplet_id": d2})
    assert status == 202
    assert volume()["droplet_ids"] == [d2] and droplet(d2)["volume_ids"] == [vol["id"]]
    # deleting the droplet detaches the volume
    assert simulator.api("DELETE", "/v2/droplets/%d" % d2)[0] == 204
    assert volume()["droplet_ids"] == []
    status, body = simulator.api("GET", "/v2/volumes/%s/actions" % vol["id"])
    assert [a["type"] for a in body["actions"]] == ["attach_volume", "detach_volume", "attach_volume"]
    time.sleep(0.25)
    status, body = simulator.api("GET", "/v2/volumes/%s/actions/%d" % (vol["id"], action["id"]))
    assert body["action"]["status"] == "completed"


def test_droplet_create_with_volumes(simulator):
    vol = new_volume(simulator)
    status, body = simulator.api("POST", "/v2/droplets", json={
        "name": "with-vol", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64",
        "volumes": [vol["id"]]})
    assert status == 202 and body["droplet"]["volume_ids"] == [vol["id"]]
    assert simulator.api("GET", "/v2/volumes/%s" % vol["id"])[1]["volume"]["droplet_ids"] == [body["droplet"]["id"]]


def test_resize_only_grows(simulator):
    vol = new_volume(simulator)
    for size in (10, 5):
        status, body = simulator.api("POST", "/v2/volumes/%s/actions" % vol["id"],
                                     json={"type": "resize", "size_gigabytes": size})
        assert status == 422 and "size_gigabytes" in body["message"]
    status, body = simulator.api("POST", "/v2/volumes/%s/actions" % vol["id"],
                                 json={"type": "resize", "size_gigabytes": 20, "region": "nyc3"})
    assert status == 202 and body["action"]["type"] == "resize_volume"
    assert simulator.api("GET", "/v2/volumes/%s" % vol["id"])[1]["volume"]["size_gigabytes"] == 20


def test_volume_snapshots(simulator):
    vol = new_volume(simulator)
    status, body = simulator.api("POST", "/v2/volumes/%s/snapshots" % vol["id"], json={"name": "s1"})
    assert status == 201
    snap = body["snapshot"]
    assert snap["resource_id"] == vol["id"] and snap["resource_type"] == "volume"
    assert simulator.api("GET", "/v2/volumes/%s/snapshots" % vol["id"])[1]["meta"]["total"] == 1
    assert simulator.api("GET", "/v2/volumes/snapshots/%s" % snap["id"])[0] == 200
    assert simulator.api("GET", "/v2/snapshots/%s" % snap["id"])[1]["snapshot"]["name"] == "s1"
    status, body = simulator.api("GET", "/v2/snapshots", params={"resource_type": "volume"})
    assert [s["id"] for s in body["snapshots"]] == [snap["id"]]
    # restore a new volume from the snapshot
    new_volume(simulator, name="restored", size_gigabytes=10, snapshot_id=snap["id"])
    assert simulator.api("DELETE", "/v2/snapshots/%s" % snap["id"]) == (204, None)
    assert simulator.api("GET", "/v2/volumes/snapshots/%s" % snap["id"])[0] == 404
