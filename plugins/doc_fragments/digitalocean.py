# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Connection options shared by every module of the collection.
    DOCUMENTATION = r"""
options:
  token:
    description:
      - DigitalOcean API token.
      - When not set, the first of the environment variables E(DIGITALOCEAN_ACCESS_TOKEN),
        E(DIGITALOCEAN_TOKEN), E(DO_API_TOKEN), E(DO_API_KEY), E(DO_OAUTH_TOKEN) and E(OAUTH_TOKEN)
        that is set is used.
      - The token is never logged and never appears in results, diffs or error messages.
      - Surrounding whitespace (the newline a vault file or a YAML block scalar leaves) is
        ignored; a token with whitespace or a control character inside is refused.
    type: str
    aliases: [oauth_token, api_token]
  api_url:
    description:
      - Base URL of the DigitalOcean API, without or with a trailing C(/v2).
      - Falls back to the environment variable E(DIGITALOCEAN_API_URL).
      - The token is sent over plain C(http://) only to loopback addresses (a local simulator).
      - It may not hold credentials (C(user:password@)); give the token with O(token).
    type: str
    default: https://api.digitalocean.com
  timeout:
    description: Seconds to wait for one HTTP response before it counts as failed.
    type: int
    default: 30
  api_retries:
    description:
      - How many times a request is retried after a rate limit (HTTP 429), a server error
        (HTTP 500, 502, 503, 504) or a connection error.
      - A create (POST) whose outcome is unknown is retried only after a lookup shows it did not
        happen, so a retry never creates a duplicate.
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

    # For modules that start asynchronous work (actions, boots, deployments).
    WAIT = r"""
options:
  wait:
    description:
      - Wait for the asynchronous work the task starts (actions, status changes, deletion)
        to finish before returning.
      - Polling uses a capped exponential backoff that starts near one second.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for asynchronous work before failing the task.
    type: int
    default: 600
"""

    # For modules that change things: check mode and --diff work the same way everywhere.
    ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description: Computes the same plan as a real run and sends no request that changes anything.
  diff_mode:
    support: full
    description: Shows the managed fields before and after the change.
notes:
  - Every module returns C(changed), the resource under the module's own name (for example
    C(cdn_endpoint) or C(database_cluster)), C(diff) and C(plan). An C(_info) module returns a list
    under the plural of its resource's name (C(vpc_info) returns C(vpcs)).
"""

    # For _info modules, which only read.
    INFO_ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: none
    description: Reads only; there is nothing to show.
"""
