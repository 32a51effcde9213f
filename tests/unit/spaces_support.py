# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Driving the Spaces modules' runners the way their modules do, against the S3 server (the
``s3_server`` fixture of tests/s3_server.py).

``spaces_params(module_name, server, **options)`` fills every option of the module (its own and the
credentials) as Ansible would; ``run_space(server, check_mode=False, **options)`` runs one space
task and returns an S3Run: the result, and the S3 operations sent (counted through botocore's
event hooks), the mutating ones among them.
"""

from __future__ import annotations

import importlib
from unittest import mock

from fakes import _filled

from ansible_collections.fathom.digitalocean.plugins.module_utils import spaces
from ansible_collections.fathom.digitalocean.plugins.module_utils.module import connection_argument_spec

MODULES = "ansible_collections.fathom.digitalocean.plugins.modules."


class _Captured(Exception):
    pass


def spaces_options(module_name):
    module = importlib.import_module(MODULES + module_name)
    captured = {}

    class Capture:
        def __init__(self, argument_spec, **kwargs):
            captured.update(connection_argument_spec())
            captured.update(spaces.credentials_argument_spec())
            captured.update(argument_spec)
            raise _Captured()

    with mock.patch.object(module, "SpacesModule", Capture):
        try:
            module.main()
        except _Captured:
            pass
    assert captured, "%s.main() did not build a SpacesModule" % module_name
    return captured


def spaces_params(module_name, server, **options):
    return _filled(spaces_options(module_name), server.params(**options), module_name)


class S3Run:
    def __init__(self, result, client, warnings=()):
        self.result = result
        self.calls = list(client.calls)
        self.mutating = list(client.mutating)
        self.warnings = list(warnings)


def run_space(server, check_mode=False, **options):
    params = spaces_params("space", server, **options)
    client = spaces.SpacesClient(params)
    warnings = []
    result = spaces.SpaceRunner(client, params, check_mode=check_mode, warn=warnings.append).run()
    return S3Run(result, client, warnings)
