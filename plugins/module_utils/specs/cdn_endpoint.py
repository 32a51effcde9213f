# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""CDN endpoints: the declaration the cdn_endpoint and cdn_endpoint_info modules share.

The API allows only 5 requests per 10 seconds to anything under /v2/cdn/endpoints, so every run
sends as few as it can: one list (or one GET by id) to find the endpoint, one PUT for all changed
fields (its answer is the updated endpoint, so nothing is read again), one DELETE to purge.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import (
    Change,
    Plan,
    PlanError,
    ResourceEngine,
    ResourceSpec,
)

TTLS = (60, 600, 3600, 86400, 604800)
UPDATABLE = ("ttl", "certificate_id", "custom_domain")
MAX_PURGE_FILES = 50
PURGE_FIELD = "purge"


def hostname(value):
    return None if value is None else str(value).strip().lower().rstrip(".")


def same_text(obj, have, want):
    # The API leaves certificate_id and custom_domain out when they are not set: "" means none.
    return (have or "") == (want or "")


def validate(engine):
    params = engine.params
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
    if not params.get("id") and not params.get("origin"):
        raise PlanError("cdn_endpoint requires origin (or id) to find the endpoint")


def require_create_fields(engine, body):
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


class CdnEndpointEngine(ResourceEngine):
    """The engine, with a purge that is always a change and a PUT whose answer is the result."""

    def plan(self, current):
        plan = super().plan(current)
        if current is not None and plan.action in (Plan.NONE, Plan.UPDATE):
            wanted = {field: change.after for field, change in plan.changes.items()}
            check_certificate(self, current, wanted)
        purge = self.params.get("purge")
        if purge and current is not None and self.params.get("state") != "absent":
            plan.changes[PURGE_FIELD] = Change(None, list(purge), "DELETE /v2/cdn/endpoints/{id}/cache")
            plan.action = Plan.UPDATE
        return plan

    def update(self, current, plan):
        endpoint = current
        changed = {field: change for field, change in plan.changes.items() if field in UPDATABLE}
        if changed:
            response = self.client.put(self.spec.item_path(current["id"]), update_body(self, current, changed))
            endpoint = response.get("endpoint") or self.reload(current)
        if PURGE_FIELD in plan.changes:
            self.client.delete("/v2/cdn/endpoints/%s/cache" % current["id"],
                               json={"files": plan.changes[PURGE_FIELD].after})
        return endpoint

    def projection(self, obj, plan):
        shown = super().projection(obj, plan)
        if obj and PURGE_FIELD in plan.changes:
            shown[PURGE_FIELD] = None
        return shown

    def run(self):
        result = super().run()
        result["cdn_endpoint"] = result.pop("endpoint")
        return result


CDN_ENDPOINT = ResourceSpec(
    kind="cdn_endpoint",
    singular="endpoint",
    plural="endpoints",
    collection="/v2/cdn/endpoints",
    item="/v2/cdn/endpoints/{id}",
    identity=("origin",),
    create=("origin", "ttl", "certificate_id", "custom_domain"),
    update=UPDATABLE,
    update_method="PUT",
    immutable=("origin",),
    normalize={"origin": hostname, "custom_domain": hostname},
    equal={"certificate_id": same_text, "custom_domain": same_text},
    validate=validate,
    prepare_create=require_create_fields,
)


def run_cdn_endpoint(module):
    engine = CdnEndpointEngine(CDN_ENDPOINT, module.client, module.params, check_mode=module.ansible.check_mode,
                               warn=module.ansible.warn)
    module.exit(engine.run)


def cdn_endpoint_info(module):
    module.run_info(CDN_ENDPOINT, filters={"origin": module.params.get("origin")}, key="cdn_endpoints")
