"""App Platform: apps and their deployments.

* /v2/apps (list, create), /v2/apps/{id} (get, update, delete)
* /v2/apps/{app_id}/deployments (list, create), /v2/apps/{app_id}/deployments/{deployment_id}

The live spec carries what the API adds: defaults (``region`` nyc, ``instance_count`` 1,
``instance_size_slug`` apps-s-1vcpu-0.5gb, ``http_port`` 8080, a ``/`` route on the first
service or static site when there is no ingress, env ``scope``/``type``), encrypted SECRET env
values (``EV[1:...]``), and it leaves out zero values (false, "", [], {}) like the real API.

Deployments move PENDING_BUILD -> BUILDING -> DEPLOYING -> ACTIVE, one phase per
``action_seconds``, computed from timestamps on read. A deployment created while another is
still running supersedes it; an ACTIVE deployment is SUPERSEDED once a newer one is ACTIVE.
A deployment fails (phase ERROR, failing step ``deploy > components > <name> > wait``) when a
component's ``run_command`` is ``exit 1`` or an env var (app-level or component) sets
``SIM_FAIL_DEPLOY=1``.

Realism knob ``consistency_seconds``: a new app is missing from GET and the list for a while.
"""
import base64
import copy
import hashlib
import random
import string

from tests.simulator import realism
from tests.simulator.routing import route
from tests.simulator.state import ApiError, conflict, iso, new_uuid, not_found

KIND = "apps"
DEPLOYMENTS = "app_deployments"
COMPONENT_KINDS = ("services", "static_sites", "workers", "jobs", "functions")
SOURCED_KINDS = ("services", "static_sites", "workers", "jobs")
SOURCES = ("github", "gitlab", "git", "bitbucket", "image")
SIZED_KINDS = ("services", "workers", "jobs")
DEFAULT_SIZE = "apps-s-1vcpu-0.5gb"
DEFAULT_REGION = "nyc"
ENCRYPTED_PREFIX = "EV["
REGIONS = {
    "atl": ("Atlanta", "usa", "North America", ["atl1"]),
    "nyc": ("New York", "usa", "North America", ["nyc1", "nyc3"]),
    "sfo": ("San Francisco", "usa", "North America", ["sfo3"]),
    "tor": ("Toronto", "canada", "North America", ["tor1"]),
    "ams": ("Amsterdam", "netherlands", "Europe", ["ams3"]),
    "fra": ("Frankfurt", "germany", "Europe", ["fra1"]),
    "lon": ("London", "uk", "Europe", ["lon1"]),
    "blr": ("Bangalore", "india", "Asia", ["blr1"]),
    "sgp": ("Singapore", "singapore", "Asia", ["sgp1"]),
    "syd": ("Sydney", "australia", "Australia", ["syd1"]),
}
FAIL_REASON = {
    "code": "DeployContainerExitNonZero",
    "message": "Your deploy failed because your container exited with a non-zero exit code.",
}


def invalid(message):
    return ApiError(400, "invalid_argument", message)


# ----------------------------------------------------------------- spec rules
def components(spec):
    for kind in COMPONENT_KINDS:
        for component in spec.get(kind) or []:
            yield kind, component


def validate_spec(ctx, spec, app_id=None):
    """The rules the real API applies beyond the OpenAPI schema."""
    seen = set()
    count = 0
    for kind, component in components(spec):
        count += 1
        name = component.get("name")
        if not name:
            raise invalid('error validating app spec field "%s.name": a name is required' % kind)
        if name in seen:
            raise invalid('error validating app spec field "%s.name": component name "%s" is used more '
                          "than once" % (kind, name))
        seen.add(name)
        if kind in SOURCED_KINDS:
            given = [source for source in SOURCES if component.get(source)]
            if len(given) != 1:
                raise invalid('error validating app spec field "%s.%s": exactly one source (%s) is '
                              "required, got %d" % (kind, name, ", ".join(SOURCES), len(given)))
        keys = [env.get("key") for env in component.get("envs") or []]
        if len(keys) != len(set(keys)):
            raise invalid('error validating app spec field "%s.%s.envs": duplicate env key' % (kind, name))
    if count == 0:
        raise invalid("error validating app spec: an app needs at least one service, static site, "
                      "worker, job or function")
    for database in spec.get("databases") or []:
        if database.get("name") in seen:
            raise invalid('error validating app spec field "databases.name": component name "%s" is '
                          "used more than once" % database.get("name"))
    for app in ctx.coll(KIND).values():
        if app["spec"]["name"] == spec["name"] and app["id"] != app_id:
            raise conflict('an app named "%s" already exists' % spec["name"])


def _encrypt(value):
    token = "".join(random.choice(string.ascii_letters + string.digits) for _position in range(8))
    digest = base64.b64encode(hashlib.sha256(value.encode("utf-8")).digest()).decode("ascii")
    return "EV[1:%s:%s]" % (token, digest)


def _compact(value):
    """Leave out zero values, as the API's JSON (omitempty) does."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            item = _compact(item)
            if item is None or item is False or item in ("", [], {}):
                continue
            out[key] = item
        return out
    if isinstance(value, list):
        return [_compact(item) for item in value]
    return value


def _env_defaults(envs):
    for env in envs or []:
        env.setdefault("scope", "RUN_AND_BUILD_TIME")
        env.setdefault("type", "GENERAL")
        if env["type"] == "SECRET" and isinstance(env.get("value"), str) \
                and env["value"] and not env["value"].startswith(ENCRYPTED_PREFIX):
            env["value"] = _encrypt(env["value"])


def live_spec(spec):
    """The spec as the API stores and returns it: defaults added, zero values left out."""
    live = _compact(copy.deepcopy(spec))
    live.setdefault("region", DEFAULT_REGION)
    _env_defaults(live.get("envs"))
    routed = any(route.get("path") == "/" for _kind, c in components(live) for route in c.get("routes") or [])
    for kind, component in components(live):
        _env_defaults(component.get("envs"))
        if kind in SIZED_KINDS:
            component.setdefault("instance_count", 1)
            component.setdefault("instance_size_slug", DEFAULT_SIZE)
        if kind == "services":
            component.setdefault("http_port", 8080)
        if kind in ("services", "static_sites") and not live.get("ingress") and not routed \
                and not component.get("routes"):
            component["routes"] = [{"path": "/"}]
            routed = True
    return live


def failing_component(spec):
    """The component a deployment of this spec fails on (None: it succeeds)."""
    app_level = any(env.get("key") == "SIM_FAIL_DEPLOY" and str(env.get("value")) == "1"
                    for env in spec.get("envs") or [])
    for _kind, component in components(spec):
        if app_level or (component.get("run_command") or "").strip() == "exit 1":
            return component["name"]
        if any(env.get("key") == "SIM_FAIL_DEPLOY" and str(env.get("value")) == "1"
               for env in component.get("envs") or []):
            return component["name"]
    return None


# ----------------------------------------------------------------- deployments
def new_deployment(ctx, app, cause):
    for older in app_deployments(ctx, app):
        if older["superseded_at"] is None and ctx.now < finish_time(ctx, older):
            older["superseded_at"] = ctx.now
    deployment = {
        "id": new_uuid(),
        "app_id": app["id"],
        "spec": copy.deepcopy(app["spec"]),
        "created": ctx.now,
        "cause": cause,
        "fails_on": failing_component(app["spec"]),
        "superseded_at": None,
        "commit": hashlib.sha1(new_uuid().encode("ascii")).hexdigest(),
    }
    ctx.coll(DEPLOYMENTS)[deployment["id"]] = deployment
    app["deployment_ids"].append(deployment["id"])
    app["last_deployment_created"] = ctx.now
    return deployment


def app_deployments(ctx, app):
    coll = ctx.coll(DEPLOYMENTS)
    return [coll[d] for d in app["deployment_ids"] if d in coll]


def step_seconds(ctx):
    return float(ctx.config["action_seconds"])


def finish_time(ctx, deployment):
    return deployment["created"] + 3 * step_seconds(ctx)


def succeeded(ctx, deployment, now):
    return (deployment["fails_on"] is None and deployment["superseded_at"] is None
            and now >= finish_time(ctx, deployment))


def phase_of(ctx, deployment):
    """(phase, since): computed from the timestamps."""
    now = ctx.now
    if deployment["superseded_at"] is not None:
        return "SUPERSEDED", deployment["superseded_at"]
    step = step_seconds(ctx)
    elapsed = now - deployment["created"]
    if elapsed < step:
        return "PENDING_BUILD", deployment["created"]
    if elapsed < 2 * step:
        return "BUILDING", deployment["created"] + step
    if elapsed < 3 * step:
        return "DEPLOYING", deployment["created"] + 2 * step
    done = finish_time(ctx, deployment)
    if deployment["fails_on"]:
        return "ERROR", done
    app = ctx.coll(KIND).get(deployment["app_id"])
    for newer in app_deployments(ctx, app) if app else []:
        if newer["created"] > deployment["created"] and succeeded(ctx, newer, now):
            return "SUPERSEDED", finish_time(ctx, newer)
    return "ACTIVE", done


def _step(name, status, steps=None, component=None, message=None, reason=None):
    step = {"name": name, "status": status}
    if component:
        step["component_name"] = component
    if message:
        step["message_base"] = message
    if steps:
        step["steps"] = steps
    if reason:
        step["reason"] = dict(reason)
    return step


def progress(deployment, phase):
    names = [c["name"] for _kind, c in components(deployment["spec"])]
    build = deploy = final = "PENDING"
    if phase == "BUILDING":
        build = "RUNNING"
    elif phase == "DEPLOYING":
        build, deploy = "SUCCESS", "RUNNING"
    elif phase in ("ACTIVE", "SUPERSEDED"):
        build = deploy = final = "SUCCESS"
    elif phase == "ERROR":
        build, deploy = "SUCCESS", "ERROR"
    deploy_components = []
    for name in names:
        status = deploy
        inner = [_step("deploy", "SUCCESS" if deploy in ("SUCCESS", "ERROR") else deploy, component=name,
                       message="Deploying service"),
                 _step("wait", deploy, component=name, message="Waiting for service")]
        if phase == "ERROR":
            failed = name == deployment["fails_on"]
            status = "ERROR" if failed else "SUCCESS"
            inner[1] = _step("wait", status, component=name, message="Waiting for service",
                             reason=FAIL_REASON if failed else None)
        deploy_components.append(_step(name, status, inner, component=name))
    steps = [
        _step("build", build, [_step("initialize", build),
                               _step("components", build, [_step(n, build, component=n, message="Building service")
                                                           for n in names])]),
        _step("deploy", deploy, [_step("initialize", "SUCCESS" if deploy != "PENDING" else "PENDING"),
                                 _step("components", deploy, deploy_components)]),
        _step("finalize", final),
    ]
    top = [build, deploy, final]
    return {
        "steps": steps,
        "total_steps": len(top),
        "success_steps": top.count("SUCCESS"),
        "error_steps": top.count("ERROR"),
        "pending_steps": top.count("PENDING"),
        "running_steps": top.count("RUNNING"),
    }


def render_deployment(ctx, deployment):
    phase, since = phase_of(ctx, deployment)
    spec = deployment["spec"]
    return {
        "id": deployment["id"],
        "spec": copy.deepcopy(spec),
        "services": [{"name": c["name"], "source_commit_hash": deployment["commit"]}
                     for c in spec.get("services") or []],
        "static_sites": [{"name": c["name"], "source_commit_hash": deployment["commit"]}
                         for c in spec.get("static_sites") or []],
        "workers": [{"name": c["name"], "source_commit_hash": deployment["commit"]}
                    for c in spec.get("workers") or []],
        "jobs": [{"name": c["name"], "source_commit_hash": deployment["commit"]}
                 for c in spec.get("jobs") or []],
        "phase": phase,
        "phase_last_updated_at": iso(since),
        "created_at": iso(deployment["created"]),
        "updated_at": iso(since),
        "cause": deployment["cause"],
        "progress": progress(deployment, phase),
        "tier_slug": "basic",
    }


# ----------------------------------------------------------------- apps
def render_region(slug):
    label, flag, continent, data_centers = REGIONS.get(slug, REGIONS[DEFAULT_REGION])
    return {"slug": slug, "label": label, "flag": flag, "continent": continent,
            "data_centers": list(data_centers), "default": slug == DEFAULT_REGION}


def render_app(ctx, app):
    out = {
        "id": app["id"],
        "owner_uuid": app["owner_uuid"],
        "spec": copy.deepcopy(app["spec"]),
        "created_at": iso(app["created"]),
        "updated_at": iso(app["updated"]),
        "region": render_region(app["spec"].get("region", DEFAULT_REGION)),
        "tier_slug": "basic",
        "project_id": app["project_id"],
    }
    if app["last_deployment_created"] is not None:
        out["last_deployment_created_at"] = iso(app["last_deployment_created"])
    ever_live = False
    for deployment in app_deployments(ctx, app):
        phase, _since = phase_of(ctx, deployment)
        if phase == "ACTIVE":
            out["active_deployment"] = render_deployment(ctx, deployment)
        elif phase == "PENDING_BUILD":
            out["pending_deployment"] = render_deployment(ctx, deployment)
        elif phase in ("BUILDING", "DEPLOYING"):
            out["in_progress_deployment"] = render_deployment(ctx, deployment)
        if succeeded(ctx, deployment, ctx.now) or phase in ("ACTIVE",):
            ever_live = True
    if ever_live:
        url = "https://%s" % app["hostname"]
        out.update({"default_ingress": url, "live_url": url, "live_url_base": url,
                    "live_domain": app["hostname"]})
    return out


def get_app_or_404(ctx, app_id):
    app = ctx.coll(KIND).get(app_id)
    if app is None:
        raise not_found()
    return realism.check_visible(ctx, app)


@route("GET", "/v2/apps")
def list_apps(ctx):
    coll = ctx.coll(KIND)
    items, total = realism.listable(ctx, KIND, coll.values(), len(coll))
    return 200, ctx.paginate("apps", items, lambda app: render_app(ctx, app), total=total)


@route("POST", "/v2/apps")
def create_app(ctx):
    body = ctx.json_body()
    spec = body["spec"]
    validate_spec(ctx, spec)
    suffix = "".join(random.choice(string.ascii_lowercase) for _position in range(5))
    app = {
        "id": new_uuid(),
        "owner_uuid": "a4e16f25-cdd1-4483-b246-d77f283c9209",
        "spec": live_spec(spec),
        "created": ctx.now,
        "updated": ctx.now,
        "project_id": body.get("project_id") or "default-project",
        "hostname": "%s-%s.ondigitalocean.app" % (spec["name"], suffix),
        "deployment_ids": [],
        "last_deployment_created": None,
    }
    ctx.coll(KIND)[app["id"]] = app
    realism.mark_created(ctx, KIND, app)
    new_deployment(ctx, app, "initial deployment")
    return 200, {"app": render_app(ctx, app)}


@route("GET", "/v2/apps/{id}")
def get_app(ctx, id):
    return 200, {"app": render_app(ctx, get_app_or_404(ctx, id))}


@route("PUT", "/v2/apps/{id}")
def update_app(ctx, id):
    app = get_app_or_404(ctx, id)
    spec = ctx.json_body()["spec"]
    validate_spec(ctx, spec, app_id=app["id"])
    app["spec"] = live_spec(spec)
    app["updated"] = ctx.now
    new_deployment(ctx, app, "app spec updated")
    return 200, {"app": render_app(ctx, app)}


@route("DELETE", "/v2/apps/{id}")
def delete_app(ctx, id):
    app = get_app_or_404(ctx, id)
    for deployment_id in app["deployment_ids"]:
        ctx.coll(DEPLOYMENTS).pop(deployment_id, None)
    del ctx.coll(KIND)[app["id"]]
    return 200, {"id": app["id"]}


@route("GET", "/v2/apps/{app_id}/deployments")
def list_app_deployments(ctx, app_id):
    app = get_app_or_404(ctx, app_id)
    newest_first = list(reversed(app_deployments(ctx, app)))
    return 200, ctx.paginate("deployments", newest_first, lambda d: render_deployment(ctx, d))


@route("POST", "/v2/apps/{app_id}/deployments")
def create_app_deployment(ctx, app_id):
    app = get_app_or_404(ctx, app_id)
    deployment = new_deployment(ctx, app, "manual")
    return 200, {"deployment": render_deployment(ctx, deployment)}


@route("GET", "/v2/apps/{app_id}/deployments/{deployment_id}")
def get_app_deployment(ctx, app_id, deployment_id):
    app = get_app_or_404(ctx, app_id)
    deployment = ctx.coll(DEPLOYMENTS).get(deployment_id)
    if deployment is None or deployment["app_id"] != app["id"]:
        raise not_found()
    return 200, {"deployment": render_deployment(ctx, deployment)}
