# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The declarative resource engine.

A module declares a ResourceSpec; the engine finds the resource, plans the changes, and carries the
plan out (or, in check mode, only reports it). Check mode and a real run share every step up to the
first request that changes anything.
"""

from __future__ import annotations

import datetime
import time

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import (
    DigitalOceanAPIError,
    DigitalOceanError,
    UncertainOutcomeError,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import (
    Poller,
    WaitError,
    wait_for_action,
    wait_for_deletion,
    wait_for_status,
)

SENSITIVE = "(sensitive)"


class PlanError(DigitalOceanError):
    """The declared state cannot be reached, found before any change is made."""


# -- normalizers: API shape and option shape -> one comparable shape --------------------------------


def slug_of(value):
    """A region, size or image given as an object or a slug -> its slug."""
    if isinstance(value, dict):
        return value.get("slug")
    return value


def sorted_set(value):
    if value is None:
        return None
    return sorted({str(item) for item in value})


def as_int(value):
    if value is None or value == "":
        return None
    return int(value)


def as_str(value):
    return None if value is None else str(value)


def in_features(feature):
    """Reader for a droplet-style `features` list: is `feature` enabled?"""

    def read(obj):
        return feature in (obj.get("features") or [])

    return read


def path_reader(*keys):
    """Reader for a nested value, e.g. path_reader("region", "slug")."""

    def read(obj):
        value = obj
        for key in keys:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    return read


def parse_timestamp(text):
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text.replace("Z", "+0000")[:19] + "+0000", "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None


def require_options(engine, names, what):
    """Fail before any change when options a create needs are missing.

    The message reads like "size and image are required to create droplet web-1".
    """
    missing = [name for name in names if engine.params.get(name) in (None, "", [])]
    if missing:
        raise PlanError("%s %s required to create %s" % (
            " and ".join(missing), "is" if len(missing) == 1 else "are", what))


# -- plans -----------------------------------------------------------------------------------------


class Change:
    def __init__(self, before, after, via):
        self.before = before
        self.after = after
        self.via = via

    def as_dict(self, sensitive=False):
        if sensitive:
            return {"before": SENSITIVE if self.before is not None else None, "after": SENSITIVE, "via": self.via}
        return {"before": self.before, "after": self.after, "via": self.via}


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

    def as_dict(self, sensitive=()):
        return {
            "action": self.action,
            "resource": self.kind,
            "identity": self.identity,
            "id": self.resource_id,
            "changes": {field: change.as_dict(field in sensitive) for field, change in self.changes.items()},
        }


# -- how fields change after creation ----------------------------------------------------------------


class Updater:
    """Changes one field of an existing resource. `via` labels the change in the plan."""

    via = "action"

    def check(self, engine, current, change):
        """Raise PlanError when the change cannot be made; runs before anything is changed."""

    def apply(self, engine, current, change):
        raise NotImplementedError


class Action(Updater):
    """A field changed through POST <item>/actions, e.g. Action("resize", "size_gigabytes")."""

    def __init__(self, action_type, body_key=None, extra=None, check=None):
        self.action_type = action_type
        self.body_key = body_key
        self.extra = extra
        self._check = check
        self.via = "action:%s" % action_type

    def check(self, engine, current, change):
        if self._check:
            self._check(engine, current, change)

    def body(self, engine, current, change):
        body = {"type": self.action_type}
        if self.body_key:
            body[self.body_key] = engine.params.get(self.body_key, change.after)
            if body[self.body_key] is None:
                body[self.body_key] = change.after
        if self.extra:
            body.update(self.extra(engine, current, change))
        return body

    def apply(self, engine, current, change):
        engine.run_action(current, self.body(engine, current, change))


class Toggle(Updater):
    """A boolean changed by one of two actions, e.g. enable_backups / disable_backups."""

    def __init__(self, on_action, off_action=None, field_label=None):
        self.on_action = on_action
        self.off_action = off_action
        self.field_label = field_label
        self.via = "action:%s" % (on_action if off_action is None else "%s|%s" % (on_action, off_action))

    def check(self, engine, current, change):
        if not change.after and self.off_action is None:
            raise PlanError(
                "%s cannot be turned off on %s once enabled" % (self.field_label or self.on_action,
                                                                engine.describe(current)))

    def apply(self, engine, current, change):
        engine.run_action(current, {"type": self.on_action if change.after else self.off_action})


class TagsUpdater(Updater):
    """Reconciles a resource's tags as a set through /v2/tags/{tag}/resources."""

    via = "tags"

    def __init__(self, resource_type):
        self.resource_type = resource_type

    def apply(self, engine, current, change):
        before = set(change.before or [])
        after = set(change.after or [])
        reference = {"resources": [{"resource_id": str(current[engine.spec.id_field]),
                                    "resource_type": self.resource_type}]}
        for tag in sorted(after - before):
            engine.ensure_tag(tag)
            engine.idempotent_post("/v2/tags/%s/resources" % tag, reference)
        for tag in sorted(before - after):
            try:
                engine.client.delete("/v2/tags/%s/resources" % tag, json=reference)
            except DigitalOceanAPIError as exc:
                if exc.status != 404:
                    raise


class BodyUpdate(Updater):
    """Fields changed together with one PUT or PATCH of the item."""

    def __init__(self, method):
        self.method = method
        self.via = method


# -- the declaration -------------------------------------------------------------------------------


class ResourceSpec:
    """What a module declares about its resource. See DESIGN.md, "The engine"."""

    def __init__(
        self,
        kind,
        singular,
        plural,
        collection,
        item,
        identity=("name",),
        list_filters=None,
        create=(),
        create_names=None,
        update=(),
        update_method=None,
        update_body=None,
        actions=None,
        immutable=(),
        write_only=(),
        sensitive=(),
        read=None,
        normalize=None,
        id_field="id",
        id_option="id",
        finder=None,
        prepare_create=None,
        after_create=None,
        wait_ready=None,
        before_delete=None,
        wait_delete=False,
        actions_path=None,
        extra_desired=None,
        validate=None,
        match=None,
        equal=None,
        required_to_create=(),
        label=None,
        replaceable=(),
        replace_option=None,
        replace_order="create_first",
        check_replace=None,
    ):
        self.kind = kind
        self.singular = singular
        self.plural = plural
        self.collection = collection
        self.item = item
        self.identity = tuple(identity)
        self.list_filters = dict(list_filters or {})
        self.create = tuple(create)
        self.create_names = dict(create_names or {})
        self.update = tuple(update)
        self.update_method = update_method
        self.update_body = update_body
        self.actions = dict(actions or {})
        self.immutable = tuple(immutable)
        self.write_only = tuple(write_only)
        self.sensitive = tuple(sensitive)
        self.read = dict(read or {})
        self.normalize = dict(normalize or {})
        self.id_field = id_field
        self.id_option = id_option
        self.finder = finder
        self.prepare_create = prepare_create
        self.after_create = after_create
        self.wait_ready = wait_ready
        self.before_delete = before_delete
        self.wait_delete = wait_delete
        self.actions_path = actions_path or (item + "/actions")
        self.extra_desired = extra_desired
        self.validate = validate
        self.match = match
        self.equal = dict(equal or {})
        # Options a create cannot do without, checked before any change (check mode too).
        self.required_to_create = tuple(required_to_create)
        # How messages name the kind, e.g. "load balancer"; defaults to the kind without underscores.
        self.label = label or kind.replace("_", " ")
        # Fields that cannot change in place but can by replacing the resource, when the module
        # option named by replace_option is true. replace_order: "create_first" (create the new
        # resource, then delete the old one) or "delete_first" (for resources whose identity must
        # stay unique). With create_first the new resource shares the old one's identity, so a
        # create whose outcome is unclear cannot be recovered by identity; prefer delete_first or a
        # finder that tells them apart. check_replace(engine, current, plan) may raise PlanError
        # before any change.
        self.replaceable = tuple(replaceable)
        self.replace_option = replace_option
        self.replace_order = replace_order
        self.check_replace = check_replace

    @property
    def managed_fields(self):
        seen = []
        for field in self.identity + self.create + self.update + tuple(self.actions) + self.immutable:
            if field not in seen:
                seen.append(field)
        return seen

    def item_path(self, resource_id):
        return self.item.format(id=resource_id)

    def updater_for(self, field):
        if field in self.actions:
            return self.actions[field]
        if field in self.update and self.update_method:
            return BodyUpdate(self.update_method)
        return None


# -- the engine ------------------------------------------------------------------------------------


class ResourceEngine:
    """Find, plan and apply for one ResourceSpec with one module's parameters."""

    def __init__(self, spec, client, params, check_mode=False, warn=None, sleep=time.sleep):
        self.spec = spec
        self.client = client
        self.params = params
        self.check_mode = check_mode
        self.warn = warn or (lambda message: None)
        self.sleep = sleep
        self.wait = params.get("wait", True)
        self.poller = Poller(params.get("wait_timeout") or 600, sleep=sleep)

    # -- values ------------------------------------------------------------------------------------

    def normalized(self, field, value):
        if value is None:
            return None
        normalize = self.spec.normalize.get(field)
        return normalize(value) if normalize else value

    def current_value(self, obj, field):
        reader = self.spec.read.get(field)
        value = reader(obj) if reader else obj.get(field)
        return self.normalized(field, value)

    def desired(self):
        """Option values the user set, normalized. None means "not managed"."""
        wanted = {}
        for field in self.spec.managed_fields:
            value = self.params.get(field)
            if value is not None:
                wanted[field] = self.normalized(field, value)
        if self.spec.extra_desired:
            wanted.update(self.spec.extra_desired(self) or {})
        return wanted

    def identity(self):
        return {field: self.params.get(field) for field in self.spec.identity if self.params.get(field) is not None}

    def describe(self, obj=None):
        name = None
        if obj:
            name = obj.get("name")
            resource_id = obj.get(self.spec.id_field)
            return "%s %s (id %s)" % (self.spec.kind, name, resource_id) if name else "%s %s" % (
                self.spec.kind, resource_id)
        identity = ", ".join("%s=%s" % item for item in self.identity().items())
        return "%s %s" % (self.spec.kind, identity)

    # -- find ------------------------------------------------------------------------------------

    def find(self):
        resource_id = self.params.get(self.spec.id_option)
        if resource_id not in (None, ""):
            found = self.client.get_or_none(self.spec.item_path(resource_id))
            return found.get(self.spec.singular) if found else None
        return self.locate()

    def locate(self):
        """Find the resource without an id: the spec's own finder, else by identity."""
        if self.spec.finder:
            return self.spec.finder(self)
        return self.find_by_identity()

    def find_by_identity(self):
        identity = self.identity()
        missing = [field for field in self.spec.identity if field not in identity]
        if missing:
            raise PlanError(
                "%s requires %s (or %s) to find the %s" % (
                    self.spec.kind, " and ".join(missing), self.spec.id_option, self.spec.kind))
        matches = self.list(identity)
        if len(matches) > 1:
            ids = ", ".join(str(obj.get(self.spec.id_field)) for obj in matches)
            raise PlanError(
                "%d %s match %s: ids %s. Give %s to choose one." % (
                    len(matches), self.spec.plural,
                    ", ".join("%s=%s" % item for item in identity.items()), ids, self.spec.id_option))
        return matches[0] if matches else None

    def list(self, filters, query=None):
        """List with server-side filters where the API has them, then match the rest locally."""
        query = dict(query or {})
        for option, param in self.spec.list_filters.items():
            if filters.get(option) is not None:
                query[param] = filters[option]
        items = self.client.paginate(self.spec.collection, self.spec.plural, params=query)
        wanted = {field: self.normalized(field, value) for field, value in filters.items() if value is not None}
        match = self.spec.match or (lambda engine, obj, want: all(
            engine.current_value(obj, field) == value for field, value in want.items()))
        return [obj for obj in items if match(self, obj, wanted)]

    # -- plan ------------------------------------------------------------------------------------

    def plan(self, current):
        state = self.params.get("state", "present")
        identity = self.identity()
        if state == "absent":
            if current is None:
                return Plan(Plan.NONE, self.spec.kind, identity)
            return Plan(Plan.DELETE, self.spec.kind, identity, current.get(self.spec.id_field))
        desired = self.desired()
        if current is None:
            given_id = self.params.get(self.spec.id_option)
            if given_id not in (None, "") and self.spec.id_option not in self.spec.identity:
                raise PlanError("%s with %s %s does not exist" % (
                    self.spec.kind, self.spec.id_option, self.params.get(self.spec.id_option)))
            changes = {field: Change(None, value, "create") for field, value in desired.items()}
            return Plan(Plan.CREATE, self.spec.kind, identity, None, changes)
        changes = {}
        replacing = {}
        for field, want in desired.items():
            if field in self.spec.write_only:
                continue
            have = self.current_value(current, field)
            if self.spec.equal.get(field, _plain_equal)(current, have, want):
                continue
            updater = self.spec.updater_for(field)
            if field in self.spec.immutable or updater is None:
                if field in self.spec.replaceable:
                    replacing[field] = Change(have, want, "replace")
                    continue
                secret = field in self.spec.sensitive
                raise PlanError(
                    "%s cannot change in place on %s: it is %s and the task asks for %s" % (
                        field, self.describe(current), SENSITIVE if secret else _show(have),
                        SENSITIVE if secret else _show(want)))
            changes[field] = Change(have, want, updater.via)
        if replacing:
            return self.plan_replace(current, identity, changes, replacing)
        for field, change in changes.items():
            self.spec.updater_for(field).check(self, current, change)
        action = Plan.UPDATE if changes else Plan.NONE
        return Plan(action, self.spec.kind, identity, current.get(self.spec.id_field), changes)

    def plan_replace(self, current, identity, changes, replacing):
        """A replaceable field changed: replace the resource when the module allows it, else fail."""
        option = self.spec.replace_option
        if not (option and self.params.get(option)):
            field, change = next(iter(replacing.items()))
            secret = field in self.spec.sensitive
            raise PlanError(
                "%s cannot change in place on %s: it is %s and the task asks for %s.%s" % (
                    field, self.describe(current), SENSITIVE if secret else _show(change.before),
                    SENSITIVE if secret else _show(change.after),
                    " Set %s: true to replace the %s (the old one is deleted)." % (option, self.spec.kind)
                    if option else ""))
        # The new resource is created with every desired value: all changes happen by replacement.
        merged = {field: Change(change.before, change.after, "replace") for field, change in changes.items()}
        merged.update(replacing)
        plan = Plan(Plan.REPLACE, self.spec.kind, identity, current.get(self.spec.id_field), merged)
        if self.spec.check_replace:
            self.spec.check_replace(self, current, plan)
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
        return self.update(current, plan)

    def replace(self, current):
        """Create the new resource and delete the old one, in the order the spec declares."""
        if self.spec.replace_order == "delete_first":
            self.delete(current)
            return self.create()
        created = self.create()
        self.delete(current)
        return created

    def create_body(self):
        if self.spec.required_to_create:
            name = self.params.get("name")
            require_options(self, self.spec.required_to_create,
                            "%s %s" % (self.spec.label, name) if name else self.spec.label)
        body = {}
        for field in self.spec.create:
            value = self.params.get(field)
            if value is not None:
                body[self.spec.create_names.get(field, field)] = value
        if self.spec.prepare_create:
            body = self.spec.prepare_create(self, body)
        return body

    def create(self):
        body = self.create_body()
        response = self.safe_post(self.spec.collection, body, recover=self.locate)
        obj = response.get(self.spec.singular, response) if isinstance(response, dict) else response
        if self.spec.after_create:
            obj = self.spec.after_create(self, obj, response) or obj
        return self.settle(obj)

    def update(self, current, plan):
        body_fields = [f for f, c in plan.changes.items() if isinstance(self.spec.updater_for(f), BodyUpdate)]
        if body_fields:
            body = {field: self.params.get(field) for field in body_fields}
            if self.spec.update_body:
                body = self.spec.update_body(self, current, body)
            self.client.request(self.spec.update_method, self.spec.item_path(current[self.spec.id_field]), json=body)
        for field in self.spec.actions:
            if field in plan.changes:
                self.spec.actions[field].apply(self, current, plan.changes[field])
        return self.settle(self.reload(current))

    def delete(self, current):
        if self.spec.before_delete:
            self.spec.before_delete(self, current)
        path = self.spec.item_path(current[self.spec.id_field])
        self.client.delete(path, ok_statuses=(404,))
        if self.wait and self.spec.wait_delete:
            wait_for_deletion(self.client, path, self.poller, lambda: "%s to be deleted" % self.describe(current))

    def reload(self, obj):
        found = self.client.get(self.spec.item_path(obj[self.spec.id_field]))
        return found.get(self.spec.singular, found)

    def settle(self, obj):
        """Wait until the resource is ready, when the spec says what ready means."""
        if not self.wait or not self.spec.wait_ready:
            return obj
        is_ready = self.spec.wait_ready
        if is_ready(obj):
            return obj
        path = self.spec.item_path(obj[self.spec.id_field])
        return wait_for_status(
            lambda: self.client.get(path).get(self.spec.singular),
            is_ready,
            self.poller,
            lambda last: "%s to become ready (status %s)" % (self.describe(obj), (last or {}).get("status")),
        )

    # -- requests that need care -----------------------------------------------------------------

    def safe_post(self, path, body, recover):
        """POST that never duplicates: after an unclear failure, look again before retrying."""
        attempt = 0
        while True:
            try:
                return self.client.post(path, body)
            except UncertainOutcomeError:
                found = recover()
                if found:
                    return {self.spec.singular: found}
                if attempt >= self.client.policy.retries:
                    raise
                self.sleep(self.client.policy.backoff(attempt))
                attempt += 1

    def idempotent_post(self, path, body):
        """POST whose repetition is harmless (tagging, assigning): retry after an unclear failure."""
        attempt = 0
        while True:
            try:
                return self.client.post(path, body)
            except UncertainOutcomeError:
                if attempt >= self.client.policy.retries:
                    raise
                self.sleep(self.client.policy.backoff(attempt))
                attempt += 1

    def ensure_tag(self, tag):
        try:
            self.idempotent_post("/v2/tags", {"name": tag})
        except DigitalOceanAPIError as exc:
            if exc.status not in (409, 422):
                raise

    def run_action(self, current, body, path=None):
        """POST an action and wait for it. An unclear failure is resolved through the action list."""
        actions_path = path or self.spec.actions_path.format(id=current[self.spec.id_field])
        sent_at = datetime.datetime.now(datetime.timezone.utc)
        attempt = 0
        while True:
            try:
                action = self.client.post(actions_path, body).get("action")
                break
            except UncertainOutcomeError:
                action = self.recent_action(actions_path, body["type"], sent_at)
                if action:
                    break
                if attempt >= self.client.policy.retries:
                    raise
                self.sleep(self.client.policy.backoff(attempt))
                attempt += 1
        if self.wait and action:
            try:
                action = wait_for_action(self.client, action, self.poller)
            except WaitError as exc:
                # The action's own text names it by resource id only; say which resource it was.
                raise type(exc)("%s: %s" % (self.describe(current), exc), exc.details) from exc
        return action

    def recent_action(self, actions_path, action_type, since):
        # Small enough not to mistake an earlier action of the same type for this one, with some
        # room for clock skew between this host and the API.
        window = datetime.timedelta(seconds=10)
        candidates = []
        # Volume actions are requested as attach/detach/resize and listed as attach_volume etc.
        types = (action_type, "%s_volume" % action_type)
        for action in self.client.paginate(actions_path, "actions"):
            started = parse_timestamp(action.get("started_at"))
            if action.get("type") in types and started and started >= since - window:
                candidates.append(action)
        return max(candidates, key=lambda action: action.get("id") or 0) if candidates else None

    # -- the whole run ---------------------------------------------------------------------------

    def run(self):
        if self.spec.validate:
            self.spec.validate(self)
        current = self.find()
        plan = self.plan(current)
        before = self.projection(current, plan)
        if self.check_mode:
            if plan.action in (Plan.CREATE, Plan.REPLACE):
                # The checks a real create makes before its POST (required fields) run here too.
                self.create_body()
            resource = current or {}
            after = self.projected_after(before, plan)
        else:
            resource = self.apply(plan, current)
            after = self.projected_after(before, plan)
            if plan.action == Plan.REPLACE:
                after[self.spec.id_field] = resource.get(self.spec.id_field)
        return {
            "changed": plan.changed,
            self.spec.singular: resource,
            "diff": {"before": before, "after": after},
            "plan": plan.as_dict(self.spec.sensitive),
        }

    def projection(self, obj, plan):
        """The managed fields of obj, as the diff shows them."""
        if not obj:
            return {}
        fields = list(self.identity()) + [f for f in self.desired() if f not in self.spec.write_only]
        shown = {}
        for field in fields:
            value = self.current_value(obj, field)
            shown[field] = SENSITIVE if field in self.spec.sensitive and value is not None else value
        shown[self.spec.id_field] = obj.get(self.spec.id_field)
        return shown

    def projected_after(self, before, plan):
        if plan.action == Plan.DELETE:
            return {}
        after = dict(before)
        if plan.action == Plan.REPLACE:
            after[self.spec.id_field] = None  # known once the new resource exists
        for field, change in plan.changes.items():
            after[field] = SENSITIVE if field in self.spec.sensitive else change.after
        return after


def _plain_equal(obj, have, want):
    return have == want


def _show(value):
    return "%r" % (value,) if not isinstance(value, str) else value


def run_info(spec, client, params, filters, query=None):
    """List resources for an _info module.

    `filters` are matched exactly (through the spec's server-side filters where the API has them);
    `query` holds extra server-side parameters such as tag_name. An `id` param reads one item.
    """
    engine = ResourceEngine(spec, client, params)
    resource_id = params.get(spec.id_option)
    if resource_id not in (None, ""):
        found = client.get_or_none(spec.item_path(resource_id))
        return [found.get(spec.singular)] if found else []
    wanted = {key: value for key, value in filters.items() if value is not None}
    extra = {key: value for key, value in (query or {}).items() if value is not None}
    return engine.list(wanted, extra)
