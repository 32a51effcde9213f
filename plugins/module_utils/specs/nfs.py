# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""NFS shares and their snapshots: the declarations of the nfs, nfs_info, nfs_snapshot and
nfs_snapshot_info modules.

The API scopes every NFS path to a region (``?region=`` on reads, lists and deletes, ``region`` in
an action's body), so the region is declared as the parent (``Parent(fetch=False)``): its slug fills
the paths' ``{parent}``.

A share is found by name in its region. ``size_gib`` (at least 50) only grows, through the resize
action; ``vpcs`` (ids or names, VPCs of the share's region) is a set, reached through attach and
detach actions. NFS actions have no action endpoint to poll: each is awaited by reading the share
until it is ACTIVE and shows the change. The name never changes.

A snapshot is taken with the share's ``snapshot`` action and found by name among the share's
snapshots; it is awaited until ACTIVE. Nothing of a snapshot changes in place.

Not managed: access points and performance tiers, which the OpenAPI document has but the API
reference does not document.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import UUID, PlanError, exactly_one
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import is_unknown
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Delete, Field, Lookup
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Parent, Ready, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Updater, sorted_set
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.catalog import REGION
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc_refs import VpcRefs
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import wait_for_status

MIN_SIZE = 50
ACTIVE, FAILED = "ACTIVE", "FAILED"
IN_REGION = Parent(spec=REGION, option="region", fetch=False)


def _ready(item):
    return item.get("status") == ACTIVE


def _failed(item):
    if item.get("status") == FAILED:
        return "%s (id %s) failed" % (item.get("name"), item.get("id"))
    return None


# -- shares ------------------------------------------------------------------------------------------


def check_share(params):
    size = params.get("size_gib")
    if size is not None and size < MIN_SIZE:
        raise PlanError("size_gib must be at least %d, got %d" % (MIN_SIZE, size))
    vpcs = params.get("vpcs")
    if vpcs is not None:
        seen = set()
        for index, ref in enumerate(vpcs):
            if not str(ref).strip():
                raise PlanError("vpcs[%d] must be the id or the name of a VPC" % index)
            if ref in seen:
                raise PlanError("vpcs[%d] names VPC %s again: list each VPC once" % (index, ref))
            seen.add(ref)
    return params


def resolve_vpcs(engine):
    vpcs = engine.params.get("vpcs")
    if vpcs is None:
        return engine.params
    refs = VpcRefs(engine)
    region = engine.params.get("region")
    ids = []
    for index, ref in enumerate(vpcs):
        vpc = refs.vpc("vpcs[%d]" % index, ref)
        if vpc is not None and vpc.get("region") != region:
            raise PlanError("vpcs[%d]: VPC %s is in %s, the NFS share in %s: a share is reached from VPCs of its "
                            "own region" % (index, vpc.get("name"), vpc.get("region"), region))
        ids.append(ref if vpc is None else vpc["id"])
    params = dict(engine.params)
    params["vpc_ids"] = sorted(ids)
    return params


def _act(engine, share, action_type, params, shows, last=True):
    """POST one NFS action; wait (always when another action follows) until the share is ACTIVE and
    shows(share) - the action's effect."""
    path = "/v2/nfs/%s/actions" % share["id"]
    engine.client.post_once(path, {"type": action_type, "region": engine.parent_id, "params": params})
    if not engine.wait and last:
        return
    item = engine.item_path(share["id"])
    wait_for_status(lambda: engine.unwrapped(engine.client.get(item)),
                    lambda found: _ready(found) and shows(found), engine.poller,
                    lambda last_seen: "%s to finish the %s action (status %s)" % (
                        engine.describe(share), action_type, (last_seen or {}).get("status")),
                    failed=_failed)


class ResizeUpdater(Updater):
    """size_gib: the resize action; an NFS share only grows."""

    via = "action:resize"

    def check(self, engine, current, changes):
        change = changes["size_gib"]
        if change.before is not None and change.after < change.before:
            raise PlanError("size_gib cannot shrink on %s: it has %d GiB and the task asks for %d; an NFS share "
                            "only grows" % (engine.describe(current), change.before, change.after))

    def apply(self, engine, current, changes):
        size = changes["size_gib"].after
        _act(engine, current, "resize", {"size_gib": size}, lambda share: share.get("size_gib") == size)


class VpcUpdater(Updater):
    """vpc_ids: detach the VPCs that go, attach the new ones, one action at a time."""

    via = "action:attach|detach"

    def apply(self, engine, current, changes):
        change = changes["vpc_ids"]
        before, after = set(change.before or []), set(change.after or [])
        steps = [("detach", vpc_id) for vpc_id in sorted(before - after)]
        steps += [("attach", vpc_id) for vpc_id in sorted(after - before)]
        for index, (action_type, vpc_id) in enumerate(steps):
            attached = action_type == "attach"
            _act(engine, current, action_type, {"vpc_id": vpc_id},
                 lambda share, v=vpc_id, a=attached: (v in (share.get("vpc_ids") or [])) == a,
                 last=index == len(steps) - 1)


NFS = ResourceSpec(
    kind="nfs",
    api=Api("/v2/nfs?region={parent}", "share", plural_key="shares", item="/v2/nfs/{id}?region={parent}"),
    lookup=Lookup(identity=("name", "region")),
    fields={
        "size_gib": Field(update=ResizeUpdater()),
        "vpc_ids": Field(normalize=sorted_set, missing=[], update=VpcUpdater()),
    },
    create=Create(fields=("name", "region", "size_gib", "vpc_ids"), required=("name", "region", "size_gib", "vpcs")),
    ready=Ready(when=_ready, failed=_failed),
    delete=Delete(wait=True),
    parent=IN_REGION,
    prepare=check_share,
    resolve=resolve_vpcs,
    label="NFS share",
)


# -- snapshots ---------------------------------------------------------------------------------------


def resolve_share(engine):
    """share (id or name) -> share_id, with reads only; a missing share is an error naming the option."""
    ref = engine.params.get("share")
    if ref is None and not engine.params.get("id"):
        raise PlanError("nfs_snapshot needs share (the id or name of the NFS share) to find snapshot %s, or the "
                        "snapshot's id" % engine.params.get("name"))
    if ref is None or is_unknown(ref):
        return engine.params
    region = engine.parent_id
    if UUID.match(str(ref)):
        found = engine.client.get_or_none("/v2/nfs/%s" % ref, params={"region": region})
        share = (found or {}).get("share")
    else:
        shares = engine.client.get("/v2/nfs", params={"region": region}).get("shares") or []
        share = exactly_one([item for item in shares if item.get("name") == ref], "NFS shares",
                            "are named %s in %s" % (ref, region), hint="Give the share's id instead.")
    if share is None:
        raise PlanError("share: NFS share %s does not exist in %s" % (ref, region))
    params = dict(engine.params)
    params["share_id"] = share["id"]
    params["share_status"] = share.get("status")
    return params


def take_snapshot(engine, body):
    """The share's snapshot action; the snapshot is then found by name among the share's."""
    if engine.params.get("share_status") not in (None, ACTIVE):
        raise PlanError("share: NFS share %s is %s; a snapshot needs an ACTIVE share"
                        % (engine.params["share"], engine.params["share_status"]))
    engine.client.post_once("/v2/nfs/%s/actions" % engine.params["share_id"],
                            {"type": "snapshot", "region": engine.parent_id, "params": {"name": body["name"]}})
    found = engine.until_listed(engine.locate)
    if found is None:
        raise PlanError("the snapshot action of NFS share %s was accepted, but snapshot %s is not listed"
                        % (engine.params["share"], body["name"]))
    return found


def list_snapshots(engine, query):
    """The region's snapshots, only the share's when the task names one (the _info module's share)."""
    query = dict(query)
    if "share_id" not in query and engine.params.get("share") is not None:
        query["share_id"] = (engine.params.get("share_id") or resolve_share(engine)["share_id"])
    return engine.client.paginate(engine.collection_path, engine.spec.api.plural, params=query)


def refuse_without_share(engine, body):
    if not engine.params.get("share_id") and not is_unknown(engine.params.get("share")):
        raise PlanError("share is required to take NFS snapshot %s" % engine.params.get("name"))
    return body


NFS_SNAPSHOT = ResourceSpec(
    kind="nfs_snapshot",
    api=Api("/v2/nfs/snapshots?region={parent}", "snapshot", plural_key="snapshots",
            item="/v2/nfs/snapshots/{id}?region={parent}"),
    lookup=Lookup(identity=("name", "share_id"), filters={"share_id": "share_id"}, list=list_snapshots),
    create=Create(fields=("name", "share_id"), required=("name", "share"), body=refuse_without_share,
                  send=take_snapshot),
    ready=Ready(when=_ready, failed=_failed),
    parent=IN_REGION,
    resolve=resolve_share,
    label="NFS snapshot",
)
