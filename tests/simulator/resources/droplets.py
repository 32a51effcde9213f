"""Droplets: /v2/droplets, /v2/droplets/{droplet_id}, snapshots, backups and their policy, neighbors.

Realism knobs used here (see realism.py): ``consistency_seconds`` (a new Droplet is missing from
GET and lists for a while), ``busy_droplets``/``busy_after_seconds`` (see :func:`busy`) and
``ipv4_delay_seconds`` (the public IPv4 appears in ``networks`` after the Droplet is active).

Backups: a Droplet with backups enabled has a backup policy (``daily`` or ``weekly`` at ``hour`` UTC,
``weekday`` for weekly; daily at 0 when none is given) and takes a backup at the start of each backup
window, computed lazily on read from the simulated clock: advancing the clock (``POST /_sim/clock``)
past a window makes a backup appear. Backups are private images of type ``backup``; the latest 7
(daily) or 4 (weekly) are kept, and they are deleted with their Droplet.

Neighbors: the Droplets of a region fill physical hosts of three in creation order; Droplets on one
host are neighbors (``/v2/droplets/{droplet_id}/neighbors``, ``/v2/reports/droplet_neighbors_ids``).

Droplet actions live in droplet_actions.py.  Deleting a Droplet emits
``droplet.deleted`` (volumes detach themselves, tags forget it, ...): a new
module that references Droplets (firewalls, load balancers, projects) only
needs an ``@on("droplet.deleted")`` hook.
"""
import time
import uuid

from tests.simulator import catalog, realism
from tests.simulator.resources import actions as actions_mod
from tests.simulator.resources import images as images_mod
from tests.simulator.resources import ssh_keys as keys_mod
from tests.simulator.resources import tags as tags_mod
from tests.simulator.routing import emit, on, route, seeder
from tests.simulator.state import iso, not_found, unprocessable

KIND = "droplets"
MAX_MULTI = 10
MSG_PENDING = "Droplet already has a pending event."

MSG_REGION = "Region is not available"
MSG_SIZE = "You specified an invalid size for Droplet creation."
MSG_SIZE_REGION = "Size is not available in this region."
MSG_IMAGE = "You specified an invalid image for Droplet creation."
MSG_KEYS = "You specified an invalid SSH key for Droplet creation."


def vpc_uuid_for(region_slug):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "sim-default-vpc-" + region_slug))


def _networks(droplet_id, region_slug, ipv6):
    n = droplet_id % 16000000
    a, b, c = (n >> 16) & 0xFF, (n >> 8) & 0xFF, n & 0xFF
    region_octet = sorted(catalog.REGIONS).index(region_slug) + 1 if region_slug in catalog.REGIONS else 9
    v4 = [
        {"ip_address": "10.%d.%d.%d" % (region_octet * 10 + (a % 10), b, c or 1),
         "netmask": "255.255.0.0", "gateway": "10.%d.0.1" % (region_octet * 10 + (a % 10)),
         "type": "private"},
        {"ip_address": "%d.%d.%d.%d" % (104 + a % 60, 131 + region_octet, b, c or 2),
         "netmask": "255.255.240.0", "gateway": "%d.%d.%d.1" % (104 + a % 60, 131 + region_octet, b & 0xF0),
         "type": "public"},
    ]
    return {"v4": v4, "v6": _v6(droplet_id) if ipv6 else []}


def _v6(droplet_id):
    return [{"ip_address": "2604:a880:400:d1::%x:%x" % (droplet_id >> 16 & 0xFFFF, droplet_id & 0xFFFF),
             "netmask": 64, "gateway": "2604:a880:400:d1::1", "type": "public"}]


def refresh(ctx, droplet):
    """Apply lazy, time-based transitions (new -> active after boot, backups whose window came)."""
    if droplet["status"] == "new" and ctx.now >= droplet["boot_until"]:
        droplet["status"] = "active"
    take_backups(ctx, droplet)


def pending_action(ctx, droplet):
    aid = droplet.get("pending_action")
    if aid is None:
        return None
    action = ctx.coll(actions_mod.KIND).get(aid)
    if action is None or actions_mod.is_done(ctx, action):
        droplet["pending_action"] = None
        return None
    return action


def busy(ctx, droplet):
    """Does a new event on this Droplet get 422 "Droplet already has a pending event."?

    Always while an action of the Droplet is in progress; with the ``busy_droplets`` knob also
    while the Droplet is ``new``, while a volume attach/detach or reserved IP assignment on it
    runs, and for ``busy_after_seconds`` after any of these ended."""
    refresh(ctx, droplet)
    if pending_action(ctx, droplet) is not None:
        return True
    if not realism.enabled(ctx, "busy_droplets"):
        return False
    return droplet["status"] == "new" or ctx.now < droplet.get("busy_until", 0.0)


def require_idle(ctx, droplet):
    if busy(ctx, droplet):
        raise unprocessable(MSG_PENDING)


def keep_busy(ctx, droplet, seconds):
    """An event on the Droplet that runs ``seconds`` (volume attach, reserved IP assign...)."""
    until = ctx.now + seconds + realism.seconds(ctx, "busy_after_seconds")
    droplet["busy_until"] = max(droplet.get("busy_until", 0.0), until)


def _networks_now(ctx, d):
    networks = d["networks"]
    if ctx.now < d.get("ipv4_at", 0.0):
        return {"v4": [n for n in networks["v4"] if n["type"] != "public"], "v6": networks["v6"]}
    return networks


def render_droplet(ctx, d):
    refresh(ctx, d)
    size = catalog.SIZES[d["size_slug"]]
    return {
        "id": d["id"],
        "name": d["name"],
        "memory": d["memory"],
        "vcpus": d["vcpus"],
        "disk": d["disk"],
        "disk_info": [{"type": "local", "size": {"amount": d["disk"], "unit": "gib"}}],
        "locked": busy(ctx, d),
        "status": d["status"],
        "kernel": None,
        "created_at": d["created_at"],
        "features": list(d["features"]),
        "backup_ids": list(d["backup_ids"]),
        "next_backup_window": backup_window(ctx, d["backup_policy"]) if d.get("backup_policy") else None,
        "snapshot_ids": list(d["snapshot_ids"]),
        "image": d["image"],
        "volume_ids": list(d["volume_ids"]),
        "size": size,
        "size_slug": d["size_slug"],
        "networks": _networks_now(ctx, d),
        "region": catalog.REGIONS[d["region"]],
        "tags": list(d["tags"]),
        "vpc_uuid": d["vpc_uuid"],
    }


def get_droplet_or_404(ctx, droplet_id):
    try:
        droplet = ctx.coll(KIND).get(int(droplet_id))
    except (TypeError, ValueError):
        droplet = None
    if droplet is None:
        raise not_found()
    return realism.check_visible(ctx, droplet)


WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")   # the order of time.gmtime's tm_wday
WINDOW_HOURS = 4
HOST_SIZE = 3
SUPPORTED_POLICIES = [
    {"name": "weekly", "possible_window_starts": [0, 4, 8, 12, 16, 20], "window_length_hours": WINDOW_HOURS,
     "retention_period_days": 28, "possible_days": ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]},
    {"name": "daily", "possible_window_starts": [0, 4, 8, 12, 16, 20], "window_length_hours": WINDOW_HOURS,
     "retention_period_days": 7, "possible_days": []},
]


def backup_policy(requested=None):
    """The stored policy: the plan, hour and (weekly) weekday asked for, with the API's defaults."""
    requested = requested or {}
    plan = requested.get("plan") or "daily"
    policy = {"plan": plan, "hour": int(requested.get("hour") or 0)}
    if plan == "weekly":
        policy["weekday"] = requested.get("weekday") or "SUN"
    return policy


def render_policy(policy):
    return dict(policy, window_length_hours=WINDOW_HOURS,
                retention_period_days=28 if policy["plan"] == "weekly" else 7)


def next_window_start(policy, after):
    """The first backup window of the policy that starts at or after ``after`` (epoch seconds)."""
    day = int(after // 86400) * 86400
    for offset in range(0, 8):
        start = day + offset * 86400 + policy["hour"] * 3600
        weekday = WEEKDAYS[time.gmtime(start).tm_wday]
        if start >= after and (policy["plan"] == "daily" or weekday == policy["weekday"]):
            return start
    raise AssertionError("no backup window within a week")


def backup_window(ctx, policy):
    start = next_window_start(policy, ctx.now)
    return {"start": iso(start), "end": iso(start + WINDOW_HOURS * 3600)}


def set_backups(ctx, droplet, policy):
    """Backups on with this policy (None: off); the next backup is taken at the next window."""
    droplet["backup_policy"] = policy
    droplet["next_backup_at"] = next_window_start(policy, ctx.now) if policy else None


def take_backups(ctx, droplet):
    """The backups whose window started by now, the latest ones the policy retains."""
    policy = droplet.get("backup_policy")
    if not policy or droplet.get("next_backup_at") is None or ctx.now < droplet["next_backup_at"]:
        return
    period = (7 if policy["plan"] == "weekly" else 1) * 86400
    keep = 4 if policy["plan"] == "weekly" else 7
    due = int((ctx.now - droplet["next_backup_at"]) // period) + 1
    first = droplet["next_backup_at"] + max(0, due - keep) * period
    for index in range(min(due, keep)):
        image = images_mod.create_backup_image(ctx, droplet, first + index * period)
        droplet["backup_ids"].append(image["id"])
    droplet["next_backup_at"] += due * period
    images = ctx.coll(images_mod.KIND)
    while len(droplet["backup_ids"]) > keep:
        images_mod.delete_private_image(ctx, images[droplet["backup_ids"].pop(0)])


def policy_record(ctx, droplet):
    record = {"droplet_id": droplet["id"], "backup_enabled": "backups" in droplet["features"]}
    if record["backup_enabled"] and droplet.get("backup_policy"):
        record["backup_policy"] = render_policy(droplet["backup_policy"])
        record["next_backup_window"] = backup_window(ctx, droplet["backup_policy"])
    return record


def place_on_host(ctx, droplet):
    """Droplets of a region fill hosts of HOST_SIZE in creation order."""
    placed = ctx.coll("droplet_hosts").setdefault(droplet["region"], [0])
    droplet["host"] = "%s-%d" % (droplet["region"], placed[0] // HOST_SIZE)
    placed[0] += 1


def resolve_spec(ctx, body):
    """Validate region/size/image/keys of a create request (422 on errors)."""
    region = catalog.resolve_region(body.get("region"))
    if region is None or not region["available"]:
        raise unprocessable(MSG_REGION)
    size = catalog.SIZES.get(body.get("size"))
    if size is None:
        raise unprocessable(MSG_SIZE)
    if region["slug"] not in size["regions"] or not size["available"]:
        raise unprocessable(MSG_SIZE_REGION)
    image = images_mod.find_image(ctx, body.get("image"))
    if image is None or region["slug"] not in image["regions"]:
        raise unprocessable(MSG_IMAGE)
    if (image.get("min_disk_size") or 0) > size["disk"]:
        raise unprocessable("The image's minimum disk size is larger than the size's disk.")
    for ident in body.get("ssh_keys") or []:
        if keys_mod.find_key(ctx, ident) is None:
            raise unprocessable(MSG_KEYS)
    return region, size, image


def new_droplet(ctx, name, region, size, image, tags=(), ipv6=False, backups=False,
                monitoring=False, vpc_uuid=None, status="new", user_data=None, policy=None):
    did = ctx.state.next_id("droplet", 300000001)
    features = ["droplet_agent", "private_networking"]
    if ipv6:
        features.append("ipv6")
    if backups:
        features.append("backups")
    if monitoring:
        features.append("monitoring")
    droplet = {
        "id": did,
        "name": name,
        "memory": size["memory"],
        "vcpus": size["vcpus"],
        "disk": size["disk"],
        "size_slug": size["slug"],
        "region": region["slug"],
        "image": images_mod.render_image(image),
        "status": status,
        "created": ctx.now,
        "created_at": iso(ctx.now),
        "boot_until": ctx.now + float(ctx.config["boot_seconds"]),
        "features": features,
        "backup_ids": [],
        "snapshot_ids": [],
        "volume_ids": [],
        "tags": [],
        "vpc_uuid": vpc_uuid or vpc_uuid_for(region["slug"]),
        "networks": _networks(did, region["slug"], ipv6),
        "pending_action": None,
        "action_ids": [],
        "user_data": user_data,
    }
    set_backups(ctx, droplet, backup_policy(policy) if backups else None)
    place_on_host(ctx, droplet)
    ctx.coll(KIND)[did] = droplet
    for tag in tags or ():
        tags_mod.tag_resource(ctx, tag, "droplet", droplet)
    return droplet


def add_action(ctx, droplet, action_type, duration=None):
    action = actions_mod.create_action(ctx, action_type, droplet["id"], "droplet",
                                       droplet["region"], duration=duration)
    droplet["action_ids"].append(action["id"])
    droplet["pending_action"] = action["id"]
    keep_busy(ctx, droplet, action["duration"])
    return action


# --------------------------------------------------------------------- routes
@route("GET", "/v2/droplets")
def list_droplets(ctx):
    coll = ctx.coll(KIND)
    q = ctx.query
    tag = q.get("tag_name")
    name = q.get("name")
    if q.get("type") == "gpus":
        items = []                      # no GPU sizes in the simulator
    elif tag:
        items = [coll[int(i)] for i in tags_mod.tagged_ids(ctx, tag, "droplet") if int(i) in coll]
        items.sort(key=lambda d: d["id"])
        if name:
            items = [d for d in items if d["name"] == name]
    elif name:
        items = [d for d in coll.values() if d["name"] == name]
    else:
        items, total = realism.listable(ctx, KIND, coll.values(), len(coll))
        return 200, ctx.paginate("droplets", items, lambda d: render_droplet(ctx, d), total=total)
    items, _total = realism.listable(ctx, KIND, items)
    return 200, ctx.paginate("droplets", items, lambda d: render_droplet(ctx, d))


@route("POST", "/v2/droplets")
def create_droplets(ctx):
    body = ctx.json_body()
    multi = "names" in body and "name" not in body
    names = body.get("names") if multi else [body.get("name")]
    if not names or not all(isinstance(n, str) and n for n in names):
        raise unprocessable("name: is required")
    if len(names) > MAX_MULTI:
        raise unprocessable("names: you can create at most %d Droplets per request" % MAX_MULTI)
    region, size, image = resolve_spec(ctx, body)
    volume_ids = body.get("volumes") or []
    volumes = ctx.coll("volumes")
    for vid in volume_ids:
        vol = volumes.get(vid)
        if vol is None or vol["region"] != region["slug"] or vol["droplet_ids"]:
            raise unprocessable("You specified an invalid volume for Droplet creation.")
    if volume_ids and multi:
        raise unprocessable("volumes: cannot attach volumes when creating multiple Droplets")
    tags = [tags_mod.ensure_tag(ctx, t) for t in (body.get("tags") or [])]
    ipv4_delay = realism.seconds(ctx, "ipv4_delay_seconds")
    created, links = [], []
    for name in names:
        droplet = new_droplet(ctx, name, region, size, image, tags=tags,
                              ipv6=bool(body.get("ipv6")), backups=bool(body.get("backups")),
                              monitoring=bool(body.get("monitoring")),
                              vpc_uuid=body.get("vpc_uuid"), user_data=body.get("user_data"),
                              policy=body.get("backup_policy"))
        for vid in volume_ids:
            volumes[vid]["droplet_ids"].append(droplet["id"])
            droplet["volume_ids"].append(vid)
        action = add_action(ctx, droplet, "create", duration=float(ctx.config["boot_seconds"]))
        if ipv4_delay > 0:
            droplet["ipv4_at"] = droplet["boot_until"] + ipv4_delay
        realism.mark_created(ctx, KIND, droplet)
        created.append(droplet)
        links.append(actions_mod.action_link(ctx, action, "create"))
    if multi:
        return 202, {"droplets": [render_droplet(ctx, d) for d in created],
                     "links": {"actions": links}}
    return 202, {"droplet": render_droplet(ctx, created[0]), "links": {"actions": links}}


@route("GET", "/v2/droplets/{droplet_id}")
def get_droplet(ctx, droplet_id):
    return 200, {"droplet": render_droplet(ctx, get_droplet_or_404(ctx, droplet_id))}


def destroy(ctx, droplet):
    del ctx.coll(KIND)[droplet["id"]]
    emit(ctx, "droplet.deleted", droplet)


@route("DELETE", "/v2/droplets/{droplet_id}")
def delete_droplet(ctx, droplet_id):
    destroy(ctx, get_droplet_or_404(ctx, droplet_id))
    return 204, None


@route("DELETE", "/v2/droplets")
def delete_droplets_by_tag(ctx):
    tag = ctx.query.get("tag_name")
    if not tag:
        raise unprocessable("tag_name: is required")
    coll = ctx.coll(KIND)
    for rid in tags_mod.tagged_ids(ctx, tag, "droplet"):
        droplet = coll.get(int(rid))
        if droplet is not None:
            destroy(ctx, droplet)
    return 204, None


def render_droplet_snapshot(image):
    return {"id": image["id"], "name": image["name"], "created_at": image["created_at"],
            "regions": list(image["regions"]), "min_disk_size": image["min_disk_size"],
            "size_gigabytes": image["size_gigabytes"], "type": "snapshot"}


@route("GET", "/v2/droplets/{droplet_id}/snapshots")
def list_droplet_snapshots(ctx, droplet_id):
    droplet = get_droplet_or_404(ctx, droplet_id)
    images = ctx.coll(images_mod.KIND)
    items = [images[i] for i in droplet["snapshot_ids"] if i in images]
    return 200, ctx.paginate("snapshots", items, render_droplet_snapshot)


@route("GET", "/v2/droplets/{droplet_id}/backups")
def list_droplet_backups(ctx, droplet_id):
    droplet = get_droplet_or_404(ctx, droplet_id)
    refresh(ctx, droplet)
    images = ctx.coll(images_mod.KIND)
    items = [images[i] for i in droplet["backup_ids"] if i in images]
    return 200, ctx.paginate("backups", items, render_droplet_backup)


def render_droplet_backup(image):
    return dict(render_droplet_snapshot(image), type="backup")


@route("GET", "/v2/droplets/{droplet_id}/backups/policy")
def get_backup_policy(ctx, droplet_id):
    return 200, {"policy": policy_record(ctx, get_droplet_or_404(ctx, droplet_id))}


@route("GET", "/v2/droplets/backups/policies")
def list_backup_policies(ctx):
    coll = ctx.coll(KIND)
    items, total = realism.listable(ctx, KIND, coll.values(), len(coll))
    body = ctx.paginate("policies", items, lambda d: policy_record(ctx, d), total=total)
    body["policies"] = {str(record["droplet_id"]): record for record in body["policies"]}
    return 200, body


@route("GET", "/v2/droplets/backups/supported_policies")
def list_supported_backup_policies(ctx):
    return 200, {"supported_policies": [dict(policy) for policy in SUPPORTED_POLICIES]}


def neighbors_of(ctx, droplet):
    return [d for d in ctx.coll(KIND).values() if d.get("host") == droplet.get("host") and d["id"] != droplet["id"]]


@route("GET", "/v2/droplets/{droplet_id}/neighbors")
def list_neighbors(ctx, droplet_id):
    droplet = get_droplet_or_404(ctx, droplet_id)
    return 200, {"droplets": [render_droplet(ctx, d) for d in neighbors_of(ctx, droplet)]}


@route("GET", "/v2/reports/droplet_neighbors_ids")
def droplet_neighbors_report(ctx):
    hosts = {}
    for droplet in ctx.coll(KIND).values():
        hosts.setdefault(droplet.get("host"), []).append(droplet["id"])
    return 200, {"neighbor_ids": [ids for ids in hosts.values() if len(ids) > 1]}


@on("droplet.deleted")
def _forget_backups(ctx, droplet):
    images = ctx.coll(images_mod.KIND)
    for image_id in droplet["backup_ids"]:
        if image_id in images:
            images_mod.delete_private_image(ctx, images[image_id])


@on("image.deleted")
def _forget_snapshot(ctx, image):
    droplet = ctx.coll(KIND).get(image.get("droplet_id"))
    for key in ("snapshot_ids", "backup_ids"):
        if droplet is not None and image["id"] in droplet[key]:
            droplet[key].remove(image["id"])


@seeder("droplets")
def seed_droplets(ctx, count=1, region="nyc3", size="s-1vcpu-1gb", image="ubuntu-24-04-x64",
                  tags=None, name_prefix="seed", ipv6=False, status="active", **_ignored):
    region_obj, size_obj, image_obj = resolve_spec(
        ctx, {"region": region, "size": size, "image": image})
    tags = [tags_mod.ensure_tag(ctx, t) for t in (tags or [])]
    if status not in ("active", "off", "new"):
        raise ValueError("status must be active, off or new")
    ids = []
    for i in range(1, int(count) + 1):
        d = new_droplet(ctx, "%s-%d" % (name_prefix or "seed", i), region_obj, size_obj,
                        image_obj, tags=tags, ipv6=bool(ipv6), status=status)
        ids.append(d["id"])
    return ids
