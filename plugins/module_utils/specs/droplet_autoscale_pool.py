# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Droplet autoscale pools: the declaration the droplet_autoscale_pool and _info modules share.

A pool is found by name (filtered by the API; the name never changes). ``config`` is static (a
fixed ``target_number_instances``) or dynamic (``min_instances``/``max_instances`` with CPU and/or
memory targets and a cooldown); ``droplet_template`` is what the pool's Droplets are created from.
Both compare on the keys the task sets (tags case-insensitively, SSH keys as a set; the template's
VPC given by id or name). They change with one PUT, which the API wants whole: it carries the name
and every config and template field the pool has, with the task's values over them, so an update
never resets what the task leaves unset (a config switches kind - static or dynamic - as a whole).
The template's region never changes.

A create or an update is awaited until the pool is active and its members (``/members``) are
active and as many as the config asks: the static target, or within min and max. ``user_data`` is
a secret: masked in the output, "(sensitive)" in plans and diffs. ``state: absent`` deletes the
pool and leaves its Droplets; ``delete_droplets: true`` uses the API's "dangerous" endpoint, which
destroys the pool's Droplets with it.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import SENSITIVE, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Put, Ready, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import check_tag_names
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_refs import VpcRefs
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import wait_for_status

STATIC = ("target_number_instances",)
DYNAMIC = ("min_instances", "max_instances", "target_cpu_utilization", "target_memory_utilization",
           "cooldown_minutes")
# (option, least, most) as the API's schema bounds them.
BOUNDS = (("target_number_instances", 1, 1000), ("min_instances", 1, 500), ("max_instances", 1, 1000),
          ("cooldown_minutes", 5, 20), ("target_cpu_utilization", 0.05, 1), ("target_memory_utilization", 0.05, 1))
TEMPLATE_KEYS = ("name", "region", "size", "image", "ssh_keys", "tags", "vpc_uuid", "user_data", "ipv6",
                 "with_droplet_agent", "project_id", "public_networking")
REGIONS = ("nyc1", "nyc2", "nyc3", "ams2", "ams3", "sfo1", "sfo2", "sfo3", "sgp1", "lon1", "fra1", "tor1", "blr1",
           "syd1")
DANGEROUS = {"X-Dangerous": "true"}


def _set(values):
    return {key: value for key, value in (values or {}).items() if value is not None}


def check_options(params):
    config = _set(params.get("config"))
    if params.get("config") is not None:
        static = [key for key in STATIC if key in config]
        dynamic = [key for key in DYNAMIC if key in config]
        if static and dynamic:
            raise PlanError("config: target_number_instances (a fixed size) cannot go with %s (scaling by "
                            "utilization): give one or the other" % ", ".join(dynamic))
        if not static and not ("min_instances" in config and "max_instances" in config):
            raise PlanError("config needs target_number_instances, or min_instances and max_instances")
        if dynamic and "target_cpu_utilization" not in config and "target_memory_utilization" not in config:
            raise PlanError("config: a pool that scales by utilization needs target_cpu_utilization or "
                            "target_memory_utilization")
        for key, least, most in BOUNDS:
            if key in config and not least <= config[key] <= most:
                raise PlanError("config.%s must be between %s and %s, got %s" % (key, least, most, config[key]))
        if dynamic and config["min_instances"] > config["max_instances"]:
            raise PlanError("config.min_instances (%d) must not exceed config.max_instances (%d)"
                            % (config["min_instances"], config["max_instances"]))
    template = params.get("droplet_template")
    if template is not None:
        region = template.get("region")
        if region is not None and region not in REGIONS:
            raise PlanError("droplet_template.region must be one of %s, got %r" % (", ".join(REGIONS), region))
        check_tag_names("droplet_template.tags", template.get("tags"))
    return params


def resolve_template(engine):
    """droplet_template.vpc (id or name) -> vpc_uuid, in the template's region."""
    template = engine.params.get("droplet_template")
    if template is None:
        return engine.params
    wanted = _set(template)
    vpc_ref = wanted.pop("vpc", None)
    if vpc_ref is not None:
        vpc = VpcRefs(engine).vpc("droplet_template.vpc", vpc_ref)
        if vpc is not None and wanted.get("region") and vpc.get("region") != wanted["region"]:
            raise PlanError("droplet_template.vpc: VPC %s is in %s, the pool's Droplets in %s"
                            % (vpc.get("name"), vpc.get("region"), wanted["region"]))
        wanted["vpc_uuid"] = vpc_ref if vpc is None else vpc["id"]
    params = dict(engine.params)
    params["template"] = wanted
    return params


def template_secrets(params):
    return [((params.get("droplet_template") or {}).get("user_data"))]


# -- comparing ---------------------------------------------------------------------------------------


def _number(value):
    return round(value, 4) if isinstance(value, float) else value


def normalize_config(config):
    return {key: _number(value) for key, value in _set(config).items()}


def _kind(config):
    return "static" if "target_number_instances" in config else "dynamic"


def same_config(obj, have, want):
    if _kind(have or {}) != _kind(want or {}):
        return False
    return all((have or {}).get(key) == value for key, value in (want or {}).items())


def normalize_template(template):
    shaped = _set(template)
    if "ssh_keys" in shaped:
        shaped["ssh_keys"] = sorted(str(key) for key in shaped["ssh_keys"])
    if "tags" in shaped:
        shaped["tags"] = sorted(shaped["tags"], key=str.lower)
    return shaped


def same_template(obj, have, want):
    for key, value in (want or {}).items():
        had = (have or {}).get(key)
        if key == "tags":
            if {tag.lower() for tag in had or []} != {tag.lower() for tag in value}:
                return False
        elif key == "public_networking" and had is None:
            if value is not True:   # the API's default
                return False
        elif had != value:
            return False
    return True


def show_template(engine, template):
    if template.get("user_data") is None:
        return template
    return dict(template, user_data=SENSITIVE)


# -- changing ----------------------------------------------------------------------------------------


def refuse_region_change(engine, current, changes):
    change = changes.get("droplet_template")
    if change is None:
        return
    had = (current.get("droplet_template") or {}).get("region")
    wanted = (change.after or {}).get("region")
    if wanted and had and wanted != had:
        raise PlanError("droplet_template.region cannot change on %s: it is %s and the task asks for %s; create "
                        "a new pool in %s instead" % (engine.describe(current), had, wanted, wanted))


def put_body(engine, current, changes):
    """The whole pool, as the API wants it: what it has, with the task's values over it."""
    config = dict(current.get("config") or {})
    wanted_config = normalize_config(engine.params.get("config")) if "config" in changes else {}
    if wanted_config:
        config = dict(config, **wanted_config) if _kind(config) == _kind(wanted_config) else wanted_config
    template = {key: value for key, value in (current.get("droplet_template") or {}).items()
                if key in TEMPLATE_KEYS and value is not None}
    if "droplet_template" in changes:
        template.update(engine.params.get("template") or {})
    return {"name": current["name"], "config": config, "droplet_template": template}


def _in_range(config, count):
    if "target_number_instances" in config:
        return count == config["target_number_instances"]
    return config.get("min_instances", 0) <= count <= config.get("max_instances", count)


def await_members(engine, pool, response=None):
    """Wait until the pool's members are active and as many as its config asks (GET .../members)."""
    if not engine.wait or not pool.get("id"):
        return pool
    config = pool.get("config") or {}
    path = engine.item_path(pool["id"]) + "/members"

    def active(members):
        return [member for member in members if member.get("status") == "active"]

    wait_for_status(
        lambda: engine.client.paginate(path, "droplets"),
        lambda members: len(active(members)) == len(members) and _in_range(config, len(members)),
        engine.poller,
        lambda members: "the members of %s to be active and %s (%d of %d active)" % (
            engine.describe(pool), _wanted_text(config), len(active(members or [])), len(members or [])))
    return engine.reload(pool)


def _wanted_text(config):
    if "target_number_instances" in config:
        return "%d in number" % config["target_number_instances"]
    return "between %s and %s in number" % (config.get("min_instances"), config.get("max_instances"))


def failed(pool):
    if pool.get("status") == "error":
        return "autoscale pool %s (id %s) is in error" % (pool.get("name"), pool.get("id"))
    return None


def create_body(engine, body):
    template = dict(engine.params.get("template") or {})
    missing = [key for key in ("region", "size", "image") if not template.get(key)]
    if missing:
        raise PlanError("%s %s required to create autoscale pool %s" % (
            " and ".join("droplet_template." + key for key in missing), "is" if len(missing) == 1 else "are",
            engine.params["name"]))
    template.setdefault("ssh_keys", [])
    return {"name": engine.params["name"], "config": normalize_config(engine.params["config"]),
            "droplet_template": template}


def delete_pool(engine, pool):
    path = engine.item_path(pool["id"])
    if engine.params.get("delete_droplets"):
        engine.client.delete(path + "/dangerous", ok_statuses=(404,), headers=DANGEROUS)
    else:
        engine.client.delete(path, ok_statuses=(404,))


def extras(engine, pool):
    """members and history, when the task asks for them (the _info module's options)."""
    found = {}
    if not pool or not pool.get("id"):
        return found
    base = engine.item_path(pool["id"])
    if engine.params.get("members"):
        found["members"] = engine.client.paginate(base + "/members", "droplets")
    if engine.params.get("history"):
        found["history"] = engine.client.paginate(base + "/history", "history")
    return found


def expand_info(engine, pool):
    """For droplet_autoscale_pool_info: each pool with its members and history when asked."""
    return dict(pool, **extras(engine, pool))


PUT = Put(body=put_body, refuse=refuse_region_change, answer=True, then=await_members)

DROPLET_AUTOSCALE_POOL = ResourceSpec(
    kind="droplet_autoscale_pool",
    api=Api("/v2/droplets/autoscale", "autoscale_pool"),
    lookup=Lookup(identity=("name",), filters={"name": "name"}),
    fields={
        "config": Field(normalize=normalize_config, equal=same_config, update=PUT),
        "droplet_template": Field(wanted=lambda params: params.get("template"), normalize=normalize_template,
                                  equal=same_template, show=show_template, update=PUT),
    },
    create=Create(fields=("name",), required=("name", "config", "droplet_template"), body=create_body,
                  after=await_members),
    ready=Ready(when=lambda pool: pool.get("status") == "active", failed=failed),
    delete=Delete(send=delete_pool, wait=True),
    prepare=check_options,
    resolve=resolve_template,
    secrets=template_secrets,
    label="autoscale pool",
)
