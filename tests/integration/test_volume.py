"""volume and volume_info through ansible-playbook against the simulator."""

from __future__ import annotations

from tests.helpers import new_droplet

DATA = {"name": "data-1", "region": "nyc3"}


def volume_task(task="volume", **options):
    return {"name": task, "fathom.digitalocean.volume": dict(options)}


def stored_volume(simulator, name="data-1", region="nyc3"):
    status, body = simulator.api("GET", "/v2/volumes", params={"name": name, "region": region})
    assert status == 200
    assert len(body["volumes"]) <= 1
    return body["volumes"][0] if body["volumes"] else None


def test_create_noop_resize_and_check_mode(simulator, playbook):
    run = playbook([volume_task(size_gigabytes=10, filesystem_type="ext4", tags=["data"], **DATA)])
    assert run.returncode == 0, run.stdout
    result = run.result("volume")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    assert result["volume"]["size_gigabytes"] == 10
    assert stored_volume(simulator)["filesystem_type"] == "ext4"
    # Found by server-side filters: name and region.
    lists = [e for e in simulator.requests() if e["method"] == "GET" and e["path"] == "/v2/volumes"]
    assert lists[0]["query"] == {"name": "data-1", "region": "nyc3", "per_page": "200"}

    simulator.clear_requests()
    again = playbook([volume_task(size_gigabytes=10, filesystem_type="ext4", tags=["data"], **DATA)])
    assert again.result("volume")["changed"] is False
    assert simulator.mutating_requests() == []
    assert len(simulator.requests()) == 1

    check = playbook([volume_task(size_gigabytes=20, **DATA)], check=True, diff=True)
    planned = check.result("volume")
    assert planned["changed"] is True
    assert planned["plan"]["changes"] == {"size_gigabytes": {"before": 10, "after": 20, "via": "action:resize"}}
    assert planned["diff"]["before"]["size_gigabytes"] == 10 and planned["diff"]["after"]["size_gigabytes"] == 20
    assert simulator.mutating_requests() == []
    assert stored_volume(simulator)["size_gigabytes"] == 10

    grown = playbook([volume_task(size_gigabytes=20, **DATA)])
    assert grown.result("volume")["volume"]["size_gigabytes"] == 20
    assert stored_volume(simulator)["size_gigabytes"] == 20


def test_shrink_and_filesystem_change_are_errors(simulator, playbook):
    assert playbook([volume_task(size_gigabytes=20, filesystem_type="ext4", **DATA)]).returncode == 0
    simulator.clear_requests()
    shrink = playbook([volume_task(size_gigabytes=10, **DATA)])
    assert shrink.returncode != 0
    assert "cannot shrink" in shrink.result("volume")["msg"]
    refs = playbook([volume_task(filesystem_type="xfs", **DATA)])
    assert refs.result("volume")["msg"].startswith("filesystem_type cannot change in place")
    assert simulator.mutating_requests() == []


def test_attach_move_detach_and_delete(simulator, playbook):
    first = new_droplet(simulator, "host-a")
    second = new_droplet(simulator, "host-b")
    attach = playbook([volume_task(size_gigabytes=10, droplet_id=first, **DATA)])
    assert attach.returncode == 0, attach.stdout
    assert stored_volume(simulator)["droplet_ids"] == [first]

    simulator.clear_requests()
    assert playbook([volume_task(droplet_id=first, **DATA)]).result("volume")["changed"] is False
    assert simulator.mutating_requests() == []

    moved = playbook([volume_task(droplet_id=second, **DATA)])
    assert moved.result("volume")["plan"]["changes"]["droplet_id"] == {
        "before": first, "after": second, "via": "action:attach|detach"}
    assert stored_volume(simulator)["droplet_ids"] == [second]
    status, body = simulator.api("GET", "/v2/droplets/%s" % first)
    assert body["droplet"]["volume_ids"] == []

    detached = playbook([volume_task(droplet_id=0, **DATA)])
    assert detached.result("volume")["changed"] is True
    assert stored_volume(simulator)["droplet_ids"] == []

    playbook([volume_task(droplet_id=second, **DATA)])
    gone = playbook([volume_task(state="absent", **DATA)])
    assert gone.returncode == 0, gone.stdout
    assert gone.result("volume")["plan"]["action"] == "delete"
    assert stored_volume(simulator) is None
    simulator.clear_requests()
    assert playbook([volume_task(state="absent", **DATA)]).result("volume")["changed"] is False
    assert simulator.mutating_requests() == []


def test_negative_size_fails_before_any_request(simulator, playbook):
    run = playbook([volume_task(size_gigabytes=-5, **DATA)])
    assert run.returncode != 0
    assert "size_gigabytes must be a positive" in run.result("volume")["msg"]
    assert simulator.requests() == []


def test_volume_info(simulator, playbook):
    playbook([volume_task(size_gigabytes=10, **DATA), volume_task(task="second", size_gigabytes=5,
                                                                  **{**DATA, "name": "data-2"})])
    run = playbook([
        {"name": "all", "fathom.digitalocean.volume_info": {}},
        {"name": "one", "fathom.digitalocean.volume_info": {"name": "data-2", "region": "nyc3"}},
    ])
    assert len(run.result("all")["volumes"]) == 2
    assert [v["name"] for v in run.result("one")["volumes"]] == ["data-2"]
    assert run.result("one")["changed"] is False
