# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Uptime checks and their alerts: the declarations of the uptime_check and uptime_alert modules
and their _info modules.

A check is found by id or by name; every field changes with one PUT, which is sent whole (the
task's values, the check's own for the rest). An alert lives under its check, found by the check's
id or name (see Parent), and is found by name within it; it changes with one PUT that holds every
field too. Alert notifications are the same targets as a monitoring policy's alerts (email
addresses, Slack channels whose webhook URLs are secrets).
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Parent
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Put, ResourceSpec, sorted_set
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import check_targets
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import masked_items
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import masking
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.monitoring_alert_policy import (
    notification_targets, shown_targets, target_secrets)

CHECK_TYPES = ("ping", "http", "https")
CHECK_REGIONS = ("us_east", "us_west", "eu_west", "se_asia")
CHECK_FIELDS = ("name", "type", "target", "regions", "enabled")
ALERT_TYPES = ("latency", "down", "down_global", "ssl_expiry")
# The alert types that compare a value with a threshold, and what the threshold counts.
THRESHOLD_UNITS = {"latency": "milliseconds", "ssl_expiry": "days"}
ALERT_COMPARISONS = ("greater_than", "less_than")
ALERT_PERIODS = ("2m", "3m", "5m", "10m", "15m", "30m", "1h")
ALERT_FIELDS = ("name", "type", "threshold", "comparison", "period", "notifications")


# -- checks -------------------------------------------------------------------------------------------


def check_check(params):
    name = params.get("name")
    if name is not None and not name.strip():
        raise PlanError("name must not be blank: it is how the check is found")
    check_type, target = params.get("type"), params.get("target")
    if target is not None and not target.strip():
        raise PlanError("target must not be blank")
    if check_type in ("http", "https") and target is not None and not target.startswith(check_type + "://"):
        raise PlanError("target of an %s check must be an %s:// URL, got %r" % (check_type, check_type, target))
    if params.get("regions") == []:
        raise PlanError("regions must name at least one of %s" % ", ".join(CHECK_REGIONS))


def check_create_body(engine, body):
    return dict(body, enabled=True if body.get("enabled") is None else body["enabled"])


def listed(engine, check, answer):
    """Create.after: wait, for as long as the API's lists may lag behind a create, until the new
    check is listed. The next task often names it as its parent (an uptime_alert's check_name or
    check_id) and would otherwise not find it."""
    if engine.wait:
        engine.until_listed(lambda: next((item for item in engine.list_all() if item.get("id") == check.get("id")),
                                         None))
    return check


def whole_check(engine, check, changes):
    """PUT holds every field: the task's values, the check's own for the fields it leaves alone."""
    return {field: engine.params[field] if engine.params.get(field) is not None else check.get(field)
            for field in CHECK_FIELDS}


PUT_CHECK = Put(body=whole_check, answer=True)

UPTIME_CHECK = ResourceSpec(
    kind="uptime_check",
    api=Api("/v2/uptime/checks", "check"),
    lookup=Lookup(identity=("name",)),
    fields={
        "name": Field(update=PUT_CHECK),
        "type": Field(update=PUT_CHECK),
        "target": Field(update=PUT_CHECK),
        "regions": Field(normalize=sorted_set, missing=[], update=PUT_CHECK),
        "enabled": Field(update=PUT_CHECK),
    },
    create=Create(fields=CHECK_FIELDS, required=("type", "target", "regions"), body=check_create_body,
                  after=listed),
    prepare=check_check,
    label="uptime check",
)


def with_state(engine, check):
    """expand for uptime_check_info: the check with its state per region (GET .../state)."""
    state = engine.client.get("%s/state" % engine.item_path(check["id"])).get("state")
    return dict(check, state=state)


# -- alerts -------------------------------------------------------------------------------------------


def check_alert(params):
    name = params.get("name")
    if name is not None and not name.strip():
        raise PlanError("name must not be blank: it is how the alert is found")
    alert_type = params.get("type")
    if alert_type in THRESHOLD_UNITS and params.get("state") == "present":
        if params.get("threshold") is None:
            raise PlanError("threshold is required for a %s alert (in %s)" % (alert_type, THRESHOLD_UNITS[alert_type]))
        if params.get("comparison") is None:
            raise PlanError("comparison is required for a %s alert: one of %s"
                            % (alert_type, ", ".join(ALERT_COMPARISONS)))
    if alert_type is not None and alert_type not in THRESHOLD_UNITS:
        for option in ("threshold", "comparison"):
            if params.get(option) is not None:
                raise PlanError("%s applies to latency and ssl_expiry alerts only, not to a %s alert"
                                % (option, alert_type))
    if params.get("threshold") is not None and params["threshold"] < 0:
        raise PlanError("threshold must be at least 0, got %d" % params["threshold"])


def alert_body(wanted):
    body = {field: wanted.get(field) for field in ALERT_FIELDS if wanted.get(field) is not None}
    body["notifications"] = notification_targets(wanted.get("notifications") or {})
    return body


def alert_create_body(engine, body):
    return alert_body(body)


def whole_alert(engine, alert, changes):
    """PUT holds every field: the task's values, the alert's own for the fields it leaves alone. A
    down alert keeps no threshold or comparison."""
    wanted = {field: engine.params[field] if engine.params.get(field) is not None else alert.get(field)
              for field in ALERT_FIELDS}
    if wanted.get("type") not in THRESHOLD_UNITS:
        wanted.update(threshold=None, comparison=None)
    return alert_body(wanted)


def check_id_of(engine, resource):
    return {"check_id": engine.parent_id}


PUT_ALERT = Put(body=whole_alert, answer=True)

UPTIME_ALERT = ResourceSpec(
    kind="uptime_alert",
    api=Api("/v2/uptime/checks/{parent}/alerts", "alert"),
    lookup=Lookup(identity=("name",)),
    fields={
        "name": Field(update=PUT_ALERT),
        "type": Field(update=PUT_ALERT),
        "threshold": Field(update=PUT_ALERT),
        "comparison": Field(update=PUT_ALERT),
        "period": Field(update=PUT_ALERT),
        "notifications": Field(normalize=notification_targets, show=shown_targets, update=PUT_ALERT,
                               check=check_targets),
    },
    create=Create(fields=ALERT_FIELDS, required=("type", "period", "notifications"), body=alert_create_body),
    parent=Parent(UPTIME_CHECK, "check_id", "check_name"),
    prepare=check_alert,
    secrets=target_secrets("notifications"),
    extras=masking("notifications", check_id_of),
    label="uptime alert",
)

# expand for uptime_alert_info: the alerts as they are, their Slack URLs masked.
MASKED_ALERT = masked_items("notifications")
