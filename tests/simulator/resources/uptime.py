"""Uptime checks and their alerts: /v2/uptime/checks[/{check_id}[/state|/alerts[/{alert_id}]]].

Rules kept here (reference, "Uptime"):

* a check needs ``name``, ``type`` (ping, http, https), ``target``, ``regions`` (the spec's enum) and
  ``enabled``, and at least one region. PUT changes the fields it holds and keeps the others;
* an http or https check's target is a URL of that scheme (a guess: the reference only says
  ``<url>``);
* an alert needs ``name``, ``type``, ``notifications`` and ``period``; ``threshold`` and
  ``comparison`` are optional (the ``down`` types take none). PUT needs the same fields as POST;
* deleting a check deletes its alerts.

The state of a check: every region of an enabled check reads ``CHECKING`` for ``action_seconds``
after the check was created or enabled, then ``UP`` with a 30-day uptime of 100; a disabled check
keeps the status it had. Realism knob: ``consistency_seconds`` (a new check is missing from GET and
lists for a while).
"""
from tests.simulator import realism
from tests.simulator.routing import route, seeder
from tests.simulator.state import iso, new_uuid, not_found, unprocessable

CHECKS = "uptime_checks"
ALERTS = "uptime_alerts"
CHECK_FIELDS = ("name", "type", "target", "regions", "enabled")
ALERT_FIELDS = ("name", "type", "threshold", "comparison", "notifications", "period")
REQUIRED_ALERT_FIELDS = ("name", "type", "notifications", "period")


def render_check(check):
    return {"id": check["id"], "name": check["name"], "type": check["type"], "target": check["target"],
            "regions": list(check["regions"]), "enabled": check["enabled"]}


def render_alert(alert):
    out = {"id": alert["id"]}
    for key in ALERT_FIELDS:
        if alert.get(key) is not None:
            out[key] = alert[key]
    out["notifications"] = {"email": list(alert["notifications"]["email"]),
                            "slack": [dict(entry) for entry in alert["notifications"]["slack"]]}
    return out


def _check_target(check):
    if check["type"] in ("http", "https") and not check["target"].startswith(check["type"] + "://"):
        raise unprocessable("target: an %s check needs an %s:// URL" % (check["type"], check["type"]))
    if not check["regions"]:
        raise unprocessable("regions: at least one region is required")


def get_check_or_404(ctx, check_id):
    check = ctx.coll(CHECKS).get(check_id)
    if check is None:
        raise not_found()
    return realism.check_visible(ctx, check)


def new_check(ctx, name, check_type, target, regions, enabled=True):
    check = {"id": new_uuid(), "name": name, "type": check_type, "target": target, "regions": list(regions),
             "enabled": bool(enabled), "checking_until": ctx.now + float(ctx.config["action_seconds"]),
             "status_changed_at": ctx.now, "created": ctx.now}
    _check_target(check)
    ctx.coll(CHECKS)[check["id"]] = check
    return check


@route("GET", "/v2/uptime/checks")
def list_checks(ctx):
    coll = ctx.coll(CHECKS)
    items, total = realism.listable(ctx, CHECKS, coll.values(), len(coll))
    return 200, ctx.paginate("checks", items, render_check, total=total)


@route("POST", "/v2/uptime/checks")
def create_check(ctx):
    body = ctx.json_body()
    check = new_check(ctx, body["name"], body["type"], body["target"], body["regions"], body["enabled"])
    realism.mark_created(ctx, CHECKS, check)
    return 201, {"check": render_check(check)}


@route("GET", "/v2/uptime/checks/{check_id}")
def get_check(ctx, check_id):
    return 200, {"check": render_check(get_check_or_404(ctx, check_id))}


@route("PUT", "/v2/uptime/checks/{check_id}")
def update_check(ctx, check_id):
    check = get_check_or_404(ctx, check_id)
    body = ctx.json_body()
    updated = dict(check, **{key: body[key] for key in CHECK_FIELDS if key in body})
    _check_target(updated)
    if updated["enabled"] and not check["enabled"]:
        updated["checking_until"] = ctx.now + float(ctx.config["action_seconds"])
        updated["status_changed_at"] = ctx.now
    check.update(updated)
    return 200, {"check": render_check(check)}


@route("DELETE", "/v2/uptime/checks/{check_id}")
def delete_check(ctx, check_id):
    check = get_check_or_404(ctx, check_id)
    alerts = ctx.coll(ALERTS)
    for alert_id in [a["id"] for a in alerts.values() if a["check_id"] == check["id"]]:
        del alerts[alert_id]
    del ctx.coll(CHECKS)[check["id"]]
    return 204, None


@route("GET", "/v2/uptime/checks/{check_id}/state")
def get_check_state(ctx, check_id):
    check = get_check_or_404(ctx, check_id)
    checking = check["enabled"] and ctx.now < check["checking_until"]
    changed_at = check["status_changed_at"] if checking else max(check["status_changed_at"], check["checking_until"])
    regions = {region: {"status": "CHECKING" if checking else "UP", "status_changed_at": iso(changed_at),
                        "thirty_day_uptime_percentage": 100.0}
               for region in check["regions"]}
    return 200, {"state": {"regions": regions, "previous_outage": {}}}


# -- alerts ---------------------------------------------------------------------------------------


def _alert_fields(body):
    missing = [field for field in REQUIRED_ALERT_FIELDS if field not in body]
    if missing:
        raise unprocessable("%s: is required" % missing[0])
    notifications = body["notifications"]
    return {
        "name": body["name"], "type": body["type"], "threshold": body.get("threshold"),
        "comparison": body.get("comparison"), "period": body["period"],
        "notifications": {"email": list(notifications["email"]),
                          "slack": [{"channel": e["channel"], "url": e["url"]} for e in notifications["slack"]]},
    }


def get_alert_or_404(ctx, check, alert_id):
    alert = ctx.coll(ALERTS).get(alert_id)
    if alert is None or alert["check_id"] != check["id"]:
        raise not_found()
    return alert


@route("GET", "/v2/uptime/checks/{check_id}/alerts")
def list_alerts(ctx, check_id):
    check = get_check_or_404(ctx, check_id)
    items = [alert for alert in ctx.coll(ALERTS).values() if alert["check_id"] == check["id"]]
    return 200, ctx.paginate("alerts", items, render_alert)


@route("POST", "/v2/uptime/checks/{check_id}/alerts")
def create_alert(ctx, check_id):
    check = get_check_or_404(ctx, check_id)
    alert = dict(_alert_fields(ctx.json_body()), id=new_uuid(), check_id=check["id"])
    ctx.coll(ALERTS)[alert["id"]] = alert
    return 201, {"alert": render_alert(alert)}


@route("GET", "/v2/uptime/checks/{check_id}/alerts/{alert_id}")
def get_alert(ctx, check_id, alert_id):
    return 200, {"alert": render_alert(get_alert_or_404(ctx, get_check_or_404(ctx, check_id), alert_id))}


@route("PUT", "/v2/uptime/checks/{check_id}/alerts/{alert_id}")
def update_alert(ctx, check_id, alert_id):
    alert = get_alert_or_404(ctx, get_check_or_404(ctx, check_id), alert_id)
    alert.update(_alert_fields(ctx.json_body()))
    return 200, {"alert": render_alert(alert)}


@route("DELETE", "/v2/uptime/checks/{check_id}/alerts/{alert_id}")
def delete_alert(ctx, check_id, alert_id):
    alert = get_alert_or_404(ctx, get_check_or_404(ctx, check_id), alert_id)
    del ctx.coll(ALERTS)[alert["id"]]
    return 204, None


@seeder("uptime_checks")
def seed_checks(ctx, count=1, name_prefix="seed", target="https://example.com", regions=None, **_ignored):
    return [new_check(ctx, "%s-%d" % (name_prefix or "seed", index), target.split(":")[0], target,
                      regions or ["us_east"])["id"]
            for index in range(1, int(count) + 1)]
