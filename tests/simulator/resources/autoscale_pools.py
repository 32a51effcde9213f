"""Droplet autoscale pools: /v2/droplets/autoscale (GET with ?name=, POST),
/v2/droplets/autoscale/{autoscale_pool_id} (GET, PUT, DELETE), .../dangerous (DELETE),
.../members and .../history (GET).

Rules of the real API kept here (reference, tag "Droplet Autoscale Pools"):

* a pool has a name (it cannot change), a ``config`` and a ``droplet_template``. The config is
  static (``target_number_instances``) or dynamic (``min_instances`` <= ``max_instances``, at
  least one of ``target_cpu_utilization`` and ``target_memory_utilization``, ``cooldown_minutes``
  defaulting to 10); the template's region, size, image and SSH keys are checked as a Droplet
  create checks them, and its VPC must exist in its region;
* the pool creates its Droplets at once (the static target, or ``min_instances``); members are
  ``provisioning`` until the Droplet booted (``boot_seconds``), then ``active``;
  ``active_resources_count`` counts the active ones;
* PUT needs the full pool (name, config, droplet_template); a new config scales the pool to its
  new count (newest Droplets go first); a new template applies to Droplets created afterwards;
* DELETE answers 202: the pool reads ``deleting`` for ``action_seconds`` (at least 1 s) and is then gone, its
  Droplets stay; DELETE .../dangerous (header ``X-Dangerous: true``) also destroys its Droplets;
* history lists a ``CONFIGURATION_CHANGE`` for the create and each update.
"""
from tests.simulator import catalog
from tests.simulator.resources import droplets as droplets_mod
from tests.simulator.routing import route, seeder
from tests.simulator.state import conflict, iso, new_uuid, not_found, unprocessable

KIND = "autoscale_pools"
# A deletion shows (status deleting) at least this long, however quick the actions are.
DELETE_SECONDS = 1.0
DEFAULT_COOLDOWN = 10


def _sweep(ctx):
    coll = ctx.coll(KIND)
    for pool_id in [p["id"] for p in coll.values() if p.get("deleted_at") is not None and ctx.now >= p["deleted_at"]]:
        del coll[pool_id]


def _members(ctx, pool):
    droplets = ctx.coll("droplets")
    pool["member_ids"] = [i for i in pool["member_ids"] if i in droplets]
    return [droplets[i] for i in pool["member_ids"]]


def _member_status(ctx, droplet):
    return "provisioning" if ctx.now < droplet.get("boot_until", 0) else "active"


def render(ctx, pool):
    members = _members(ctx, pool)
    active = [d for d in members if _member_status(ctx, d) == "active"]
    return {
        "id": pool["id"],
        "name": pool["name"],
        "config": dict(pool["config"]),
        "droplet_template": dict(pool["droplet_template"]),
        "status": "deleting" if pool.get("deleted_at") is not None else "active",
        "active_resources_count": len(active),
        "current_utilization": {"cpu": 0.2, "memory": 0.3} if active else {"cpu": 0, "memory": 0},
        "created_at": iso(pool["created"]),
        "updated_at": iso(pool["updated"]),
    }


def _render_member(ctx, droplet):
    return {"droplet_id": droplet["id"], "created_at": droplet["created_at"], "updated_at": droplet["created_at"],
            "health_status": "healthy", "status": _member_status(ctx, droplet),
            "current_utilization": {"cpu": 0.2, "memory": 0.3}}


def _get_or_404(ctx, pool_id):
    _sweep(ctx)
    pool = ctx.coll(KIND).get(pool_id)
    if pool is None:
        raise not_found()
    return pool


def _config(body):
    config = dict(body)
    if "target_number_instances" in config:
        if set(config) - {"target_number_instances"}:
            raise unprocessable("config: a static config (target_number_instances) takes no other field")
        return config
    if "min_instances" not in config or "max_instances" not in config:
        raise unprocessable("config: give target_number_instances, or min_instances and max_instances")
    if config["min_instances"] > config["max_instances"]:
        raise unprocessable("config: min_instances must not exceed max_instances")
    if config.get("target_cpu_utilization") is None and config.get("target_memory_utilization") is None:
        raise unprocessable("config: a dynamic config needs target_cpu_utilization or target_memory_utilization")
    config.setdefault("cooldown_minutes", DEFAULT_COOLDOWN)
    return config


def _template(ctx, body):
    template = dict(body)
    region, _size, _image = droplets_mod.resolve_spec(ctx, template)
    vpc_uuid = template.get("vpc_uuid")
    if vpc_uuid:
        vpc = ctx.coll("vpcs").get(vpc_uuid)
        if vpc is None or vpc["region"] != region["slug"]:
            raise unprocessable("droplet_template.vpc_uuid: VPC %s is not a VPC of region %s" % (vpc_uuid, region["slug"]))
    template.setdefault("public_networking", True)
    return template


def _wanted(pool):
    return pool["config"].get("target_number_instances") or pool["config"]["min_instances"]


def _scale(ctx, pool):
    members = _members(ctx, pool)
    wanted = _wanted(pool)
    template = pool["droplet_template"]
    if len(members) < wanted:
        region, size, image = droplets_mod.resolve_spec(ctx, template)
        for _index in range(wanted - len(members)):
            name = "%s-%s" % (template.get("name") or pool["name"], new_uuid()[:8])
            droplet = droplets_mod.new_droplet(ctx, name, region, size, image, tags=template.get("tags") or (),
                                               ipv6=bool(template.get("ipv6")), vpc_uuid=template.get("vpc_uuid"),
                                               user_data=template.get("user_data"))
            pool["member_ids"].append(droplet["id"])
    else:
        for droplet in reversed(members[wanted:]):
            pool["member_ids"].remove(droplet["id"])
            droplets_mod.destroy(ctx, droplet)
    pool["history"].append({"history_event_id": new_uuid(), "current_instance_count": len(members),
                            "desired_instance_count": wanted, "reason": "CONFIGURATION_CHANGE",
                            "status": "success", "created_at": iso(ctx.now), "updated_at": iso(ctx.now)})


def _check_region(template):
    if template.get("region") not in catalog.REGIONS:
        raise unprocessable("droplet_template.region: %s is not available" % template.get("region"))


@route("GET", "/v2/droplets/autoscale")
def list_pools(ctx):
    _sweep(ctx)
    items = list(ctx.coll(KIND).values())
    if ctx.query.get("name"):
        items = [p for p in items if p["name"] == ctx.query["name"]]
    return 200, ctx.paginate("autoscale_pools", items, lambda p: render(ctx, p))


@route("POST", "/v2/droplets/autoscale")
def create_pool(ctx):
    body = ctx.json_body()
    _sweep(ctx)
    if any(p["name"] == body["name"] for p in ctx.coll(KIND).values()):
        raise conflict("An autoscale pool named %s already exists" % body["name"])
    _check_region(body["droplet_template"])
    pool = {"id": new_uuid(), "name": body["name"], "config": _config(body["config"]),
            "droplet_template": _template(ctx, body["droplet_template"]), "member_ids": [], "history": [],
            "created": ctx.now, "updated": ctx.now, "deleted_at": None}
    ctx.coll(KIND)[pool["id"]] = pool
    _scale(ctx, pool)
    return 202, {"autoscale_pool": render(ctx, pool)}


@route("GET", "/v2/droplets/autoscale/{autoscale_pool_id}")
def get_pool(ctx, autoscale_pool_id):
    return 200, {"autoscale_pool": render(ctx, _get_or_404(ctx, autoscale_pool_id))}


@route("PUT", "/v2/droplets/autoscale/{autoscale_pool_id}")
def put_pool(ctx, autoscale_pool_id):
    pool = _get_or_404(ctx, autoscale_pool_id)
    body = ctx.json_body()
    if pool.get("deleted_at") is not None:
        raise unprocessable("The autoscale pool is being deleted")
    if body["name"] != pool["name"]:
        raise unprocessable("name: the name of an autoscale pool cannot be updated")
    _check_region(body["droplet_template"])
    config = _config(body["config"])
    template = _template(ctx, body["droplet_template"])
    if template["region"] != pool["droplet_template"]["region"]:
        raise unprocessable("droplet_template.region: the region of an autoscale pool cannot change")
    pool["config"], pool["droplet_template"], pool["updated"] = config, template, ctx.now
    _scale(ctx, pool)
    return 200, {"autoscale_pool": render(ctx, pool)}


def _delete(ctx, autoscale_pool_id, droplets_too):
    pool = _get_or_404(ctx, autoscale_pool_id)
    if droplets_too:
        for droplet in _members(ctx, pool):
            droplets_mod.destroy(ctx, droplet)
    if pool.get("deleted_at") is None:
        pool["deleted_at"] = ctx.now + max(DELETE_SECONDS, float(ctx.config["action_seconds"]))
    return 202, None


@route("DELETE", "/v2/droplets/autoscale/{autoscale_pool_id}")
def delete_pool(ctx, autoscale_pool_id):
    return _delete(ctx, autoscale_pool_id, droplets_too=False)


@route("DELETE", "/v2/droplets/autoscale/{autoscale_pool_id}/dangerous")
def delete_pool_dangerous(ctx, autoscale_pool_id):
    if str(ctx.headers.get("X-Dangerous", ctx.headers.get("x-dangerous", ""))).lower() != "true":
        raise unprocessable("X-Dangerous: set the header to true to destroy the pool and its Droplets")
    return _delete(ctx, autoscale_pool_id, droplets_too=True)


@route("GET", "/v2/droplets/autoscale/{autoscale_pool_id}/members")
def list_members(ctx, autoscale_pool_id):
    pool = _get_or_404(ctx, autoscale_pool_id)
    return 200, ctx.paginate("droplets", _members(ctx, pool), lambda d: _render_member(ctx, d))


@route("GET", "/v2/droplets/autoscale/{autoscale_pool_id}/history")
def list_history(ctx, autoscale_pool_id):
    pool = _get_or_404(ctx, autoscale_pool_id)
    return 200, ctx.paginate("history", pool["history"], dict)


@seeder("autoscale_pools")
def seed_pools(ctx, count=1, region="nyc3", size="s-1vcpu-1gb", image="ubuntu-24-04-x64", instances=2,
               name_prefix="pool", **_ignored):
    ids = []
    for i in range(1, int(count) + 1):
        pool = {"id": new_uuid(), "name": "%s-%d" % (name_prefix or "pool", i),
                "config": {"target_number_instances": int(instances)},
                "droplet_template": _template(ctx, {"region": region, "size": size, "image": image, "ssh_keys": []}),
                "member_ids": [], "history": [], "created": ctx.now, "updated": ctx.now, "deleted_at": None}
        ctx.coll(KIND)[pool["id"]] = pool
        _scale(ctx, pool)
        ids.append(pool["id"])
    return ids
