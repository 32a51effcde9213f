# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""App Platform apps: the declaration the app and app_info modules share.

An app is identified by the name in its spec. The desired spec is compared with the live one by
app_spec.matches (only the keys the task sets), a change is one PUT of the whole spec, and every
PUT, create or forced deployment is followed until its deployment is ACTIVE (or fails).
"""

from __future__ import annotations

import copy
import os

from ansible_collections.fathom.digitalocean.plugins.module_utils import app_spec
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Put
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Request, ResourceSpec, path_reader
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import WaitError, wait_for_status

try:
    import yaml

    HAS_YAML = True
except ImportError:  # pragma: no cover - PyYAML ships with ansible-core
    HAS_YAML = False

ACTIVE = "ACTIVE"
FAILED_PHASES = ("ERROR", "CANCELED")
SUPERSEDED = "SUPERSEDED"
NEW_DEPLOYMENT = "(new deployment)"


# -- the desired spec --------------------------------------------------------------------------------


def load_spec_file(path):
    """The app spec in a YAML (or JSON) file: a bare spec, or {"spec": {...}} as the API returns it."""
    if not HAS_YAML:  # pragma: no cover
        raise PlanError("spec_file needs the Python library PyYAML")
    path = os.path.expanduser(path)
    try:
        with open(path) as handle:
            loaded = yaml.safe_load(handle)
    except (IOError, OSError) as exc:
        raise PlanError("spec_file %s cannot be read: %s" % (path, exc))
    except yaml.YAMLError as exc:
        raise PlanError("spec_file %s is not valid YAML: %s" % (path, exc))
    if isinstance(loaded, dict) and set(loaded) == {"spec"} and isinstance(loaded["spec"], dict):
        loaded = loaded["spec"]
    if not isinstance(loaded, dict):
        raise PlanError("spec_file %s must hold an app spec (a mapping with at least name), got %s"
                        % (path, type(loaded).__name__))
    return loaded


def load_spec(params):
    """The task's app spec (from spec or spec_file) checked, and its name as the app's identity."""
    if params.get("spec") is not None and not isinstance(params["spec"], dict):
        raise PlanError("spec must be a dict (the app spec: name, region, services, ...), got %s; "
                        "use spec_file to load a spec from a YAML file" % type(params["spec"]).__name__)
    spec = params.get("spec")
    if spec is None and params.get("spec_file"):
        spec = load_spec_file(params["spec_file"])
    if spec is None:
        # Found by id (delete it, or redeploy it with force_deploy), or app_info's filters.
        return params
    spec = copy.deepcopy(spec)
    name = spec.get("name")
    if not isinstance(name, str) or not name:
        raise PlanError("spec.name is required: it names the app and identifies it")
    for kind in ("services", "static_sites", "workers", "jobs", "functions", "databases"):
        components = spec.get(kind)
        if components is None:
            continue
        if not isinstance(components, list) or not all(isinstance(c, dict) and c.get("name")
                                                       for c in components):
            raise PlanError("spec.%s must be a list of components, each with a name" % kind)
    if params.get("spec") is not None and params.get("spec_file"):
        raise PlanError("spec and spec_file are mutually exclusive")
    return dict(params, spec=spec, name=name)


def spec_equal(app, have, want):
    return app_spec.matches(want, have)


def shown_spec(engine, spec):
    """The part of a spec the task talks about, with SECRET values masked."""
    return app_spec.mask_secrets(app_spec.project(spec, engine.params.get("spec")))


# -- deployments -------------------------------------------------------------------------------------


def failing_step(steps):
    """The deepest step with status ERROR in deployment.progress.steps, as readable text."""
    for step in steps or []:
        if not isinstance(step, dict) or step.get("status") != "ERROR":
            continue
        deeper = failing_step(step.get("steps"))
        if deeper:
            return deeper
        parts = [step.get("name") or "?"]
        if step.get("component_name"):
            parts.append("of component %s" % step["component_name"])
        reason = step.get("reason") or {}
        text = "step " + " ".join(parts)
        if reason.get("message") or reason.get("code"):
            text += ": %s" % " ".join(
                part for part in (reason.get("code") and "[%s]" % reason["code"], reason.get("message")) if part)
        return text
    return None


def deployment_failure(deployment):
    phase = (deployment or {}).get("phase")
    if phase not in FAILED_PHASES:
        return None
    step = failing_step(((deployment.get("progress") or {}).get("steps")))
    return "App Platform deployment %s ended in phase %s%s" % (
        deployment.get("id"), phase, ", failing at %s" % step if step else "")


def started_deployment(app):
    """The deployment a create, update or forced deploy just started, from the app the API returned."""
    for key in ("pending_deployment", "in_progress_deployment"):
        deployment = app.get(key) or {}
        if deployment.get("id"):
            return deployment
    return None


def newest_deployment(engine, app_id):
    deployments = engine.client.get_or_none("/v2/apps/%s/deployments" % app_id, params={"per_page": 1}) or {}
    found = deployments.get("deployments") or []
    return found[0] if found else None


def follow(engine, app, deployment):
    """Wait for the deployment to be ACTIVE; return the app as it is then."""
    engine.notes["deployment"] = deployment
    if not deployment or not engine.wait:
        return app
    path = "/v2/apps/%s/deployments/%s" % (app["id"], deployment["id"])

    def failed(found):
        failure = deployment_failure(found)
        return "%s: %s" % (engine.describe(app), failure) if failure else None

    def describe(last):
        return "App Platform deployment %s of %s to become ACTIVE (phase %s)" % (
            deployment["id"], engine.describe(app), (last or {}).get("phase"))

    try:
        # The deployment of a new app may answer 404 for a moment: "not yet", like a pending phase.
        final = wait_for_status(lambda: (engine.client.get_or_none(path) or {}).get("deployment") or {},
                                lambda found: found.get("phase") in (ACTIVE, SUPERSEDED), engine.poller,
                                describe, failed=failed)
    except WaitError as exc:
        exc.details = {"deployment": exc.details.get("resource") or deployment}
        raise
    if final.get("phase") == SUPERSEDED:
        engine.warn("deployment %s of %s was superseded by a newer deployment before it became ACTIVE"
                    % (deployment["id"], engine.describe(app)))
    engine.notes["deployment"] = final
    return engine.reload(app)


def follow_started(engine, app, response):
    """After a create or a spec change: the deployment it started."""
    answered = (response or {}).get("app") or app
    deployment = started_deployment(answered)
    if deployment is None and answered.get("id"):
        deployment = newest_deployment(engine, answered["id"])
    return follow(engine, answered, deployment)


def app_result(engine, app):
    deployment = engine.notes["deployment"] if "deployment" in engine.notes else (app or {}).get("active_deployment")
    return {"live_url": (app or {}).get("live_url"), "deployment": deployment or {}}


# force_deploy: a new deployment of the same spec (a spec change deploys anyway).
REDEPLOY = Request("POST", "/deployments", body=lambda engine, app, changes: {"force_build": True},
                   then=lambda engine, app, response: follow(engine, app, response.get("deployment")),
                   label="POST /v2/apps/{id}/deployments")

APP = ResourceSpec(
    kind="app",
    api=Api("/v2/apps", "app"),
    lookup=Lookup(names=("spec.name",)),
    fields={
        "spec": Field(read=path_reader("spec"), equal=spec_equal, show=shown_spec,
                      update=Put(body=lambda engine, app, changes: {"spec": engine.params["spec"]},
                                 then=follow_started)),
        "deployment": Field(read=lambda app: (app.get("active_deployment") or {}).get("id"), trigger=True,
                            wanted=lambda params: NEW_DEPLOYMENT if params.get("force_deploy") else None,
                            implied_by=("spec",), update=REDEPLOY),
        "name": Field(read=path_reader("spec", "name")),
        "project_id": Field(write_only=True),
    },
    create=Create(fields=("spec", "project_id"), after=follow_started),
    prepare=load_spec,
    extras=app_result,
    secrets=lambda params: app_spec.secret_values(params.get("spec")),
)
