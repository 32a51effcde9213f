# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""CDN endpoints: the declaration the cdn_endpoint and cdn_endpoint_info modules share.

The API allows only 5 requests per 10 seconds to anything under /v2/cdn/endpoints, so every run
sends as few as it can: one list (or one GET by id) to find the endpoint, one PUT for all changed
fields (its answer is the updated endpoint, so nothing is read again), one DELETE to purge.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.certificate import certificate_id
from ansible_collections.fathom.digitalocean.plugins.module_utils.spaces_names import origin_host
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Put
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Request, ResourceSpec

TTLS = (60, 600, 3600, 86400, 604800)
UPDATABLE = ("ttl", "certificate_id", "custom_domain")
MAX_PURGE_FILES = 50


def hostname(value):
    return None if value is None else str(value).strip().lower().rstrip(".")


def same_text(obj, have, want):
    # The API leaves certificate_id and custom_domain out when they are not set: "" means none.
    return (have or "") == (want or "")


def check_options(params):
    if isinstance(params.get("origin"), dict):
        params = dict(params, origin=origin_host(params["origin"]))
    ttl = params.get("ttl")
    if ttl is not None and ttl not in TTLS:
        raise PlanError("ttl must be one of %s, got %s" % (", ".join(str(t) for t in TTLS), ttl))
    purge = params.get("purge")
    if purge is not None:
        if len(purge) > MAX_PURGE_FILES:
            raise PlanError("purge takes at most %d paths per task (the API's limit), got %d; use '*' "
                            "to purge everything" % (MAX_PURGE_FILES, len(purge)))
        if any(not (path or "").strip() for path in purge):
            raise PlanError("purge paths must not be empty strings")
    return params


def create_body(engine, body):
    if not engine.params.get("origin"):
        raise PlanError("origin is required to create a CDN endpoint")
    body["origin"] = hostname(body["origin"])
    for field in ("certificate_id", "custom_domain"):
        if body.get(field) == "":
            del body[field]
    check_certificate(engine, {}, body)
    return body


def check_certificate(engine, current, wanted):
    """A custom domain needs a certificate: check the pair the endpoint would end up with."""
    domain = wanted.get("custom_domain", current.get("custom_domain"))
    certificate = wanted.get("certificate_id", current.get("certificate_id"))
    if domain and not certificate:
        raise PlanError("custom_domain %s needs certificate_id (a DigitalOcean managed certificate for it)"
                        % domain)


def check_pair(engine, current, changes):
    check_certificate(engine, current, {field: change.after for field, change in changes.items()})


def update_body(engine, current, changes):
    """The PUT body: the changed fields; custom_domain and certificate_id always travel together.

    Removing the custom domain (custom_domain "") removes its certificate with it; the API takes
    no empty certificate_id.
    """
    body = {field: changes[field].after for field in UPDATABLE if field in changes}
    if "custom_domain" in body or "certificate_id" in body:
        body.setdefault("custom_domain", current.get("custom_domain") or "")
        if body["custom_domain"]:
            body.setdefault("certificate_id", current.get("certificate_id"))
        else:
            body.pop("certificate_id", None)
    return body


PUT = Put(body=update_body, refuse=check_pair, answer=True)

CDN_ENDPOINT = ResourceSpec(
    kind="cdn_endpoint",
    api=Api("/v2/cdn/endpoints", "endpoint"),
    lookup=Lookup(identity=("origin",), names=("origin", "custom_domain")),
    fields={
        "ttl": Field(update=PUT),
        "certificate_id": Field(equal=same_text, update=PUT),
        "custom_domain": Field(normalize=hostname, equal=same_text, update=PUT),
        "origin": Field(normalize=hostname),
        "purge": Field(trigger=True, wanted=lambda params: list(params["purge"]) if params.get("purge") else None,
                       update=Request("DELETE", "/cache", body=lambda engine, endpoint, changes: {
                           "files": changes["purge"].after}, alters=False, label="DELETE /v2/cdn/endpoints/{id}/cache")),
    },
    create=Create(fields=("origin", "ttl", "certificate_id", "custom_domain"), body=create_body),
    prepare=check_options,
    # certificate_id may name the certificate: the API wants its id.
    resolve=lambda engine: dict(engine.params, certificate_id=certificate_id(
        engine, engine.params.get("certificate_id"), "certificate_id")),
    label="CDN endpoint",
)
