# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The database_logsink declaration (specs/database_logsink.py) through the engine against the
simulator: created, found by name or id, a re-run without a change, the config replaced with one
PUT, check mode, deletion; secrets in the config masked (the values handed to Ansible's no_log) and
shown as "(sensitive)" in plans and diffs; bad configs refused before any request."""

from __future__ import annotations

import json

import pytest

from fakes import module_engine, reply
from sim_engine import run, run_info

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_logsink import DATABASE_LOGSINK
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_logsink import mask_sink

PASSWORD = "Zq8-sink-s3cret"
NEW_PASSWORD = "Zq8-rotated-s3cret"
URL = "https://logger:%s@search.example.com:25060" % PASSWORD
KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQ-unit-test-key\n-----END PRIVATE KEY-----"


def task(simulator, check_mode=False, **options):
    options.setdefault("cluster_name", "backend-1")
    options.setdefault("name", "logs")
    return run(simulator, DATABASE_LOGSINK, "database_logsink", check_mode=check_mode, **options)


def shown(result):
    return json.dumps({key: result[key] for key in ("plan", "diff")})


def test_create_no_op_update_check_mode_and_delete_with_secrets_kept_out_of_plans(simulator):
    cid = simulator.seed("database_clusters", name_prefix="backend")[0]
    path = "/v2/databases/%s/logsink" % cid
    config = {"url": URL, "index_prefix": "backend"}

    planned = task(simulator, check_mode=True, sink_type="opensearch", config=config)
    assert planned.result["plan"]["action"] == "create" and planned.mutating == []
    assert PASSWORD in planned.masked and PASSWORD not in shown(planned.result)
    assert planned.result["plan"]["changes"]["config"]["after"]["url"] == \
        "https://logger:(sensitive)@search.example.com:25060"

    created = task(simulator, sink_type="opensearch", config=config)
    assert created.mutating == ["POST " + path]
    sink = created.result["database_logsink"]
    assert sink["sink_name"] == "logs" and sink["config"]["index_days_max"] == 7
    assert PASSWORD in created.masked and PASSWORD not in shown(created.result)

    again = task(simulator, sink_type="opensearch", config=config)
    assert again.mutating == [] and again.calls == ["GET /v2/databases", "GET " + path]
    by_id = task(simulator, id=sink["sink_id"], name=None, sink_type="opensearch", config=config)
    assert by_id.mutating == [] and by_id.calls == ["GET /v2/databases", "GET %s/%s" % (path, sink["sink_id"])]

    rotated = {"url": URL.replace(PASSWORD, NEW_PASSWORD), "index_prefix": "backend", "index_days_max": 14}
    check = task(simulator, check_mode=True, sink_type="opensearch", config=rotated)
    change = check.result["plan"]["changes"]["config"]
    assert change["before"]["url"] == change["after"]["url"] == "https://logger:(sensitive)@search.example.com:25060"
    assert change["before"]["index_days_max"] == 7 and change["after"]["index_days_max"] == 14
    assert {PASSWORD, NEW_PASSWORD} <= set(check.masked)
    assert PASSWORD not in shown(check.result) and NEW_PASSWORD not in shown(check.result)

    changed = task(simulator, sink_type="opensearch", config=rotated)
    assert changed.mutating == ["PUT %s/%s" % (path, sink["sink_id"])]
    assert changed.result["database_logsink"]["config"]["url"] == rotated["url"]

    with pytest.raises(PlanError, match="^sink_type cannot change in place"):
        task(simulator, sink_type="elasticsearch", config=rotated)

    gone = task(simulator, state="absent")
    assert gone.mutating == ["DELETE %s/%s" % (path, sink["sink_id"])]
    assert task(simulator, state="absent").mutating == []


def test_rsyslog_key_is_masked_and_shown_as_sensitive(simulator):
    simulator.seed("database_clusters", name_prefix="backend")
    config = {"server": "logs.example.com", "port": 6514, "tls": True, "format": "rfc5424", "key": KEY}
    created = task(simulator, name="syslog", sink_type="rsyslog", config=config)
    assert KEY in created.masked
    assert created.result["diff"]["after"]["config"]["key"] == "(sensitive)"
    assert KEY not in shown(created.result)
    listed = run_info(simulator, DATABASE_LOGSINK, "database_logsink_info", expand=mask_sink,
                      cluster_name="backend-1")
    assert [s["sink_name"] for s in listed.result["database_logsinks"]] == ["syslog"]
    assert KEY in listed.masked


@pytest.mark.parametrize("options, message", [
    (dict(sink_type="rsyslog", config={"server": "x", "port": 514}), "^config of an rsyslog sink requires tls, format$"),
    (dict(sink_type="opensearch", config={"url": URL, "index_prefix": "p", "server": "x"}),
     "^config.server is not a setting of an opensearch sink; its settings are: url, index_prefix, "),
    (dict(sink_type="rsyslog", config={"server": "x", "port": 70000, "tls": True, "format": "rfc5424"}),
     "^config.port must be a port number from 1 to 65535, got 70000$"),
    (dict(sink_type="elasticsearch", config={"url": "ftp://x", "index_prefix": "p"}),
     "^config.url must be an http or https URL, got a ftp one$"),
    (dict(sink_type="opensearch", config={"url": URL, "index_prefix": "p", "timeout": 5}),
     "^config.timeout must be between 10 and 120, got 5$"),
])
def test_bad_configs_fail_before_any_request_without_showing_secrets(options, message):
    masked = []
    engine, session, _clock = module_engine(DATABASE_LOGSINK, "database_logsink", mask=masked.extend,
                                            **dict(dict(cluster_name="backend", name="logs"), **options))
    with pytest.raises(PlanError, match=message) as raised:
        engine.run()
    assert session.requests == []
    assert PASSWORD not in str(raised.value)


CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"


def test_a_sink_answered_under_a_sink_key_is_read_too():
    # The spec answers a sink's GET with the bare sink; an answer under "sink" is the same sink.
    engine, session, _clock = module_engine(DATABASE_LOGSINK, "database_logsink", cluster_id=CLUSTER, id="s1",
                                            sink_type="opensearch", config={"url": URL, "index_prefix": "p"})
    session.on("GET", "/v2/databases/" + CLUSTER, reply(200, {"database": {"id": CLUSTER, "name": "b"}}))
    session.on("GET", "/v2/databases/%s/logsink/s1" % CLUSTER, reply(200, {"sink": {
        "sink_id": "s1", "sink_name": "logs", "sink_type": "opensearch", "config": {"url": URL, "index_prefix": "p"}}}))
    result = engine.run()
    assert result["changed"] is False and result["plan"]["id"] == "s1"
