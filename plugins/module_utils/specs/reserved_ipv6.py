# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reserved IPv6 addresses: the declaration the reserved_ipv6 and reserved_ipv6_info modules share.

Like a reserved IPv4 (specs/reserved_ip.py), a reserved IPv6 has no name: its address is its
identity, and the API chooses it. The task finds it

1. by ``ip`` when given (then ``droplet_id`` is where it should be assigned, 0 = unassigned);
2. else by ``droplet_id``: the reserved IPv6 assigned to that Droplet, created (in the Droplet's
   region) and assigned when there is none, so running the task again finds the same one;
3. else by ``region``: the one reserved IPv6 of the region that is assigned to no Droplet, created
   when there is none. Two unassigned ones are an error that lists them.

The API creates a reserved IPv6 unassigned (POST with ``region_slug`` only); assignments change
through the assign and unassign actions, each awaited. A Droplet takes a reserved IPv6 of its own
region, and only with IPv6 enabled: both are checked before any change. Deleting an assigned
reserved IPv6 unassigns it first.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, is_unknown
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec
# An IPv6 address is assigned, unassigned and released as a reserved IPv4 address is.
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.reserved_ip import droplet_of
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.reserved_ip import AssignmentUpdater as Ipv4Assignment
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.reserved_ip import address_finder, unassign_before_delete


def canonical_ipv6(text):
    try:
        return str(ipaddress.IPv6Address(str(text).strip()))
    except ValueError:
        return text


def check_options(params):
    address = params.get("ip")
    if address is not None and not is_unknown(address):
        try:
            params["ip"] = str(ipaddress.IPv6Address(str(address).strip()))
        except ValueError:
            raise PlanError("ip must be an IPv6 address such as 2604:a880:4:1d0::a:1, got %r" % address)
    droplet_id = params.get("droplet_id")
    if droplet_id is not None and droplet_id < 0:
        raise PlanError("droplet_id must be a Droplet id, or 0 for unassigned, got %s" % droplet_id)
    return params


find_reserved_ipv6 = address_finder("reserved IPv6", "reserved IPv6 addresses", lambda item: item.get("region_slug"))


def usable_droplet(engine, droplet_id, region):
    """The Droplet a reserved IPv6 of `region` can be assigned to; refused (before any change) when
    it does not exist, is in another region or has IPv6 off. Returns its region."""
    if is_unknown(droplet_id):
        return region
    answer = engine.client.get_or_none("/v2/droplets/%s" % droplet_id)
    if answer is None:
        raise PlanError("droplet_id %s: the Droplet does not exist" % droplet_id)
    droplet = answer["droplet"]
    droplet_region = (droplet.get("region") or {}).get("slug")
    if region and droplet_region != region:
        raise PlanError("region is %s but droplet %s is in %s: a reserved IPv6 is assigned to Droplets of its "
                        "own region" % (region, droplet_id, droplet_region))
    if "ipv6" not in (droplet.get("features") or []):
        raise PlanError("droplet %s has IPv6 disabled: enable IPv6 on it (the droplet module's ipv6 option) "
                        "before assigning a reserved IPv6" % droplet_id)
    return droplet_region


def create_body(engine, body):
    params = engine.params
    if params.get("ip"):
        raise PlanError("reserved IPv6 %s does not exist: the API chooses the address of a new reserved IPv6, "
                        "so leave ip unset to create one" % params["ip"])
    region = params.get("region")
    if params.get("droplet_id"):
        region = usable_droplet(engine, params["droplet_id"], region)
    return {"region_slug": region}


class AssignmentUpdater(Ipv4Assignment):
    """As for a reserved IP, once the Droplet is checked: it has IPv6, in the address's region."""

    def check(self, engine, current, changes):
        after = changes["droplet_id"].after
        if after:
            usable_droplet(engine, after, current.get("region_slug"))


RESERVED_IPV6 = ResourceSpec(
    kind="reserved_ipv6",
    api=Api("/v2/reserved_ipv6", "reserved_ipv6", plural_key="reserved_ipv6s", id_field="ip"),
    lookup=Lookup(identity=("ip", "droplet_id", "region"), id_option="ip", find=find_reserved_ipv6, names=("ip",)),
    fields={
        "ip": Field(normalize=canonical_ipv6),
        "droplet_id": Field(read=droplet_of, normalize=int, update=AssignmentUpdater()),
        "region": Field(read=lambda item: item.get("region_slug")),
    },
    create=Create(fields=("droplet_id", "region"), body=create_body, then=("droplet_id",)),
    delete=Delete(before=unassign_before_delete),
    prepare=check_options,
    label="reserved IPv6",
)
