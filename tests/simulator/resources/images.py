"""Images: public distribution images (catalog) plus private snapshot and backup images.

Private images live in the ``images`` collection (droplet snapshots are
created by the droplet ``snapshot`` action, backups by a Droplet's backup
policy, see droplets.py).
"""
from tests.simulator import catalog
from tests.simulator.resources import tags as tags_mod
from tests.simulator.routing import emit, route
from tests.simulator.state import iso, not_found, unprocessable

KIND = "images"
PUBLIC_FIELDS = ("id", "name", "distribution", "slug", "public", "regions", "created_at",
                 "type", "min_disk_size", "size_gigabytes", "description", "tags",
                 "status", "error_message")


def render_image(image):
    return {k: image[k] for k in PUBLIC_FIELDS}


def find_image(ctx, ident):
    """Look an image up by id (int or digit string) or slug."""
    if isinstance(ident, bool):
        return None
    if isinstance(ident, int) or (isinstance(ident, str) and ident.isdigit()):
        iid = int(ident)
        return catalog.IMAGES.get(iid) or ctx.coll(KIND).get(iid)
    if isinstance(ident, str):
        return catalog.IMAGES_BY_SLUG.get(ident)
    return None


def create_snapshot_image(ctx, droplet, name, source_image):
    image = {
        "id": ctx.state.next_id("image", 210000001),
        "name": name,
        "distribution": source_image.get("distribution", "Unknown"),
        "slug": None,
        "public": False,
        "regions": [droplet["region"]],
        "created_at": iso(ctx.now),
        "type": "snapshot",
        "min_disk_size": droplet["disk"],
        "size_gigabytes": round(droplet["disk"] * 0.09 + 0.42, 2),
        "description": "",
        "tags": [],
        "status": "available",
        "error_message": "",
        "droplet_id": droplet["id"],
        "seq": ctx.state.next_id("snapshot_seq", 1),
    }
    ctx.coll(KIND)[image["id"]] = image
    return image


def create_backup_image(ctx, droplet, taken_at):
    """A backup of the Droplet taken at ``taken_at`` (epoch seconds): a private image of type backup."""
    image = create_snapshot_image(ctx, droplet, "%s %s" % (droplet["name"], iso(taken_at)), droplet["image"])
    image.update(type="backup", created_at=iso(taken_at))
    return image


def delete_private_image(ctx, image):
    del ctx.coll(KIND)[image["id"]]
    emit(ctx, "image.deleted", image)


@route("GET", "/v2/images")
def list_images(ctx):
    q = ctx.query
    private = q.get("private", "").lower() == "true"
    itype = q.get("type")
    tag = q.get("tag_name")
    distributions = [image for image in catalog.IMAGES.values() if image["id"] not in catalog.APPLICATION_IMAGES]
    if itype == "application":
        items = [] if private else list(catalog.APPLICATION_IMAGES.values())
    elif itype == "distribution":
        items = [] if private else distributions
    elif private:
        items = list(ctx.coll(KIND).values())
    else:
        items = list(catalog.IMAGES.values()) + list(ctx.coll(KIND).values())
    if tag:
        tag = tags_mod.filter_name(ctx, tag)
        items = [i for i in items if tag in i["tags"]]
    for image in items:
        emit(ctx, "image.read", image)   # custom_images.py moves imports and transfers on
    return 200, ctx.paginate("images", items, render_image)


def get_image_or_404(ctx, image_id):
    image = find_image(ctx, image_id)
    if image is None:
        raise not_found()
    emit(ctx, "image.read", image)   # custom_images.py moves imports and transfers on
    return image


@route("GET", "/v2/images/{image_id}")
def get_image(ctx, image_id):
    return 200, {"image": render_image(get_image_or_404(ctx, image_id))}


@route("PUT", "/v2/images/{image_id}")
def update_image(ctx, image_id):
    image = get_image_or_404(ctx, image_id)
    if image["public"]:
        raise unprocessable("public images cannot be updated")
    body = ctx.json_body()
    for key in ("name", "description", "distribution"):
        if key in body:
            image[key] = body[key]
    return 200, {"image": render_image(image)}


@route("DELETE", "/v2/images/{image_id}")
def delete_image(ctx, image_id):
    image = get_image_or_404(ctx, image_id)
    if image["public"]:
        raise not_found()
    delete_private_image(ctx, image)
    return 204, None
