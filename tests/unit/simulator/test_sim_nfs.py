"""NFS shares, actions and snapshots (resources/nfs.py): the rules of the reference, every answer
checked against the spec."""
from tests.helpers import Checker

ITEM = "/v2/nfs/{nfs_id}"
ACTIONS = ITEM + "/actions"
SNAPSHOT = "/v2/nfs/snapshots/{nfs_snapshot_id}"
NYC3 = {"region": "nyc3"}


def _advance(simulator, seconds=1):
    simulator._ctl("POST", "clock", {"advance": seconds})


def test_share_grows_attaches_detaches_snapshots_and_is_deleted(simulator):
    c = Checker(simulator)
    vpc, other = simulator.seed("vpcs", count=2, name_prefix="net")
    body = {"name": "data", "size_gib": 50, "region": "nyc3", "vpc_ids": [vpc]}
    share = c.call("POST", "/v2/nfs", "/v2/nfs", body, expect=201)["share"]
    assert share["status"] == "CREATING"
    path = "/v2/nfs/" + share["id"]
    status, body = simulator.api("POST", path + "/actions", json={"type": "resize", "region": "nyc3",
                                                                  "params": {"size_gib": 100}})
    assert status == 422 and "not active" in body["message"]
    _advance(simulator)
    got = c.call("GET", path, ITEM, params=NYC3, expect=200)["share"]
    assert got["status"] == "ACTIVE" and got["host"] and got["mount_path"]
    action = c.call("POST", path + "/actions", ACTIONS, {"type": "resize", "region": "nyc3",
                                                         "params": {"size_gib": 100}}, expect=201)["action"]
    assert action["status"] == "IN_PROGRESS" and action["resource_type"] == "SHARE"
    status, body = simulator.api("POST", path + "/actions", json={"type": "attach", "region": "nyc3",
                                                                  "params": {"vpc_id": other}})
    assert status == 422 and "pending" in body["message"]
    _advance(simulator)
    assert c.call("GET", path, ITEM, params=NYC3, expect=200)["share"]["size_gib"] == 100
    c.call("POST", path + "/actions", ACTIONS, {"type": "attach", "region": "nyc3", "params": {"vpc_id": other}},
           expect=201)
    _advance(simulator)
    c.call("POST", path + "/actions", ACTIONS, {"type": "detach", "region": "nyc3", "params": {"vpc_id": vpc}},
           expect=201)
    _advance(simulator)
    assert c.call("GET", path, ITEM, params=NYC3, expect=200)["share"]["vpc_ids"] == [other]
    c.call("POST", path + "/actions", ACTIONS, {"type": "snapshot", "region": "nyc3", "params": {"name": "nightly"}},
           expect=201)
    query = {"region": "nyc3", "share_id": share["id"]}
    snapshots = c.call("GET", "/v2/nfs/snapshots", "/v2/nfs/snapshots", params=query, expect=200)["snapshots"]
    assert [(s["name"], s["status"], s["size_gib"]) for s in snapshots] == [("nightly", "CREATING", 100)]
    _advance(simulator)
    snap_path = "/v2/nfs/snapshots/" + snapshots[0]["id"]
    assert c.call("GET", snap_path, SNAPSHOT, params=NYC3, expect=200)["snapshot"]["status"] == "ACTIVE"
    c.call("DELETE", snap_path, SNAPSHOT, params=NYC3, expect=204)
    listed = c.call("GET", "/v2/nfs", "/v2/nfs", params=NYC3, expect=200)["shares"]
    assert [s["id"] for s in listed] == [share["id"]]
    assert c.call("GET", "/v2/nfs", "/v2/nfs", params={"region": "ams3"}, expect=200)["shares"] == []
    c.call("GET", path, ITEM, params={"region": "ams3"}, expect=404)
    c.call("DELETE", path, ITEM, params=NYC3, expect=204)
    c.call("GET", path, ITEM, params=NYC3, expect=404)


def test_refusals(simulator):
    vpc = simulator.seed("vpcs", name_prefix="net")[0]
    far = simulator.seed("vpcs", region="ams3", name_prefix="far")[0]
    status, body = simulator.api("POST", "/v2/nfs", json={"name": "x", "size_gib": 10, "region": "nyc3",
                                                          "vpc_ids": [vpc]})
    assert status == 400 and "50" in body["message"]
    status, body = simulator.api("POST", "/v2/nfs", json={"name": "x", "size_gib": 50, "region": "nyc3",
                                                          "vpc_ids": [far]})
    assert status == 422 and "not a VPC of region nyc3" in body["message"]
    share = simulator.seed("nfs_shares", vpc_ids=[vpc], size_gib=100)[0]
    assert simulator.api("GET", "/v2/nfs/" + share)[0] == 400   # the region is required
    _advance(simulator)
    status, body = simulator.api("POST", "/v2/nfs/%s/actions" % share,
                                 json={"type": "resize", "region": "nyc3", "params": {"size_gib": 60}})
    assert status == 422 and "only grow" in body["message"]
    taken = {"name": "share-1", "size_gib": 50, "region": "nyc3", "vpc_ids": [vpc]}
    status, _answer = simulator.api("POST", "/v2/nfs", json=taken)
    assert status == 409
