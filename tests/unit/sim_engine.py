# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Driving a declaration the way its module does, against the running simulator (the ``simulator``
fixture of tests/conftest.py: strict, every request checked against the spec).

``run(simulator, declaration, module_name, check_mode=False, **options)`` runs one task through the
real engine and client and returns a Run: the module's result, the requests the task sent (from the
simulator's log), the mutating ones among them, and the values the task masked.
"""

from __future__ import annotations

from fakes import module_params

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanClient
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ResourceEngine

MUTATING = ("POST", "PUT", "PATCH", "DELETE")


class Run:
    def __init__(self, result, requests, masked, warnings):
        self.result = result
        self.requests = requests
        self.masked = masked
        self.warnings = warnings

    @property
    def calls(self):
        return ["%s %s" % (entry["method"], entry["path"]) for entry in self.requests]

    @property
    def mutating(self):
        return [call for call in self.calls if call.split(" ")[0] in MUTATING]


def engine_for(simulator, declaration, module_name, /, check_mode=False, masked=None, warnings=None, **options):
    client = DigitalOceanClient(token=simulator.token, api_url=simulator.url, retries=0)
    params = module_params(module_name, **options)
    return ResourceEngine(declaration, client, params, check_mode=check_mode,
                          mask=(masked if masked is not None else []).extend,
                          warn=(warnings if warnings is not None else []).append)


def run(simulator, declaration, module_name, /, check_mode=False, **options):
    """One task; the simulator's request log is cleared first."""
    masked, warnings = [], []
    engine = engine_for(simulator, declaration, module_name, check_mode=check_mode, masked=masked,
                        warnings=warnings, **options)
    simulator.clear_requests()
    result = engine.run()
    return Run(result, simulator.requests(), masked, warnings)


def run_info(simulator, declaration, module_name, /, filters=None, expand=None, **options):
    masked = []
    engine = engine_for(simulator, declaration, module_name, masked=masked, **options)
    simulator.clear_requests()
    result = engine.run_info(filters or {}, None, expand)
    return Run(result, simulator.requests(), masked, [])
