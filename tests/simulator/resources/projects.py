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

Realism knobs:

* ``reserved_ip_projects``: reserved IPs are project resources with the URN
  ``do:floatingip:<ip>`` (the Projects API keeps the old name); they start in the default project,
  an assigned one moves with its Droplet, and moving an assigned one by itself answers 412
  ``precondition_failed`` "Cannot move a Reserved IP with an associated Droplet. Move the Droplet
  instead" (the message users reported, terraform-provider-digitalocean issues 445 and 1264).
* ``dependant_errors`` + ``dependant_release_seconds``: moving resources out of a project is
  asynchronous, so deleting the project it left answers the same 412 as a project with resources
  for ``dependant_release_seconds`` after the move (Terraform's project delete retries that 412).
"""
from tests.simulator import realism
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


MSG_RESERVED_IP_MOVE = "Cannot move a Reserved IP with an associated Droplet. Move the Droplet instead"
MSG_NOT_EMPTY = "cannot delete a project with resources. Move or remove the resources first."


def register_assignable(urn_type, collection, convert=str, prefix=None):
    """Let resources of another group be assigned to projects and checked for existence."""
    ASSIGNABLE[urn_type] = (collection, convert, prefix or LINK_PREFIXES.get(urn_type, "/v2/"))


def assignable(ctx):
    """The urn types whose records are project members (and checked on assignment)."""
    if realism.enabled(ctx, "reserved_ip_projects"):
        out = dict(ASSIGNABLE)
        out["floatingip"] = ("reserved_ips", str, LINK_PREFIXES["floatingip"])
        return out
    return ASSIGNABLE


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
    for urn_type, (collection, _convert, _link_prefix) in assignable(ctx).items():
        for key, record in ctx.coll(collection).items():
            urn = "do:%s:%s" % (urn_type, key)
            if urn not in members:
                members[urn] = {"project_id": default_id,
                                "assigned_at": record.get("created_at") or iso(ctx.now),
                                "seq": ctx.state.next_id("project_member_seq", 1)}


def project_of(ctx, urn):
    """The id of the project a resource belongs to (the default one until it is assigned)."""
    member = ctx.coll(MEMBERS).get(urn)
    return member["project_id"] if member is not None else default_project(ctx)["id"]


def place(ctx, urn, project_id):
    """Put a resource into a project (ignored when the project does not exist)."""
    if project_id not in ctx.coll(KIND):
        return
    ctx.coll(MEMBERS)[urn] = {"project_id": project_id, "assigned_at": iso(ctx.now),
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
    _scheme, urn_type, key = urn.split(":", 2)
    known = assignable(ctx)
    prefix = known[urn_type][2] if urn_type in known else LINK_PREFIXES.get(urn_type, "/v2/")
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
    if _members_of(ctx, project) or (realism.enabled(ctx, "dependant_errors")
                                     and realism.recently_released(ctx, project)):
        raise ApiError(412, "precondition_failed", MSG_NOT_EMPTY)
    del ctx.coll(KIND)[project["id"]]
    return 204, None


def _list_resources(ctx, project):
    items = _members_of(ctx, project)
    return 200, ctx.paginate("resources", items, lambda pair: _render_member(ctx, *pair))


def _resolve_urn(ctx, urn):
    _scheme, urn_type, key = urn.split(":", 2)
    if not key:
        raise unprocessable("resources: %r has no resource id" % urn)
    known = assignable(ctx).get(urn_type)
    if known is not None:
        collection, convert, _link_prefix = known
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
    ip_projects = realism.enabled(ctx, "reserved_ip_projects")
    if ip_projects:
        for urn in resolved:
            if urn.startswith("do:floatingip:"):
                rip = ctx.coll("reserved_ips").get(urn.split(":", 2)[2])
                member = members.get(urn)
                if rip is not None and rip["droplet_id"] and \
                        (member is None or member["project_id"] != project["id"]):
                    raise ApiError(412, "precondition_failed", MSG_RESERVED_IP_MOVE)
    out = []
    for urn in resolved:
        member = members.get(urn)
        if member is not None and member["project_id"] == project["id"]:
            out.append(_render_member(ctx, urn, member, "already_assigned"))
            continue
        if member is not None:
            source = ctx.coll(KIND).get(member["project_id"])
            if source is not None:
                realism.note_release(ctx, source)      # the move out finishes later
        member = {"project_id": project["id"], "assigned_at": iso(ctx.now),
                  "seq": ctx.state.next_id("project_member_seq", 1)}
        members[urn] = member
        out.append(_render_member(ctx, urn, member, "assigned"))
        if ip_projects and urn.startswith("do:droplet:"):
            _move_droplet_ip(ctx, int(urn.split(":", 2)[2]), project)
    return 200, {"resources": out}


def _move_droplet_ip(ctx, droplet_id, project):
    """A reserved IP assigned to a Droplet follows it into its new project."""
    for rip in ctx.coll("reserved_ips").values():
        if rip["droplet_id"] == droplet_id:
            urn = "do:floatingip:%s" % rip["ip"]
            member = ctx.coll(MEMBERS).get(urn)
            if member is None or member["project_id"] != project["id"]:
                place(ctx, urn, project["id"])


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


@on("reserved_ip.deleted")
def _reserved_ip_leaves(ctx, rip):
    ctx.coll(MEMBERS).pop("do:floatingip:%s" % rip["ip"], None)


@seeder("projects")
def seed_projects(ctx, count=1, name_prefix="seed", purpose="Web Application",
                  environment="Development", **_ignored):
    ids = []
    for i in range(1, int(count) + 1):
        name = "%s-%d" % (name_prefix or "seed", i)
        _check_name(ctx, name)
        ids.append(_new_project(ctx, name, purpose, "", environment)["id"])
    return ids
