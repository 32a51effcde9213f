"""pytest plugin of the installed simulator (entry point ``pytest11`` in pyproject.toml).

Fixtures, once ``pip install fathom-digitalocean-simulator`` is done:

* ``digitalocean_simulator_server`` (session): the simulator on 127.0.0.1 and a free port, stopped
  at the end of the session. ``--do-simulator-realism on|off|fast`` (default ``fast``: the real
  API's quirks with a tenth of its delays) and ``--do-simulator-strict`` set it up.
* ``digitalocean_simulator`` (function): resets the simulator before the test and returns a
  :class:`SimulatorControl`: ``url``, ``token``, ``env`` (``DIGITALOCEAN_API_URL`` and
  ``DIGITALOCEAN_ACCESS_TOKEN`` for ``ansible-playbook``), ``reset()``, ``seed(kind, count, **kw)``,
  ``requests()``, ``mutating_requests()``, ``config(**kw)``, ``faults(**kw)``, ``state(kind)``.

In this repository the suites use tests/conftest.py instead; the plugin is not loaded there.
"""

import importlib

import pytest
import requests

TOKEN = "sim-pytest-token"
MUTATING = ("POST", "PUT", "PATCH", "DELETE")


def pytest_addoption(parser):
    group = parser.getgroup("fathom-digitalocean-simulator")
    group.addoption("--do-simulator-realism", default="fast", choices=("on", "off", "fast"),
                    help="the simulator's realism preset (default fast)")
    group.addoption("--do-simulator-strict", action="store_true", default=False,
                    help="reject nulls, unknown fields and trailing slashes")


class SimulatorControl(object):
    """The running simulator's address and its control API (``/_sim/``)."""

    def __init__(self, server):
        self.server = server
        self.url = server.url
        self.token = server.token
        self.env = {"DIGITALOCEAN_API_URL": self.url, "DIGITALOCEAN_ACCESS_TOKEN": self.token}
        self.http = requests.Session()

    def _control(self, method, path, payload=None):
        answer = self.http.request(method, "%s/_sim/%s" % (self.url, path), json=payload, timeout=60)
        if answer.status_code >= 400:
            raise AssertionError("simulator control %s %s: %s %s" % (method, path, answer.status_code,
                                                                     answer.text))
        return answer.json()

    def reset(self):
        return self._control("POST", "reset")

    def seed(self, kind="droplets", count=1, **options):
        return self._control("POST", "seed", dict(options, kind=kind, count=count))["ids"]

    def requests(self):
        return self._control("GET", "requests")["requests"]

    def mutating_requests(self):
        return [entry for entry in self.requests() if entry["method"] in MUTATING]

    def config(self, **settings):
        return self._control("PUT", "config", settings) if settings else self._control("GET", "config")

    def faults(self, **faults):
        return self._control("PUT", "faults", faults) if faults else self._control("DELETE", "faults")

    def state(self, kind):
        return self._control("GET", "state/" + kind)[kind]

    def close(self):
        self.http.close()


def _realism(text):
    return {"on": True, "off": False}.get(text, text)


@pytest.fixture(scope="session")
def digitalocean_simulator_server(request):
    # The package sets up the tests.simulator name its modules import each other by.
    importlib.import_module(__package__)
    server_module = importlib.import_module("tests.simulator.server")
    server = server_module.Simulator(host="127.0.0.1", port=0, token=TOKEN,
                                     realism=_realism(request.config.getoption("--do-simulator-realism")),
                                     strict=request.config.getoption("--do-simulator-strict"))
    server.start()
    server.validator.wait_ready()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def digitalocean_simulator(digitalocean_simulator_server):
    control = SimulatorControl(digitalocean_simulator_server)
    control.reset()
    try:
        yield control
    finally:
        control.close()
