"""Helpers of the realism tests: the simulated clock, resources created through the API, request bodies."""
import requests

from tests.helpers import self_signed_certificate

DROPLET = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}
CLUSTER = {"name": "backend", "engine": "pg", "size": "db-s-1vcpu-1gb", "num_nodes": 1, "region": "nyc3"}
RULE = {"entry_protocol": "http", "entry_port": 80, "target_protocol": "http", "target_port": 80}
INBOUND = [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["0.0.0.0/0"]}}]


def advance(simulator, seconds):
    """Move the simulated time forward (POST /_sim/clock): no test sleeps through a delay."""
    resp = requests.post(simulator.url + "/_sim/clock", json={"advance": seconds})
    assert resp.status_code == 200, resp.text
    return resp.json()


def created(simulator, path, body, key, expect=(201, 202)):
    resp = requests.post(simulator.url + path, json=body, headers={
        "Authorization": "Bearer " + simulator.token, "Accept": "application/json"})
    assert resp.status_code in expect, (resp.status_code, resp.text)
    return resp.json()[key]


def new_project(simulator, name):
    """Create a project (purpose Web Application, environment Development) and return it."""
    return created(simulator, "/v2/projects", {"name": name, "purpose": "Web Application",
                                               "environment": "Development"}, "project")


def certificate_body(name="c1", host="www.example.com"):
    key_pem, cert_pem, _fingerprint = self_signed_certificate(host)
    return {"name": name, "type": "custom", "private_key": key_pem, "leaf_certificate": cert_pem}


def app_body(name="web-app"):
    return {"spec": {"name": name, "services": [{
        "name": "api", "image": {"registry_type": "DOCKER_HUB", "registry": "library",
                                 "repository": "nginx"}}]}}
