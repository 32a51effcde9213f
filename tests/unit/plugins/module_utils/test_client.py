# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""DigitalOceanClient against a scripted session: no network, no real sleeping."""

from __future__ import annotations

import random

import pytest
import requests

from fakes import API, START, TOKEN, FakeClock, FakeResponse, FakeSession, error, make_client, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils import client as client_mod
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import (
    API_URL_ENV_VAR,
    DEFAULT_API_URL,
    PER_PAGE,
    TOKEN_ENV_VARS,
    ConfigurationError,
    DigitalOceanAPIError,
    DigitalOceanClient,
    TransportError,
    UncertainOutcomeError,
    send_once,
)

RETRYABLE = (500, 502, 503, 504)
IDEMPOTENT = ("GET", "PUT", "PATCH", "DELETE")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in TOKEN_ENV_VARS + (API_URL_ENV_VAR,):
        monkeypatch.delenv(name, raising=False)


def call(client, method, path="/v2/things"):
    if method == "GET":
        return client.get(path)
    if method == "DELETE":
        return client.delete(path)
    return client.request(method, path, json={"name": "x"})


class UpperBound:
    """An rng whose uniform(a, b) is always b: backoff() then returns the ceiling itself."""

    def uniform(self, low, high):
        return high


class LowerBound:
    def uniform(self, low, high):
        return low


# -- configuration ---------------------------------------------------------------------------------


@pytest.mark.parametrize("given, expected", [
    ("https://api.digitalocean.com", "https://api.digitalocean.com"),
    ("https://api.digitalocean.com/", "https://api.digitalocean.com"),
    ("https://api.digitalocean.com/v2", "https://api.digitalocean.com"),
    ("https://api.digitalocean.com/v2/", "https://api.digitalocean.com"),
    ("  https://proxy.example.com/do/v2/  ", "https://proxy.example.com/do"),
    ("http://127.0.0.1:8089/v2", "http://127.0.0.1:8089"),
    (None, DEFAULT_API_URL),
])
def test_base_url_is_normalized(given, expected):
    client, session, clock = make_client(reply(200, {"account": {}}), api_url=given)
    assert client.base_url == expected
    client.get("/v2/account")
    assert session.requests[0].url == expected + "/v2/account"


def test_api_url_from_environment(monkeypatch):
    monkeypatch.setenv(API_URL_ENV_VAR, "https://mirror.example.com/v2/")
    client, _session, _clock = make_client(api_url=None)
    assert client.base_url == "https://mirror.example.com"
    explicit, _session, _clock = make_client(api_url="https://other.example.com")
    assert explicit.base_url == "https://other.example.com"


@pytest.mark.parametrize("bad", ["ftp://api.digitalocean.com", "api.digitalocean.com", "https://"])
def test_api_url_must_be_http_or_https(bad):
    with pytest.raises(ConfigurationError, match="api_url"):
        make_client(api_url=bad)


def test_token_environment_variables_in_order():
    assert TOKEN_ENV_VARS[0] == "DIGITALOCEAN_ACCESS_TOKEN"
    assert TOKEN_ENV_VARS[-1] == "OAUTH_TOKEN"
    assert TOKEN_ENV_VARS == ("DIGITALOCEAN_ACCESS_TOKEN", "DIGITALOCEAN_TOKEN", "DO_API_TOKEN",
                              "DO_API_KEY", "DO_OAUTH_TOKEN", "OAUTH_TOKEN")


@pytest.mark.parametrize("first", range(len(TOKEN_ENV_VARS)))
def test_first_token_variable_set_wins(monkeypatch, first):
    for name in TOKEN_ENV_VARS[first:]:
        monkeypatch.setenv(name, "token-from-" + name)
    assert client_mod.env_fallback_token() == "token-from-" + TOKEN_ENV_VARS[first]


def test_empty_token_variable_is_skipped(monkeypatch):
    monkeypatch.setenv("DIGITALOCEAN_ACCESS_TOKEN", "")
    monkeypatch.setenv("OAUTH_TOKEN", "last-resort")
    assert client_mod.env_fallback_token() == "last-resort"


def test_no_token_variable_gives_none():
    assert client_mod.env_fallback_token() is None


def test_module_token_option_falls_back_to_the_same_variables_in_order(monkeypatch):
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

    from ansible_collections.fathom.digitalocean.plugins.module_utils.module import connection_argument_spec

    spec = connection_argument_spec()
    assert tuple(spec["token"]["fallback"][1]) == TOKEN_ENV_VARS
    monkeypatch.setenv("OAUTH_TOKEN", "oauth")
    monkeypatch.setenv("DO_API_TOKEN", "do-api")
    monkeypatch.setenv(API_URL_ENV_VAR, "https://mirror.example.com")
    result = ArgumentSpecValidator(spec).validate({})
    assert result.error_messages == []
    assert result.validated_parameters["token"] == "do-api"
    # The environment beats the option's default.
    assert result.validated_parameters["api_url"] == "https://mirror.example.com"


@pytest.mark.parametrize("token", [None, ""])
def test_missing_token_names_every_environment_variable(token):
    with pytest.raises(ConfigurationError) as caught:
        DigitalOceanClient(token=token, session=FakeSession())
    for name in TOKEN_ENV_VARS:
        assert name in str(caught.value)


@pytest.mark.parametrize("url", [
    "http://api.digitalocean.com",
    "http://10.0.0.5:8080",
    "http://localhost.example.com",
    "http://127.0.0.1.nip.io",
])
def test_plain_http_to_a_remote_host_is_refused(url):
    session = FakeSession()
    with pytest.raises(ConfigurationError, match="https://"):
        DigitalOceanClient(token=TOKEN, api_url=url, session=session)
    assert "Authorization" not in session.headers
    assert session.requests == []


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8089",
    "http://127.0.0.2",
    "http://localhost:8089",
    "http://[::1]:8089",
])
def test_plain_http_to_loopback_is_allowed(url):
    client, session, _clock = make_client(reply(200, {"account": {"status": "active"}}), api_url=url)
    assert client.get("/v2/account") == {"account": {"status": "active"}}
    assert session.requests[0].url == url + "/v2/account"


def test_validate_certs_false_warns_and_disables_verification():
    warnings = []
    client, session, _clock = make_client(validate_certs=False, warn=warnings.append)
    assert len(warnings) == 1
    assert "validate_certs" in warnings[0]
    assert session.verify is False


def test_validate_certs_true_is_silent_and_verifies():
    warnings = []
    client, session, _clock = make_client(warn=warnings.append)
    assert warnings == []
    assert session.verify is True


def test_headers_carry_the_token_and_json_types():
    client, session, _clock = make_client(reply(200, {"account": {}}), timeout=17)
    client.get("/v2/account")
    sent = session.requests[0]
    assert sent.headers["Authorization"] == "Bearer " + TOKEN
    assert sent.headers["Accept"] == "application/json"
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["User-Agent"].startswith("fathom.digitalocean/")
    assert sent.timeout == 17


# -- the token never shows up in an error ------------------------------------------------------------


def _leak_cases():
    return [
        ("GET", error(401, "unauthorized", "Unable to authenticate you"), DigitalOceanAPIError),
        ("POST", error(422, "unprocessable_entity", "Name is invalid"), DigitalOceanAPIError),
        ("GET", error(500, "server_error", "Server was unable to give you a response"), DigitalOceanAPIError),
        ("POST", error(500, "server_error", "Server was unable to give you a response"), UncertainOutcomeError),
        ("GET", requests.ConnectionError("HTTPSConnectionPool(host='api.digitalocean.com', port=443): "
                                         "Max retries exceeded"), TransportError),
        ("POST", requests.ConnectionError("Connection aborted."), UncertainOutcomeError),
        ("POST", requests.Timeout("Read timed out. (read timeout=30)"), UncertainOutcomeError),
    ]


@pytest.mark.parametrize("method, outcome, expected", _leak_cases())
def test_token_never_appears_in_errors(method, outcome, expected):
    client, session, _clock = make_client(outcome, retries=0)
    with pytest.raises(expected) as caught:
        client.request(method, "/v2/droplets", json={"name": "web"} if method == "POST" else None)
    # It was sent...
    assert session.requests[0].headers["Authorization"] == "Bearer " + TOKEN
    # ...and it is in no part of the error.
    exc = caught.value
    texts = [str(exc), repr(exc), repr(exc.args), repr(vars(exc))]
    if isinstance(exc, DigitalOceanAPIError):
        texts.append(repr(exc.as_failure()))
    for text in texts:
        assert TOKEN not in text
        assert TOKEN[-12:] not in text


# -- error reporting ---------------------------------------------------------------------------------


def test_api_error_message_format_with_request_id_from_body():
    body = {"id": "unauthorized", "message": "Unable to authenticate you",
            "request_id": "4d9d8375-3c56-4925-a3e7-eb137fed17e9"}
    client, session, _clock = make_client(FakeResponse(401, body))
    with pytest.raises(DigitalOceanAPIError) as caught:
        client.get("/v2/account")
    exc = caught.value
    assert str(exc) == ("DigitalOcean API 401 unauthorized: Unable to authenticate you "
                        "(GET /v2/account, request_id 4d9d8375-3c56-4925-a3e7-eb137fed17e9)")
    assert exc.status == 401
    assert exc.as_failure() == {
        "status": 401, "id": "unauthorized", "message": "Unable to authenticate you",
        "request_id": "4d9d8375-3c56-4925-a3e7-eb137fed17e9", "method": "GET", "path": "/v2/account",
    }


def test_api_error_request_id_from_header_and_no_query_in_path():
    client, _session, _clock = make_client(FakeResponse(404, {"id": "not_found", "message": "The resource you were "
                                                              "accessing could not be found."},
                                                        {"X-Request-Id": "req-123"}))
    with pytest.raises(DigitalOceanAPIError) as caught:
        client.get("/v2/droplets/9", params={"x": 1})
    assert str(caught.value) == ("DigitalOcean API 404 not_found: The resource you were accessing could "
                                 "not be found. (GET /v2/droplets/9, request_id req-123)")


@pytest.mark.parametrize("status, error_id", [
    (400, "bad_request"), (403, "forbidden"), (404, "not_found"), (409, "conflict"),
    (422, "unprocessable_entity"), (418, "error"),
])
def test_api_error_id_from_status_when_body_has_none(status, error_id):
    client, _session, _clock = make_client(FakeResponse(status, text="<html>oops</html>", reason="Some Reason"))
    with pytest.raises(DigitalOceanAPIError) as caught:
        client.get("/v2/account")
    assert str(caught.value) == "DigitalOcean API %d %s: Some Reason (GET /v2/account)" % (status, error_id)


def test_api_error_without_any_message():
    client, _session, _clock = make_client(FakeResponse(400, reason=""))
    with pytest.raises(DigitalOceanAPIError) as caught:
        client.get("/v2/account")
    assert str(caught.value) == ("DigitalOcean API 400 bad_request: no error message in the response "
                                 "(GET /v2/account)")


def test_no_content_is_an_empty_dict():
    client, session, _clock = make_client(FakeResponse(204), FakeResponse(202))
    assert client.delete("/v2/droplets/1") == {}
    assert client.post("/v2/droplets/1/actions", {"type": "reboot"}) == {}
    assert [r.method for r in session.requests] == ["DELETE", "POST"]


def test_success_that_is_not_json_is_a_transport_error():
    client, _session, _clock = make_client(FakeResponse(200, text="<html>maintenance</html>"))
    with pytest.raises(TransportError, match="not JSON"):
        client.get("/v2/account")


def test_get_or_none():
    client, session, _clock = make_client(error(404, "not_found"), reply(200, {"droplet": {"id": 1}}))
    assert client.get_or_none("/v2/droplets/1") is None
    assert client.get_or_none("/v2/droplets/1") == {"droplet": {"id": 1}}
    failing, _session, _clock = make_client(error(403, "forbidden"))
    with pytest.raises(DigitalOceanAPIError):
        failing.get_or_none("/v2/droplets/1")


def test_ok_statuses_are_not_errors():
    client, session, _clock = make_client(error(404, "not_found"))
    assert client.delete("/v2/droplets/1", ok_statuses=(404,))["id"] == "not_found"
    assert len(session.requests) == 1


# -- pagination --------------------------------------------------------------------------------------


def test_paginate_follows_next_links_in_order():
    page2 = API + "/v2/droplets?page=2&per_page=200&tag_name=web"
    page3 = API + "/v2/droplets?page=3&per_page=200&tag_name=web"
    client, session, _clock = make_client(
        reply(200, {"droplets": [{"id": 1}, {"id": 2}], "links": {"pages": {"next": page2, "last": page3}},
                    "meta": {"total": 5}}),
        reply(200, {"droplets": [{"id": 3}, {"id": 4}],
                    "links": {"pages": {"prev": API + "/v2/droplets", "next": page3}}}),
        reply(200, {"droplets": [{"id": 5}], "links": {"pages": {"prev": page2}}}),
    )
    items = client.paginate("/v2/droplets", "droplets", params={"tag_name": "web"})
    assert [item["id"] for item in items] == [1, 2, 3, 4, 5]
    first, second, third = session.requests
    assert first.url == API + "/v2/droplets"
    assert first.params == {"tag_name": "web", "per_page": PER_PAGE}
    assert PER_PAGE == 200
    assert (second.url, second.params) == (page2, None)
    assert (third.url, third.params) == (page3, None)


@pytest.mark.parametrize("last_page", [
    {"droplets": [{"id": 1}]},
    {"droplets": [{"id": 1}], "links": {}},
    {"droplets": [{"id": 1}], "links": {"pages": {}}},
    {"droplets": [{"id": 1}], "links": {"pages": {"first": API + "/v2/droplets?page=1"}}},
])
def test_paginate_stops_without_next(last_page):
    client, session, _clock = make_client(reply(200, last_page))
    assert client.paginate("/v2/droplets", "droplets") == [{"id": 1}]
    assert len(session.requests) == 1
    assert session.requests[0].params == {"per_page": 200}


def test_paginate_missing_key_is_empty():
    client, _session, _clock = make_client(reply(200, {"droplets": None, "links": {}}))
    assert client.paginate("/v2/droplets", "droplets") == []


def test_paginate_does_not_mutate_the_callers_params():
    params = {"name": "web"}
    client, _session, _clock = make_client(reply(200, {"droplets": []}))
    client.paginate("/v2/droplets", "droplets", params=params)
    assert params == {"name": "web"}


# -- rate limits ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_429_waits_exactly_retry_after(method):
    client, session, clock = make_client(
        error(429, "too_many_requests", "API Rate limit exceeded.", retry_after=7),
        reply(200, {"ok": True}),
    )
    assert client.request(method, "/v2/droplets", json={} if method == "POST" else None) == {"ok": True}
    assert clock.sleeps == [7.0]
    assert len(session.requests) == 2
    assert session.requests[1].at == START + 7.0


def test_429_without_retry_after_waits_until_the_reset():
    clock = FakeClock()
    client, session, _clock = make_client(
        error(429, "too_many_requests", ratelimit_limit=5000, ratelimit_remaining=0,
              ratelimit_reset=int(START) + 12),
        reply(200, {"ok": True}),
        clock=clock,
    )
    assert client.get("/v2/account") == {"ok": True}
    assert len(clock.sleeps) == 1
    assert 12.0 <= clock.sleeps[0] <= 12.5
    assert session.requests[1].at >= START + 12


def test_429_retries_exhausted_is_an_api_error():
    client, session, clock = make_client(
        *[error(429, "too_many_requests", "API Rate limit exceeded.", retry_after=1)] * 3, retries=2)
    with pytest.raises(DigitalOceanAPIError) as caught:
        client.get("/v2/droplets")
    assert caught.value.status == 429
    assert caught.value.error_id == "too_many_requests"
    assert len(session.requests) == 3
    assert clock.sleeps == [1.0, 1.0]


def test_pacing_when_few_requests_remain():
    client, session, clock = make_client(
        reply(200, {}, ratelimit_remaining=4, ratelimit_reset=int(START) + 50),
        reply(200, {}),
    )
    client.get("/v2/account")
    assert clock.sleeps == []
    client.get("/v2/account")
    # The 50 s left in the window are spread over the 4 remaining requests (+1).
    assert clock.sleeps == [pytest.approx(10.0)]


def test_pacing_is_capped_by_the_max_delay():
    client, _session, clock = make_client(
        reply(200, {}, ratelimit_remaining=0, ratelimit_reset=int(START) + 1000),
        reply(200, {}),
        retry_max_delay=30,
    )
    client.get("/v2/account")
    client.get("/v2/account")
    assert clock.sleeps == [30.0]


@pytest.mark.parametrize("headers", [
    {"ratelimit_remaining": 4999, "ratelimit_reset": int(START) + 50},
    {"ratelimit_remaining": 3, "ratelimit_reset": int(START) - 5},
    {},
])
def test_no_pacing_with_headroom_or_a_past_reset(headers):
    client, _session, clock = make_client(reply(200, {}, **headers), reply(200, {}))
    client.get("/v2/account")
    client.get("/v2/account")
    assert clock.sleeps == []


# -- retries -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", IDEMPOTENT)
@pytest.mark.parametrize("status", RETRYABLE)
def test_server_errors_are_retried_for_idempotent_methods(method, status):
    client, session, clock = make_client(error(status, "server_error"), error(status, "server_error"),
                                         reply(200, {"done": True}), retries=5, retry_max_delay=30)
    assert call(client, method) == {"done": True}
    assert [r.method for r in session.requests] == [method] * 3
    assert len(clock.sleeps) == 2
    for attempt, delay in enumerate(clock.sleeps):
        ceiling = min(30.0, 0.5 * 2 ** attempt)
        assert ceiling / 2 <= delay <= ceiling


def test_backoff_is_capped_exponential_with_jitter():
    client, session, clock = make_client(*[error(503, "server_error")] * 9, retries=8, retry_max_delay=4)
    client.policy.rng = random.Random(1234)
    with pytest.raises(DigitalOceanAPIError) as caught:
        client.get("/v2/droplets")
    assert caught.value.status == 503
    assert len(session.requests) == 9
    ceilings = [min(4.0, 0.5 * 2 ** attempt) for attempt in range(8)]
    assert ceilings == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0, 4.0, 4.0]
    assert len(clock.sleeps) == 8
    for delay, ceiling in zip(clock.sleeps, ceilings):
        assert ceiling / 2 <= delay <= ceiling
    assert max(clock.sleeps) <= 4.0


@pytest.mark.parametrize("rng, expected", [
    (UpperBound(), [0.5, 1.0, 2.0, 3.0, 3.0, 3.0]),
    (LowerBound(), [0.25, 0.5, 1.0, 1.5, 1.5, 1.5]),
])
def test_backoff_bounds_are_the_ceiling_and_half_of_it(rng, expected):
    client, _session, clock = make_client(*[error(502, "server_error")] * 7, retries=6, retry_max_delay=3)
    client.policy.rng = rng
    with pytest.raises(DigitalOceanAPIError):
        client.get("/v2/droplets")
    assert clock.sleeps[:6] == expected
    assert all(later >= earlier for earlier, later in zip(clock.sleeps, clock.sleeps[1:]))


@pytest.mark.parametrize("exc", [requests.ConnectionError("Connection refused"), requests.Timeout("timed out")])
def test_connection_errors_are_retried_for_get_then_give_up(exc):
    client, session, clock = make_client(*[exc] * 4, retries=3, retry_max_delay=30)
    with pytest.raises(TransportError) as caught:
        client.get("/v2/droplets")
    assert not isinstance(caught.value, UncertainOutcomeError)
    assert len(session.requests) == 4
    assert len(clock.sleeps) == 3
    assert "after 4 attempts" in str(caught.value)
    assert "GET /v2/droplets" in str(caught.value)


def test_connection_error_then_success_for_get():
    client, session, clock = make_client(requests.ConnectionError("reset"), reply(200, {"ok": 1}))
    assert client.get("/v2/account") == {"ok": 1}
    assert len(session.requests) == 2
    assert len(clock.sleeps) == 1


@pytest.mark.parametrize("outcome", RETRYABLE)
def test_post_server_error_is_uncertain_and_not_retried(outcome):
    client, session, clock = make_client(error(outcome, "server_error", "try again"), reply(201, {}))
    with pytest.raises(UncertainOutcomeError) as caught:
        client.post("/v2/droplets", {"name": "web"})
    assert len(session.requests) == 1
    assert clock.sleeps == []
    assert "may have taken effect" in str(caught.value)
    assert "POST /v2/droplets" in str(caught.value)
    assert caught.value.method == "POST"
    assert caught.value.path == "/v2/droplets"


@pytest.mark.parametrize("exc", [requests.ConnectionError("Connection aborted."),
                                 requests.Timeout("Read timed out.")])
def test_post_connection_error_is_uncertain_and_not_retried(exc):
    client, session, clock = make_client(exc, reply(201, {}))
    with pytest.raises(UncertainOutcomeError) as caught:
        client.post("/v2/droplets", {"name": "web"})
    assert len(session.requests) == 1
    assert clock.sleeps == []
    assert "may have taken effect" in str(caught.value)


@pytest.mark.parametrize("method", IDEMPOTENT + ("POST",))
@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_client_errors_are_not_retried(method, status):
    client, session, clock = make_client(error(status, message="nope"), reply(200, {}))
    with pytest.raises(DigitalOceanAPIError) as caught:
        call(client, method)
    assert caught.value.status == status
    assert len(session.requests) == 1
    assert clock.sleeps == []


def test_paginate_keeps_the_token_on_the_configured_host():
    foreign = "http://elsewhere.example.com/v2/droplets?page=2&per_page=200"
    client, session, _clock = make_client(
        reply(200, {"droplets": [{"id": 1}], "links": {"pages": {"next": foreign}}}),
        reply(200, {"droplets": [{"id": 2}]}),
    )
    assert [item["id"] for item in client.paginate("/v2/droplets", "droplets")] == [1, 2]
    assert session.requests[1].url == API + "/v2/droplets?page=2&per_page=200"


def test_429_with_an_exhausted_window_waits_retry_after_only():
    clock = FakeClock()
    client, session, _clock = make_client(
        reply(429, {"id": "too_many_requests", "message": "slow down"}, retry_after=2,
              ratelimit_remaining=0, ratelimit_reset=int(clock.now + 60)),
        reply(200, {"account": {}}),
        clock=clock,
    )
    client.get("/v2/account")
    assert clock.sleeps == [2.0]
    assert len(session.requests) == 2


# -- send_once: the one retry primitive for requests that must not take effect twice ----------------------


class Policy:
    """A RetryPolicy stand-in with a fixed backoff, so that the sleeps are known."""

    def __init__(self, retries):
        self.retries = retries

    @staticmethod
    def backoff(attempt):
        return 0.5 * (attempt + 1)


def lost(*answers):
    """A send() that loses its first answers (UncertainOutcomeError), then answers; counts calls."""
    calls = []

    def send():
        calls.append(len(calls))
        outcome = answers[min(len(calls) - 1, len(answers) - 1)]
        if outcome is None:
            raise UncertainOutcomeError("no answer", "POST", "/v2/things")
        return outcome

    return send, calls


def test_send_once_returns_the_answer_without_recovering():
    send, calls = lost({"thing": 1})
    recovered = []
    clock = FakeClock()
    assert send_once(send, lambda: recovered.append(1), Policy(3), clock.sleep) == {"thing": 1}
    assert calls == [0] and recovered == [] and clock.sleeps == []


def test_send_once_uses_what_recover_found_and_never_sends_again():
    send, calls = lost(None, {"thing": "second"})
    clock = FakeClock()
    assert send_once(send, lambda: {"thing": "found"}, Policy(3), clock.sleep) == {"thing": "found"}
    assert calls == [0] and clock.sleeps == []


def test_send_once_sends_again_after_backoff_when_recover_finds_nothing():
    send, calls = lost(None, None, {"thing": 3})
    looks = []
    clock = FakeClock()
    answer = send_once(send, lambda: looks.append("looked"), Policy(5), clock.sleep)
    assert answer == {"thing": 3}
    assert calls == [0, 1, 2] and looks == ["looked", "looked"]
    assert clock.sleeps == [0.5, 1.0]


def test_send_once_gives_up_after_the_policy_retries_with_the_last_error():
    send, calls = lost(None)
    clock = FakeClock()
    with pytest.raises(UncertainOutcomeError):
        send_once(send, lambda: None, Policy(2), clock.sleep)
    assert calls == [0, 1, 2] and clock.sleeps == [0.5, 1.0]


def test_send_once_without_recover_resends_a_harmless_request():
    send, calls = lost(None, {"ok": True})
    clock = FakeClock()
    assert send_once(send, None, Policy(1), clock.sleep) == {"ok": True}
    assert calls == [0, 1]


def test_send_once_lets_other_errors_through_at_once():
    def send():
        raise DigitalOceanAPIError(422, "unprocessable_entity", "bad", method="POST", path="/v2/things")

    clock = FakeClock()
    with pytest.raises(DigitalOceanAPIError):
        send_once(send, lambda: pytest.fail("recover must not run"), Policy(3), clock.sleep)
    assert clock.sleeps == []


def test_send_once_sends_less_when_recover_found_part_of_a_batch():
    pending = ["a", "b", "c"]
    found = []
    sent = []

    def send():
        sent.append(list(pending))
        if len(sent) == 1:
            raise UncertainOutcomeError("no answer", "POST", "/v2/droplets")
        return found + ["created:%s" % name for name in pending]

    def recover():
        found.append("found:a")
        pending.remove("a")
        return None

    answer = send_once(send, recover, Policy(3), FakeClock().sleep)
    assert sent == [["a", "b", "c"], ["b", "c"]]
    assert answer == ["found:a", "created:b", "created:c"]


def test_post_once_after_a_dropped_answer_posts_again_only_when_nothing_was_made():
    client, session, clock = make_client(retries=2)
    session.on("POST", "/v2/things", requests.ConnectionError("Connection aborted."), reply(201, {"thing": {"id": 1}}))
    assert client.post_once("/v2/things", {"name": "a"}, recover=lambda: None) == {"thing": {"id": 1}}
    assert session.calls == ["POST /v2/things", "POST /v2/things"]
    assert len(clock.sleeps) == 1


def test_extra_headers_go_with_one_request_only():
    client, session, _clock = make_client(reply(202), reply(200, {"things": []}))
    client.delete("/v2/droplets/autoscale/p-1/dangerous", headers={"X-Dangerous": "true"})
    client.get("/v2/things")
    first, second = session.requests
    assert first.headers["X-Dangerous"] == "true" and first.headers["Authorization"] == "Bearer " + TOKEN
    assert "X-Dangerous" not in second.headers
