"""Secrets of database_logsink and database_online_migration through ansible-playbook -vvv --diff.

A log sink's config (the password in an Elasticsearch URL, an rsyslog client key) and an online
migration's source password go to the API and nowhere else: not in the task's result, its invocation
(which -vvv prints), the diff, the plan or an error message, on a create, a no-op re-run, an update
planned in check mode, an update and a failure. The simulator must hold them, to show that the test
sent them at all.

The tasks take the secrets from variables, as playbooks do (from a vault): the playbook's own text is
not the collection's output, and Ansible quotes it around a failed task.
"""

from __future__ import annotations

from tests.helpers import failing, new_cluster

ES_PASSWORD = "ES-sink-PW-4c1d9e"
ES_PASSWORD_CHANGED = "ES-sink-PW-changed-77b0"
RSYSLOG_KEY = "RSYSLOG-client-KEY-2f8a61"
SOURCE_PASSWORD = "MIG-source-PW-0917ab"
SECRETS = (ES_PASSWORD, ES_PASSWORD_CHANGED, RSYSLOG_KEY, SOURCE_PASSWORD)


def task(module, title, **options):
    return {"name": title, "fathom.digitalocean.%s" % module: dict(options)}


SECRET_VARS = {"es_password": ES_PASSWORD, "es_password_changed": ES_PASSWORD_CHANGED, "rsyslog_key": RSYSLOG_KEY,
               "source_password": SOURCE_PASSWORD}


def es_sink(password_var, prefix="db"):
    return task("database_logsink", "es sink " + prefix, cluster_name="backend", name="search",
                sink_type="elasticsearch",
                config={"url": "https://logger:{{ %s }}@es.example.com:9200" % password_var, "index_prefix": prefix})


def rsyslog_sink(title, **config):
    return task("database_logsink", title, cluster_name="backend", name="syslog", sink_type="rsyslog",
                config=dict({"server": "logs.example.com", "port": 6514, "tls": True, "format": "rfc5424",
                             "key": "{{ rsyslog_key }}"}, **config))


MIGRATION = task("database_online_migration", "migration", cluster_name="backend", wait_timeout=60,
                 source={"host": "db.old.example.com", "port": 5432, "dbname": "shop", "username": "migrator",
                         "password": "{{ source_password }}"})


def secret_run(playbook):
    """playbook(), with the secrets as extra vars, at -vvv."""
    return lambda tasks, **options: playbook(tasks, extra_vars=SECRET_VARS, verbosity=3, **options)


def assert_no_secret(run):
    text = run.stdout + run.stderr + repr(run.records)
    leaked = [secret for secret in SECRETS if secret in text]
    assert leaked == [], leaked


def test_sink_and_migration_secrets_never_appear_in_the_output(simulator, playbook):
    cluster_id = new_cluster(simulator)
    play = secret_run(playbook)
    created = play([es_sink("es_password"), rsyslog_sink("rsyslog sink"), MIGRATION], diff=True)
    assert created.returncode == 0, created.stdout
    assert_no_secret(created)
    assert all(created.result(name)["changed"] for name in ("es sink db", "rsyslog sink", "migration"))
    assert created.result("migration")["database_online_migration"]["status"] == "syncing"
    # The API holds them: they were sent.
    sinks = simulator.api("GET", "/v2/databases/%s/logsink" % cluster_id)[1]["sinks"]
    configs = {sink["sink_name"]: sink["config"] for sink in sinks}
    assert ES_PASSWORD in configs["search"]["url"] and configs["syslog"]["key"] == RSYSLOG_KEY
    migration = [db for db in simulator.state("database_clusters") if db["id"] == cluster_id][0]["migration"]
    assert migration["source"]["password"] == SOURCE_PASSWORD

    simulator.clear_requests()
    again = play([es_sink("es_password"), rsyslog_sink("rsyslog sink"), MIGRATION], diff=True)
    assert [again.result(name)["changed"] for name in ("es sink db", "rsyslog sink", "migration")] == [False] * 3
    assert simulator.mutating_requests() == []
    assert_no_secret(again)

    planned = play([es_sink("es_password_changed")], check=True, diff=True)
    assert_no_secret(planned)
    change = planned.result("es sink db")["plan"]["changes"]["config"]
    assert change["after"]["url"] == "https://logger:(sensitive)@es.example.com:9200"
    assert simulator.mutating_requests() == []

    updated = play([es_sink("es_password_changed", prefix="logs"), rsyslog_sink("rsyslog port", port=514)], diff=True)
    assert updated.returncode == 0, updated.stdout
    assert_no_secret(updated)
    assert updated.result("es sink logs")["changed"] and updated.result("rsyslog port")["changed"]
    diff = updated.result("rsyslog port")["diff"]
    assert (diff["before"]["config"]["port"], diff["after"]["config"]["port"]) == (6514, 514)
    assert diff["before"]["config"]["key"] == diff["after"]["config"]["key"] == "(sensitive)"
    sinks = simulator.api("GET", "/v2/databases/%s/logsink" % cluster_id)[1]["sinks"]
    assert ES_PASSWORD_CHANGED in {sink["sink_name"]: sink for sink in sinks}["search"]["config"]["url"]

    # Refused input that holds a secret: the message names the option, never the value.
    bad_es = task("database_logsink", "bad es", cluster_name="backend", name="search2", sink_type="elasticsearch",
                  config={"url": "ftp://logger:{{ es_password }}@es.example.com", "index_prefix": "db"})
    refused = play([failing(rsyslog_sink("bad rsyslog", format="json")), failing(bad_es)])
    assert refused.result("bad rsyslog")["msg"].startswith("config.format must be one of rfc5424, rfc3164, custom")
    assert refused.result("bad es")["msg"] == "config.url must be an http or https URL, got a ftp one"
    assert_no_secret(refused)

    removals = [task("database_logsink", "drop syslog", cluster_name="backend", name="syslog", state="absent"),
                task("database_online_migration", "stop", cluster_name="backend", state="absent")]
    gone = play(removals, diff=True)
    assert gone.result("drop syslog")["changed"] and gone.result("stop")["changed"]
    assert_no_secret(gone)
    sinks = simulator.api("GET", "/v2/databases/%s/logsink" % cluster_id)[1]["sinks"]
    assert [sink["sink_name"] for sink in sinks] == ["search"]
    simulator.clear_requests()
    assert [play(removals).result(name)["changed"] for name in ("drop syslog", "stop")] == [False, False]
    assert simulator.mutating_requests() == []
