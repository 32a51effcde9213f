# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Log sinks of a managed database cluster (/v2/databases/{id}/logsink/{sink_id}): rsyslog,
Elasticsearch and OpenSearch.

A sink is found by ``id`` (its sink_id) or by name within its cluster. Its type cannot change; its
config is compared key by key (the keys the task gives) and replaced with one PUT.

Secrets: a sink's config may hold credentials, in the URL of an Elasticsearch or OpenSearch sink
(https://user:password@host) and in the client key of an rsyslog sink. The password and the key are
masked everywhere in the output (Ansible's no_log values, registered before anything can fail);
plans and diffs show them as "(sensitive)".
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Put
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import IN_CLUSTER, cluster_id_of
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_config import covered

SINK_TYPES = ("rsyslog", "elasticsearch", "opensearch")
RSYSLOG_FORMATS = ("rfc5424", "rfc3164", "custom")
# The keys each type's config requires (the spec's rsyslog_logsink, elasticsearch_logsink and
# opensearch_logsink), and the ones it takes besides.
REQUIRED = {"rsyslog": ("server", "port", "tls", "format"), "elasticsearch": ("url", "index_prefix"),
            "opensearch": ("url", "index_prefix")}
OPTIONAL = {"rsyslog": ("logline", "sd", "ca", "key", "cert"), "elasticsearch": ("index_days_max", "timeout", "ca"),
            "opensearch": ("index_days_max", "timeout", "ca")}
# Config keys whose whole value is a secret.
SECRET_CONFIG_KEYS = ("key",)


# -- secrets -----------------------------------------------------------------------------------------


def url_password(url):
    try:
        return urlsplit(str(url)).password
    except ValueError:
        return None


def config_secrets(config):
    """The secret values in a sink's config: the password of its URL, its client key."""
    config = config or {}
    found = [config.get(key) for key in SECRET_CONFIG_KEYS]
    found.append(url_password(config.get("url")))
    return [value for value in found if isinstance(value, str) and value]


def shown_config(engine, config):
    """The config as plans and diffs show it: the keys the task gives, secrets as "(sensitive)"."""
    if not isinstance(config, dict):
        return config
    wanted = engine.params.get("config") or config
    shown = {}
    for key in wanted:
        value = config.get(key)
        if key in SECRET_CONFIG_KEYS and value:
            value = SENSITIVE
        elif key == "url" and url_password(value):
            parts = urlsplit(value)
            value = parts._replace(netloc="%s:%s@%s" % (parts.username, SENSITIVE, parts.hostname + (
                ":%d" % parts.port if parts.port else ""))).geturl()
        shown[key] = value
    return shown


def sink_secrets(params):
    return config_secrets(params.get("config"))


def mask_sink(engine, sink):
    """A sink as it is returned: its secrets registered to be masked in the output."""
    engine.mask(config_secrets((sink or {}).get("config")))
    return sink


def sink_extras(engine, sink):
    mask_sink(engine, sink)
    return cluster_id_of(engine, sink)


# -- checks ------------------------------------------------------------------------------------------


def check_sink(params):
    sink_type, config = params.get("sink_type"), params.get("config")
    if config is None or sink_type is None:
        return params
    required, optional = REQUIRED[sink_type], OPTIONAL[sink_type]
    missing = [key for key in required if config.get(key) in (None, "")]
    if missing and params.get("state", "present") == "present":
        raise PlanError("config of an %s sink requires %s" % (sink_type, ", ".join(missing)))
    unknown = sorted(set(config) - set(required) - set(optional))
    if unknown:
        raise PlanError("config.%s is not a setting of an %s sink; its settings are: %s" % (
            unknown[0], sink_type, ", ".join(required + optional)))
    if sink_type == "rsyslog":
        if config.get("format") is not None and config["format"] not in RSYSLOG_FORMATS:
            raise PlanError("config.format must be one of %s, got %r" % (", ".join(RSYSLOG_FORMATS), config["format"]))
        port = config.get("port")
        if port is not None and (isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535):
            raise PlanError("config.port must be a port number from 1 to 65535, got %r" % (port,))
    else:
        url = config.get("url")
        if url is not None and urlsplit(str(url)).scheme not in ("http", "https"):
            raise PlanError("config.url must be an http or https URL, got a %s one" % (
                urlsplit(str(url)).scheme or "relative"))
        _check_range(config, "index_days_max", 1, 10000)
        _check_range(config, "timeout", 10, 120)
    return params


def _check_range(config, key, least, most):
    value = config.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                              or not least <= value <= most):
        raise PlanError("config.%s must be between %d and %d, got %r" % (key, least, most, value))


def find_sink(engine):
    """By name: the sinks list, matched on sink_name."""
    name = engine.params.get("name")
    if not name:
        raise PlanError("database_logsink requires name (or id) to find the log sink")
    found = [sink for sink in engine.list_all() if sink.get("sink_name") == name]
    if len(found) > 1:
        raise PlanError("%d log sinks are named %s: ids %s. Give the id to choose one." % (
            len(found), name, ", ".join(str(sink.get("sink_id")) for sink in found)))
    return found[0] if found else None


def sink_create_body(engine, body):
    return {"sink_name": body["name"], "sink_type": body["sink_type"], "config": body["config"]}


DATABASE_LOGSINK = ResourceSpec(
    kind="database_logsink",
    api=Api("/v2/databases/{parent}/logsink", "sink", id_field="sink_id"),
    lookup=Lookup(find=find_sink, names=("sink_name",)),
    fields={
        "name": Field(read=lambda sink: sink.get("sink_name")),
        "sink_type": Field(),
        "config": Field(equal=covered, show=shown_config,
                        update=Put(body=lambda engine, sink, changes: {"config": changes["config"].after})),
    },
    create=Create(fields=("name", "sink_type", "config"), required=("sink_type", "config"), body=sink_create_body),
    parent=IN_CLUSTER,
    prepare=check_sink,
    extras=sink_extras,
    secrets=sink_secrets,
    label="log sink",
)
