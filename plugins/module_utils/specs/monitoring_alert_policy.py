# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Monitoring alert policies: the declaration the monitoring_alert_policy and _info modules share,
and the notification targets (email addresses, Slack channels) uptime alerts use too.

A policy is found by its uuid or by its description, which the API does not keep unique: two
policies with the description a task names are an error listing their uuids. PUT replaces the
whole policy, so an update sends every field: the task's values, and the policy's own for the
fields the task leaves alone. Slack webhook URLs are secrets: plans and diffs show them as
"(sensitive)", and every URL a result holds is masked in the output.
"""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Put
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, check_tag_names
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import sorted_set

# The policy types of the API (the spec's enum), by what their entities are.
DROPLET_TYPES = tuple("v1/insights/droplet/%s" % metric for metric in (
    "load_1", "load_5", "load_15", "memory_utilization_percent", "disk_utilization_percent", "cpu", "disk_read",
    "disk_write", "public_outbound_bandwidth", "public_inbound_bandwidth", "private_outbound_bandwidth",
    "private_inbound_bandwidth"))
LOAD_BALANCER_TYPES = tuple("v1/insights/lbaas/%s" % metric for metric in (
    "avg_cpu_utilization_percent", "connection_utilization_percent", "droplet_health",
    "tls_connections_per_second_utilization_percent", "increase_in_http_error_rate_percentage_5xx",
    "increase_in_http_error_rate_percentage_4xx", "increase_in_http_error_rate_count_5xx",
    "increase_in_http_error_rate_count_4xx", "high_http_request_response_time",
    "high_http_request_response_time_50p", "high_http_request_response_time_95p",
    "high_http_request_response_time_99p"))
DATABASE_TYPES = tuple("v1/dbaas/alerts/%s" % metric for metric in (
    "load_15_alerts", "memory_utilization_alerts", "disk_utilization_alerts", "cpu_alerts"))
AUTOSCALE_TYPES = tuple("v1/droplet/autoscale_alerts/%s" % metric for metric in (
    "current_instances", "target_instances", "current_cpu_utilization", "target_cpu_utilization",
    "current_memory_utilization", "target_memory_utilization", "scale_up", "scale_down"))
POLICY_TYPES = DROPLET_TYPES + LOAD_BALANCER_TYPES + DATABASE_TYPES + AUTOSCALE_TYPES
COMPARISONS = ("GreaterThan", "LessThan")
WINDOWS = ("5m", "10m", "30m", "1h")
# Every field of a policy: what a POST and a PUT must hold.
POLICY_FIELDS = ("type", "description", "compare", "value", "window", "entities", "tags", "alerts", "enabled")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# -- notification targets: {"email": [...], "slack": [{"channel", "url"}]} ---------------------------


def notification_targets(value):
    """Both lists as sets (sorted, without duplicates); a list left out is empty."""
    if value is None:
        return None
    emails = sorted({str(address) for address in value.get("email") or []})
    slack = sorted({(str(entry.get("channel")), str(entry.get("url"))) for entry in value.get("slack") or []})
    return {"email": emails, "slack": [{"channel": channel, "url": url} for channel, url in slack]}


def shown_targets(engine, value):
    """Slack webhook URLs shown as "(sensitive)": the channel tells the entries apart."""
    return dict(value, slack=[dict(entry, url=SENSITIVE) for entry in value.get("slack") or []])


def slack_urls(targets):
    return [entry.get("url") for entry in (targets or {}).get("slack") or [] if entry.get("url")]


def check_targets(option, value, params=None):
    """Addresses that look like addresses, channels with a name, webhook URLs over https."""
    for index, address in enumerate(value.get("email") or []):
        if not EMAIL.match(str(address)):
            raise PlanError("%s.email[%d]: %r is not an email address" % (option, index, address))
    for index, entry in enumerate(value.get("slack") or []):
        if not str(entry.get("channel") or "").strip():
            raise PlanError("%s.slack[%d].channel: give the Slack channel the alerts go to" % (option, index))
        if not str(entry.get("url") or "").startswith("https://"):
            # The URL is a secret: the message does not quote it.
            raise PlanError("%s.slack[%d].url: must be the channel's https:// webhook URL" % (option, index))


def notification_targets_option():
    """The argument spec of an option holding notification targets; the webhook URL is never logged."""
    return dict(type="dict", options=dict(
        email=dict(type="list", elements="str"),
        slack=dict(type="list", elements="dict", options=dict(
            channel=dict(type="str", required=True),
            url=dict(type="str", required=True, no_log=True),
        )),
    ))


def target_secrets(option):
    """secrets(params) of a module whose `option` holds notification targets."""
    return lambda params: slack_urls(params.get(option))


def masking(key, more=None):
    """extras(engine, resource) masking the Slack URLs resource[key] holds (an old policy's too), plus
    what more(engine, resource) adds."""

    def extras(engine, resource):
        engine.mask(slack_urls((resource or {}).get(key)))
        return more(engine, resource) if more else {}

    return extras


def masked_items(key):
    """expand(engine, item) for an _info module: the item as it is, its Slack URLs masked."""

    def expand(engine, item):
        engine.mask(slack_urls(item.get(key)))
        return item

    return expand


# -- the policy ---------------------------------------------------------------------------------------


def check_policy(params):
    description = params.get("description")
    if description is not None and not description.strip():
        raise PlanError("description must not be blank: it is how the policy is found")
    for index, entity in enumerate(params.get("entities") or []):
        if not str(entity).strip():
            raise PlanError("entities[%d]: give the id of a resource the policy watches" % index)
    if params.get("type") in DROPLET_TYPES:
        for index, entity in enumerate(params.get("entities") or []):
            if not str(entity).isdigit():
                raise PlanError("entities[%d]: %r is not a droplet id, and a %s policy watches droplets"
                                % (index, entity, params["type"]))


def policy_body(wanted):
    """A policy as POST and PUT take it: every field, in the API's shapes."""
    body = dict(wanted)
    body["value"] = float(body["value"])
    body["entities"] = [str(entity) for entity in body.get("entities") or []]
    body["tags"] = list(body.get("tags") or [])
    body["alerts"] = notification_targets(body.get("alerts") or {})
    body["enabled"] = True if body.get("enabled") is None else body["enabled"]
    return body


def create_body(engine, body):
    return policy_body(body)


def whole_policy(engine, policy, changes):
    """PUT replaces the policy: the task's values, and the policy's own for the fields it leaves alone."""
    return policy_body({field: engine.params[field] if engine.params.get(field) is not None else policy.get(field)
                        for field in POLICY_FIELDS})


PUT = Put(body=whole_policy, answer=True)

MONITORING_ALERT_POLICY = ResourceSpec(
    kind="monitoring_alert_policy",
    api=Api("/v2/monitoring/alerts", "policy", plural_key="policies", id_field="uuid"),
    lookup=Lookup(identity=("description",), id_option="uuid", names=("description",)),
    fields={
        "description": Field(update=PUT),
        "type": Field(update=PUT),
        "compare": Field(update=PUT),
        "value": Field(normalize=float, update=PUT),
        "window": Field(update=PUT),
        "entities": Field(normalize=sorted_set, missing=[], update=PUT),
        "tags": Field(normalize=sorted_set, missing=[], update=PUT, check=check_tag_names),
        "alerts": Field(normalize=notification_targets, show=shown_targets, update=PUT, check=check_targets),
        "enabled": Field(update=PUT),
    },
    create=Create(fields=POLICY_FIELDS, required=("type", "compare", "value", "window"), body=create_body),
    prepare=check_policy,
    secrets=target_secrets("alerts"),
    extras=masking("alerts"),
    label="monitoring alert policy",
)
