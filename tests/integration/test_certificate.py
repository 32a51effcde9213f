"""certificate and certificate_info through ansible-playbook against the simulator.

Custom certificates are self-signed ones generated at test time with the cryptography package.
"""

from __future__ import annotations

import json

from tests.helpers import self_signed_certificate


def cert_task(task="cert", **options):
    return {"name": task, "fathom.digitalocean.certificate": dict(options)}


def stored_certs(simulator, name):
    status, body = simulator.api("GET", "/v2/certificates", params={"name": name})
    assert status == 200
    return body["certificates"]


def test_lets_encrypt_create_noop_and_replace(simulator, playbook):
    run = playbook([cert_task(name="web", dns_names=["www.example.com", "example.com"])])
    assert run.returncode == 0, run.stdout
    result = run.result("cert")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    # The task waited until Let's Encrypt issued it.
    assert result["certificate"]["state"] == "verified"
    [stored] = stored_certs(simulator, "web")
    assert stored["type"] == "lets_encrypt" and sorted(stored["dns_names"]) == ["example.com", "www.example.com"]
    # Found with the API's name filter.
    lists = [e for e in simulator.requests() if e["method"] == "GET" and e["path"] == "/v2/certificates"]
    assert lists[0]["query"] == {"name": "web", "per_page": "200"}

    # Order and case of the names do not matter.
    simulator.clear_requests()
    again = playbook([cert_task(name="web", dns_names=["Example.com", "www.example.com"])])
    assert again.result("cert")["changed"] is False
    assert simulator.mutating_requests() == []
    assert len(simulator.requests()) == 1

    # A changed definition without force_replace: a clear error, nothing changed.
    refused = playbook([cert_task(name="web", dns_names=["example.com"])])
    assert refused.returncode != 0
    msg = refused.result("cert")["msg"]
    assert msg.startswith("dns_names cannot change in place on certificate web") and "force_replace: true" in msg
    assert simulator.mutating_requests() == []

    # Check mode with force_replace: the replace plan, nothing changed.
    check = playbook([cert_task(name="web", dns_names=["example.com"], force_replace=True)], check=True, diff=True)
    assert check.returncode == 0, check.stdout
    planned = check.result("cert")
    assert planned["changed"] is True and planned["plan"]["action"] == "replace"
    assert planned["plan"]["id"] == stored["id"]
    assert planned["plan"]["changes"] == {"dns_names": {
        "before": ["example.com", "www.example.com"], "after": ["example.com"], "via": "replace"}}
    assert planned["diff"]["before"]["dns_names"] == ["example.com", "www.example.com"]
    assert planned["diff"]["after"]["dns_names"] == ["example.com"]
    assert simulator.mutating_requests() == []

    # The real replacement: delete the old certificate, then create the new one (names are unique).
    simulator.clear_requests()
    replaced = playbook([cert_task(name="web", dns_names=["example.com"], force_replace=True)])
    assert replaced.returncode == 0, replaced.stdout
    assert [(e["method"], e["path"]) for e in simulator.mutating_requests()] == [
        ("DELETE", "/v2/certificates/%s" % stored["id"]), ("POST", "/v2/certificates")]
    [new] = stored_certs(simulator, "web")
    assert new["id"] != stored["id"] and new["dns_names"] == ["example.com"]
    assert replaced.result("cert")["certificate"]["id"] == new["id"]
    assert replaced.result("cert")["diff"]["after"]["id"] == new["id"]


def test_custom_certificate_fingerprint_and_secret_never_shown(simulator, playbook):
    key, pem, fingerprint = self_signed_certificate("api.example.com")
    run = playbook([cert_task(name="api", private_key=key, leaf_certificate=pem)], diff=True)
    assert run.returncode == 0, run.stdout
    result = run.result("cert")
    assert result["plan"]["changes"]["private_key"] == {"before": None, "after": "(sensitive)", "via": "create"}
    assert result["plan"]["changes"]["leaf_certificate"]["after"] == fingerprint
    assert result["certificate"]["sha1_fingerprint"] == fingerprint
    assert result["certificate"]["type"] == "custom" and result["certificate"]["state"] == "verified"
    body = key.splitlines()[1]
    assert body not in json.dumps(run.records) and body not in run.stdout

    simulator.clear_requests()
    again = playbook([cert_task(name="api", private_key=key, leaf_certificate=pem)])
    assert again.result("cert")["changed"] is False
    assert simulator.mutating_requests() == []

    # A renewed certificate is a different fingerprint: replace only when allowed.
    new_key, new_pem, new_fingerprint = self_signed_certificate("api.example.com")
    check = playbook([
        dict(cert_task("refused", name="api", private_key=new_key, leaf_certificate=new_pem), ignore_errors=True),
        cert_task(name="api", private_key=new_key, leaf_certificate=new_pem, force_replace=True),
    ], check=True, diff=True)
    assert check.result("refused")["msg"].startswith("leaf_certificate cannot change in place")
    assert check.result("cert")["plan"]["changes"] == {"leaf_certificate": {
        "before": fingerprint, "after": new_fingerprint, "via": "replace"}}
    assert new_key.splitlines()[1] not in json.dumps(check.records)
    assert simulator.mutating_requests() == []
    replaced = playbook([cert_task(name="api", private_key=new_key, leaf_certificate=new_pem, force_replace=True)])
    assert replaced.returncode == 0, replaced.stdout
    [stored] = stored_certs(simulator, "api")
    assert stored["sha1_fingerprint"] == new_fingerprint

    gone = playbook([cert_task(name="api", state="absent")])
    assert gone.result("cert")["plan"]["action"] == "delete"
    assert stored_certs(simulator, "api") == []
    simulator.clear_requests()
    assert playbook([cert_task(name="api", state="absent")]).result("cert")["changed"] is False
    assert simulator.mutating_requests() == []


def test_replace_refused_while_a_load_balancer_uses_it(simulator, playbook):
    assert playbook([cert_task(name="web", dns_names=["example.com"])]).returncode == 0
    [cert] = stored_certs(simulator, "web")
    status, body = simulator.api("POST", "/v2/load_balancers", json={
        "name": "front", "region": "nyc3", "droplet_ids": [],
        "forwarding_rules": [{"entry_protocol": "https", "entry_port": 443, "target_protocol": "http",
                              "target_port": 80, "certificate_id": cert["id"]}]})
    assert status == 202, body
    simulator.clear_requests()
    run = playbook([cert_task(name="web", dns_names=["www.example.com"], force_replace=True)], check=True)
    assert run.returncode != 0
    msg = run.result("cert")["msg"]
    assert "load balancer(s) front use it" in msg and "dns_names changed" in msg
    run = playbook([cert_task(name="web", dns_names=["www.example.com"], force_replace=True)])
    assert "load balancer(s) front use it" in run.result("cert")["msg"]
    assert simulator.mutating_requests() == []
    assert stored_certs(simulator, "web")[0]["id"] == cert["id"]


def test_bad_input_fails_before_any_request(simulator, playbook):
    key, pem, _fingerprint = self_signed_certificate("api.example.com")
    run = playbook([
        dict(cert_task("both", name="x", dns_names=["example.com"], private_key=key, leaf_certificate=pem),
             ignore_errors=True),
        dict(cert_task("not_pem", name="x", private_key=key, leaf_certificate="hello"), ignore_errors=True),
        dict(cert_task("bad_name", name="x", dns_names=["not a domain"]), ignore_errors=True),
        dict(cert_task("no_key", name="x", type="custom", leaf_certificate=pem), ignore_errors=True,
             check_mode=True),
    ])
    assert [r["status"] for r in run.records] == ["failed"] * 4
    assert "mutually exclusive" in run.result("both")["msg"]
    assert run.result("not_pem")["msg"].startswith("leaf_certificate must be a PEM encoded certificate")
    assert "dns_names must be one or more domain names" in run.result("bad_name")["msg"]
    assert "private_key is required to create custom certificate x" in run.result("no_key")["msg"]
    assert simulator.mutating_requests() == []
    assert [e for e in simulator.requests() if e["path"] != "/v2/certificates"] == []


def test_certificate_info(simulator, playbook):
    key, pem, _fingerprint = self_signed_certificate("api.example.com")
    playbook([cert_task(name="le", dns_names=["example.com"], wait=False),
              cert_task(task="custom", name="own", private_key=key, leaf_certificate=pem)])
    run = playbook([
        {"name": "all", "fathom.digitalocean.certificate_info": {}},
        {"name": "custom", "fathom.digitalocean.certificate_info": {"type": "custom"}},
        {"name": "named", "fathom.digitalocean.certificate_info": {"name": "le"}},
    ])
    assert run.returncode == 0, run.stdout
    assert sorted(c["name"] for c in run.result("all")["certificates"]) == ["le", "own"]
    assert [c["name"] for c in run.result("custom")["certificates"]] == ["own"]
    assert [c["name"] for c in run.result("named")["certificates"]] == ["le"]
    assert run.result("named")["changed"] is False
