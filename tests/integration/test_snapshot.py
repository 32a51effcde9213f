"""snapshot and snapshot_info through ansible-playbook against the simulator."""

from __future__ import annotations

import time

from tests.helpers import new_droplet, new_volume


def snapshot_task(task="snapshot", **options):
    return {"name": task, "fathom.digitalocean.snapshot": dict(options)}


def new_booted_droplet(simulator, name="web-1"):
    droplet_id = new_droplet(simulator, name)
    time.sleep(0.35)    # booted: a droplet takes no action while its create action runs
    return str(droplet_id)


def snapshots(simulator, resource_type):
    status, body = simulator.api("GET", "/v2/snapshots", params={"resource_type": resource_type, "per_page": 200})
    assert status == 200
    return body["snapshots"]


def test_droplet_snapshot_create_noop_tags_and_delete(simulator, playbook):
    droplet_id = new_booted_droplet(simulator)
    spec = {"name": "before-upgrade", "resource_type": "droplet", "resource_id": droplet_id}
    simulator.clear_requests()
    run = playbook([snapshot_task(tags=["keep"], **spec)])
    assert run.returncode == 0, run.stdout
    result = run.result("snapshot")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    snapshot = result["snapshot"]
    assert snapshot["name"] == "before-upgrade"
    assert snapshot["resource_id"] == droplet_id and snapshot["resource_type"] == "droplet"
    assert snapshot["tags"] == ["keep"]
    posts = [(e["method"], e["path"]) for e in simulator.mutating_requests()]
    assert posts[0] == ("POST", "/v2/droplets/%s/actions" % droplet_id)
    # The action was awaited before the image was looked up.
    assert any(e["path"].startswith("/v2/actions/") for e in simulator.requests())
    assert [s["name"] for s in snapshots(simulator, "droplet")] == ["before-upgrade"]

    simulator.clear_requests()
    again = playbook([snapshot_task(tags=["keep"], **spec)])
    assert again.result("snapshot")["changed"] is False
    assert simulator.mutating_requests() == []
    assert [e["query"] for e in simulator.requests()] == [{"resource_type": "droplet", "per_page": "200"}]

    check = playbook([snapshot_task(tags=["keep", "weekly"], **spec)], check=True, diff=True)
    planned = check.result("snapshot")
    assert planned["plan"]["changes"] == {"tags": {"before": ["keep"], "after": ["keep", "weekly"], "via": "tags"}}
    assert planned["diff"]["before"]["tags"] == ["keep"] and planned["diff"]["after"]["tags"] == ["keep", "weekly"]
    assert simulator.mutating_requests() == []

    tagged = playbook([snapshot_task(tags=["keep", "weekly"], **spec)])
    assert tagged.result("snapshot")["changed"] is True
    assert sorted(snapshots(simulator, "droplet")[0]["tags"]) == ["keep", "weekly"]

    gone = playbook([snapshot_task(state="absent", **spec)])
    assert gone.result("snapshot")["plan"]["action"] == "delete"
    assert [e["path"] for e in simulator.mutating_requests() if e["method"] == "DELETE"] == [
        "/v2/snapshots/%s" % snapshot["id"]]
    assert snapshots(simulator, "droplet") == []
    simulator.clear_requests()
    assert playbook([snapshot_task(state="absent", **spec)]).result("snapshot")["changed"] is False
    assert simulator.mutating_requests() == []


def test_volume_snapshot_check_mode_create_and_survives_its_volume(simulator, playbook):
    volume_id = new_volume(simulator, "data-1")
    spec = {"name": "nightly", "resource_type": "volume", "resource_id": volume_id}
    simulator.clear_requests()
    check = playbook([snapshot_task(**spec)], check=True, diff=True)
    planned = check.result("snapshot")
    assert planned["changed"] is True and planned["plan"]["action"] == "create"
    assert planned["diff"]["before"] == {}
    assert simulator.mutating_requests() == []

    simulator.clear_requests()
    run = playbook([snapshot_task(**spec)])
    assert run.returncode == 0, run.stdout
    snapshot = run.result("snapshot")["snapshot"]
    assert snapshot["resource_id"] == volume_id
    assert [(e["method"], e["path"]) for e in simulator.mutating_requests()] == [
        ("POST", "/v2/volumes/%s/snapshots" % volume_id)]
    # Found through the volume's own list, filtered by the API.
    assert any(e["path"] == "/v2/volumes/%s/snapshots" % volume_id for e in simulator.requests())

    simulator.clear_requests()
    assert playbook([snapshot_task(**spec)]).result("snapshot")["changed"] is False
    assert simulator.mutating_requests() == []

    # The snapshot outlives its volume and is still found by name and resource.
    assert simulator.api("DELETE", "/v2/volumes/%s" % volume_id)[0] == 204
    simulator.clear_requests()
    still = playbook([snapshot_task(tags=["orphan"], **spec)])
    assert still.returncode == 0, still.stdout
    assert still.result("snapshot")["plan"]["action"] == "update"
    assert snapshots(simulator, "volume")[0]["tags"] == ["orphan"]


def test_errors_and_info(simulator, playbook):
    droplet_id = new_booted_droplet(simulator)
    volume_id = new_volume(simulator, "data-1")
    playbook([
        snapshot_task("a", name="one", resource_type="droplet", resource_id=droplet_id),
        snapshot_task("b", name="two", resource_type="volume", resource_id=volume_id),
    ])

    simulator.clear_requests()
    run = playbook([snapshot_task(name="x", resource_type="droplet", resource_id="web-1")])
    assert run.result("snapshot")["msg"] == "resource_id of a droplet is its numeric id, got web-1"
    bad = playbook([snapshot_task(name="x", resource_type="image", resource_id="1")])
    assert "resource_type" in bad.result("snapshot")["msg"] and "droplet, volume" in bad.result("snapshot")["msg"]
    assert simulator.requests() == []
    one_id = snapshots(simulator, "droplet")[0]["id"]
    simulator.clear_requests()
    moved = playbook([snapshot_task(id=one_id, name="renamed")])
    assert moved.result("snapshot")["msg"].startswith("name cannot change in place")
    assert simulator.mutating_requests() == []

    info = playbook([
        {"name": "all", "fathom.digitalocean.snapshot_info": {}},
        {"name": "volumes", "fathom.digitalocean.snapshot_info": {"resource_type": "volume"}},
        {"name": "of_droplet", "fathom.digitalocean.snapshot_info": {"resource_type": "droplet",
                                                                     "resource_id": droplet_id}},
        {"name": "named", "fathom.digitalocean.snapshot_info": {"name": "two"}},
        {"name": "by_id", "fathom.digitalocean.snapshot_info": {"id": one_id}},
    ])
    assert {s["name"] for s in info.result("all")["snapshots"]} == {"one", "two"}
    assert [s["name"] for s in info.result("volumes")["snapshots"]] == ["two"]
    assert [s["name"] for s in info.result("of_droplet")["snapshots"]] == ["one"]
    assert [s["name"] for s in info.result("named")["snapshots"]] == ["two"]
    assert [s["id"] for s in info.result("by_id")["snapshots"]] == [one_id]
    assert info.result("all")["changed"] is False
    queries = [e["query"].get("resource_type") for e in simulator.requests() if e["path"] == "/v2/snapshots"]
    assert "volume" in queries and "droplet" in queries
