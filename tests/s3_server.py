"""The S3 protocol server the Spaces tests, the demo and molecule run against: moto's standalone
server (``moto[server]``, ``ThreadedMotoServer``) on 127.0.0.1.

Credentials: moto takes any access key and secret, so the keys the API simulator issues
(``/v2/spaces/keys``) work as they are: the mapping is the identity, nothing to configure.
Regions: a Space's region is its endpoint at DigitalOcean; against the server, ``spaces_endpoint``
points every region at the one server, and buckets are created with the region as their location.

``python -m tests.s3_server --port 8813`` runs it in the foreground (the demo and molecule start it
that way); the ``s3_server`` fixture starts one per test session on a free port and empties it
before each test.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import threading

import pytest

ACCESS_KEY = "DOSIMACCESSKEY000000"
SECRET_KEY = "sim-spaces-secret"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class S3Server:
    def __init__(self, port=None):
        # Imported here: only the tests that use the server need moto.
        from moto.server import ThreadedMotoServer
        self.port = port or free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.url = "http://127.0.0.1:%d" % self.port

    def start(self):
        self.server.start()
        return self

    def stop(self):
        self.server.stop()

    def reset(self):
        import requests
        requests.post(self.url + "/moto-api/reset", timeout=10).raise_for_status()

    def params(self, **options):
        """The credentials options of the Spaces modules for this server."""
        return dict(dict(spaces_access_key=ACCESS_KEY, spaces_secret_key=SECRET_KEY, spaces_endpoint=self.url,
                         region="nyc3"), **options)


@pytest.fixture(scope="session")
def s3_session_server():
    server = S3Server().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def s3_server(s3_session_server):
    s3_session_server.reset()
    return s3_session_server


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("S3_PORT", "8813")))
    args = parser.parse_args()
    server = S3Server(args.port).start()
    print("S3 server on %s (any access key and secret)" % server.url, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    server.stop()


if __name__ == "__main__":
    main()
