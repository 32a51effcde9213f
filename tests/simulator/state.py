"""Simulator state: store, ids, timestamps, errors, pagination helper."""
import itertools
import threading
import time
import uuid
from urllib.parse import urlencode

NOT_FOUND_MESSAGE = "The resource you were accessing could not be found."


class ApiError(Exception):
    def __init__(self, status, error_id, message, headers=None):
        Exception.__init__(self, message)
        self.status = status
        self.error_id = error_id
        self.message = message
        self.headers = headers or {}


class RawBody(object):
    """An answer that is not JSON (a kubeconfig's YAML): its bytes and content type."""

    def __init__(self, data, content_type):
        self.data = data if isinstance(data, bytes) else data.encode("utf-8")
        self.content_type = content_type


def not_found(message=NOT_FOUND_MESSAGE):
    return ApiError(404, "not_found", message)


def unprocessable(message):
    return ApiError(422, "unprocessable_entity", message)


def bad_request(message):
    return ApiError(400, "bad_request", message)


def conflict(message):
    return ApiError(409, "conflict", message)


def iso(ts):
    """ISO 8601 UTC with a 'Z', like the API: 2020-07-21T18:37:44Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def new_uuid():
    return str(uuid.uuid4())


class State(object):
    """All mutable simulator state; guarded by ``lock``.

    Resource modules keep their objects in ``collection(kind)`` (a dict
    id -> record, insertion ordered).  Records are plain dicts holding the
    internal representation; each resource module renders them to API
    objects.
    """

    def __init__(self):
        self.lock = threading.RLock()
        # ids keep increasing across resets so stale ids never alias.
        self._counters = {}
        self._collections = {}
        self.reset()

    def reset(self):
        self._collections = {}
        # tag name -> {(resource_type, resource_id): True} in tagging order
        self.tag_index = {}
        # kind -> time until which some record of the kind is still invisible
        # (realism knob consistency_seconds; see realism.listable)
        self.hidden_until = {}

    def collection(self, kind):
        coll = self._collections.get(kind)
        if coll is None:
            coll = self._collections[kind] = {}
        return coll

    def kinds(self):
        return list(self._collections)

    def next_id(self, kind, start):
        counter = self._counters.get(kind)
        if counter is None:
            counter = self._counters[kind] = itertools.count(start)
        return next(counter)


class Context(object):
    """Per-request context passed to handlers."""

    def __init__(self, sim, method, path, query, body, base_url, headers):
        self.sim = sim
        self.state = sim.state
        self.config = sim.config
        self.method = method
        self.path = path
        self.query = query          # dict str -> str (last value wins)
        self.body = body            # parsed JSON or None
        self.base_url = base_url    # e.g. http://127.0.0.1:8089
        self.headers = headers
        self.now = sim.now() if hasattr(sim, "now") else time.time()

    def coll(self, kind):
        return self.state.collection(kind)

    def emit(self, event, obj):
        from tests.simulator.routing import emit
        emit(self, event, obj)

    def url(self, path):
        return self.base_url + path

    def json_body(self):
        """The body as a dict (validation already rejected non-objects)."""
        body = self.body
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise unprocessable("request body must be a JSON object")
        return body

    # ------------------------------------------------------------ pagination
    def page_params(self):
        def as_int(name, default):
            try:
                return int(self.query.get(name, default))
            except (TypeError, ValueError):
                return default
        per_page = as_int("per_page", 20)
        page = as_int("page", 1)
        per_page = max(1, min(per_page, 200))   # the API caps per_page at 200
        page = max(1, page)
        return page, per_page

    def paginate(self, key, items, render, total=None):
        """Build a paginated collection answer.

        ``items`` is a sequence or an iterable (e.g. ``dict.values()``) and
        ``total`` its length (computed with len() when omitted).  Only the
        requested page is rendered, so listing stays O(page).
        """
        page, per_page = self.page_params()
        if total is None:
            total = len(items)
        start = (page - 1) * per_page
        if isinstance(items, list):
            chunk = items[start:start + per_page]
        else:
            chunk = itertools.islice(items, start, start + per_page)
        body = {key: [render(x) for x in chunk]}
        last = max(1, (total + per_page - 1) // per_page)
        pages = {}
        if page > 1:
            pages["first"] = self._page_url(1, per_page)
            pages["prev"] = self._page_url(min(page - 1, last), per_page)
        if page < last:
            pages["next"] = self._page_url(page + 1, per_page)
            pages["last"] = self._page_url(last, per_page)
        body["links"] = {"pages": pages} if pages else {}
        body["meta"] = {"total": total}
        return body

    def _page_url(self, page, per_page):
        params = [("page", str(page))]
        if "per_page" in self.query:
            params.append(("per_page", str(per_page)))
        for k, v in self.query.items():
            if k not in ("page", "per_page"):
                params.append((k, v))
        return "%s%s?%s" % (self.base_url, self.path, urlencode(params))
