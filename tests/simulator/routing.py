"""Route registry used by the resource modules.

A resource module registers its handlers with::

    from tests.simulator.routing import route

    @route("GET", "/v2/droplets/{droplet_id}")
    def get_droplet(ctx, droplet_id):
        ...
        return 200, {"droplet": ...}

The path template must be spelled exactly like the path in the OpenAPI spec:
the server validates every request against that spec operation.  Handlers get
a :class:`tests.simulator.state.Context` and the path parameters as strings
and return ``(status, body)`` (body: JSON-able object or ``None``).  They run
with the state lock held.  Raise :class:`tests.simulator.state.ApiError` for
error answers.
"""
import re

ROUTES = []          # list of Route
_HOOKS = {}          # event name -> [callables]


class Route(object):
    __slots__ = ("method", "template", "regex", "handler", "static")

    def __init__(self, method, template, handler):
        self.method = method.upper()
        self.template = template
        self.handler = handler
        self.static = "{" not in template
        pattern = re.sub(r"\\\{([a-zA-Z_][a-zA-Z0-9_]*)\\\}",
                         lambda m: "(?P<%s>[^/]+)" % m.group(1), re.escape(template))
        self.regex = re.compile("^" + pattern + "$")


def route(method, template):
    def deco(fn):
        ROUTES.append(Route(method, template, fn))
        return fn
    return deco


def on(event):
    """Subscribe to a state event, e.g. ``@on("droplet.deleted")``.

    Handlers are called as ``fn(ctx, obj)`` with the state lock held.  Use it
    to keep cross-resource references consistent (e.g. a future firewalls
    module removes a deleted droplet from its firewalls) without touching the
    module that emits the event.
    """
    def deco(fn):
        _HOOKS.setdefault(event, []).append(fn)
        return fn
    return deco


def emit(ctx, event, obj):
    for fn in _HOOKS.get(event, ()):
        fn(ctx, obj)


class Router(object):
    def __init__(self, routes):
        # static templates win over templated ones (/v2/droplets/actions
        # before /v2/droplets/{droplet_id}); fewer parameters first.
        self.routes = sorted(routes, key=lambda r: (not r.static, r.template.count("{")))

    def match(self, method, path):
        """Return (route, params) or (None, allowed) when no method matches."""
        path_matched = False
        for r in self.routes:
            m = r.regex.match(path)
            if m:
                path_matched = True
                if r.method == method:
                    return r, m.groupdict()
        return None, path_matched


SEEDERS = {}         # kind -> fn(ctx, **options) -> list of ids


def seeder(kind):
    """Register a ``POST /_sim/seed`` handler for ``{"kind": kind, ...}``."""
    def deco(fn):
        SEEDERS[kind] = fn
        return fn
    return deco
