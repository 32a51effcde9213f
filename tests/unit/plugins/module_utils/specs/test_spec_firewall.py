# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The firewall declaration (specs/firewall.py) through the engine: found by name, rules compared in
their canonical form, every change one PUT of the whole firewall (fields the task leaves unset keep
their current value), the tags a firewall refers to created first, creates awaited until the
firewall is no longer waiting."""

from __future__ import annotations

import pytest

from fakes import check_then_run, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.firewall import FIREWALL

FIREWALL_ID = "bb4b2611-3d72-467b-8602-280330ecd65c"
FIREWALL_PATH = "/v2/firewalls/" + FIREWALL_ID
EVERYWHERE = ["0.0.0.0/0", "::/0"]
SSH_IN = {"protocol": "tcp", "ports": "22", "sources": {"addresses": ["192.0.2.0/24"]}}
WEB_IN = {"protocol": "tcp", "ports": "443", "sources": {"addresses": EVERYWHERE, "tags": ["lb"]}}
ALL_OUT = {"protocol": "tcp", "ports": "0", "destinations": {"addresses": EVERYWHERE}}


def firewall(inbound=(SSH_IN,), outbound=(ALL_OUT,), droplet_ids=(3164444,), tags=("web",), status="succeeded",
             name="web"):
    return {"id": FIREWALL_ID, "name": name, "status": status, "inbound_rules": list(inbound),
            "outbound_rules": list(outbound), "droplet_ids": list(droplet_ids), "tags": list(tags),
            "pending_changes": [], "created_at": "2024-01-01T00:00:00Z"}


def task(check_mode=False, **options):
    options.setdefault("name", "web")
    return module_engine(FIREWALL, "firewall", check_mode=check_mode, **options)


# How a task writes the rules above: other spellings of the same rules.
TASK_SSH_IN = {"protocol": "TCP", "ports": 22, "sources": {"addresses": ["192.0.2.0/24", "192.0.2.0/24"]}}
TASK_ALL_OUT = {"protocol": "tcp", "ports": "all", "destinations": {"addresses": ["::/0", "0.0.0.0/0"]}}


def test_create_makes_the_tags_then_posts_the_whole_firewall_and_waits():
    engine, session, clock = task(inbound_rules=[TASK_SSH_IN, WEB_IN], outbound_rules=[TASK_ALL_OUT],
                                  droplet_ids=[3164444], tags=["web"])
    session.on("GET", "/v2/firewalls", listing("firewalls", firewall(name="db")))
    session.on("POST", "/v2/tags", reply(201, {}))
    session.on("POST", "/v2/firewalls", reply(202, {"firewall": firewall(inbound=(SSH_IN, WEB_IN),
                                                                         status="waiting")}))
    session.on("GET", FIREWALL_PATH, reply(200, {"firewall": firewall(inbound=(SSH_IN, WEB_IN))}))
    result = engine.run()
    assert session.calls == ["GET /v2/firewalls", "POST /v2/tags", "POST /v2/tags", "POST /v2/firewalls",
                             "GET " + FIREWALL_PATH]
    assert writes(session) == [
        ("POST", "/v2/tags", {"name": "lb"}),
        ("POST", "/v2/tags", {"name": "web"}),
        ("POST", "/v2/firewalls", {
            "name": "web",
            "inbound_rules": [SSH_IN, WEB_IN],
            "outbound_rules": [ALL_OUT],
            "droplet_ids": [3164444],
            "tags": ["web"]}),
    ]
    assert clock.sleeps == []
    assert result["plan"]["action"] == "create"
    assert result["plan"]["changes"]["inbound_rules"]["after"] == [
        {"protocol": "tcp", "ports": "22", "sources": {"addresses": ["192.0.2.0/24"]}},
        {"protocol": "tcp", "ports": "443", "sources": {"addresses": ["0.0.0.0/0", "::/0"], "tags": ["lb"]}}]
    assert result["firewall"]["status"] == "succeeded"


def test_rerun_with_other_spellings_of_the_same_rules_is_a_no_op():
    engine, session, _clock = task(inbound_rules=[TASK_SSH_IN], outbound_rules=[TASK_ALL_OUT], droplet_ids=[3164444],
                                   tags=["web"])
    session.on("GET", "/v2/firewalls", listing("firewalls", firewall()))
    result = engine.run()
    assert session.calls == ["GET /v2/firewalls"]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["id"] == FIREWALL_ID


def test_a_new_rule_is_one_put_of_the_whole_firewall_keeping_unmanaged_fields():
    engine, session, _clock = task(inbound_rules=[TASK_SSH_IN, WEB_IN])
    session.on("GET", "/v2/firewalls", listing("firewalls", firewall()))
    session.on("POST", "/v2/tags", reply(201, {}))
    session.on("PUT", FIREWALL_PATH, reply(200, {"firewall": firewall(inbound=(SSH_IN, WEB_IN))}))
    session.on("GET", FIREWALL_PATH, reply(200, {"firewall": firewall(inbound=(SSH_IN, WEB_IN))}))
    result = engine.run()
    assert session.calls == ["GET /v2/firewalls", "POST /v2/tags", "PUT " + FIREWALL_PATH, "GET " + FIREWALL_PATH]
    assert writes(session) == [
        ("POST", "/v2/tags", {"name": "lb"}),
        ("PUT", FIREWALL_PATH, {"name": "web", "inbound_rules": [SSH_IN, WEB_IN], "outbound_rules": [ALL_OUT],
                                "droplet_ids": [3164444], "tags": ["web"]}),
    ]
    change = result["plan"]["changes"]["inbound_rules"]
    assert change["via"] == "PUT"
    assert len(change["before"]) == 1 and len(change["after"]) == 2
    assert set(result["plan"]["changes"]) == {"inbound_rules"}


def test_droplets_and_tags_compare_as_sets_and_change_with_the_same_put():
    engine, session, _clock = task(droplet_ids=[7, 3164444, 7], tags=["web"])
    session.on("GET", "/v2/firewalls", listing("firewalls", firewall()))
    session.on("PUT", FIREWALL_PATH, reply(200, {}))
    session.on("GET", FIREWALL_PATH, reply(200, {"firewall": firewall(droplet_ids=(7, 3164444))}))
    result = engine.run()
    assert writes(session) == [("PUT", FIREWALL_PATH, {"name": "web", "inbound_rules": [SSH_IN],
                                                       "outbound_rules": [ALL_OUT], "droplet_ids": [7, 3164444],
                                                       "tags": ["web"]})]
    assert result["plan"]["changes"] == {"droplet_ids": {"before": [3164444], "after": [7, 3164444], "via": "PUT"}}


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_change_that_leaves_no_rule_is_refused(check_mode):
    engine, session, _clock = task(check_mode=check_mode, inbound_rules=[])
    session.on("GET", "/v2/firewalls", listing("firewalls", firewall(outbound=())))
    with pytest.raises(PlanError, match="^firewall web would have no rules left"):
        engine.run()
    assert session.mutating == []


def test_delete():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/firewalls", listing("firewalls", firewall()))
    session.on("DELETE", FIREWALL_PATH, reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", FIREWALL_PATH, None)]
    assert result["plan"]["action"] == "delete" and result["firewall"] == {}


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/firewalls", listing("firewalls", firewall(name="db")))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


@pytest.mark.parametrize("options, message", [
    (dict(name="-web"), "^name must start with a letter or digit"),
    (dict(inbound_rules=[{"protocol": "sctp", "sources": {"addresses": ["0.0.0.0/0"]}}]),
     "^inbound_rules\\[0\\].protocol: must be one of tcp, udp, icmp"),
    (dict(inbound_rules=[{"protocol": "tcp", "ports": "22", "sources": {}}]),
     "^inbound_rules\\[0\\].sources: needs at least one of"),
    (dict(inbound_rules=[], outbound_rules=[]), "^inbound_rules and outbound_rules cannot both be empty"),
    (dict(droplet_ids=[0]), "^droplet_ids\\[0\\]: 0 is not a Droplet id"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def test_check_mode_creates_no_tag():
    engine, session, _clock = task(check_mode=True, inbound_rules=[WEB_IN], tags=["web"])
    session.on("GET", "/v2/firewalls", listing("firewalls"))
    result = engine.run()
    assert result["plan"]["action"] == "create"
    assert session.calls == ["GET /v2/firewalls"]


def _missing(session):
    session.on("GET", "/v2/firewalls", listing("firewalls"))
    session.on("POST", "/v2/tags", reply(201, {}))
    session.on("POST", "/v2/firewalls", reply(202, {"firewall": firewall()}))


def _existing(session):
    session.on("GET", "/v2/firewalls", listing("firewalls", firewall()))
    session.on("POST", "/v2/tags", reply(201, {}))
    session.on("PUT", FIREWALL_PATH, reply(200, {}))
    session.on("GET", FIREWALL_PATH, reply(200, {"firewall": firewall(inbound=(SSH_IN, WEB_IN))}))
    session.on("DELETE", FIREWALL_PATH, reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(inbound_rules=[TASK_SSH_IN], outbound_rules=[TASK_ALL_OUT], tags=["web"]), "create"),
    (_existing, dict(inbound_rules=[TASK_SSH_IN, WEB_IN]), "update"),
    (_existing, dict(inbound_rules=[TASK_SSH_IN], tags=["web"]), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(FIREWALL, "firewall", script, name="web", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
