"""droplet and droplet_info through ansible-playbook against the simulator."""

from __future__ import annotations


WEB = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}


def droplet_task(task="droplet", **options):
    return {"name": task, "fathom.digitalocean.droplet": dict(options)}


def droplets_named(simulator, name):
    status, body = simulator.api("GET", "/v2/droplets", params={"name": name, "per_page": 200})
    assert status == 200
    return body["droplets"]


def test_create_waits_until_active_then_second_run_changes_nothing(simulator, playbook):
    run = playbook([droplet_task(tags=["web", "prod"], state="active", **WEB)])
    assert run.returncode == 0, run.stdout
    result = run.result("droplet")
    assert result["changed"] is True
    assert result["droplet"]["status"] == "active"
    assert result["plan"]["action"] == "create"
    assert result["plan"]["identity"] == {"name": "web-1", "region": "nyc3"}
    assert set(result["plan"]["changes"]) >= {"size", "image", "tags"}
    created = droplets_named(simulator, "web-1")
    assert len(created) == 1
    assert sorted(created[0]["tags"]) == ["prod", "web"]
    posts = [e for e in simulator.requests() if e["method"] == "POST"]
    assert [(e["path"]) for e in posts] == ["/v2/droplets"]

    simulator.clear_requests()
    again = playbook([droplet_task(tags=["prod", "web"], state="active", **WEB)])
    assert again.returncode == 0, again.stdout
    assert again.result("droplet")["changed"] is False
    assert again.result("droplet")["plan"]["action"] == "none"
    log = simulator.requests()
    assert [e for e in log if e["method"] != "GET"] == []
    # One filtered list request finds it: GET /v2/droplets?name=web-1&per_page=200.
    assert len(log) == 1
    assert log[0]["path"] == "/v2/droplets"
    assert log[0]["query"]["name"] == "web-1"
    assert log[0]["query"]["per_page"] == "200"


def test_check_mode_create_reports_plan_and_sends_nothing(simulator, playbook):
    run = playbook([droplet_task(**WEB)], check=True, diff=True)
    assert run.returncode == 0, run.stdout
    result = run.result("droplet")
    assert result["changed"] is True
    assert result["plan"]["action"] == "create"
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["size"] == "s-1vcpu-1gb"
    assert simulator.mutating_requests() == []
    assert droplets_named(simulator, "web-1") == []


def test_in_place_updates_and_check_mode_plan(simulator, playbook):
    assert playbook([droplet_task(tags=["web"], **WEB)]).returncode == 0
    wanted = {**WEB, "size": "s-2vcpu-2gb", "tags": ["web", "blue"], "backups": True, "allow_resize_power_cycle": True}

    simulator.clear_requests()
    check = playbook([droplet_task(**wanted)], check=True, diff=True)
    planned = check.result("droplet")
    assert planned["changed"] is True
    changes = planned["plan"]["changes"]
    assert changes["size"] == {"before": "s-1vcpu-1gb", "after": "s-2vcpu-2gb", "via": "action:resize"}
    assert changes["tags"]["before"] == ["web"] and changes["tags"]["after"] == ["blue", "web"]
    assert changes["backups"]["before"] is False and changes["backups"]["after"] is True
    assert planned["diff"]["before"]["size"] == "s-1vcpu-1gb"
    assert planned["diff"]["after"]["size"] == "s-2vcpu-2gb"
    assert simulator.mutating_requests() == []

    simulator.clear_requests()
    run = playbook([droplet_task(**wanted)])
    assert run.returncode == 0, run.stdout
    result = run.result("droplet")
    assert result["changed"] is True
    assert result["plan"]["changes"] == planned["plan"]["changes"]
    assert result["droplet"]["size_slug"] == "s-2vcpu-2gb"
    assert result["droplet"]["status"] == "active"
    assert "backups" in result["droplet"]["features"]
    action_types = [entry for entry in simulator.requests()
                    if entry["method"] == "POST" and entry["path"].endswith("/actions")]
    assert len(action_types) == 4  # power_off, resize, power_on, enable_backups
    droplet = droplets_named(simulator, "web-1")[0]
    assert droplet["size_slug"] == "s-2vcpu-2gb"
    assert sorted(droplet["tags"]) == ["blue", "web"]

    simulator.clear_requests()
    again = playbook([droplet_task(**wanted)])
    assert again.result("droplet")["changed"] is False
    assert simulator.mutating_requests() == []


def test_resize_of_running_droplet_needs_permission(simulator, playbook):
    assert playbook([droplet_task(**WEB)]).returncode == 0
    simulator.clear_requests()
    run = playbook([droplet_task(**{**WEB, "size": "s-2vcpu-4gb"})])
    assert run.returncode != 0
    result = run.result("droplet")
    assert run.status("droplet") == "failed"
    assert "allow_resize_power_cycle" in result["msg"]
    assert "size" in result["msg"]
    assert simulator.mutating_requests() == []
    assert droplets_named(simulator, "web-1")[0]["size_slug"] == "s-1vcpu-1gb"


def test_rename_by_id_and_immutable_region(simulator, playbook):
    created = playbook([droplet_task(**WEB)]).result("droplet")["droplet"]
    renamed = playbook([droplet_task(id=created["id"], name="web-renamed")]).result("droplet")
    assert renamed["changed"] is True
    assert renamed["plan"]["changes"]["name"]["via"] == "action:rename"
    assert renamed["droplet"]["name"] == "web-renamed"

    simulator.clear_requests()
    moved = playbook([droplet_task(id=created["id"], region="sfo3")])
    assert moved.returncode != 0
    message = moved.result("droplet")["msg"]
    assert message.startswith("region cannot change in place")
    assert "nyc3" in message and "sfo3" in message
    assert simulator.mutating_requests() == []


def test_power_state_off_then_active(simulator, playbook):
    assert playbook([droplet_task(**WEB)]).returncode == 0
    off = playbook([droplet_task(state="off", **WEB)])
    assert off.result("droplet")["changed"] is True
    assert off.result("droplet")["droplet"]["status"] == "off"
    simulator.clear_requests()
    still_off = playbook([droplet_task(state="off", **WEB)])
    assert still_off.result("droplet")["changed"] is False
    assert simulator.mutating_requests() == []
    on = playbook([droplet_task(state="active", **WEB)])
    assert on.result("droplet")["droplet"]["status"] == "active"


def test_duplicate_names_fail_and_list_ids(simulator, playbook):
    ids = []
    for _attempt in range(2):
        status, body = simulator.api("POST", "/v2/droplets", json={
            "name": "twin", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"})
        assert status == 202
        ids.append(body["droplet"]["id"])
    simulator.clear_requests()
    run = playbook([droplet_task(**{**WEB, "name": "twin"})])
    assert run.returncode != 0
    message = run.result("droplet")["msg"]
    for droplet_id in ids:
        assert str(droplet_id) in message
    assert simulator.mutating_requests() == []


def test_absent_deletes_then_is_a_noop(simulator, playbook):
    assert playbook([droplet_task(**WEB)]).returncode == 0
    gone = playbook([droplet_task(name="web-1", region="nyc3", state="absent")])
    assert gone.result("droplet")["changed"] is True
    assert gone.result("droplet")["plan"]["action"] == "delete"
    assert droplets_named(simulator, "web-1") == []
    simulator.clear_requests()
    again = playbook([droplet_task(name="web-1", region="nyc3", state="absent")])
    assert again.result("droplet")["changed"] is False
    assert simulator.mutating_requests() == []


def test_missing_create_fields_fail_before_any_change(simulator, playbook):
    run = playbook([droplet_task(name="web-9", region="nyc3")])
    assert run.returncode != 0
    assert "size and image are required" in run.result("droplet")["msg"]
    assert simulator.mutating_requests() == []


def test_bad_choice_fails_before_any_request(simulator, playbook):
    run = playbook([droplet_task(state="running", **WEB)])
    assert run.returncode != 0
    message = run.result("droplet")["msg"]
    assert "state" in message and "active" in message and "absent" in message
    assert simulator.requests() == []


def test_wrong_token_is_a_clear_401_without_the_token(simulator, playbook):
    secret = "dop_v1_wrongtoken_abcdef"
    run = playbook([droplet_task(**WEB)], env={"DIGITALOCEAN_ACCESS_TOKEN": secret}, verbosity=3)
    assert run.returncode != 0
    message = run.result("droplet")["msg"]
    assert message.startswith("DigitalOcean API 401 unauthorized:")
    assert secret not in run.stdout + run.stderr
    # No extra "check the token" request: the first real request is the one that failed.
    assert len(simulator.requests()) == 1


def test_user_data_never_shown(simulator, playbook):
    secret = "#cloud-config\npassword: hunter2-user-data\n"
    run = playbook([droplet_task(user_data=secret, **WEB)], diff=True, verbosity=3)
    assert run.returncode == 0, run.stdout
    assert "hunter2-user-data" not in run.stdout + run.stderr
    assert run.result("droplet")["plan"]["changes"]["user_data"]["after"] == "(sensitive)"


def test_droplet_info_filters_on_the_api_side(simulator, playbook):
    simulator.seed(kind="droplets", count=3, name_prefix="app", tags=["app"])
    simulator.seed(kind="droplets", count=2, name_prefix="db", tags=["db"])
    simulator.clear_requests()
    run = playbook([
        {"name": "by tag", "fathom.digitalocean.droplet_info": {"tag_name": "app"}},
        {"name": "by name", "fathom.digitalocean.droplet_info": {"name": "db-2"}},
        {"name": "all", "fathom.digitalocean.droplet_info": {}},
    ])
    assert run.returncode == 0, run.stdout
    assert sorted(d["name"] for d in run.result("by tag")["droplets"]) == ["app-1", "app-2", "app-3"]
    assert [d["name"] for d in run.result("by name")["droplets"]] == ["db-2"]
    assert len(run.result("all")["droplets"]) == 5
    assert all(record["status"] == "ok" for record in run.records)
    queries = [entry["query"] for entry in simulator.requests()]
    assert {"tag_name": "app", "per_page": "200"} in queries
    assert {"name": "db-2", "per_page": "200"} in queries


def test_module_defaults_group_sets_connection_once(simulator, playbook):
    run = playbook(
        [droplet_task(**WEB), {"name": "info", "fathom.digitalocean.droplet_info": {"name": "web-1"}}],
        env={"DIGITALOCEAN_ACCESS_TOKEN": "", "DIGITALOCEAN_API_URL": ""},
        module_defaults={"group/fathom.digitalocean.all": {"api_url": simulator.url, "token": simulator.token}},
    )
    assert run.returncode == 0, run.stdout
    assert len(run.result("info")["droplets"]) == 1
