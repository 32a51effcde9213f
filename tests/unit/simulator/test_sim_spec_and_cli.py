"""Derived spec, route coverage and the command line entry point."""
import json
import os
import socket
import subprocess
import sys
import time

import pytest
import requests

from tests.simulator import routing
from tests.simulator.resources import load_all
from tests.simulator.validation import SPEC_PATH

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SOURCE = os.path.join(ROOT, "..", "shared", "openapi", "digitalocean-v2.openapi.json")


def test_every_route_is_a_spec_operation():
    load_all()
    with open(SPEC_PATH) as fh:
        spec = json.load(fh)
    missing = [(r.method, r.template) for r in routing.ROUTES
               if r.method.lower() not in spec["paths"].get(r.template, {})]
    assert missing == []
    assert len(routing.ROUTES) >= 45


def test_derived_spec_quirks_are_fixed():
    with open(SPEC_PATH) as fh:
        spec = json.load(fh)
    text = json.dumps(spec)
    assert "x-codeSamples" not in text and '"example"' not in text
    assert all(p.startswith("/v2/") for p in spec["paths"])
    for name in ("ssh_key_id", "ssh_key_fingerprint"):
        assert "readOnly" not in spec["components"]["schemas"][name]
    assert "maximum" not in spec["components"]["parameters"]["per_page"]["schema"]


@pytest.mark.skipif(not os.path.exists(SOURCE), reason="upstream spec not available")
def test_derive_script_reproduces_the_committed_copy(tmp_path):
    out = tmp_path / "derived.json"
    subprocess.check_call([sys.executable, os.path.join(ROOT, "tests", "simulator", "tools", "derive_spec.py"),
                           SOURCE, str(out)], cwd=ROOT, stdout=subprocess.DEVNULL)
    with open(SPEC_PATH, "rb") as committed:
        assert out.read_bytes() == committed.read()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_command_line_starts_fast_and_honours_token(tmp_path):
    port = _free_port()
    env = dict(os.environ, SIM_TOKEN="cli-token", PYTHONPATH=ROOT)
    start = time.time()
    proc = subprocess.Popen([sys.executable, "-m", "tests.simulator", "--host", "127.0.0.1",
                             "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.05).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.time() - start < 10
                time.sleep(0.01)
        listening = time.time() - start
        assert listening < 3, listening
        url = "http://127.0.0.1:%d" % port
        assert requests.get(url + "/v2/account", headers={"Authorization": "Bearer cli-token"}).status_code == 200
        assert requests.get(url + "/v2/account", headers={"Authorization": "Bearer sim-token"}).status_code == 401
        print("command line simulator listening after %.3fs" % listening)
    finally:
        proc.terminate()
        proc.wait(10)


def test_in_process_start_is_fast():
    from tests.simulator.server import Simulator
    start = time.time()
    sim = Simulator(port=0, token="t", action_seconds=0.1)
    sim.start()
    started = time.time() - start
    try:
        assert started < 0.5, started
        assert sim.url.startswith("http://127.0.0.1:")
        assert requests.get(sim.url + "/_sim/config").json()["action_seconds"] == 0.1
    finally:
        sim.stop()
    with pytest.raises(TypeError):
        Simulator(bogus=1)
