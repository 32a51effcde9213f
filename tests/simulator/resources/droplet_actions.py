"""Droplet actions: POST/GET /v2/droplets/{droplet_id}/actions[/{action_id}]
and POST /v2/droplets/actions?tag_name= (bulk).

Effects apply when the action is created; the action itself reads
``in-progress`` for ``action_seconds``.  While a Droplet has an action in
progress (including the ``create`` action while it boots) it is ``locked``
and further actions are refused with 422 "Droplet already has a pending
event." like the real API (with the ``busy_droplets`` knob also while it is
new, during volume and reserved IP events and for ``busy_after_seconds``
after; see droplets.busy). ``enable_backups`` and ``change_backup_policy`` take a
``backup_policy`` (the latter only with backups enabled, else 422); ``restore`` takes the id of
one of the Droplet's backups or snapshots.
"""
from tests.simulator import catalog
from tests.simulator.resources import actions as actions_mod
from tests.simulator.resources import droplets as droplets_mod
from tests.simulator.resources import images as images_mod
from tests.simulator.resources import tags as tags_mod
from tests.simulator.routing import route
from tests.simulator.state import not_found, unprocessable

MSG_PENDING = droplets_mod.MSG_PENDING
MSG_RESIZE_ON = "Droplet is currently on. Please power it off to run this event."
MSG_NO_BACKUPS = "Backups are not enabled for this Droplet: enable them first."
BULK_TYPES = ("power_cycle", "power_on", "power_off", "shutdown", "enable_private_networking",
              "enable_ipv6", "enable_backups", "disable_backups", "snapshot")


def _set_status(status):
    def effect(ctx, droplet, body):
        droplet["status"] = status
    return effect


def _power_on(ctx, droplet, body):
    droplet["status"] = "active"


def _resize(ctx, droplet, body):
    size = catalog.SIZES.get(body.get("size"))
    if size is None:
        raise unprocessable("You specified an invalid size for Droplet resize.")
    if droplet["region"] not in size["regions"]:
        raise unprocessable(droplets_mod.MSG_SIZE_REGION)
    if droplet["status"] != "off":
        raise unprocessable(MSG_RESIZE_ON)
    if size["disk"] < droplet["disk"]:
        raise unprocessable("Size can not be smaller than the Droplet's current disk size.")
    droplet["size_slug"] = size["slug"]
    droplet["memory"] = size["memory"]
    droplet["vcpus"] = size["vcpus"]
    if body.get("disk"):
        droplet["disk"] = size["disk"]


def _rename(ctx, droplet, body):
    name = body.get("name")
    if not name:
        raise unprocessable("name: is required")
    droplet["name"] = name


def _enable_backups(ctx, droplet, body):
    if "backups" not in droplet["features"]:
        droplet["features"].append("backups")
    droplets_mod.set_backups(ctx, droplet, droplets_mod.backup_policy(body.get("backup_policy")))


def _disable_backups(ctx, droplet, body):
    if "backups" in droplet["features"]:
        droplet["features"].remove("backups")
    droplets_mod.set_backups(ctx, droplet, None)


def _change_backup_policy(ctx, droplet, body):
    if "backups" not in droplet["features"]:
        raise unprocessable(MSG_NO_BACKUPS)
    droplets_mod.set_backups(ctx, droplet, droplets_mod.backup_policy(body.get("backup_policy")))


def _restore(ctx, droplet, body):
    image = body.get("image")
    if image not in droplet["backup_ids"] + droplet["snapshot_ids"]:
        raise unprocessable("image: %r is not a backup or snapshot of this Droplet" % (image,))
    droplet["status"] = "active"


def _enable_ipv6(ctx, droplet, body):
    if "ipv6" not in droplet["features"]:
        droplet["features"].append("ipv6")
        droplet["networks"] = dict(droplet["networks"], v6=droplets_mod._v6(droplet["id"]))


def _enable_private_networking(ctx, droplet, body):
    if "private_networking" not in droplet["features"]:
        droplet["features"].append("private_networking")


def _snapshot(ctx, droplet, body):
    name = body.get("name") or "%s-%d" % (droplet["name"], int(ctx.now))
    source = droplet["image"]
    image = images_mod.create_snapshot_image(ctx, droplet, name, source)
    droplet["snapshot_ids"].append(image["id"])


def _rebuild(ctx, droplet, body):
    image = images_mod.find_image(ctx, body.get("image"))
    if image is None:
        raise unprocessable("You specified an invalid image for Droplet rebuild.")
    droplet["image"] = images_mod.render_image(image)
    droplet["status"] = "active"


def _noop(ctx, droplet, body):
    pass


EFFECTS = {
    "power_on": _power_on,
    "power_off": _set_status("off"),
    "shutdown": _set_status("off"),
    "reboot": _set_status("active"),
    "power_cycle": _set_status("active"),
    "resize": _resize,
    "rename": _rename,
    "enable_backups": _enable_backups,
    "disable_backups": _disable_backups,
    "change_backup_policy": _change_backup_policy,
    "enable_ipv6": _enable_ipv6,
    "enable_private_networking": _enable_private_networking,
    "snapshot": _snapshot,
    "rebuild": _rebuild,
    "restore": _restore,
    "password_reset": _noop,
    "change_kernel": _noop,
}


def perform(ctx, droplet, body):
    action_type = body.get("type")
    effect = EFFECTS.get(action_type)
    if effect is None:
        raise unprocessable("type: %r is not a supported Droplet action" % (action_type,))
    droplets_mod.require_idle(ctx, droplet)
    if not actions_mod.will_error(ctx, action_type, "droplet"):
        effect(ctx, droplet, body)       # an action that will end errored changes nothing
    return droplets_mod.add_action(ctx, droplet, action_type)


@route("POST", "/v2/droplets/{droplet_id}/actions")
def post_action(ctx, droplet_id):
    droplet = droplets_mod.get_droplet_or_404(ctx, droplet_id)
    action = perform(ctx, droplet, ctx.json_body())
    return 201, {"action": actions_mod.render_action(ctx, action)}


@route("POST", "/v2/droplets/actions")
def post_bulk_action(ctx):
    body = ctx.json_body()
    tag = ctx.query.get("tag_name")
    if not tag:
        raise unprocessable("tag_name: is required")
    if body.get("type") not in BULK_TYPES:
        raise unprocessable("type: %r cannot be used with tag_name" % (body.get("type"),))
    coll = ctx.coll(droplets_mod.KIND)
    targets = [coll[int(i)] for i in tags_mod.tagged_ids(ctx, tag, "droplet") if int(i) in coll]
    for droplet in targets:
        droplets_mod.require_idle(ctx, droplet)
    out = [perform(ctx, d, body) for d in targets]
    return 201, {"actions": [actions_mod.render_action(ctx, a) for a in out]}


@route("GET", "/v2/droplets/{droplet_id}/actions")
def list_droplet_actions(ctx, droplet_id):
    droplet = droplets_mod.get_droplet_or_404(ctx, droplet_id)
    return 200, actions_mod.list_action_ids(ctx, droplet["action_ids"])


@route("GET", "/v2/droplets/{droplet_id}/actions/{action_id}")
def get_droplet_action(ctx, droplet_id, action_id):
    droplet = droplets_mod.get_droplet_or_404(ctx, droplet_id)
    action = actions_mod.get_action_or_404(ctx, action_id)
    if action["id"] not in droplet["action_ids"]:
        raise not_found()
    return 200, {"action": actions_mod.render_action(ctx, action)}
