# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Projects: the declarations the project, project_info and project_resources modules share."""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    Change,
    Plan,
    PlanError,
    ResourceEngine,
    ResourceSpec,
    Updater,
)

ENVIRONMENTS = ("Development", "Staging", "Production")
DEFAULT = "default"
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# do:<type>:<id>; the types the API documents for project resources.
URN = re.compile(r"^do:([a-z]+):(.+)$")
RESOURCE_KINDS = ("app", "dbaas", "domain", "droplet", "floatingip", "kubernetes", "loadbalancer",
                  "space", "volume", "vpc")


# -- project ---------------------------------------------------------------------------------------


class MakeDefault(Updater):
    """is_default: a project becomes the default through PATCH; it stops being the default only
    when another project becomes it, so turning it off is refused before any change."""

    via = "PATCH"

    def check(self, engine, current, change):
        if not change.after:
            raise PlanError(
                "is_default cannot be turned off on %s: set is_default: true on the project that "
                "should become the default instead" % engine.describe(current))

    def apply(self, engine, current, change):
        engine.client.patch(engine.spec.item_path(current["id"]), {"is_default": True})


def validate_project(engine):
    for field, limit in (("name", 175), ("description", 255), ("purpose", 255)):
        value = engine.params.get(field)
        if value is not None and len(value) > limit:
            raise PlanError("%s must be at most %d characters, got %d" % (field, limit, len(value)))
    if engine.params.get("name") is not None and not engine.params["name"].strip():
        raise PlanError("name must not be empty")


def make_default_after_create(engine, project, response):
    if engine.params.get("is_default"):
        answer = engine.client.patch(engine.spec.item_path(project["id"]), {"is_default": True})
        return answer.get("project") or project
    return project


PROJECT = ResourceSpec(
    kind="project",
    singular="project",
    plural="projects",
    collection="/v2/projects",
    item="/v2/projects/{id}",
    identity=("name",),
    create=("name", "description", "purpose", "environment"),
    update=("name", "description", "purpose", "environment"),
    update_method="PATCH",
    actions={"is_default": MakeDefault()},
    normalize={"description": lambda text: text or ""},
    validate=validate_project,
    required_to_create=("name", "purpose"),
    after_create=make_default_after_create,
)


class ProjectEngine(ResourceEngine):
    """The engine, refusing in the plan (so in check mode too) to delete the default project."""

    def plan(self, current):
        plan = super().plan(current)
        if plan.action == Plan.DELETE and current.get("is_default"):
            raise PlanError("%s is the default project, which cannot be deleted: make another project "
                            "the default first" % self.describe(current))
        return plan


def project_info(client, params):
    """Projects for project_info: one by id, the default one, or all (name matched locally)."""
    engine = ResourceEngine(PROJECT, client, params)
    if params.get("id"):
        found = client.get_or_none(PROJECT.item_path(params["id"]))
        projects = [found["project"]] if found else []
    elif params.get("is_default"):
        projects = [client.get("/v2/projects/default")["project"]]
    else:
        projects = engine.list({"name": params.get("name")})
    if params.get("name"):
        projects = [p for p in projects if p.get("name") == params["name"]]
    if params.get("include_resources"):
        for project in projects:
            project["resources"] = client.paginate("/v2/projects/%s/resources" % project["id"], "resources")
    return projects


# -- project_resources -----------------------------------------------------------------------------


def urn_of(item):
    """A resource given as a URN string or as {kind, id} -> its URN."""
    if isinstance(item, dict):
        unknown = set(item) - {"kind", "id"}
        if unknown or not item.get("kind") or item.get("id") in (None, ""):
            raise PlanError("resources: each item is a URN such as do:droplet:123 or a dict with "
                            "kind and id, got %r" % (item,))
        kind = str(item["kind"]).lower()
        if kind not in RESOURCE_KINDS:
            raise PlanError("resources: kind must be one of %s, got %s" % (", ".join(RESOURCE_KINDS), kind))
        return "do:%s:%s" % (kind, item["id"])
    if not isinstance(item, str) or not URN.match(item):
        raise PlanError("resources: each item is a URN such as do:droplet:123 or a dict with kind and "
                        "id, got %r" % (item,))
    return item


def project_path(project_id):
    return "/v2/projects/%s" % project_id


class ProjectResources:
    """Reconciles the resources assigned to one project as a set.

    The API cannot unassign: a resource leaves a project only by being assigned to another one.
    Resources that are in the project but not listed are drift; with purge they are moved to the
    default project, and absent moves the listed ones there.
    """

    def __init__(self, client, params, check_mode=False, warn=None):
        self.engine = ResourceEngine(PROJECT, client, params, check_mode=check_mode, warn=warn)
        self.client = client
        self.params = params
        self.check_mode = check_mode

    def wanted(self):
        urns = []
        for item in self.params.get("resources") or []:
            urn = urn_of(item)
            if urn not in urns:
                urns.append(urn)
        return urns

    def find_project(self):
        ref = self.params.get("project")
        if ref in (None, "", DEFAULT):
            return self.client.get("/v2/projects/default")["project"]
        if UUID.match(ref):
            found = self.client.get_or_none(project_path(ref))
            if found:
                return found["project"]
        matches = [p for p in self.client.paginate("/v2/projects", "projects") if p.get("name") == ref]
        if not matches:
            raise PlanError("project %s does not exist" % ref)
        if len(matches) > 1:
            raise PlanError("%d projects are named %s: ids %s. Give the id to choose one." % (
                len(matches), ref, ", ".join(p["id"] for p in matches)))
        return matches[0]

    def default_id(self, project):
        if project.get("is_default"):
            return project["id"]
        return self.client.get("/v2/projects/default")["project"]["id"]

    def plan(self, project, have):
        state = self.params.get("state")
        purge = self.params.get("purge")
        wanted = self.wanted()
        if state == "absent":
            add, remove = [], [urn for urn in wanted if urn in have]
        else:
            add = [urn for urn in wanted if urn not in have]
            remove = [urn for urn in have if urn not in wanted] if purge else []
        if remove and project.get("is_default"):
            raise PlanError(
                "%s is the default project: resources cannot leave it except by being assigned to "
                "another project (%s)" % (self.engine.describe(project), ", ".join(remove)))
        after = [urn for urn in have if urn not in remove] + add
        changes = {}
        if add or remove:
            via = "assign" if not remove else ("assign|move_to_default" if add else "move_to_default")
            changes["resources"] = Change(sorted(have), sorted(after), via)
        identity = {"project": self.params.get("project") or DEFAULT}
        action = Plan.UPDATE if changes else Plan.NONE
        return Plan(action, "project_resources", identity, project["id"], changes), add, remove

    def run(self):
        self.wanted()   # bad items fail before any request
        project = self.find_project()
        path = project_path(project["id"]) + "/resources"
        have = [item["urn"] for item in self.client.paginate(path, "resources")]
        plan, add, remove = self.plan(project, have)
        after = plan.changes["resources"].after if plan.changes else sorted(have)
        if not self.check_mode:
            if add:
                self.assign(project["id"], add)
            if remove:
                self.assign(self.default_id(project), remove)
        return {
            "changed": plan.changed,
            "project": project,
            "resources": after,
            "added": add,
            "removed": remove,
            "diff": {"before": {"resources": sorted(have)}, "after": {"resources": after}},
            "plan": plan.as_dict(),
        }

    def assign(self, project_id, urns):
        answer = self.engine.idempotent_post(project_path(project_id) + "/resources", {"resources": urns})
        failed = [item for item in (answer or {}).get("resources") or []
                  if item.get("status") not in ("ok", "assigned", "already_assigned")]
        if failed:
            raise PlanError("could not assign %s to project %s: %s" % (
                ", ".join(item.get("urn", "?") for item in failed), project_id,
                ", ".join("%s is %s" % (item.get("urn"), item.get("status")) for item in failed)))
