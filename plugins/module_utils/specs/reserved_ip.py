# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reserved IPs: the declaration the reserved_ip and reserved_ip_info modules share.

A reserved IP has no name: its address is its identity, and the API chooses it. So the task finds
the reserved IP

1. by ``ip`` when given (then ``droplet_id`` is where it should be assigned, 0 = unassigned);
2. else by ``droplet_id``: the reserved IP assigned to that Droplet, created for it when there is
   none - so running the task again finds the same one;
3. else by ``region``: the one reserved IP of the region that is assigned to no Droplet, created
   when there is none. Two unassigned ones are an error that lists them.

Assignments change through the assign and unassign actions, each awaited. Deleting an assigned
reserved IP unassigns it first.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, check_ipv4, exactly_one
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec, Updater, path_reader
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import wait_for_action

UNASSIGNED = 0


def droplet_of(reserved_ip):
    return (reserved_ip.get("droplet") or {}).get("id") or UNASSIGNED


def check_options(params):
    check_ipv4(params, "ip", "such as 45.55.96.47")
    droplet_id = params.get("droplet_id")
    if droplet_id is not None and droplet_id < 0:
        raise PlanError("droplet_id must be a Droplet id, or 0 for unassigned, got %s" % droplet_id)


def address_finder(what, many, region_of):
    """The find hook of a reserved address given without its ip: the one assigned to droplet_id, else
    the unassigned one of region. what names one ("reserved IP"), many the plural the errors use."""

    def find(engine):
        droplet_id = engine.params.get("droplet_id")
        region = engine.params.get("region")
        if not droplet_id and not region:
            raise PlanError("%s needs ip, droplet_id or region to find the %s: ip names an existing one, "
                            "droplet_id the one assigned to that Droplet, region the unassigned one of that "
                            "region" % (engine.spec.kind, what))
        everything = engine.list_all()
        if droplet_id:
            matches = [item for item in everything if droplet_of(item) == droplet_id]
            wanted = "assigned to droplet %s" % droplet_id
        else:
            matches = [item for item in everything if droplet_of(item) == UNASSIGNED and region_of(item) == region]
            wanted = "unassigned in region %s" % region
        return exactly_one(matches, many, "are " + wanted, id_field="ip", hint="Give ip to choose one.",
                           ids_prefix="")

    return find


find_reserved_ip = address_finder("reserved IP", "reserved IPs", path_reader("region", "slug"))


def create_body(engine, body):
    params = engine.params
    if params.get("ip"):
        raise PlanError("reserved IP %s does not exist: the API chooses the address of a new reserved IP, so "
                        "leave ip unset to create one" % params["ip"])
    droplet_id = params.get("droplet_id")
    if droplet_id:
        if params.get("region"):
            droplet = engine.client.get_or_none("/v2/droplets/%s" % droplet_id)
            if droplet is None:
                raise PlanError("droplet_id %s: the Droplet does not exist" % droplet_id)
            droplet_region = path_reader("droplet", "region", "slug")(droplet)
            if droplet_region != params["region"]:
                raise PlanError("region is %s but droplet %s is in %s: a reserved IP is assigned to Droplets "
                                "of its own region" % (params["region"], droplet_id, droplet_region))
        return {"droplet_id": droplet_id}
    return {"region": params["region"]}


def await_create(engine, reserved_ip, response):
    """A reserved IP created for a Droplet is assigned by an action that the answer links."""
    links = (response or {}).get("links") or {}
    actions = links.get("actions") or []
    if not actions:
        return reserved_ip
    if engine.wait:
        for link in actions:
            action = engine.client.get("/v2/actions/%s" % link["id"]).get("action")
            wait_for_action(engine.client, action, engine.poller)
    return engine.reload(reserved_ip)


class AssignmentUpdater(Updater):
    """droplet_id: assign (also away from another Droplet), or with 0 unassign."""

    via = "action:assign|unassign"

    def apply(self, engine, current, changes):
        if changes["droplet_id"].after:
            engine.run_action(current, {"type": "assign", "droplet_id": changes["droplet_id"].after})
        else:
            engine.run_action(current, {"type": "unassign"})


def unassign_before_delete(engine, reserved_ip):
    if droplet_of(reserved_ip) == UNASSIGNED:
        return
    # The deletion cannot start before the unassignment is over, whatever `wait` says.
    engine.run_action(reserved_ip, {"type": "unassign"}, must_finish=True)


RESERVED_IP = ResourceSpec(
    kind="reserved_ip",
    api=Api("/v2/reserved_ips", "reserved_ip", id_field="ip"),
    lookup=Lookup(identity=("ip", "droplet_id", "region"), id_option="ip", find=find_reserved_ip, names=("ip",)),
    fields={
        "droplet_id": Field(read=droplet_of, normalize=int, update=AssignmentUpdater()),
        "region": Field(read=path_reader("region", "slug")),
    },
    create=Create(fields=("droplet_id", "region"), body=create_body, after=await_create),
    delete=Delete(before=unassign_before_delete),
    prepare=check_options,
    label="reserved IP",
)
