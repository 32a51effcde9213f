# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Names of Spaces, shared by the S3 modules (module_utils/spaces.py) and the API modules that refer to a
Space (a CDN endpoint's origin). Imports nothing beyond common, so it never brings boto3 in."""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError

# Regions with Spaces (the product's documentation).
REGIONS = ("ams3", "atl1", "blr1", "fra1", "lon1", "nyc3", "sfo2", "sfo3", "sgp1", "syd1", "tor1")
BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")


def check_region(params, option="region"):
    region = params.get(option)
    if region not in REGIONS:
        raise PlanError("%s must be one of %s (a region with Spaces), got %r" % (option, ", ".join(REGIONS), region))


def check_bucket_name(name, option="name"):
    if not isinstance(name, str) or not BUCKET_NAME.match(name) or "--" in name:
        raise PlanError("%s: %r is not a Space name: use 3 to 63 lowercase letters, digits and single hyphens, "
                        "starting and ending with a letter or a digit" % (option, name))


def space_host(name, region):
    """The host name of a Space: what a CDN endpoint takes as its origin."""
    return "%s.%s.digitaloceanspaces.com" % (name, region)


def origin_host(value, option="origin"):
    """A CDN origin given as a host name, or as {space, region}: the host name."""
    if not isinstance(value, dict):
        return value
    unknown = sorted(set(value) - {"space", "region"})
    if unknown:
        raise PlanError("%s takes a host name or {space, region}; unknown key %s" % (option, ", ".join(unknown)))
    check_bucket_name(value.get("space"), option + ".space")
    if value.get("region") not in REGIONS:
        raise PlanError("%s.region must be one of %s (a region with Spaces), got %r"
                        % (option, ", ".join(REGIONS), value.get("region")))
    return space_host(value["space"], value["region"])
