# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The AnsibleModule side of the engine: common options, the client, errors caught once."""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import API_URL_ENV_VAR, DEFAULT_API_URL
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import TOKEN_ENV_VARS, DigitalOceanAPIError
from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanClient, DigitalOceanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import secrets_in
from ansible_collections.fathom.digitalocean.plugins.module_utils.engine import ResourceEngine
from ansible_collections.fathom.digitalocean.plugins.module_utils.sets import SetReconciler, SetSpec
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import WaitError


def connection_argument_spec():
    return dict(
        token=dict(type="str", no_log=True, aliases=["oauth_token", "api_token"],
                   fallback=(env_fallback, list(TOKEN_ENV_VARS))),
        api_url=dict(type="str", default=DEFAULT_API_URL, fallback=(env_fallback, [API_URL_ENV_VAR])),
        timeout=dict(type="int", default=30),
        api_retries=dict(type="int", default=5),
        api_retry_max_delay=dict(type="int", default=30),
        validate_certs=dict(type="bool", default=True),
    )


DEFAULT_WAIT_TIMEOUT = 600


def wait_argument_spec(wait_timeout=DEFAULT_WAIT_TIMEOUT):
    return dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=wait_timeout),
    )


class DigitalOceanModule:
    """Builds the AnsibleModule with the common options and runs the engine for a ResourceSpec."""

    def __init__(self, argument_spec, waits=True, supports_check_mode=True, wait_timeout=DEFAULT_WAIT_TIMEOUT,
                 **kwargs):
        """waits: the module has the wait options; wait_timeout: their default, longer for resources
        that take long to come up (a database cluster, an app's first deployment)."""
        spec = connection_argument_spec()
        if waits:
            spec.update(wait_argument_spec(wait_timeout))
        spec.update(argument_spec)
        self.ansible = AnsibleModule(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        self.params = self.ansible.params
        if not HAS_REQUESTS:
            self.ansible.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = DigitalOceanClient(
                token=self.params.get("token"),
                api_url=self.params.get("api_url"),
                timeout=self.params.get("timeout"),
                retries=self.params.get("api_retries"),
                retry_max_delay=self.params.get("api_retry_max_delay"),
                validate_certs=self.params.get("validate_certs"),
                warn=self.ansible.warn,
            )
        return self._client

    def fail(self, msg, **extra):
        self.ansible.fail_json(msg=msg, **extra)

    def engine(self, spec):
        """The engine that carries spec out with this task's options: a SetReconciler for a set."""
        if isinstance(spec, SetSpec):
            return SetReconciler(spec, self.client, self.params, check_mode=self.ansible.check_mode,
                                 warn=self.ansible.warn)
        return ResourceEngine(spec, self.client, self.params, check_mode=self.ansible.check_mode,
                              warn=self.ansible.warn, mask=self._mask)

    def run(self, spec):
        """Reconcile the resource and exit; every failure becomes one clear fail_json."""
        self._mask_option_secrets(spec)
        self.exit(lambda: self.engine(spec).run())

    def run_info(self, spec, filters=None, query=None, expand=None):
        """List resources for an _info module under the plural of the spec's kind; never changed."""
        self.exit(lambda: self.engine(spec).run_info(filters or {}, query, expand))

    def _mask_option_secrets(self, spec):
        """Option values the spec calls secret (app SECRET env values) are masked before anything runs."""
        if getattr(spec, "secrets", None) is None:
            return
        try:
            values = spec.secrets(self.params)
        # A malformed option fails later, with its own message.
        except Exception:  # pylint: disable=broad-except
            values = []
        self._mask(values)

    def _mask(self, values):
        if not self.ansible.no_log:
            self.ansible.no_log_values.update(value for value in values if value)

    def exit(self, produce):
        try:
            result = produce()
        except DigitalOceanAPIError as exc:
            self.fail(str(exc), failure=exc.as_failure())
        except WaitError as exc:
            self.fail(str(exc), failure=exc.details)
        except DigitalOceanError as exc:
            self.fail(str(exc))
        if not self.ansible.no_log:
            # Passwords and connection URIs in API objects are masked in the output; plan and diff
            # already show "(sensitive)". With no_log on the task, Ansible hides the whole result and
            # later tasks get the values as they are.
            objects = {key: value for key, value in result.items() if key not in ("plan", "diff")}
            self.ansible.no_log_values.update(secrets_in(objects))
        self.ansible.exit_json(**result)
