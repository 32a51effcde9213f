"""HTTP front end of the simulator: routing, auth, rate limits, faults,
request log, validation and the ``/_sim/`` control API.

Usage in-process::

    sim = Simulator(host="127.0.0.1", port=0, token="t", action_seconds=0.2)
    sim.start()
    ... sim.url ...
    sim.stop()
"""
import collections
import http.server
import json
import math
import random
import re
import socket
import threading
import time
import uuid
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.simulator import realism as realism_mod, resources
from tests.simulator.routing import Router, ROUTES, SEEDERS
from tests.simulator.state import ApiError, Context, NOT_FOUND_MESSAGE, RawBody, State
from tests.simulator.validation import (BodyShape, SpecValidator, ValidationFailure,
                                        request_body_schema)

# What a Simulator() without settings starts with: realism on, strict off.
DEFAULT_CONFIG = realism_mod.initial()
FAULT_KEYS = ("rate", "statuses", "drop_rate", "latency_ms", "path_regex", "methods", "seed",
              "action_errors", "database_stuck", "firewall_failed")
ACTION_ERROR_KEYS = ("type", "resource_type")
MUTATING = ("POST", "PUT", "PATCH", "DELETE")

ERROR_BODIES = {
    400: ("bad_request", "The request could not be understood."),
    401: ("unauthorized", "Unable to authenticate you"),
    404: ("not_found", NOT_FOUND_MESSAGE),
    429: ("too_many_requests", "API Rate limit exceeded."),
    500: ("server_error", "Server was unable to give you a response."),
    502: ("bad_gateway", "Bad gateway."),
    503: ("service_unavailable", "The service is temporarily unavailable."),
    504: ("gateway_timeout", "Gateway timeout."),
}

REASONS = {
    200: "OK", 201: "Created", 202: "Accepted", 204: "No Content",
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 409: "Conflict", 422: "Unprocessable Entity",
    429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
}


class RateLimiter(object):
    """Sliding windows like the real API: each request counts for an hour
    (and, for the burst limit, for a minute) after it was made."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.hour = collections.deque()
        self.minute = collections.deque()

    def _prune(self, now):
        while self.hour and self.hour[0] <= now - 3600:
            self.hour.popleft()
        while self.minute and self.minute[0] <= now - 60:
            self.minute.popleft()

    def hit(self, now, per_minute, per_hour, count=True):
        """Return (headers, retry_after or None).  retry_after set = 429."""
        with self.lock:
            self._prune(now)
            retry = None
            if per_hour and len(self.hour) >= per_hour:
                retry = max(1, int(math.ceil(self.hour[0] + 3600 - now)))
            elif per_minute and len(self.minute) >= per_minute:
                retry = max(1, int(math.ceil(self.minute[0] + 60 - now)))
            elif count:
                self.hour.append(now)
                self.minute.append(now)
            limit = per_hour or DEFAULT_CONFIG["rate_limit_per_hour"]
            remaining = 0 if retry is not None else max(0, limit - len(self.hour))
            reset = int(self.hour[0] + 3600) if self.hour else int(now + 3600)
            headers = [("ratelimit-limit", str(limit)),
                       ("ratelimit-remaining", str(remaining)),
                       ("ratelimit-reset", str(reset))]
            return headers, retry


def error_body(status, message=None, error_id=None, request_id=None):
    default_id, default_msg = ERROR_BODIES.get(status, ("error", "Error."))
    return {"id": error_id or default_id, "message": message or default_msg,
            "request_id": request_id or str(uuid.uuid4())}


class Simulator(object):
    def __init__(self, host="127.0.0.1", port=0, token="sim-token",
                 validate_responses=False, realism=True, strict=False, **config):
        """``realism``: True (real-ish delays of a few seconds), "fast" (a tenth of them) or
        False (no quirks, no delays); ``strict``: reject nulls, unknown fields and trailing
        slashes.  Other keyword arguments: any setting of ``/_sim/config``."""
        unknown = set(config) - set(realism_mod.ALL_KEYS)
        if unknown:
            raise TypeError("unknown simulator settings: %s" % ", ".join(sorted(unknown)))
        self.host = host
        self.port = port
        self.token = token
        self.validate_responses = validate_responses
        self.startup_config = realism_mod.initial(realism=realism, strict=strict, **config)
        self.config = dict(self.startup_config)
        self.clock_offset = 0.0      # POST /_sim/clock moves the simulated time forward
        self.state = State()
        self.validator = SpecValidator()
        resources.load_all()
        self.router = Router(ROUTES)
        self.rate = RateLimiter()
        self.log = []
        self.log_lock = threading.Lock()
        self.faults = {}
        self.rng = random.Random()
        self.response_problems = []   # filled when validate_responses=True
        self.all_response_problems = []   # same, never cleared by reset
        self._httpd = None
        self._thread = None

    # ----------------------------------------------------------- lifecycle
    def start(self):
        self._httpd = _Server((self.host, self.port), _Handler)
        self._httpd.sim = self
        self.port = self._httpd.server_address[1]
        self.validator.start_loading()
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.1},
                                        name="do-simulator", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self):
        host = self.host
        if host in ("0.0.0.0", ""):
            host = "127.0.0.1"
        elif ":" in host:
            host = "[%s]" % host
        return "http://%s:%d" % (host, self.port)

    # ----------------------------------------------------------------- time
    def now(self):
        """The simulated time: the wall clock plus what POST /_sim/clock added."""
        return time.time() + self.clock_offset

    def advance(self, seconds):
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise ValueError("advance must be a non-negative number of seconds")
        with self.state.lock:
            self.clock_offset += float(seconds)
        return self.now()

    # -------------------------------------------------------------- control
    def reset(self):
        with self.state.lock:
            self.state.reset()
            self.config.clear()
            self.config.update(self.startup_config)
            self.clock_offset = 0.0
        with self.log_lock:
            self.log = []
        self.faults = {}
        self.rng = random.Random()
        self.rate.reset()
        self.response_problems = []

    def set_faults(self, spec):
        unknown = set(spec) - set(FAULT_KEYS)
        if unknown:
            raise ValueError("unknown fault settings: %s" % ", ".join(sorted(unknown)))
        faults = {"rate": 0.0, "statuses": [500], "drop_rate": 0.0, "latency_ms": 0,
                  "path_regex": ".*", "methods": None, "seed": None,
                  "action_errors": None, "database_stuck": False, "firewall_failed": False}
        faults.update(spec)
        rule = faults["action_errors"]
        if rule is not None:
            if not isinstance(rule, dict) or set(rule) - set(ACTION_ERROR_KEYS) or not all(
                    isinstance(value, str) for value in rule.values()):
                raise ValueError("action_errors must be an object with optional string fields %s"
                                 % ", ".join(ACTION_ERROR_KEYS))
        for key in ("database_stuck", "firewall_failed"):
            if not isinstance(faults[key], bool):
                raise ValueError("%s must be true or false" % key)
        for key in ("rate", "drop_rate"):
            faults[key] = float(faults[key])
            if not 0.0 <= faults[key] <= 1.0:
                raise ValueError("%s must be between 0 and 1" % key)
        faults["latency_ms"] = float(faults["latency_ms"])
        statuses = [int(s) for s in faults["statuses"]]
        if not statuses:
            raise ValueError("statuses must not be empty")
        faults["statuses"] = statuses
        faults["_regex"] = re.compile(faults["path_regex"])
        if faults["methods"]:
            faults["methods"] = [m.upper() for m in faults["methods"]]
        self.rng = random.Random(faults["seed"])
        self.faults = faults

    def public_faults(self):
        return {k: v for k, v in self.faults.items() if not k.startswith("_")}

    def set_config(self, update):
        with self.state.lock:
            new = realism_mod.apply(self.config, update)
            self.config.clear()
            self.config.update(new)

    def record(self, method, path, query, status, **extra):
        entry = {"method": method, "path": path, "query": query, "status": status}
        entry.update(extra)
        with self.log_lock:
            self.log.append(entry)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "do-simulator/1.0"
    sys_version = ""

    def setup(self):
        http.server.BaseHTTPRequestHandler.setup(self)
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # pragma: no cover
            pass

    def log_message(self, fmt, *args):  # silence stderr logging
        pass

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def do_HEAD(self):
        self._dispatch("HEAD")

    # ------------------------------------------------------------ plumbing
    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                line = self.rfile.readline(65537)
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, status, body, headers=()):
        content_type = "application/json; charset=utf-8"
        if isinstance(body, RawBody):
            data, content_type = body.data, body.content_type
        else:
            data = b"" if body is None else json.dumps(body, separators=(",", ":")).encode("utf-8")
        lines = ["HTTP/1.1 %d %s" % (status, REASONS.get(status, "Status")),
                 "Date: %s" % self.date_time_string(),
                 "Server: %s" % self.server_version,
                 "Content-Type: %s" % content_type,
                 "Content-Length: %d" % len(data)]
        for k, v in headers:
            lines.append("%s: %s" % (k, v))
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if self.command == "HEAD":
            data = b""
        self.wfile.write(head + data)

    def _base_url(self):
        host = self.headers.get("Host")
        if not host:
            host = "%s:%d" % self.server.server_address[:2]
        return "http://" + host

    def _dispatch(self, method):
        sim = self.server.sim
        split = urlsplit(self.path)
        path = unquote(split.path or "/")       # %3A in a fingerprint is ':'
        pairs = parse_qsl(split.query, keep_blank_values=True)
        query = dict(pairs)
        try:
            raw = self._read_body()
        except (ValueError, OSError):
            self.close_connection = True
            self._send(400, error_body(400, "malformed request body"))
            return
        if path == "/_sim" or path.startswith("/_sim/"):
            self._control(sim, method, path, query, raw)
            return
        status, body, headers, drop = self._api(sim, method, path, pairs, query, raw)
        # Log before answering so the log order is the order clients observe.
        if drop:
            sim.record(method, path, query, status, dropped=True)
            self.close_connection = True
            return
        sim.record(method, path, query, status)
        self._send(status, body, headers)

    # ---------------------------------------------------------------- API
    def _api(self, sim, method, path, pairs, query, raw):
        """Answer an API request: (status, body, headers, drop_connection)."""
        now = sim.now()
        cfg = sim.config
        request_id = str(uuid.uuid4())
        auth = self.headers.get("Authorization") or ""
        authorized = auth[:7].lower() == "bearer " and auth[7:].strip() == sim.token
        rl_headers, retry = sim.rate.hit(now, cfg["rate_limit_per_minute"],
                                         cfg["rate_limit_per_hour"], count=authorized)
        if not authorized:
            return 401, error_body(401, request_id=request_id), rl_headers, False
        if retry is not None:
            return (429, error_body(429, request_id=request_id),
                    rl_headers + [("retry-after", str(retry))], False)

        drop = False
        faults = sim.faults
        if faults and faults["_regex"].search(path) and (
                not faults["methods"] or method in faults["methods"]):
            if faults["latency_ms"]:
                time.sleep(faults["latency_ms"] / 1000.0)
            with sim.log_lock:
                roll = sim.rng.random()
                drop_roll = sim.rng.random()
                status = sim.rng.choice(faults["statuses"])
            if faults["rate"] and roll < faults["rate"]:
                headers = list(rl_headers)
                if status == 429:
                    headers = [h for h in headers if h[0] != "ratelimit-remaining"]
                    headers += [("ratelimit-remaining", "0"), ("retry-after", "1")]
                return status, error_body(status, request_id=request_id), headers, False
            if faults["drop_rate"] and drop_roll < faults["drop_rate"]:
                drop = True

        if not cfg["strict"] and len(path) > 1 and path.endswith("/"):
            path = path.rstrip("/") or "/"     # POST /v2/domains/ is POST /v2/domains
        route, params = sim.router.match(method if method != "HEAD" else "GET", path)
        if route is None:
            return 404, error_body(404, request_id=request_id), rl_headers, False

        body = None
        if raw.strip():
            try:
                body = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                return (400, error_body(400, "malformed JSON request body: %s" % exc,
                                        request_id=request_id), rl_headers, False)
        try:
            has_operation = sim.validator.has_operation(route.method, route.template)
            if has_operation and body is not None:
                schema = request_body_schema(sim.validator.spec, route.method, route.template)
                if schema is not None:
                    shape = BodyShape(sim.validator.spec)
                    if cfg["strict"]:
                        unknown = shape.unknown_fields(schema, body)
                        if unknown:
                            raise ValidationFailure("; ".join(
                                "%s: is not a field of this request (strict mode)" % name
                                for name in unknown))
                    elif shape.drop_nulls(schema, body):
                        raw = json.dumps(body).encode("utf-8")   # null means "not given"
            if has_operation:
                sim.validator.validate_request(route.method, route.template, path, params,
                                               pairs, dict(self.headers.items()),
                                               raw if raw.strip() else None)
        except ValidationFailure as exc:
            return (422, error_body(422, exc.message, "unprocessable_entity", request_id),
                    rl_headers, False)
        except Exception as exc:  # never a 500 because of validation
            return (422, error_body(422, "invalid request: %s" % exc, "unprocessable_entity",
                                    request_id), rl_headers, False)

        ctx = Context(sim, method, path, query, body, self._base_url(), self.headers)
        extra_headers = []
        try:
            with sim.state.lock:
                result = route.handler(ctx, **params)
            status, out = result[0], result[1]
            if len(result) > 2:
                extra_headers = list(result[2])
        except ApiError as err:
            status = err.status
            out = error_body(status, err.message, err.error_id, request_id)
            extra_headers = list(err.headers.items())
        except Exception as exc:  # a simulator bug: report it clearly
            status = 500
            out = error_body(500, "simulator error: %r" % (exc,), "server_error", request_id)

        if sim.validate_responses and status < 500:
            self._check_response(sim, route, status, rl_headers, out)
        return status, out, rl_headers + extra_headers, drop

    def _check_response(self, sim, route, status, headers, out):
        try:
            if isinstance(out, RawBody):
                problems = sim.validator.response_errors(route.method, route.template, status,
                                                         dict(headers), out.data, out.content_type)
            else:
                data = b"" if out is None else json.dumps(out).encode()
                problems = sim.validator.response_errors(route.method, route.template, status,
                                                         dict(headers), data)
        except Exception as exc:  # pragma: no cover
            problems = ["response validation crashed: %r" % (exc,)]
        if problems:
            entry = {"method": route.method, "path": route.template,
                     "status": status, "problems": problems}
            sim.response_problems.append(entry)
            sim.all_response_problems.append(entry)

    # ------------------------------------------------------------ control
    def _control(self, sim, method, path, query, raw):
        try:
            body = json.loads(raw.decode("utf-8")) if raw.strip() else {}
        except ValueError as exc:
            self._send(400, {"id": "bad_request", "message": "malformed JSON: %s" % exc})
            return
        try:
            status, out = self._control_inner(sim, method, path, query, body)
        except (ValueError, TypeError, KeyError) as exc:
            status, out = 400, {"id": "bad_request", "message": str(exc)}
        except ApiError as err:
            status, out = err.status, {"id": err.error_id, "message": err.message}
        self._send(status, out)

    def _control_inner(self, sim, method, path, query, body):
        if not isinstance(body, dict):
            raise ValueError("body must be a JSON object")
        parts = path.strip("/").split("/")[1:]
        head = parts[0] if parts else ""
        if head == "reset" and method == "POST":
            sim.reset()
            return 200, {"reset": True}
        if head == "health" and method == "GET":
            return 200, {"ok": True, "spec_ready": sim.validator._ready.is_set()}
        if head == "seed" and method == "POST":
            kind = body.pop("kind", "droplets")
            seeder = SEEDERS.get(kind)
            if seeder is None:
                raise ValueError("cannot seed %r; known kinds: %s" % (kind, ", ".join(sorted(SEEDERS))))
            ctx = Context(sim, "POST", path, {}, body, self._base_url(), self.headers)
            with sim.state.lock:
                ids = seeder(ctx, **body)
            return 200, {"created": len(ids), "ids": ids}
        if head == "requests":
            if method == "GET":
                with sim.log_lock:
                    return 200, {"requests": list(sim.log)}
            if method == "DELETE":
                with sim.log_lock:
                    sim.log = []
                return 200, {"requests": []}
        if head == "faults":
            if method == "GET":
                return 200, sim.public_faults()
            if method in ("PUT", "PATCH"):
                sim.set_faults(body)
                return 200, sim.public_faults()
            if method == "DELETE":
                sim.faults = {}
                return 200, {}
        if head == "clock" and method == "POST":
            return 200, {"now": sim.advance(body.get("advance", 0)), "offset": sim.clock_offset}
        if head == "config":
            if method == "GET":
                return 200, dict(sim.config)
            if method in ("PUT", "PATCH"):
                sim.set_config(body)
                return 200, dict(sim.config)
        if head == "state" and method == "GET" and len(parts) == 2:
            with sim.state.lock:
                data = json.loads(json.dumps(list(sim.state.collection(parts[1]).values())))
            return 200, {parts[1]: data}
        if head == "response_problems" and method == "GET":
            return 200, {"problems": list(sim.response_problems)}
        return 404, {"id": "not_found", "message": "unknown control endpoint %s %s" % (method, path)}
