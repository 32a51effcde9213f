"""The simulator's own answers must match the official spec (openapi-core
response validation against the derived spec)."""
import json
import time

from tests.helpers import Checker
from tests.simulator.resources.ssh_keys import make_public_key


def test_responses_match_the_spec(simulator):
    c = Checker(simulator)
    c.call("GET", "/v2/account", "/v2/account", expect=200)
    c.call("GET", "/v2/regions", "/v2/regions", expect=200)
    c.call("GET", "/v2/sizes", "/v2/sizes", params={"per_page": 5}, expect=200)
    c.call("GET", "/v2/images", "/v2/images", params={"per_page": 5}, expect=200)
    c.call("GET", "/v2/images/ubuntu-24-04-x64", "/v2/images/{image_id}", expect=200)

    key = c.call("POST", "/v2/account/keys", "/v2/account/keys",
                 {"name": "k", "public_key": make_public_key("rv")}, expect=201)["ssh_key"]
    c.call("GET", "/v2/account/keys", "/v2/account/keys", expect=200)
    c.call("GET", "/v2/account/keys/%d" % key["id"], "/v2/account/keys/{ssh_key_identifier}", expect=200)
    c.call("PUT", "/v2/account/keys/%s" % key["fingerprint"], "/v2/account/keys/{ssh_key_identifier}",
           {"name": "k2"}, expect=200)

    c.call("POST", "/v2/tags", "/v2/tags", {"name": "web"}, expect=201)
    single = c.call("POST", "/v2/droplets", "/v2/droplets", {
        "name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64",
        "tags": ["web"], "ipv6": True, "backups": True, "ssh_keys": [key["id"]]}, expect=202)
    did = single["droplet"]["id"]
    c.call("POST", "/v2/droplets", "/v2/droplets", {
        "names": ["m-1", "m-2"], "region": "nyc3", "size": "s-1vcpu-1gb",
        "image": "ubuntu-24-04-x64"}, expect=202)
    c.call("GET", "/v2/droplets", "/v2/droplets", params={"per_page": 1}, expect=200)
    c.call("GET", "/v2/droplets", "/v2/droplets", params={"per_page": 1, "page": 2}, expect=200)
    c.call("GET", "/v2/droplets/%d" % did, "/v2/droplets/{droplet_id}", expect=200)
    c.call("GET", "/v2/tags", "/v2/tags", expect=200)
    c.call("GET", "/v2/tags/web", "/v2/tags/{tag_id}", expect=200)
    time.sleep(0.35)
    action = c.call("POST", "/v2/droplets/%d/actions" % did, "/v2/droplets/{droplet_id}/actions",
                    {"type": "snapshot", "name": "snap"}, expect=201)["action"]
    c.call("GET", "/v2/actions/%d" % action["id"], "/v2/actions/{action_id}", expect=200)
    c.call("GET", "/v2/droplets/%d/actions" % did, "/v2/droplets/{droplet_id}/actions", expect=200)
    c.call("GET", "/v2/droplets/%d/actions/%d" % (did, action["id"]),
           "/v2/droplets/{droplet_id}/actions/{action_id}", expect=200)
    time.sleep(0.25)
    c.call("GET", "/v2/actions", "/v2/actions", expect=200)
    c.call("GET", "/v2/droplets/%d" % did, "/v2/droplets/{droplet_id}", expect=200)
    c.call("GET", "/v2/droplets/%d/snapshots" % did, "/v2/droplets/{droplet_id}/snapshots", expect=200)
    c.call("GET", "/v2/snapshots", "/v2/snapshots", expect=200)
    c.call("GET", "/v2/images", "/v2/images", params={"private": "true"}, expect=200)
    c.call("POST", "/v2/droplets/actions?tag_name=web", "/v2/droplets/actions",
           {"type": "power_off"}, expect=201)

    vol = c.call("POST", "/v2/volumes", "/v2/volumes", {
        "name": "data", "region": "nyc3", "size_gigabytes": 10, "tags": ["web"],
        "filesystem_type": "ext4"}, expect=201)["volume"]
    c.call("GET", "/v2/volumes", "/v2/volumes", expect=200)
    c.call("GET", "/v2/volumes/%s" % vol["id"], "/v2/volumes/{volume_id}", expect=200)
    vaction = c.call("POST", "/v2/volumes/%s/actions" % vol["id"], "/v2/volumes/{volume_id}/actions",
                     {"type": "attach", "droplet_id": did}, expect=202)["action"]
    c.call("GET", "/v2/volumes/%s/actions" % vol["id"], "/v2/volumes/{volume_id}/actions", expect=200)
    c.call("GET", "/v2/volumes/%s/actions/%d" % (vol["id"], vaction["id"]),
           "/v2/volumes/{volume_id}/actions/{action_id}", expect=200)
    c.call("POST", "/v2/volumes/actions", "/v2/volumes/actions", {
        "type": "detach", "volume_name": "data", "region": "nyc3", "droplet_id": did}, expect=202)
    snap = c.call("POST", "/v2/volumes/%s/snapshots" % vol["id"], "/v2/volumes/{volume_id}/snapshots",
                  {"name": "vs"}, expect=201)["snapshot"]
    c.call("GET", "/v2/volumes/%s/snapshots" % vol["id"], "/v2/volumes/{volume_id}/snapshots", expect=200)
    c.call("GET", "/v2/volumes/snapshots/%s" % snap["id"], "/v2/volumes/snapshots/{snapshot_id}", expect=200)
    c.call("GET", "/v2/snapshots/%s" % snap["id"], "/v2/snapshots/{snapshot_id}", expect=200)
    c.call("POST", "/v2/tags/web/resources", "/v2/tags/{tag_id}/resources",
           {"resources": [{"resource_id": vol["id"], "resource_type": "volume"}]}, expect=204)

    # error answers are shaped per the spec too
    c.call("GET", "/v2/droplets/1", "/v2/droplets/{droplet_id}", expect=404)
    c.call("POST", "/v2/droplets", "/v2/droplets", {"name": "x"}, expect=422)

    # deletes
    c.call("DELETE", "/v2/volumes/snapshots/%s" % snap["id"], "/v2/volumes/snapshots/{snapshot_id}", expect=204)
    c.call("DELETE", "/v2/volumes/%s" % vol["id"], "/v2/volumes/{volume_id}", expect=204)
    c.call("DELETE", "/v2/droplets/%d" % did, "/v2/droplets/{droplet_id}", expect=204)
    c.call("DELETE", "/v2/account/keys/%d" % key["id"], "/v2/account/keys/{ssh_key_identifier}", expect=204)
    c.call("DELETE", "/v2/tags/web", "/v2/tags/{tag_id}", expect=204)
    assert len(c.checked) >= 45


def test_response_validation_catches_a_broken_answer(sim_server):
    broken = json.dumps({"droplet": {"id": "not-an-int", "name": "x"}}).encode()
    errors = sim_server.validator.response_errors("GET", "/v2/droplets/{droplet_id}", 200,
                                                  {"ratelimit-limit": "5000"}, broken)
    assert errors and any("id" in e or "required" in e for e in errors)


def test_floating_ip_responses_match_the_spec(simulator):
    c = Checker(simulator)
    [droplet_id] = simulator.seed("droplets", count=1)
    free = c.call("POST", "/v2/floating_ips", "/v2/floating_ips", {"region": "nyc3"}, expect=202)
    held = c.call("POST", "/v2/floating_ips", "/v2/floating_ips", {"droplet_id": droplet_id}, expect=202)
    ip, held_ip = free["floating_ip"]["ip"], held["floating_ip"]["ip"]
    c.call("GET", "/v2/floating_ips", "/v2/floating_ips", expect=200)
    c.call("GET", "/v2/floating_ips/%s" % held_ip, "/v2/floating_ips/{floating_ip}", expect=200)
    time.sleep(0.25)
    c.call("POST", "/v2/floating_ips/%s/actions" % ip, "/v2/floating_ips/{floating_ip}/actions",
           {"type": "assign", "droplet_id": droplet_id}, expect=422)     # the Droplet holds one already
    action = c.call("POST", "/v2/floating_ips/%s/actions" % held_ip,
                    "/v2/floating_ips/{floating_ip}/actions", {"type": "unassign"}, expect=201)["action"]
    c.call("GET", "/v2/floating_ips/%s/actions" % held_ip, "/v2/floating_ips/{floating_ip}/actions",
           expect=200)
    c.call("GET", "/v2/floating_ips/%s/actions/%d" % (held_ip, action["id"]),
           "/v2/floating_ips/{floating_ip}/actions/{action_id}", expect=200)
    time.sleep(0.25)
    c.call("DELETE", "/v2/floating_ips/%s" % held_ip, "/v2/floating_ips/{floating_ip}", expect=204)
    c.call("GET", "/v2/floating_ips/%s" % held_ip, "/v2/floating_ips/{floating_ip}", expect=404)
    assert len(c.checked) == 10
