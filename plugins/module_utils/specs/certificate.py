# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Certificates: the declaration the certificate and certificate_info modules share.

The API cannot update a certificate. A changed definition (the type, the set of dns_names of a
Let's Encrypt certificate, or the leaf certificate of a custom one, compared by its SHA-1
fingerprint) is carried out by replacing the certificate, and only when the task sets
force_replace. Certificate names are unique, so the old certificate is deleted before the new
one is created; a certificate that a load balancer uses cannot be deleted, which the plan checks
before anything changes.
"""

from __future__ import annotations

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    HAS_CRYPTOGRAPHY = True
except ImportError:  # pragma: no cover - cryptography comes with ansible-core
    HAS_CRYPTOGRAPHY = False

import base64
import binascii
import hashlib
import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, UUID, exactly_one, is_unknown
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Ready, Replace, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import require_options

LETS_ENCRYPT = "lets_encrypt"
CUSTOM = "custom"
PEM_CERTIFICATE = re.compile(r"-----BEGIN CERTIFICATE-----(.+?)-----END CERTIFICATE-----", re.S)
PEM_PRIVATE_KEY = re.compile(r"-----BEGIN ([A-Z ]*)PRIVATE KEY-----.+?-----END \1PRIVATE KEY-----", re.S)
DNS_NAME = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
SHA1_HEX = re.compile(r"^[0-9a-fA-F]{40}$")


def der_of(pem, option="leaf_certificate"):
    match = PEM_CERTIFICATE.search(pem or "")
    if not match:
        raise PlanError("%s must be a PEM encoded certificate (-----BEGIN CERTIFICATE----- ...)" % option)
    try:
        der = base64.b64decode("".join(match.group(1).split()).encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise PlanError("%s is not a valid PEM certificate: its body is not base64" % option)
    if not der:
        raise PlanError("%s is not a valid PEM certificate: its body is empty" % option)
    return der


def fingerprint_of(pem):
    """The SHA-1 fingerprint the API reports: hex SHA-1 of the certificate's DER bytes."""
    return hashlib.sha1(der_of(pem)).hexdigest()  # nosec - the API's fingerprint format


def as_fingerprint(value):
    """A leaf certificate (PEM) or its fingerprint -> the fingerprint."""
    if SHA1_HEX.match(value or ""):
        return value.lower()
    return fingerprint_of(value)


def chain_fingerprints(pem):
    """A certificate chain, shown in plans as the fingerprints of its certificates."""
    fingerprints = []
    for body in PEM_CERTIFICATE.findall(pem or ""):
        try:
            der = base64.b64decode("".join(body.split()).encode("ascii"))
        except (binascii.Error, ValueError, UnicodeEncodeError):
            continue
        fingerprints.append(hashlib.sha1(der).hexdigest())  # nosec - display only
    return fingerprints


def dns_name(name):
    return str(name).strip().lower().rstrip(".")


def dns_names_set(names):
    if names is None:
        return None
    return sorted({dns_name(name) for name in names})


def wanted_type(params):
    if params.get("type"):
        return params["type"]
    if params.get("dns_names") is not None:
        return LETS_ENCRYPT
    if params.get("leaf_certificate") or params.get("private_key"):
        return CUSTOM
    return None


def check_options(params):
    kind = wanted_type(params)
    names = params.get("dns_names")
    if names is not None:
        if kind == CUSTOM:
            raise PlanError("dns_names is for type lets_encrypt only: a custom certificate's names "
                            "come from its leaf_certificate")
        bad = [str(name) for name in names if not DNS_NAME.match(dns_name(name))]
        if bad or not names:
            raise PlanError("dns_names must be one or more domain names such as www.example.com or "
                            "*.example.com, got %s" % (", ".join(bad) if bad else "[]"))
    if kind == LETS_ENCRYPT:
        given = [opt for opt in ("private_key", "leaf_certificate", "certificate_chain") if params.get(opt)]
        if given:
            raise PlanError("%s cannot be set for type lets_encrypt: Let's Encrypt issues the certificate"
                            % " and ".join(given))
    if params.get("leaf_certificate"):
        der_of(params["leaf_certificate"])
    if params.get("certificate_chain"):
        der_of(params["certificate_chain"], "certificate_chain")
    if params.get("private_key") and not PEM_PRIVATE_KEY.search(params["private_key"]):
        raise PlanError("private_key must be a PEM encoded private key (-----BEGIN PRIVATE KEY----- ...)")
    if params.get("private_key") and params.get("leaf_certificate") and not key_matches(
            params["private_key"], params["leaf_certificate"]):
        raise PlanError("private_key does not belong to leaf_certificate: their public keys differ")


def key_matches(private_pem, certificate_pem):
    """Whether the private key is the certificate's: compared by public key where the Python library
    cryptography is there (it comes with ansible-core); otherwise left to the API."""
    if not HAS_CRYPTOGRAPHY:
        return True
    try:
        key = serialization.load_pem_private_key(private_pem.encode("ascii"), password=None)
        certificate = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
    except (ValueError, TypeError, UnicodeEncodeError):
        return True  # not readable here (an encrypted key, say): the API decides
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    return key.public_key().public_bytes(serialization.Encoding.DER, public) == \
        certificate.public_key().public_bytes(serialization.Encoding.DER, public)


def create_body(engine, body):
    params = engine.params
    kind = wanted_type(params)
    if not params.get("name"):
        raise PlanError("name is required to create a certificate")
    if kind == LETS_ENCRYPT:
        if not params.get("dns_names"):
            raise PlanError("dns_names is required to create lets_encrypt certificate %s" % params["name"])
        body["dns_names"] = dns_names_set(params["dns_names"])
    elif kind == CUSTOM:
        require_options(params, ("private_key", "leaf_certificate"), "custom certificate %s" % params["name"])
    else:
        raise PlanError("certificate %s does not exist: give dns_names (type lets_encrypt) or "
                        "private_key and leaf_certificate (type custom) to create it" % params["name"])
    body["type"] = kind
    return body


def failed_state(certificate):
    if (certificate or {}).get("state") == "error":
        return "certificate %s (id %s) could not be issued: its state is error" % (
            certificate.get("name"), certificate.get("id"))
    return None


def users_of(engine, certificate_id):
    """Names of the load balancers whose forwarding rules use the certificate."""
    return [lb.get("name") for lb in engine.client.paginate("/v2/load_balancers", "load_balancers")
            if any(rule.get("certificate_id") == certificate_id for rule in lb.get("forwarding_rules") or [])]


def check_replace(engine, current, plan):
    """The old certificate is deleted first: refuse, before any change, when that cannot work."""
    users = users_of(engine, current["id"])
    if users:
        raise PlanError(
            "certificate %s (id %s) must be replaced (%s changed) but load balancer(s) %s use it, and a "
            "certificate in use cannot be deleted: create the new certificate under another name, point "
            "the load balancer at it, then delete this one" % (
                current.get("name"), current["id"], ", ".join(sorted(plan.changes)), ", ".join(users)))


def refuse_delete_in_use(engine, certificate):
    users = users_of(engine, certificate["id"])
    if users:
        raise PlanError("certificate %s (id %s) cannot be deleted: load balancer(s) %s use it; point them at "
                        "another certificate first" % (certificate.get("name"), certificate["id"], ", ".join(users)))


def certificate_id(engine, value, option):
    """A certificate given by id or by name -> its id.

    A Let's Encrypt certificate gets a new id each time it renews; its name stays. In check mode
    a name that does not exist yet (an earlier task may create it) is kept as it is.
    """
    if not value or UUID.match(value) or is_unknown(value):
        return value
    named = [cert for cert in engine.client.paginate("/v2/certificates", "certificates", params={"name": value})
             if cert.get("name") == value]
    found = exactly_one(named, "certificates", "are named %s" % value)
    if found is not None:
        return found["id"]
    if engine.check_mode:
        engine.warn("%s: no certificate is named %s (yet); planned with the name" % (option, value))
        return value
    raise PlanError("%s: no certificate is named %s, and it is not a certificate id" % (option, value))


CERTIFICATE = ResourceSpec(
    kind="certificate",
    api=Api("/v2/certificates", "certificate"),
    lookup=Lookup(filters={"name": "name"}),
    fields={
        "type": Field(wanted=wanted_type, replace=True),
        "dns_names": Field(normalize=dns_names_set, replace=True),
        "leaf_certificate": Field(read=lambda cert: cert.get("sha1_fingerprint") or None,
                                  normalize=as_fingerprint, replace=True),
        "certificate_chain": Field(normalize=chain_fingerprints, write_only=True),
        "private_key": Field(write_only=True, sensitive=True),
    },
    create=Create(fields=("name", "private_key", "leaf_certificate", "certificate_chain"), body=create_body),
    ready=Ready(lambda cert: cert.get("state") != "pending", failed=failed_state, status="state"),
    # A load balancer or CDN endpoint keeps a certificate from being deleted, and does for a moment
    # after it stopped using it (403).
    delete=Delete(guard=refuse_delete_in_use, blocked=(403,)),
    replace=Replace("force_replace", check=check_replace),
    prepare=check_options,
)
