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
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    Change,
    Plan,
    PlanError,
    ResourceEngine,
    ResourceSpec,
    path_reader,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import WaitError, wait_for_status

try:
    import yaml

    HAS_YAML = True
except ImportError:  # pragma: no cover - PyYAML ships with ansible-core
    HAS_YAML = False

ACTIVE = "ACTIVE"
FAILED_PHASES = ("ERROR", "CANCELED")
SUPERSEDED = "SUPERSEDED"
DEPLOYMENT_FIELD = "deployment"
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


def desired_spec(engine):
    """The task's app spec (from spec or spec_file), loaded once per run."""
    cached = getattr(engine, "_desired_spec", None)
    if cached is not None:
        return cached
    params = engine.params
    spec = params.get("spec")
    if spec is None and params.get("spec_file"):
        spec = load_spec_file(params["spec_file"])
    if spec is not None:
        spec = copy.deepcopy(spec)
    engine._desired_spec = spec
    return spec


def validate(engine):
    params = engine.params
    if params.get("spec") is not None and not isinstance(params["spec"], dict):
        raise PlanError("spec must be a dict (the app spec: name, region, services, ...), got %s; "
                        "use spec_file to load a spec from a YAML file" % type(params["spec"]).__name__)
    spec = desired_spec(engine)
    if spec is None:
        if params.get("id"):
            return  # found by id: delete it, or redeploy it with force_deploy
        raise PlanError("app needs spec or spec_file (the app spec, with at least name), or id")
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


def spec_equal(app, have, want):
    return app_spec.matches(want, have)


def require_spec(engine, body):
    spec = desired_spec(engine)
    body = {"spec": spec}
    if engine.params.get("project_id"):
        body["project_id"] = engine.params["project_id"]
    return body


def update_body(engine, current, body):
    return {"spec": desired_spec(engine)}


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


class AppEngine(ResourceEngine):
    """The engine, with the spec as identity source, spec-aware diffs and deployment waits."""

    deployment = None

    def identity(self):
        spec = desired_spec(self) or {}
        return {"name": spec["name"]} if spec.get("name") else {}

    def describe(self, obj=None):
        if obj:
            return "app %s (id %s)" % ((obj.get("spec") or {}).get("name"), obj.get("id"))
        return "app %s" % self.identity().get("name")

    # -- plan ------------------------------------------------------------------------------------

    def plan(self, current):
        plan = super().plan(current)
        spec = desired_spec(self)
        if "spec" in plan.changes:
            change = plan.changes["spec"]
            change.after = app_spec.mask_secrets(spec)
            change.before = app_spec.mask_secrets(app_spec.project(change.before, spec)) if current else None
        if current and self.params.get("force_deploy") and plan.action in (Plan.NONE, Plan.UPDATE) \
                and "spec" not in plan.changes:
            before = (current.get("active_deployment") or {}).get("id")
            plan.changes[DEPLOYMENT_FIELD] = Change(before, NEW_DEPLOYMENT, "POST /v2/apps/{id}/deployments")
            plan.action = Plan.UPDATE
        return plan

    def projection(self, obj, plan):
        shown = super().projection(obj, plan)
        if "spec" in shown:
            shown["spec"] = app_spec.mask_secrets(app_spec.project(shown["spec"], desired_spec(self)))
        if obj and DEPLOYMENT_FIELD in plan.changes:
            shown[DEPLOYMENT_FIELD] = plan.changes[DEPLOYMENT_FIELD].before
        return shown

    # -- apply -----------------------------------------------------------------------------------

    def create(self):
        response = self.safe_post(self.spec.collection, self.create_body(), recover=self.locate)
        app = response.get("app") or {}
        deployment = started_deployment(app)
        if deployment is None and app.get("id"):
            deployment = self.newest_deployment(app["id"])
        return self.follow(app, deployment)

    def update(self, current, plan):
        app_id = current["id"]
        if "spec" in plan.changes:
            app = self.client.put(self.spec.item_path(app_id), update_body(self, current, {})).get("app") or {}
            deployment = started_deployment(app) or self.newest_deployment(app_id)
        else:
            deployment = self.client.post("/v2/apps/%s/deployments" % app_id, {"force_build": True}).get("deployment")
            app = current
        return self.follow(app, deployment)

    def newest_deployment(self, app_id):
        deployments = self.client.get("/v2/apps/%s/deployments" % app_id, params={"per_page": 1})
        found = deployments.get("deployments") or []
        return found[0] if found else None

    def follow(self, app, deployment):
        """Wait for the deployment to be ACTIVE; return the app as it is then."""
        self.deployment = deployment
        if not deployment or not self.wait:
            return app
        path = "/v2/apps/%s/deployments/%s" % (app["id"], deployment["id"])
        state = {}

        def fetch():
            state["last"] = self.client.get(path).get("deployment") or {}
            return state["last"]

        def failed(found):
            failure = deployment_failure(found)
            return "%s: %s" % (self.describe(app), failure) if failure else None

        def describe(last):
            return "App Platform deployment %s of %s to become ACTIVE (phase %s)" % (
                deployment["id"], self.describe(app), (last or {}).get("phase"))

        final = wait_for_status(fetch, lambda found: found.get("phase") in (ACTIVE, SUPERSEDED), self.poller,
                                describe, failed=failed)
        if final.get("phase") == SUPERSEDED:
            self.warn("deployment %s of %s was superseded by a newer deployment before it became ACTIVE"
                      % (deployment["id"], self.describe(app)))
        self.deployment = final
        return self.reload(app)

    # -- the whole run ---------------------------------------------------------------------------

    def run(self):
        try:
            result = super().run()
        except WaitError as exc:
            if self.deployment:
                exc.details = {"deployment": exc.details.get("resource") or self.deployment}
            raise
        app = result.get("app") or {}
        result["live_url"] = app.get("live_url")
        deployment = self.deployment if self.deployment is not None else app.get("active_deployment")
        result["deployment"] = deployment or {}
        return result


APP = ResourceSpec(
    kind="app",
    singular="app",
    plural="apps",
    collection="/v2/apps",
    item="/v2/apps/{id}",
    identity=("name",),
    create=("spec", "project_id"),
    update=("spec",),
    update_method="PUT",
    write_only=("project_id",),
    read={"name": path_reader("spec", "name"), "spec": path_reader("spec")},
    equal={"spec": spec_equal},
    extra_desired=lambda engine: {"spec": desired_spec(engine)} if desired_spec(engine) is not None else {},
    validate=validate,
    prepare_create=require_spec,
    update_body=update_body,
)


def run_app(module):
    """Reconcile one app; SECRET env values of the task's spec are kept out of Ansible's output."""
    engine = AppEngine(APP, module.client, module.params, check_mode=module.ansible.check_mode,
                       warn=module.ansible.warn)

    def produce():
        engine.spec.validate(engine)
        for secret in app_spec.secret_values(desired_spec(engine)):
            module.ansible.no_log_values.add(secret)
        return engine.run()

    module.exit(produce)
