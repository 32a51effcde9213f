"""Custom images and image actions (resources/custom_images.py): imports, transfers and the
conversion of a backup, every answer checked against the spec."""
from tests.helpers import Checker

ITEM = "/v2/images/{image_id}"
ACTIONS = ITEM + "/actions"


def _advance(simulator, seconds=1):
    simulator._ctl("POST", "clock", {"advance": seconds})


def test_import_transfer_and_update(simulator):
    c = Checker(simulator)
    body = {"name": "base-2024", "url": "https://images.example.com/base.qcow2.gz", "region": "nyc3",
            "distribution": "Ubuntu", "description": "hardened base", "tags": ["base"]}
    image = c.call("POST", "/v2/images", "/v2/images", body, expect=202)["image"]
    assert (image["status"], image["type"], image["regions"], image["tags"]) == ("NEW", "custom", ["nyc3"], ["base"])
    path = "/v2/images/%d" % image["id"]
    status, answer = simulator.api("POST", path + "/actions", json={"type": "transfer", "region": "ams3"})
    assert status == 422 and "available" in answer["message"]
    _advance(simulator)
    assert c.call("GET", path, ITEM, expect=200)["image"]["status"] == "available"
    action = c.call("POST", path + "/actions", ACTIONS, {"type": "transfer", "region": "ams3"}, expect=201)["action"]
    assert action["type"] == "transfer" and action["status"] == "in-progress"
    status, answer = simulator.api("POST", path + "/actions", json={"type": "transfer", "region": "fra1"})
    assert status == 422 and "pending" in answer["message"]
    _advance(simulator)
    assert c.call("GET", path, ITEM, expect=200)["image"]["regions"] == ["nyc3", "ams3"]
    listed = c.call("GET", path + "/actions", ACTIONS, expect=200)
    assert [a["id"] for a in listed["actions"]] == [action["id"]]
    got = c.call("GET", "%s/actions/%d" % (path, action["id"]), ACTIONS + "/{action_id}", expect=200)
    assert got["action"]["status"] == "completed"
    for region, message in (("ams3", "already in"), ("syd1", "cannot be transferred")):
        status, answer = simulator.api("POST", path + "/actions", json={"type": "transfer", "region": region})
        assert status == 422 and message in answer["message"]
    status, answer = simulator.api("POST", path + "/actions", json={"type": "convert"})
    assert status == 422 and "Only backups" in answer["message"]
    private = c.call("GET", "/v2/images", "/v2/images", params={"private": "true"}, expect=200)["images"]
    assert [i["id"] for i in private] == [image["id"]]


def test_an_unsupported_format_ends_deleted_with_the_error(simulator):
    c = Checker(simulator)
    image = c.call("POST", "/v2/images", "/v2/images",
                   {"name": "bad", "url": "https://images.example.com/disk.iso", "region": "nyc3"},
                   expect=202)["image"]
    _advance(simulator)
    got = c.call("GET", "/v2/images/%d" % image["id"], ITEM, expect=200)["image"]
    assert got["status"] == "deleted" and "not a supported image format" in got["error_message"]


def test_a_backup_converts_to_a_snapshot(simulator):
    c = Checker(simulator)
    droplet = simulator.seed("droplets")[0]
    backup = simulator.seed("backup_images", droplet_id=droplet)[0]
    path = "/v2/images/%d" % backup
    assert c.call("GET", path, ITEM, expect=200)["image"]["type"] == "backup"
    c.call("POST", path + "/actions", ACTIONS, {"type": "convert"}, expect=201)
    assert c.call("GET", path, ITEM, expect=200)["image"]["type"] == "snapshot"
