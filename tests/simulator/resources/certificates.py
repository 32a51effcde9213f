"""Certificates: /v2/certificates (list with ?name=, create), /v2/certificates/{certificate_id}.

* ``custom`` certificates are ``verified`` at once. Their ``sha1_fingerprint`` is the SHA-1 of
  the DER bytes inside the leaf certificate's PEM armour, ``not_after`` and ``dns_names`` come
  from the certificate when the ``cryptography`` package can parse it (any PEM-looking input is
  accepted otherwise: 90 days, no names).
* ``lets_encrypt`` certificates are ``pending`` for ``boot_seconds``, then ``verified``.
* Names are unique. A certificate that a load balancer's forwarding rule uses cannot be deleted.
* The private key is never returned.

Realism knobs: ``consistency_seconds`` (a new certificate is missing from GET and lists for a
while); ``dependant_errors`` (a certificate used by a load balancer or a CDN endpoint answers 403
``forbidden`` "... Make sure the certificate is not in use before deleting it.", the texts
Terraform's certificate delete retries; without the knob: 422, load balancers only) with
``dependant_release_seconds`` (the 403 goes on that long after the last user let go: the
certificates API picks the change up late, terraform-provider-digitalocean pull request 951).
"""
import base64
import binascii
import datetime
import hashlib
import re

from tests.simulator import realism

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
except ImportError:  # pragma: no cover - cryptography comes with ansible-core
    x509 = serialization = None
from tests.simulator.routing import emit, route
from tests.simulator.state import ApiError, iso, new_uuid, not_found, unprocessable

KIND = "certificates"
PEM_CERT = re.compile(r"-----BEGIN CERTIFICATE-----(.+?)-----END CERTIFICATE-----", re.S)
PEM_KEY = re.compile(r"-----BEGIN ([A-Z ]*)PRIVATE KEY-----.+?-----END \1PRIVATE KEY-----", re.S)
DNS_NAME = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.I)
LETS_ENCRYPT_DAYS = 90
MSG_IN_USE = ("Certificate is being used by one or more load balancers or CDN endpoints. "
              "Make sure the certificate is not in use before deleting it.")


def render(ctx, cert):
    refresh(ctx, cert)
    return {
        "id": cert["id"],
        "name": cert["name"],
        "not_after": cert["not_after"],
        "sha1_fingerprint": cert["sha1_fingerprint"],
        "created_at": cert["created_at"],
        "dns_names": list(cert["dns_names"]),
        "state": cert["state"],
        "type": cert["type"],
    }


def refresh(ctx, cert):
    if cert["state"] == "pending" and ctx.now >= cert["ready_at"]:
        cert["state"] = "verified"
        cert["sha1_fingerprint"] = hashlib.sha1(cert["id"].encode("ascii")).hexdigest()


def get_or_404(ctx, certificate_id):
    cert = ctx.coll(KIND).get(certificate_id)
    if cert is None:
        raise not_found()
    return realism.check_visible(ctx, cert)


def release(ctx, certificate_ids):
    """Load balancers / CDN endpoints stopped using these certificates (delete, update)."""
    coll = ctx.coll(KIND)
    for certificate_id in certificate_ids:
        cert = coll.get(certificate_id)
        if cert is not None:
            realism.note_release(ctx, cert)


def find_by_name(ctx, name):
    for cert in ctx.coll(KIND).values():
        if cert["name"] == name:
            return cert
    return None


def leaf_details(pem):
    """(sha1 fingerprint, not_after timestamp or None, dns names) of a PEM leaf certificate."""
    match = PEM_CERT.search(pem or "")
    if not match:
        raise unprocessable("leaf_certificate: must be a PEM encoded certificate")
    try:
        der = base64.b64decode("".join(match.group(1).split()), validate=True)
    except (binascii.Error, ValueError):
        raise unprocessable("leaf_certificate: the PEM body is not valid base64")
    if not der:
        raise unprocessable("leaf_certificate: the PEM body is empty")
    fingerprint = hashlib.sha1(der).hexdigest()  # nosec - the API's fingerprint format
    not_after, names = None, []
    try:
        from cryptography import x509
        parsed = x509.load_der_x509_certificate(der)
        end = getattr(parsed, "not_valid_after_utc", None) or parsed.not_valid_after.replace(
            tzinfo=datetime.timezone.utc)
        not_after = end.timestamp()
        try:
            san = parsed.extensions.get_extension_for_class(x509.SubjectAlternativeName)
            names = san.value.get_values_for_type(x509.DNSName)
        except x509.ExtensionNotFound:
            names = []
    except Exception:  # not parseable, or cryptography missing: accept PEM-looking input
        pass
    return fingerprint, not_after, names


@route("GET", "/v2/certificates")
def list_certificates(ctx):
    coll = ctx.coll(KIND)
    name = ctx.query.get("name")
    if name:
        items = [c for c in coll.values() if c["name"] == name]
        items, _total = realism.listable(ctx, KIND, items)
        return 200, ctx.paginate("certificates", items, lambda c: render(ctx, c))
    items, total = realism.listable(ctx, KIND, coll.values(), len(coll))
    return 200, ctx.paginate("certificates", items, lambda c: render(ctx, c), total=total)


@route("POST", "/v2/certificates")
def create_certificate(ctx):
    body = ctx.json_body()
    name = body.get("name") or ""
    if not name.strip():
        raise unprocessable("name: must not be empty")
    if find_by_name(ctx, name) is not None:
        raise unprocessable("name: a certificate named %r already exists" % name)
    ctype = body.get("type") or ("lets_encrypt" if "dns_names" in body else "custom")
    cert = {"id": new_uuid(), "name": name, "type": ctype, "created_at": iso(ctx.now)}
    if ctype == "lets_encrypt":
        if any(key in body for key in ("private_key", "leaf_certificate", "certificate_chain")):
            raise unprocessable("a lets_encrypt certificate takes dns_names only")
        names = body.get("dns_names") or []
        if not names:
            raise unprocessable("dns_names: at least one name is required")
        for dns_name in names:
            if not DNS_NAME.match(dns_name):
                raise unprocessable("dns_names: %r is not a valid domain name" % dns_name)
        cert.update(state="pending", ready_at=ctx.now + float(ctx.config["boot_seconds"]),
                    sha1_fingerprint="", dns_names=list(names),
                    not_after=iso(ctx.now + LETS_ENCRYPT_DAYS * 86400))
    else:
        if "dns_names" in body:
            raise unprocessable("dns_names: only lets_encrypt certificates take dns_names")
        if not PEM_KEY.search(body.get("private_key") or ""):
            raise unprocessable("private_key: must be a PEM encoded private key")
        chain = body.get("certificate_chain")
        if chain and not PEM_CERT.search(chain):
            raise unprocessable("certificate_chain: must hold PEM encoded certificates")
        fingerprint, not_after, names = leaf_details(body.get("leaf_certificate"))
        if not key_matches(body["private_key"], body.get("leaf_certificate") or ""):
            raise unprocessable("private_key: the private key does not match the leaf certificate")
        if not_after is not None and not_after <= ctx.now:
            raise unprocessable("leaf_certificate: the certificate has expired")
        cert.update(state="verified", ready_at=ctx.now, sha1_fingerprint=fingerprint,
                    dns_names=list(names),
                    not_after=iso(not_after if not_after is not None else ctx.now + 90 * 86400),
                    private_key=body["private_key"], leaf_certificate=body["leaf_certificate"],
                    certificate_chain=chain or "")
    ctx.coll(KIND)[cert["id"]] = cert
    realism.mark_created(ctx, KIND, cert)
    return 201, {"certificate": render(ctx, cert)}


@route("GET", "/v2/certificates/{certificate_id}")
def get_certificate(ctx, certificate_id):
    return 200, {"certificate": render(ctx, get_or_404(ctx, certificate_id))}


@route("DELETE", "/v2/certificates/{certificate_id}")
def delete_certificate(ctx, certificate_id):
    cert = get_or_404(ctx, certificate_id)
    users = [lb["name"] for lb in ctx.coll("load_balancers").values()
             if any(rule.get("certificate_id") == cert["id"] for rule in lb["forwarding_rules"])]
    if realism.enabled(ctx, "dependant_errors"):
        users += [e["endpoint"] for e in ctx.coll("cdn_endpoints").values()
                  if e.get("certificate_id") == cert["id"]]
        if users or realism.recently_released(ctx, cert):
            raise ApiError(403, "forbidden", MSG_IN_USE)
    if users:
        raise unprocessable("certificate %s is in use by load balancer(s): %s"
                            % (cert["name"], ", ".join(users)))
    del ctx.coll(KIND)[cert["id"]]
    emit(ctx, "certificate.deleted", cert)
    return 204, None


def key_matches(private_pem, certificate_pem):
    """Whether the key is the certificate's; undecidable (no cryptography, unreadable) counts as yes."""
    if x509 is None:
        return True
    try:
        key = serialization.load_pem_private_key(private_pem.encode(), password=None)
        cert = x509.load_pem_x509_certificate(certificate_pem.encode())
    except (ValueError, TypeError):
        return True
    info = serialization.PublicFormat.SubjectPublicKeyInfo
    return key.public_key().public_bytes(serialization.Encoding.DER, info) == \
        cert.public_key().public_bytes(serialization.Encoding.DER, info)
