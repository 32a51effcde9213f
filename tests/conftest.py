"""Shared pytest fixtures: the DigitalOcean API simulator.

* ``sim_server`` (session): one in-process simulator on a free port
  (action_seconds=0.2, boot_seconds=0.3, strict), stopped at the end of the session; realism off
  here, and on (the fast preset) for tests/integration, whose conftest overrides it.
* ``simulator`` (function): resets the simulator before the test and returns
  a :class:`SimulatorClient` helper (see its docstring).
"""
import os
import sys

import pytest
import requests

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from tests.simulator.server import Simulator  # noqa: E402

SIM_TOKEN = "sim-test-token"
MUTATING_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# The realism knobs that delay what the API shows or accepts after a change.
SETTLING_KNOBS = ("consistency_seconds", "busy_after_seconds", "ipv4_delay_seconds", "dependant_release_seconds",
                  "firewall_apply_seconds")


class SimulatorClient(object):
    """Helper around a running simulator.

    Attributes: ``url`` (e.g. http://127.0.0.1:PORT), ``token``, ``server``
    (the in-process :class:`Simulator`).  Methods:

    * ``reset()``                         POST /_sim/reset
    * ``seed(kind="droplets", count=1, **kw)`` -> list of created ids
    * ``requests()``                      API request log (list of dicts with
      method, path, query, status; ``dropped: True`` for dropped answers)
    * ``clear_requests()``
    * ``mutating_requests()``             log entries with POST/PUT/PATCH/DELETE
    * ``faults(**kw)`` / ``clear_faults()``   PUT / DELETE /_sim/faults
    * ``config(**kw)``                    PUT /_sim/config (no kwargs: GET) -> config
    * ``state(kind)``                     raw stored objects of a kind (list)
    * ``settle()``                        move simulated time past the consistency window
    * ``api(method, path, json=None, params=None)`` -> (status, body or None)
    """

    def __init__(self, server, url, token):
        self.server = server
        self.url = url
        self.token = token
        self.http = requests.Session()

    def _ctl(self, method, path, payload=None):
        resp = self.http.request(method, self.url + "/_sim/" + path, json=payload, timeout=60)
        if resp.status_code >= 400:
            raise AssertionError("simulator control %s %s failed: %s %s"
                                 % (method, path, resp.status_code, resp.text))
        return resp.json()

    def reset(self):
        self._ctl("POST", "reset")

    def seed(self, kind="droplets", count=1, **kw):
        payload = dict(kw, kind=kind, count=count)
        return self._ctl("POST", "seed", payload)["ids"]

    def requests(self):
        return self._ctl("GET", "requests")["requests"]

    def clear_requests(self):
        self._ctl("DELETE", "requests")

    def mutating_requests(self):
        return [r for r in self.requests() if r["method"] in MUTATING_METHODS]

    def faults(self, **kw):
        return self._ctl("PUT", "faults", kw)

    def clear_faults(self):
        self._ctl("DELETE", "faults")

    def config(self, **kw):
        if kw:
            return self._ctl("PUT", "config", kw)
        return self._ctl("GET", "config")

    def settle(self):
        """Move the simulated time past the realism knobs' windows (a new resource missing from
        lists, a droplet busy after an event, ...), so that what the test reads or does next meets
        the API once it has caught up: tests check outcomes, not the lag."""
        config = self.config()
        delay = max([config.get(knob) or 0 for knob in SETTLING_KNOBS])
        if delay:
            self._ctl("POST", "clock", {"advance": delay})

    def state(self, kind):
        return self._ctl("GET", "state/" + kind)[kind]

    def api(self, method, path, json=None, params=None, token=None):
        headers = {"Authorization": "Bearer %s" % (token or self.token)}
        url = path if path.startswith("http") else self.url + path
        resp = self.http.request(method, url, json=json, params=params, headers=headers,
                                 timeout=60)
        body = None
        if resp.content:
            try:
                body = resp.json()
            except ValueError:
                body = resp.text
        return resp.status_code, body


def running_simulator(realism):
    """A started simulator (strict, quick actions) with the given realism, stopped at the end.

    SIM_VALIDATE_RESPONSES=1 checks every simulator answer against the spec and fails the
    session's last teardown if any answer did not match.
    """
    check = os.environ.get("SIM_VALIDATE_RESPONSES", "") not in ("", "0")
    server = Simulator(host="127.0.0.1", port=0, token=SIM_TOKEN, realism=realism, strict=True,
                       action_seconds=0.2, boot_seconds=0.3, validate_responses=check)
    server.start()
    server.validator.wait_ready()
    try:
        yield server
    finally:
        server.stop()
    if check:
        problems = list(server.all_response_problems)
        assert problems == [], problems


@pytest.fixture(scope="session")
def sim_server():
    """The simulator without its realism knobs: the simulator's own tests set the knobs they test."""
    yield from running_simulator(realism=False)


@pytest.fixture
def simulator(sim_server):
    client = SimulatorClient(sim_server, sim_server.url, sim_server.token)
    client.reset()
    try:
        yield client
    finally:
        client.http.close()
