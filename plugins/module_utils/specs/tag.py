# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tags: the declaration the tag and tag_info modules share."""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import TAG_NAME, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Lookup, ResourceSpec


def check_options(params):
    name = params.get("name")
    if name is not None and not TAG_NAME.match(name):
        raise PlanError("name must be 1 to 255 letters, digits, ':', '-' or '_', got %r" % name)


TAG = ResourceSpec(
    kind="tag",
    api=Api("/v2/tags", "tag", id_field="name"),
    lookup=Lookup(id_option="name"),
    create=Create(fields=("name",)),
    prepare=check_options,
)
