"""Helpers shared by the test suites in tests/integration and tests/unit/simulator.

Import as ``tests.helpers``: tests/conftest.py puts the repository root on sys.path.
"""

from __future__ import annotations

import datetime
import hashlib
import time

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def self_signed_certificate(name):
    """A new EC key and a certificate for ``name`` signed by it, valid from yesterday for 30 days.

    Returns (private key PEM, certificate PEM, SHA-1 fingerprint of the DER certificate).
    """
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    der = cert.public_bytes(serialization.Encoding.DER)
    return key_pem, cert.public_bytes(serialization.Encoding.PEM).decode(), hashlib.sha1(der).hexdigest()


class Checker(object):
    """Calls the simulator and checks each answer against the operation of the official spec.

    ``call(method, path, template, json_body=None, params=None, expect=None)`` sends the request,
    asserts the status is ``expect`` (when given) and that the answer matches the spec operation
    ``template``; it returns the decoded body (None when empty). ``checked`` lists
    (method, template, status) of every checked answer.
    """

    def __init__(self, simulator):
        self.simulator = simulator
        self.validator = simulator.server.validator
        self.checked = []

    def call(self, method, path, template, json_body=None, params=None, expect=None):
        resp = requests.request(method, self.simulator.url + path, json=json_body, params=params,
                                headers={"Authorization": "Bearer " + self.simulator.token}, timeout=30)
        if expect is not None:
            assert resp.status_code == expect, (method, path, resp.status_code, resp.text)
        errors = self.validator.response_errors(
            method, template, resp.status_code, dict(resp.headers), resp.content,
            resp.headers.get("Content-Type", "application/json").split(";")[0])
        assert errors == [], (method, path, resp.status_code, errors)
        self.checked.append((method, template, resp.status_code))
        return resp.json() if resp.content else None


def spec_checked_call(simulator, method, path, template, json_body=None, params=None, expect=None):
    """One :meth:`Checker.call`: the answer's body, after checking its status and its shape."""
    return Checker(simulator).call(method, path, template, json_body=json_body, params=params, expect=expect)


def method_and_path(log):
    """(method, path) of each entry of a simulator request log."""
    return [(entry["method"], entry["path"]) for entry in log]


def mutations(simulator):
    """(method, path) of each POST, PUT, PATCH and DELETE request the simulator logged."""
    return method_and_path(simulator.mutating_requests())


def failing(task):
    """The task with ignore_errors set: the play goes on when it fails and its result can be read."""
    return dict(task, ignore_errors=True)


def new_droplet(simulator, name):
    """Create a droplet straight through the API (test set-up); returns its id."""
    status, body = simulator.api("POST", "/v2/droplets", json={
        "name": name, "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"})
    assert status == 202, body
    return body["droplet"]["id"]


def new_volume(simulator, name):
    """Create a 10 GiB volume in nyc3 straight through the API (test set-up); returns its id."""
    status, body = simulator.api("POST", "/v2/volumes", json={"name": name, "region": "nyc3", "size_gigabytes": 10})
    assert status == 201, body
    return body["volume"]["id"]


def new_cluster(simulator, name="backend", engine="pg", size="db-s-1vcpu-2gb"):
    """Create a one-node database cluster in nyc3 straight through the API (test set-up), wait until
    it is online and clear the request log; returns its id."""
    status, body = simulator.api("POST", "/v2/databases", json={
        "name": name, "engine": engine, "size": size, "num_nodes": 1, "region": "nyc3"})
    assert status == 201, body
    cluster_id = body["database"]["id"]
    simulator.settle()
    deadline = time.time() + 10
    while simulator.api("GET", "/v2/databases/%s" % cluster_id)[1]["database"]["status"] != "online":
        assert time.time() < deadline
        time.sleep(0.1)
    simulator.clear_requests()
    return cluster_id


def stored_named(simulator, path, key, name):
    """The one object named ``name`` in the list that GET ``path`` answers under ``key``, or None."""
    status, body = simulator.api("GET", path)
    assert status == 200
    found = [item for item in body[key] if item["name"] == name]
    assert len(found) <= 1
    return found[0] if found else None
