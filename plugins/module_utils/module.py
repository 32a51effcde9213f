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
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import MasksSecretsEarly, secrets_in
from ansible_collections.fathom.digitalocean.plugins.module_utils.controller import ControllerModule, current_task
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


# Options every module checks before any request: (option, least value).
LEAST_VALUES = (("timeout", 1), ("api_retries", 0), ("api_retry_max_delay", 0), ("wait_timeout", 1))


class _SecretAwareModule(MasksSecretsEarly, AnsibleModule):
    """AnsibleModule that masks the option values secrets(params) names as soon as the options are
    read, before their validation can fail and print them back (with -vvv, in `invocation`)."""

    def __init__(self, *args, **kwargs):
        self._secrets_of = kwargs.pop("secrets", None)
        super().__init__(*args, **kwargs)

    def _load_params(self):
        super()._load_params()
        self.mask_url_credentials()
        self.mask_declared_secrets(self._secrets_of)


class DigitalOceanModule:
    """Builds the AnsibleModule with the common options and runs the engine for a ResourceSpec."""

    def __init__(self, argument_spec, waits=True, supports_check_mode=True, wait_timeout=DEFAULT_WAIT_TIMEOUT,
                 secrets=None, **kwargs):
        """waits: the module has the wait options; wait_timeout: their default, longer for resources
        that take long to come up (a database cluster, an app's first deployment); secrets(params):
        the option values to mask from the start (a spec's `secrets`)."""
        spec = connection_argument_spec()
        if waits:
            spec.update(wait_argument_spec(wait_timeout))
        spec.update(argument_spec)
        # On the controller path (an action plugin runs main() in its worker), a ControllerModule
        # stands in for AnsibleModule.
        host = ControllerModule if current_task() else _SecretAwareModule
        self.ansible = host(argument_spec=spec, supports_check_mode=supports_check_mode, secrets=secrets, **kwargs)
        self.progress = getattr(self.ansible, "progress", None)
        self.params = self.ansible.params
        self.ansible.mask_url_credentials()  # api_url may come from the environment
        if not HAS_REQUESTS:
            self.ansible.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        for option, least in LEAST_VALUES:
            value = self.params.get(option)
            if value is not None and value < least:
                self.fail("%s must be at least %d, got %d" % (option, least, value))
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
                                 warn=self.ansible.warn, progress=self.progress)
        return ResourceEngine(spec, self.client, self.params, check_mode=self.ansible.check_mode,
                              warn=self.ansible.warn, mask=self._mask, progress=self.progress)

    def run(self, spec):
        """Reconcile the resource and exit; every failure becomes one clear fail_json."""
        # A set (SetSpec) has no public keys.
        self.exit(lambda: self.engine(spec).run(), public=getattr(spec, "public", ()))

    def run_info(self, spec, filters=None, query=None, expand=None, extras=None):
        """List resources for an _info module under the plural of the spec's kind; never changed."""
        self.exit(lambda: self.engine(spec).run_info(filters or {}, query, expand, extras),
                  public=getattr(spec, "public", ()))

    def _mask(self, values):
        if not self.ansible.no_log:
            self.ansible.no_log_values.update(value for value in values if value)

    def exit(self, produce, public=()):
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
            self.ansible.no_log_values.update(secrets_in(objects, public))
        self.ansible.exit_json(**result)
