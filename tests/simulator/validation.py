"""Request/response validation against the derived OpenAPI spec (openapi-core).

Importing openapi-core and preparing the spec takes ~0.7 s, so
:meth:`SpecValidator.start_loading` does it in a background thread; the first
request waits for it.  One small OpenAPI object is built lazily per operation
(one path + the shared components), which keeps path lookup O(1): the router
already knows the spec path template.
"""
import json
import os
import threading

SPEC_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "spec",
                         "digitalocean-v2.derived.json")
HOST_URL = "https://api.digitalocean.com"   # the derived spec's only server


class ValidationFailure(Exception):
    """A request failed validation; ``message`` names the bad field(s)."""

    def __init__(self, message):
        Exception.__init__(self, message)
        self.message = message


class SpecValidator(object):
    def __init__(self, spec_path=SPEC_PATH):
        self.spec_path = spec_path
        self._ready = threading.Event()
        self._load_error = None
        self._started = False
        self._start_lock = threading.Lock()
        self._ops = {}
        self._ops_lock = threading.Lock()
        self.spec = None

    # ----------------------------------------------------------------- loading
    def start_loading(self):
        with self._start_lock:
            if self._started:
                return
            self._started = True
        t = threading.Thread(target=self._load, name="sim-spec-loader", daemon=True)
        t.start()

    def _load(self):
        try:
            with open(self.spec_path, encoding="utf-8") as fh:
                self.spec = json.load(fh)
            # Import the heavy modules here, off the start-up path.
            import openapi_core  # noqa: F401
            from openapi_core import Config, OpenAPI  # noqa: F401
            from openapi_core.datatypes import RequestParameters  # noqa: F401
        except Exception as exc:  # pragma: no cover - reported on first use
            self._load_error = exc
        finally:
            self._ready.set()

    def wait_ready(self, timeout=60):
        self.start_loading()
        self._ready.wait(timeout)
        if self._load_error is not None:
            raise self._load_error

    def has_operation(self, method, template):
        self.wait_ready()
        item = self.spec["paths"].get(template)
        return bool(item) and method.lower() in item

    def _operation(self, method, template):
        key = (method.lower(), template)
        op = self._ops.get(key)
        if op is not None:
            return op
        self.wait_ready()
        from openapi_core import Config, OpenAPI
        with self._ops_lock:
            op = self._ops.get(key)
            if op is None:
                item = self.spec["paths"][template]
                sub = {key[0]: item[key[0]]}
                if "parameters" in item:
                    sub["parameters"] = item["parameters"]
                doc = {"openapi": self.spec["openapi"], "info": self.spec["info"],
                       "servers": [{"url": HOST_URL}], "paths": {template: sub},
                       "components": self.spec["components"]}
                op = OpenAPI.from_dict(doc, config=Config(spec_validator_cls=None))
                self._ops[key] = op
        return op

    # ---------------------------------------------------------------- requests
    def validate_request(self, method, template, path, path_params, query_pairs,
                         headers, body):
        """Raise ValidationFailure if the request does not match the spec.

        ``body`` is the raw request body (bytes or None).  Any exception of
        the validator itself is turned into a ValidationFailure too.
        """
        try:
            op = self._operation(method, template)
            req = _Request(method, path, template, path_params, query_pairs, headers, body)
            errors = list(op.iter_request_errors(req))
        except ValidationFailure:
            raise
        except Exception as exc:  # validator bug/quirk: never a 500
            raise ValidationFailure("invalid request: %s" % _short(exc))
        if errors:
            messages = []
            for err in errors:
                messages.extend(describe_error(err, body))
            raise ValidationFailure("; ".join(_dedupe(messages)) or "invalid request")

    # --------------------------------------------------------------- responses
    def response_errors(self, method, template, status, headers, body,
                        content_type="application/json"):
        """Return a list of messages describing how a response violates the spec."""
        op = self._operation(method, template)
        req = _Request(method, template, template, {}, [], {}, None)
        resp = _Response(status, headers, body, content_type)
        out = []
        for err in op.iter_response_errors(req, resp):
            out.extend(describe_error(err, None) or [_short(err)])
        return out


# ----------------------------------------------------------------- adapters
class _Request(object):
    def __init__(self, method, path, template, path_params, query_pairs, headers, body):
        from openapi_core.datatypes import RequestParameters
        from werkzeug.datastructures import Headers, ImmutableMultiDict
        self.host_url = HOST_URL
        self.path = path
        self.path_pattern = template
        self.method = method.lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(query_pairs)),
            header=Headers(list(headers.items()) if hasattr(headers, "items") else headers),
            cookie=ImmutableMultiDict(),
            path=dict(path_params),
        )
        self.body = body if body else None
        self.content_type = "application/json"


class _Response(object):
    def __init__(self, status, headers, body, content_type):
        from werkzeug.datastructures import Headers
        self.status_code = status
        self.headers = Headers(list(headers.items()) if hasattr(headers, "items") else headers)
        self.data = body if body else None
        self.content_type = content_type if body else ""


# ------------------------------------------------------------ error messages
def _short(exc):
    text = str(exc) or exc.__class__.__name__
    return text if len(text) < 300 else text[:297] + "..."


def _dedupe(items):
    seen = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def _path_str(path, prefix=None):
    parts = [prefix] if prefix else []
    for p in path:
        if isinstance(p, int):
            parts.append("[%d]" % p)
        else:
            parts.append(("." if parts else "") + str(p))
    return "".join(parts).replace(".[", "[")


def _best_branch(error):
    """For a oneOf/anyOf failure, pick the nested errors of the closest branch."""
    branches = {}
    for sub in error.context or ():
        idx = sub.schema_path[0] if sub.schema_path else 0
        branches.setdefault(idx, []).append(sub)
    if not branches:
        return []

    def score(errs):
        required = sum(1 for e in errs if e.validator == "required")
        return (required, len(errs))
    return min(branches.values(), key=score)


def schema_error_messages(error, prefix=None, body=None):
    """Flatten a jsonschema ValidationError into 'field: problem' strings."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        out = []
        for sub in _best_branch(error):
            out.extend(schema_error_messages(sub, prefix, body))
        if out:
            return out
    where = _path_str(list(error.absolute_path), prefix)
    msg = error.message
    if "could not be resolved" in msg:
        # discriminator value without a mapping (e.g. an unknown action type)
        value = body.get("type") if isinstance(body, dict) else None
        where = _path_str(list(error.absolute_path) + ["type"], prefix)
        msg = "%r is not a supported value" % (value,)
    if error.validator == "required" and not where:
        return [msg]
    return ["%s: %s" % (where, msg) if where else msg]


def describe_error(err, raw_body):
    """Turn an openapi-core validation exception into messages."""
    body = None
    if raw_body:
        try:
            body = json.loads(raw_body)
        except Exception:
            body = None
    out = []
    subs = getattr(err, "errors", None)
    if subs:
        for sub in subs:
            out.extend(describe_error(sub, raw_body))
        return out
    name = getattr(err, "name", None)
    cause = err.__cause__
    schema_errors = getattr(cause, "schema_errors", None) or getattr(err, "schema_errors", None)
    cls = err.__class__.__name__
    if schema_errors:
        for se in schema_errors:
            out.extend(schema_error_messages(se, name, body))
        return out
    if cls == "MissingRequiredParameter" and name:
        return ["%s: is required" % name]
    if cls == "MissingRequestBody" or cls == "MissingRequiredRequestBody":
        return ["request body is required"]
    if name:
        detail = _short(cause) if cause is not None else _short(err)
        if cause is not None and cause.__class__.__name__ == "CastError":
            detail = "%r is not a valid %s" % (getattr(cause, "value", "?"),
                                               getattr(cause, "type", "value"))
        return ["%s: %s" % (name, detail)]
    detail = _short(err)
    if cause is not None:
        detail += " (%s)" % _short(cause)
    return [detail]


# ------------------------------------------------------- nulls and unknown fields
class BodyShape(object):
    """What the spec declares about the fields of a request body.

    The OpenAPI schemas leave ``additionalProperties`` open, so openapi-core accepts fields
    the spec never mentions.  :meth:`unknown_fields` lists them (strict mode rejects them);
    :meth:`drop_nulls` removes ``null`` values of fields not declared nullable (the lenient
    default: real clients send ``"ssh_keys": null`` for "not given" and the API accepts it).
    A field counts as declared when any branch of an ``allOf``/``anyOf``/``oneOf`` declares
    it (with a discriminator, only the branch the value selects); an object schema without
    ``properties`` or with ``additionalProperties`` takes any field.
    """

    def __init__(self, spec):
        self.spec = spec

    def resolve(self, schema):
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 50:
            node = self.spec
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            schema = node
            seen += 1
        return schema if isinstance(schema, dict) else {}

    def _branches(self, schema, value):
        """The anyOf/oneOf branches that apply to ``value``."""
        for key in ("anyOf", "oneOf"):
            branches = schema.get(key)
            if not branches:
                continue
            disc = schema.get("discriminator") or {}
            prop = disc.get("propertyName")
            mapping = disc.get("mapping") or {}
            if prop and isinstance(value, dict) and value.get(prop) in mapping:
                yield [{"$ref": mapping[value[prop]]}]
            else:
                yield branches

    def fields(self, schema, value):
        """(declared: name -> [schemas], open: bool) for an object value."""
        declared, is_open = self._fields(schema, value, 0)
        return declared, is_open or not declared      # no properties at all: free-form

    def _fields(self, schema, value, depth):
        """Declared fields, and whether ``additionalProperties`` or a free-form
        anyOf/oneOf branch lets any other field in.  An empty allOf part (``{}``) adds
        nothing and opens nothing."""
        schema = self.resolve(schema)
        declared, is_open = {}, False
        if depth > 30:
            return declared, True
        for name, sub in (schema.get("properties") or {}).items():
            declared.setdefault(name, []).append(sub)
        if schema.get("additionalProperties") not in (None, False):
            is_open = True
        for sub in schema.get("allOf") or ():
            more, sub_open = self._fields(sub, value, depth + 1)
            for name, subs in more.items():
                declared.setdefault(name, []).extend(subs)
            is_open = is_open or sub_open
        for branches in self._branches(schema, value):
            for branch in branches:
                more, sub_open = self._fields(branch, value, depth + 1)
                for name, subs in more.items():
                    declared.setdefault(name, []).extend(subs)
                is_open = is_open or sub_open or not more
        return declared, is_open

    def nullable(self, schema, depth=0):
        schema = self.resolve(schema)
        if schema.get("nullable") or depth > 30:
            return True
        for key in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(key) or ():
                if self.nullable(sub, depth + 1):
                    return True
        return False

    def item_schemas(self, schema, depth=0):
        schema = self.resolve(schema)
        out = []
        if "items" in schema:
            out.append(schema["items"])
        if depth < 30:
            for key in ("allOf", "anyOf", "oneOf"):
                for sub in schema.get(key) or ():
                    out.extend(self.item_schemas(sub, depth + 1))
        return out

    def _walk(self, schemas, value, where, unknown, nulls):
        if isinstance(value, dict):
            declared, is_open = {}, False
            for schema in schemas:
                more, sub_open = self.fields(schema, value)
                for name, subs in more.items():
                    declared.setdefault(name, []).extend(subs)
                is_open = is_open or sub_open
            for name, item in list(value.items()):
                path = "%s.%s" % (where, name) if where else name
                subs = declared.get(name)
                if subs is None:
                    if not is_open:
                        unknown.append(path)
                    continue
                if item is None:
                    if not any(self.nullable(s) for s in subs):
                        nulls.append((value, name))
                    continue
                self._walk(subs, item, path, unknown, nulls)
        elif isinstance(value, list):
            items = []
            for schema in schemas:
                items.extend(self.item_schemas(schema))
            if items:
                for index, item in enumerate(value):
                    if isinstance(item, (dict, list)):
                        self._walk(items, item, "%s[%d]" % (where, index), unknown, nulls)

    def unknown_fields(self, schema, body):
        unknown, nulls = [], []
        self._walk([schema], body, "", unknown, nulls)
        return unknown

    def drop_nulls(self, schema, body):
        """Remove not-nullable ``null`` fields in place; return how many were removed."""
        unknown, nulls = [], []
        self._walk([schema], body, "", unknown, nulls)
        for container, name in nulls:
            container.pop(name, None)
        return len(nulls)


def request_body_schema(spec, method, template):
    """The JSON request body schema of an operation, or None."""
    op = (spec.get("paths", {}).get(template) or {}).get(method.lower()) or {}
    body = op.get("requestBody") or {}
    if "$ref" in body:
        body = BodyShape(spec).resolve(body)
    return ((body.get("content") or {}).get("application/json") or {}).get("schema")
