# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Declarations: what a module states about its resource, and nothing that runs on its own.

A ResourceSpec is a handful of small policy objects (docs/design.md, "The declaration"):

- Api: where the resource lives and what the API calls it;
- Lookup: how one resource is found (identity, server-side filters, a custom finder);
- Field: per managed field, how it is read, compared, shown and changed in place (an Updater);
- Create, Delete, Ready, Parent, Replace: what creating, deleting, waiting, living under another
  resource and replacing need beyond the default.

The engine (engine.py) carries the declaration out. Updaters are the only policy objects that send
requests, and they do it through the engine's primitives.
"""

from __future__ import annotations

from dataclasses import dataclass

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import TAG_NAME, PlanError, plural


# -- normalizers and readers: API shape and option shape -> one comparable shape ---------------------


def sorted_set(value):
    if value is None:
        return None
    return sorted({str(item) for item in value})


def tag_set(values):
    """Tags as a sorted list without duplicates. Tag names are case-insensitive (and case-stable:
    the API keeps the spelling a tag was created with), so WEB and web are one tag."""
    if values is None:
        return None
    spellings = {}
    for value in values:
        spellings.setdefault(str(value).lower(), str(value))
    return sorted(spellings.values(), key=str.lower)


def same_tags(obj, have, want):
    return {tag.lower() for tag in have or []} == {tag.lower() for tag in want or []}


def sorted_ids(values):
    return None if values is None else sorted({int(value) for value in values})


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


def never_equal(obj, have, want):
    """For fields whose wanted value is a request to act (a purge, a password reset)."""
    return False


def require_options(params, names, what):
    """Fail before any change when options a create needs are missing.

    The message reads like "size and image are required to create droplet web-1".
    """
    missing = [name for name in names if params.get(name) in (None, "", [])]
    if missing:
        raise PlanError("%s %s required to create %s" % (
            " and ".join(missing), "is" if len(missing) == 1 else "are", what))


# -- the policy objects ------------------------------------------------------------------------------


@dataclass(eq=False)
class Api:
    """Where a resource lives and what the API calls it.

    Paths may hold {parent} (the parent's id, see Parent) and, for the item, {id}. key is the JSON
    key of one object in answers ("endpoint"), plural_key the key of a list ("endpoints").
    single: the collection path holds one object, not a list (the account, the balance): an _info
    module reads it as a list of one, and the lookups, which list, leave the kind out.
    """

    collection: str
    key: str
    plural_key: str = None
    item: str = None
    id_field: str = "id"
    single: bool = False

    def __post_init__(self):
        self.plural = self.plural_key or plural(self.key)
        self.item = self.item or self.collection + "/{id}"


@dataclass(eq=False)
class Lookup:
    """How one resource is found.

    identity: the options that tell resources apart when no id is given.
    filters: {option: query parameter} for the fields the list endpoint filters on server-side.
    query: other query parameters the list endpoint filters on (tag_name), which no field holds.
    id_option: the option that holds the id (None when the module has none).
    find(engine) -> object or None: a finder that replaces "list, then match the identity".
    list(engine, query) -> items: a lister that replaces paginating the collection.
    names: the fields a human name matches (the lookups); ref: the field other API calls use to
    refer to the resource, when it is not the id (the id lookup).
    """

    identity: tuple = ("name",)
    filters: dict = None
    query: tuple = ()
    id_option: str = "id"
    find: object = None
    list: object = None
    names: tuple = ("name",)
    ref: str = None

    def __post_init__(self):
        self.identity = tuple(self.identity)
        self.filters = dict(self.filters or {})
        self.query = tuple(self.query)
        self.names = tuple(self.names)


@dataclass(eq=False)
class Field:
    """One managed field.

    read(obj): the value in an API object (default obj[name]); normalize(value): both sides before
    comparing; equal(obj, have, want): a comparison other than ==; update: the Updater that
    changes it in place (None: it cannot change in place). sensitive: shown as "(sensitive)";
    write_only: sent at create, never compared; replace: a change replaces the resource (see
    Replace). wanted(params): the wanted value when it is not the option of the same name.
    trigger: a request to act rather than a state (a purge): planned only on an existing resource,
    never equal. implied_by: fields whose change already carries this one out. show(engine, value):
    how plans and diffs show the value. missing: the value an API object that leaves the field out
    (or answers null) has, such as "" for an unset description. check(option, value, params):
    refuses a value the API would refuse, before any request; it may return warnings about a value
    the API takes but that is likely a mistake.
    """

    read: object = None
    normalize: object = None
    equal: object = None
    update: object = None
    sensitive: bool = False
    write_only: bool = False
    replace: bool = False
    wanted: object = None
    trigger: bool = False
    implied_by: tuple = ()
    show: object = None
    missing: object = None
    check: object = None

    def __post_init__(self):
        if self.trigger:
            self.equal = never_equal
        self.implied_by = tuple(self.implied_by)


@dataclass(eq=False)
class Create:
    """How a resource is created.

    fields: the options sent in the create body. required: the options a create cannot do without,
    checked before any change (check mode too). body(engine, body) -> body: the final body.
    send(engine, body) -> object: replaces "POST the collection" (a snapshot is an action).
    then: fields the create cannot set, brought to their wanted value right after it (once the
    resource is ready) through their updaters. after(engine, obj, answer) -> obj: what else the
    create waits for. assigned: fields besides the id that only the API sets (an address): a
    check-mode run returns them as "(known after apply)".
    """

    fields: tuple = ()
    required: tuple = ()
    body: object = None
    send: object = None
    then: tuple = ()
    after: object = None
    assigned: tuple = ()

    def __post_init__(self):
        self.fields = tuple(self.fields)
        self.required = tuple(self.required)
        self.then = tuple(self.then)


@dataclass(eq=False)
class Delete:
    """guard(engine, obj): refuses the delete in the plan (check mode too); before(engine, obj):
    what must happen first (detach, unassign); wait: wait until the item answers 404. blocked: the
    statuses with which the API refuses the delete while dependants still hold the resource, and
    for a moment after they left (a VPC's 409): the delete is sent again until wait_timeout.
    send(engine, obj): replaces "DELETE the item" (an online migration is stopped at a path of
    its own)."""

    guard: object = None
    before: object = None
    wait: bool = False
    blocked: tuple = ()
    send: object = None


@dataclass(eq=False)
class Ready:
    """When the resource is usable after a create or an update, and when it has failed.

    when(obj) -> bool; failed(obj) -> a message or None (stops the wait with an error); status: the
    field named in messages.
    """

    when: object
    failed: object = None
    status: str = "status"


@dataclass(eq=False)
class Parent:
    """The resource lives under another one (a cluster's users, a domain's records).

    option holds the parent's id, name_option its name (both may be the same option, which then
    takes either). fetch=False: the id is used as it is and the parent's absence shows as a 404 on
    the child's list. default: the item path read when the option is unset or "default".
    """

    spec: object
    option: str
    name_option: str = None
    fetch: bool = True
    default: str = None


@dataclass(eq=False)
class Replace:
    """Fields marked replace=True change by replacing the resource when option is true.

    The old resource is deleted first, so that the new one can take its identity (names are
    unique). check(engine, current, plan) may refuse before any change.
    """

    option: str
    check: object = None


@dataclass(eq=False)
class ResourceSpec:
    """What a module declares about its resource. See docs/design.md, "The declaration".

    kind is the module's name: the key of the resource in the module's result, the plan's
    resource, and (pluralized) the key of the list its _info module returns. prepare(params) ->
    params checks and normalizes the options before any request; resolve(engine) -> params turns
    names into the ids the API wants, with reads only, before the resource is found (a certificate
    given by name). extras(engine, resource) -> dict
    adds keys to the result; secrets(params) lists option values to mask in the output. label is
    how messages name the kind ("load balancer"; default: the kind without underscores).
    expand(engine, obj) -> obj adds what the item's own answer lacks (a cluster's autoscale
    settings, read from their own endpoint) once it is found, created or updated. public: keys of the
    resource that hold identifiers although common.SECRET_KEYS names them (a Spaces key's access_key):
    the module does not mask them.
    """

    kind: str
    api: Api
    lookup: Lookup = None
    fields: dict = None
    create: Create = None
    delete: Delete = None
    ready: Ready = None
    parent: Parent = None
    prepare: object = None
    resolve: object = None
    replace: Replace = None
    extras: object = None
    secrets: object = None
    label: str = None
    expand: object = None
    public: tuple = ()

    def __post_init__(self):
        self.public = tuple(self.public)
        self.lookup = self.lookup or Lookup()
        self.fields = dict(self.fields or {})
        self.create = self.create or Create()
        self.delete = self.delete or Delete()
        self.label = self.label or self.kind.replace("_", " ")

    @property
    def plural(self):
        return plural(self.kind)

    def field(self, name):
        return self.fields.get(name) or _PLAIN

    @property
    def managed_fields(self):
        seen = []
        for name in self.lookup.identity + self.create.fields + tuple(self.fields):
            if name not in seen:
                seen.append(name)
        return seen


_PLAIN = Field()


# -- how fields change after creation ----------------------------------------------------------------


class Updater:
    """Changes fields of an existing resource. Fields that share one Updater instance change together,
    with one call of apply. `via` labels the change in the plan; `alters` is False when the resource
    itself does not change (a cache purge), so it need not be read again.
    """

    via = "action"
    alters = True

    def check(self, engine, current, changes):
        """Raise PlanError when the changes cannot be made; runs before anything is changed."""

    def apply(self, engine, current, changes):
        """Make the changes; return the resource afterwards when the answer holds it, else None."""
        raise NotImplementedError


class Action(Updater):
    """A field changed through POST <item>/actions, e.g. Action("resize", "size_gigabytes").

    body_key: the body key carrying the wanted value; extra(engine, current, change) -> more body;
    check(engine, current, change) may refuse the change.
    """

    def __init__(self, action_type, body_key=None, extra=None, check=None):
        self.action_type = action_type
        self.body_key = body_key
        self.extra = extra
        self._check = check
        self.via = "action:%s" % action_type

    def check(self, engine, current, changes):
        if self._check:
            for change in changes.values():
                self._check(engine, current, change)

    def apply(self, engine, current, changes):
        for change in changes.values():
            body = {"type": self.action_type}
            if self.body_key:
                body[self.body_key] = change.after
            if self.extra:
                body.update(self.extra(engine, current, change))
            engine.run_action(current, body)


class Toggle(Updater):
    """A boolean changed by one of two actions, e.g. enable_backups / disable_backups."""

    def __init__(self, on_action, off_action=None, field_label=None):
        self.on_action = on_action
        self.off_action = off_action
        self.field_label = field_label
        self.via = "action:%s" % (on_action if off_action is None else "%s|%s" % (on_action, off_action))

    def check(self, engine, current, changes):
        for change in changes.values():
            if not change.after and self.off_action is None:
                raise PlanError("%s cannot be turned off on %s once enabled" % (
                    self.field_label or self.on_action, engine.describe(current)))

    def apply(self, engine, current, changes):
        for change in changes.values():
            engine.run_action(current, {"type": self.on_action if change.after else self.off_action})


class Tags(Updater):
    """Reconciles a resource's tags as a set through /v2/tags/{tag}/resources.

    resource_type is the type the tag endpoints use, or a function of the resource giving it.
    """

    via = "tags"

    def __init__(self, resource_type):
        self.resource_type = resource_type

    def apply(self, engine, current, changes):
        resource_type = self.resource_type(current) if callable(self.resource_type) else self.resource_type
        for change in changes.values():
            engine.retag(current, resource_type, change.before or [], change.after or [])


@dataclass(eq=False)
class Request(Updater):
    """Fields changed together with one request to the item (or to a path under it).

    method: PUT, PATCH, POST or DELETE; suffix: appended to the item path ("/resize").
    body(engine, current, changes) -> body: default, the changed fields' wanted option values.
    refuse(engine, current, changes) may refuse them. answer(engine, current, response, body) -> the
    resource afterwards (default: read it again); answer=True takes the object the response holds.
    settle: wait until the resource is ready again before the next change. then(engine, obj,
    response) -> obj: what else the change waits for. alters: see Updater. label: how the plan
    names the change (default: the method and the suffix, "PUT:resize").
    """

    method: str
    suffix: str = ""
    body: object = None
    refuse: object = None
    answer: object = None
    settle: bool = False
    then: object = None
    alters: bool = True
    label: str = None

    @property
    def via(self):
        return self.label or (self.method if not self.suffix else "%s:%s" % (self.method, self.suffix.strip("/")))

    def check(self, engine, current, changes):
        if self.refuse:
            self.refuse(engine, current, changes)

    def apply(self, engine, current, changes):
        if self.body:
            body = self.body(engine, current, changes)
        else:
            body = {field: engine.params.get(field) for field in changes}
        path = engine.item_path(current[engine.spec.api.id_field]) + self.suffix
        response = engine.client.request(self.method, path, json=body)
        obj = None
        if self.answer is True:
            obj = (response or {}).get(engine.spec.api.key)
        elif self.answer:
            obj = self.answer(engine, current, response, body)
        if self.settle and engine.wait:
            # The API may start the change a moment after answering: wait until it shows, then until ready.
            obj = engine.wait_until_ready(obj or current, stale=obj is None, changes=changes)
        if self.then:
            obj = self.then(engine, obj or current, response)
        return obj


def check_tag_names(option, names, params=None):
    """Tag names as the API takes them: letters, digits, ':', '-' and '_', up to 255."""
    for index, name in enumerate(names or []):
        if not isinstance(name, str) or not TAG_NAME.match(name):
            raise PlanError("%s[%d]: %r is not a tag name: use 1 to 255 letters, digits, ':', '-' or '_'"
                            % (option, index, name))


def tags_field(resource_type):
    """The tags of a resource: a set compared without regard to case, an empty list when the API
    answers null, changed through the tag endpoints."""
    return Field(normalize=tag_set, equal=same_tags, missing=[], update=Tags(resource_type), check=check_tag_names)


def Put(**options):
    return Request("PUT", **options)


def Patch(**options):
    return Request("PATCH", **options)
