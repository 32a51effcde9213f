# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Serverless functions: the declarations of function_namespace, function_trigger and function_key
(and their _info twins).

A namespace is found by its label (unique in the account); its id is the ``namespace`` field
(``fn-...``). Label and region never change: the API has no update for a namespace.

A trigger lives in a namespace (given by label or id) and is found by name. It is a scheduled
trigger: the function it calls (never changes), a five-field ``cron``, an optional JSON ``body``
and ``enabled``. cron, body and enabled change with one PUT that carries all three, so an update
never resets the one the task leaves unset.

An access key lives in a namespace and is found by name (or by id). Its secret is in the create's
answer only: the result returns it there, masked in the output (register it with ``no_log: true``
to use it). A name changes with PUT when the key is found by id.
"""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, exactly_one
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Parent
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Put, ResourceSpec

CRON_FIELD = re.compile(r"^[0-9A-Za-z*/,\-?]+$")
DURATION = re.compile(r"^[0-9]+[hd]$")
SCHEDULED = "SCHEDULED"


FUNCTION_NAMESPACE = ResourceSpec(
    kind="function_namespace",
    api=Api("/v2/functions/namespaces", "namespace", id_field="namespace"),
    lookup=Lookup(identity=("label",), names=("label", "namespace")),
    fields={
        "label": Field(),
        "region": Field(),
    },
    create=Create(fields=("label", "region"), required=("label", "region")),
    label="functions namespace",
)

IN_NAMESPACE = Parent(FUNCTION_NAMESPACE, "namespace", "namespace")


# -- triggers ----------------------------------------------------------------------------------------


def check_cron(option, value, params=None):
    fields = str(value).split()
    if len(fields) != 5 or not all(CRON_FIELD.match(field) for field in fields):
        raise PlanError("%s must be a cron expression of five fields (minute hour day month weekday) such as "
                        "'0 2 * * *', got %r" % (option, value))


def details(trigger):
    return trigger.get("scheduled_details") or {}


def trigger_body(engine, current, changes):
    """is_enabled and scheduled_details together: the task's values over what the trigger has."""
    params = engine.params
    had = details(current)
    return {
        "is_enabled": params["enabled"] if params.get("enabled") is not None else current.get("is_enabled"),
        "scheduled_details": {
            "cron": params["cron"] if params.get("cron") is not None else had.get("cron"),
            "body": params["body"] if params.get("body") is not None else had.get("body"),
        },
    }


def create_trigger(engine, body):
    params = engine.params
    return {"name": params["name"], "function": params["function"], "type": SCHEDULED,
            "is_enabled": True if params.get("enabled") is None else params["enabled"],
            "scheduled_details": {"cron": params["cron"], "body": params.get("body")}}


TRIGGER_PUT = Put(body=trigger_body, answer=True)

FUNCTION_TRIGGER = ResourceSpec(
    kind="function_trigger",
    api=Api("/v2/functions/namespaces/{parent}/triggers", "trigger", id_field="name"),
    lookup=Lookup(identity=("name",), id_option="name"),
    fields={
        "function": Field(),
        "cron": Field(read=lambda trigger: details(trigger).get("cron"), update=TRIGGER_PUT, check=check_cron),
        "body": Field(read=lambda trigger: details(trigger).get("body"), missing={}, update=TRIGGER_PUT),
        "enabled": Field(read=lambda trigger: trigger.get("is_enabled"), update=TRIGGER_PUT),
    },
    create=Create(fields=("name", "function", "cron", "body", "enabled"), required=("name", "function", "cron"),
                  body=create_trigger),
    parent=IN_NAMESPACE,
    label="function trigger",
)


# -- access keys -------------------------------------------------------------------------------------


def check_key(params):
    expires_in = params.get("expires_in")
    if expires_in is not None and not DURATION.match(expires_in):
        raise PlanError("expires_in must be a duration in hours or days such as 24h or 30d, got %r" % expires_in)
    return params


def find_key(engine):
    """By id or by name, in the namespace's list: the API has no GET for one key."""
    key_id = engine.params.get("id")
    keys = engine.list_all()
    if key_id:
        found = next((item for item in keys if item.get("id") == key_id), None)
        if found is None and engine.params.get("state", "present") == "present":
            raise PlanError("function_key with id %s does not exist in namespace %s" % (key_id, engine.parent_id))
        return found
    name = engine.params.get("name")
    return exactly_one([item for item in keys if item.get("name") == name], "access keys", "are named %s" % name,
                       hint="Give id to choose one.")


def mask_secret(engine, key, answer):
    """The secret is in this answer only: kept in the result, masked in the output."""
    secret = (key or {}).get("secret")
    if secret:
        engine.mask([secret])
    return key


FUNCTION_KEY = ResourceSpec(
    kind="function_key",
    api=Api("/v2/functions/namespaces/{parent}/keys", "access_key", plural_key="access_keys"),
    lookup=Lookup(identity=("name",), id_option=None, find=find_key),
    fields={
        "name": Field(update=Put(answer=True)),
        "expires_in": Field(write_only=True),
    },
    create=Create(fields=("name", "expires_in"), required=("name",), after=mask_secret),
    parent=IN_NAMESPACE,
    prepare=check_key,
    label="function access key",
)
