"""Load balancers and certificates in the simulator."""
import time

from tests.helpers import self_signed_certificate

RULE = {"entry_protocol": "http", "entry_port": 80, "target_protocol": "http", "target_port": 80}


def new_lb(simulator, **kw):
    body = {"name": "lb", "region": "nyc3", "droplet_ids": [], "forwarding_rules": [RULE]}
    body.update(kw)
    return simulator.api("POST", "/v2/load_balancers", json=body)


def test_custom_and_lets_encrypt_certificates(simulator):
    key, pem, fingerprint = self_signed_certificate("www.example.com")
    status, body = simulator.api("POST", "/v2/certificates", json={
        "name": "c1", "type": "custom", "private_key": key, "leaf_certificate": pem})
    assert status == 201, body
    cert = body["certificate"]
    assert cert["state"] == "verified" and cert["sha1_fingerprint"] == fingerprint
    assert cert["dns_names"] == ["www.example.com"] and "private_key" not in cert
    assert simulator.api("POST", "/v2/certificates", json={
        "name": "c1", "type": "custom", "private_key": key, "leaf_certificate": pem})[0] == 422
    assert simulator.api("POST", "/v2/certificates", json={
        "name": "bad", "type": "custom", "private_key": key, "leaf_certificate": "nope"})[0] == 422
    status, body = simulator.api("POST", "/v2/certificates", json={
        "name": "le", "type": "lets_encrypt", "dns_names": ["example.com"]})
    assert status == 201 and body["certificate"]["state"] == "pending"
    time.sleep(0.35)
    le = simulator.api("GET", "/v2/certificates/%s" % body["certificate"]["id"])[1]["certificate"]
    assert le["state"] == "verified"
    status, body = simulator.api("GET", "/v2/certificates", params={"name": "le"})
    assert [c["name"] for c in body["certificates"]] == ["le"]
    assert simulator.api("DELETE", "/v2/certificates/%s" % le["id"]) == (204, None)
    assert simulator.api("GET", "/v2/certificates/%s" % le["id"])[0] == 404


def test_load_balancer_lifecycle_and_full_put(simulator):
    d1, d2 = simulator.seed(count=2)
    status, body = new_lb(simulator, droplet_ids=[d1, d2], health_check={"port": 8080},
                          enable_proxy_protocol=True)
    assert status == 202, body
    lb = body["load_balancer"]
    assert lb["status"] == "new" and lb["health_check"]["port"] == 8080
    assert lb["health_check"]["healthy_threshold"] == 3 and lb["size_unit"] == 1
    time.sleep(0.35)
    lb = simulator.api("GET", "/v2/load_balancers/%s" % lb["id"])[1]["load_balancer"]
    assert lb["status"] == "active" and lb["ip"]
    path = "/v2/load_balancers/%s" % lb["id"]
    # PUT without the required fields is rejected like the real API.
    assert simulator.api("PUT", path, json={"name": "lb", "region": "nyc3", "droplet_ids": []})[0] == 422
    assert simulator.api("PUT", path, json={"region": "nyc3", "droplet_ids": [],
                                            "forwarding_rules": [RULE]})[0] == 422
    assert simulator.api("PUT", path, json={"name": "lb", "droplet_ids": [],
                                            "forwarding_rules": [RULE]})[0] == 422
    assert simulator.api("PUT", path, json={"name": "lb", "region": "fra1", "droplet_ids": [],
                                            "forwarding_rules": [RULE]})[0] == 422
    assert simulator.api("PUT", path, json={"name": "lb", "region": "nyc3", "droplet_ids": [d1], "tag": "x",
                                            "forwarding_rules": [RULE]})[0] == 422
    # Left-out attributes go back to their defaults.
    status, body = simulator.api("PUT", path, json={"name": "lb2", "region": "nyc3", "droplet_ids": [d1],
                                                    "forwarding_rules": [RULE]})
    assert status == 200, body
    assert body["load_balancer"]["enable_proxy_protocol"] is False
    assert body["load_balancer"]["health_check"]["port"] == 80 and body["load_balancer"]["name"] == "lb2"
    # Sub-endpoints.
    assert simulator.api("POST", path + "/droplets", json={"droplet_ids": [d2]})[0] == 204
    assert simulator.api("DELETE", path + "/droplets", json={"droplet_ids": [d1]})[0] == 204
    extra = {"entry_protocol": "tcp", "entry_port": 22, "target_protocol": "tcp", "target_port": 22}
    assert simulator.api("POST", path + "/forwarding_rules", json={"forwarding_rules": [extra]})[0] == 204
    lb = simulator.api("GET", path)[1]["load_balancer"]
    assert lb["droplet_ids"] == [d2] and len(lb["forwarding_rules"]) == 2
    assert simulator.api("DELETE", path + "/forwarding_rules", json={"forwarding_rules": [extra]})[0] == 204
    # Deleting a Droplet removes it from the load balancer.
    assert simulator.api("DELETE", "/v2/droplets/%d" % d2)[0] == 204
    assert simulator.api("GET", path)[1]["load_balancer"]["droplet_ids"] == []
    assert simulator.api("DELETE", path) == (204, None)
    assert simulator.api("GET", path)[0] == 404


def test_tag_members_https_rules_and_certificates_in_use(simulator):
    [d1] = simulator.seed(count=1, tags=["web"])
    simulator.seed(count=1, tags=["web"], region="fra1", name_prefix="far")
    status, body = new_lb(simulator, droplet_ids=None, tag="web")
    assert status == 422  # droplet_ids: null is not an array
    body = {"name": "lb", "region": "nyc3", "tag": "web", "forwarding_rules": [RULE]}
    status, created = simulator.api("POST", "/v2/load_balancers", json=body)
    assert status == 202, created
    assert created["load_balancer"]["droplet_ids"] == [d1] and created["load_balancer"]["tag"] == "web"
    https = {"entry_protocol": "https", "entry_port": 443, "target_protocol": "http", "target_port": 80}
    assert new_lb(simulator, name="x", forwarding_rules=[https])[0] == 422
    status, cert = simulator.api("POST", "/v2/certificates", json={"name": "le", "dns_names": ["example.com"]})
    cert_id = cert["certificate"]["id"]
    status, body = new_lb(simulator, name="tls", forwarding_rules=[dict(https, certificate_id=cert_id)])
    assert status == 202, body
    status, body = simulator.api("DELETE", "/v2/certificates/%s" % cert_id)
    assert status == 422 and "in use" in body["message"]
