# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Definitions every layer shares: patterns, the sensitive marker, secret detection, and the rule
for choosing exactly one resource by name. Modules, the engine and the controller-side plugins all
import them from here; see docs/design.md, "Shared definitions".
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanError

# What plans, diffs and drift reports show in place of a secret value.
SENSITIVE = "(sensitive)"
# What a check-mode run returns for a value only the API assigns (an id, an address) of a resource it
# plans to create; a later task of the same check run may take it as an option.
KNOWN_AFTER_APPLY = "(known after apply)"

UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# The API's rule for tag names: letters, digits, colons, dashes and underscores, up to 255.
TAG_NAME = re.compile(r"^[a-zA-Z0-9_\-:]{1,255}$")
# Region, size and image slugs: lower case letters, digits and dashes.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Keys whose string values are secrets wherever they appear in an API object.
SECRET_KEYS = frozenset(("password", "uri", "access_key", "access_cert", "private_key", "user_data"))
# Field names the drift report treats as secrets when it shows values.
SECRET_FIELD = re.compile(r"(password|passwd|secret|private_key|user_data|token|(^|_)uri$|api_key)", re.I)


class PlanError(DigitalOceanError):
    """The declared state cannot be reached, found before any change is made."""


class MasksSecretsEarly:
    """For a module host (params, no_log_values): values masked as soon as the options are read,
    before their validation can fail and print them back (with -vvv, in `invocation`)."""

    def mask_url_credentials(self):
        """Credentials pasted into api_url (user:password@) are refused later; never shown meanwhile."""
        userinfo = urlsplit(str(self.params.get("api_url") or "")).netloc.rpartition("@")[0]
        if userinfo:
            self.no_log_values.add(userinfo)

    def mask_declared_secrets(self, secrets_of):
        """The values secrets_of(params) names (a spec's `secrets`)."""
        if secrets_of is None:
            return
        try:
            values = secrets_of(self.params)
        # Options too malformed to read secrets from fail validation with their own message.
        except Exception:  # pylint: disable=broad-except
            values = []
        self.no_log_values.update(str(value) for value in values if value not in (None, ""))


def is_ipv4(text):
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def check_ipv4(params, option, what):
    """Refuse, naming the option, a value that is not an IPv4 address; what says what it is for."""
    value = params.get(option)
    if value is not None and not is_ipv4(value):
        raise PlanError("%s must be an IPv4 address (%s), got %r" % (option, what, value))


def _is_secret(key, item):
    return key in SECRET_KEYS and isinstance(item, str) and item and item != SENSITIVE


def unknown_options(value, path=""):
    """The option paths whose value is KNOWN_AFTER_APPLY, such as forwarding_rules[0].certificate_id."""
    if isinstance(value, dict):
        return [found for key, item in value.items()
                for found in unknown_options(item, "%s.%s" % (path, key) if path else str(key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in unknown_options(item, "%s[%d]" % (path, index))]
    return [path] if value == KNOWN_AFTER_APPLY else []


def is_unknown(value):
    return value == KNOWN_AFTER_APPLY


def secrets_in(value, public=()):
    """Every secret string (passwords, URIs, keys) anywhere in an API object; the keys named in public
    hold identifiers there, not secrets (a Spaces key's access_key)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in public and _is_secret(key, item):
                found.append(item)
            else:
                found.extend(secrets_in(item, public))
    elif isinstance(value, list):
        for item in value:
            found.extend(secrets_in(item, public))
    return found


def without_secrets(value):
    """A copy of an API object with every secret string secrets_in would find shown as SENSITIVE."""
    if isinstance(value, dict):
        return {key: SENSITIVE if _is_secret(key, item) else without_secrets(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_secrets(item) for item in value]
    return value


def exactly_one(items, what, criteria, id_field="id", hint=None, error=PlanError, ids_prefix="ids "):
    """The one item of `items`, None when there is none, an error when there are several.

    what names the items in the plural ("database clusters"); criteria says, with its verb, what
    they have in common ("are named backend", "match name=web-1"). The error lists the ids and ends
    with hint (default: how to choose one).
    """
    items = list(items)
    if len(items) > 1:
        ids = ", ".join(str(item.get(id_field)) for item in items)
        raise error("%d %s %s: %s%s. %s" % (
            len(items), what, criteria, ids_prefix, ids, hint or "Give the %s to choose one." % id_field))
    return items[0] if items else None


# Last words of kind names that are already plural (database_options_info lists database_options), or
# that have no plural (nfs_info lists nfs).
_ALREADY_PLURAL = ("options", "nfs")


def plural(kind):
    """The plural of a kind name, as info modules and lookups name lists: vpc -> vpcs."""
    if kind.rsplit("_", 1)[-1] in _ALREADY_PLURAL:
        return kind
    if kind.endswith("y") and not kind.endswith(("ay", "ey", "oy", "uy")):
        return kind[:-1] + "ies"
    if kind.endswith(("s", "x")):
        return kind + "es"
    return kind + "s"
