# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Droplets: the declaration the droplet, droplet_info and droplet_group modules share."""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, UUID, exactly_one
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Action, Api, Create, Delete, Field
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Lookup, Ready, ResourceSpec, Toggle
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Updater, in_features, path_reader
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import sorted_set, tags_field

POWERED_ON = "active"
POWERED_OFF = "off"
MAX_NAME = 255


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


def check_options(params):
    """Checks the API would make on the create, made before any request."""
    name = params.get("name")
    if name is not None and not 1 <= len(name) <= MAX_NAME:
        raise PlanError("name must be 1 to %d characters, got %d" % (MAX_NAME, len(name)))


DROPLET = ResourceSpec(
    kind="droplet",
    api=Api("/v2/droplets", "droplet"),
    lookup=Lookup(identity=("name", "region"), filters={"name": "name"}, query=("tag_name", "type")),
    fields={
        "name": Field(update=Action("rename", "name")),
        "region": Field(read=path_reader("region", "slug")),
        "size": Field(read=path_reader("size_slug"), update=ResizeUpdater()),
        "power": Field(read=power_of, wanted=wanted_power, update=PowerUpdater()),
        "backups": Field(read=in_features("backups"), update=Toggle("enable_backups", "disable_backups")),
        "ipv6": Field(read=in_features("ipv6"), update=Toggle("enable_ipv6", field_label="ipv6")),
        "tags": tags_field("droplet"),
        "volumes": Field(read=path_reader("volume_ids"), normalize=sorted_set, update=VolumesUpdater()),
        "image": Field(read=image_label, normalize=str, equal=image_matches),
        "monitoring": Field(read=in_features("monitoring")),
        "ssh_keys": Field(write_only=True),
        "user_data": Field(write_only=True, sensitive=True),
        "with_droplet_agent": Field(write_only=True),
    },
    create=Create(
        fields=("name", "region", "size", "image", "ssh_keys", "tags", "vpc_uuid", "backups", "ipv6",
                "monitoring", "user_data", "with_droplet_agent", "volumes"),
        required=("name", "region", "size", "image"),
        then=("power",),
    ),
    ready=Ready(is_ready),
    resolve=volume_ids,
    delete=Delete(wait=True),
    prepare=check_options,
)
