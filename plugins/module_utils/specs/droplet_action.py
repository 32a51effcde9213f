# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One action on a droplet (reboot, snapshot, resize...): the declaration of the droplet_action module.

An action is not a state: every task starts a new one. The resource is the action itself, created
under its droplet (POST /v2/droplets/{id}/actions, see Parent), so the plan is always a create and
the task always reports a change; check mode plans it and sends nothing. The action is awaited, and
a snapshot's image is found once the action completed.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Lookup, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import OF_DROPLET, check_backup_policy
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import wanted_policy

# Every action type of POST /v2/droplets/{id}/actions, with the options each one needs and takes.
NEEDS = {
    "snapshot": ("name",),
    "rename": ("name",),
    "resize": ("size",),
    "rebuild": ("image",),
    "restore": ("image",),
    "change_kernel": ("kernel",),
    "change_backup_policy": ("backup_policy",),
}
TAKES = dict(NEEDS, resize=("size", "disk"), enable_backups=("backup_policy",))
ACTION_TYPES = ("power_cycle", "reboot", "shutdown", "power_off", "power_on", "password_reset", "enable_ipv6",
                "enable_backups", "disable_backups", "change_backup_policy", "snapshot", "resize", "rebuild",
                "restore", "rename", "change_kernel")
ACTION_OPTIONS = ("name", "size", "disk", "image", "kernel", "backup_policy")


def check_action(params):
    """The options the action type needs are given, and no option it does not take."""
    action_type = params.get("type")
    if action_type is None:
        return
    for option in NEEDS.get(action_type, ()):
        if params.get(option) in (None, ""):
            raise PlanError("a %s action needs %s" % (action_type, option))
    for option in ACTION_OPTIONS:
        if params.get(option) is not None and option not in TAKES.get(action_type, ()):
            users = sorted(kind for kind, options in TAKES.items() if option in options)
            raise PlanError("%s applies to %s actions only, not to a %s action"
                            % (option, " and ".join(users), action_type))
    if action_type == "restore" and not str(params["image"]).isdigit():
        raise PlanError("image of a restore action is the id of one of the droplet's backups or snapshots, got %r"
                        % params["image"])
    check_backup_policy(params)


def action_body(engine, body):
    """The body in the API's shapes: an image id as a number, the policy without the keys left out."""
    if "image" in body:
        image = str(body["image"])
        body["image"] = int(image) if image.isdigit() else image
    if "backup_policy" in body:
        body["backup_policy"] = wanted_policy(body)
    return body


def start_action(engine, body):
    """Start the action and await it (unless wait is false); a snapshot's image is found afterwards."""
    droplet = engine.parent
    action = engine.run_action(droplet, body, path=engine.collection_path) or {}
    if body["type"] == "snapshot" and action.get("status") == "completed":
        snapshots = engine.client.paginate("/v2/droplets/%s/snapshots" % droplet["id"], "snapshots")
        named = [snapshot for snapshot in snapshots if snapshot.get("name") == body["name"]]
        engine.notes["snapshot"] = max(named, key=lambda snapshot: snapshot.get("id") or 0) if named else None
    return action


def droplet_and_snapshot(engine, action):
    extras = {"droplet_id": engine.parent_id}
    if "snapshot" in engine.notes:
        extras["snapshot"] = engine.notes["snapshot"]
    return extras


DROPLET_ACTION = ResourceSpec(
    kind="droplet_action",
    api=Api("/v2/droplets/{parent}/actions", "action"),
    # Every task starts a new action: there is never one to find.
    lookup=Lookup(identity=("droplet_id", "droplet_name"), id_option=None, find=lambda engine: None),
    create=Create(fields=("type",) + ACTION_OPTIONS, required=("type",), body=action_body, send=start_action),
    parent=OF_DROPLET,
    prepare=check_action,
    extras=droplet_and_snapshot,
    label="droplet action",
)
