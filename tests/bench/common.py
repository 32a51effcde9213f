"""What the benchmarks share: community.digitalocean from PyPI, the simulator, Ansible's environment, tables.

community.digitalocean comes from the pinned `ansible` release on PyPI: its wheel is downloaded once
into build/bench/ and only that collection is extracted.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import requests

from tests.simulator.server import Simulator

ANSIBLE_RELEASE = "12.3.0"  # ships community.digitalocean 1.27.0
LATENCY_MS = 150
TOKEN = "bench-token"
BIN = Path(sys.executable).parent


def community_collection(build):
    """build/bench/collections with ansible_collections/community/digitalocean from the pinned wheel."""
    root = build / "collections"
    target = root / "ansible_collections" / "community" / "digitalocean"
    if (target / "MANIFEST.json").exists():
        return root
    download = build / "download"
    wheel = download / ("ansible-%s-py3-none-any.whl" % ANSIBLE_RELEASE)
    if not wheel.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                        "ansible==%s" % ANSIBLE_RELEASE, "-d", str(download)], check=True)
    prefix = "ansible_collections/community/digitalocean/"
    with zipfile.ZipFile(wheel) as archive:
        members = [name for name in archive.namelist() if name.startswith(prefix)]
        if not members:
            raise SystemExit("ansible %s does not ship community.digitalocean" % ANSIBLE_RELEASE)
        archive.extractall(root, members)
    return root


def collection_version(root):
    manifest = root / "ansible_collections" / "community" / "digitalocean" / "MANIFEST.json"
    return json.loads(manifest.read_text())["collection_info"]["version"]


class Control:
    """The simulator's /_sim/ control API: control("GET", "requests")."""

    def __init__(self, url):
        self.url = url
        self.http = requests.Session()

    def __call__(self, method, path, payload=None):
        response = self.http.request(method, self.url + "/_sim/" + path, json=payload, timeout=300)
        response.raise_for_status()
        return response.json()

    def reset(self, latency_ms=LATENCY_MS):
        """Empty state and request log, then add latency_ms to every API request (no failures)."""
        self("POST", "reset")
        self("PUT", "faults", {"latency_ms": latency_ms, "rate": 0})

    def requests(self):
        return self("GET", "requests")["requests"]

    def clear_requests(self):
        self("DELETE", "requests")


@contextlib.contextmanager
def simulator(**settings):
    """An in-process simulator without rate limits; yields (sim, control)."""
    options = {"rate_limit_per_minute": 0, "rate_limit_per_hour": 0, "realism": False}
    options.update(settings)
    sim = Simulator(host="127.0.0.1", port=0, token=TOKEN, **options)
    sim.start()
    try:
        yield sim, Control(sim.url)
    finally:
        sim.stop()


def ansible_env(repo, collections, extra=None):
    """os.environ without DigitalOcean credentials and ANSIBLE_* settings, plus both collections."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DIGITALOCEAN_", "DO_", "OAUTH_TOKEN", "ANSIBLE_"))}
    env.update({
        "ANSIBLE_CONFIG": str(repo / "ansible.cfg"),
        "ANSIBLE_COLLECTIONS_PATH": os.pathsep.join([str(repo / ".collections"), str(collections)]),
        "PATH": str(BIN) + os.pathsep + env.get("PATH", ""),
    })
    env.update(extra or {})
    return env


def table(header, rows, align=None):
    """A Markdown table; align is a string of 'l'/'r' per column (numbers right by default)."""
    align = align or "".join("r" if isinstance(cell, (int, float)) else "l" for cell in rows[0]) if rows else ""
    lines = ["| %s |" % " | ".join(header),
             "| %s |" % " | ".join("---:" if a == "r" else "---" for a in align.ljust(len(header), "l"))]
    for row in rows:
        lines.append("| %s |" % " | ".join(str(cell) for cell in row))
    return "\n".join(lines)
