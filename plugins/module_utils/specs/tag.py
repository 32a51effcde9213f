# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tags: the declaration the tag and tag_info modules share."""

from __future__ import annotations

import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import PlanError, ResourceSpec

# The API's rule for tag names: letters, digits, colons, dashes and underscores, up to 255.
TAG_NAME = re.compile(r"^[a-zA-Z0-9_\-:]{1,255}$")


def validate(engine):
    name = engine.params.get("name")
    if name is not None and not TAG_NAME.match(name):
        raise PlanError("name must be 1 to 255 letters, digits, ':', '-' or '_', got %r" % name)


TAG = ResourceSpec(
    kind="tag",
    singular="tag",
    plural="tags",
    collection="/v2/tags",
    item="/v2/tags/{id}",
    identity=("name",),
    create=("name",),
    id_field="name",
    id_option="name",
    validate=validate,
)
