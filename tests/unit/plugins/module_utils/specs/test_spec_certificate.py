# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The certificate declaration (specs/certificate.py) through the engine: found by name (filtered by
the API), created as lets_encrypt or custom and awaited until issued, never changed in place: a
changed definition is a replacement, only with force_replace, the old certificate deleted first,
refused before any change when a load balancer uses it."""

from __future__ import annotations

import base64
import hashlib

import pytest

from fakes import check_then_run, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.certificate import CERTIFICATE
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import WaitError

OLD_ID = "892071a0-bb95-49bc-8021-3afd67a210bf"
NEW_ID = "ba9b9c18-6c59-46c2-99df-70da170a42ba"
LEAF_DER = b"0\x82\x01\x0a leaf certificate of www.example.com"
CHAIN_DER = b"0\x82\x01\x0b intermediate certificate"


def pem(der, label="CERTIFICATE"):
    return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, base64.b64encode(der).decode("ascii"), label)


LEAF = pem(LEAF_DER)
CHAIN = pem(CHAIN_DER)
PRIVATE_KEY = pem(b"private key bytes", "PRIVATE KEY")
LEAF_SHA1 = hashlib.sha1(LEAF_DER).hexdigest()


def certificate(cert_id=OLD_ID, cert_type="lets_encrypt", dns_names=("example.com", "www.example.com"),
                state="verified", sha1=None):
    return {"id": cert_id, "name": "web-cert", "type": cert_type, "dns_names": list(dns_names), "state": state,
            "sha1_fingerprint": sha1 or "dfcc9f57d86bf58e321c2c6c31c7a971be244ac7",
            "not_after": "2025-02-28T00:00:00Z", "created_at": "2024-12-01T00:00:00Z"}


def load_balancer(name, certificate_id):
    return {"id": "lb-" + name, "name": name, "forwarding_rules": [
        {"entry_protocol": "http", "entry_port": 80, "target_protocol": "http", "target_port": 80,
         "certificate_id": ""},
        {"entry_protocol": "https", "entry_port": 443, "target_protocol": "http", "target_port": 80,
         "certificate_id": certificate_id}]}


def task(check_mode=False, **options):
    options.setdefault("name", "web-cert")
    return module_engine(CERTIFICATE, "certificate", check_mode=check_mode, **options)


def test_lets_encrypt_create_posts_the_names_as_a_set_and_waits_until_issued():
    engine, session, clock = task(dns_names=["WWW.example.com.", "example.com", "www.example.com"])
    session.on("GET", "/v2/certificates", listing("certificates"))
    session.on("POST", "/v2/certificates", reply(201, {"certificate": certificate(state="pending")}))
    session.on("GET", "/v2/certificates/" + OLD_ID, reply(200, {"certificate": certificate(state="pending")}),
               reply(200, {"certificate": certificate()}))
    result = engine.run()
    assert session.calls == ["GET /v2/certificates", "POST /v2/certificates", "GET /v2/certificates/" + OLD_ID,
                             "GET /v2/certificates/" + OLD_ID]
    assert session.requests[0].params == {"name": "web-cert", "per_page": 200}
    assert writes(session) == [("POST", "/v2/certificates", {"name": "web-cert", "type": "lets_encrypt",
                                                             "dns_names": ["example.com", "www.example.com"]})]
    assert clock.sleeps == [1.0]
    assert result["plan"]["changes"] == {
        "name": {"before": None, "after": "web-cert", "via": "create"},
        "type": {"before": None, "after": "lets_encrypt", "via": "create"},
        "dns_names": {"before": None, "after": ["example.com", "www.example.com"], "via": "create"}}
    assert result["certificate"]["state"] == "verified"


def test_a_certificate_that_ends_in_error_fails_the_wait():
    engine, session, _clock = task(dns_names=["example.com"])
    session.on("GET", "/v2/certificates", listing("certificates"))
    session.on("POST", "/v2/certificates", reply(201, {"certificate": certificate(state="pending")}))
    session.on("GET", "/v2/certificates/" + OLD_ID, reply(200, {"certificate": certificate(state="error")}))
    with pytest.raises(WaitError, match="^certificate web-cert \\(id %s\\) could not be issued" % OLD_ID):
        engine.run()


def test_custom_create_posts_the_pems_and_shows_fingerprints_and_no_key():
    engine, session, _clock = task(private_key=PRIVATE_KEY, leaf_certificate=LEAF, certificate_chain=CHAIN)
    session.on("GET", "/v2/certificates", listing("certificates"))
    session.on("POST", "/v2/certificates", reply(201, {"certificate": certificate(cert_type="custom",
                                                                                  sha1=LEAF_SHA1)}))
    result = engine.run()
    assert writes(session) == [("POST", "/v2/certificates", {
        "name": "web-cert", "private_key": PRIVATE_KEY, "leaf_certificate": LEAF, "certificate_chain": CHAIN,
        "type": "custom"})]
    changes = result["plan"]["changes"]
    assert changes["leaf_certificate"] == {"before": None, "after": LEAF_SHA1, "via": "create"}
    assert changes["certificate_chain"] == {"before": None, "after": [hashlib.sha1(CHAIN_DER).hexdigest()],
                                            "via": "create"}
    assert changes["private_key"] == {"before": None, "after": SENSITIVE, "via": "create"}
    assert "private key" not in repr(result["plan"]) + repr(result["diff"])


def test_rerun_is_a_no_op_whatever_the_order_and_case_of_the_names():
    engine, session, _clock = task(dns_names=["www.example.com", "Example.com"])
    session.on("GET", "/v2/certificates", listing("certificates", certificate()))
    result = engine.run()
    assert session.calls == ["GET /v2/certificates"]
    assert result["changed"] is False
    assert result["plan"] == {"action": "none", "resource": "certificate", "identity": {"name": "web-cert"},
                              "id": OLD_ID, "changes": {}}


def test_custom_rerun_compares_the_leaf_by_fingerprint():
    engine, session, _clock = task(private_key=PRIVATE_KEY, leaf_certificate=LEAF, certificate_chain=CHAIN)
    session.on("GET", "/v2/certificates", listing("certificates", certificate(cert_type="custom", sha1=LEAF_SHA1)))
    assert engine.run()["changed"] is False


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_changed_definition_without_force_replace_is_refused(check_mode):
    engine, session, _clock = task(check_mode=check_mode, dns_names=["example.com", "api.example.com"])
    session.on("GET", "/v2/certificates", listing("certificates", certificate()))
    with pytest.raises(PlanError) as caught:
        engine.run()
    message = str(caught.value)
    assert message.startswith("dns_names cannot change in place on certificate web-cert (id %s)" % OLD_ID)
    assert message.endswith("Set force_replace: true to replace the certificate (the old one is deleted).")
    assert session.mutating == []


def test_force_replace_deletes_the_old_certificate_first_then_creates_and_waits():
    engine, session, _clock = task(dns_names=["example.com", "api.example.com"], force_replace=True)
    session.on("GET", "/v2/certificates", listing("certificates", certificate()))
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer("api-lb", "another-cert")))
    session.on("DELETE", "/v2/certificates/" + OLD_ID, reply(204))
    new = certificate(NEW_ID, dns_names=("api.example.com", "example.com"), state="pending")
    session.on("POST", "/v2/certificates", reply(201, {"certificate": new}))
    session.on("GET", "/v2/certificates/" + NEW_ID, reply(200, {"certificate": dict(new, state="verified")}))
    result = engine.run()
    assert session.calls == ["GET /v2/certificates", "GET /v2/load_balancers", "DELETE /v2/certificates/" + OLD_ID,
                             "POST /v2/certificates", "GET /v2/certificates/" + NEW_ID]
    assert writes(session)[1] == ("POST", "/v2/certificates", {
        "name": "web-cert", "type": "lets_encrypt", "dns_names": ["api.example.com", "example.com"]})
    assert result["plan"]["action"] == "replace" and result["plan"]["id"] == OLD_ID
    assert result["plan"]["changes"] == {"dns_names": {"before": ["example.com", "www.example.com"],
                                                       "after": ["api.example.com", "example.com"],
                                                       "via": "replace"}}
    assert result["diff"]["before"]["id"] == OLD_ID and result["diff"]["after"]["id"] == NEW_ID
    assert result["certificate"]["state"] == "verified"


@pytest.mark.parametrize("check_mode", [False, True])
def test_replace_is_refused_before_any_change_when_a_load_balancer_uses_the_certificate(check_mode):
    engine, session, _clock = task(check_mode=check_mode, dns_names=["example.com"], force_replace=True)
    session.on("GET", "/v2/certificates", listing("certificates", certificate()))
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer("web-lb", OLD_ID),
                                                    load_balancer("api-lb", "another-cert")))
    with pytest.raises(PlanError) as caught:
        engine.run()
    message = str(caught.value)
    assert message.startswith("certificate web-cert (id %s) must be replaced (dns_names changed) but load "
                              "balancer(s) web-lb use it" % OLD_ID)
    assert "api-lb" not in message
    assert session.mutating == []


def test_a_new_leaf_certificate_is_a_replacement():
    engine, session, _clock = task(private_key=PRIVATE_KEY, leaf_certificate=LEAF)
    session.on("GET", "/v2/certificates", listing("certificates", certificate(cert_type="custom")))
    old_sha1 = certificate()["sha1_fingerprint"]
    with pytest.raises(PlanError, match="^leaf_certificate cannot change in place .* it is %s and the task asks "
                                        "for %s" % (old_sha1, LEAF_SHA1)):
        engine.run()


def test_delete():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/certificates", listing("certificates", certificate()))
    session.on("GET", "/v2/load_balancers", listing("load_balancers"))
    session.on("DELETE", "/v2/certificates/" + OLD_ID, reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", "/v2/certificates/" + OLD_ID, None)]
    assert result["plan"]["action"] == "delete" and result["certificate"] == {}


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/certificates", listing("certificates"))
    result = engine.run()
    assert session.calls == ["GET /v2/certificates"]
    assert result["changed"] is False


@pytest.mark.parametrize("options, message", [
    (dict(dns_names=["example.com"], private_key=PRIVATE_KEY), "^private_key cannot be set for type lets_encrypt"),
    (dict(type="custom", dns_names=["example.com"]), "^dns_names is for type lets_encrypt only"),
    (dict(dns_names=["not a name"]), "^dns_names must be one or more domain names"),
    (dict(leaf_certificate="not a pem", private_key=PRIVATE_KEY), "^leaf_certificate must be a PEM"),
    (dict(leaf_certificate=LEAF, private_key="secret"), "^private_key must be a PEM encoded private key"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def test_create_without_a_definition_is_refused_in_check_mode_too():
    for check_mode in (False, True):
        engine, session, _clock = task(check_mode=check_mode)
        session.on("GET", "/v2/certificates", listing("certificates"))
        with pytest.raises(PlanError, match="^certificate web-cert does not exist: give dns_names"):
            engine.run()
        assert session.mutating == []


def _missing(session):
    session.on("GET", "/v2/certificates", listing("certificates"))
    session.on("POST", "/v2/certificates", reply(201, {"certificate": certificate()}))


def _existing(session):
    session.on("GET", "/v2/certificates", listing("certificates", certificate()))
    session.on("GET", "/v2/load_balancers", listing("load_balancers"))
    session.on("DELETE", "/v2/certificates/" + OLD_ID, reply(204))
    session.on("POST", "/v2/certificates", reply(201, {"certificate": certificate(NEW_ID)}))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(dns_names=["example.com"]), "create"),
    (_existing, dict(dns_names=["example.com"], force_replace=True), "replace"),
    (_existing, dict(dns_names=["example.com", "www.example.com"], force_replace=True), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(CERTIFICATE, "certificate", script,
                                                                  name="web-cert", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
    if action == "replace":
        # The new id is known once the new certificate exists.
        assert predicted["diff"]["after"]["id"] is None and done["diff"]["after"]["id"] == NEW_ID
    else:
        assert predicted["diff"] == done["diff"]
