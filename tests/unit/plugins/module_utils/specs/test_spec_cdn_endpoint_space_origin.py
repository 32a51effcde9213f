# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""cdn_endpoint with its origin given as {space, region} (specs/cdn_endpoint.py, module_utils/spaces_names.py):
the same endpoint as its host name, found again without a mutating request; a bad Space name or region
refused before any request; the module never imports boto3."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sim_engine import run

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.cdn_endpoint import CDN_ENDPOINT


def endpoint(simulator, **options):
    return run(simulator, CDN_ENDPOINT, "cdn_endpoint", **options)


def test_space_origin_is_the_spaces_host_name(simulator):
    created = endpoint(simulator, origin={"space": "site", "region": "ams3"}, ttl=600)
    assert created.mutating == ["POST /v2/cdn/endpoints"]
    assert created.result["cdn_endpoint"]["origin"] == "site.ams3.digitaloceanspaces.com"
    assert endpoint(simulator, origin="site.ams3.digitaloceanspaces.com", ttl=600).mutating == []
    assert endpoint(simulator, origin={"space": "site", "region": "ams3"}, ttl=600).mutating == []


@pytest.mark.parametrize("origin, message", [
    ({"space": "Site", "region": "ams3"}, "origin.space: 'Site' is not a Space name"),
    ({"space": "site", "region": "nyc1"}, "origin.region must be one of"),
    ({"space": "site", "region": "ams3", "bucket": "x"}, "unknown key bucket"),
])
def test_bad_space_origin_refused_before_any_request(simulator, origin, message):
    with pytest.raises(PlanError, match=message):
        endpoint(simulator, origin=origin)
    assert simulator.requests() == []


def test_the_api_modules_never_import_boto3():
    code = ("import sys; import ansible_collections.fathom.digitalocean.plugins.modules.cdn_endpoint, "
            "ansible_collections.fathom.digitalocean.plugins.modules.spaces_key; "
            "print('boto3' in sys.modules or 'botocore' in sys.modules)")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                               env={"PYTHONPATH": ":".join(p for p in sys.path if p)})
    assert completed.stdout.strip() == "False"
