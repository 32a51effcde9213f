"""The legacy /v2/floating_ips endpoints (same objects as /v2/reserved_ips, answers checked
against the spec) and the knob reserved_ip_projects (do:floatingip URNs, 412 on moving an
assigned IP)."""
from sim_realism_support import advance, created, new_project
from tests.helpers import spec_checked_call


def test_floating_ip_endpoints_serve_the_reserved_ips(simulator):
    [droplet_id] = simulator.seed("droplets", count=1)
    fip = spec_checked_call(simulator, "POST", "/v2/floating_ips", "/v2/floating_ips",
                            {"region": "nyc3"}, expect=202)["floating_ip"]
    assigned = spec_checked_call(simulator, "POST", "/v2/floating_ips", "/v2/floating_ips",
                                 {"droplet_id": droplet_id}, expect=202)
    assert assigned["floating_ip"]["droplet"]["id"] == droplet_id
    assert assigned["links"]["actions"][0]["rel"] == "assign_ip"
    listed = spec_checked_call(simulator, "GET", "/v2/floating_ips", "/v2/floating_ips", expect=200)
    assert [x["ip"] for x in listed["floating_ips"]] == [fip["ip"], assigned["floating_ip"]["ip"]]
    assert listed["meta"]["total"] == 2
    # the same objects under both names
    got = spec_checked_call(simulator, "GET", "/v2/floating_ips/%s" % fip["ip"], "/v2/floating_ips/{floating_ip}",
                            expect=200)["floating_ip"]
    assert got == simulator.api("GET", "/v2/reserved_ips/%s" % fip["ip"])[1]["reserved_ip"]
    assert [x["ip"] for x in simulator.api("GET", "/v2/reserved_ips")[1]["reserved_ips"]] == \
        [fip["ip"], assigned["floating_ip"]["ip"]]

    advance(simulator, 1)
    action = spec_checked_call(simulator, "POST", "/v2/floating_ips/%s/actions" % assigned["floating_ip"]["ip"],
                               "/v2/floating_ips/{floating_ip}/actions", {"type": "unassign"}, expect=201)["action"]
    assert action["type"] == "unassign_ip"
    spec_checked_call(simulator, "GET", "/v2/floating_ips/%s/actions" % assigned["floating_ip"]["ip"],
                      "/v2/floating_ips/{floating_ip}/actions", expect=200)
    spec_checked_call(simulator, "GET", "/v2/floating_ips/%s/actions/%d" % (assigned["floating_ip"]["ip"], action["id"]),
                      "/v2/floating_ips/{floating_ip}/actions/{action_id}", expect=200)
    advance(simulator, 1)
    spec_checked_call(simulator, "POST", "/v2/floating_ips/%s/actions" % fip["ip"],
                      "/v2/floating_ips/{floating_ip}/actions", {"type": "assign", "droplet_id": droplet_id}, expect=201)
    assert simulator.api("GET", "/v2/reserved_ips/%s" % fip["ip"])[1]["reserved_ip"]["droplet"]["id"] == droplet_id
    spec_checked_call(simulator, "DELETE", "/v2/floating_ips/%s" % assigned["floating_ip"]["ip"],
                      "/v2/floating_ips/{floating_ip}", expect=204)
    spec_checked_call(simulator, "GET", "/v2/floating_ips/%s" % assigned["floating_ip"]["ip"],
                      "/v2/floating_ips/{floating_ip}", expect=404)
    # requests are validated like any other
    assert simulator.api("POST", "/v2/floating_ips", json={"droplet_id": "x"})[0] == 422
    assert simulator.api("GET", "/v2/floating_ips/not-an-ip")[0] == 422


def urns(simulator, project_id):
    body = simulator.api("GET", "/v2/projects/%s/resources" % project_id)[1]
    return [r["urn"] for r in body["resources"]]


def test_reserved_ips_are_floatingip_project_resources(simulator):
    simulator.config(reserved_ip_projects=True)
    [droplet_id] = simulator.seed("droplets", count=1)
    free = created(simulator, "/v2/reserved_ips", {"region": "nyc3"}, "reserved_ip")
    held = created(simulator, "/v2/reserved_ips", {"droplet_id": droplet_id}, "reserved_ip")
    default = simulator.api("GET", "/v2/projects/default")[1]["project"]
    assert free["project_id"] == default["id"]
    assert set(urns(simulator, default["id"])) == {
        "do:droplet:%d" % droplet_id, "do:floatingip:%s" % free["ip"], "do:floatingip:%s" % held["ip"]}
    shop = new_project(simulator, "shop")
    status, body = simulator.api("POST", "/v2/projects/%s/resources" % shop["id"],
                                 json={"resources": ["do:floatingip:%s" % free["ip"]]})
    assert status == 200 and body["resources"][0]["links"]["self"].endswith("/v2/floating_ips/" + free["ip"])
    assert simulator.api("GET", "/v2/reserved_ips/%s" % free["ip"])[1]["reserved_ip"]["project_id"] == shop["id"]
    # an assigned IP does not move alone ...
    status, body = simulator.api("POST", "/v2/projects/%s/resources" % shop["id"],
                                 json={"resources": ["do:floatingip:%s" % held["ip"]]})
    assert status == 412 and body["id"] == "precondition_failed"
    assert body["message"] == "Cannot move a Reserved IP with an associated Droplet. Move the Droplet instead"
    # ... it follows its Droplet
    assert simulator.api("POST", "/v2/projects/%s/resources" % shop["id"],
                         json={"resources": ["do:droplet:%d" % droplet_id]})[0] == 200
    assert "do:floatingip:%s" % held["ip"] in urns(simulator, shop["id"])
    assert simulator.api("GET", "/v2/reserved_ips/%s" % held["ip"])[1]["reserved_ip"]["project_id"] == shop["id"]
    # unknown IPs are 404; a deleted IP leaves its project
    status, _body = simulator.api("POST", "/v2/projects/%s/resources" % shop["id"],
                                  json={"resources": ["do:floatingip:203.0.113.9"]})
    assert status == 404
    assert simulator.api("DELETE", "/v2/reserved_ips/%s" % free["ip"])[0] == 204
    assert "do:floatingip:%s" % free["ip"] not in urns(simulator, shop["id"])
    # created with a project: it starts there
    placed = created(simulator, "/v2/reserved_ips", {"region": "nyc3", "project_id": shop["id"]},
                     "reserved_ip")
    assert placed["project_id"] == shop["id"]


def test_reserved_ip_projects_off(simulator):
    [droplet_id] = simulator.seed("droplets", count=1)
    held = created(simulator, "/v2/reserved_ips", {"droplet_id": droplet_id}, "reserved_ip")
    default = simulator.api("GET", "/v2/projects/default")[1]["project"]
    assert urns(simulator, default["id"]) == ["do:droplet:%d" % droplet_id]
    shop = new_project(simulator, "shop")
    assert simulator.api("POST", "/v2/projects/%s/resources" % shop["id"],
                         json={"resources": ["do:floatingip:%s" % held["ip"]]})[0] == 200


def test_reserved_ip_projects_default_on(simulator):
    assert simulator.config(realism=True)["reserved_ip_projects"] is True
    [droplet_id] = simulator.seed("droplets", count=1)
    held = created(simulator, "/v2/reserved_ips", {"droplet_id": droplet_id}, "reserved_ip")
    shop = new_project(simulator, "shop")
    assert simulator.api("POST", "/v2/projects/%s/resources" % shop["id"],
                         json={"resources": ["do:floatingip:%s" % held["ip"]]})[0] == 412
