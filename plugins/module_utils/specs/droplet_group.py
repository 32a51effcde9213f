# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A group of identical droplets that share a tag, converged to an exact count.

The group is a set (sets.py) whose members are ordinary droplets: each member is planned and
changed in place through the droplet declaration (specs/droplet.py). What a group adds: which
names it wants (count and name_template, reusing the indexes that exist), batched creation (the
API's `names` form, up to 10 per POST), and one list call per poll while waiting.
"""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import send_once
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import TAG_NAME, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import Change, Plan
from ansible_collections.fathom.digitalocean.plugins.module_utils.sets import SetSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import DROPLET, is_ready

BATCH_SIZE = 10          # the most droplets one POST /v2/droplets may create
INDEX = "{index}"
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
DEFAULT_TEMPLATE = "{group_tag}-{index}"


def check_group(params):
    tag, count = params.get("group_tag"), params.get("count")
    template = params.get("name_template") or DEFAULT_TEMPLATE
    if not tag or not TAG_NAME.match(tag):
        raise PlanError("group_tag must be 1 to 255 letters, digits, ':', '-' or '_', got %r" % (tag,))
    if count is None or count < 0:
        raise PlanError("count must be 0 or more, got %s" % (count,))
    placeholders = PLACEHOLDER.findall(template)
    unknown = sorted(set(placeholders) - {"index", "group_tag"})
    if unknown:
        raise PlanError("name_template may use only {index} and {group_tag}, got {%s} in %r"
                        % ("}, {".join(unknown), template))
    if placeholders.count("index") != 1:
        raise PlanError("name_template must contain {index} exactly once, got %r" % template)
    for item in params.get("tags") or []:
        if not TAG_NAME.match(item):
            raise PlanError("tags: %r is not a valid tag name" % item)
    return dict(params, name_template=template)


class Names:
    """The member names of one group: name_template with the group tag filled in."""

    def __init__(self, params):
        self.head, self.tail = params["name_template"].replace("{group_tag}", params["group_tag"]).split(INDEX)
        self.pattern = re.compile("^%s([1-9][0-9]*)%s$" % (re.escape(self.head), re.escape(self.tail)))

    def name(self, index):
        return "%s%d%s" % (self.head, index, self.tail)

    def index(self, droplet):
        match = self.pattern.match(droplet.get("name") or "")
        return int(match.group(1)) if match else None

    def ordered(self, droplets):
        """Members by index; names outside the template last."""
        def key(droplet):
            index = self.index(droplet)
            return (index is None, index or 0, droplet.get("id") or 0)

        return sorted(droplets, key=key)


class DropletGroup(SetSpec):
    kind = "droplet_group"
    member_spec = DROPLET
    purge_option = None

    def prepare(self, params):
        return check_group(params)

    def read(self, engine):
        """Every droplet carrying the group tag (one list call per 200), highest index first: the
        order in which extra members leave."""
        members = engine.list_all({"tag_name": engine.params["group_tag"]})
        return list(reversed(Names(engine.params).ordered(members)))

    def entries(self, engine, current):
        """The members to keep, then new names for the free indexes, up to count.

        Extra members leave: names outside the template first, then the highest index.
        """
        names = Names(engine.params)
        count = engine.params["count"]
        ordered = names.ordered(current)
        extras = [d for d in reversed(ordered) if names.index(d) is None] + \
                 [d for d in reversed(ordered) if names.index(d) is not None]
        leaving = {d["id"] for d in extras[:max(0, len(ordered) - count)]}
        keep = [d for d in ordered if d["id"] not in leaving]
        wanted = [{"name": d.get("name"), "id": d["id"]} for d in keep]
        used, index = {names.index(d) for d in keep}, 1
        while len(wanted) < count:
            if index not in used:
                wanted.append({"name": names.name(index)})
            index += 1
        return wanted

    def key(self, engine, item):
        return item.get("id") or item.get("name")

    def tags(self, engine, existing):
        params = engine.params
        if existing and params.get("tags") is None:
            return None
        return sorted(set(params.get("tags") or []) | {params["group_tag"]})

    def member(self, engine, entry):
        existing = entry.get("id") is not None
        params = dict(engine.params, id=entry.get("id"), name=entry["name"], state="present", volumes=None,
                      tags=self.tags(engine, existing))
        return DROPLET, params

    def removed_identity(self, engine, item):
        return {"name": item.get("name")}

    def remove_first(self, engine, item, plan):
        return True

    # -- writing -----------------------------------------------------------------------------------

    def add(self, engine, members):
        """Create the missing members, up to BATCH_SIZE per POST."""
        names = [member.entry["name"] for member in members]
        created = []
        for start in range(0, len(names), BATCH_SIZE):
            body = members[start].engine.create_body()
            body.pop("name", None)
            created += self._create_batch(engine, body, names[start:start + BATCH_SIZE])
        return created

    def _create_batch(self, engine, body, pending):
        """One POST for the pending names; never twice: after a POST whose outcome is unknown the
        group is listed again and only the names that are still missing are sent again."""
        found = []

        def send():
            answer = engine.client.post("/v2/droplets", dict(body, names=list(pending)))
            return found + [d["id"] for d in answer.get("droplets") or []]

        def listed():
            present = {d.get("name"): d["id"] for d in self.read(engine)}
            return present if all(name in present for name in pending) else None

        def recover():
            # The list may lag behind the create: look again for a while before sending again.
            present = engine.until_listed(listed) or {d.get("name"): d["id"] for d in self.read(engine)}
            found.extend(present[name] for name in pending if name in present)
            pending[:] = [name for name in pending if name not in present]
            return None if pending else found

        return send_once(send, recover, engine.client.policy, engine.sleep)

    def settled(self, engine, plan, updated, created):
        """Poll the group with one list call per poll until every droplet it created is listed and
        ready and every removed droplet is gone. The list may leave out a droplet for a moment
        after its create, so the created ids are waited for, not what the list shows."""
        gone = {d["id"] for d in plan.removals}
        if not engine.wait or not (created or gone):
            return self.read(engine)
        state = {"members": []}

        def probe():
            members = self.read(engine)
            state["members"] = members
            return not self.unsettled(members, set(created), gone), members

        def describe():
            unsettled = self.unsettled(state["members"], set(created), gone) or "unknown"
            return "droplet group %s to settle (%s)" % (engine.params["group_tag"], unsettled)

        return engine.poller.poll(probe, describe)

    @staticmethod
    def unsettled(members, created, gone):
        listed = {d["id"] for d in members}
        booting = sorted(d.get("name") for d in members if d["id"] in created and not is_ready(d))
        lingering = sorted(d.get("name") for d in members if d["id"] in gone)
        unlisted = sorted(str(droplet_id) for droplet_id in created - listed)
        parts = (["still booting: %s" % ", ".join(booting)] if booting else []) + \
                (["not listed yet: ids %s" % ", ".join(unlisted)] if unlisted else []) + \
                (["not yet deleted: %s" % ", ".join(lingering)] if lingering else [])
        return "; ".join(parts)

    # -- the result --------------------------------------------------------------------------------

    def identity(self, engine):
        return {"group_tag": engine.params["group_tag"]}

    def action(self, engine, plan):
        if not plan.changed:
            return Plan.NONE
        if not plan.current and plan.with_action(Plan.CREATE):
            return Plan.CREATE
        if engine.params["count"] == 0 and plan.removals:
            return Plan.DELETE
        return Plan.UPDATE

    def changes(self, engine, plan):
        changes = {}
        before, after = len(plan.current), len(plan.members)
        if before != after:
            changes["count"] = Change(before, after, "create" if after > before else "delete")
        for member in plan.with_action(Plan.UPDATE):
            for field, change in member.plan.changes.items():
                changes["%s.%s" % (member.entry["name"], field)] = Change(
                    member.engine.shown(field, change.before), member.engine.shown(field, change.after), change.via)
        return changes

    def plan_extras(self, engine, plan):
        return {"members": self.member_plans(engine, plan)}

    def diff(self, engine, plan):
        before, after = {}, {}
        for member in plan.members:
            name = member.entry["name"]
            if member.current is None:
                after[name] = {field: member.engine.shown(field, change.after)
                               for field, change in member.plan.changes.items()}
                continue
            shown = member.engine.projection(member.current)
            before[name] = shown
            after[name] = member.engine.projected_after(shown, member.plan)
        for droplet in plan.removals:
            before[droplet.get("name")] = {"id": droplet["id"], "size": droplet.get("size_slug"),
                                           "region": (droplet.get("region") or {}).get("slug")}
        tag = engine.params["group_tag"]
        return ({"group_tag": tag, "count": len(plan.current), "droplets": before},
                {"group_tag": tag, "count": len(after), "droplets": after})

    def result(self, engine, plan, final):
        return {self.kind: Names(engine.params).ordered(final)}


DROPLET_GROUP = DropletGroup()
