# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The byoip_prefix declaration (specs/byoip_prefix.py) through the engine against the simulator:
brought and awaited until active, then advertised, a re-run without a mutating request, withdrawn
with PATCH (check mode shows the drift first), an advertised prefix not deleted, deletion, a failed
signature reported with the API's reason, the signature masked, the _info twin with the IPs."""

from __future__ import annotations

import pytest

from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.byoip_prefix import BYOIP_PREFIX, with_ips
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import WaitError

SIGNATURE = "c2lnbmF0dXJlLW9mLXRoZS1wcmVmaXg="


def task(simulator, check_mode=False, **options):
    options.setdefault("prefix", "198.51.100.0/24")
    options.setdefault("wait_timeout", 30)
    return run(simulator, BYOIP_PREFIX, "byoip_prefix", check_mode=check_mode, **options)


def test_bring_advertise_no_op_withdraw_drift_and_delete(simulator):
    planned = task(simulator, check_mode=True, region="nyc3", signature=SIGNATURE, advertise=True)
    assert planned.mutating == [] and planned.result["plan"]["action"] == "create"
    assert planned.result["plan"]["changes"]["signature"]["after"] == SENSITIVE and SIGNATURE in planned.masked

    created = task(simulator, region="nyc3", signature=SIGNATURE, advertise=True)
    prefix = created.result["byoip_prefix"]
    path = "/v2/byoip_prefixes/" + prefix["uuid"]
    assert created.mutating == ["POST /v2/byoip_prefixes", "PATCH " + path]
    assert prefix["status"] == "active" and prefix["advertised"] is True

    again = task(simulator, prefix="198.51.100.0/24", region="nyc3", signature="other", advertise=True)
    assert again.mutating == [] and again.result["changed"] is False

    with pytest.raises(PlanError, match="^BYOIP prefix 198.51.100.0/24 is advertised: withdraw it first"):
        task(simulator, state="absent")

    drift = task(simulator, check_mode=True, advertise=False)
    assert drift.result["plan"]["changes"] == {"advertise": {"before": True, "after": False, "via": "PATCH"}}
    withdrawn = task(simulator, advertise=False)
    assert withdrawn.mutating == ["PATCH " + path] and withdrawn.result["byoip_prefix"]["advertised"] is False

    with pytest.raises(PlanError, match="^region cannot change in place"):
        task(simulator, region="ams3")

    gone = task(simulator, state="absent")
    assert gone.mutating == ["DELETE " + path]
    assert task(simulator, state="absent").mutating == []


def test_a_failed_signature_stops_with_the_reason(simulator):
    with pytest.raises(WaitError, match="^BYOIP prefix 192.0.2.0/24 \\(uuid .*\\) failed: signature verification "
                                        "failed$"):
        task(simulator, prefix="192.0.2.0/24", region="nyc3", signature="invalid-signature")


def test_info_lists_the_ips(simulator):
    simulator.seed("byoip_prefixes", prefix="203.0.113.0/24", assigned=2)
    listed = run_info(simulator, BYOIP_PREFIX, "byoip_prefix_info", filters={"prefix": "203.0.113.0/24"},
                      expand=with_ips, prefix="203.0.113.0/24", ips=True)
    [prefix] = listed.result["byoip_prefixes"]
    assert [ip["byoip"] for ip in prefix["ips"]] == ["203.0.113.10", "203.0.113.11"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_bad_input_is_refused_before_any_change(simulator, check_mode):
    cases = [
        (dict(prefix="198.51.100.7/24", region="nyc3", signature="s"), "^prefix must be an IPv4 network in CIDR"),
        (dict(prefix="198.51.0.0/16", region="nyc3", signature="s"), "^prefix must be a network from /24 to /18"),
        (dict(region="nyc3"), "^signature is required to create BYOIP prefix$"),
    ]
    for options, message in cases:
        with pytest.raises(PlanError, match=message):
            task(simulator, check_mode=check_mode, **options)
    assert simulator.mutating_requests() == []
