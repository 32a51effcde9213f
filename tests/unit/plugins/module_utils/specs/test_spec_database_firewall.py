# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A cluster's trusted sources (DATABASE_FIREWALL in specs/database.py) through the SetReconciler: the
rules are a set written whole with one PUT, kept rules keep their uuid, and nothing is sent when the
set is already what the task lists."""

from __future__ import annotations

import pytest

from fakes import check_then_run, error, listing, module_engine, reply, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ParentGone
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import DATABASE_FIREWALL

CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"
CLUSTER_PATH = "/v2/databases/" + CLUSTER_ID
FIREWALL_PATH = CLUSTER_PATH + "/firewall"
APP_ID = "c1ef55a1-2e9e-4f1e-8f5b-3b1c2bf0a1d7"


def rule(uuid, rtype, value):
    return {"uuid": uuid, "cluster_uuid": CLUSTER_ID, "type": rtype, "value": value,
            "created_at": "2024-01-01T00:00:00Z"}


SSH_RANGE = rule("rule-1", "ip_addr", "192.0.2.0/24")
WEB_DROPLET = rule("rule-2", "droplet", "3164444")


def task(check_mode=False, warn=None, **options):
    if "cluster_name" not in options:
        options.setdefault("cluster_id", CLUSTER_ID)
    return module_engine(DATABASE_FIREWALL, "database_firewall", check_mode=check_mode, warn=warn, **options)


def with_cluster(session):
    session.on("GET", CLUSTER_PATH, reply(200, {"database": {"id": CLUSTER_ID, "name": "backend"}}))


def test_a_new_rule_is_one_put_of_the_whole_set_keeping_the_uuids_of_the_kept_rules():
    engine, session, _clock = task(rules=[{"type": "ip_addr", "value": "192.0.2.0/24"}, {"type": "app", "value": APP_ID}])
    with_cluster(session)
    session.on("GET", FIREWALL_PATH, reply(200, {"rules": [SSH_RANGE]}),
               reply(200, {"rules": [SSH_RANGE, rule("rule-3", "app", APP_ID)]}))
    session.on("PUT", FIREWALL_PATH, reply(204))
    result = engine.run()
    assert session.calls == ["GET " + CLUSTER_PATH, "GET " + FIREWALL_PATH, "PUT " + FIREWALL_PATH,
                             "GET " + FIREWALL_PATH]
    assert writes(session) == [("PUT", FIREWALL_PATH, {"rules": [
        {"type": "ip_addr", "value": "192.0.2.0/24", "uuid": "rule-1"}, {"type": "app", "value": APP_ID}]})]
    assert result["changed"] is True
    assert result["plan"] == {
        "action": "update", "resource": "database_firewall", "identity": {"cluster_id": CLUSTER_ID},
        "id": CLUSTER_ID,
        "changes": {"rules": {"before": [{"type": "ip_addr", "value": "192.0.2.0/24"}],
                              "after": [{"type": "app", "value": APP_ID},
                                        {"type": "ip_addr", "value": "192.0.2.0/24"}],
                              "via": "PUT"}}}
    assert result["diff"] == {"before": {"rules": [{"type": "ip_addr", "value": "192.0.2.0/24"}]},
                              "after": {"rules": [{"type": "app", "value": APP_ID},
                                                  {"type": "ip_addr", "value": "192.0.2.0/24"}]}}
    assert result["database_firewall"] == {"cluster_id": CLUSTER_ID,
                                           "rules": [SSH_RANGE, rule("rule-3", "app", APP_ID)]}


def test_the_same_rules_in_another_order_and_repeated_are_a_no_op():
    engine, session, _clock = task(rules=[{"type": "droplet", "value": "3164444"},
                                          {"type": "ip_addr", "value": "192.0.2.0/24"},
                                          {"type": "droplet", "value": "3164444"}])
    with_cluster(session)
    session.on("GET", FIREWALL_PATH, reply(200, {"rules": [SSH_RANGE, WEB_DROPLET]}))
    result = engine.run()
    assert session.calls == ["GET " + CLUSTER_PATH, "GET " + FIREWALL_PATH]
    assert result["changed"] is False
    assert result["plan"]["action"] == "none" and result["plan"]["changes"] == {}
    assert result["database_firewall"]["rules"] == [SSH_RANGE, WEB_DROPLET]


def test_an_unlisted_rule_is_removed_by_the_put():
    engine, session, _clock = task(rules=[{"type": "droplet", "value": "3164444"}])
    with_cluster(session)
    session.on("GET", FIREWALL_PATH, reply(200, {"rules": [SSH_RANGE, WEB_DROPLET]}),
               reply(200, {"rules": [WEB_DROPLET]}))
    session.on("PUT", FIREWALL_PATH, reply(204))
    result = engine.run()
    assert writes(session) == [("PUT", FIREWALL_PATH, {"rules": [{"type": "droplet", "value": "3164444",
                                                                  "uuid": "rule-2"}]})]
    assert result["plan"]["changes"]["rules"]["after"] == [{"type": "droplet", "value": "3164444"}]


def test_an_empty_list_removes_every_rule_only_with_purge():
    engine, session, _clock = task(rules=[])
    with pytest.raises(PlanError, match="^rules: \\[\\] removes every trusted source"):
        engine.run()
    assert session.requests == []

    warnings = []
    engine, session, _clock = task(rules=[], purge=True, warn=warnings.append)
    with_cluster(session)
    session.on("GET", FIREWALL_PATH, reply(200, {"rules": [SSH_RANGE]}), reply(200, {"rules": []}))
    session.on("PUT", FIREWALL_PATH, reply(204))
    engine.run()
    assert writes(session) == [("PUT", FIREWALL_PATH, {"rules": []})]
    assert warnings and "accepts connections from any address" in warnings[0]


def test_the_cluster_is_found_by_name():
    engine, session, _clock = task(cluster_name="backend", rules=[{"type": "ip_addr", "value": "192.0.2.0/24"}])
    session.on("GET", "/v2/databases", listing("databases", {"id": CLUSTER_ID, "name": "backend"}))
    session.on("GET", FIREWALL_PATH, reply(200, {"rules": [SSH_RANGE]}))
    result = engine.run()
    assert session.calls == ["GET /v2/databases", "GET " + FIREWALL_PATH]
    assert result["plan"]["identity"] == {"cluster_name": "backend"}
    assert result["database_firewall"]["cluster_id"] == CLUSTER_ID


def test_a_cluster_that_is_gone_fails_and_check_mode_plans_the_rules_as_new():
    rules = [{"type": "ip_addr", "value": "192.0.2.0/24"}]
    engine, session, _clock = task(rules=rules)
    session.on("GET", CLUSTER_PATH, error(404, "not_found"))
    with pytest.raises(ParentGone, match="^database cluster with cluster_id %s does not exist" % CLUSTER_ID):
        engine.run()

    warnings = []
    engine, session, _clock = task(check_mode=True, warn=warnings.append, rules=rules)
    session.on("GET", CLUSTER_PATH, error(404, "not_found"))
    result = engine.run()
    assert result["plan"]["changes"] == {"rules": {"before": [], "after": [{"type": "ip_addr",
                                                                            "value": "192.0.2.0/24"}],
                                                   "via": "PUT"}}
    assert warnings == ["database cluster with cluster_id %s does not exist; every member is planned as new, as an earlier task may create it"
                        % CLUSTER_ID]
    assert session.mutating == []


@pytest.mark.parametrize("rules, message", [
    ([{"type": "ip_addr", "value": "not-an-address"}], "^rules\\[0\\].value must be an IP address or CIDR range"),
    ([{"type": "droplet", "value": "web-1"}], "^rules\\[0\\].value must be a droplet id"),
    ([{"type": "k8s", "value": "cluster-1"}], "^rules\\[0\\].value must be a UUID for type k8s"),
    ([{"type": "tag", "value": "bad tag"}], "^rules\\[0\\].value must be a tag name"),
    ([{"type": "ip_addr", "value": "10.0.0.1"}, {"type": "tag", "value": ""}], "^rules\\[1\\].value must not be empty"),
])
def test_bad_rules_fail_before_any_request(rules, message):
    # The reconciler checks the rules first, before it sends anything.
    engine, session, _clock = task(rules=rules)
    with pytest.raises(PlanError, match=message):
        engine.run()
    assert session.requests == []


def _script(session):
    with_cluster(session)
    session.on("GET", FIREWALL_PATH, reply(200, {"rules": [SSH_RANGE, WEB_DROPLET]}))
    session.on("PUT", FIREWALL_PATH, reply(204))


@pytest.mark.parametrize("rules, action", [
    ([{"type": "ip_addr", "value": "192.0.2.0/24"}, {"type": "tag", "value": "web"}], "update"),
    ([{"type": "ip_addr", "value": "192.0.2.0/24"}, {"type": "droplet", "value": "3164444"}], "none"),
])
def test_check_mode_plans_what_the_run_does_and_sends_nothing(rules, action):
    predicted, check_session, done, real_session = check_then_run(DATABASE_FIREWALL, "database_firewall", _script,
                                                                  cluster_id=CLUSTER_ID, rules=rules)
    assert predicted["plan"]["action"] == action
    assert predicted["plan"] == done["plan"]
    assert predicted["diff"] == done["diff"]
    assert check_session.mutating == []
    assert len(real_session.mutating) == (1 if action == "update" else 0)
