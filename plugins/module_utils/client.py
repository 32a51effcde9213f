# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP client for the DigitalOcean API v2.

One session per run, pagination, rate limits, retries and errors live here and nowhere else.
"""

from __future__ import annotations

import copy
import ipaddress
import os
import random
import re
import threading
import time

try:
    from urllib.parse import parse_qsl, urlsplit
except ImportError:  # pragma: no cover - Python 2 is not supported
    parse_qsl = urlsplit = None

try:
    import requests

    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised only without requests
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc


DEFAULT_API_URL = "https://api.digitalocean.com"
TOKEN_ENV_VARS = (
    "DIGITALOCEAN_ACCESS_TOKEN",
    "DIGITALOCEAN_TOKEN",
    "DO_API_TOKEN",
    "DO_API_KEY",
    "DO_OAUTH_TOKEN",
    "OAUTH_TOKEN",
)
API_URL_ENV_VAR = "DIGITALOCEAN_API_URL"
PER_PAGE = 200
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "PATCH", "DELETE"))
RETRYABLE_STATUSES = frozenset((500, 502, 503, 504))
# Below this many remaining requests in the window, requests are spread out until the reset.
RATE_LIMIT_LOW_WATER = 10
MAX_RATE_LIMIT_WAIT = 3600.0
USER_AGENT = "fathom.digitalocean/0.1.0"
# Longest cause a connection error message quotes from the HTTP library.
REASON_LIMIT = 200


class DigitalOceanError(Exception):
    """Base of every error this collection raises about the API."""


class ConfigurationError(DigitalOceanError):
    """The client cannot be built from the options given."""


class DigitalOceanAPIError(DigitalOceanError):
    """The API answered with an error status."""

    def __init__(self, status, error_id, message, request_id=None, method=None, path=None):
        self.status = status
        self.error_id = error_id or "error"
        self.api_message = message or ""
        self.request_id = request_id
        self.method = method
        self.path = path
        super().__init__(self.describe())

    def describe(self):
        where = "%s %s" % (self.method, self.path) if self.method else ""
        details = [part for part in (where, "request_id %s" % self.request_id if self.request_id else "") if part]
        suffix = " (%s)" % ", ".join(details) if details else ""
        return "DigitalOcean API %s %s: %s%s" % (self.status, self.error_id, self.api_message, suffix)

    def as_failure(self):
        return {
            "status": self.status,
            "id": self.error_id,
            "message": self.api_message,
            "request_id": self.request_id,
            "method": self.method,
            "path": self.path,
        }


class TransportError(DigitalOceanError):
    """No usable answer came back: connection error, timeout, or exhausted server errors."""

    def __init__(self, message, method=None, path=None):
        self.method = method
        self.path = path
        super().__init__(message)


class UncertainOutcomeError(TransportError):
    """A non-idempotent request may or may not have taken effect.

    Raised for a POST that got a connection error, a timeout or a 5xx. The caller must find out
    whether the change happened before it sends the request again.
    """


def env_fallback_token():
    for name in TOKEN_ENV_VARS:
        value = os.environ.get(name)
        if value:
            return value
    return None


def clean_token(token):
    """The token as the Authorization header carries it, or "" when there is none.

    Surrounding whitespace goes (the newline of an echo'd vault value, a ``token: |`` block, a
    CRLF file). A token that still holds whitespace, a control character or a character that is
    not ASCII is refused before it reaches a header, whose errors would print it; the message
    names the problem, never the token.
    """
    token = (token or "").strip()
    if any(char.isspace() or not char.isprintable() for char in token):
        raise ConfigurationError("The API token holds a whitespace or control character inside it; give the "
                                 "token alone (the token option or its environment variable; it is not shown)")
    if not token.isascii():
        raise ConfigurationError("The API token holds a character that is not ASCII; give the token alone "
                                 "(the token option or its environment variable; it is not shown)")
    return token


def normalize_api_url(api_url):
    url = (api_url or os.environ.get(API_URL_ENV_VAR) or DEFAULT_API_URL).strip().rstrip("/")
    if url.endswith("/v2"):
        url = url[: -len("/v2")]
    parts = urlsplit(url)
    # Checked first, so that no message below echoes the credentials.
    if "@" in (parts.netloc or url.split("/", 1)[0]):
        raise ConfigurationError("api_url must not hold credentials (user:password@); give the API token with "
                                 "the token option (the URL is not shown)")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError("api_url must be an http:// or https:// URL, got %r" % url)
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise ConfigurationError("api_url must have a port from 1 to 65535, got %r" % url)
    return url


def is_loopback_host(hostname):
    if hostname in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def _float_header(headers, name):
    value = headers.get(name)
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class RetryPolicy:
    """Capped exponential backoff with jitter."""

    def __init__(self, retries=5, max_delay=30.0, base_delay=0.5, rng=None):
        self.retries = max(0, int(retries))
        self.max_delay = float(max_delay)
        self.base_delay = base_delay
        self.rng = rng or random.Random()

    def backoff(self, attempt):
        ceiling = min(self.max_delay, self.base_delay * (2 ** attempt))
        return self.rng.uniform(ceiling / 2.0, ceiling)


class DigitalOceanClient:
    """A requests-based client. All requests of one module run share one keep-alive session."""

    def __init__(
        self,
        token,
        api_url=None,
        timeout=30,
        retries=5,
        retry_max_delay=30,
        validate_certs=True,
        warn=None,
        sleep=time.sleep,
        clock=time.time,
        session=None,
        user_agent=USER_AGENT,
    ):
        if not HAS_REQUESTS:
            raise ConfigurationError("the Python library 'requests' is required: %s" % REQUESTS_IMPORT_ERROR)
        token = clean_token(token)
        if not token:
            raise ConfigurationError(
                "No DigitalOcean API token: set the token option or one of the environment variables %s"
                % ", ".join(TOKEN_ENV_VARS)
            )
        # The modules and the plugins check these options with their own messages; this is the
        # last word for every other caller.
        if timeout is None or timeout <= 0:
            raise ConfigurationError("timeout must be a positive number of seconds, got %r" % (timeout,))
        if retries is None or retries < 0:
            raise ConfigurationError("api_retries must be at least 0, got %r" % (retries,))
        self.base_url = normalize_api_url(api_url)
        parts = urlsplit(self.base_url)
        if parts.scheme == "http" and not is_loopback_host(parts.hostname):
            raise ConfigurationError(
                "Refusing to send the API token over plain http:// to %s; use https:// "
                "(plain http is allowed only for loopback addresses)" % parts.hostname
            )
        self._warn = warn or (lambda message: None)
        if not validate_certs and parts.scheme == "https":
            self._warn("validate_certs is false: the API's TLS certificate is not verified")
        self.timeout = timeout
        self.policy = RetryPolicy(retries=retries, max_delay=retry_max_delay)
        self.sleep = sleep
        self.clock = clock
        self.session = session or requests.Session()
        self.session.verify = bool(validate_certs)
        self.session.headers.update(
            {
                "Authorization": "Bearer %s" % token,
                "Content-Type": "application/json",
                "Accept": "application/json",
                "User-Agent": user_agent,
            }
        )
        self.request_count = 0
        self.last_rate_limit = {}

    # -- low level -----------------------------------------------------------------------------

    def url_for(self, path):
        if path.startswith("http://") or path.startswith("https://"):
            return path
        return self.base_url + path

    def request(self, method, path, params=None, json=None, ok_statuses=None, headers=None):
        """Send one request, with retries; return the decoded JSON body (or {} when empty).

        headers: extra request headers (an API acknowledgement such as X-Dangerous), sent with
        the session's own.

        Raises DigitalOceanAPIError for an error status, UncertainOutcomeError when a POST may have
        taken effect, TransportError when retries ran out without an answer, and ConfigurationError
        when the HTTP library refuses a header (its message would quote the token).
        """
        method = method.upper()
        url = self.url_for(path)
        display_path = urlsplit(url).path
        attempt = 0
        while True:
            self._pace()
            try:
                self.request_count += 1
                extra = {"headers": headers} if headers else {}
                response = self.session.request(method, url, params=params, json=json, timeout=self.timeout, **extra)
            except ValueError as exc:
                if not _is_header_error(exc):
                    raise
                # The library's message quotes the header, and the Authorization header is the token.
                raise ConfigurationError(
                    "Could not send %s %s: a request header holds a value HTTP does not allow (%s); check the "
                    "token option (header values are not shown)" % (method, display_path, type(exc).__name__)
                ) from None
            except (requests.ConnectionError, requests.Timeout) as exc:
                reason = _short_reason(exc)
                if method not in IDEMPOTENT_METHODS:
                    raise UncertainOutcomeError(
                        "No answer from the DigitalOcean API for %s %s (%s); the request may have taken effect"
                        % (method, display_path, reason),
                        method,
                        display_path,
                    )
                if attempt >= self.policy.retries:
                    raise TransportError(
                        "Could not reach the DigitalOcean API at %s for %s %s after %d attempts: %s"
                        % (self.base_url, method, display_path, attempt + 1, reason),
                        method,
                        display_path,
                    )
                self.sleep(self.policy.backoff(attempt))
                attempt += 1
                continue

            self._remember_rate_limit(response.headers)
            status = response.status_code
            if status == 429 and attempt < self.policy.retries:
                self.sleep(self._rate_limit_delay(response.headers, attempt))
                # That wait already respected the window; do not pace on top of it.
                self.last_rate_limit = {}
                attempt += 1
                continue
            if status in RETRYABLE_STATUSES:
                if method not in IDEMPOTENT_METHODS:
                    error = self._api_error(response, method, display_path)
                    raise UncertainOutcomeError(
                        "%s; the request may have taken effect" % error, method, display_path
                    )
                if attempt < self.policy.retries:
                    self.sleep(self.policy.backoff(attempt))
                    attempt += 1
                    continue
            if status >= 400 and not (ok_statuses and status in ok_statuses):
                raise self._api_error(response, method, display_path)
            return _decode(response)

    def get(self, path, params=None, ok_statuses=None):
        return self.request("GET", path, params=params, ok_statuses=ok_statuses)

    def post(self, path, json=None, params=None):
        return self.request("POST", path, params=params, json=json if json is not None else {})

    def put(self, path, json=None):
        return self.request("PUT", path, json=json if json is not None else {})

    def patch(self, path, json=None):
        return self.request("PATCH", path, json=json if json is not None else {})

    def delete(self, path, params=None, json=None, ok_statuses=None, headers=None):
        return self.request("DELETE", path, params=params, json=json, ok_statuses=ok_statuses, headers=headers)

    def post_once(self, path, body, recover=None):
        """POST that is never applied twice; see send_once."""
        return send_once(lambda: self.post(path, body), recover, self.policy, self.sleep)

    def get_or_none(self, path, params=None):
        """GET a single object; None when the API answers 404."""
        try:
            return self.get(path, params=params)
        except DigitalOceanAPIError as exc:
            if exc.status == 404:
                return None
            raise

    # -- pagination ----------------------------------------------------------------------------

    def paginate(self, path, key, params=None):
        """Return every item of a list endpoint: per_page=200, following links.pages.next."""
        first = self._first_page(path, params)[0]
        items = list(first.get(key) or [])
        for page in self._follow(self._same_origin(_next_link(first)), key):
            items.extend(page)
        return items

    def _first_page(self, path, params):
        query = dict(params or {})
        query.setdefault("per_page", PER_PAGE)
        return self.get(path, params=query), query

    def paginate_concurrent(self, path, key, params=None, workers=4):
        """Every item of a list endpoint, like paginate(), with pages 2..N fetched concurrently.

        The first page is fetched alone; once its meta.total (or links.pages.last) tells how many
        pages there are, the rest are fetched by at most ``workers`` threads, each through
        request(), so retries, 429 handling and pacing apply to every page. Pages are assembled in
        page order, so the result is the same list paginate() returns. When the answer does not
        say how many pages there are, or workers is 1, pages are followed one by one.

        The workers share this client's keep-alive session: they only send GETs without a body,
        and requests' connection pool (urllib3) is thread-safe; its default pool keeps 10
        connections per host, so up to 10 workers reuse their connections. Each worker keeps its
        own rate-limit pacing state and request count, added to this client's at the end.
        """
        first, query = self._first_page(path, params)
        items = list(first.get(key) or [])
        next_url = self._same_origin(_next_link(first))
        if not next_url:
            return items
        pages = _page_count(first, len(items))
        workers = max(1, int(workers or 1))
        if pages is None or pages < 2 or workers == 1:
            for page in self._follow(next_url, key):
                items.extend(page)
            return items

        results = {}
        clones = []
        lock = threading.Lock()
        pending = list(range(2, pages + 1))
        errors = []

        def work():
            clone = self._worker_clone()
            with lock:
                clones.append(clone)
            while True:
                with lock:
                    if errors or not pending:
                        return
                    number = pending.pop(0)
                try:
                    body = clone.get(path, params=dict(query, page=number))
                except BaseException as exc:  # first failure stops the other workers
                    with lock:
                        errors.append((number, exc))
                    return
                with lock:
                    results[number] = body

        threads = [threading.Thread(target=work, name="do-page-%d" % n, daemon=True)
                   for n in range(min(workers, pages - 1))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for clone in clones:
            self.request_count += clone.request_count
            if clone.last_rate_limit:
                self.last_rate_limit = dict(clone.last_rate_limit)
        if errors:
            raise min(errors, key=lambda pair: pair[0])[1]

        last = first
        for number in range(2, pages + 1):
            last = results[number]
            items.extend(last.get(key) or [])
        # Items added while paging: keep following, exactly as a sequential walk would.
        next_url = self._same_origin(_next_link(last))
        if next_url:
            for page in self._follow(next_url, key):
                items.extend(page)
        return items

    def _follow(self, next_url, key):
        while next_url:
            body = self.get(next_url)
            yield body.get(key) or []
            next_url = self._same_origin(_next_link(body))

    def _worker_clone(self):
        """A client for one worker thread: same session and settings, own counters."""
        clone = copy.copy(self)
        clone.request_count = 0
        clone.last_rate_limit = dict(self.last_rate_limit)
        clone.policy = RetryPolicy(retries=self.policy.retries, max_delay=self.policy.max_delay,
                                   base_delay=self.policy.base_delay)
        return clone

    def _same_origin(self, link):
        """Follow a pagination link on our own base URL, never on a host the link names.

        The token goes only where api_url points, and a proxy in front of the API keeps working.
        """
        if not link:
            return None
        parts = urlsplit(link)
        return self.base_url + parts.path + ("?" + parts.query if parts.query else "")

    # -- rate limits ---------------------------------------------------------------------------

    def _remember_rate_limit(self, headers):
        remaining = _float_header(headers, "ratelimit-remaining")
        reset = _float_header(headers, "ratelimit-reset")
        if remaining is not None:
            self.last_rate_limit = {"remaining": remaining, "reset": reset,
                                    "limit": _float_header(headers, "ratelimit-limit")}

    def _rate_limit_delay(self, headers, attempt):
        retry_after = _float_header(headers, "retry-after")
        if retry_after is not None:
            return min(max(retry_after, 0.0), MAX_RATE_LIMIT_WAIT)
        reset = _float_header(headers, "ratelimit-reset")
        if reset is not None:
            return min(max(reset - self.clock(), 0.0) + 0.1, MAX_RATE_LIMIT_WAIT)
        return self.policy.backoff(attempt)

    def _pace(self):
        """Slow down early when the window is nearly used up, instead of running into 429s."""
        remaining = self.last_rate_limit.get("remaining")
        reset = self.last_rate_limit.get("reset")
        if remaining is None or reset is None or remaining > RATE_LIMIT_LOW_WATER:
            return
        window_left = reset - self.clock()
        if window_left <= 0:
            return
        self.sleep(min(window_left / (remaining + 1.0), self.policy.max_delay))

    # -- errors --------------------------------------------------------------------------------

    @staticmethod
    def _api_error(response, method, path):
        body = _decode(response, strict=False)
        error_id = body.get("id") if isinstance(body, dict) else None
        message = body.get("message") if isinstance(body, dict) else None
        if not message:
            message = (response.reason or "").strip() or "no error message in the response"
        request_id = (body.get("request_id") if isinstance(body, dict) else None) or response.headers.get(
            "x-request-id"
        )
        return DigitalOceanAPIError(response.status_code, error_id or _status_id(response.status_code),
                                    message, request_id, method, path)


def send_once(send, recover, policy, sleep):
    """Send a request that must not take effect twice, and return its answer.

    Contract: ``send()`` sends the request once and returns the answer, or raises
    UncertainOutcomeError when no answer came back and the request may have taken effect. Then
    ``recover()`` looks for that effect (a resource found by identity, an action in the action
    list, ...) and returns what stands in for the answer, or None when the request did not take
    effect. Only then is it sent again, after the policy's backoff, at most ``policy.retries``
    more times; the last UncertainOutcomeError is raised when they run out. ``recover=None``
    means that sending again is harmless (tagging, assigning). ``send`` may send less on a later
    attempt (a batch without the items ``recover`` found), since it is called anew each time.
    Every other error propagates at once.
    """
    attempt = 0
    while True:
        try:
            return send()
        except UncertainOutcomeError:
            found = recover() if recover is not None else None
            if found is not None:
                return found
            if attempt >= policy.retries:
                raise
            sleep(policy.backoff(attempt))
            attempt += 1


def _status_id(status):
    return {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        409: "conflict",
        422: "unprocessable_entity",
        429: "too_many_requests",
    }.get(status, "server_error" if status >= 500 else "error")


def _decode(response, strict=True):
    if response.status_code == 204 or not response.content:
        return {}
    try:
        return response.json()
    except ValueError:
        if strict:
            raise TransportError(
                "The DigitalOcean API answered %s with a body that is not JSON" % response.status_code
            )
        return {}


def _next_link(body):
    links = body.get("links") or {}
    pages = links.get("pages") or {}
    return pages.get("next")


def _page_count(body, page_size):
    """How many pages a list has, from meta.total (or the page number of links.pages.last)."""
    total = (body.get("meta") or {}).get("total")
    if isinstance(total, int) and page_size > 0:
        return max(1, -(-total // page_size))
    last = ((body.get("links") or {}).get("pages") or {}).get("last")
    if last:
        for name, value in parse_qsl(urlsplit(last).query):
            if name == "page" and value.isdigit():
                return int(value)
    return None


def _is_header_error(exc):
    """Whether requests or http.client refused a header value (the ValueError each raises)."""
    return (isinstance(exc, (requests.exceptions.InvalidHeader, UnicodeEncodeError))
            or str(exc).startswith("Invalid header"))


# urllib3 wraps a cause in the pool or connection that met it: "HTTPSConnectionPool(host='h',
# port=443): ", "HTTPSConnection(host='h', port=443), " or "<urllib3.connection... object at 0x..>: ".
_CONNECTION_PREFIX = re.compile(r"^(<[^<>]*>|\w*Connection(Pool)?\(host=[^()]*\))\s*[:,]\s*")
# "Max retries exceeded with url: /v2/x (Caused by NewConnectionError(...))"
_CAUSED_BY = re.compile(r"\(Caused by (\w+)\((.*)\)\)$", re.S)
# SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] ...')
_WRAPPED = re.compile(r"^(\w+)\((?:-?\d+, )?(['\"])(.*)\2\)$", re.S)
_QUOTED = re.compile(r"^(['\"])(.*)\1$", re.S)


def _innermost_cause(text):
    """(class of the innermost cause or None, its message) from requests' message."""
    cause = None
    while True:
        text = _CONNECTION_PREFIX.sub("", text.strip())
        for pattern in (_CAUSED_BY, _WRAPPED):
            found = pattern.search(text)
            if found:
                cause, text = found.group(1), found.groups()[-1]
                break
        else:
            quoted = _QUOTED.match(text)
            if not quoted:
                return cause, text
            text = quoted.group(2)


def shorten(text, limit=REASON_LIMIT):
    """text, or its beginning cut at a sentence or a word boundary within limit, marked with '...'."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence = max(cut.rfind(". "), cut.rfind("; "))
    if sentence >= limit // 2:
        return cut[:sentence + 1] + " ..."
    word = cut.rfind(" ")
    return (cut[:word] if word > 0 else cut).rstrip(" ,;:") + " ..."


def _short_reason(exc):
    """requests' class, the innermost cause's class and its message, without urllib3's wrapping
    (pool, connection, object addresses, retry count): "ConnectionError (NewConnectionError):
    Failed to establish a new connection: [Errno 111] Connection refused". The callers add the
    method and the path."""
    name = type(exc).__name__
    cause, text = _innermost_cause(str(exc))
    if cause and cause != name:
        name = "%s (%s)" % (name, cause)
    return "%s: %s" % (name, shorten(text)) if text else name
