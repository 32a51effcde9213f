# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The client's guards on its options and its messages: the token's whitespace, header errors that
would quote the token, credentials and ports in api_url, timeout and retries, and connection error
messages cut at a word, not in one."""

from __future__ import annotations

import pytest
import requests

from fakes import TOKEN, FakeSession, make_client, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils import client as client_mod
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import (
    API_URL_ENV_VAR,
    REASON_LIMIT,
    TOKEN_ENV_VARS,
    ConfigurationError,
    DigitalOceanClient,
    TransportError,
    UncertainOutcomeError,
    clean_token,
    shorten,
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in TOKEN_ENV_VARS + (API_URL_ENV_VAR,):
        monkeypatch.delenv(name, raising=False)


def texts_of(exc):
    """Everything an error can show: message, repr, arguments, attributes, and what it chains."""
    texts = []
    while exc is not None:
        texts += [str(exc), repr(exc), repr(exc.args), repr(vars(exc))]
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return texts


def assert_not_shown(exc, *secrets):
    for text in texts_of(exc):
        for secret in secrets:
            assert secret not in text


# -- 1. the token's whitespace --------------------------------------------------------------------------


@pytest.mark.parametrize("given", [TOKEN + "\n", TOKEN + "\r\n", "  " + TOKEN + " \t\n", "\n" + TOKEN])
def test_surrounding_whitespace_is_stripped_before_the_header(given):
    client, session, _clock = make_client(reply(200, {"account": {}}), token=given)
    client.get("/v2/account")
    assert session.requests[0].headers["Authorization"] == "Bearer " + TOKEN


@pytest.mark.parametrize("given", [" ", "\n", "\r\n", " \t \n"])
def test_whitespace_only_token_is_no_token(given):
    assert clean_token(given) == ""
    with pytest.raises(ConfigurationError, match="No DigitalOcean API token") as caught:
        DigitalOceanClient(token=given, session=FakeSession())
    for name in TOKEN_ENV_VARS:
        assert name in str(caught.value)


@pytest.mark.parametrize("inner, problem", [
    (" ", "whitespace or control character"),
    ("\n", "whitespace or control character"),
    ("\r\n", "whitespace or control character"),
    ("\t", "whitespace or control character"),
    ("\x00", "whitespace or control character"),
    ("\x07", "whitespace or control character"),
    ("\x7f", "whitespace or control character"),
    ("\u00a0", "whitespace or control character"),
    ("\u2028", "whitespace or control character"),
    ("\u00e9", "not ASCII"),
    ("\u2013", "not ASCII"),
])
def test_token_with_whitespace_control_or_non_ascii_inside_is_refused_unseen(inner, problem):
    left, right = TOKEN[:18], TOKEN[18:]
    session = FakeSession()
    with pytest.raises(ConfigurationError) as caught:
        DigitalOceanClient(token=left + inner + right + "\n", session=session)
    assert problem in str(caught.value)
    assert "token" in str(caught.value)
    assert_not_shown(caught.value, left, right)
    assert "Authorization" not in session.headers
    assert session.requests == []


@pytest.mark.parametrize("refusal", [
    requests.exceptions.InvalidHeader(
        "Invalid leading whitespace, reserved character(s), or return character(s) in header value: "
        "'Bearer %s\\n'" % TOKEN),
    ValueError("Invalid header value b'Bearer %s\\n'" % TOKEN),
    UnicodeEncodeError("latin-1", "Bearer %s\u2013" % TOKEN, 47, 48, "ordinal not in range(256)"),
], ids=["requests", "http.client", "latin-1"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_header_errors_name_the_request_never_the_header(refusal, method):
    client, session, _clock = make_client(refusal)
    with pytest.raises(ConfigurationError) as caught:
        client.request(method, "/v2/droplets", json={"name": "web"} if method == "POST" else None)
    message = str(caught.value)
    assert message.startswith("Could not send %s /v2/droplets: a request header" % method)
    assert type(refusal).__name__ in message and "token option" in message
    assert_not_shown(caught.value, TOKEN, TOKEN[-12:])
    assert len(session.requests) == 1, "a refused header is not sent again"


def test_other_value_errors_are_not_taken_for_header_errors():
    client, _session, _clock = make_client(ValueError("something else entirely"))
    with pytest.raises(ValueError, match="something else entirely"):
        client.get("/v2/account")


# -- 2. credentials in api_url --------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "https://admin:URLPASSWORD-0c4e8b@api.digitalocean.com",
    "https://URLPASSWORD-0c4e8b@api.digitalocean.com/v2",
    "http://admin:URLPASSWORD-0c4e8b@127.0.0.1:8089",
    "ftp://admin:URLPASSWORD-0c4e8b@api.digitalocean.com",
    "admin:URLPASSWORD-0c4e8b@api.digitalocean.com",
])
def test_credentials_in_api_url_are_refused_unseen(url):
    session = FakeSession()
    with pytest.raises(ConfigurationError) as caught:
        DigitalOceanClient(token=TOKEN, api_url=url, session=session)
    message = str(caught.value)
    assert message.startswith("api_url must not hold credentials")
    assert "token option" in message
    assert_not_shown(caught.value, "URLPASSWORD-0c4e8b", "admin")
    assert session.requests == []


def test_an_at_sign_in_the_path_is_not_a_credential():
    client, _session, _clock = make_client(api_url="https://proxy.example.com/team@do")
    assert client.base_url == "https://proxy.example.com/team@do"


# -- 3. port, timeout, retries ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999", "https://api.digitalocean.com:65536",
                                 "http://127.0.0.1:0", "http://127.0.0.1:http", "https://[::1]:-1"])
def test_api_url_port_out_of_range_is_refused_before_any_request(url):
    session = FakeSession()
    with pytest.raises(ConfigurationError, match="api_url must have a port from 1 to 65535"):
        DigitalOceanClient(token=TOKEN, api_url=url, session=session)
    assert session.requests == []


@pytest.mark.parametrize("url", ["http://127.0.0.1:1", "https://api.digitalocean.com:65535",
                                 "https://api.digitalocean.com:443"])
def test_api_url_ports_in_range_are_kept(url):
    client, _session, _clock = make_client(api_url=url)
    assert client.base_url == url


@pytest.mark.parametrize("timeout", [0, -1, -0.5, None])
def test_timeout_must_be_positive(timeout):
    with pytest.raises(ConfigurationError, match="^timeout must be a positive number of seconds"):
        make_client(timeout=timeout)


@pytest.mark.parametrize("retries", [-1, None])
def test_api_retries_must_not_be_negative(retries):
    with pytest.raises(ConfigurationError, match="^api_retries must be at least 0"):
        make_client(retries=retries)


def test_least_timeout_and_retries_are_accepted():
    client, _session, _clock = make_client(timeout=0.5, retries=0)
    assert client.timeout == 0.5 and client.policy.retries == 0


# -- 4. connection error messages ----------------------------------------------------------------------------

# What requests 2.32 with urllib3 2 and urllib3 1 say when the API cannot be reached.
REFUSED = ("HTTPSConnectionPool(host='api.digitalocean.com', port=443): Max retries exceeded with url: "
           "/v2/droplets?per_page=200&tag_name=production-web-frontend-servers-in-nyc3 (Caused by NewConnectionError("
           "\"HTTPSConnection(host='api.digitalocean.com', port=443): Failed to establish a new connection: "
           "[Errno 111] Connection refused\"))")
REFUSED_URLLIB3_1 = ("HTTPSConnectionPool(host='api.digitalocean.com', port=443): Max retries exceeded with url: "
                     "/v2/droplets?per_page=200 (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection "
                     "object at 0x7f8b8c0b3d90>: Failed to establish a new connection: [Errno 111] Connection "
                     "refused'))")
UNRESOLVED = ("HTTPSConnectionPool(host='api.digitalocean.com', port=443): Max retries exceeded with url: "
              "/v2/droplets?per_page=200 (Caused by NameResolutionError(\"HTTPSConnection(host='api.digitalocean.com', "
              "port=443): Failed to resolve 'api.digitalocean.com' ([Errno -3] Temporary failure in name "
              "resolution)\"))")
UNTRUSTED = ("HTTPSConnectionPool(host='api.digitalocean.com', port=443): Max retries exceeded with url: "
             "/v2/account (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] "
             "certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1000)')))")
CONNECT_TIMEOUT = ("HTTPSConnectionPool(host='api.digitalocean.com', port=443): Max retries exceeded with url: "
                   "/v2/droplets (Caused by ConnectTimeoutError(HTTPSConnection(host='api.digitalocean.com', "
                   "port=443), 'Connection to api.digitalocean.com timed out. (connect timeout=30)'))")
READ_TIMEOUT = "HTTPSConnectionPool(host='api.digitalocean.com', port=443): Read timed out. (read timeout=30)"


@pytest.mark.parametrize("exc, reason", [
    (requests.ConnectionError(REFUSED),
     "ConnectionError (NewConnectionError): Failed to establish a new connection: [Errno 111] Connection refused"),
    (requests.ConnectionError(REFUSED_URLLIB3_1),
     "ConnectionError (NewConnectionError): Failed to establish a new connection: [Errno 111] Connection refused"),
    (requests.ConnectionError(UNRESOLVED),
     "ConnectionError (NameResolutionError): Failed to resolve 'api.digitalocean.com' "
     "([Errno -3] Temporary failure in name resolution)"),
    (requests.exceptions.SSLError(UNTRUSTED),
     "SSLError (SSLCertVerificationError): [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
     "self-signed certificate in certificate chain (_ssl.c:1000)"),
    (requests.exceptions.ConnectTimeout(CONNECT_TIMEOUT),
     "ConnectTimeout (ConnectTimeoutError): Connection to api.digitalocean.com timed out. (connect timeout=30)"),
    (requests.exceptions.ReadTimeout(READ_TIMEOUT), "ReadTimeout: Read timed out. (read timeout=30)"),
    (requests.ConnectionError("('Connection aborted.', RemoteDisconnected('Remote end closed connection "
                              "without response'))"),
     "ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))"),
    (requests.ConnectionError(), "ConnectionError"),
])
def test_short_reason_keeps_the_cause_without_the_wrapping(exc, reason):
    assert client_mod._short_reason(exc) == reason


def test_transport_error_names_the_request_and_the_whole_cause():
    client, _session, _clock = make_client(requests.ConnectionError(REFUSED), retries=0)
    with pytest.raises(TransportError) as caught:
        client.get("/v2/droplets", params={"tag_name": "production-web-frontend-servers-in-nyc3"})
    assert str(caught.value) == (
        "Could not reach the DigitalOcean API at https://api.digitalocean.com for GET /v2/droplets after 1 "
        "attempts: ConnectionError (NewConnectionError): Failed to establish a new connection: [Errno 111] "
        "Connection refused")


def test_uncertain_post_names_the_request_and_the_cause():
    client, _session, _clock = make_client(requests.exceptions.ConnectTimeout(CONNECT_TIMEOUT))
    with pytest.raises(UncertainOutcomeError) as caught:
        client.post("/v2/droplets", {"name": "web"})
    assert str(caught.value) == (
        "No answer from the DigitalOcean API for POST /v2/droplets (ConnectTimeout (ConnectTimeoutError): "
        "Connection to api.digitalocean.com timed out. (connect timeout=30)); the request may have taken effect")


def test_a_long_cause_is_cut_at_a_word_with_its_start_kept():
    long_cause = ("HTTPSConnectionPool(host='api.digitalocean.com', port=443): Max retries exceeded with url: "
                  "/v2/droplets (Caused by ProxyError('Unable to connect to proxy', OSError('Tunnel connection "
                  "failed: 407 Proxy Authentication Required from the corporate gateway at egress-proxy-"
                  "frankfurt-02.internal.example.com, which refused the credentials it was configured with for "
                  "this client and asked for them again')))")
    reason = client_mod._short_reason(requests.exceptions.ProxyError(long_cause))
    assert reason.startswith("ProxyError: 'Unable to connect to proxy', OSError('Tunnel connection failed: 407 "
                             "Proxy Authentication Required")
    assert reason.endswith(" ...")
    shown = reason[len("ProxyError: "):-len(" ...")]
    assert len(shown) <= REASON_LIMIT
    assert long_cause.split("(Caused by ProxyError(", 1)[1].startswith(shown)
    following = long_cause.split(shown, 1)[1]
    assert following[0] in " ,;.", "cut inside a word: %r | %r" % (shown[-20:], following[:20])


@pytest.mark.parametrize("text, limit, expected", [
    ("short enough", 20, "short enough"),
    ("Connection reset by peer. The server closed the connection while the answer was read", 40,
     "Connection reset by peer. ..."),
    ("Connection reset by peer while the answer of the server was being read", 40,
     "Connection reset by peer while the ..."),
    ("averyveryverylongwordwithoutanyspaceinsideitatall", 20, "averyveryverylongwor ..."),
])
def test_shorten_cuts_at_a_sentence_or_a_word(text, limit, expected):
    assert shorten(text, limit) == expected
