# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The load_balancer declaration (specs/load_balancer.py) through the engine: found by name and region,
nested values compared with the API's defaults filled in, created and awaited until active, every
change one PUT of the FULL load balancer (the current values carried, the managed ones laid over
them), so that the PUT resets nothing the task leaves unset."""

from __future__ import annotations

import pytest

from fakes import check_then_run, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.load_balancer import LOAD_BALANCER
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import WaitError

CERT_1 = "4c1d3e5a-0a4b-4d0e-9a1f-2b3c4d5e6f70"
CERT_2 = "5d2e4f6b-1b5c-4e1f-8b2a-3c4d5e6f7081"

LB_ID = "4de7ac8b-495b-4884-9a69-1050c6793cd6"
LB_PATH = "/v2/load_balancers/" + LB_ID
HTTP_RULE = {"entry_protocol": "http", "entry_port": 80, "target_protocol": "http", "target_port": 8080,
             "certificate_id": "", "tls_passthrough": False}
HTTPS_RULE = {"entry_protocol": "https", "entry_port": 443, "target_protocol": "http", "target_port": 8080,
              "certificate_id": CERT_1, "tls_passthrough": False}
HEALTH_CHECK = {"protocol": "http", "port": 8080, "path": "/healthz", "check_interval_seconds": 10,
                "response_timeout_seconds": 5, "healthy_threshold": 3, "unhealthy_threshold": 5}


def load_balancer(status="active", droplet_ids=(2, 1), tag="", rules=(HTTP_RULE,), name="web-lb", region="nyc3",
                  health_check=None):
    return {"id": LB_ID, "name": name, "ip": "192.0.2.50", "status": status, "size_unit": 1, "size": "lb-small",
            "region": {"slug": region, "name": region.upper()}, "droplet_ids": list(droplet_ids), "tag": tag,
            "forwarding_rules": list(rules), "health_check": dict(health_check or HEALTH_CHECK),
            "sticky_sessions": {"type": "none"}, "redirect_http_to_https": False, "enable_proxy_protocol": False,
            "enable_backend_keepalive": False, "http_idle_timeout_seconds": 60,
            "firewall": {"allow": [], "deny": []}, "disable_lets_encrypt_dns_records": False,
            "tls_cipher_policy": "DEFAULT", "vpc_uuid": "vpc-1", "project_id": "proj-1", "network": "EXTERNAL",
            "network_stack": "IPV4", "type": "REGIONAL"}


def task(check_mode=False, **options):
    options.setdefault("name", "web-lb")
    options.setdefault("region", "nyc3")
    return module_engine(LOAD_BALANCER, "load_balancer", check_mode=check_mode, **options)


# The rule and the health check as a task gives them: the API fills in the rest.
TASK_RULE = {"entry_protocol": "HTTP", "entry_port": 80, "target_protocol": "http", "target_port": 8080}
TASK_HEALTH_CHECK = {"port": 8080, "path": "/healthz"}


def test_create_posts_normalized_values_and_waits_until_active():
    engine, session, clock = task(size_unit=1, droplet_ids=[2, 1, 2], forwarding_rules=[TASK_RULE],
                                  health_check=TASK_HEALTH_CHECK, vpc_uuid="vpc-1", project_id="proj-1")
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer(region="sfo3")))
    session.on("POST", "/v2/load_balancers", reply(202, {"load_balancer": load_balancer(status="new")}))
    session.on("GET", LB_PATH, reply(200, {"load_balancer": load_balancer(status="new")}),
               reply(200, {"load_balancer": load_balancer()}))
    result = engine.run()
    assert session.calls == ["GET /v2/load_balancers", "POST /v2/load_balancers", "GET " + LB_PATH, "GET " + LB_PATH]
    assert writes(session) == [("POST", "/v2/load_balancers", {
        "name": "web-lb", "region": "nyc3", "size_unit": 1, "droplet_ids": [1, 2],
        "forwarding_rules": [HTTP_RULE], "health_check": HEALTH_CHECK, "vpc_uuid": "vpc-1", "project_id": "proj-1"})]
    assert clock.sleeps == [1.0]
    assert result["plan"]["action"] == "create"
    assert result["load_balancer"]["status"] == "active"


def test_a_load_balancer_that_errors_while_being_set_up_fails_the_wait():
    engine, session, _clock = task(size_unit=1, tag="web", forwarding_rules=[TASK_RULE])
    session.on("GET", "/v2/load_balancers", listing("load_balancers"))
    session.on("POST", "/v2/load_balancers", reply(202, {"load_balancer": load_balancer(status="new", tag="web")}))
    session.on("GET", LB_PATH, reply(200, {"load_balancer": load_balancer(status="errored")}))
    with pytest.raises(WaitError, match="^load balancer web-lb \\(id %s\\) errored while being set up" % LB_ID):
        engine.run()
    assert writes(session)[0][2]["tag"] == "web" and "droplet_ids" not in writes(session)[0][2]


@pytest.mark.parametrize("check_mode", [False, True])
def test_create_needs_forwarding_rules(check_mode):
    engine, session, _clock = task(check_mode=check_mode, size_unit=1)
    session.on("GET", "/v2/load_balancers", listing("load_balancers"))
    with pytest.raises(PlanError, match="^forwarding_rules is required to create load balancer web-lb"):
        engine.run()
    assert session.mutating == []


def test_rerun_with_the_api_s_defaults_left_out_is_a_no_op():
    # project_id is only sent at creation: another one is not a change.
    engine, session, _clock = task(size_unit=1, droplet_ids=[1, 2], forwarding_rules=[TASK_RULE],
                                   health_check=TASK_HEALTH_CHECK, sticky_sessions={"type": "none"},
                                   redirect_http_to_https=False, http_idle_timeout_seconds=60, tls_cipher_policy="DEFAULT",
                                   vpc_uuid="vpc-1", project_id="other-project")
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer()))
    result = engine.run()
    assert session.calls == ["GET /v2/load_balancers"]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["id"] == LB_ID


def test_a_change_is_one_put_of_the_full_load_balancer():
    engine, session, _clock = task(droplet_ids=[1, 2, 3], redirect_http_to_https=True)
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer()))
    session.on("PUT", LB_PATH, reply(200, {"load_balancer": load_balancer(droplet_ids=(1, 2, 3))}))
    session.on("GET", LB_PATH, reply(200, {"load_balancer": load_balancer(droplet_ids=(1, 2, 3))}))
    result = engine.run()
    assert session.calls == ["GET /v2/load_balancers", "PUT " + LB_PATH, "GET " + LB_PATH]
    assert writes(session) == [("PUT", LB_PATH, {
        "region": "nyc3", "name": "web-lb", "forwarding_rules": [HTTP_RULE], "health_check": HEALTH_CHECK,
        "sticky_sessions": {"type": "none"}, "redirect_http_to_https": True, "enable_proxy_protocol": False,
        "enable_backend_keepalive": False, "http_idle_timeout_seconds": 60,
        "firewall": {"allow": [], "deny": []}, "disable_lets_encrypt_dns_records": False,
        "tls_cipher_policy": "DEFAULT", "vpc_uuid": "vpc-1", "network": "EXTERNAL", "network_stack": "IPV4",
        "type": "REGIONAL", "size_unit": 1, "droplet_ids": [1, 2, 3]})]
    assert result["plan"]["changes"] == {
        "redirect_http_to_https": {"before": False, "after": True, "via": "PUT"},
        "droplet_ids": {"before": [1, 2], "after": [1, 2, 3], "via": "PUT"}}


def test_switching_from_droplet_ids_to_a_tag_sends_the_tag_only():
    engine, session, _clock = task(tag="web")
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer()))
    session.on("PUT", LB_PATH, reply(200, {}))
    session.on("GET", LB_PATH, reply(200, {"load_balancer": load_balancer(droplet_ids=(1, 2), tag="web")}))
    result = engine.run()
    body = writes(session)[0][2]
    assert body["tag"] == "web" and "droplet_ids" not in body
    assert result["plan"]["changes"] == {"tag": {"before": "", "after": "web", "via": "PUT"}}


def test_droplet_ids_given_clear_the_tag():
    engine, session, _clock = task(droplet_ids=[1, 2])
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer(tag="web")))
    session.on("PUT", LB_PATH, reply(200, {}))
    session.on("GET", LB_PATH, reply(200, {"load_balancer": load_balancer()}))
    result = engine.run()
    body = writes(session)[0][2]
    assert body["droplet_ids"] == [1, 2] and "tag" not in body
    assert result["plan"]["changes"] == {"tag": {"before": "web", "after": "", "via": "PUT"}}


def test_a_new_https_rule_is_compared_as_part_of_the_set_of_rules():
    engine, session, _clock = task(forwarding_rules=[TASK_RULE, dict(HTTPS_RULE, tls_passthrough=False)])
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer()))
    session.on("PUT", LB_PATH, reply(200, {}))
    session.on("GET", LB_PATH, reply(200, {"load_balancer": load_balancer(rules=(HTTP_RULE, HTTPS_RULE))}))
    result = engine.run()
    assert writes(session)[0][2]["forwarding_rules"] == [HTTP_RULE, HTTPS_RULE]
    assert result["plan"]["changes"] == {"forwarding_rules": {"before": [HTTP_RULE], "after": [HTTP_RULE, HTTPS_RULE],
                                                              "via": "PUT"}}


def test_region_never_changes_in_place():
    engine, session, _clock = task(id=LB_ID, region="sfo3")
    session.on("GET", LB_PATH, reply(200, {"load_balancer": load_balancer()}))
    with pytest.raises(PlanError, match="^region cannot change in place on load_balancer web-lb"):
        engine.run()
    assert session.mutating == []


def test_delete():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer()))
    session.on("DELETE", LB_PATH, reply(204))
    result = engine.run()
    assert writes(session) == [("DELETE", LB_PATH, None)]
    assert result["plan"]["action"] == "delete" and result["load_balancer"] == {}


def test_absent_when_missing_is_a_no_op():
    engine, session, _clock = task(state="absent")
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer(region="sfo3")))
    result = engine.run()
    assert session.mutating == []
    assert result["changed"] is False


@pytest.mark.parametrize("options, message", [
    (dict(droplet_ids=[1], tag="web"), "^droplet_ids and tag are mutually exclusive"),
    (dict(size="lb-small", size_unit=2), "^size and size_unit are mutually exclusive"),
    (dict(forwarding_rules=[dict(TASK_RULE, entry_protocol="https")]),
     "^forwarding_rules\\[0\\]: entry_protocol https needs a certificate_id or tls_passthrough"),
    (dict(forwarding_rules=[]), "^forwarding_rules must hold at least one rule"),
    (dict(health_check={"protocol": "udp"}), "^health_check.protocol must be one of http, https, tcp"),
    (dict(sticky_sessions={"type": "cookies"}), "^sticky_sessions of type cookies needs cookie_name"),
    (dict(http_idle_timeout_seconds=10), "^http_idle_timeout_seconds must be between 30 and 600"),
    (dict(firewall={"allow": ["192.0.2.1"]}), "^firewall.allow entries look like ip:1.2.3.4"),
])
def test_bad_options_fail_before_any_request(options, message):
    engine, session, _clock = task(**options)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _missing(session):
    session.on("GET", "/v2/load_balancers", listing("load_balancers"))
    session.on("POST", "/v2/load_balancers", reply(202, {"load_balancer": load_balancer()}))


def _existing(session):
    session.on("GET", "/v2/load_balancers", listing("load_balancers", load_balancer()))
    session.on("PUT", LB_PATH, reply(200, {}))
    session.on("GET", LB_PATH, reply(200, {"load_balancer": load_balancer(droplet_ids=(1, 2, 3))}))
    session.on("DELETE", LB_PATH, reply(204))


@pytest.mark.parametrize("script, options, action", [
    (_missing, dict(size_unit=1, droplet_ids=[1, 2], forwarding_rules=[TASK_RULE]), "create"),
    (_existing, dict(droplet_ids=[1, 2, 3], health_check=TASK_HEALTH_CHECK), "update"),
    (_existing, dict(droplet_ids=[2, 1], forwarding_rules=[TASK_RULE]), "none"),
    (_existing, dict(state="absent"), "delete"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(script, options, action):
    predicted, check_session, done, real_session = check_then_run(LOAD_BALANCER, "load_balancer", script,
                                                                  name="web-lb", region="nyc3", **options)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert bool(real_session.mutating) == (action != "none")
