# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A group of identical droplets that share a tag, converged to an exact count.

Each member is an ordinary droplet: its plan and its in-place changes come from the droplet
declaration (specs/droplet.py) through one ResourceEngine per member. This file adds only what a
set needs: which members exist (one list by tag), which are missing or extra, batched creation
(the API's `names` form, up to 10 per POST), and one list call per poll while waiting.
"""

from __future__ import annotations

import re
import time

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import UncertainOutcomeError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    SENSITIVE,
    Change,
    Plan,
    PlanError,
    ResourceEngine,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import DROPLET
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.tag import TAG_NAME
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import Poller

BATCH_SIZE = 10          # the most droplets one POST /v2/droplets may create
INDEX = "{index}"
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class Member:
    """One member's engine and plan; `droplet` is None for a member still to be created."""

    def __init__(self, engine, name, plan, droplet=None):
        self.engine = engine
        self.name = name
        self.plan = plan
        self.droplet = droplet


class DropletGroup:
    """Plans and converges one droplet group. `run()` returns the module result."""

    def __init__(self, client, params, check_mode=False, warn=None, sleep=time.sleep):
        self.client = client
        self.params = params
        self.check_mode = check_mode
        self.warn = warn or (lambda message: None)
        self.sleep = sleep
        self.tag = params.get("group_tag")
        self.count = params.get("count")
        self.template = params.get("name_template") or "{group_tag}-{index}"
        self.wait = params.get("wait", True)
        self.poller = Poller(params.get("wait_timeout") or 600, sleep=sleep)

    # -- names -------------------------------------------------------------------------------------

    def validate(self):
        if not self.tag or not TAG_NAME.match(self.tag):
            raise PlanError("group_tag must be 1 to 255 letters, digits, ':', '-' or '_', got %r" % (self.tag,))
        if self.count is None or self.count < 0:
            raise PlanError("count must be 0 or more, got %s" % (self.count,))
        placeholders = PLACEHOLDER.findall(self.template)
        unknown = sorted(set(placeholders) - {"index", "group_tag"})
        if unknown:
            raise PlanError("name_template may use only {index} and {group_tag}, got {%s} in %r"
                            % ("}, {".join(unknown), self.template))
        if placeholders.count("index") != 1:
            raise PlanError("name_template must contain {index} exactly once, got %r" % self.template)
        for item in self.params.get("tags") or []:
            if not TAG_NAME.match(item):
                raise PlanError("tags: %r is not a valid tag name" % item)

    def name_for(self, index):
        return self.template.replace("{group_tag}", self.tag).replace(INDEX, str(index))

    def index_pattern(self):
        head, tail = self.template.replace("{group_tag}", self.tag).split(INDEX)
        return re.compile("^%s([1-9][0-9]*)%s$" % (re.escape(head), re.escape(tail)))

    def index_of(self, droplet, pattern):
        match = pattern.match(droplet.get("name") or "")
        return int(match.group(1)) if match else None

    # -- members -----------------------------------------------------------------------------------

    def list_members(self):
        """Every droplet carrying the group tag: one list call (per 200)."""
        return self.client.paginate("/v2/droplets", "droplets", params={"tag_name": self.tag})

    def sorted_members(self, members):
        pattern = self.index_pattern()

        def key(droplet):
            index = self.index_of(droplet, pattern)
            return (index is None, index or 0, droplet.get("id") or 0)

        return sorted(members, key=key)

    def create_tags(self):
        return sorted(set(self.params.get("tags") or []) | {self.tag})

    def managed_tags(self):
        if self.params.get("tags") is None:
            return None
        return self.create_tags()

    def member_params(self, droplet_id=None, name=None):
        params = dict(self.params)
        params.update(id=droplet_id, name=name, state="present", volumes=None,
                      tags=self.create_tags() if droplet_id is None else self.managed_tags())
        return params

    def member_engine(self, droplet_id=None, name=None):
        return ResourceEngine(DROPLET, self.client, self.member_params(droplet_id, name),
                              check_mode=self.check_mode, warn=self.warn, sleep=self.sleep)

    # -- plan --------------------------------------------------------------------------------------

    def plan(self, members):
        pattern = self.index_pattern()
        ordered = self.sorted_members(members)
        extra_count = max(0, len(ordered) - self.count)
        # Extra members: names outside the template first, then the highest index.
        extras = [d for d in reversed(ordered) if self.index_of(d, pattern) is None] + \
                 [d for d in reversed(ordered) if self.index_of(d, pattern) is not None]
        extras = extras[:extra_count]
        extra_ids = {d["id"] for d in extras}
        keep = [d for d in ordered if d["id"] not in extra_ids]
        used = {self.index_of(d, pattern) for d in keep}
        new_names, index = [], 1
        while len(keep) + len(new_names) < self.count:
            if index not in used:
                new_names.append(self.name_for(index))
            index += 1

        updates = []
        for droplet in keep:
            engine = self.member_engine(droplet["id"])
            member_plan = engine.plan(droplet)
            member_plan.identity = {"name": droplet.get("name")}
            updates.append(Member(engine, droplet.get("name"), member_plan, droplet))
        creates = []
        for name in new_names:
            engine = self.member_engine(name=name)
            engine.create_body()                       # required fields, before any change
            member_plan = engine.plan(None)
            member_plan.identity = {"name": name}
            creates.append(Member(engine, name, member_plan))
        deletes = [Plan(Plan.DELETE, "droplet", {"name": d.get("name")}, d["id"]) for d in extras]
        return GroupPlan(self, members, updates, creates, deletes, extras)

    # -- apply -------------------------------------------------------------------------------------

    def run(self):
        self.validate()
        members = self.list_members()
        plan = self.plan(members)
        final = members
        if not self.check_mode and plan.changed:
            self.delete(plan.extras)
            for member in plan.updates:
                if member.plan.changed:
                    member.engine.apply(member.plan, member.droplet)
            created_ids = self.create([member.name for member in plan.creates])
            deleted_ids = {d["id"] for d in plan.extras}
            if self.wait and (created_ids or deleted_ids):
                final = self.wait_until_settled(deleted_ids)
            else:
                final = self.list_members()
        return {
            "changed": plan.changed,
            "droplets": self.sorted_members(final),
            "diff": plan.diff(),
            "plan": plan.as_dict(),
        }

    def delete(self, droplets):
        for droplet in droplets:
            self.client.delete("/v2/droplets/%s" % droplet["id"], ok_statuses=(404,))

    def create_body(self, names):
        body = self.member_engine(name=names[0]).create_body()
        body.pop("name", None)
        body["names"] = list(names)
        return body

    def create(self, names):
        """Create the missing members, up to BATCH_SIZE per POST; never twice.

        After a POST whose outcome is unknown the group is listed again and only the names that
        are still missing are sent again.
        """
        created = []
        for start in range(0, len(names), BATCH_SIZE):
            batch = names[start:start + BATCH_SIZE]
            attempt = 0
            while batch:
                try:
                    answer = self.client.post("/v2/droplets", self.create_body(batch))
                    created += [d["id"] for d in answer.get("droplets") or []]
                    break
                except UncertainOutcomeError:
                    present = {d.get("name"): d["id"] for d in self.list_members()}
                    created += [present[name] for name in batch if name in present]
                    batch = [name for name in batch if name not in present]
                    if not batch:
                        break
                    if attempt >= self.client.policy.retries:
                        raise
                    self.sleep(self.client.policy.backoff(attempt))
                    attempt += 1
        return created

    def wait_until_settled(self, deleted_ids):
        """Poll the group with one list call per poll until every member is booted and every
        deleted droplet is gone."""
        state = {"members": []}

        def probe():
            members = self.list_members()
            state["members"] = members
            booting = [d for d in members if d.get("status") == "new"]
            lingering = [d for d in members if d["id"] in deleted_ids]
            return not booting and not lingering, members

        def describe():
            members = state["members"]
            booting = sorted(d.get("name") for d in members if d.get("status") == "new")
            lingering = sorted(d.get("name") for d in members if d["id"] in deleted_ids)
            parts = []
            if booting:
                parts.append("still booting: %s" % ", ".join(booting))
            if lingering:
                parts.append("not yet deleted: %s" % ", ".join(lingering))
            return "droplet group %s to settle (%s)" % (self.tag, "; ".join(parts) or "unknown")

        return self.poller.poll(probe, describe)


class GroupPlan:
    """The group's plan: count and per-member changes, as one plan dict and one diff."""

    def __init__(self, group, members, updates, creates, deletes, extras):
        self.group = group
        self.members = members
        self.updates = updates
        self.creates = creates
        self.deletes = deletes
        self.extras = extras

    @property
    def changed(self):
        return bool(self.creates or self.deletes or any(member.plan.changed for member in self.updates))

    def action(self):
        if not self.changed:
            return Plan.NONE
        if not self.members and self.creates:
            return Plan.CREATE
        if self.group.count == 0 and self.deletes:
            return Plan.DELETE
        return Plan.UPDATE

    def top(self):
        changes = {}
        before, after = len(self.members), len(self.members) + len(self.creates) - len(self.deletes)
        if before != after:
            changes["count"] = Change(before, after, "create" if after > before else "delete")
        for member in self.updates:
            for field, change in member.plan.changes.items():
                changes["%s.%s" % (member.name, field)] = change
        return Plan(self.action(), "droplet_group", {"group_tag": self.group.tag}, None, changes)

    def as_dict(self):
        sensitive = DROPLET.sensitive
        result = self.top().as_dict(tuple("%s.%s" % (member.name, field) for member in self.updates
                                          for field in sensitive))
        members = [member.plan.as_dict(sensitive) for member in self.updates if member.plan.changed]
        members += [member.plan.as_dict(sensitive) for member in self.creates]
        members += [plan.as_dict() for plan in self.deletes]
        result["members"] = members
        return result

    def diff(self):
        before, after = {}, {}
        for member in self.updates:
            shown = member.engine.projection(member.droplet, member.plan)
            before[member.name] = shown
            after[member.name] = member.engine.projected_after(shown, member.plan)
        for droplet in self.extras:
            before[droplet.get("name")] = {"id": droplet["id"], "size": droplet.get("size_slug"),
                                           "region": (droplet.get("region") or {}).get("slug")}
        for member in self.creates:
            after[member.name] = {field: SENSITIVE if field in DROPLET.sensitive else change.after
                                  for field, change in member.plan.changes.items()}
        return {
            "before": {"group_tag": self.group.tag, "count": len(self.members), "droplets": before},
            "after": {"group_tag": self.group.tag, "count": len(after), "droplets": after},
        }
