# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The resource engine: one run of one declaration (resource.py) with one module's parameters.

The life of a task (docs/design.md, "The life of a task"): prepare the options, resolve the
parent, find the resource, plan, then either report the plan (check mode) or carry it out and
wait; the result has the same shape for every module. Check mode and a real run share every
step up to the first request that changes anything.
"""

from __future__ import annotations

import datetime

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanAPIError
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import KNOWN_AFTER_APPLY, PlanError, SENSITIVE
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import UUID, exactly_one, plural
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import unknown_options
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import require_options
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import Poller, WaitError, pending_event
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import wait_for_action, wait_while_refused
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import wait_for_deletion, wait_for_status

DEFAULT = "default"
# Small enough not to mistake an earlier action of the same type for a lost one, with some room for
# clock skew between this host and the API.
RECENT_ACTION_WINDOW = datetime.timedelta(seconds=10)
# How long the API's lists may leave out what was just created (they are eventually consistent):
# after a POST whose answer was lost, the lookup is repeated this long before the POST is.
LIST_LAG_SECONDS = 8
# How long after a request the API may take to start the transition it asked for (a database
# cluster still reads online just after a resize).
TRANSITION_GRACE_SECONDS = 5


class ParentGone(PlanError):
    """The resource's parent (its cluster, domain or project) does not exist."""


# -- plans -----------------------------------------------------------------------------------------


class Change:
    def __init__(self, before, after, via):
        self.before = before
        self.after = after
        self.via = via

    def as_dict(self, field=None, shown=None):
        """The change as plans show it; shown(field, value) masks or trims values for display."""
        if shown is None:
            return {"before": self.before, "after": self.after, "via": self.via}
        return {"before": shown(field, self.before), "after": shown(field, self.after), "via": self.via}


class Plan:
    NONE, CREATE, UPDATE, DELETE, REPLACE = "none", "create", "update", "delete", "replace"

    def __init__(self, action, kind, identity, resource_id=None, changes=None):
        self.action = action
        self.kind = kind
        self.identity = identity
        self.resource_id = resource_id
        self.changes = changes or {}

    @property
    def changed(self):
        return self.action != Plan.NONE

    def as_dict(self, shown=None):
        return {
            "action": self.action,
            "resource": self.kind,
            "identity": self.identity,
            "id": self.resource_id,
            "changes": {field: change.as_dict(field, shown) for field, change in self.changes.items()},
        }


def parse_timestamp(text):
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text.replace("Z", "+0000")[:19] + "+0000", "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None


def _found(value):
    return value is not None, value


def show_value(value):
    return "%r" % (value,) if not isinstance(value, str) else value


# -- the engine ------------------------------------------------------------------------------------


class ResourceEngine:
    """Find, plan and apply for one ResourceSpec with one module's parameters.

    Hooks and updaters receive the engine and use its primitives: run_action, reload, settle,
    wait_until_ready, locate, item_path, retag and post_harmless; they read params, client,
    parent, check_mode, wait and warn. notes holds what a hook hands to the spec's extras.
    """

    def __init__(self, spec, client, params, check_mode=False, warn=None, sleep=None, mask=None, progress=None):
        self.spec = spec
        self.client = client
        # A copy: prepare() may normalize it; the module's own params keep what the task said.
        self.params = dict(params)
        self.check_mode = check_mode
        self.warn = warn or (lambda message: None)
        # Called with values to keep out of the output (Ansible's no_log values).
        self.mask = mask or (lambda values: None)
        # The client's clock and sleep, so that every wait of a run keeps the same time.
        self.sleep = sleep or client.sleep
        self.wait = params.get("wait", True)
        # progress(line): where a long wait reports itself, when the caller can show it.
        self.poller = Poller(params.get("wait_timeout") or 600, sleep=self.sleep, clock=client.clock,
                             progress=progress)
        self.parent = None
        self.notes = {}
        # Ids this run created: the API may answer 404 for them for a while.
        self.created_ids = set()
        # Options whose value is "(known after apply)" (check mode only).
        self.unknown = []

    # -- values ------------------------------------------------------------------------------------

    def normalized(self, field, value):
        if value is None:
            return None
        normalize = self.spec.field(field).normalize
        return normalize(value) if normalize else value

    def current_value(self, obj, field):
        declared = self.spec.field(field)
        value = declared.read(obj) if declared.read else obj.get(field)
        return self.normalized(field, declared.missing if value is None else value)

    def wanted_value(self, field):
        wanted = self.spec.field(field).wanted
        return self.normalized(field, wanted(self.params) if wanted else self.params.get(field))

    def desired(self, existing=True):
        """Option values the task sets, normalized. None means "not managed"."""
        wanted = {}
        for field in self.spec.managed_fields:
            if self.spec.field(field).trigger and not existing:
                continue
            value = self.wanted_value(field)
            if value is not None:
                wanted[field] = value
        return wanted

    def identity(self):
        return {field: self.params.get(field) for field in self.spec.lookup.identity
                if self.params.get(field) is not None}

    def describe(self, obj=None):
        if obj:
            name = self.current_value(obj, "name") if "name" in self.spec.lookup.identity else obj.get("name")
            resource_id = obj.get(self.spec.api.id_field)
            if name and name != resource_id:
                return "%s %s (id %s)" % (self.spec.kind, name, resource_id)
            return "%s %s" % (self.spec.kind, resource_id)
        identity = ", ".join("%s=%s" % item for item in self.identity().items())
        return "%s %s" % (self.spec.kind, identity)

    def shown(self, field, value):
        """A value as plans and diffs show it."""
        declared = self.spec.field(field)
        if declared.sensitive and value is not None:
            return SENSITIVE
        return declared.show(self, value) if declared.show and value is not None else value

    # -- paths and the parent ----------------------------------------------------------------------

    @property
    def parent_id(self):
        return self.parent.get(self.spec.parent.spec.api.id_field) if self.parent else None

    def _format(self, template, resource_id=None):
        return template.format(id=resource_id, parent=self.parent_id)

    def item_path(self, resource_id):
        return self._format(self.spec.api.item, resource_id)

    @property
    def collection_path(self):
        return self._format(self.spec.api.collection)

    def resolve_parent(self):
        """Find the parent the spec declares; ParentGone when it does not exist.

        The parent is read by id (one GET) or found by name (one list); with fetch=False its id is
        taken as it is. An option that takes either is read as an id when it looks like one.
        """
        declared = self.spec.parent
        if declared is None or self.parent is not None:
            return self.parent
        parent_spec = declared.spec
        either = declared.option == declared.name_option
        ref = self.params.get(declared.option)
        name = None if either or not declared.name_option else self.params.get(declared.name_option)
        if declared.default and not name and ref in (None, "", DEFAULT):
            self.parent = self.client.get(declared.default)[parent_spec.api.key]
        elif not declared.fetch:
            self.parent = {parent_spec.api.id_field: ref}
        elif ref not in (None, "") and not (either and not UUID.match(str(ref))):
            found = self.client.get_or_none(parent_spec.api.item.format(id=ref))
            if found:
                self.parent = found[parent_spec.api.key]
            elif not either:
                raise ParentGone("%s with %s %s does not exist" % (parent_spec.label, declared.option, ref))
        if self.parent is None:
            self.parent = self._parent_by_name(declared, name or ref, either)
        return self.parent

    def _parent_by_name(self, declared, name, either):
        parent_spec = declared.spec
        items = self.client.paginate(parent_spec.api.collection, parent_spec.api.plural)
        # The fields a human name matches (Lookup.names): "name" for most kinds, "label" for a namespace.
        matches = [item for item in items if any(item.get(field) == name for field in parent_spec.lookup.names)]
        found = exactly_one(matches, plural(parent_spec.label),
                            "are named %s" % name,
                            hint="Give %s to choose one." % ("the id" if either else declared.option))
        if found is None and either:
            raise ParentGone("%s %s does not exist" % (parent_spec.label, name))
        if found is None:
            raise ParentGone("no %s is named %s (%s)" % (parent_spec.label, name, declared.name_option))
        return found

    def list_all(self, query=None):
        """Every item of the collection (server-side filtered by query)."""
        lister = self.spec.lookup.list
        try:
            if lister:
                return lister(self, query or {})
            if self.spec.api.single:
                return [self.unwrapped(self.client.get(self.collection_path, params=query or None))]
            return self.client.paginate(self.collection_path, self.spec.api.plural, params=query)
        except DigitalOceanAPIError as exc:
            declared = self.spec.parent
            if exc.status == 404 and declared is not None and not declared.fetch:
                raise ParentGone("%s %s does not exist" % (declared.spec.label, self.parent_id))
            raise

    # -- find ------------------------------------------------------------------------------------

    def find(self):
        id_option = self.spec.lookup.id_option
        resource_id = self.params.get(id_option) if id_option else None
        if resource_id not in (None, ""):
            return self.expanded(self.get_item(resource_id))
        return self.expanded(self.locate())

    def get_item(self, resource_id):
        found = self.client.get_or_none(self.item_path(resource_id))
        return self.unwrapped(found) if found else None

    def unwrapped(self, answer):
        """The object an item's answer holds: under api.key, or the answer itself when the API
        answers with the bare object (a database log sink)."""
        return answer.get(self.spec.api.key, answer)

    def expanded(self, obj):
        """The resource with what its own answer lacks (the spec's expand hook: settings read from
        their own endpoints), once it is found, created or updated; None stays None."""
        if obj is None or self.spec.expand is None:
            return obj
        return self.spec.expand(self, obj)

    def locate(self):
        """Find the resource without an id: the spec's own finder, else by identity."""
        if self.spec.lookup.find:
            return self.spec.lookup.find(self)
        return self.find_by_identity()

    def find_by_identity(self):
        identity = self.identity()
        missing = [field for field in self.spec.lookup.identity if field not in identity]
        if missing:
            raise PlanError("%s requires %s (or %s) to find the %s" % (
                self.spec.kind, " and ".join(missing), self.spec.lookup.id_option, self.spec.kind))
        return exactly_one(self.list(identity), self.spec.api.plural,
                           "match %s" % ", ".join("%s=%s" % item for item in identity.items()),
                           self.spec.api.id_field, "Give %s to choose one." % self.spec.lookup.id_option)

    def list(self, filters, query=None):
        """List with server-side filters where the API has them, then match the rest locally."""
        query = dict(query or {})
        for option, param in self.spec.lookup.filters.items():
            if filters.get(option) is not None:
                query[param] = filters[option]
        wanted = {field: self.normalized(field, value) for field, value in filters.items() if value is not None}
        return [obj for obj in self.list_all(query)
                if all(self.current_value(obj, field) == value for field, value in wanted.items())]

    # -- plan ------------------------------------------------------------------------------------

    def plan(self, current):
        state = self.params.get("state", "present")
        identity = self.identity()
        if state == "absent":
            if current is None:
                return Plan(Plan.NONE, self.spec.kind, identity)
            self._refuse_other(current)
            if self.spec.delete.guard:
                self.spec.delete.guard(self, current)
            return Plan(Plan.DELETE, self.spec.kind, identity, current.get(self.spec.api.id_field))
        if current is None:
            return self.plan_create(identity)
        changes, replacing = self.compare(current, self.desired())
        if replacing:
            return self.plan_replace(current, identity, changes, replacing)
        for updater, group in self.by_updater(changes):
            updater.check(self, current, group)
        action = Plan.UPDATE if changes else Plan.NONE
        return Plan(action, self.spec.kind, identity, current.get(self.spec.api.id_field), changes)

    def _refuse_other(self, current):
        """A resource found by id must be the one the task also names: never delete another one."""
        id_option = self.spec.lookup.id_option
        if not id_option or self.params.get(id_option) in (None, ""):
            return
        for field, value in self.identity().items():
            if field == id_option:
                continue
            have = self.current_value(current, field)
            if have is not None and have != self.normalized(field, value):
                raise PlanError("%s with %s %s has %s %s, not %s: the task names two different resources, "
                                "so nothing is deleted" % (self.spec.kind, id_option, self.params[id_option],
                                                           field, have, value))

    def plan_create(self, identity):
        id_option = self.spec.lookup.id_option
        given_id = self.params.get(id_option) if id_option else None
        if given_id not in (None, "") and id_option not in self.spec.lookup.identity:
            raise PlanError("%s with %s %s does not exist" % (self.spec.kind, id_option, given_id))
        changes = {field: Change(None, value, "create") for field, value in self.desired(existing=False).items()}
        return Plan(Plan.CREATE, self.spec.kind, identity, None, changes)

    def compare(self, current, desired):
        """The changes from current to desired: (in place, by replacement)."""
        changes, replacing = {}, {}
        for field, want in desired.items():
            declared = self.spec.field(field)
            if declared.write_only:
                continue
            have = self.current_value(current, field)
            if declared.equal(current, have, want) if declared.equal else have == want:
                continue
            if declared.update is None:
                if declared.replace:
                    replacing[field] = Change(have, want, "replace")
                    continue
                raise PlanError("%s cannot change in place on %s: it is %s and the task asks for %s" % (
                    field, self.describe(current), self._shown_text(field, have), self._shown_text(field, want)))
            changes[field] = Change(have, want, declared.update.via)
        for field in [f for f in changes if any(other in changes for other in self.spec.field(f).implied_by)]:
            del changes[field]
        return changes, replacing

    def _shown_text(self, field, value):
        return SENSITIVE if self.spec.field(field).sensitive else show_value(value)

    def by_updater(self, changes):
        """The changes grouped by the updater that makes them, in the order the spec declares fields."""
        groups = []
        for field in self.spec.fields:
            if field not in changes:
                continue
            updater = self.spec.fields[field].update
            for known, group in groups:
                if known is updater:
                    group[field] = changes[field]
                    break
            else:
                groups.append((updater, {field: changes[field]}))
        return groups

    def plan_replace(self, current, identity, changes, replacing):
        """A replaceable field changed: replace the resource when the module allows it, else fail."""
        policy = self.spec.replace
        option = policy.option if policy else None
        if not (option and self.params.get(option)):
            field, change = next(iter(replacing.items()))
            raise PlanError("%s cannot change in place on %s: it is %s and the task asks for %s.%s" % (
                field, self.describe(current), self._shown_text(field, change.before),
                self._shown_text(field, change.after),
                " Set %s: true to replace the %s (the old one is deleted)." % (option, self.spec.kind)
                if option else ""))
        # The new resource is created with every desired value: all changes happen by replacement.
        merged = {field: Change(change.before, change.after, "replace") for field, change in changes.items()}
        merged.update(replacing)
        plan = Plan(Plan.REPLACE, self.spec.kind, identity, current.get(self.spec.api.id_field), merged)
        if policy.check:
            policy.check(self, current, plan)
        return plan

    # -- apply -----------------------------------------------------------------------------------

    def apply(self, plan, current):
        """Carry a plan out; return the resource as it is afterwards ({} once deleted)."""
        if plan.action == Plan.NONE:
            return current or {}
        if plan.action == Plan.CREATE:
            return self.create()
        if plan.action == Plan.DELETE:
            self.delete(current)
            return {}
        if plan.action == Plan.REPLACE:
            return self.replace(current)
        return self.update(current, plan.changes)

    def replace(self, current):
        """Delete the old resource, then create the new one (see Replace)."""
        self.delete(current)
        return self.create()

    def create_body(self):
        declared = self.spec.create
        name = self.params.get("name")
        require_options(self.params, declared.required,
                        "%s %s" % (self.spec.label, name) if name else self.spec.label)
        body = {field: self.params[field] for field in declared.fields if self.params.get(field) is not None}
        return declared.body(self, body) if declared.body else body

    def create(self):
        declared = self.spec.create
        body = self.create_body()
        if declared.send:
            obj, response = declared.send(self, body), None
        else:
            response = self.create_at(self.collection_path, body)
            obj = response.get(self.spec.api.key, response) if isinstance(response, dict) else response
        if obj.get(self.spec.api.id_field) is not None:
            self.created_ids.add(str(obj[self.spec.api.id_field]))
        if declared.after:
            obj = declared.after(self, obj, response) or obj
        obj = self.expanded(self.settle(obj))
        if declared.then and obj.get(self.spec.api.id_field) is not None:
            wanted = {field: value for field, value in self.desired().items() if field in declared.then}
            changes = self.compare(obj, wanted)[0]
            if changes:
                obj = self.update(obj, changes)
        return obj

    def create_at(self, path, body):
        """POST a create that never makes two: after a lost answer, the resource is looked for first."""
        return self.client.post_once(path, body, recover=self._recover_created)

    def _recover_created(self):
        found = self.until_listed(self.locate)
        return {self.spec.api.key: found} if found else None

    def until_listed(self, look):
        """look() again until it finds something, for as long as the API's lists may lag behind a
        create (LIST_LAG_SECONDS); None when it never does."""
        poller = Poller(LIST_LAG_SECONDS, sleep=self.sleep, clock=self.poller.clock)
        try:
            return poller.poll(lambda: _found(look()), lambda: "the list")
        except WaitError:
            return None

    def update(self, current, changes):
        obj, stale = current, False
        for updater, group in self.by_updater(changes):
            answer = updater.apply(self, obj, group)
            if answer is not None:
                obj, stale = answer, False
            elif updater.alters:
                stale = True
        if stale:
            obj = self.reload(obj)
        return self.expanded(self.settle(obj))

    def delete(self, current):
        if self.spec.delete.before:
            self.spec.delete.before(self, current)
        path = self.item_path(current[self.spec.api.id_field])
        blocked = self.spec.delete.blocked
        send = self.spec.delete.send
        wait_while_refused(lambda: send(self, current) if send else self.client.delete(path, ok_statuses=(404,)),
                           lambda exc: exc.status in blocked, self.poller,
                           lambda: "%s to be free of what still uses it" % self.describe(current))
        if self.wait and self.spec.delete.wait:
            wait_for_deletion(self.client, path, self.poller, lambda: "%s to be deleted" % self.describe(current))

    # -- primitives for hooks and updaters ---------------------------------------------------------

    def reload(self, obj):
        resource_id = obj[self.spec.api.id_field]
        path = self.item_path(resource_id)
        if str(resource_id) not in self.created_ids:
            found = self.client.get(path)
            return self.unwrapped(found)
        # Just created: a 404 means "not visible yet", for as long as the task may wait.
        return wait_for_status(lambda: self._read_fresh(path), lambda found: found is not None, self.poller,
                               lambda last: "%s to be visible in the API" % self.describe(obj))

    def _read(self, path):
        return self.unwrapped(self.client.get(path))

    def _read_fresh(self, path):
        found = self.client.get_or_none(path)
        return self.unwrapped(found) if found is not None else None

    def settle(self, obj):
        """Wait until the resource is ready, when the spec says what ready means."""
        return self.wait_until_ready(obj, stale=False)

    def wait_until_ready(self, obj, stale=True, changes=None):
        """Poll the item until the spec's Ready says so; stale: obj is out of date, read it first.

        With changes (a request that starts a transition, such as a database resize): the API may
        start it a moment after answering, so the resource must also read as changed, and have been
        seen busy, or TRANSITION_GRACE_SECONDS have passed without that.
        """
        ready = self.spec.ready
        if not self.wait or ready is None:
            return obj
        started = self.poller.clock()
        seen = {"busy": False}

        def done(found):
            if found is None:
                return False
            if not ready.when(found):
                seen["busy"] = True
                return False
            if not changes:
                return True
            shows = all(self.current_value(found, field) == change.after for field, change in changes.items())
            return shows and (seen["busy"] or self.poller.clock() - started >= TRANSITION_GRACE_SECONDS)

        if not stale:
            self._check_failed(obj)
            if done(obj):
                return obj
        path = self.item_path(obj[self.spec.api.id_field])
        read = self._read_fresh if str(obj[self.spec.api.id_field]) in self.created_ids else self._read
        return wait_for_status(
            lambda: read(path),
            done,
            self.poller,
            lambda last: "%s to become ready (%s %s)" % (
                self.describe(obj), ready.status, (last or {}).get(ready.status)),
            failed=ready.failed,
        )

    def _check_failed(self, obj):
        message = self.spec.ready.failed(obj) if self.spec.ready.failed else None
        if message:
            raise WaitError(message, {"resource": obj})

    def run_action(self, current, body, path=None, must_finish=False):
        """POST an action and wait for it (with wait: false only when the next step needs it
        finished: must_finish). A lost answer is resolved through the action list."""
        actions_path = path or self.item_path(current[self.spec.api.id_field]) + "/actions"
        sent_at = datetime.datetime.now(datetime.timezone.utc)

        def send():
            return self.client.post_once(
                actions_path, body,
                recover=lambda: self.until_listed(lambda: self._recent_action(actions_path, body["type"], sent_at)))

        # A droplet busy with another event refuses new ones for a while (422 "pending event").
        answer = wait_while_refused(send, pending_event, self.poller,
                                    lambda: "%s to accept the %s action" % (self.describe(current), body["type"]))
        action = (answer or {}).get("action")
        if (self.wait or must_finish) and action:
            try:
                action = wait_for_action(self.client, action, self.poller, idle=lambda: self._idle(action))
            except WaitError as exc:
                # The action's own text names it by resource id only; say which resource it was.
                raise type(exc)("%s: %s" % (self.describe(current), exc), exc.details) from exc
        return action

    def _idle(self, action):
        """Whether the action's resource shows no work in progress (for an action the API does not
        find): a droplet that is not locked."""
        if action.get("resource_type") != "droplet":
            return True
        found = self.client.get_or_none("/v2/droplets/%s" % action.get("resource_id"))
        return found is None or not found.get("droplet", {}).get("locked")

    def _recent_action(self, actions_path, action_type, since):
        # Volume actions are requested as attach/detach/resize and listed as attach_volume etc.;
        # reserved IP actions as assign_ip and unassign_ip.
        types = (action_type, "%s_volume" % action_type, "%s_ip" % action_type)
        cutoff = since - RECENT_ACTION_WINDOW
        candidates = []
        try:
            listed = self.client.paginate(actions_path, "actions")
        except DigitalOceanAPIError as exc:
            # The actions of a resource created a moment ago may answer 404: nothing listed yet.
            if exc.status != 404:
                raise
            listed = []
        for action in listed:
            started = parse_timestamp(action.get("started_at"))
            if action.get("type") in types and started and started >= cutoff:
                candidates.append(action)
        if not candidates:
            return None
        return {"action": max(candidates, key=lambda action: action.get("id") or 0)}

    def post_harmless(self, path, body):
        """POST whose repetition is harmless (tagging, assigning): sent again after a lost answer."""
        return self.client.post_once(path, body)

    def ensure_tag(self, tag):
        """Create the tag unless it exists; return its canonical name (the API answers with the
        existing tag whatever the case it was asked for)."""
        try:
            answer = self.post_harmless("/v2/tags", {"name": tag})
        except DigitalOceanAPIError as exc:
            if exc.status not in (409, 422):
                raise
            return tag
        return ((answer or {}).get("tag") or {}).get("name") or tag

    def retag(self, obj, resource_type, before, after):
        """Tag and untag one resource so that its tags go from before to after, ignoring case;
        URLs name tags as the API spells them."""
        reference = {"resources": [{"resource_id": str(obj[self.spec.api.id_field]), "resource_type": resource_type}]}
        have = {tag.lower(): tag for tag in before}
        want = {tag.lower(): tag for tag in after}
        for key in sorted(set(want) - set(have)):
            self.post_harmless("/v2/tags/%s/resources" % self.ensure_tag(want[key]), reference)
        for key in sorted(set(have) - set(want)):
            self.client.delete("/v2/tags/%s/resources" % have[key], json=reference, ok_statuses=(404,))

    # -- the whole run ---------------------------------------------------------------------------

    def prepare(self):
        self.refuse_unknown()
        if self.spec.prepare:
            self.params = self.spec.prepare(self.params) or self.params
        self.check_fields()
        if self.spec.secrets:
            self.mask(self.spec.secrets(self.params))

    def refuse_unknown(self):
        """A "(known after apply)" value comes from a task that only planned: fine in check mode
        (the plan shows it as unknown), an error in a real run."""
        self.unknown = unknown_options(self.params)
        if self.unknown and not self.check_mode:
            raise PlanError("%s is %s: the value of a resource an earlier task only planned (check mode); run "
                            "that task without --check first" % (" and ".join(self.unknown), KNOWN_AFTER_APPLY))

    def check_fields(self, where=""):
        """Each field's check on the value the task gives: errors refuse, warnings are shown."""
        for name, declared in self.spec.fields.items():
            if declared.check and self.params.get(name) is not None:
                for warning in declared.check(where + name, self.params[name], self.params) or ():
                    self.warn(warning)

    def resolve(self):
        """The spec's resolve hook: names turned into the ids the API wants (reads only)."""
        if self.spec.resolve:
            self.params = self.spec.resolve(self) or self.params

    def run(self):
        self.prepare()
        current = None
        try:
            self.resolve_parent()
            self.resolve()
            current = self.find()
        except ParentGone as gone:
            if self.params.get("state") == "absent":
                return self.result(Plan(Plan.NONE, self.spec.kind, self.identity()), {}, {}, {})
            if not self.check_mode:
                raise
            self.warn("%s; the %s is planned as new, as an earlier task may create what it belongs to"
                      % (gone, self.spec.label))
        plan = self.plan(current)
        before = self.projection(current)
        if self.check_mode:
            if plan.action in (Plan.CREATE, Plan.REPLACE):
                # The checks a real create makes before its POST (required fields) run here too.
                self.create_body()
            resource = self.planned(plan, current)
            after = self.projected_after(before, plan)
        else:
            resource = self.apply(plan, current)
            after = self.projected_after(before, plan)
            if plan.action == Plan.REPLACE:
                after[self.spec.api.id_field] = resource.get(self.spec.api.id_field)
        return self.result(plan, resource, before, after)

    def planned(self, plan, current):
        """The resource as a check-mode run returns it: as it is, or, to be created, the values the
        task sets with what only the API assigns "(known after apply)", so later tasks can plan."""
        if plan.action not in (Plan.CREATE, Plan.REPLACE):
            return current or {}
        resource = {field: self.params[field] for field in self.spec.create.fields
                    if self.params.get(field) is not None and not self.spec.field(field).sensitive}
        assigned = self.spec.create.assigned + (() if resource.get(self.spec.api.id_field) else (self.spec.api.id_field,))
        resource.update(dict.fromkeys(assigned, KNOWN_AFTER_APPLY))
        return resource

    def result(self, plan, resource, before, after):
        result = {
            "changed": plan.changed,
            self.spec.kind: resource,
            "diff": {"before": before, "after": after},
            "plan": plan.as_dict(self.shown),
        }
        if self.unknown:
            # Options whose value only a create an earlier task planned will tell (check mode).
            result["plan"]["unknown_options"] = sorted(self.unknown)
        if self.spec.extras:
            result.update(self.spec.extras(self, resource))
        return result

    def projection(self, obj):
        """The managed fields of obj, as the diff shows them."""
        if not obj:
            return {}
        fields = list(self.identity()) + [f for f in self.desired() if not self.spec.field(f).write_only]
        shown = {field: self.shown(field, self.current_value(obj, field)) for field in fields}
        shown[self.spec.api.id_field] = obj.get(self.spec.api.id_field)
        return shown

    def projected_after(self, before, plan):
        if plan.action == Plan.DELETE:
            return {}
        after = dict(before)
        if plan.action == Plan.REPLACE:
            after[self.spec.api.id_field] = None  # known once the new resource exists
        for field, change in plan.changes.items():
            after[field] = self.shown(field, change.after)
        return after

    # -- _info modules -----------------------------------------------------------------------------

    def run_info(self, filters, query=None, expand=None, extras=None):
        """The result of an _info module: the matching resources under the plural of the kind.

        One by id (or by an id-like option), else those matching `filters`, which are matched
        exactly (through the spec's server-side filters where the API has them); `query` holds
        extra server-side parameters such as tag_name; expand(engine, item) -> item adds what the
        item's own answer lacks; extras(engine, items) -> dict adds result keys (the rate limit an
        account read reports). A resource under a parent also returns the parent's id.
        """
        self.prepare()
        self.resolve_parent()
        id_option = self.spec.lookup.id_option
        resource_id = self.params.get(id_option) if id_option else None
        if resource_id not in (None, ""):
            found = self.get_item(resource_id)
            items = [found] if found else []
        else:
            wanted = {key: value for key, value in filters.items() if value is not None}
            extra = {key: value for key, value in (query or {}).items() if value is not None}
            items = self.list(wanted, extra)
        result = {"changed": False, self.spec.plural: [expand(self, item) for item in items] if expand else items}
        if self.spec.parent:
            result[self.spec.parent.option] = self.parent_id
        if extras:
            result.update(extras(self, result[self.spec.plural]))
        return result
