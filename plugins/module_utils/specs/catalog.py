# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Kinds that no module manages yet, declared so that the lookups can list them.

Each becomes a full declaration (with its own module) when the collection manages it; until then
only the Api and Lookup parts matter.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Lookup, ResourceSpec

IMAGE = ResourceSpec(
    kind="image",
    api=Api("/v2/images", "image"),
    lookup=Lookup(query=("type", "private", "tag_name"), names=("slug", "name")),
)

SIZE = ResourceSpec(
    kind="size",
    api=Api("/v2/sizes", "size", id_field="slug"),
    lookup=Lookup(names=("slug",)),
)

REGION = ResourceSpec(
    kind="region",
    api=Api("/v2/regions", "region", id_field="slug"),
    lookup=Lookup(names=("slug", "name")),
)

KUBERNETES_CLUSTER = ResourceSpec(
    kind="kubernetes_cluster",
    api=Api("/v2/kubernetes/clusters", "kubernetes_cluster"),
)

UPTIME_CHECK = ResourceSpec(
    kind="uptime_check",
    api=Api("/v2/uptime/checks", "check"),
)

MONITORING_ALERT_POLICY = ResourceSpec(
    kind="monitoring_alert_policy",
    api=Api("/v2/monitoring/alerts", "policy", id_field="uuid"),
    lookup=Lookup(names=("description",)),
)
