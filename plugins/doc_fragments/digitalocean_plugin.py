# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Connection options of the controller-side plugins (inventory, lookups). Same meaning and
    # the same environment variables as the modules' options.
    DOCUMENTATION = r"""
options:
  token:
    description:
      - DigitalOcean API token. May be a template, for example a vaulted variable or a lookup.
      - When not set, the first of the environment variables E(DIGITALOCEAN_ACCESS_TOKEN),
        E(DIGITALOCEAN_TOKEN), E(DO_API_TOKEN), E(DO_API_KEY), E(DO_OAUTH_TOKEN) and E(OAUTH_TOKEN)
        that is set is used, in that order, as the modules do.
      - The token never appears in output, caches or error messages.
      - Surrounding whitespace (the newline a vault file or a YAML block scalar leaves) is
        ignored; a token with whitespace or a control character inside is refused.
    type: str
    aliases: [oauth_token, api_token]
  api_url:
    description:
      - Base URL of the DigitalOcean API, without or with a trailing C(/v2). May be a template.
      - The token is sent over plain C(http://) only to loopback addresses (a local simulator).
      - It may not hold credentials (C(user:password@)); give the token with O(token).
    type: str
    default: https://api.digitalocean.com
    env:
      - name: DIGITALOCEAN_API_URL
  timeout:
    description: Seconds to wait for one HTTP response before it counts as failed.
    type: int
    default: 30
  api_retries:
    description:
      - How many times a request is retried after a rate limit (HTTP 429), a server error
        (HTTP 500, 502, 503, 504) or a connection error.
    type: int
    default: 5
  api_retry_max_delay:
    description: Upper bound, in seconds, of the exponential backoff between retries.
    type: int
    default: 30
  validate_certs:
    description:
      - Verify the API's TLS certificate.
      - Turning this off prints a warning.
    type: bool
    default: true
"""
