# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Resources that are a set of members: a domain's records, a project's resources, a cluster's
trusted sources, the droplets of a group.

A SetSpec declares how the set is read, what the task wants in it, and how members are keyed;
the SetReconciler matches the two by key, plans each member (through the member's own
ResourceSpec when members change in place), decides what leaves the set (purge), and reports
the plan and the diff the same way for every set. See docs/design.md, "Sets".
"""

from __future__ import annotations

from dataclasses import dataclass

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError, plural
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import Change, ParentGone, Plan, ResourceEngine
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, ResourceSpec


@dataclass(eq=False)
class SetMember:
    """One member the task wants: its options, key, the item it matched and its plan."""

    index: int
    entry: dict
    key: object
    current: dict = None
    engine: ResourceEngine = None
    plan: Plan = None


class SetPlan:
    """What the set has, what the task wants in it, and what leaves it."""

    def __init__(self, current, members, removals):
        self.current = current
        self.members = members
        self.removals = removals

    def with_action(self, action):
        return [member for member in self.members if member.plan.action == action]

    @property
    def changing(self):
        return [member for member in self.members if member.plan.changed]

    @property
    def changed(self):
        return bool(self.changing or self.removals)


class SetSpec:
    """A set of members under a parent. Subclasses declare the set with small methods.

    Members are matched by key(engine, item), which takes both an API item and a wanted entry.
    member(engine, entry) -> (ResourceSpec, params) plans a member in place; without it members
    are only added and removed. member_spec is the members' declaration (paths for removing
    them). collapse names the one field under which a set without member plans is shown (the
    plan's only change, the diff's only key).
    """

    kind = None
    label = None
    parent = None
    member_spec = None
    collapse = None
    purge_option = "purge"
    # The option listing the members, named in errors about one of them ("records[2] (...): ...").
    entries_option = None

    def prepare(self, params):
        """Check and normalize the options before any request; return the params to use."""
        return params

    def read(self, engine):
        """The members the set has now (default: the member spec's collection)."""
        return engine.list_all()

    def entries(self, engine, current):
        """The members the task wants, as option dicts."""
        raise NotImplementedError

    def key(self, engine, item):
        raise NotImplementedError

    def member(self, engine, entry):
        return None

    def reuse_key(self, engine, item):
        """A coarser key: an unmatched wanted member may take over an unmatched item sharing it."""
        return None

    def removable(self, engine, item, plan):
        """Whether an item the task does not list leaves the set."""
        return self.purge_option is None or bool(engine.params.get(self.purge_option))

    def check(self, engine, plan):
        """Refuse the plan before any change (check mode too)."""

    def identity(self, engine):
        return {}

    def shown(self, engine, item):
        """A member as plans and diffs show it."""
        return item

    def via(self, engine, plan):
        return "PUT"

    # -- writing (default: member by member, through the member spec's engine) ---------------------

    def remove_first(self, engine, item, plan):
        """Whether removing item must come before the other changes (it would block them)."""
        return False

    def write(self, engine, plan):
        """Carry the plan out; return the members afterwards."""
        first = [item for item in plan.removals if self.remove_first(engine, item, plan)]
        last = [item for item in plan.removals if not self.remove_first(engine, item, plan)]
        self.remove(engine, first)
        results = {}
        for member in plan.with_action(Plan.UPDATE):
            results[id(member.current)] = member.engine.apply(member.plan, member.current)
        created = self.add(engine, plan.with_action(Plan.CREATE))
        self.remove(engine, last)
        return self.settled(engine, plan, results, created)

    def settled(self, engine, plan, updated, created):
        """The members once written: updated holds the new state of changed items, by id()."""
        removed = [id(item) for item in plan.removals]
        kept = [updated.get(id(item), item) for item in plan.current if id(item) not in removed]
        return kept + created

    def add(self, engine, members):
        return [member.engine.create() for member in members]

    def remove(self, engine, items):
        for item in items:
            api = self.member_spec.api
            path = api.item.format(parent=engine.parent_id, id=item[api.id_field])
            engine.client.delete(path, ok_statuses=(404,))

    # -- the result ------------------------------------------------------------------------------

    def changes(self, engine, plan):
        if self.collapse:
            before, after = self.collapsed(engine, plan)
            return {self.collapse: Change(before, after, self.via(engine, plan))} if before != after else {}
        changes = {}
        for member in plan.changing:
            before = self.shown(engine, member.current) if member.current else None
            via = "POST" if member.plan.action == Plan.CREATE else "PATCH"
            changes[self.member_label(engine, member.key)] = Change(before, self.wanted_shown(member, before), via)
        for item in plan.removals:
            changes[self.unique_label(engine, item, changes)] = Change(self.shown(engine, item), None, "DELETE")
        return changes

    def collapsed(self, engine, plan):
        before = sorted_shown([self.shown(engine, item) for item in plan.current])
        removed = [id(item) for item in plan.removals]
        after = [self.shown(engine, item) for item in plan.current if id(item) not in removed]
        after += [self.shown(engine, member.entry) for member in plan.members if member.current is None]
        return before, sorted_shown(after)

    def diff(self, engine, plan):
        if self.collapse:
            before, after = self.collapsed(engine, plan)
            return {self.collapse: before}, {self.collapse: after}
        before, after = {}, {}
        for member in plan.members:
            shown_before = self.shown(engine, member.current) if member.current else None
            if shown_before is not None:
                before[self.member_label(engine, member.key)] = shown_before
            after[self.member_label(engine, member.key)] = self.wanted_shown(member, shown_before)
        for item in plan.removals:
            before[self.unique_label(engine, item, before)] = self.shown(engine, item)
        return before, after

    def member_label(self, engine, key):
        return " ".join(str(part) for part in key) if isinstance(key, tuple) else str(key)

    def unique_label(self, engine, item, taken):
        label = self.member_label(engine, self.key(engine, item))
        return "%s (id %s)" % (label, item.get("id")) if label in taken else label

    def wanted_shown(self, member, before):
        """A member after the task: what it was, with every field the task sets."""
        shown = dict(before or {})
        shown.update(member.engine.desired() if member.engine else member.entry)
        return shown

    def member_plans(self, engine, plan):
        plans = [member.plan.as_dict(member.engine.shown if member.engine else None) for member in plan.changing]
        kind = self.member_spec.kind if self.member_spec else self.kind
        return plans + [Plan(Plan.DELETE, kind, self.removed_identity(engine, item), item.get("id")).as_dict()
                        for item in plan.removals]

    def removed_identity(self, engine, item):
        return {}

    def action(self, engine, plan):
        if not plan.changed:
            return Plan.NONE
        # A set that has nothing yet is created, as a plan should say of a new environment.
        return Plan.CREATE if not plan.current and not plan.removals else Plan.UPDATE

    def plan_extras(self, engine, plan):
        """Keys of the plan besides action, resource, identity, id and changes."""
        return {}

    def result(self, engine, plan, final):
        """Keys of the result besides changed, diff and plan."""
        return {self.kind: final}

    def info(self, engine, current):
        """What the set's _info module lists."""
        return current


def sorted_shown(items):
    return sorted(items, key=lambda item: str(sorted(item.items())) if isinstance(item, dict) else str(item))


class SetReconciler:
    """Plans and converges one set. run() returns the module result."""

    def __init__(self, spec, client, params, check_mode=False, warn=None, sleep=None, progress=None):
        self.spec = spec
        # The set's own engine: parent resolution, the client and the primitives hooks use.
        api = spec.member_spec.api if spec.member_spec else Api("", spec.kind)
        shell = ResourceSpec(spec.kind, api, parent=spec.parent, label=spec.label)
        self.engine = ResourceEngine(shell, client, params, check_mode=check_mode, warn=warn, sleep=sleep,
                                     progress=progress)

    def plan(self, current):
        engine, spec = self.engine, self.spec
        entries = spec.entries(engine, current)
        absent = engine.params.get("state") == "absent"
        members = [SetMember(index, entry, spec.key(engine, entry)) for index, entry in enumerate(entries)]
        by_key = {}
        for item in current:
            by_key.setdefault(spec.key(engine, item), []).append(item)
        used = set()
        for member in members:
            member.current = self._take(by_key.get(member.key, []), used)
        for member in members:
            if member.current is None and not absent:
                reuse = spec.reuse_key(engine, member.entry)
                if reuse is not None:
                    spare = [item for item in current if spec.reuse_key(engine, item) == reuse]
                    member.current = self._take(spare, used)
        if absent:
            removals = [member.current for member in members if member.current is not None]
            members = []
        else:
            for member in members:
                self._plan_member(member)
            plan = SetPlan(current, members, [])
            removals = [item for item in current if id(item) not in used and spec.removable(engine, item, plan)]
        plan = SetPlan(current, members, removals)
        spec.check(engine, plan)
        return plan

    @staticmethod
    def _take(candidates, used):
        for item in candidates:
            if id(item) not in used:
                used.add(id(item))
                return item
        return None

    def _plan_member(self, member):
        declared = self.spec.member(self.engine, member.entry)
        if declared is None:
            action = Plan.NONE if member.current is not None else Plan.CREATE
            member.plan = Plan(action, self.spec.kind, member.entry)
            return
        member_spec, params = declared
        member.engine = ResourceEngine(member_spec, self.engine.client, params, check_mode=self.engine.check_mode,
                                       warn=self.engine.warn, sleep=self.engine.sleep,
                                       progress=self.engine.poller.progress)
        member.engine.parent = self.engine.parent
        where = "%s[%d]." % (self.spec.entries_option, member.index) if self.spec.entries_option else ""
        member.engine.check_fields(where)
        try:
            member.plan = member.engine.plan(member.current)
            if member.plan.action == Plan.CREATE:
                member.engine.create_body()     # the checks a create makes, before any change
        except PlanError as exc:
            if not self.spec.entries_option:
                raise
            raise PlanError("%s[%d] (%s): %s" % (self.spec.entries_option, member.index,
                                                 self.spec.member_label(self.engine, member.key), exc))

    def run(self):
        engine, spec = self.engine, self.spec
        engine.refuse_unknown()
        engine.params = spec.prepare(engine.params)
        try:
            engine.resolve_parent()
            current = spec.read(engine)
        except ParentGone as gone:
            if engine.params.get("state") != "absent" and not engine.check_mode:
                raise
            if engine.params.get("state") != "absent":
                engine.warn("%s; every member is planned as new, as an earlier task may create it" % gone)
            current = []
        plan = self.plan(current)
        final = plan.current
        if plan.changed and not engine.check_mode:
            final = spec.write(engine, plan)
        before, after = spec.diff(engine, plan)
        result = {
            "changed": plan.changed,
            "diff": {"before": before, "after": after},
            "plan": self.plan_dict(plan),
        }
        result.update(spec.result(engine, plan, final))
        return result

    def run_info(self, filters=None, query=None, expand=None, extras=None):
        """The result of the set's _info module: the set as it is (extras as for ResourceEngine.run_info)."""
        engine, spec = self.engine, self.spec
        engine.params = spec.prepare(engine.params)
        engine.resolve_parent()
        result = {"changed": False, plural(spec.kind): spec.info(engine, spec.read(engine))}
        if spec.parent:
            result[spec.parent.option] = engine.parent_id
        if extras:
            result.update(extras(engine, result[plural(spec.kind)]))
        return result

    def plan_dict(self, plan):
        engine, spec = self.engine, self.spec
        top = Plan(spec.action(engine, plan), spec.kind, spec.identity(engine), engine.parent_id,
                   spec.changes(engine, plan)).as_dict()
        top.update(spec.plan_extras(engine, plan))
        return top
