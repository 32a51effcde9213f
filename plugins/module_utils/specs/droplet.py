# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Droplets: the declaration the droplet, droplet_info and droplet_group modules share, and the
read-only declarations of droplet_backup_info and droplet_neighbor_info.

Backups: `backups` turns them on and off (enable_backups / disable_backups); `backup_policy` is sent at
create and changed through change_backup_policy, or with enable_backups when backups are turned on
by the same task. The droplet's own answer has no policy: it is read from .../backups/policy, only
by a task that sets backup_policy. An image change rebuilds the droplet (the rebuild action) when
the task allows it (allow_rebuild), else it is an error.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, UUID, exactly_one
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Action, Api, Create, Delete, Field
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Lookup, Parent, Ready, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Toggle, Updater, in_features
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import path_reader, sorted_set, tags_field

POWERED_ON = "active"
POWERED_OFF = "off"
MAX_NAME = 255
BACKUP_PLANS = ("daily", "weekly")
BACKUP_WEEKDAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
BACKUP_HOURS = (0, 4, 8, 12, 16, 20)


def power_of(droplet):
    # A droplet that is still booting ("new") is on its way to active.
    status = droplet.get("status")
    return POWERED_ON if status == "new" else status


def wanted_power(params):
    state = params.get("state")
    return state if state in (POWERED_ON, POWERED_OFF) else None


def switch_power(engine, droplet, target, must_finish=False):
    if power_of(droplet) == target:
        return
    engine.run_action(droplet, {"type": "power_on" if target == POWERED_ON else "power_off"},
                      must_finish=must_finish)
    droplet["status"] = target


class PowerUpdater(Updater):
    via = "action:power_on|power_off"

    def apply(self, engine, current, changes):
        switch_power(engine, current, changes["power"].after)


class ResizeUpdater(Updater):
    """size: power off when running (allowed by allow_resize_power_cycle), resize, power on again."""

    via = "action:resize"

    def check(self, engine, current, changes):
        change = changes["size"]
        stays_on = engine.params.get("state") != POWERED_OFF
        if power_of(current) == POWERED_ON and stays_on and not engine.params.get("allow_resize_power_cycle"):
            raise PlanError(
                "size of %s cannot change from %s to %s while it is running: set "
                "allow_resize_power_cycle: true to power it off and on for the resize, or state: off"
                % (engine.describe(current), change.before, change.after))

    def apply(self, engine, current, changes):
        was_on = power_of(current) == POWERED_ON
        switch_power(engine, current, POWERED_OFF, must_finish=True)
        try:
            engine.run_action(current, {"type": "resize", "size": changes["size"].after,
                                        "disk": bool(engine.params.get("resize_disk"))}, must_finish=was_on)
        except DigitalOceanError:
            # A failed resize must not leave a droplet that was running switched off.
            if was_on and engine.params.get("state") != POWERED_OFF:
                switch_power(engine, current, POWERED_ON, must_finish=True)
            raise
        if was_on and engine.params.get("state") != POWERED_OFF:
            switch_power(engine, current, POWERED_ON)


class VolumesUpdater(Updater):
    """volumes: attach and detach through each volume's own actions."""

    via = "action:attach|detach"

    def apply(self, engine, current, changes):
        region = current["region"]["slug"]
        before, after = set(changes["volumes"].before or []), set(changes["volumes"].after or [])
        for action_type, volume_ids in (("attach", after - before), ("detach", before - after)):
            for volume_id in sorted(volume_ids):
                engine.run_action(current, {"type": action_type, "droplet_id": current["id"], "region": region},
                                  path="/v2/volumes/%s/actions" % volume_id)


class BackupsToggle(Toggle):
    """backups: enable_backups (carrying the task's backup_policy, so that turning backups on with a
    policy is one action) or disable_backups."""

    def __init__(self):
        super().__init__("enable_backups", "disable_backups")

    def apply(self, engine, current, changes):
        if not changes["backups"].after:
            engine.run_action(current, {"type": "disable_backups"})
            return
        body = {"type": "enable_backups"}
        policy = wanted_policy(engine.params)
        if policy:
            body["backup_policy"] = policy
            engine.notes["backup_policy_sent"] = True
        engine.run_action(current, body)


class BackupPolicyUpdater(Updater):
    """backup_policy: change_backup_policy, unless turning backups on already carried it."""

    via = "action:change_backup_policy"

    def apply(self, engine, current, changes):
        if engine.notes.pop("backup_policy_sent", False):
            return
        engine.run_action(current, {"type": "change_backup_policy", "backup_policy": wanted_policy(engine.params)})


class RebuildUpdater(Updater):
    """image: the rebuild action, which replaces the droplet's disk, when the task allows it."""

    via = "action:rebuild"

    def check(self, engine, current, changes):
        if engine.params.get("allow_rebuild"):
            return
        change = changes["image"]
        hint = (" Set allow_rebuild: true to rebuild the droplet from the new image (its disk is replaced)."
                if "allow_rebuild" in engine.params else "")
        raise PlanError("image cannot change in place on %s: it is %s and the task asks for %s.%s"
                        % (engine.describe(current), change.before, change.after, hint))

    def apply(self, engine, current, changes):
        image = changes["image"].after
        engine.run_action(current, {"type": "rebuild", "image": int(image) if image.isdigit() else image})


def wanted_policy(params):
    """The backup policy the task sets, without the keys it leaves out."""
    policy = params.get("backup_policy")
    if not policy:
        return None
    return {key: policy[key] for key in ("plan", "weekday", "hour") if policy.get(key) is not None}


def policy_shape(policy):
    return {key: policy[key] for key in ("plan", "weekday", "hour") if policy.get(key) is not None}


def policy_matches(droplet, have, want):
    """The policy has every value the task sets (the API adds a window length and a retention)."""
    return have is not None and all(have.get(key) == value for key, value in want.items())


def with_backup_policy(engine, droplet):
    """The droplet with its backup policy (GET .../backups/policy), read only when the task sets one
    and backups are on: without backups there is no policy to compare."""
    if not engine.params.get("backup_policy") or "backups" not in (droplet.get("features") or []):
        return droplet
    record = engine.client.get("/v2/droplets/%s/backups/policy" % droplet["id"]).get("policy") or {}
    return dict(droplet, backup_policy=record.get("backup_policy"))


def is_ready(droplet):
    """Booted, no event in progress, and (when running) its public IPv4 address assigned: the API
    can report a droplet active before the address appears in networks."""
    if droplet.get("status") == "new" or droplet.get("locked"):
        return False
    public = [net for net in (droplet.get("networks") or {}).get("v4") or [] if net.get("type") == "public"]
    return droplet.get("status") != POWERED_ON or bool(public)


def image_matches(droplet, have, want):
    image = droplet.get("image") or {}
    if want in (image.get("slug"), str(image.get("id"))):
        return True
    # A retired distribution image loses its slug: a slug has nothing to be compared with then.
    return not image.get("slug") and not want.isdigit()


def image_label(droplet):
    image = droplet.get("image") or {}
    return image.get("slug") or (str(image["id"]) if image.get("id") is not None else None)


def volume_ids(engine):
    """volumes may name volumes: each becomes the id of the volume of that name in the droplet's
    region (reads only; in check mode a volume an earlier task may create keeps its name)."""
    wanted = engine.params.get("volumes")
    if not wanted or all(UUID.match(str(item)) for item in wanted):
        return engine.params
    region = engine.params.get("region")
    if not region:
        raise PlanError("volumes: give region to name volumes (they are found in the droplet's region), "
                        "or give their ids")
    resolved = []
    for index, item in enumerate(wanted):
        if UUID.match(str(item)):
            resolved.append(item)
            continue
        listed = engine.client.paginate("/v2/volumes", "volumes", params={"name": item, "region": region})
        found = exactly_one([v for v in listed if v.get("name") == item], "volumes", "are named %s" % item)
        if found is None and not engine.check_mode:
            raise PlanError("volumes[%d]: no volume is named %s in region %s, and it is not a volume id"
                            % (index, item, region))
        resolved.append(found["id"] if found else item)
    return dict(engine.params, volumes=resolved)


def check_backup_policy(params, option="backup_policy"):
    """A plan; a weekday only for the weekly plan. Returns the policy without the keys left out."""
    policy = params.get(option)
    if policy is None:
        return None
    if policy.get("plan") not in BACKUP_PLANS:
        raise PlanError("%s.plan must be one of %s, got %r" % (option, ", ".join(BACKUP_PLANS), policy.get("plan")))
    if policy.get("weekday") is not None and policy["plan"] != "weekly":
        raise PlanError("%s.weekday applies to the weekly plan only; the plan is %s" % (option, policy["plan"]))
    return policy


def check_options(params):
    """Checks the API would make on the create, made before any request."""
    name = params.get("name")
    if name is not None and not 1 <= len(name) <= MAX_NAME:
        raise PlanError("name must be 1 to %d characters, got %d" % (MAX_NAME, len(name)))
    if check_backup_policy(params) is None:
        return params
    if params.get("backups") is False:
        raise PlanError("backup_policy needs backups: backups is false, so the droplet has no backup policy; "
                        "leave backup_policy out, or set backups: true")
    # A backup policy means backups: the droplet is created, or changed, with them on.
    return dict(params, backups=True)


DROPLET = ResourceSpec(
    kind="droplet",
    api=Api("/v2/droplets", "droplet"),
    lookup=Lookup(identity=("name", "region"), filters={"name": "name"}, query=("tag_name", "type")),
    fields={
        "name": Field(update=Action("rename", "name")),
        "region": Field(read=path_reader("region", "slug")),
        "size": Field(read=path_reader("size_slug"), update=ResizeUpdater()),
        "power": Field(read=power_of, wanted=wanted_power, update=PowerUpdater()),
        "backups": Field(read=in_features("backups"), update=BackupsToggle()),
        "backup_policy": Field(read=path_reader("backup_policy"), normalize=policy_shape, equal=policy_matches,
                               update=BackupPolicyUpdater()),
        "ipv6": Field(read=in_features("ipv6"), update=Toggle("enable_ipv6", field_label="ipv6")),
        "tags": tags_field("droplet"),
        "volumes": Field(read=path_reader("volume_ids"), normalize=sorted_set, update=VolumesUpdater()),
        "image": Field(read=image_label, normalize=str, equal=image_matches, update=RebuildUpdater()),
        "monitoring": Field(read=in_features("monitoring")),
        "ssh_keys": Field(write_only=True),
        "user_data": Field(write_only=True, sensitive=True),
        "with_droplet_agent": Field(write_only=True),
    },
    create=Create(
        fields=("name", "region", "size", "image", "ssh_keys", "tags", "vpc_uuid", "backups", "backup_policy",
                "ipv6", "monitoring", "user_data", "with_droplet_agent", "volumes"),
        body=lambda engine, body: dict(body, backup_policy=wanted_policy(body)) if "backup_policy" in body else body,
        required=("name", "region", "size", "image"),
        then=("power",),
    ),
    ready=Ready(is_ready),
    resolve=volume_ids,
    delete=Delete(wait=True),
    prepare=check_options,
    expand=with_backup_policy,
)

# The droplet a read-only declaration below belongs to: by id, or by a name no other droplet has.
OF_DROPLET = Parent(DROPLET, "droplet_id", "droplet_name")


def with_policy(engine, result):
    """extras for droplet_backup_info: the droplet's backup policy (GET .../backups/policy)."""
    return {"policy": engine.client.get("/v2/droplets/%s/backups/policy" % engine.parent_id).get("policy")}


DROPLET_BACKUP = ResourceSpec(
    kind="droplet_backup",
    api=Api("/v2/droplets/{parent}/backups", "backup"),
    lookup=Lookup(identity=(), id_option=None),
    parent=OF_DROPLET,
    label="droplet backup",
)


def neighbor_groups(engine, query):
    """The report's groups of droplet ids that share a physical host; with droplet_id, its group only."""
    groups = engine.client.get(engine.collection_path).get("neighbor_ids") or []
    droplet_id = engine.params.get("droplet_id")
    return [group for group in groups if droplet_id is None or droplet_id in group]


DROPLET_NEIGHBOR = ResourceSpec(
    kind="droplet_neighbor",
    # One report object (so no lookup lists it as a kind), read as its groups.
    api=Api("/v2/reports/droplet_neighbors_ids", "neighbor_ids", plural_key="neighbor_ids", single=True),
    lookup=Lookup(identity=(), id_option=None, list=neighbor_groups),
    label="droplet neighbors",
)
