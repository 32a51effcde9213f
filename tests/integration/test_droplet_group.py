"""droplet_group through ansible-playbook against the simulator."""

from __future__ import annotations

GROUP = {"group_tag": "web", "name_template": "web-{index}", "region": "nyc3", "size": "s-1vcpu-1gb",
         "image": "ubuntu-24-04-x64"}


def group_task(task="group", **options):
    return {"name": task, "fathom.digitalocean.droplet_group": dict(options)}


def members(simulator, tag="web"):
    status, body = simulator.api("GET", "/v2/droplets", params={"tag_name": tag, "per_page": 200})
    assert status == 200
    return sorted(body["droplets"], key=lambda d: d["id"])


def names(droplets):
    return sorted(d["name"] for d in droplets)


def test_create_ten_in_one_post_wait_by_list_then_noop(simulator, playbook):
    run = playbook([group_task(count=10, tags=["prod"], **GROUP)])
    assert run.returncode == 0, run.stdout
    result = run.result("group")
    assert result["changed"] is True
    assert result["plan"]["action"] == "create"
    assert result["plan"]["changes"]["count"] == {"before": 0, "after": 10, "via": "create"}
    assert [m["identity"]["name"] for m in result["plan"]["members"]] == ["web-%d" % i for i in range(1, 11)]
    assert [d["name"] for d in result["droplet_group"]] == ["web-%d" % i for i in range(1, 11)]
    assert all(d["status"] == "active" for d in result["droplet_group"])
    stored = members(simulator)
    assert len(stored) == 10
    assert all(sorted(d["tags"]) == ["prod", "web"] for d in stored)

    log = simulator.requests()
    assert [(e["method"], e["path"]) for e in log if e["method"] != "GET"] == [("POST", "/v2/droplets")]
    # Finding and waiting: only list calls filtered by the group tag, never one GET per droplet.
    gets = [e for e in log if e["method"] == "GET"]
    assert gets and all(e["path"] == "/v2/droplets" and e["query"] == {"tag_name": "web", "per_page": "200"}
                        for e in gets)
    assert len(gets) <= 4

    simulator.clear_requests()
    again = playbook([group_task(count=10, tags=["prod"], **GROUP)])
    assert again.result("group")["changed"] is False
    assert again.result("group")["plan"]["action"] == "none"
    assert simulator.mutating_requests() == []
    assert len(simulator.requests()) == 1


def test_scale_down_highest_first_and_up_again_with_check_mode(simulator, playbook):
    assert playbook([group_task(count=4, **GROUP)]).returncode == 0
    before = {d["name"]: d["id"] for d in members(simulator)}

    simulator.clear_requests()
    check = playbook([group_task(count=2, **GROUP)], check=True, diff=True)
    planned = check.result("group")
    assert planned["changed"] is True
    assert planned["plan"]["changes"] == {"count": {"before": 4, "after": 2, "via": "delete"}}
    assert [(m["action"], m["identity"]["name"]) for m in planned["plan"]["members"]] == [
        ("delete", "web-4"), ("delete", "web-3")]
    assert planned["diff"]["before"]["count"] == 4 and planned["diff"]["after"]["count"] == 2
    assert set(planned["diff"]["before"]["droplets"]) == {"web-1", "web-2", "web-3", "web-4"}
    assert set(planned["diff"]["after"]["droplets"]) == {"web-1", "web-2"}
    assert simulator.mutating_requests() == []
    assert len(members(simulator)) == 4

    down = playbook([group_task(count=2, **GROUP)])
    assert down.returncode == 0, down.stdout
    assert [d["name"] for d in down.result("group")["droplet_group"]] == ["web-1", "web-2"]
    deletes = [e["path"] for e in simulator.mutating_requests()]
    assert deletes == ["/v2/droplets/%s" % before["web-4"], "/v2/droplets/%s" % before["web-3"]]
    assert names(members(simulator)) == ["web-1", "web-2"]

    # A hole in the numbering is filled first: web-1 gone, scale to 3 -> web-1 and web-3 created.
    simulator.api("DELETE", "/v2/droplets/%s" % before["web-1"])
    up = playbook([group_task(count=3, **GROUP)])
    assert [m["identity"]["name"] for m in up.result("group")["plan"]["members"]] == ["web-1", "web-3"]
    assert names(members(simulator)) == ["web-1", "web-2", "web-3"]

    gone = playbook([group_task(count=0, **GROUP)])
    assert gone.result("group")["plan"]["action"] == "delete"
    assert members(simulator) == []


def test_in_place_resize_and_tags_through_the_droplet_engine(simulator, playbook):
    assert playbook([group_task(count=2, tags=["blue"], **GROUP)]).returncode == 0
    wanted = {**GROUP, "size": "s-2vcpu-2gb", "tags": ["green"], "allow_resize_power_cycle": True}

    simulator.clear_requests()
    check = playbook([group_task(count=2, **wanted)], check=True, diff=True)
    planned = check.result("group")
    changes = planned["plan"]["changes"]
    assert changes["web-1.size"] == {"before": "s-1vcpu-1gb", "after": "s-2vcpu-2gb", "via": "action:resize"}
    assert changes["web-2.tags"] == {"before": ["blue", "web"], "after": ["green", "web"], "via": "tags"}
    assert [m["action"] for m in planned["plan"]["members"]] == ["update", "update"]
    assert planned["diff"]["after"]["droplets"]["web-1"]["size"] == "s-2vcpu-2gb"
    assert simulator.mutating_requests() == []

    run = playbook([group_task(count=2, **wanted)])
    assert run.returncode == 0, run.stdout
    assert run.result("group")["plan"]["changes"] == changes
    stored = members(simulator)
    assert [d["size_slug"] for d in stored] == ["s-2vcpu-2gb", "s-2vcpu-2gb"]
    assert [sorted(d["tags"]) for d in stored] == [["green", "web"], ["green", "web"]]
    assert all(d["status"] == "active" for d in stored)
    assert not any(e["path"] == "/v2/droplets" and e["method"] == "POST" for e in simulator.requests())

    simulator.clear_requests()
    again = playbook([group_task(count=2, **wanted)])
    assert again.result("group")["changed"] is False
    assert simulator.mutating_requests() == []


def test_errors_come_before_any_change(simulator, playbook):
    assert playbook([group_task(count=1, **GROUP)]).returncode == 0
    simulator.clear_requests()
    run = playbook([
        group_task("region", count=2, **{**GROUP, "region": "sfo3"}),
        group_task("resize", count=1, **{**GROUP, "size": "s-2vcpu-2gb"}),
    ])
    assert run.result("region")["msg"].startswith("region cannot change in place on droplet web-1")
    assert simulator.mutating_requests() == []

    resize = playbook([group_task("resize", count=1, **{**GROUP, "size": "s-2vcpu-2gb"})])
    assert "allow_resize_power_cycle" in resize.result("resize")["msg"]
    missing = playbook([group_task("missing", count=3, group_tag="web", name_template="web-{index}")])
    assert "region and size and image are required" in missing.result("missing")["msg"]
    assert simulator.mutating_requests() == []

    simulator.clear_requests()
    template = playbook([group_task("template", count=1, **{**GROUP, "name_template": "web-{n}"})])
    assert "name_template may use only {index} and {group_tag}" in template.result("template")["msg"]
    negative = playbook([group_task("negative", count=-1, **GROUP)])
    assert "count must be 0 or more" in negative.result("negative")["msg"]
    assert simulator.requests() == []


def test_unclear_create_never_duplicates(simulator, playbook):
    # The POST is carried out but its answer is lost: the module lists the group again and
    # finds every droplet, so it sends nothing more.
    simulator.faults(drop_rate=1.0, path_regex="^/v2/droplets$", methods=["POST"])
    run = playbook([group_task(count=3, **GROUP)])
    assert run.returncode == 0, run.stdout
    assert names(members(simulator)) == ["web-1", "web-2", "web-3"]
    posts = [e for e in simulator.requests() if e["method"] == "POST"]
    assert len(posts) == 1
    simulator.clear_faults()

    # The first POST fails with a 500 without taking effect: the group is listed again and the
    # still missing droplets are requested once more.
    simulator.clear_requests()
    simulator.faults(rate=0.5, statuses=[500], seed=3, path_regex="^/v2/droplets$", methods=["POST"])
    more = playbook([group_task(count=5, **GROUP)])
    assert more.returncode == 0, more.stdout
    assert names(members(simulator)) == ["web-1", "web-2", "web-3", "web-4", "web-5"]
    posts = [e for e in simulator.requests() if e["method"] == "POST"]
    assert [e["status"] for e in posts] == [500, 202]


def test_user_data_is_never_shown(simulator, playbook):
    secret = "#cloud-config\npassword: hunter2-group\n"
    run = playbook([group_task(count=1, user_data=secret, **GROUP)], check=True, diff=True, verbosity=3)
    assert run.returncode == 0, run.stdout
    assert "hunter2-group" not in run.stdout + run.stderr
    member = run.result("group")["plan"]["members"][0]
    assert member["changes"]["user_data"]["after"] == "(sensitive)"
    assert run.result("group")["diff"]["after"]["droplets"]["web-1"]["user_data"] == "(sensitive)"
