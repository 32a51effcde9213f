# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Droplets: the declaration the droplet and droplet_info modules share."""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    Action,
    PlanError,
    ResourceSpec,
    TagsUpdater,
    Toggle,
    Updater,
    in_features,
    path_reader,
    sorted_set,
)

POWERED_ON = "active"
POWERED_OFF = "off"
MAX_NAME = 255


def power_of(droplet):
    # A droplet that is still booting ("new") is on its way to active.
    status = droplet.get("status")
    return POWERED_ON if status == "new" else status


def wanted_power(engine):
    state = engine.params.get("state")
    return {"power": state} if state in (POWERED_ON, POWERED_OFF) else {}


def power_action(engine, droplet, target):
    if power_of(droplet) == target:
        return
    engine.run_action(droplet, {"type": "power_on" if target == POWERED_ON else "power_off"})
    droplet["status"] = target


class PowerUpdater(Updater):
    via = "action:power_on|power_off"

    def apply(self, engine, current, change):
        power_action(engine, current, change.after)


class ResizeUpdater(Updater):
    via = "action:resize"

    def check(self, engine, current, change):
        stays_on = engine.params.get("state") != POWERED_OFF
        if power_of(current) == POWERED_ON and stays_on and not engine.params.get("allow_resize_power_cycle"):
            raise PlanError(
                "size of %s cannot change from %s to %s while it is running: set "
                "allow_resize_power_cycle: true to power it off and on for the resize, or state: off"
                % (engine.describe(current), change.before, change.after))

    def apply(self, engine, current, change):
        was_on = power_of(current) == POWERED_ON
        power_action(engine, current, POWERED_OFF)
        engine.run_action(current, {"type": "resize", "size": change.after,
                                    "disk": bool(engine.params.get("resize_disk"))})
        if was_on and engine.params.get("state") != POWERED_OFF:
            power_action(engine, current, POWERED_ON)


class VolumesUpdater(Updater):
    via = "action:attach|detach"

    def apply(self, engine, current, change):
        region = current["region"]["slug"]
        before, after = set(change.before or []), set(change.after or [])
        for volume_id in sorted(after - before):
            engine.run_action(current, {"type": "attach", "droplet_id": current["id"], "region": region},
                              path="/v2/volumes/%s/actions" % volume_id)
        for volume_id in sorted(before - after):
            engine.run_action(current, {"type": "detach", "droplet_id": current["id"], "region": region},
                              path="/v2/volumes/%s/actions" % volume_id)


def image_matches(droplet, have, want):
    image = droplet.get("image") or {}
    if want in (image.get("slug"), str(image.get("id"))):
        return True
    # A retired distribution image loses its slug: a slug has nothing to be compared with then.
    return not image.get("slug") and not want.isdigit()


def image_label(droplet):
    image = droplet.get("image") or {}
    return image.get("slug") or (str(image["id"]) if image.get("id") is not None else None)


def validate(engine):
    """Checks the API would make on the create, made before any request."""
    name = engine.params.get("name")
    if name is not None and not 1 <= len(name) <= MAX_NAME:
        raise PlanError("name must be 1 to %d characters, got %d" % (MAX_NAME, len(name)))


def power_off_after_create(engine, droplet, response):
    if engine.params.get("state") == POWERED_OFF:
        droplet = engine.settle(droplet)
        power_action(engine, droplet, POWERED_OFF)
        return engine.reload(droplet)
    return droplet


DROPLET = ResourceSpec(
    kind="droplet",
    singular="droplet",
    plural="droplets",
    collection="/v2/droplets",
    item="/v2/droplets/{id}",
    identity=("name", "region"),
    list_filters={"name": "name"},
    create=("name", "region", "size", "image", "ssh_keys", "tags", "vpc_uuid", "backups", "ipv6",
            "monitoring", "user_data", "with_droplet_agent", "volumes"),
    actions={
        "name": Action("rename", "name"),
        "size": ResizeUpdater(),
        "power": PowerUpdater(),
        "backups": Toggle("enable_backups", "disable_backups"),
        "ipv6": Toggle("enable_ipv6", field_label="ipv6"),
        "tags": TagsUpdater("droplet"),
        "volumes": VolumesUpdater(),
    },
    immutable=("region", "image", "vpc_uuid", "monitoring"),
    write_only=("ssh_keys", "user_data", "with_droplet_agent"),
    sensitive=("user_data",),
    read={
        "region": path_reader("region", "slug"),
        "size": path_reader("size_slug"),
        "image": image_label,
        "backups": in_features("backups"),
        "ipv6": in_features("ipv6"),
        "monitoring": in_features("monitoring"),
        "volumes": path_reader("volume_ids"),
        "power": power_of,
    },
    normalize={"tags": sorted_set, "volumes": sorted_set, "image": str},
    equal={"image": image_matches},
    extra_desired=wanted_power,
    validate=validate,
    required_to_create=("name", "region", "size", "image"),
    after_create=power_off_after_create,
    wait_ready=lambda droplet: droplet.get("status") != "new",
    wait_delete=True,
)
