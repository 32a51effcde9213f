# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Controller-side base shared by the inventory and lookup plugins.

Options become a DigitalOceanClient here (token and api_url templated, the same environment
variables as the modules), and every client error becomes one clear AnsibleError or
AnsibleParserError naming the cause. Nothing else in the plugins builds a client or catches the
client's exceptions.
"""

from __future__ import annotations

import contextlib

from ansible.errors import AnsibleError

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import TOKEN_ENV_VARS, API_URL_ENV_VAR
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import ConfigurationError, DigitalOceanAPIError
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanClient, DigitalOceanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import TransportError, clean_token
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import env_fallback_token, normalize_api_url

_HINTS = {
    401: "; check the token (the token option, or one of the environment variables %s)" % ", ".join(TOKEN_ENV_VARS),
    403: "; the token lacks the scope this request needs",
    404: "; check api_url and the names and ids given",
}


def _template(templar, value, variables=None):
    """Render a templated string option (a vaulted token, a lookup); other values pass through."""
    if templar is None or not isinstance(value, str) or ("{{" not in value and "{%" not in value):
        return value
    if variables is not None:
        templar.available_variables = variables
    return templar.template(value)


def _int_option(get_option, name, minimum, error_class):
    value = get_option(name)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise error_class("Option %s must be an integer, got %r" % (name, value))
    if number < minimum:
        raise error_class("Option %s must be at least %d, got %d" % (name, minimum, number))
    return number


def connection_options(get_option, templar=None, variables=None, error_class=AnsibleError):
    """(token, api_url) as a client of the plugin's options uses them.

    token and api_url may be templates (rendered with the templar and variables given); an unset
    token falls back to the environment variables the modules read, in the same order. The token
    loses its surrounding whitespace ("" when nothing is left) and the URL is normalized, so that
    what the inventory cache is keyed on is what the client sends.
    """
    try:
        token = _template(templar, get_option("token"), variables)
        api_url = _template(templar, get_option("api_url"), variables)
    except AnsibleError as exc:
        raise error_class("Could not template the token or api_url option: %s" % exc.message) from None
    try:
        return clean_token(token or env_fallback_token()), normalize_api_url(api_url or None)
    except ConfigurationError as exc:
        raise error_class(str(exc)) from None


def build_client(get_option, templar=None, variables=None, warn=None, error_class=AnsibleError):
    """A DigitalOceanClient from the plugin's connection options (see connection_options).

    get_option is the plugin's get_option.
    """
    if not HAS_REQUESTS:
        raise error_class("The Python library 'requests' is required on the controller: %s" % REQUESTS_IMPORT_ERROR)
    token, api_url = connection_options(get_option, templar, variables, error_class)
    timeout = _int_option(get_option, "timeout", 1, error_class)
    retries = _int_option(get_option, "api_retries", 0, error_class)
    max_delay = _int_option(get_option, "api_retry_max_delay", 0, error_class)
    try:
        return DigitalOceanClient(
            token=token,
            api_url=api_url,
            timeout=timeout,
            retries=retries,
            retry_max_delay=max_delay,
            validate_certs=bool(get_option("validate_certs")),
            warn=warn,
        )
    except ConfigurationError as exc:
        raise error_class(str(exc)) from None


def describe(exc):
    """One line for a client error, with a hint for the usual causes."""
    if isinstance(exc, DigitalOceanAPIError):
        return "%s%s" % (exc, _HINTS.get(exc.status, ""))
    if isinstance(exc, TransportError):
        return "%s; check api_url (or %s) and the network" % (exc, API_URL_ENV_VAR)
    return str(exc)


@contextlib.contextmanager
def api_errors(what, error_class=AnsibleError):
    """Turn the client's exceptions into error_class('<what>: <cause>'), without a traceback."""
    try:
        yield
    except DigitalOceanError as exc:
        raise error_class("%s: %s" % (what, describe(exc))) from None
