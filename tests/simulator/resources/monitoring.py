"""Monitoring alert policies: /v2/monitoring/alerts and /v2/monitoring/alerts/{alert_uuid}.

Rules kept here (reference, "Create Alert Policy" / "Update an Alert Policy"):

* every field of the policy is required on POST and on PUT: a PUT replaces the whole policy;
* ``alerts`` holds ``email`` and ``slack`` (both required, either may be empty); a Slack entry
  needs ``channel`` and a ``url``, which must be an https URL (a guess: the reference gives no rule);
* ``entities`` and ``tags`` may both be empty: the policy then watches every resource of its type.

Descriptions are not unique (the API allows two policies with the same description). Lists are
oldest first. Realism knob: ``consistency_seconds`` (a new policy is missing from GET and lists for
a while).
"""
from tests.simulator import realism
from tests.simulator.routing import route, seeder
from tests.simulator.state import new_uuid, not_found, unprocessable

KIND = "alert_policies"
FIELDS = ("type", "description", "compare", "value", "window", "entities", "tags", "alerts", "enabled")


def render_policy(policy):
    out = {key: policy[key] for key in ("uuid",) + FIELDS}
    out["entities"] = list(policy["entities"])
    out["tags"] = list(policy["tags"])
    out["alerts"] = {"email": list(policy["alerts"]["email"]),
                     "slack": [dict(entry) for entry in policy["alerts"]["slack"]]}
    return out


def _checked(body):
    """The policy fields of a POST or PUT body; 422 naming the first field the API would refuse."""
    missing = [field for field in FIELDS if field not in body]
    if missing:
        raise unprocessable("%s: is required" % missing[0])
    if not str(body["description"]).strip():
        raise unprocessable("description: must not be blank")
    for index, entry in enumerate(body["alerts"].get("slack") or []):
        if not str(entry.get("url", "")).startswith("https://"):
            raise unprocessable("alerts.slack[%d].url: must be an https URL" % index)
    return {
        "type": body["type"],
        "description": body["description"],
        "compare": body["compare"],
        "value": float(body["value"]),
        "window": body["window"],
        "entities": [str(entity) for entity in body["entities"]],
        "tags": list(body["tags"]),
        "alerts": {"email": list(body["alerts"]["email"]),
                   "slack": [{"channel": e["channel"], "url": e["url"]} for e in body["alerts"]["slack"]]},
        "enabled": bool(body["enabled"]),
    }


def get_policy_or_404(ctx, alert_uuid):
    policy = ctx.coll(KIND).get(alert_uuid)
    if policy is None:
        raise not_found()
    return realism.check_visible(ctx, policy)


def new_policy(ctx, fields):
    policy = dict(fields, uuid=new_uuid())
    ctx.coll(KIND)[policy["uuid"]] = policy
    return policy


@route("GET", "/v2/monitoring/alerts")
def list_policies(ctx):
    coll = ctx.coll(KIND)
    items, total = realism.listable(ctx, KIND, coll.values(), len(coll))
    return 200, ctx.paginate("policies", items, render_policy, total=total)


@route("POST", "/v2/monitoring/alerts")
def create_policy(ctx):
    policy = new_policy(ctx, _checked(ctx.json_body()))
    realism.mark_created(ctx, KIND, policy)
    return 200, {"policy": render_policy(policy)}


@route("GET", "/v2/monitoring/alerts/{alert_uuid}")
def get_policy(ctx, alert_uuid):
    return 200, {"policy": render_policy(get_policy_or_404(ctx, alert_uuid))}


@route("PUT", "/v2/monitoring/alerts/{alert_uuid}")
def update_policy(ctx, alert_uuid):
    policy = get_policy_or_404(ctx, alert_uuid)
    policy.update(_checked(ctx.json_body()))
    return 200, {"policy": render_policy(policy)}


@route("DELETE", "/v2/monitoring/alerts/{alert_uuid}")
def delete_policy(ctx, alert_uuid):
    policy = get_policy_or_404(ctx, alert_uuid)
    del ctx.coll(KIND)[policy["uuid"]]
    return 204, None


@seeder("alert_policies")
def seed_policies(ctx, count=1, name_prefix="seed", type="v1/insights/droplet/cpu", tags=None, **_ignored):
    ids = []
    for index in range(1, int(count) + 1):
        policy = new_policy(ctx, {
            "type": type, "description": "%s-%d" % (name_prefix or "seed", index), "compare": "GreaterThan",
            "value": 80.0, "window": "5m", "entities": [], "tags": list(tags or []),
            "alerts": {"email": ["ops@example.com"], "slack": []}, "enabled": True})
        ids.append(policy["uuid"])
    return ids
