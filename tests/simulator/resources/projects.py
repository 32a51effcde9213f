"""Projects and project resources.

* /v2/projects (list, create), /v2/projects/{project_id} (get, put, patch, delete)
* /v2/projects/default (get, put, patch)
* /v2/projects/{project_id}/resources and /v2/projects/default/resources (list, assign)

Like the real API: the account always has exactly one default project (created on first use
after a reset), every resource belongs to exactly one project (Droplets and volumes that were
never assigned belong to the default project), assigning a resource moves it, a project with
resources cannot be deleted (412), the default project cannot be deleted, and a project stops
being the default only when another one becomes it.  Deleted Droplets and volumes leave their
project through the ``<kind>.deleted`` events.

Other resource groups can make their resources assignable (and checked for existence) with
:func:`register_assignable`.
"""
from tests.simulator.resources import account as account_mod
from tests.simulator.routing import on, route, seeder
from tests.simulator.state import ApiError, iso, new_uuid, not_found, unprocessable

KIND = "projects"
MEMBERS = "project_members"          # urn -> {"project_id", "assigned_at", "seq"}
ENVIRONMENTS = ("Development", "Staging", "Production")
OWNER_ID = 258992

# urn type -> (collection, key converter, API path prefix for links.self)
ASSIGNABLE = {
    "droplet": ("droplets", int, "/v2/droplets/"),
    "volume": ("volumes", str, "/v2/volumes/"),
}
# urn types the API accepts without this simulator knowing their collection
LINK_PREFIXES = {
    "domain": "/v2/domains/",
    "floatingip": "/v2/floating_ips/",
    "loadbalancer": "/v2/load_balancers/",
    "dbaas": "/v2/databases/",
    "kubernetes": "/v2/kubernetes/clusters/",
    "vpc": "/v2/vpcs/",
    "space": "/v2/spaces/",
    "app": "/v2/apps/",
}


def register_assignable(urn_type, collection, convert=str, prefix=None):
    """Let resources of another group be assigned to projects and checked for existence."""
    ASSIGNABLE[urn_type] = (collection, convert, prefix or LINK_PREFIXES.get(urn_type, "/v2/"))


# ------------------------------------------------------------------ helpers
def _new_project(ctx, name, purpose, description="", environment=None, is_default=False):
    project = {
        "id": new_uuid(),
        "owner_uuid": account_mod.ACCOUNT["uuid"],
        "owner_id": OWNER_ID,
        "name": name,
        "description": description or "",
        "purpose": purpose,
        "environment": environment or "",
        "is_default": bool(is_default),
        "created_at": iso(ctx.now),
        "updated_at": iso(ctx.now),
    }
    ctx.coll(KIND)[project["id"]] = project
    return project


def default_project(ctx):
    """The default project, created on first use (an account always has one)."""
    for project in ctx.coll(KIND).values():
        if project["is_default"]:
            return project
    return _new_project(ctx, "first-project", "Just trying out DigitalOcean",
                        "Update your project information under Settings", "Development", True)


def _sync(ctx):
    """Resources never assigned anywhere belong to the default project."""
    members = ctx.coll(MEMBERS)
    default_id = default_project(ctx)["id"]
    for urn_type, (collection, _, _) in ASSIGNABLE.items():
        for key, record in ctx.coll(collection).items():
            urn = "do:%s:%s" % (urn_type, key)
            if urn not in members:
                members[urn] = {"project_id": default_id,
                                "assigned_at": record.get("created_at") or iso(ctx.now),
                                "seq": ctx.state.next_id("project_member_seq", 1)}


def render(project):
    return {k: project[k] for k in ("id", "owner_uuid", "owner_id", "name", "description", "purpose",
                                    "environment", "is_default", "created_at", "updated_at")}


def _project_or_404(ctx, project_id):
    _sync(ctx)
    if project_id == "default":
        return default_project(ctx)
    project = ctx.coll(KIND).get(project_id)
    if project is None:
        raise not_found()
    return project


def _members_of(ctx, project):
    members = ctx.coll(MEMBERS)
    items = [(urn, m) for urn, m in members.items() if m["project_id"] == project["id"]]
    items.sort(key=lambda pair: pair[1]["seq"])
    return items


def _render_member(ctx, urn, member, status="ok"):
    _, urn_type, key = urn.split(":", 2)
    prefix = ASSIGNABLE[urn_type][2] if urn_type in ASSIGNABLE else LINK_PREFIXES.get(urn_type, "/v2/")
    return {"urn": urn, "assigned_at": member["assigned_at"],
            "links": {"self": ctx.url(prefix + key)}, "status": status}


def _check_name(ctx, name, project=None):
    if not isinstance(name, str) or not name.strip():
        raise unprocessable("name: is required")
    for other in ctx.coll(KIND).values():
        if other is not project and other["name"] == name:
            raise ApiError(409, "conflict", "a project with the name %r already exists" % name)


def _update(ctx, project, body, full):
    if full:
        missing = [k for k in ("name", "description", "purpose", "environment", "is_default")
                   if k not in body]
        if missing:
            raise unprocessable("%s: is required" % missing[0])
    if "name" in body:
        _check_name(ctx, body["name"], project)
    if "purpose" in body and not (body["purpose"] or "").strip():
        raise unprocessable("purpose: is required")
    if "environment" in body and body["environment"] not in ENVIRONMENTS:
        raise unprocessable("environment: must be one of %s" % ", ".join(ENVIRONMENTS))
    if "is_default" in body:
        if body["is_default"] and not project["is_default"]:
            old = default_project(ctx)
            old["is_default"] = False
            old["updated_at"] = iso(ctx.now)
            project["is_default"] = True
        elif not body["is_default"] and project["is_default"]:
            raise unprocessable("is_default: the default project cannot be unset; "
                                "make another project the default instead")
    for key in ("name", "description", "purpose", "environment"):
        if key in body:
            project[key] = body[key]
    project["updated_at"] = iso(ctx.now)
    return 200, {"project": render(project)}


# ------------------------------------------------------------------- routes
@route("GET", "/v2/projects")
def list_projects(ctx):
    _sync(ctx)
    coll = ctx.coll(KIND)
    return 200, ctx.paginate("projects", list(coll.values()), render)


@route("POST", "/v2/projects")
def create_project(ctx):
    _sync(ctx)
    body = ctx.json_body()
    _check_name(ctx, body.get("name"))
    if not (body.get("purpose") or "").strip():
        raise unprocessable("purpose: is required")
    project = _new_project(ctx, body["name"], body["purpose"], body.get("description"),
                           body.get("environment"))
    return 201, {"project": render(project)}


@route("GET", "/v2/projects/default")
def get_default_project(ctx):
    return 200, {"project": render(_project_or_404(ctx, "default"))}


@route("PUT", "/v2/projects/default")
def put_default_project(ctx):
    return _update(ctx, _project_or_404(ctx, "default"), ctx.json_body(), full=True)


@route("PATCH", "/v2/projects/default")
def patch_default_project(ctx):
    return _update(ctx, _project_or_404(ctx, "default"), ctx.json_body(), full=False)


@route("GET", "/v2/projects/{project_id}")
def get_project(ctx, project_id):
    return 200, {"project": render(_project_or_404(ctx, project_id))}


@route("PUT", "/v2/projects/{project_id}")
def put_project(ctx, project_id):
    return _update(ctx, _project_or_404(ctx, project_id), ctx.json_body(), full=True)


@route("PATCH", "/v2/projects/{project_id}")
def patch_project(ctx, project_id):
    return _update(ctx, _project_or_404(ctx, project_id), ctx.json_body(), full=False)


@route("DELETE", "/v2/projects/{project_id}")
def delete_project(ctx, project_id):
    project = _project_or_404(ctx, project_id)
    if project["is_default"]:
        raise unprocessable("cannot delete the default project")
    if _members_of(ctx, project):
        raise ApiError(412, "precondition_failed",
                       "cannot delete a project with resources. Move or remove the resources first.")
    del ctx.coll(KIND)[project["id"]]
    return 204, None


def _list_resources(ctx, project):
    items = _members_of(ctx, project)
    return 200, ctx.paginate("resources", items, lambda pair: _render_member(ctx, *pair))


def _resolve_urn(ctx, urn):
    _, urn_type, key = urn.split(":", 2)
    if not key:
        raise unprocessable("resources: %r has no resource id" % urn)
    known = ASSIGNABLE.get(urn_type)
    if known is not None:
        collection, convert, _ = known
        try:
            exists = convert(key) in ctx.coll(collection)
        except (TypeError, ValueError):
            exists = False
        if not exists:
            raise not_found("%s could not be found" % urn)
        # the canonical urn of the record (e.g. no leading zeros in droplet ids)
        return "do:%s:%s" % (urn_type, convert(key))
    return urn


def _assign(ctx, project):
    body = ctx.json_body()
    urns = body.get("resources") or []
    if not urns:
        raise unprocessable("resources: at least one resource is required")
    resolved = [_resolve_urn(ctx, urn) for urn in urns]      # all or nothing
    members = ctx.coll(MEMBERS)
    out = []
    for urn in resolved:
        member = members.get(urn)
        if member is not None and member["project_id"] == project["id"]:
            out.append(_render_member(ctx, urn, member, "already_assigned"))
            continue
        member = {"project_id": project["id"], "assigned_at": iso(ctx.now),
                  "seq": ctx.state.next_id("project_member_seq", 1)}
        members[urn] = member
        out.append(_render_member(ctx, urn, member, "assigned"))
    return 200, {"resources": out}


@route("GET", "/v2/projects/{project_id}/resources")
def list_project_resources(ctx, project_id):
    return _list_resources(ctx, _project_or_404(ctx, project_id))


@route("POST", "/v2/projects/{project_id}/resources")
def assign_project_resources(ctx, project_id):
    return _assign(ctx, _project_or_404(ctx, project_id))


@route("GET", "/v2/projects/default/resources")
def list_default_resources(ctx):
    return _list_resources(ctx, _project_or_404(ctx, "default"))


@route("POST", "/v2/projects/default/resources")
def assign_default_resources(ctx):
    return _assign(ctx, _project_or_404(ctx, "default"))


def _leave_project(urn_type):
    def handler(ctx, record):
        ctx.coll(MEMBERS).pop("do:%s:%s" % (urn_type, record["id"]), None)
    return handler


on("droplet.deleted")(_leave_project("droplet"))
on("volume.deleted")(_leave_project("volume"))


@seeder("projects")
def seed_projects(ctx, count=1, name_prefix="seed", purpose="Web Application",
                  environment="Development", **_ignored):
    ids = []
    for i in range(1, int(count) + 1):
        name = "%s-%d" % (name_prefix or "seed", i)
        _check_name(ctx, name)
        ids.append(_new_project(ctx, name, purpose, "", environment)["id"])
    return ids
