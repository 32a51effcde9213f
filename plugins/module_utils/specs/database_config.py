# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The engine configuration of a managed database cluster (PATCH /v2/databases/{id}/config).

Only the keys a task gives are managed: they are compared one by one with what the cluster has,
shown alone in the plan and the diff, and sent alone in one PATCH. Each key is checked against the
engine's configuration schema in the API's OpenAPI spec (database_config_schema.py, a table
generated from it) before any request that could change anything: an unknown key, a value of the
wrong type or out of range is an error naming config.<key>. Without the ``engine`` option the keys
are checked against every engine before any request, then against the cluster's own engine as soon
as the cluster is read.

``check_settings`` also checks the config of a Kafka topic (database_kafka.py).
"""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.database_config_schema import ENGINE_CONFIG
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Field, Lookup, Patch
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import ENGINE_NAMES, IN_CLUSTER
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import cluster_id_of

TYPE_NAMES = {"integer": "an integer", "number": "a number", "boolean": "a boolean", "string": "a string",
              "array": "a list", "object": "a dict"}
TRUE_WORDS = ("true", "yes", "on", "1")
FALSE_WORDS = ("false", "no", "off", "0")


# -- checking values against the schema's rules --------------------------------------------------------


def check_settings(option, values, rules, what):
    """values (a dict) checked key by key against rules (a table of database_config_schema.py).

    Returns a copy with values coerced where Ansible may have made strings of them ("8" for an
    integer). An unknown key or a value the rules refuse is a PlanError naming option.key; what says
    whose settings these are ("PostgreSQL clusters").
    """
    if not isinstance(values, dict):
        raise PlanError("%s must be a dict of settings, got %r" % (option, values))
    checked = {}
    for key, value in values.items():
        if key not in rules:
            raise PlanError("%s.%s is not a setting of %s; the settings are: %s" % (
                option, key, what, ", ".join(sorted(rules))))
        checked[key] = checked_value("%s.%s" % (option, key), value, rules[key])
    return checked


def checked_value(where, value, rule):
    if value is None:
        if rule.get("nullable"):
            return None
        raise PlanError("%s must not be null" % where)
    kind = rule.get("type")
    value = _COERCE.get(kind, _as_is)(where, value, rule)
    if "enum" in rule and value not in rule["enum"]:
        raise PlanError("%s must be one of %s, got %r" % (where, ", ".join(str(item) for item in rule["enum"]), value))
    _check_bounds(where, value, rule)
    if kind == "string":
        _check_text(where, value, rule)
    elif kind == "array":
        if "maxItems" in rule and len(value) > rule["maxItems"]:
            raise PlanError("%s may hold at most %d items, got %d" % (where, rule["maxItems"], len(value)))
        value = [checked_value("%s[%d]" % (where, index), item, rule.get("items") or {})
                 for index, item in enumerate(value)]
    elif kind == "object" and "properties" in rule:
        value = check_settings(where, value, rule["properties"], "this setting")
    return value


def _refuse(where, rule, value):
    raise PlanError("%s must be %s, got %r" % (where, TYPE_NAMES.get(rule.get("type"), rule.get("type")), value))


def _integer(where, value, rule):
    if isinstance(value, bool):
        _refuse(where, rule, value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.match(r"^-?\d+$", value.strip()):
        return int(value.strip())
    if not isinstance(value, int):
        _refuse(where, rule, value)
    return value


def _number(where, value, rule):
    if isinstance(value, bool):
        _refuse(where, rule, value)
    if isinstance(value, str):
        try:
            return float(value) if not re.match(r"^-?\d+$", value.strip()) else int(value)
        except ValueError:
            _refuse(where, rule, value)
    if not isinstance(value, (int, float)):
        _refuse(where, rule, value)
    return value


def _boolean(where, value, rule):
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS + FALSE_WORDS:
        return value.strip().lower() in TRUE_WORDS
    if not isinstance(value, bool):
        _refuse(where, rule, value)
    return value


def _string(where, value, rule):
    # YAML reads a bare on/off as a boolean: take it back as the word the setting expects.
    if isinstance(value, bool) and {"on", "off"} <= set(rule.get("enum") or ()):
        return "on" if value else "off"
    if not isinstance(value, str):
        _refuse(where, rule, value)
    return value


def _array(where, value, rule):
    if not isinstance(value, (list, tuple)):
        _refuse(where, rule, value)
    return list(value)


def _object(where, value, rule):
    if not isinstance(value, dict):
        _refuse(where, rule, value)
    return value


def _as_is(where, value, rule):
    return value


_COERCE = {"integer": _integer, "number": _number, "boolean": _boolean, "string": _string, "array": _array,
           "object": _object}


def _check_bounds(where, value, rule):
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return
    least, most = rule.get("minimum"), rule.get("maximum")
    if (least is not None and value < least) or (most is not None and value > most):
        if least is not None and most is not None:
            bounds = "between %s and %s" % (least, most)
        else:
            bounds = "at least %s" % least if least is not None else "at most %s" % most
        raise PlanError("%s must be %s, got %r" % (where, bounds, value))


def _check_text(where, value, rule):
    if "minLength" in rule and len(value) < rule["minLength"]:
        raise PlanError("%s must be at least %d characters, got %r" % (where, rule["minLength"], value))
    if "maxLength" in rule and len(value) > rule["maxLength"]:
        raise PlanError("%s must be at most %d characters, got %d" % (where, rule["maxLength"], len(value)))
    if "pattern" in rule and not re.search(rule["pattern"], value):
        raise PlanError("%s must match %s, got %r" % (where, rule["pattern"], value))


# -- comparing and showing only the keys a task manages --------------------------------------------------


def covers(have, want):
    """Whether have holds every value of want: dicts key by key (nested ones too), lists as sets."""
    if isinstance(want, dict):
        return isinstance(have, dict) and all(covers(have.get(key), value) for key, value in want.items())
    if isinstance(want, list):
        return isinstance(have, list) and sorted(map(str, have)) == sorted(map(str, want))
    if isinstance(want, bool) or isinstance(have, bool):
        return have is want
    return have == want


def covered(obj, have, want):
    return covers(have, want)


def managed_keys(engine, value, option="config"):
    """A settings dict as plans and diffs show it: only the keys the task gives."""
    wanted = engine.params.get(option) or {}
    if not isinstance(value, dict):
        return value
    return {key: value.get(key) for key in wanted}


def merged(have, want):
    """want laid over have, nested dicts merged too: what a PATCH leaves the settings at."""
    result = dict(have or {})
    for key, value in want.items():
        result[key] = merged(result.get(key), value) if isinstance(value, dict) else value
    return result


# -- the declaration ---------------------------------------------------------------------------------


def engine_label(slug):
    return "%s clusters (engine %s)" % (ENGINE_NAMES.get(slug, slug), slug)


def check_config(params):
    """Every key against the engine's schema; without an engine, against every engine that has it."""
    config = params.get("config")
    if config is None:
        return params
    slug = params.get("engine")
    if slug:
        return dict(params, config=check_settings("config", config, ENGINE_CONFIG[slug], engine_label(slug)))
    if not isinstance(config, dict):
        raise PlanError("config must be a dict of settings, got %r" % (config,))
    for key, value in config.items():
        engines = [name for name, rules in sorted(ENGINE_CONFIG.items()) if key in rules]
        if not engines:
            raise PlanError("config.%s is not a configuration setting of any database engine" % key)
        errors = []
        for name in engines:
            try:
                check_settings("config", {key: value}, ENGINE_CONFIG[name], engine_label(name))
            except PlanError as exc:
                errors.append(exc)
        if len(errors) == len(engines):
            raise errors[0]
    return params


def check_cluster_engine(engine):
    """Once the cluster is read: its engine is the one the task names, and the keys are its own."""
    cluster = engine.parent or {}
    slug, named = cluster.get("engine"), engine.params.get("engine")
    if named and slug and named != slug:
        raise PlanError("engine is %s, but cluster %s is a %s cluster" % (named, cluster.get("name"), slug))
    if slug in ENGINE_CONFIG and engine.params.get("config") is not None:
        return dict(engine.params, config=check_settings("config", engine.params["config"], ENGINE_CONFIG[slug],
                                                         engine_label(slug)))
    return engine.params


def read_config(engine):
    """The configuration always exists: the cluster's id with its settings."""
    answer = engine.client.get(engine.collection_path)
    return {"cluster_id": engine.parent_id, "config": answer.get("config") or {}}


def config_body(engine, current, changes):
    wanted = changes["config"].after
    return {"config": {key: merged((current.get("config") or {}).get(key), value) if isinstance(value, dict) else value
                       for key, value in wanted.items()}}


def config_after(engine, current, response, body):
    return dict(current, config=merged(current.get("config"), body["config"]))


DATABASE_CONFIG = ResourceSpec(
    kind="database_config",
    api=Api("/v2/databases/{parent}/config", "config", item="/v2/databases/{parent}/config", id_field="cluster_id"),
    lookup=Lookup(identity=(), id_option=None, find=read_config),
    fields={
        "config": Field(equal=covered, show=managed_keys, update=Patch(body=config_body, answer=config_after)),
    },
    parent=IN_CLUSTER,
    prepare=check_config,
    resolve=check_cluster_engine,
    extras=cluster_id_of,
    label="database configuration",
)
