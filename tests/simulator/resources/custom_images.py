"""Custom images and image actions: POST /v2/images (import from a URL) and
/v2/images/{image_id}/actions (GET, POST), /v2/images/{image_id}/actions/{action_id}.

Reading, updating and deleting any private image is images.py's; this module adds what a custom
image needs and moves imports and transfers on whenever an image is read (``image.read``).

Rules of the real API kept here (reference, tags "Images" and "Image Actions"):

* an import needs ``name``, ``url`` and ``region``; ``distribution``, ``description`` and ``tags``
  are optional. The image is ``NEW``, then ``pending``, then ``available`` after ``boot_seconds``;
  an image file of a format the platform does not take (raw ``.img``, ``.qcow2``, ``.vhdx``,
  ``.vdi``, ``.vmdk``, optionally ``.gz``/``.bz2`` compressed) ends ``deleted`` with an
  ``error_message``;
* ``transfer`` copies an available image to another region that has the ``image_transfer``
  feature; the region shows in ``regions`` once the action completed; a region the image is in
  already, or a transfer while another runs, is refused (422);
* ``convert`` turns a backup into a snapshot; other images are refused (422);
* the POST of an action answers 201 with ``{"action": ...}`` (the reference's sample).
"""
from tests.simulator import catalog
from tests.simulator.resources import actions as actions_mod
from tests.simulator.resources import images as images_mod
from tests.simulator.resources import tags as tags_mod
from tests.simulator.routing import on, route, seeder
from tests.simulator.state import iso, not_found, unprocessable

FORMATS = (".img", ".qcow2", ".vhdx", ".vdi", ".vmdk")
COMPRESSIONS = ("", ".gz", ".bz2")


def _supported(url):
    path = url.split("?", 1)[0].lower()
    return any(path.endswith(fmt + packed) for fmt in FORMATS for packed in COMPRESSIONS)


@on("image.read")
def _move_on(ctx, image):
    imported = image.get("import")
    if imported is not None and image["status"] != "deleted":
        if ctx.now >= imported["done_at"]:
            if imported["ok"]:
                image["status"] = "available"
            else:
                image["status"] = "deleted"
                image["error_message"] = imported["error"]
            image.pop("import")
        elif ctx.now >= imported["pending_at"]:
            image["status"] = "pending"
    for transfer in list(image.get("transfers") or []):
        action = ctx.coll(actions_mod.KIND).get(transfer["action_id"])
        if action is None or actions_mod.is_done(ctx, action):
            if transfer["region"] not in image["regions"]:
                image["regions"].append(transfer["region"])
            image["transfers"].remove(transfer)


def _private_or_404(ctx, image_id):
    image = images_mod.find_image(ctx, image_id)
    if image is None or image.get("public"):
        raise not_found()
    _move_on(ctx, image)
    return image


@route("POST", "/v2/images")
def import_image(ctx):
    body = ctx.json_body()
    region = body["region"]
    if catalog.REGIONS.get(region) is None or not catalog.REGIONS[region].get("available", True):
        raise unprocessable("region: %s is not available" % region)
    boot = float(ctx.config["boot_seconds"])
    ok = _supported(body["url"])
    image = {
        "id": ctx.state.next_id("image", 210000001),
        "name": body["name"],
        "distribution": body.get("distribution") or "Unknown",
        "slug": None,
        "public": False,
        "regions": [region],
        "created_at": iso(ctx.now),
        "type": "custom",
        "min_disk_size": None,
        "size_gigabytes": None,
        "description": body.get("description") or "",
        "tags": [],
        "status": "NEW",
        "error_message": "",
        "import": {"pending_at": ctx.now + boot / 3, "done_at": ctx.now + boot, "ok": ok,
                   "error": "" if ok else "Image import failed: the file at the URL is not a supported "
                                          "image format (raw, qcow2, VHDX, VDI or VMDK, optionally gzip "
                                          "or bzip2 compressed)"},
        "transfers": [],
        "action_ids": [],
    }
    if ok:
        image.update(min_disk_size=20, size_gigabytes=2.36)
    ctx.coll(images_mod.KIND)[image["id"]] = image
    for tag in body.get("tags") or []:
        tags_mod.tag_resource(ctx, tag, "image", image)
    return 202, {"image": images_mod.render_image(image)}


def _region_slug(image):
    return image["regions"][0] if image["regions"] else None


def _render_action(ctx, action):
    return actions_mod.render_action(ctx, action)


@route("POST", "/v2/images/{image_id}/actions")
def post_image_action(ctx, image_id):
    image = _private_or_404(ctx, image_id)
    body = ctx.json_body()
    if image["status"] != "available":
        raise unprocessable("The image is %s: actions need an available image" % image["status"])
    if image.get("transfers"):
        raise unprocessable("The image already has a pending event.")
    if body["type"] == "transfer":
        region = body["region"]
        known = catalog.REGIONS.get(region)
        if known is None or "image_transfer" not in (known.get("features") or []):
            raise unprocessable("region: images cannot be transferred to %s" % region)
        if region in image["regions"]:
            raise unprocessable("region: the image is already in %s" % region)
        action = actions_mod.create_action(ctx, "transfer", image["id"], "image", _region_slug(image))
        image.setdefault("transfers", []).append({"region": region, "action_id": action["id"]})
    else:
        if image["type"] != "backup":
            raise unprocessable("Only backups can be converted to snapshots; this image is a %s" % image["type"])
        action = actions_mod.create_action(ctx, "convert", image["id"], "image", _region_slug(image), duration=0)
        image["type"] = "snapshot"
    image.setdefault("action_ids", []).append(action["id"])
    return 201, {"action": _render_action(ctx, action)}


@route("GET", "/v2/images/{image_id}/actions")
def list_image_actions(ctx, image_id):
    image = _private_or_404(ctx, image_id)
    coll = ctx.coll(actions_mod.KIND)
    items = [coll[i] for i in image.get("action_ids") or [] if i in coll]
    return 200, ctx.paginate("actions", items, lambda a: _render_action(ctx, a))


@route("GET", "/v2/images/{image_id}/actions/{action_id}")
def get_image_action(ctx, image_id, action_id):
    image = _private_or_404(ctx, image_id)
    action = actions_mod.get_action_or_404(ctx, action_id)
    if action["id"] not in (image.get("action_ids") or []):
        raise not_found()
    return 200, {"action": _render_action(ctx, action)}


@seeder("backup_images")
def seed_backup_images(ctx, count=1, droplet_id=None, **_ignored):
    """Backups of one Droplet (``droplet_id``), as its backup policy would have taken them."""
    droplet = ctx.coll("droplets").get(int(droplet_id))
    if droplet is None:
        raise not_found()
    return [images_mod.create_backup_image(ctx, droplet, ctx.now - 86400 * (i + 1))["id"] for i in range(int(count))]
