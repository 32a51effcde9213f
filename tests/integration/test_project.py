"""project, project_info and project_resources through ansible-playbook against the simulator."""

from __future__ import annotations

import time

from tests.helpers import new_droplet, new_volume

SHOP = {"name": "shop", "purpose": "Web Application", "environment": "Staging"}


def project_task(task="project", **options):
    return {"name": task, "fathom.digitalocean.project": dict(options)}


def resources_task(task="resources", **options):
    return {"name": task, "fathom.digitalocean.project_resources": dict(options)}


def projects_named(simulator, name):
    status, body = simulator.api("GET", "/v2/projects", params={"per_page": 200})
    assert status == 200
    return [p for p in body["projects"] if p["name"] == name]


def urns_in(simulator, project_id):
    status, body = simulator.api("GET", "/v2/projects/%s/resources" % project_id, params={"per_page": 200})
    assert status == 200, body
    return sorted(item["urn"] for item in body["resources"])


def default_project(simulator):
    return simulator.api("GET", "/v2/projects/default")[1]["project"]


def test_create_noop_update_check_mode_and_delete(simulator, playbook):
    run = playbook([project_task(description="the shop", **SHOP)])
    assert run.returncode == 0, run.stdout
    result = run.result("project")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    assert result["project"]["environment"] == "Staging"
    stored = projects_named(simulator, "shop")
    assert len(stored) == 1 and stored[0]["description"] == "the shop"
    assert [(e["method"], e["path"]) for e in simulator.mutating_requests()] == [("POST", "/v2/projects")]

    simulator.clear_requests()
    again = playbook([project_task(description="the shop", **SHOP)])
    assert again.result("project")["changed"] is False
    assert again.result("project")["plan"]["action"] == "none"
    assert simulator.mutating_requests() == []
    assert len(simulator.requests()) == 1

    wanted = {**SHOP, "environment": "Production", "description": "the web shop"}
    check = playbook([project_task(**wanted)], check=True, diff=True)
    planned = check.result("project")
    assert planned["changed"] is True
    assert planned["plan"]["changes"] == {
        "environment": {"before": "Staging", "after": "Production", "via": "PATCH"},
        "description": {"before": "the shop", "after": "the web shop", "via": "PATCH"},
    }
    assert planned["diff"]["before"]["environment"] == "Staging"
    assert planned["diff"]["after"]["environment"] == "Production"
    assert simulator.mutating_requests() == []

    updated = playbook([project_task(**wanted)])
    assert updated.result("project")["plan"]["changes"] == planned["plan"]["changes"]
    assert [(e["method"], e["path"]) for e in simulator.mutating_requests()] == [("PATCH", "/v2/projects/%s" % stored[0]["id"])]
    assert projects_named(simulator, "shop")[0]["environment"] == "Production"

    renamed = playbook([project_task(id=stored[0]["id"], name="webshop")])
    assert renamed.result("project")["plan"]["changes"]["name"] == {"before": "shop", "after": "webshop",
                                                                    "via": "PATCH"}
    assert projects_named(simulator, "webshop")[0]["id"] == stored[0]["id"]

    gone = playbook([project_task(name="webshop", state="absent")])
    assert gone.result("project")["plan"]["action"] == "delete"
    assert projects_named(simulator, "webshop") == []
    simulator.clear_requests()
    assert playbook([project_task(name="webshop", state="absent")]).result("project")["changed"] is False
    assert simulator.mutating_requests() == []


def test_bad_input_fails_before_any_request(simulator, playbook):
    run = playbook([project_task(name="shop", purpose="x", environment="Prod")])
    assert run.returncode != 0
    message = run.result("project")["msg"]
    assert "environment" in message and "Production" in message and "Staging" in message
    missing = playbook([project_task(name="shop")])
    assert "purpose is required to create project shop" in missing.result("project")["msg"]
    assert simulator.mutating_requests() == []


def test_default_project_switch_and_refusals(simulator, playbook):
    first_default = default_project(simulator)
    run = playbook([project_task(is_default=True, **SHOP)])
    assert run.returncode == 0, run.stdout
    created = run.result("project")["project"]
    assert created["is_default"] is True
    assert default_project(simulator)["id"] == created["id"]
    status, body = simulator.api("GET", "/v2/projects/%s" % first_default["id"])
    assert body["project"]["is_default"] is False

    simulator.clear_requests()
    unset = playbook([project_task(name="shop", is_default=False)])
    assert unset.returncode != 0
    assert unset.result("project")["msg"].startswith("is_default cannot be turned off")
    delete_default = playbook([project_task(name="shop", state="absent")])
    assert "default project, which cannot be deleted" in delete_default.result("project")["msg"]
    checked = playbook([project_task(name="shop", state="absent")], check=True)
    assert "default project, which cannot be deleted" in checked.result("project")["msg"]
    assert simulator.mutating_requests() == []

    back = playbook([project_task(id=first_default["id"], is_default=True)])
    assert back.result("project")["plan"]["changes"]["is_default"] == {"before": False, "after": True,
                                                                       "via": "PATCH"}
    assert default_project(simulator)["id"] == first_default["id"]


def test_assign_noop_purge_check_mode_and_absent(simulator, playbook):
    droplet_a = new_droplet(simulator, "a")
    droplet_b = new_droplet(simulator, "b")
    volume = new_volume(simulator, "data")
    project = playbook([project_task(**SHOP)]).result("project")["project"]

    simulator.clear_requests()
    wanted = ["do:droplet:%s" % droplet_a, {"kind": "volume", "id": volume}]
    run = playbook([resources_task(project="shop", resources=wanted)])
    assert run.returncode == 0, run.stdout
    result = run.result("resources")
    assert result["changed"] is True
    assert sorted(result["added"]) == sorted(["do:droplet:%s" % droplet_a, "do:volume:%s" % volume])
    assert result["plan"]["changes"]["resources"]["via"] == "assign"
    assert urns_in(simulator, project["id"]) == sorted(["do:droplet:%s" % droplet_a, "do:volume:%s" % volume])
    posts = simulator.mutating_requests()
    assert [(e["method"], e["path"]) for e in posts] == [("POST", "/v2/projects/%s/resources" % project["id"])]
    # Assigning moved them out of the default project.
    assert urns_in(simulator, default_project(simulator)["id"]) == ["do:droplet:%s" % droplet_b]

    simulator.clear_requests()
    again = playbook([resources_task(project="shop", resources=wanted)])
    assert again.result("resources")["changed"] is False
    assert simulator.mutating_requests() == []

    # Without purge, an extra resource in the project is left alone.
    simulator.api("POST", "/v2/projects/%s/resources" % project["id"],
                  json={"resources": ["do:droplet:%s" % droplet_b]})
    simulator.clear_requests()
    assert playbook([resources_task(project="shop", resources=wanted)]).result("resources")["changed"] is False

    check = playbook([resources_task(project="shop", resources=wanted, purge=True)], check=True, diff=True)
    planned = check.result("resources")
    assert planned["changed"] is True
    assert planned["removed"] == ["do:droplet:%s" % droplet_b]
    assert planned["plan"]["changes"]["resources"]["via"] == "move_to_default"
    assert "do:droplet:%s" % droplet_b in planned["diff"]["before"]["resources"]
    assert "do:droplet:%s" % droplet_b not in planned["diff"]["after"]["resources"]
    assert simulator.mutating_requests() == []

    purged = playbook([resources_task(project="shop", resources=wanted, purge=True)])
    assert purged.result("resources")["removed"] == ["do:droplet:%s" % droplet_b]
    assert "do:droplet:%s" % droplet_b not in urns_in(simulator, project["id"])
    assert "do:droplet:%s" % droplet_b in urns_in(simulator, default_project(simulator)["id"])

    out = playbook([resources_task(project=project["id"], resources=["do:droplet:%s" % droplet_a],
                                   state="absent")])
    assert out.result("resources")["removed"] == ["do:droplet:%s" % droplet_a]
    assert urns_in(simulator, project["id"]) == ["do:volume:%s" % volume]

    # A project with resources cannot be deleted: the API's 412 comes back as a clear message.
    refused = playbook([project_task(name="shop", state="absent")])
    assert refused.returncode != 0
    assert "412" in refused.result("project")["msg"]
    assert projects_named(simulator, "shop")


def test_resources_errors(simulator, playbook):
    playbook([project_task(**SHOP)])
    simulator.clear_requests()
    bad = playbook([resources_task(project="shop", resources=["droplet:1", {"kind": "server", "id": 3}])])
    assert bad.returncode != 0
    assert "resources:" in bad.result("resources")["msg"] and "do:droplet:123" in bad.result("resources")["msg"]
    assert simulator.requests() == []

    unknown = playbook([resources_task(project="nope", resources=["do:droplet:1"])])
    assert unknown.result("resources")["msg"] == "project nope does not exist"

    droplet = new_droplet(simulator, "a")
    purge_default = playbook([resources_task(resources=[], purge=True)])
    assert purge_default.returncode != 0
    assert "is the default project" in purge_default.result("resources")["msg"]
    assert "do:droplet:%s" % droplet in purge_default.result("resources")["msg"]

    missing = playbook([resources_task(project="shop", resources=["do:droplet:99"])])
    assert missing.returncode != 0
    assert "404" in missing.result("resources")["msg"]


def test_deleted_droplet_leaves_the_project_and_project_info(simulator, playbook):
    droplet = new_droplet(simulator, "a")
    project = playbook([project_task(**SHOP)]).result("project")["project"]
    playbook([resources_task(project="shop", resources=[{"kind": "droplet", "id": droplet}])])
    assert urns_in(simulator, project["id"]) == ["do:droplet:%s" % droplet]

    info = playbook([
        {"name": "all", "fathom.digitalocean.project_info": {}},
        {"name": "one", "fathom.digitalocean.project_info": {"name": "shop", "include_resources": True}},
        {"name": "default", "fathom.digitalocean.project_info": {"is_default": True}},
    ])
    assert {p["name"] for p in info.result("all")["projects"]} == {"shop", default_project(simulator)["name"]}
    one = info.result("one")["projects"]
    assert [p["name"] for p in one] == ["shop"]
    assert [r["urn"] for r in one[0]["resources"]] == ["do:droplet:%s" % droplet]
    assert info.result("default")["projects"][0]["is_default"] is True
    assert info.result("one")["changed"] is False

    time.sleep(0.35)
    status, _body = simulator.api("DELETE", "/v2/droplets/%s" % droplet)
    assert status == 204
    assert urns_in(simulator, project["id"]) == []
    gone = playbook([project_task(name="shop", state="absent")])
    assert gone.returncode == 0, gone.stdout
