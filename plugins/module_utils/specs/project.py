# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Projects: the declarations the project, project_info and project_resources modules share."""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, is_ipv4
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Parent, Patch, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.sets import SetSpec

ENVIRONMENTS = ("Development", "Staging", "Production")
DEFAULT_PATH = "/v2/projects/default"
# do:<type>:<id>; the types the API documents for project resources.
URN = re.compile(r"^do:([a-z]+):(.+)$")
RESOURCE_KINDS = ("app", "dbaas", "domain", "droplet", "floatingip", "kubernetes", "loadbalancer",
                  "space", "volume", "vpc")
ASSIGNED = ("ok", "assigned", "already_assigned")
RESERVED_IP_KINDS = {"reservedip": "floatingip", "reserved_ip": "floatingip"}


def refuse_default_off(engine, project, changes):
    """A project stops being the default only when another project becomes it."""
    if not changes["is_default"].after:
        raise PlanError(
            "is_default cannot be turned off on %s: set is_default: true on the project that "
            "should become the default instead" % engine.describe(project))


def refuse_delete(engine, project):
    """The default project, and a project that still has resources, cannot be deleted."""
    if project.get("is_default"):
        raise PlanError("%s is the default project, which cannot be deleted: make another project "
                        "the default first" % engine.describe(project))
    listed = engine.client.paginate("/v2/projects/%s/resources" % project["id"], "resources")
    urns = [item.get("urn") for item in listed]
    if urns:
        raise PlanError("%s still has resources (%s): the API refuses to delete it (412) until they are assigned "
                        "to another project" % (engine.describe(project), ", ".join(urns)))


def check_options(params):
    for field, limit in (("name", 175), ("description", 255), ("purpose", 255)):
        value = params.get(field)
        if value is not None and len(value) > limit:
            raise PlanError("%s must be at most %d characters, got %d" % (field, limit, len(value)))
    if params.get("name") is not None and not params["name"].strip():
        raise PlanError("name must not be empty")


def list_projects(engine, query):
    """Every project, or with the is_default query (project_info) the default one only."""
    query = dict(query)
    if query.pop("is_default", None):
        return [engine.client.get(DEFAULT_PATH)["project"]]
    return engine.client.paginate(engine.collection_path, "projects", params=query)


def with_resources(engine, project):
    """project_info's include_resources: the project's resources as URNs and statuses."""
    if engine.params.get("include_resources"):
        project["resources"] = engine.client.paginate("/v2/projects/%s/resources" % project["id"], "resources")
    return project


PATCH = Patch()

PROJECT = ResourceSpec(
    kind="project",
    api=Api("/v2/projects", "project"),
    lookup=Lookup(list=list_projects),
    fields={
        "name": Field(update=PATCH),
        "description": Field(missing="", update=PATCH),
        "purpose": Field(update=PATCH),
        "environment": Field(update=PATCH),
        "is_default": Field(update=Patch(body=lambda engine, project, changes: {"is_default": True},
                                         refuse=refuse_default_off, answer=True)),
    },
    create=Create(fields=("name", "description", "purpose", "environment"), required=("name", "purpose"),
                  then=("is_default",)),
    # Resources moved out of a project leave it asynchronously: until then a delete answers 412.
    delete=Delete(guard=refuse_delete, blocked=(412,)),
    prepare=check_options,
)


# -- project_resources -----------------------------------------------------------------------------


def urn_of(item):
    """A resource given as a URN string, as {kind, id} or (a reserved IP) as its address -> its URN.

    Projects list reserved IPs under their old name, do:floatingip:<ip>; do:reservedip:<ip> and
    the kind reserved_ip are accepted and sent in that form.
    """
    if isinstance(item, dict):
        unknown = set(item) - {"kind", "id"}
        if unknown or not item.get("kind") or item.get("id") in (None, ""):
            raise PlanError("resources: each item is a URN such as do:droplet:123 or a dict with "
                            "kind and id, got %r" % (item,))
        kind = RESERVED_IP_KINDS.get(str(item["kind"]).lower(), str(item["kind"]).lower())
        if kind not in RESOURCE_KINDS:
            raise PlanError("resources: kind must be one of %s, got %s" % (", ".join(RESOURCE_KINDS), kind))
        return "do:%s:%s" % (kind, item["id"])
    if isinstance(item, str) and is_ipv4(item):
        return "do:floatingip:%s" % item
    match = URN.match(item) if isinstance(item, str) else None
    if not match:
        raise PlanError("resources: each item is a URN such as do:droplet:123 or a dict with kind and "
                        "id, got %r" % (item,))
    kind = RESERVED_IP_KINDS.get(match.group(1), match.group(1))
    return "do:%s:%s" % (kind, match.group(2))


class ProjectResources(SetSpec):
    """The resources assigned to one project, reconciled as a set.

    The API cannot unassign: a resource leaves a project only by being assigned to another one.
    Resources that are in the project but not listed are drift; with purge they are moved to the
    default project, and absent moves the listed ones there.
    """

    kind = "project_resources"
    parent = Parent(PROJECT, "project", "project", default=DEFAULT_PATH)
    collapse = "resources"

    def prepare(self, params):
        urns = []
        for item in params.get("resources") or []:
            urn = urn_of(item)
            if urn not in urns:
                urns.append(urn)
        return dict(params, resources=urns)

    def path(self, project_id):
        return "/v2/projects/%s/resources" % project_id

    def read(self, engine):
        return engine.client.paginate(self.path(engine.parent_id), "resources")

    def entries(self, engine, current):
        return [{"urn": urn} for urn in engine.params["resources"]]

    def key(self, engine, item):
        return item["urn"]

    def shown(self, engine, item):
        return item["urn"]

    def identity(self, engine):
        return {"project": engine.params.get("project") or "default"}

    def check(self, engine, plan):
        if plan.removals and engine.parent.get("is_default"):
            raise PlanError(
                "project %s (id %s) is the default project: resources cannot leave it except by being assigned "
                "to another project (%s)" % (engine.parent.get("name"), engine.parent_id,
                                             ", ".join(item["urn"] for item in plan.removals)))

    def via(self, engine, plan):
        adding = bool(plan.with_action("create"))
        if not plan.removals:
            return "assign"
        return "assign|move_to_default" if adding else "move_to_default"

    def write(self, engine, plan):
        added = [member.entry["urn"] for member in plan.with_action("create")]
        if added:
            assign(engine, engine.parent_id, added)
        if plan.removals:
            default_id = engine.client.get(DEFAULT_PATH)["project"]["id"]
            assign(engine, default_id, [item["urn"] for item in plan.removals])
        return plan.current

    def result(self, engine, plan, final):
        after = self.collapsed(engine, plan)[1]
        return {"project": engine.parent or {}, self.kind: after,
                "added": [member.entry["urn"] for member in plan.with_action("create")],
                "removed": [item["urn"] for item in plan.removals]}


def assign(engine, project_id, urns):
    answer = engine.post_harmless("/v2/projects/%s/resources" % project_id, {"resources": urns})
    failed = [item for item in (answer or {}).get("resources") or [] if item.get("status") not in ASSIGNED]
    if failed:
        raise PlanError("could not assign %s to project %s: %s" % (
            ", ".join(item.get("urn", "?") for item in failed), project_id,
            ", ".join("%s is %s" % (item.get("urn"), item.get("status")) for item in failed)))


PROJECT_RESOURCES = ProjectResources()
