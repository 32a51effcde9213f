"""SSH keys and tags."""
import base64
import hashlib

from tests.simulator.resources.ssh_keys import make_public_key

# Real keys generated with ssh-keygen; the fingerprints are what
# `ssh-keygen -l -E md5 -f key.pub` printed for them.
REAL_KEY = ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICyurA5fPCmzxcCy1vqoyyUqXttEhHhtVLSiB1+M/t5z "
            "user@host")
REAL_KEY_MD5 = "00:f9:16:6a:64:f2:6c:4c:50:bf:42:e5:41:b9:67:4c"
RSA_KEY = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDj+80FMrmulkCt+hGr23Q1Mxye2xZ4NEuzdoRhKeDlrl1M4HDpyS12QbZ0"
           "MmZTEWMLEV7IvZCimpNrVZp8S5La4x0g6i+qogDpjCMRd4kHheb2KTBhjIkTLoEuOi03knqWKySl6SfG3YA5zzdqS62snRY"
           "s419xnXXUijO3rIb3tKMoTLkqR2ZcLHPvuu+E0eTIWjCrCbacvJYSFM+1kW7+8JWJzw+wVPYxXIUsRL1WRQvFKPTgqiTXyWq"
           "HL5zpiL4hooGc7FIMhzYFRtheU1OC/GCXWkEUz2rXRf90HaZxVuB8yXuMzYx3JTDYub1MjinqteQRyX6atrMdV46BkqTH rsa@host")
RSA_KEY_MD5 = "e8:e1:6b:02:46:58:01:02:4d:f4:e3:bb:eb:33:83:a0"


def md5_fingerprint(public_key):
    blob = base64.b64decode(public_key.split()[1])
    digest = hashlib.md5(blob).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


def test_key_fingerprint_and_crud(simulator):
    status, body = simulator.api("POST", "/v2/account/keys", json={"name": "laptop", "public_key": REAL_KEY})
    assert status == 201
    key = body["ssh_key"]
    assert key["fingerprint"] == REAL_KEY_MD5 == md5_fingerprint(REAL_KEY)
    assert len(key["fingerprint"].split(":")) == 16 and isinstance(key["id"], int)
    assert key["public_key"] == REAL_KEY and key["name"] == "laptop"
    status, body = simulator.api("PUT", "/v2/account/keys/%s" % key["fingerprint"], json={"name": "renamed"})
    assert status == 200 and body["ssh_key"]["name"] == "renamed"
    status, body = simulator.api("GET", "/v2/account/keys")
    assert [k["name"] for k in body["ssh_keys"]] == ["renamed"] and body["meta"]["total"] == 1
    assert simulator.api("DELETE", "/v2/account/keys/%d" % key["id"]) == (204, None)
    assert simulator.api("GET", "/v2/account/keys/%d" % key["id"])[0] == 404
    assert simulator.api("GET", "/v2/account/keys/%s" % key["fingerprint"])[0] == 404


def test_rsa_key_fingerprint(simulator):
    status, body = simulator.api("POST", "/v2/account/keys", json={"name": "rsa", "public_key": RSA_KEY})
    assert status == 201 and body["ssh_key"]["fingerprint"] == RSA_KEY_MD5


def test_invalid_and_duplicate_keys(simulator):
    for bad in ("not a key", "ssh-rsa AAAA", "ssh-ed25519 !!!notbase64", "ssh-foo " + REAL_KEY.split()[1],
                "ssh-rsa " + REAL_KEY.split()[1]):
        status, body = simulator.api("POST", "/v2/account/keys", json={"name": "x", "public_key": bad})
        assert status == 422, bad
        assert body["id"] == "unprocessable_entity"
    status, body = simulator.api("POST", "/v2/account/keys", json={"name": "x"})
    assert status == 422 and "public_key" in body["message"]
    assert simulator.api("POST", "/v2/account/keys", json={"name": "a", "public_key": REAL_KEY})[0] == 201
    status, body = simulator.api("POST", "/v2/account/keys", json={"name": "b", "public_key": REAL_KEY})
    assert status == 422 and body["message"] == "SSH Key is already in use on your account"


def test_droplet_create_with_keys(simulator):
    ids = simulator.seed(kind="ssh_keys", count=2)
    key = simulator.api("GET", "/v2/account/keys/%d" % ids[1])[1]["ssh_key"]
    status, body = simulator.api("POST", "/v2/droplets", json={
        "name": "k", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64",
        "ssh_keys": [ids[0], key["fingerprint"]]})
    assert status == 202
    assert make_public_key("a") != make_public_key("b")


def test_tags_lifecycle_and_resources(simulator):
    status, body = simulator.api("POST", "/v2/tags", json={"name": "frontend"})
    assert status == 201
    assert body["tag"] == {"name": "frontend", "resources": {
        "count": 0, "droplets": {"count": 0}, "images": {"count": 0}, "volumes": {"count": 0},
        "volume_snapshots": {"count": 0}, "databases": {"count": 0}}}
    # creating an existing tag returns it
    assert simulator.api("POST", "/v2/tags", json={"name": "frontend"})[0] == 201
    status, body = simulator.api("POST", "/v2/tags", json={"name": "bad tag!"})
    assert status == 422 and "name" in body["message"]

    d1, d2 = simulator.seed(count=2)
    [vid] = simulator.seed(kind="volumes", count=1)
    status, body = simulator.api("POST", "/v2/tags/frontend/resources", json={"resources": [
        {"resource_id": str(d1), "resource_type": "droplet"},
        {"resource_id": str(d2), "resource_type": "droplet"},
        {"resource_id": vid, "resource_type": "volume"}]})
    assert (status, body) == (204, None)
    tag = simulator.api("GET", "/v2/tags/frontend")[1]["tag"]
    res = tag["resources"]
    assert res["count"] == 3 and res["droplets"]["count"] == 2 and res["volumes"]["count"] == 1
    assert res["last_tagged_uri"].endswith("/v2/volumes/%s" % vid)
    assert res["droplets"]["last_tagged_uri"].endswith("/v2/droplets/%d" % d2)
    assert simulator.api("GET", "/v2/droplets/%d" % d1)[1]["droplet"]["tags"] == ["frontend"]
    assert simulator.api("GET", "/v2/volumes/%s" % vid)[1]["volume"]["tags"] == ["frontend"]
    status, body = simulator.api("GET", "/v2/droplets", params={"tag_name": "frontend"})
    assert body["meta"]["total"] == 2

    status, _body = simulator.api("DELETE", "/v2/tags/frontend/resources", json={"resources": [
        {"resource_id": str(d1), "resource_type": "droplet"}]})
    assert status == 204
    assert simulator.api("GET", "/v2/droplets/%d" % d1)[1]["droplet"]["tags"] == []
    assert simulator.api("GET", "/v2/tags/frontend")[1]["tag"]["resources"]["droplets"]["count"] == 1

    status, body = simulator.api("POST", "/v2/tags/frontend/resources", json={"resources": [
        {"resource_id": "999", "resource_type": "droplet"}]})
    assert status == 404
    assert simulator.api("POST", "/v2/tags/nope/resources", json={"resources": [
        {"resource_id": str(d1), "resource_type": "droplet"}]})[0] == 404

    assert simulator.api("DELETE", "/v2/tags/frontend") == (204, None)
    assert simulator.api("GET", "/v2/tags/frontend")[0] == 404
    assert simulator.api("GET", "/v2/droplets/%d" % d2)[1]["droplet"]["tags"] == []
    assert simulator.api("GET", "/v2/tags")[1]["tags"] == []


def test_seed_kinds(simulator):
    assert len(simulator.seed(kind="tags", count=3)) == 3
    assert len(simulator.seed(kind="volumes", count=2, region="fra1", tags=["vols"])) == 2
    assert len(simulator.seed(kind="ssh_keys", count=2)) == 2
    assert len(simulator.state("tags")) == 4 and len(simulator.state("ssh_keys")) == 2
    status, body = simulator.api("GET", "/v2/tags/vols")
    assert body["tag"]["resources"]["volumes"]["count"] == 2
