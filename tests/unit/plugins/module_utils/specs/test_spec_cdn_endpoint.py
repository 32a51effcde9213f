# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The cdn_endpoint declaration (specs/cdn_endpoint.py) through the engine: as few requests as the
API's tight rate limit needs: one list to find the endpoint by origin, one PUT answered with the
endpoint for every changed field, one DELETE .../cache for a purge, which is planned only on an
existing endpoint."""

from __future__ import annotations

import pytest

from fakes import check_then_run, error, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.cdn_endpoint import CDN_ENDPOINT

ENDPOINT_ID = "19f06b6a-3ace-4315-b086-499a0e521b76"
ENDPOINT_PATH = "/v2/cdn/endpoints/" + ENDPOINT_ID
ORIGIN = "static-images.nyc3.digitaloceanspaces.com"
CERT_1 = "4c1d3e5a-0a4b-4d0e-9a1f-2b3c4d5e6f70"
CERT_2 = "5d2e4f6b-1b5c-4e1f-8b2a-3c4d5e6f7081"


def endpoint(ttl=3600, certificate_id=None, custom_domain=None, origin=ORIGIN, endpoint_id=ENDPOINT_ID):
    found = {"id": endpoint_id, "origin": origin, "endpoint": origin.replace("digitaloceanspaces", "cdn.digitalocean"),
             "ttl": ttl, "created_at": "2024-01-01T00:00:00Z"}
    if certificate_id:
        found["certificate_id"] = certificate_id
    if custom_domain:
        found["custom_domain"] = custom_domain
    return found


def task(check_mode=False, **options):
    options.setdefault("origin", ORIGIN)
    return module_engine(CDN_ENDPOINT, "cdn_endpoint", check_mode=check_mode, **options)


def test_create_posts_the_normalized_origin_and_never_purges():
    engine, session, _clock = task(origin="Static-Images.nyc3.digitaloceanspaces.com.", ttl=600, purge=["*"])
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints", endpoint(origin="other.nyc3.digitaloceanspaces.com")))
    session.on("POST", "/v2/cdn/endpoints", reply(201, {"endpoint": endpoint(ttl=600)}))
    result = engine.run()
    assert session.calls == ["GET /v2/cdn/endpoints", "POST /v2/cdn/endpoints"]
    assert writes(session) == [("POST", "/v2/cdn/endpoints", {"origin": ORIGIN, "ttl": 600})]
    assert result["plan"] == {
        "action": "create", "resource": "cdn_endpoint",
        "identity": {"origin": "Static-Images.nyc3.digitaloceanspaces.com."}, "id": None,
        "changes": {"origin": {"before": None, "after": ORIGIN, "via": "create"},
                    "ttl": {"before": None, "after": 600, "via": "create"}}}
    assert result["cdn_endpoint"]["ttl"] == 600


def test_create_with_a_custom_domain_sends_its_certificate():
    engine, session, _clock = task(custom_domain="cdn.example.com", certificate_id=CERT_1)
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints"))
    created = endpoint(certificate_id=CERT_1, custom_domain="cdn.example.com")
    session.on("POST", "/v2/cdn/endpoints", reply(201, {"endpoint": created}))
    engine.run()
    assert writes(session) == [("POST", "/v2/cdn/endpoints", {"origin": ORIGIN, "certificate_id": CERT_1,
                                                              "custom_domain": "cdn.example.com"})]


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_custom_domain_without_a_certificate_is_refused(check_mode):
    engine, session, _clock = task(check_mode=check_mode, custom_domain="cdn.example.com")
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints"))
    with pytest.raises(PlanError, match="^custom_domain cdn.example.com needs certificate_id"):
        engine.run()
    assert session.mutating == []


def test_rerun_is_a_no_op_with_one_list():
    # The API leaves certificate_id and custom_domain out when they are unset: "" means none.
    engine, session, _clock = task(ttl=3600, certificate_id="", custom_domain="")
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints", endpoint()))
    result = engine.run()
    assert session.calls == ["GET /v2/cdn/endpoints"]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["id"] == ENDPOINT_ID


def test_changed_fields_go_in_one_put_whose_answer_is_the_endpoint():
    engine, session, _clock = task(ttl=86400, custom_domain="CDN.example.com", certificate_id=CERT_1)
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints", endpoint()))
    updated = endpoint(ttl=86400, certificate_id=CERT_1, custom_domain="cdn.example.com")
    session.on("PUT", ENDPOINT_PATH, reply(200, {"endpoint": updated}))
    result = engine.run()
    assert session.calls == ["GET /v2/cdn/endpoints", "PUT " + ENDPOINT_PATH]
    assert writes(session) == [("PUT", ENDPOINT_PATH, {"ttl": 86400, "certificate_id": CERT_1,
                                                       "custom_domain": "cdn.example.com"})]
    assert result["plan"]["changes"] == {
        "ttl": {"before": 3600, "after": 86400, "via": "PUT"},
        "certificate_id": {"before": None, "after": CERT_1, "via": "PUT"},
        "custom_domain": {"before": None, "after": "cdn.example.com", "via": "PUT"}}
    assert result["cdn_endpoint"] == updated


def test_a_new_certificate_travels_with_the_custom_domain():
    engine, session, _clock = task(certificate_id=CERT_2)
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints", endpoint(certificate_id=CERT_1,
                                                                         custom_domain="cdn.example.com")))
    session.on("PUT", ENDPOINT_PATH, reply(200, {"endpoint": endpoint(certificate_id=CERT_2,
                                                                      custom_domain="cdn.example.com")}))
    engine.run()
    assert writes(session) == [("PUT", ENDPOINT_PATH, {"certificate_id": CERT_2, "custom_domain": "cdn.example.com"})]


def test_removing_the_custom_domain_removes_its_certificate():
    engine, session, _clock = task(custom_domain="")
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints", endpoint(certificate_id=CERT_1,
                                                                         custom_domain="cdn.example.com")))
    session.on("PUT", ENDPOINT_PATH, reply(200, {"endpoint": endpoint()}))
    result = engine.run()
    assert writes(session) == [("PUT", ENDPOINT_PATH, {"custom_domain": ""})]
    assert result["plan"]["changes"] == {"custom_domain": {"before": "cdn.example.com", "after": "", "via": "PUT"}}


def test_purge_of_an_existing_endpoint_is_a_delete_of_its_cache_and_is_not_read_again():
    engine, session, _clock = task(purge=["assets/*", "index.html"])
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints", endpoint()))
    session.on("DELETE", ENDPOINT_PATH + "/cache", reply(204))
    result = engine.run()
    assert session.calls == ["GET /v2/cdn/endpoints", "DELETE %s/cache" % ENDPOINT_PATH]
    assert writes(session) == [("DELETE", ENDPOINT_PATH + "/cache", {"files": ["assets/*", "index.html"]})]
    assert result["changed"] is True
    assert result["plan"]["action"] == "update"
    assert result["plan"]["changes"] == {"purge": {"before": None, "after": ["assets/*", "index.html"],
                                                   "via": "DELETE /v2/cdn/endpoints/{id}/cache"}}


def test_purge_follows_the_put_of_the_other_changes():
    engine, session, _clock = task(ttl=600, purge=["*"])
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints", endpoint()))
    session.on("PUT", ENDPOINT_PATH, reply(200, {"endpoint": endpoint(ttl=600)}))
    session.on("DELETE", ENDPOINT_PATH + "/cache", reply(204))
    result = engine.run()
    assert writes(session) == [("PUT", ENDPOINT_PATH, {"ttl": 600}),
                               ("DELETE", ENDPOINT_PATH + "/cache", {"files": ["*"]})]
    assert result["cdn_endpoint"]["ttl"] == 600


def test_delete_by_id_is_one_get_and_one_delete():
    engine, session, _clock = task(id=ENDPOINT_ID, origin=None, state="absent")
    session.on("GET", ENDPOINT_PATH, reply(200, {"endpoint": endpoint()}))
    session.on("DELETE", ENDPOINT_PATH, reply(204))
    result = engine.run()
    assert session.calls == ["GET " + ENDPOINT_PATH, "DELETE " + ENDPOINT_PATH]
    assert result["plan"]["action"] == "delete" and result["cdn_endpoint"] == {}


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(id=ENDPOINT_ID, origin=None, state="absent")
    session.on("GET", ENDPOINT_PATH, error(404, "not_found"))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


@pytest.mark.parametrize("options, message", [
    (dict(ttl=120), "^ttl must be one of 60, 600, 3600, 86400, 604800, got 120"),
    (dict(purge=["f%d" % i for i in range(51)]), "^purge takes at most 50 paths per task"),
    (dict(purge=["a", " "]), "^purge paths must not be empty strings"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _missing(session):
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints"))
    session.on("POST", "/v2/cdn/endpoints", reply(201, {"endpoint": endpoint(ttl=600)}))


def _existing(session):
    session.on("GET", "/v2/cdn/endpoints", listing("endpoints", endpoint()))
    session.on("PUT", ENDPOINT_PATH, reply(200, {"endpoint": endpoint(ttl=600)}))
    session.on("DELETE", ENDPOINT_PATH + "/cache", reply(204))
    session.on("DELETE", ENDPOINT_PATH, reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(ttl=600, purge=["*"]), "create"),
    (_existing, dict(ttl=600, purge=["*"]), "update"),
    (_existing, dict(ttl=3600), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(CDN_ENDPOINT, "cdn_endpoint", script,
                                                                  origin=ORIGIN, **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
