"""Derive the simulator's trimmed copy of the DigitalOcean OpenAPI spec.

Usage (from the repository root)::

    python tests/simulator/tools/derive_spec.py [SOURCE_JSON] [OUTPUT_JSON]

SOURCE_JSON defaults to ``../shared/openapi/digitalocean-v2.openapi.json`` and
OUTPUT_JSON to ``tests/simulator/spec/digitalocean-v2.derived.json``.

The derived copy keeps only what request/response validation needs: the
``/v2/`` paths with their parameters, request bodies and responses, and the
component schemas/parameters/responses/headers reachable from them.  All
documentation (descriptions, summaries, examples, code samples, tags,
security requirements) is dropped and the known quirks of the upstream spec
are fixed (see ``QUIRK FIXES`` below and tests/simulator/spec/NOTICE).
"""
import json
import os
import sys

DEFAULT_SOURCE = os.path.join("..", "shared", "openapi", "digitalocean-v2.openapi.json")
DEFAULT_OUTPUT = os.path.join("tests", "simulator", "spec", "digitalocean-v2.derived.json")

# Keys dropped wherever they appear as a keyword (never inside a name map such
# as ``properties``).
DOC_KEYS = {
    "description", "summary", "example", "examples", "externalDocs",
    "title", "tags", "security", "deprecated", "operationId", "links",
}
# Mappings whose keys are user-chosen names (e.g. a property called
# "description"): their keys are kept, their values are walked as usual.
NAME_MAPS = {
    "properties", "patternProperties", "paths", "schemas", "parameters",
    "responses", "headers", "content", "mapping", "encoding", "variables",
    "requestBodies", "securitySchemes", "callbacks", "definitions",
}
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def strip(node, parent_key=None, parent_is_name_map=False):
    """Drop documentation keywords.  The values of a name map (e.g. the
    schema of a property called "parameters") are never name maps."""
    if isinstance(node, list):
        return [strip(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    is_name_map = (parent_key in NAME_MAPS and not parent_is_name_map
                   and "$ref" not in node)
    # "parameters" can also be a list (handled above); a dict under
    # "parameters" is components.parameters (a name map).
    for key, value in node.items():
        if not is_name_map:
            if key in DOC_KEYS or key.startswith("x-"):
                continue
        child = strip(value, key, is_name_map)
        if is_name_map and parent_key == "responses" and isinstance(child, dict) \
                and "$ref" not in child:
            child["description"] = ""  # required by OpenAPI 3.0
        out[key] = child
    return out


def collect_refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            found.add(ref)
        for v in node.values():
            collect_refs(v, found)
    elif isinstance(node, list):
        for v in node:
            collect_refs(v, found)


def resolve(doc, ref):
    node = doc
    for part in ref.lstrip("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def prune_components(doc):
    """Keep only the components reachable from the paths."""
    reachable = set()
    pending = set()
    collect_refs(doc["paths"], pending)
    while pending:
        ref = pending.pop()
        if ref in reachable:
            continue
        reachable.add(ref)
        new = set()
        collect_refs(resolve(doc, ref), new)
        pending |= new - reachable
    comps = {}
    for section, items in doc.get("components", {}).items():
        kept = {name: v for name, v in items.items()
                if "#/components/%s/%s" % (section, name) in reachable}
        if kept:
            comps[section] = kept
    doc["components"] = comps


def walk(node, fn):
    if isinstance(node, dict):
        fn(node)
        for v in list(node.values()):
            walk(v, fn)
    elif isinstance(node, list):
        for v in node:
            walk(v, fn)


# ---------------------------------------------------------------- QUIRK FIXES
def fix_quirks(doc):
    comps = doc["components"]
    schemas = comps.get("schemas", {})
    params = comps.get("parameters", {})

    # 1. ssh_key_identifier: its schemas are readOnly, so a strict request
    #    validator rejects every value.
    for name in ("ssh_key_id", "ssh_key_fingerprint"):
        if name in schemas:
            schemas[name].pop("readOnly", None)

    def drop_readonly_in_param(node):
        if node.get("in") == "path" and isinstance(node.get("schema"), dict):
            def rm(n):
                n.pop("readOnly", None)
            walk(node["schema"], rm)
    walk(doc["paths"], drop_readonly_in_param)
    for p in params.values():
        drop_readonly_in_param(p)

    # 2. `default: null` next to a oneOf/anyOf (spec-validator error).
    def rm_null_default(n):
        if "default" in n and n["default"] is None and ("oneOf" in n or "anyOf" in n):
            del n["default"]
    walk(doc, rm_null_default)

    # 3. apps_vpc readOnly although requests set spec.vpc.id.
    if "apps_vpc" in schemas:
        schemas["apps_vpc"].pop("readOnly", None)

    # 4. per_page: the real API clamps values above 200 to 200 instead of
    #    rejecting them; drop the maximum so the simulator can clamp.
    def rm_per_page_max(n):
        if n.get("in") == "query" and n.get("name") == "per_page" and isinstance(n.get("schema"), dict):
            n["schema"].pop("maximum", None)
    walk(doc, rm_per_page_max)

    # 5. Operation-level `servers` (other hosts) are dropped by the /v2 filter;
    #    also drop any left so validation works against one local server.
    for item in doc["paths"].values():
        item.pop("servers", None)
        for m in HTTP_METHODS:
            if m in item:
                item[m].pop("servers", None)

    # 6. tags_resource: the reference documents `database` as a resource_type
    #    of /v2/tags/{tag_id}/resources, but the enum leaves it out.
    try:
        rtype = schemas["tags_resource"]["properties"]["resources"]["items"]["properties"]["resource_type"]
    except KeyError:
        rtype = None
    if rtype is not None and "enum" in rtype and "database" not in rtype["enum"]:
        rtype["enum"].append("database")

    # 7. app_spec: app-level `envs` (variables every component gets) exist in the API and in
    #    godo's AppSpec, but the schema leaves them out; strict mode (which rejects fields the
    #    spec does not declare) needs them declared.
    app_spec = schemas.get("app_spec")
    if app_spec is not None and "envs" not in app_spec.get("properties", {}) \
            and "app_variable_definition" in schemas:
        app_spec.setdefault("properties", {})["envs"] = {
            "type": "array", "items": {"$ref": "#/components/schemas/app_variable_definition"}}

    # 8. POST /v2/volumes/actions (an action on a volume found by name): the reference's text
    #    and samples send `volume_name`, the schema does not declare it.
    try:
        body = doc["paths"]["/v2/volumes/actions"]["post"]["requestBody"]["content"]["application/json"]
    except KeyError:
        body = None
    if body is not None and "volume_name" not in json.dumps(body["schema"]):
        body["schema"] = {"allOf": [{"type": "object", "properties": {"volume_name": {"type": "string"}}},
                                    body["schema"]]}

    # 9. POST /v2/droplets/{droplet_id}/actions: the operation's text and its discriminator list
    #    `change_backup_policy`, but droplet_action's type enum (which every branch includes)
    #    leaves it out, so no body could select it.
    try:
        action_type = schemas["droplet_action"]["properties"]["type"]
    except KeyError:
        action_type = None
    if action_type is not None and "enum" in action_type and "change_backup_policy" not in action_type["enum"]:
        action_type["enum"].append("change_backup_policy")

    # 10. POST /v2/uptime/checks requires `method`, a field no schema declares (so no body could
    #     both hold it and pass strict mode); the reference's table requires name, type, target,
    #     regions and enabled only.
    try:
        check_body = doc["paths"]["/v2/uptime/checks"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    except KeyError:
        check_body = None
    if check_body is not None and "method" in check_body.get("required", []) \
            and "method" not in json.dumps(schemas.get("check_updatable", {})):
        check_body["required"].remove("method")

    # 11. scheduled_details.body of a functions trigger is the JSON the function receives, any
    #     object ("optional data to be sent to function"); the schema's only sample field, `name`,
    #     would make strict mode refuse every other one.
    body_schema = schemas.get("scheduled_details", {}).get("properties", {}).get("body")
    if body_schema is not None and "additionalProperties" not in body_schema:
        body_schema["additionalProperties"] = True


def derive(source):
    with open(source, encoding="utf-8") as fh:
        spec = json.load(fh)
    paths = {p: v for p, v in spec["paths"].items() if p.startswith("/v2/")}
    doc = {
        "openapi": spec["openapi"],
        "info": {
            "title": "DigitalOcean API (derived copy for the fathom.digitalocean simulator)",
            "version": spec.get("info", {}).get("version", "2.0"),
            "license": {"name": "Apache 2.0",
                        "url": "https://www.apache.org/licenses/LICENSE-2.0.html"},
        },
        "servers": [{"url": "https://api.digitalocean.com"}],
        "paths": strip(paths, "paths"),
        "components": strip(
            {k: v for k, v in spec.get("components", {}).items()
             if k in ("schemas", "parameters", "responses", "headers", "requestBodies")},
            None),
    }
    # strip() treats components' children as name maps through NAME_MAPS.
    prune_components(doc)
    fix_quirks(doc)
    return doc


def main(argv):
    source = argv[1] if len(argv) > 1 else DEFAULT_SOURCE
    output = argv[2] if len(argv) > 2 else DEFAULT_OUTPUT
    doc = derive(source)
    os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
    with open(output, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, separators=(",", ":"), sort_keys=True)
        fh.write("\n")
    print("wrote %s (%d paths, %d schemas, %d bytes)" % (
        output, len(doc["paths"]), len(doc["components"].get("schemas", {})),
        os.path.getsize(output)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
