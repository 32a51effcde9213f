# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Comparing a desired App Platform spec with the live one.

The API fills in defaults (instance_count 1, instance_size_slug, http_port 8080, routes ...) and
leaves out zero values (false, "", []). Comparing the task's spec with the live spec as they are
would report a change on every run. The rules here:

- dicts: only the keys the task sets are compared ("desired is a subset of live"); a key the API
  left out matches a zero value (false, 0, "", [], {}, null) in the task;
- lists of dicts whose items carry an identifying key (components by ``name``, env vars by ``key``,
  domains by ``domain``) are paired by that key, order-insensitive, and the sets of keys must be
  equal, so a removed or added item is a change;
- other lists are compared item by item, in order, with the same length, so removals show;
- scalars compare by value, with "8080" equal to 8080 (templated values arrive as strings);
- an env var of type SECRET comes back encrypted (``EV[...]``): its value cannot be compared and is
  left out of the comparison; in plans and diffs its value is shown as "(sensitive)".
"""

from __future__ import annotations

import copy

SENSITIVE = "(sensitive)"
PAIRING_KEYS = ("name", "key", "domain")
ENCRYPTED_PREFIX = "EV["


def _is_zero(value):
    return value is None or value is False or value == 0 and not isinstance(value, bool) or value in ("", [], {})


def _scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def pairing_key(items):
    """The key that identifies the items of a list of dicts, or None (compare by position)."""
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in PAIRING_KEYS:
        if all(item.get(key) not in (None, "") for item in items):
            return key
    return None


def _is_secret_env(desired, live):
    kinds = {str((desired or {}).get("type") or "").upper(), str((live or {}).get("type") or "").upper()}
    return "SECRET" in kinds


def matches(desired, live):
    """True when every value the desired spec sets is what the live spec has."""
    if desired is None:
        return True
    if live is None:
        return _is_zero(desired)
    if isinstance(desired, dict):
        if not isinstance(live, dict):
            return False
        secret = "key" in desired and _is_secret_env(desired, live)
        for key, want in desired.items():
            have = live.get(key)
            if secret and key == "value" and isinstance(have, str) and have.startswith(ENCRYPTED_PREFIX):
                continue
            if not matches(want, have):
                return False
        return True
    if isinstance(desired, list):
        if not isinstance(live, list) or len(desired) != len(live):
            return False
        key = pairing_key(desired)
        if key and pairing_key(live) == key:
            by_key = {item[key]: item for item in live}
            if set(by_key) != {item[key] for item in desired}:
                return False
            return all(matches(item, by_key[item[key]]) for item in desired)
        return all(matches(want, have) for want, have in zip(desired, live))
    if isinstance(live, (dict, list)):
        return False
    if type(desired) is type(live):
        return desired == live
    return _scalar(desired) == _scalar(live)


def project(live, desired):
    """The part of the live spec that the desired spec talks about, for plans and diffs.

    Keys the task does not set are left out; items of a paired list that the task does not name
    are kept whole (they would be removed).
    """
    if isinstance(desired, dict) and isinstance(live, dict):
        return {key: project(live[key], want) for key, want in desired.items() if key in live}
    if isinstance(desired, list) and isinstance(live, list):
        key = pairing_key(desired)
        if key and pairing_key(live) == key:
            wanted = {item[key]: item for item in desired}
            return [project(item, wanted[item[key]]) if item[key] in wanted else copy.deepcopy(item)
                    for item in live]
        if len(desired) == len(live):
            return [project(have, want) for have, want in zip(live, desired)]
    return copy.deepcopy(live)


def mask_secrets(spec):
    """A copy of spec with the value of every SECRET env var replaced by "(sensitive)"."""
    if isinstance(spec, dict):
        masked = {key: mask_secrets(value) for key, value in spec.items()}
        if "key" in spec and "value" in spec and str(spec.get("type") or "").upper() == "SECRET":
            masked["value"] = SENSITIVE
        return masked
    if isinstance(spec, list):
        return [mask_secrets(item) for item in spec]
    return spec


def secret_values(spec):
    """The plain values of SECRET env vars in spec (to keep them out of logs)."""
    found = []
    if isinstance(spec, dict):
        if "key" in spec and str(spec.get("type") or "").upper() == "SECRET":
            value = spec.get("value")
            if isinstance(value, str) and value and not value.startswith(ENCRYPTED_PREFIX):
                found.append(value)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                # A number the task meant as a secret: masked as the text the output would show.
                found.append(str(value))
        for value in spec.values():
            found.extend(secret_values(value))
    elif isinstance(spec, list):
        for item in spec:
            found.extend(secret_values(item))
    return found
