# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Credentials and endpoint of the modules that speak the S3 protocol to Spaces.
    DOCUMENTATION = r"""
options:
  region:
    description:
      - Region of the Space (C(nyc3), C(ams3), C(fra1), C(sgp1), C(sfo2), C(sfo3), C(syd1), C(blr1),
        C(lon1), C(tor1), C(atl1)). The S3 endpoint is C(https://<region>.digitaloceanspaces.com).
    type: str
    required: true
  spaces_access_key:
    description:
      - Access key of a Spaces key (see M(fathom.digitalocean.spaces_key)).
      - When not set, the first of the environment variables E(SPACES_ACCESS_KEY_ID) and
        E(AWS_ACCESS_KEY_ID) that is set is used.
      - Never logged.
    type: str
  spaces_secret_key:
    description:
      - Secret of the Spaces key.
      - When not set, the first of the environment variables E(SPACES_SECRET_ACCESS_KEY) and
        E(AWS_SECRET_ACCESS_KEY) that is set is used.
      - Never logged, never in results, diffs or error messages.
    type: str
  spaces_endpoint:
    description:
      - S3 endpoint URL used instead of C(https://<region>.digitaloceanspaces.com), for tests (a local S3
        server) and S3-compatible mirrors. Requests then use path-style addressing.
      - Falls back to the environment variable E(SPACES_ENDPOINT_URL).
    type: str
notes:
  - The API connection options (O(token), O(api_url), O(api_retries)) are accepted so that the action
    group's C(module_defaults) apply to every module of the collection; these modules do not use them.
    O(timeout) and O(validate_certs) apply to the S3 requests.
requirements:
  - boto3 (and botocore), on the host that runs the module.
"""
