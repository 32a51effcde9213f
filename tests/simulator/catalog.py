"""Static catalog: regions, sizes, public distribution images and 1-Click application images.

The catalog survives ``/_sim/reset``.  Objects are shaped like the real API
(see the OpenAPI schemas ``region``, ``size`` and ``image``).  Like the real
catalog it is not uniform: the legacy region nyc2 and the legacy size
s-3vcpu-1gb are listed but unavailable, and blr1 and syd1 lack the
``image_transfer`` feature.
"""

REGION_FEATURES = ["backups", "ipv6", "metadata", "install_agent", "storage",
                   "image_transfer"]
# Regions that lack some features; regions listed but not available for new resources.
MISSING_FEATURES = {"blr1": ("image_transfer",), "syd1": ("image_transfer",)}
UNAVAILABLE_REGIONS = ("nyc2",)
UNAVAILABLE_SIZES = ("s-3vcpu-1gb",)

_REGIONS = [
    ("nyc1", "New York 1"), ("nyc3", "New York 3"), ("sfo3", "San Francisco 3"),
    ("ams3", "Amsterdam 3"), ("fra1", "Frankfurt 1"), ("lon1", "London 1"),
    ("sgp1", "Singapore 1"), ("tor1", "Toronto 1"), ("blr1", "Bangalore 1"),
    ("syd1", "Sydney 1"), ("nyc2", "New York 2"),
]

# slug, memory MB, vcpus, disk GB, transfer TB, price_monthly, description, regions(None=all)
_SIZES = [
    ("s-1vcpu-512mb-10gb", 512, 1, 10, 0.5, 4.0, "Basic", None),
    ("s-1vcpu-1gb", 1024, 1, 25, 1.0, 6.0, "Basic", None),
    ("s-3vcpu-1gb", 1024, 3, 60, 3.0, 15.0, "Basic", None),
    ("s-1vcpu-2gb", 2048, 1, 50, 2.0, 12.0, "Basic", None),
    ("s-2vcpu-2gb", 2048, 2, 60, 3.0, 18.0, "Basic", None),
    ("s-2vcpu-4gb", 4096, 2, 80, 4.0, 24.0, "Basic", None),
    ("s-4vcpu-8gb", 8192, 4, 160, 5.0, 48.0, "Basic", None),
    ("s-8vcpu-16gb", 16384, 8, 320, 6.0, 96.0, "Basic", None),
    ("c-2", 4096, 2, 25, 4.0, 42.0, "CPU-Optimized", None),
    ("c-4", 8192, 4, 50, 5.0, 84.0, "CPU-Optimized", None),
    ("g-2vcpu-8gb", 8192, 2, 25, 4.0, 63.0, "General Purpose", None),
    ("g-4vcpu-16gb", 16384, 4, 50, 5.0, 126.0, "General Purpose", None),
    ("m-2vcpu-16gb", 16384, 2, 50, 4.0, 84.0, "Memory-Optimized", None),
    ("m-4vcpu-32gb", 32768, 4, 100, 5.0, 168.0, "Memory-Optimized", None),
    # Available only in a few regions (for "Size is not available in this region").
    ("so-2vcpu-16gb", 16384, 2, 300, 4.0, 131.0, "Storage-Optimized",
     ["nyc1", "nyc3", "sfo3", "ams3", "fra1"]),
]

# id, slug, name, distribution, min_disk_size, size_gigabytes, created_at
_IMAGES = [
    (160000001, "ubuntu-24-04-x64", "24.04 (LTS) x64", "Ubuntu", 7, 2.36, "2024-04-25T16:25:12Z"),
    (160000002, "ubuntu-22-04-x64", "22.04 (LTS) x64", "Ubuntu", 7, 2.12, "2022-04-22T13:51:02Z"),
    (160000003, "ubuntu-20-04-x64", "20.04 (LTS) x64", "Ubuntu", 7, 1.85, "2020-04-24T09:40:27Z"),
    (160000004, "debian-12-x64", "12 x64", "Debian", 7, 0.88, "2023-06-12T18:07:48Z"),
    (160000005, "debian-11-x64", "11 x64", "Debian", 7, 0.79, "2021-08-16T12:38:07Z"),
    (160000006, "fedora-40-x64", "40 x64", "Fedora", 7, 1.2, "2024-04-23T18:04:10Z"),
    (160000007, "fedora-39-x64", "39 x64", "Fedora", 7, 1.1, "2023-11-07T21:10:04Z"),
    (160000008, "rockylinux-9-x64", "9 x64", "Rocky Linux", 10, 1.5, "2022-07-14T20:38:29Z"),
    (160000009, "rockylinux-8-x64", "8 x64", "Rocky Linux", 10, 1.4, "2021-06-23T17:59:31Z"),
    (160000010, "centos-stream-9-x64", "Stream 9 x64", "CentOS", 10, 1.3, "2022-01-14T22:02:07Z"),
    (160000011, "almalinux-9-x64", "AlmaLinux 9 x64", "Unknown", 10, 1.2, "2022-06-01T15:46:52Z"),
]
# 1-Click application images (listed with ?type=application): id, slug, name, created_at
_APPLICATION_IMAGES = [
    (170000001, "docker-20-04", "Docker on Ubuntu 22.04", "2023-03-01T10:00:00Z"),
    (170000002, "lamp-20-04", "LAMP on Ubuntu 22.04", "2023-03-01T10:00:00Z"),
    (170000003, "wordpress-20-04", "WordPress on Ubuntu 22.04", "2023-03-01T10:00:00Z"),
]

REGIONS = {}
SIZES = {}
IMAGES = {}          # by id
IMAGES_BY_SLUG = {}
APPLICATION_IMAGES = {}   # by id (also in IMAGES and IMAGES_BY_SLUG)


def _build():
    all_regions = [slug for slug, _name in _REGIONS if slug not in UNAVAILABLE_REGIONS]
    for slug, mem, vcpus, disk, transfer, price, desc, regions in _SIZES:
        SIZES[slug] = {
            "slug": slug, "memory": mem, "vcpus": vcpus, "disk": disk,
            "transfer": transfer, "price_monthly": price,
            "price_hourly": round(price / 672.0, 5),
            "regions": list(regions or all_regions), "available": slug not in UNAVAILABLE_SIZES,
            "description": desc,
            "disk_info": [{"type": "local", "size": {"amount": disk, "unit": "gib"}}],
        }
    for slug, name in _REGIONS:
        REGIONS[slug] = {
            "name": name, "slug": slug,
            "features": [f for f in REGION_FEATURES if f not in MISSING_FEATURES.get(slug, ())],
            "available": slug not in UNAVAILABLE_REGIONS,
            "sizes": [s for s, v in SIZES.items() if slug in v["regions"]],
        }
    for iid, slug, name, dist, min_disk, gb, created in _IMAGES:
        img = {
            "id": iid, "name": name, "distribution": dist, "slug": slug,
            "public": True, "regions": list(all_regions), "created_at": created,
            "type": "base", "min_disk_size": min_disk, "size_gigabytes": gb,
            "description": "%s %s" % (dist, name), "tags": [], "status": "available",
            "error_message": "",
        }
        IMAGES[iid] = img
        IMAGES_BY_SLUG[slug] = img
    for iid, slug, name, created in _APPLICATION_IMAGES:
        img = dict(IMAGES_BY_SLUG["ubuntu-22-04-x64"], id=iid, slug=slug, name=name, created_at=created,
                   min_disk_size=25, size_gigabytes=2.5, description=name)
        IMAGES[iid] = APPLICATION_IMAGES[iid] = IMAGES_BY_SLUG[slug] = img


_build()


def resolve_region(slug):
    """Return the region for a slug or a slug prefix ('nyc' -> nyc1), or None."""
    if slug is None:
        return REGIONS["nyc3"]
    if slug in REGIONS:
        return REGIONS[slug]
    for rslug, region in REGIONS.items():
        if rslug.rstrip("0123456789") == slug:
            return region
    return None
