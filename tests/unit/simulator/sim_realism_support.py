"""Helpers of the realism tests: the simulated clock, a certificate, request bodies."""
import datetime

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

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


def certificate_body(name="c1", host="www.example.com"):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    return {"name": name, "type": "custom", "private_key": key_pem,
            "leaf_certificate": cert.public_bytes(serialization.Encoding.PEM).decode()}


def app_body(name="web-app"):
    return {"spec": {"name": name, "services": [{
        "name": "api", "image": {"registry_type": "DOCKER_HUB", "registry": "library",
                                 "repository": "nginx"}}]}}
