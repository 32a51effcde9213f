# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the _info modules read about managed databases without managing it: a cluster's backups,
its CA certificate and its events, and the options of every engine (versions, regions, layouts)."""

from __future__ import annotations

import base64
import binascii

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Lookup, ResourceSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import IN_CLUSTER

DATABASE_BACKUP = ResourceSpec(
    kind="database_backup",
    api=Api("/v2/databases/{parent}/backups", "backup"),
    lookup=Lookup(identity=(), id_option=None),
    parent=IN_CLUSTER,
)

DATABASE_EVENT = ResourceSpec(
    kind="database_event",
    api=Api("/v2/databases/{parent}/events", "event"),
    lookup=Lookup(identity=(), id_option=None),
    parent=IN_CLUSTER,
)


def read_ca(engine, query):
    """The cluster's CA certificate as the API returns it (base64) and as a PEM file holds it."""
    certificate = (engine.client.get(engine.collection_path).get("ca") or {}).get("certificate") or ""
    try:
        pem = base64.b64decode(certificate, validate=True).decode("ascii")
    except (binascii.Error, ValueError):
        raise PlanError("the CA certificate of cluster %s is not base64-encoded PEM text" % engine.parent.get("name"))
    return [{"certificate": certificate, "certificate_pem": pem}]


DATABASE_CA = ResourceSpec(
    kind="database_ca",
    api=Api("/v2/databases/{parent}/ca", "ca", single=True),
    lookup=Lookup(identity=(), id_option=None, list=read_ca),
    parent=IN_CLUSTER,
    label="database CA certificate",
)


def list_options(engine, query):
    """One item per engine: its versions, regions and layouts (node counts with their sizes), and
    when each version reaches its end of life and of availability."""
    answer = engine.client.get(engine.collection_path)
    availability = answer.get("version_availability") or {}
    return [dict(options, engine=slug, version_availability=availability.get(slug) or [])
            for slug, options in sorted((answer.get("options") or {}).items())]


# One object listing what the API offers, read as one item per engine (not a kind of the lookups).
DATABASE_OPTIONS = ResourceSpec(
    kind="database_options",
    api=Api("/v2/databases/options", "option", single=True),
    lookup=Lookup(identity=("engine",), id_option=None, list=list_options, names=("engine",)),
    label="database options",
)
