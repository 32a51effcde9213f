# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Test doubles for the HTTP layer: a scripted requests-like session and a fake clock.

No network and no real sleeping: FakeSession answers from a script and records every request;
FakeClock.sleep records the delay and moves the fake time forward. module_engine runs a declaration
with the params its module would pass (module_params), on such a session.
"""

from __future__ import annotations

import copy
import datetime
import functools
import http
import importlib
import json as jsonlib
from unittest import mock
from urllib.parse import urlsplit

from requests.structures import CaseInsensitiveDict

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanClient
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ResourceEngine
from ansible_collections.fathom.digitalocean.plugins.module_utils.sets import SetReconciler, SetSpec

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

    def request(self, method, url, params=None, json=None, timeout=None, headers=None):
        recorded = Recorded(method, url, params, json, timeout, dict(self.headers, **(headers or {})),
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


# -- driving a declaration the way its module does ----------------------------------------------------

MODULES = "ansible_collections.fathom.digitalocean.plugins.modules."


class _OptionsCaptured(Exception):
    pass


@functools.lru_cache(maxsize=None)
def module_options(module_name):
    """The options of plugins/modules/<module_name>.py as its main() declares them to DigitalOceanModule,
    with wait and wait_timeout when the module waits (the connection options are left out)."""
    # Imported here: it brings in AnsibleModule, which the other users of these doubles do not need.
    from ansible_collections.fathom.digitalocean.plugins.module_utils.module import wait_argument_spec

    module = importlib.import_module(MODULES + module_name)
    captured = {}
    built = []

    class Capture:
        def __init__(self, argument_spec, waits=True, **kwargs):
            built.append(True)
            if waits:
                captured.update(wait_argument_spec())
            captured.update(argument_spec)
            raise _OptionsCaptured()

    with mock.patch.object(module, "DigitalOceanModule", Capture):
        try:
            module.main()
        except _OptionsCaptured:
            pass
    # A module may have no option of its own (account_info): that it built one is what counts.
    assert built, "%s.main() did not build a DigitalOceanModule" % module_name
    return captured


def module_params(module_name, /, **options):
    """The params Ansible hands the module: every option, the given ones as given (with their
    sub-options filled in), the others at their default or None."""
    declared = module_options(module_name)
    unknown = sorted(set(options) - set(declared))
    assert not unknown, "module %s has no option %s" % (module_name, ", ".join(unknown))
    return _filled(declared, options, module_name)


def _filled(declared, given, where):
    unknown = sorted(set(given) - set(declared))
    assert not unknown, "%s has no sub-option %s" % (where, ", ".join(unknown))
    params = {}
    for name, option in declared.items():
        value = given[name] if name in given else copy.deepcopy(option.get("default"))
        params[name] = _with_suboptions(option, value, "%s.%s" % (where, name))
    return params


def _with_suboptions(option, value, where):
    suboptions = option.get("options")
    if not suboptions or value is None:
        return value
    if option.get("type") == "list":
        return [_filled(suboptions, item, "%s[%d]" % (where, index)) for index, item in enumerate(value)]
    return _filled(suboptions, value, where)


def module_engine(declaration, module_name, /, check_mode=False, retries=5, warn=None, mask=None, **options):
    """What the module runs for a declaration, on a FakeSession: a ResourceEngine, or a SetReconciler
    for a set, with module_params(module_name, **options). Returns (engine, session, clock)."""
    clock = FakeClock()
    client, session, _clock = make_client(clock=clock, retries=retries)
    params = module_params(module_name, **options)
    if isinstance(declaration, SetSpec):
        assert mask is None, "a set takes no mask"
        engine = SetReconciler(declaration, client, params, check_mode=check_mode, warn=warn, sleep=clock.sleep)
    else:
        engine = ResourceEngine(declaration, client, params, check_mode=check_mode, warn=warn, sleep=clock.sleep,
                                mask=mask)
    return engine, session, clock


def check_then_run(declaration, module_name, script, /, **options):
    """The same task in check mode and for real, each on a session prepared by script(session).

    Returns (predicted, check_session, done, real_session).
    """
    check, check_session, _clock = module_engine(declaration, module_name, check_mode=True, **options)
    script(check_session)
    predicted = check.run()
    real, real_session, _clock = module_engine(declaration, module_name, **options)
    script(real_session)
    done = real.run()
    return predicted, check_session, done, real_session


def listing(key, *items):
    """A one-page list answer: {key: items, links: {}, meta: {total}}."""
    return reply(200, {key: list(items), "links": {}, "meta": {"total": len(items)}})


def writes(session):
    """The mutating requests sent, as (method, path, body), in order."""
    return [(r.method, r.path, r.json) for r in session.mutating]


def serve_actions(session, actions_path, first_id=100, resource_type="droplet"):
    """POST actions_path answers an in-progress action whose GET /v2/actions/{id} then says completed.

    Returns the list the posted bodies are appended to.
    """
    posted = []

    def post(request):
        action_id = first_id + len(posted) + 1
        posted.append(request.json)
        completed = action(action_id, request.json["type"], "completed", resource_type=resource_type)
        session.on("GET", "/v2/actions/%d" % action_id, reply(200, {"action": completed}))
        in_progress = action(action_id, request.json["type"], "in-progress", resource_type=resource_type)
        return reply(201, {"action": in_progress})

    session.on("POST", actions_path, post)
    return posted


def module_info(module_name, script, /, mask=None, **options):
    """Run the _info module's main() with these options on a FakeSession prepared by script(session):
    its own filters, query, expand and extras reach the engine. Returns (result, session)."""
    client, session, clock = make_client()
    script(session)
    module = importlib.import_module(MODULES + module_name)
    outcome = {}

    class InfoModule:
        def __init__(self, argument_spec, waits=True, **kwargs):
            self.params = module_params(module_name, **options)

        def run_info(self, spec, filters=None, query=None, expand=None, extras=None):
            engine = ResourceEngine(spec, client, self.params, sleep=clock.sleep, mask=mask)
            outcome["result"] = engine.run_info(filters or {}, query, expand, extras)

    with mock.patch.object(module, "DigitalOceanModule", InfoModule):
        module.main()
    return outcome["result"], session
