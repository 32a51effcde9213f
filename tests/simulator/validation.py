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
