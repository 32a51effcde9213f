"""ssh_key, ssh_key_info, tag and tag_info through ansible-playbook against the simulator."""

from __future__ import annotations

import base64
import hashlib

KEY_BODY = base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + bytes(range(32))).decode()
PUBLIC_KEY = "ssh-ed25519 %s deploy@example" % KEY_BODY
OTHER_KEY = "ssh-ed25519 %s other@example" % base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519" + b"\x01" * 36).decode()


def fingerprint(public_key):
    digest = hashlib.md5(base64.b64decode(public_key.split()[1])).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


def key_task(task="key", **options):
    return {"name": task, "fathom.digitalocean.ssh_key": dict(options)}


def test_ssh_key_create_noop_rename_delete(simulator, playbook):
    run = playbook([key_task(name="deploy", public_key=PUBLIC_KEY)])
    assert run.returncode == 0, run.stdout
    key = run.result("key")["ssh_key"]
    assert key["fingerprint"] == fingerprint(PUBLIC_KEY)

    simulator.clear_requests()
    again = playbook([key_task(name="deploy", public_key=PUBLIC_KEY)])
    assert again.result("key")["changed"] is False
    assert simulator.mutating_requests() == []
    # Found with one GET by fingerprint.
    assert [e["path"] for e in simulator.requests()] == ["/v2/account/keys/%s" % key["fingerprint"]]

    check = playbook([key_task(name="deploy-2", public_key=PUBLIC_KEY)], check=True, diff=True)
    assert check.result("key")["plan"]["changes"] == {"name": {"before": "deploy", "after": "deploy-2", "via": "PUT"}}
    assert simulator.mutating_requests() == []

    renamed = playbook([key_task(name="deploy-2", public_key=PUBLIC_KEY)])
    assert renamed.result("key")["ssh_key"]["name"] == "deploy-2"
    status, body = simulator.api("GET", "/v2/account/keys")
    assert [k["name"] for k in body["ssh_keys"]] == ["deploy-2"]

    gone = playbook([key_task(fingerprint=key["fingerprint"], state="absent")])
    assert gone.result("key")["changed"] is True
    status, body = simulator.api("GET", "/v2/account/keys")
    assert body["ssh_keys"] == []


def test_public_key_mismatch_by_name_is_an_error(simulator, playbook):
    assert playbook([key_task(name="deploy", public_key=PUBLIC_KEY)]).returncode == 0
    simulator.clear_requests()
    run = playbook([key_task(name="deploy", public_key=OTHER_KEY)])
    assert run.returncode != 0
    message = run.result("key")["msg"]
    assert message.startswith("public_key cannot change in place")
    assert fingerprint(PUBLIC_KEY) in message and fingerprint(OTHER_KEY) in message
    assert simulator.mutating_requests() == []
    by_name = playbook([{"name": "info", "fathom.digitalocean.ssh_key_info": {"name": "deploy"}}])
    assert [k["fingerprint"] for k in by_name.result("info")["ssh_keys"]] == [fingerprint(PUBLIC_KEY)]


def test_invalid_public_key_fails_before_any_request(simulator, playbook):
    run = playbook([key_task(name="broken", public_key="ssh-ed25519 not*base64")])
    assert run.returncode != 0
    assert "public_key is not an SSH public key" in run.result("key")["msg"]
    assert simulator.requests() == []


def test_tag_create_noop_delete_and_info(simulator, playbook):
    run = playbook([{"name": "tag", "fathom.digitalocean.tag": {"name": "production"}}])
    assert run.result("tag")["changed"] is True
    assert run.result("tag")["tag"]["name"] == "production"
    simulator.clear_requests()
    again = playbook([{"name": "tag", "fathom.digitalocean.tag": {"name": "production"}}])
    assert again.result("tag")["changed"] is False
    assert simulator.mutating_requests() == []
    assert [e["path"] for e in simulator.requests()] == ["/v2/tags/production"]
    info = playbook([{"name": "info", "fathom.digitalocean.tag_info": {}},
                     {"name": "one", "fathom.digitalocean.tag_info": {"name": "production"}}])
    assert [t["name"] for t in info.result("info")["tags"]] == ["production"]
    assert info.result("one")["tags"][0]["name"] == "production"
    gone = playbook([{"name": "tag", "fathom.digitalocean.tag": {"name": "production", "state": "absent"}}])
    assert gone.result("tag")["changed"] is True
    status, body = simulator.api("GET", "/v2/tags")
    assert body["tags"] == []


def test_bad_tag_name_fails_before_any_request(simulator, playbook):
    run = playbook([{"name": "tag", "fathom.digitalocean.tag": {"name": "has space"}}])
    assert run.returncode != 0
    assert run.result("tag")["msg"].startswith("name must be 1 to 255 letters")
    assert simulator.requests() == []
