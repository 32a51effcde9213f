"""Tags: /v2/tags, /v2/tags/{tag_id}, /v2/tags/{tag_id}/resources.

Tagged resources keep their own ``tags`` list; ``state.tag_index`` maps a
tag name to the resources carrying it (in tagging order) so counts and
``tag_name`` filters are cheap.  Other modules call :func:`tag_resource`,
:func:`untag_resource` and :func:`ensure_tag`; a deleted resource is removed
from every tag through the ``<type>.deleted`` events.

Tag names are case stable (the reference): the capitalization a tag was first created with is
canonical, creating ``WEB`` when ``web`` exists answers 201 with ``web``, and tagging with ``WEB``
(on create or through /v2/tags/{tag}/resources) tags with ``web``.  With the realism knob
``case_insensitive_tags`` the URL's tag is found whatever its case too (``GET /v2/tags/WEB``
finds ``web``) and the ``tag_name`` filters of database clusters and images ignore case (those
of Droplets always did); without it the URL needs the canonical name.
"""
import re

from tests.simulator import realism
from tests.simulator.routing import on, route, seeder
from tests.simulator.state import not_found, unprocessable

KIND = "tags"
TAG_RE = re.compile(r"^[a-zA-Z0-9_\-:]+$")

# resource_type -> (collection, URI prefix, key in tag.resources)
RESOURCE_TYPES = {
    "droplet": ("droplets", "/v2/droplets/", "droplets", int),
    "image": ("images", "/v2/images/", "images", int),
    "volume": ("volumes", "/v2/volumes/", "volumes", str),
    "volume_snapshot": ("volume_snapshots", "/v2/snapshots/", "volume_snapshots", str),
}


def find_tag(ctx, name):
    tags = ctx.coll(KIND)
    if name in tags:
        return tags[name]
    lower = name.lower()
    for tag in tags.values():
        if tag["name"].lower() == lower:
            return tag
    return None


def ensure_tag(ctx, name):
    """Return the canonical tag name, creating the tag when needed."""
    if not isinstance(name, str) or not TAG_RE.match(name) or len(name) > 255:
        raise unprocessable("tag name %r is invalid: tags may contain letters, numbers, "
                            "colons, dashes, and underscores" % (name,))
    tag = find_tag(ctx, name)
    if tag is None:
        tag = {"name": name}
        ctx.coll(KIND)[name] = tag
        ctx.state.tag_index[name] = {}
    return tag["name"]


def filter_name(ctx, name):
    """The tag name a ``tag_name`` filter matches: canonical with case_insensitive_tags."""
    if realism.enabled(ctx, "case_insensitive_tags"):
        tag = find_tag(ctx, name)
        if tag is not None:
            return tag["name"]
    return name


def tag_resource(ctx, name, rtype, record):
    name = ensure_tag(ctx, name)
    index = ctx.state.tag_index.setdefault(name, {})
    key = (rtype, str(record["id"]))
    index.pop(key, None)
    index[key] = True                      # most recently tagged is last
    if name not in record["tags"]:
        record["tags"].append(name)
    return name


def untag_resource(ctx, name, rtype, record):
    index = ctx.state.tag_index.get(name)
    if index is not None:
        index.pop((rtype, str(record["id"])), None)
    if name in record["tags"]:
        record["tags"].remove(name)


def tagged_ids(ctx, name, rtype):
    """Ids (as strings) of the resources of one type carrying a tag."""
    tag = find_tag(ctx, name)
    if tag is None:
        return []
    return [rid for (t, rid) in ctx.state.tag_index.get(tag["name"], {}) if t == rtype]


def _forget(rtype):
    def handler(ctx, record):
        for name in list(record.get("tags", ())):
            index = ctx.state.tag_index.get(name)
            if index is not None:
                index.pop((rtype, str(record["id"])), None)
    return handler


for _rtype in RESOURCE_TYPES:
    on("%s.deleted" % _rtype)(_forget(_rtype))


def render_tag(ctx, tag):
    index = ctx.state.tag_index.get(tag["name"], {})
    per = {key: {"count": 0} for _coll, _prefix, key, _conv in RESOURCE_TYPES.values()}
    per["databases"] = {"count": 0}
    last_uri = None
    for rtype, rid in index:
        _coll, prefix, key, _conv = RESOURCE_TYPES[rtype]
        uri = ctx.url(prefix + rid)
        per[key]["count"] += 1
        per[key]["last_tagged_uri"] = uri
        last_uri = uri
    resources = {"count": len(index)}
    if last_uri:
        resources["last_tagged_uri"] = last_uri
    resources.update(per)
    return {"name": tag["name"], "resources": resources}


def get_tag_or_404(ctx, tag_id):
    if realism.enabled(ctx, "case_insensitive_tags"):
        tag = find_tag(ctx, tag_id)
    else:
        tag = ctx.coll(KIND).get(tag_id)   # exact (canonical) name in URLs
    if tag is None:
        raise not_found()
    return tag


@route("GET", "/v2/tags")
def list_tags(ctx):
    tags = ctx.coll(KIND)
    return 200, ctx.paginate("tags", tags.values(), lambda t: render_tag(ctx, t), total=len(tags))


@route("POST", "/v2/tags")
def create_tag(ctx):
    body = ctx.json_body()
    name = body.get("name")
    if not name:
        raise unprocessable("name: is required")
    # Creating an existing tag is not an error: the existing tag is returned.
    name = ensure_tag(ctx, name)
    return 201, {"tag": render_tag(ctx, ctx.coll(KIND)[name])}


@route("GET", "/v2/tags/{tag_id}")
def get_tag(ctx, tag_id):
    return 200, {"tag": render_tag(ctx, get_tag_or_404(ctx, tag_id))}


@route("DELETE", "/v2/tags/{tag_id}")
def delete_tag(ctx, tag_id):
    tag = get_tag_or_404(ctx, tag_id)
    name = tag["name"]
    for rtype, rid in list(ctx.state.tag_index.get(name, {})):
        coll, _prefix, _key, conv = RESOURCE_TYPES[rtype]
        record = ctx.coll(coll).get(conv(rid))
        if record is not None and name in record["tags"]:
            record["tags"].remove(name)
    ctx.state.tag_index.pop(name, None)
    del ctx.coll(KIND)[name]
    return 204, None


def _resolve_resources(ctx, body):
    out = []
    for item in body.get("resources") or []:
        rtype = item.get("resource_type")
        rid = item.get("resource_id")
        if rtype not in RESOURCE_TYPES:
            raise unprocessable("resources: unsupported resource_type %r" % (rtype,))
        coll, _prefix, _key, conv = RESOURCE_TYPES[rtype]
        try:
            record = ctx.coll(coll).get(conv(rid))
        except (TypeError, ValueError):
            record = None
        if record is None:
            raise not_found("%s %s could not be found" % (rtype, rid))
        out.append((rtype, record))
    if not out:
        raise unprocessable("resources: at least one resource is required")
    return out


@route("POST", "/v2/tags/{tag_id}/resources")
def tag_resources(ctx, tag_id):
    tag = get_tag_or_404(ctx, tag_id)
    for rtype, record in _resolve_resources(ctx, ctx.json_body()):
        tag_resource(ctx, tag["name"], rtype, record)
    return 204, None


@route("DELETE", "/v2/tags/{tag_id}/resources")
def untag_resources(ctx, tag_id):
    tag = get_tag_or_404(ctx, tag_id)
    for rtype, record in _resolve_resources(ctx, ctx.json_body()):
        untag_resource(ctx, tag["name"], rtype, record)
    return 204, None


@seeder("tags")
def seed_tags(ctx, count=1, name_prefix="seed", names=None, **_ignored):
    names = names or ["%s-%d" % (name_prefix, i) for i in range(1, int(count) + 1)]
    return [ensure_tag(ctx, n) for n in names]
