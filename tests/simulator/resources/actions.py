"""Actions: records of asynchronous events (GET /v2/actions[/{id}]).

Other modules create actions with :func:`create_action`.  The status is
computed lazily from timestamps: an action is ``in-progress`` until
``duration`` seconds (the ``action_seconds`` setting by default) have passed,
then ``completed`` -- or ``errored`` when it was created while the fault
``action_errors`` (PUT /_sim/faults) matched its type and resource type.
"""
from tests.simulator import catalog
from tests.simulator.routing import route
from tests.simulator.state import iso, not_found

KIND = "actions"


def will_error(ctx, action_type, resource_type):
    """Does the ``action_errors`` fault make a new action of this kind end errored?"""
    rule = (ctx.sim.faults or {}).get("action_errors")
    if rule is None:
        return False
    return (rule.get("type") in (None, action_type)
            and rule.get("resource_type") in (None, resource_type))


def create_action(ctx, action_type, resource_id, resource_type, region_slug,
                  duration=None, **internal):
    if duration is None:
        duration = float(ctx.config["action_seconds"])
    action = {
        "id": ctx.state.next_id("action", 1500000001),
        "type": action_type,
        "started": ctx.now,
        "duration": duration,
        "resource_id": resource_id,
        "resource_type": resource_type,
        "region_slug": region_slug,
        "errored": will_error(ctx, action_type, resource_type),
    }
    action.update(internal)
    ctx.coll(KIND)[action["id"]] = action
    return action


def is_done(ctx, action):
    return ctx.now >= action["started"] + action["duration"]


def render_action(ctx, action):
    done = is_done(ctx, action)
    if not done:
        status = "in-progress"
    else:
        status = "errored" if action["errored"] else "completed"
    slug = action["region_slug"]
    out = {
        "id": action["id"],
        "status": status,
        "type": action["type"],
        "started_at": iso(action["started"]),
        "completed_at": iso(action["started"] + action["duration"]) if done else None,
        "resource_id": action["resource_id"],
        "resource_type": action["resource_type"],
        "region_slug": slug,
    }
    if slug in catalog.REGIONS:
        out["region"] = catalog.REGIONS[slug]
    return out


def action_link(ctx, action, rel):
    return {"id": action["id"], "rel": rel, "href": ctx.url("/v2/actions/%d" % action["id"])}


def get_action_or_404(ctx, action_id):
    try:
        action = ctx.coll(KIND).get(int(action_id))
    except (TypeError, ValueError):
        action = None
    if action is None:
        raise not_found()
    return action


def _render_for(ctx):
    return lambda a: render_action(ctx, a)


def list_action_ids(ctx, ids):
    """Paginated answer for a list of action ids (oldest first)."""
    coll = ctx.coll(KIND)
    actions = [coll[i] for i in ids if i in coll]
    return ctx.paginate("actions", actions, _render_for(ctx))


@route("GET", "/v2/actions")
def list_actions(ctx):
    coll = ctx.coll(KIND)
    return 200, ctx.paginate("actions", coll.values(), _render_for(ctx), total=len(coll))


@route("GET", "/v2/actions/{action_id}")
def get_action(ctx, action_id):
    return 200, {"action": render_action(ctx, get_action_or_404(ctx, action_id))}
