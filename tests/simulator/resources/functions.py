"""Serverless functions: namespaces (/v2/functions/namespaces[/{namespace_id}]), their scheduled
triggers (.../triggers[/{trigger_name}]) and access keys (.../keys[/{key_id}]).

Rules of the real API kept here (reference, tag "Functions"; the keys are in the OpenAPI document):

* a namespace needs ``region`` and ``label`` (unique in the account: 409); its id is the
  ``namespace`` field, ``fn-<uuid>``; the POST answers 200; nothing of it changes; deleting it
  deletes its triggers and keys;
* a trigger needs ``name`` (unique in the namespace: 409), ``function``, ``type`` ``SCHEDULED``,
  ``is_enabled`` and ``scheduled_details`` (a five-field ``cron``, an optional JSON ``body``);
  PUT changes ``is_enabled`` and ``scheduled_details`` only (the function never changes);
* an access key's POST answers 201 with its ``secret``, the only answer that holds it;
  ``expires_in`` is a duration such as ``24h`` or ``30d``; PUT renames it; DELETE answers 200.

The simulator cannot know which functions are deployed (that is done with doctl, not this API), so
any function name is taken.
"""
import re

from tests.simulator import catalog
from tests.simulator.routing import route, seeder
from tests.simulator.state import conflict, iso, new_uuid, not_found, unprocessable

KIND = "function_namespaces"
CRON_FIELD = re.compile(r"^[0-9A-Za-z*/,\-?]+$")
DURATION = re.compile(r"^([0-9]+)([hd])$")


def render(ns):
    return {"uuid": ns["uuid"], "namespace": ns["id"], "label": ns["label"], "region": ns["region"],
            "api_host": "https://faas-%s-%s.doserverless.co" % (ns["region"], ns["uuid"][:6]),
            "key": ns["key"], "created_at": iso(ns["created"]), "updated_at": iso(ns["created"])}


def _ns_or_404(ctx, namespace_id):
    ns = ctx.coll(KIND).get(namespace_id)
    if ns is None:
        raise not_found("namespace %s not found" % namespace_id)
    return ns


def new_namespace(ctx, label, region):
    if catalog.REGIONS.get(region) is None:
        raise unprocessable("region: %s is not available" % region)
    if any(ns["label"] == label for ns in ctx.coll(KIND).values()):
        raise conflict("a namespace labelled %s already exists" % label)
    uuid = new_uuid()
    ns = {"id": "fn-" + uuid, "uuid": uuid, "label": label, "region": region, "created": ctx.now,
          "key": "dof_v1_" + new_uuid().replace("-", "")[:20], "triggers": {}, "keys": {}}
    ctx.coll(KIND)[ns["id"]] = ns
    return ns


@route("GET", "/v2/functions/namespaces")
def list_namespaces(ctx):
    return 200, {"namespaces": [render(ns) for ns in ctx.coll(KIND).values()]}


@route("POST", "/v2/functions/namespaces")
def create_namespace(ctx):
    body = ctx.json_body()
    return 200, {"namespace": render(new_namespace(ctx, body["label"], body["region"]))}


@route("GET", "/v2/functions/namespaces/{namespace_id}")
def get_namespace(ctx, namespace_id):
    return 200, {"namespace": render(_ns_or_404(ctx, namespace_id))}


@route("DELETE", "/v2/functions/namespaces/{namespace_id}")
def delete_namespace(ctx, namespace_id):
    del ctx.coll(KIND)[_ns_or_404(ctx, namespace_id)["id"]]
    return 204, None


# -- triggers ----------------------------------------------------------------------------------------


def _check_details(details):
    fields = str(details.get("cron") or "").split()
    if len(fields) != 5 or not all(CRON_FIELD.match(field) for field in fields):
        raise unprocessable("scheduled_details.cron: %r is not a cron expression of five fields"
                            % details.get("cron"))
    body = details.get("body")
    if body is not None and not isinstance(body, dict):
        raise unprocessable("scheduled_details.body must be a JSON object")
    return {"cron": details["cron"], "body": body}


def render_trigger(ns, trigger):
    return {"name": trigger["name"], "namespace": ns["id"], "function": trigger["function"], "type": "SCHEDULED",
            "is_enabled": trigger["is_enabled"], "scheduled_details": dict(trigger["scheduled_details"]),
            "scheduled_runs": {"last_run_at": None, "next_run_at": None if not trigger["is_enabled"]
                               else "2030-01-01T00:00:00Z"},
            "created_at": trigger["created_at"], "updated_at": trigger["updated_at"]}


def _trigger_or_404(ns, name):
    trigger = ns["triggers"].get(name)
    if trigger is None:
        raise not_found("trigger %s not found" % name)
    return trigger


@route("GET", "/v2/functions/namespaces/{namespace_id}/triggers")
def list_triggers(ctx, namespace_id):
    ns = _ns_or_404(ctx, namespace_id)
    return 200, {"triggers": [render_trigger(ns, t) for t in ns["triggers"].values()]}


@route("POST", "/v2/functions/namespaces/{namespace_id}/triggers")
def create_trigger(ctx, namespace_id):
    ns = _ns_or_404(ctx, namespace_id)
    body = ctx.json_body()
    if body["type"] != "SCHEDULED":
        raise unprocessable("type: only SCHEDULED triggers are supported")
    if body["name"] in ns["triggers"]:
        raise conflict("a trigger named %s already exists in the namespace" % body["name"])
    trigger = {"name": body["name"], "function": body["function"], "is_enabled": body["is_enabled"],
               "scheduled_details": _check_details(body["scheduled_details"]), "created_at": iso(ctx.now),
               "updated_at": iso(ctx.now)}
    ns["triggers"][trigger["name"]] = trigger
    return 200, {"trigger": render_trigger(ns, trigger)}


@route("GET", "/v2/functions/namespaces/{namespace_id}/triggers/{trigger_name}")
def get_trigger(ctx, namespace_id, trigger_name):
    ns = _ns_or_404(ctx, namespace_id)
    return 200, {"trigger": render_trigger(ns, _trigger_or_404(ns, trigger_name))}


@route("PUT", "/v2/functions/namespaces/{namespace_id}/triggers/{trigger_name}")
def put_trigger(ctx, namespace_id, trigger_name):
    ns = _ns_or_404(ctx, namespace_id)
    trigger = _trigger_or_404(ns, trigger_name)
    body = ctx.json_body()
    if "is_enabled" in body:
        trigger["is_enabled"] = body["is_enabled"]
    if "scheduled_details" in body:
        trigger["scheduled_details"] = _check_details(body["scheduled_details"])
    trigger["updated_at"] = iso(ctx.now)
    return 200, {"trigger": render_trigger(ns, trigger)}


@route("DELETE", "/v2/functions/namespaces/{namespace_id}/triggers/{trigger_name}")
def delete_trigger(ctx, namespace_id, trigger_name):
    ns = _ns_or_404(ctx, namespace_id)
    del ns["triggers"][_trigger_or_404(ns, trigger_name)["name"]]
    return 204, None


# -- access keys -------------------------------------------------------------------------------------


def render_key(key):
    return {"id": key["id"], "name": key["name"], "created_at": iso(key["created"]),
            "updated_at": iso(key["updated"]), "expires_at": iso(key["expires"]) if key["expires"] else None}


def _key_or_404(ns, key_id):
    key = ns["keys"].get(key_id)
    if key is None:
        raise not_found("access key %s not found" % key_id)
    return key


@route("GET", "/v2/functions/namespaces/{namespace_id}/keys")
def list_keys(ctx, namespace_id):
    ns = _ns_or_404(ctx, namespace_id)
    return 200, {"access_keys": [render_key(k) for k in ns["keys"].values()], "count": len(ns["keys"])}


@route("POST", "/v2/functions/namespaces/{namespace_id}/keys")
def create_key(ctx, namespace_id):
    ns = _ns_or_404(ctx, namespace_id)
    body = ctx.json_body()
    expires = None
    if body.get("expires_in"):
        match = DURATION.match(body["expires_in"])
        if match is None:
            raise unprocessable("expires_in: %r is not a duration such as 24h or 30d" % body["expires_in"])
        expires = ctx.now + int(match.group(1)) * (3600 if match.group(2) == "h" else 86400)
    key = {"id": "dof_v1_" + new_uuid().replace("-", "")[:16], "name": body["name"], "created": ctx.now,
           "updated": ctx.now, "expires": expires}
    ns["keys"][key["id"]] = key
    return 201, {"access_key": dict(render_key(key), secret="dof_v1_secret_" + new_uuid().replace("-", ""))}


@route("PUT", "/v2/functions/namespaces/{namespace_id}/keys/{key_id}")
def put_key(ctx, namespace_id, key_id):
    ns = _ns_or_404(ctx, namespace_id)
    key = _key_or_404(ns, key_id)
    key["name"] = ctx.json_body()["name"]
    key["updated"] = ctx.now
    return 200, {"access_key": render_key(key)}


@route("DELETE", "/v2/functions/namespaces/{namespace_id}/keys/{key_id}")
def delete_key(ctx, namespace_id, key_id):
    ns = _ns_or_404(ctx, namespace_id)
    del ns["keys"][_key_or_404(ns, key_id)["id"]]
    return 200, {}


@seeder("function_namespaces")
def seed_namespaces(ctx, count=1, region="nyc1", name_prefix="ns", **_ignored):
    return [new_namespace(ctx, "%s-%d" % (name_prefix or "ns", i), region)["id"] for i in range(1, int(count) + 1)]
