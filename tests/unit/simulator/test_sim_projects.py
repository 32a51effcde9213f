"""Simulator: projects and project resources behave like the real API, and its answers match the spec."""
import time

from tests.helpers import spec_checked_call


def test_projects_lifecycle_and_spec(simulator):
    listed = spec_checked_call(simulator, "GET", "/v2/projects", "/v2/projects", expect=200)["projects"]
    assert [p["is_default"] for p in listed] == [True]
    first = spec_checked_call(simulator, "GET", "/v2/projects/default", "/v2/projects/default", expect=200)["project"]
    shop = spec_checked_call(simulator, "POST", "/v2/projects", "/v2/projects",
                             {"name": "shop", "purpose": "Web Application", "environment": "Staging"}, expect=201)["project"]
    spec_checked_call(simulator, "POST", "/v2/projects", "/v2/projects", {"name": "shop", "purpose": "x"}, expect=409)
    spec_checked_call(simulator, "POST", "/v2/projects", "/v2/projects", {"name": "other"}, expect=422)
    spec_checked_call(simulator, "GET", "/v2/projects/%s" % shop["id"], "/v2/projects/{project_id}", expect=200)
    spec_checked_call(simulator, "PATCH", "/v2/projects/%s" % shop["id"], "/v2/projects/{project_id}",
                      {"environment": "Production"}, expect=200)
    spec_checked_call(simulator, "PUT", "/v2/projects/%s" % shop["id"], "/v2/projects/{project_id}",
                      {"name": "shop"}, expect=422)
    put = spec_checked_call(simulator, "PUT", "/v2/projects/%s" % shop["id"], "/v2/projects/{project_id}",
                            {"name": "shop", "description": "d", "purpose": "p", "environment": "Production",
                             "is_default": False}, expect=200)["project"]
    assert (put["description"], put["purpose"]) == ("d", "p")

    status, body = simulator.api("POST", "/v2/droplets", json={
        "name": "a", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"})
    droplet_id = body["droplet"]["id"]
    urn = "do:droplet:%d" % droplet_id
    default_items = spec_checked_call(simulator, "GET", "/v2/projects/default/resources", "/v2/projects/default/resources",
                                      expect=200)["resources"]
    assert [r["urn"] for r in default_items] == [urn]
    assigned = spec_checked_call(simulator, "POST", "/v2/projects/%s/resources" % shop["id"],
                                 "/v2/projects/{project_id}/resources", {"resources": [urn]}, expect=200)["resources"]
    assert assigned[0]["status"] == "assigned"
    again = spec_checked_call(simulator, "POST", "/v2/projects/%s/resources" % shop["id"],
                              "/v2/projects/{project_id}/resources", {"resources": [urn]}, expect=200)["resources"]
    assert again[0]["status"] == "already_assigned"
    spec_checked_call(simulator, "POST", "/v2/projects/%s/resources" % shop["id"], "/v2/projects/{project_id}/resources",
                      {"resources": ["do:droplet:1"]}, expect=404)
    items = spec_checked_call(simulator, "GET", "/v2/projects/%s/resources" % shop["id"],
                              "/v2/projects/{project_id}/resources", expect=200)["resources"]
    assert [r["urn"] for r in items] == [urn]
    assert spec_checked_call(simulator, "GET", "/v2/projects/default/resources", "/v2/projects/default/resources",
                             expect=200)["resources"] == []

    # Non-empty and default projects cannot be deleted; the default cannot be unset.
    spec_checked_call(simulator, "DELETE", "/v2/projects/%s" % shop["id"], "/v2/projects/{project_id}", expect=412)
    spec_checked_call(simulator, "DELETE", "/v2/projects/%s" % first["id"], "/v2/projects/{project_id}", expect=422)
    spec_checked_call(simulator, "PATCH", "/v2/projects/default", "/v2/projects/default", {"is_default": False}, expect=422)

    # Another project becomes the default; the old one stops being it.
    spec_checked_call(simulator, "PATCH", "/v2/projects/%s" % shop["id"], "/v2/projects/{project_id}",
                      {"is_default": True}, expect=200)
    assert spec_checked_call(simulator, "GET", "/v2/projects/default", "/v2/projects/default")["project"]["id"] == shop["id"]
    assert spec_checked_call(simulator, "GET", "/v2/projects/%s" % first["id"],
                             "/v2/projects/{project_id}")["project"]["is_default"] is False
    spec_checked_call(simulator, "POST", "/v2/projects/default/resources", "/v2/projects/default/resources",
                      {"resources": [urn]}, expect=200)

    # A deleted droplet leaves its project, which can then be deleted.
    spec_checked_call(simulator, "POST", "/v2/projects/%s/resources" % first["id"], "/v2/projects/{project_id}/resources",
                      {"resources": [urn]}, expect=200)
    time.sleep(0.35)
    assert simulator.api("DELETE", "/v2/droplets/%d" % droplet_id)[0] == 204
    assert spec_checked_call(simulator, "GET", "/v2/projects/%s/resources" % first["id"],
                             "/v2/projects/{project_id}/resources")["resources"] == []
    spec_checked_call(simulator, "DELETE", "/v2/projects/%s" % first["id"], "/v2/projects/{project_id}", expect=204)
    spec_checked_call(simulator, "GET", "/v2/projects/%s" % first["id"], "/v2/projects/{project_id}", expect=404)


def test_snapshot_lists_filter_by_type_and_resource(simulator):
    status, body = simulator.api("POST", "/v2/droplets", json={
        "name": "a", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"})
    droplet_id = body["droplet"]["id"]
    volume_id = simulator.api("POST", "/v2/volumes", json={"name": "v", "region": "nyc3",
                                                           "size_gigabytes": 10})[1]["volume"]["id"]
    time.sleep(0.35)
    simulator.api("POST", "/v2/droplets/%d/actions" % droplet_id, json={"type": "snapshot", "name": "ds"})
    spec_checked_call(simulator, "POST", "/v2/volumes/%s/snapshots" % volume_id, "/v2/volumes/{volume_id}/snapshots",
                      {"name": "vs"}, expect=201)
    by_type = {t: spec_checked_call(simulator, "GET", "/v2/snapshots", "/v2/snapshots", params={"resource_type": t},
                                    expect=200)["snapshots"] for t in ("droplet", "volume")}
    assert [(s["name"], s["resource_id"]) for s in by_type["droplet"]] == [("ds", str(droplet_id))]
    assert [(s["name"], s["resource_id"]) for s in by_type["volume"]] == [("vs", volume_id)]
    per_droplet = spec_checked_call(simulator, "GET", "/v2/droplets/%d/snapshots" % droplet_id,
                                    "/v2/droplets/{droplet_id}/snapshots", expect=200)["snapshots"]
    assert [s["name"] for s in per_droplet] == ["ds"]
    per_volume = spec_checked_call(simulator, "GET", "/v2/volumes/%s/snapshots" % volume_id,
                                   "/v2/volumes/{volume_id}/snapshots", expect=200)["snapshots"]
    assert [s["name"] for s in per_volume] == ["vs"]
    spec_checked_call(simulator, "GET", "/v2/snapshots", "/v2/snapshots", params={"resource_type": "image"}, expect=422)
