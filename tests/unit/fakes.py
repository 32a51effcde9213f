# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Test doubles for the HTTP layer: a scripted requests-like session and a fake clock.

No network and no real sleeping: FakeSession answers from a script and records every request;
FakeClock.sleep records the delay and moves the fake time forward.
"""

from __future__ import annotations

import datetime
import http
import json as jsonlib
from urllib.parse import urlsplit

from requests.structures import CaseInsensitiveDict

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanClient

API = "https://api.digitalocean.com"
TOKEN = "dop_v1_UNIT-TEST-SECRET-7f3c9a1b2d4e"
START = 1_700_000_000.0
MUTATING = ("POST", "PUT", "PATCH", "DELETE")


class FakeClock:
    """Wall-clock time and monotonic time in one; sleep() only advances it."""

    def __init__(self, now=START):
        self.now = float(now)
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        assert seconds >= 0, "negative sleep %r" % seconds
        self.sleeps.append(seconds)
        self.now += seconds

    @property
    def slept(self):
        return sum(self.sleeps)


class FakeResponse:
    def __init__(self, status=200, body=None, headers=None, text=None, reason=None):
        self.status_code = status
        self.headers = CaseInsensitiveDict(headers or {})
        if text is not None:
            self.content = text.encode("utf-8")
        elif body is None:
            self.content = b""
        else:
            self.content = jsonlib.dumps(body).encode("utf-8")
        try:
            default_reason = http.HTTPStatus(status).phrase
        except ValueError:
            default_reason = ""
        self.reason = default_reason if reason is None else reason

    def json(self):
        return jsonlib.loads(self.content.decode("utf-8"))


def reply(status=200, body=None, **headers):
    """FakeResponse with headers given as keyword arguments (retry_after -> retry-after)."""
    return FakeResponse(status, body, {name.replace("_", "-"): str(value) for name, value in headers.items()})


def error(status, error_id=None, message="something went wrong", **headers):
    body = {"id": error_id or "error", "message": message}
    return reply(status, body, **headers)


class Recorded:
    def __init__(self, method, url, params, json, timeout, headers, at):
        self.method = method
        self.url = url
        self.path = urlsplit(url).path
        self.params = params
        self.json = json
        self.timeout = timeout
        self.headers = headers
        self.at = at

    def __repr__(self):
        return "<%s %s params=%r json=%r>" % (self.method, self.url, self.params, self.json)


class FakeSession:
    """A stand-in for requests.Session.

    Outcomes (a FakeResponse, an exception instance to raise, or a callable taking the Recorded
    request) come from routes added with on(method, path, *outcomes) - consumed in order, the last
    one repeating - or else from the plain queue given to the constructor. A request nothing
    answers fails the test.
    """

    def __init__(self, *queue, clock=None):
        self.headers = CaseInsensitiveDict()
        self.verify = True
        self.queue = list(queue)
        self.routes = {}
        self.requests = []
        self.clock = clock

    def on(self, method, path, *outcomes):
        assert outcomes, "a route needs at least one outcome"
        self.routes[(method.upper(), path)] = list(outcomes)
        return self

    def request(self, method, url, params=None, json=None, timeout=None):
        recorded = Recorded(method, url, params, json, timeout, dict(self.headers),
                            self.clock() if self.clock else None)
        self.requests.append(recorded)
        outcome = self._next(recorded)
        if isinstance(outcome, BaseException):
            raise outcome
        if callable(outcome):
            outcome = outcome(recorded)
        return outcome

    def _next(self, recorded):
        route = self.routes.get((recorded.method, recorded.path))
        if route is not None:
            return route.pop(0) if len(route) > 1 else route[0]
        if self.queue:
            return self.queue.pop(0)
        raise AssertionError("unexpected request %r" % (recorded,))

    # -- what was sent ---------------------------------------------------------------------------

    @property
    def calls(self):
        return ["%s %s" % (r.method, r.path) for r in self.requests]

    def sent(self, method=None, path=None):
        return [r for r in self.requests
                if (method is None or r.method == method) and (path is None or r.path == path)]

    @property
    def mutating(self):
        return [r for r in self.requests if r.method in MUTATING]


def make_client(*queue, session=None, clock=None, api_url=API, token=TOKEN, **kwargs):
    """A real DigitalOceanClient on a FakeSession and a FakeClock; returns (client, session, clock)."""
    clock = clock or FakeClock()
    session = session or FakeSession(*queue, clock=clock)
    if session.clock is None:
        session.clock = clock
    client = DigitalOceanClient(token=token, api_url=api_url, session=session, sleep=clock.sleep,
                                clock=clock, **kwargs)
    return client, session, clock


def iso(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_iso(offset_seconds=0):
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=offset_seconds)
    return iso(moment)


def action(action_id, action_type, status="completed", started_at=None, resource_id=1,
           resource_type="droplet"):
    return {
        "id": action_id,
        "type": action_type,
        "status": status,
        "started_at": started_at or now_iso(),
        "completed_at": None,
        "resource_id": resource_id,
        "resource_type": resource_type,
        "region_slug": "nyc3",
    }
