"""Settings of the simulator and the helpers behind its realism knobs.

The configuration (``GET``/``PUT /_sim/config``, ``Simulator(**settings)``, the command line) has
three parts:

* timing and rate limits: ``action_seconds``, ``boot_seconds``, ``rate_limit_per_minute``,
  ``rate_limit_per_hour``;
* ``strict``: reject ``null`` for fields the spec does not declare nullable and fields the spec
  does not declare at all, and do not tolerate a trailing slash (the collection's own tests);
  off (the default), a ``null`` means "not given" and ``/v2/domains/`` is ``/v2/domains``;
* ``realism``: a preset for the knobs in :data:`KNOBS` (the quirks and delays of the real API).
  ``true`` sets every knob to its real-ish value times ``realism_scale`` (1.0), ``"fast"`` to a
  tenth of it, ``false`` turns every knob off (the simulator's behaviour before the knobs
  existed).  Knobs given next to ``realism`` (in the same request or constructor call) win.

README.md documents each knob with its source.
"""
import math

from tests.simulator.state import ApiError, not_found

BASE = {
    "action_seconds": 0.5,
    "boot_seconds": 1.0,
    "rate_limit_per_minute": 250,
    "rate_limit_per_hour": 5000,
}
FAST_SCALE = 0.1

# knob -> (kind, value when realism is on (seconds are multiplied by realism_scale), value off)
KNOBS = {
    "consistency_seconds": ("seconds", 2.0, 0.0),
    "busy_droplets": ("bool", True, False),
    "busy_after_seconds": ("seconds", 2.0, 0.0),
    "ipv4_delay_seconds": ("seconds", 2.0, 0.0),
    "dependant_errors": ("bool", True, False),
    "dependant_release_seconds": ("seconds", 3.0, 0.0),
    "case_insensitive_tags": ("bool", True, False),
    "record_set_ttl": ("bool", True, False),
    "reserved_ip_projects": ("bool", True, False),
    "null_empty_lists": ("bool", True, False),
    "firewall_apply_seconds": ("seconds", 2.0, 0.0),
    "database_create_seconds": ("seconds_or_null", 6.0, None),
    "database_transition_delay_seconds": ("seconds", 1.0, 0.0),
    "special_rate_limits": ("bool", True, False),
}
PRESET_KEYS = ("realism", "realism_scale")
ALL_KEYS = tuple(BASE) + ("strict",) + PRESET_KEYS + tuple(KNOBS)


def _number(key, value, allow_none=False):
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 \
            or (isinstance(value, float) and math.isnan(value)) or value == float("inf"):
        raise ValueError("%s must be a non-negative number%s" % (key, " or null" if allow_none else ""))
    return value


def _clean(key, value):
    if key.startswith("rate_limit"):
        return int(_number(key, value))
    if key in ("action_seconds", "boot_seconds"):
        return float(_number(key, value))
    if key == "strict":
        if not isinstance(value, bool):
            raise ValueError("strict must be true or false")
        return value
    if key == "realism":
        if value not in (True, False, "fast"):
            raise ValueError('realism must be true, false or "fast"')
        return value
    if key == "realism_scale":
        value = _number(key, value)
        if value <= 0:
            raise ValueError("realism_scale must be greater than 0")
        return float(value)
    kind = KNOBS[key][0]
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("%s must be true or false" % key)
        return value
    value = _number(key, value, allow_none=(kind == "seconds_or_null"))
    return None if value is None else float(value)


def preset(realism, scale=1.0):
    """The knob values of a realism preset."""
    if realism == "fast":
        scale = scale * FAST_SCALE
    out = {}
    for key, (kind, on_value, off_value) in KNOBS.items():
        if not realism:
            out[key] = off_value
        elif kind == "bool":
            out[key] = on_value
        else:
            out[key] = round(on_value * scale, 6)
    return out


def apply(config, update):
    """Return ``config`` updated with ``update`` (validated); ``realism``/``realism_scale``
    re-apply the preset first, other keys of the same update win over it."""
    unknown = set(update) - set(ALL_KEYS)
    if unknown:
        raise ValueError("unknown config settings: %s" % ", ".join(sorted(unknown)))
    clean = {key: _clean(key, value) for key, value in update.items()}
    out = dict(config)
    if any(key in clean for key in PRESET_KEYS):
        out["realism"] = clean.get("realism", out.get("realism", True))
        out["realism_scale"] = clean.get("realism_scale", out.get("realism_scale", 1.0))
        out.update(preset(out["realism"], out["realism_scale"]))
    out.update({k: v for k, v in clean.items() if k not in PRESET_KEYS})
    return out


def initial(realism=True, strict=False, **settings):
    """The start-up configuration: defaults, the realism preset, then explicit settings."""
    config = dict(BASE, strict=False, realism=True, realism_scale=1.0)
    config.update(preset(True))
    first = {"realism": realism, "strict": strict}
    if "realism_scale" in settings:
        first["realism_scale"] = settings.pop("realism_scale")
    config = apply(config, first)
    return apply(config, settings)


# ------------------------------------------------------------ helpers for resource modules
def seconds(ctx, key):
    return float(ctx.config.get(key) or 0.0)


def enabled(ctx, key):
    return bool(ctx.config.get(key))


# eventual consistency: a record created through the API is invisible for consistency_seconds
def mark_created(ctx, kind, record):
    delay = seconds(ctx, "consistency_seconds")
    if delay > 0:
        record["visible_at"] = ctx.now + delay
        hidden = ctx.state.hidden_until
        hidden[kind] = max(hidden.get(kind, 0.0), record["visible_at"])


def is_hidden(ctx, record):
    return ctx.now < record.get("visible_at", 0.0)


def check_visible(ctx, record):
    """404 for a read (GET/HEAD) of a record that is not visible yet."""
    if ctx.method in ("GET", "HEAD") and is_hidden(ctx, record):
        raise not_found()
    return record


def listable(ctx, kind, items, total=None):
    """(items, total) without the records of ``kind`` still invisible; O(1) when none is."""
    if ctx.now >= ctx.state.hidden_until.get(kind, 0.0):
        return items, total
    kept = [record for record in items if not is_hidden(ctx, record)]
    return kept, len(kept)


# dependants that went away keep blocking a delete for dependant_release_seconds
def note_release(ctx, record):
    record["released_at"] = ctx.now


def recently_released(ctx, record):
    released = record.get("released_at")
    return released is not None and ctx.now < released + seconds(ctx, "dependant_release_seconds")


# the special rate limits of the reference's Rate Limit section
def window_limit(ctx, name, limit, window, message):
    """Count a request against a rolling window; 429 with ``retry-after`` beyond ``limit``."""
    hits = ctx.coll("_special_rate_limits").setdefault(name, [])
    hits[:] = [t for t in hits if t > ctx.now - window]
    if len(hits) >= limit:
        retry = max(1, int(math.ceil(hits[0] + window - ctx.now)))
        raise ApiError(429, "too_many_requests", message, headers={"retry-after": str(retry)})
    hits.append(ctx.now)
