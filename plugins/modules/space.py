#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: space
short_description: Create, configure and delete DigitalOcean Spaces (buckets)
version_added: 0.3.0
description:
  - Reconciles one Space, identified by O(name) and O(region), through the S3 protocol.
  - Each setting the task sets is managed; a setting left unset is neither read nor changed.
  - Every option is checked before any request.
options:
  state:
    description: Whether the Space exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description: Name of the Space, 3 to 63 lowercase letters, digits and single hyphens.
    type: str
    required: true
  acl:
    description: Canned ACL of the bucket.
    type: str
    choices: [private, public-read]
  versioning:
    description: Whether object versioning is on. Turning it off suspends it (S3 cannot remove it).
    type: bool
  cors:
    description:
      - CORS rules, as a set (order does not matter). An empty list removes every rule.
    type: list
    elements: dict
    suboptions:
      allowed_origins:
        description: Origins, such as C(https://example.com) or C(*).
        type: list
        elements: str
        required: true
      allowed_methods:
        description: Methods among C(GET), C(PUT), C(POST), C(DELETE) and C(HEAD).
        type: list
        elements: str
        required: true
      allowed_headers:
        description: Request headers allowed.
        type: list
        elements: str
      expose_headers:
        description: Response headers exposed.
        type: list
        elements: str
      max_age_seconds:
        description: How long browsers cache the preflight answer.
        type: int
  lifecycle:
    description:
      - Lifecycle rules, identified by O(lifecycle[].id). An empty list removes every rule.
      - Each rule needs at least one action.
    type: list
    elements: dict
    suboptions:
      id:
        description: Name of the rule.
        type: str
        required: true
      prefix:
        description: Only the keys that start with it.
        type: str
        default: ""
      enabled:
        description: Whether the rule applies.
        type: bool
        default: true
      expiration_days:
        description: Delete objects this many days after their creation.
        type: int
      expiration_date:
        description: Delete objects on this date (C(YYYY-MM-DD)).
        type: str
      abort_incomplete_multipart_days:
        description: Abort multipart uploads not completed after this many days.
        type: int
      noncurrent_version_expiration_days:
        description: Delete noncurrent versions this many days after they became noncurrent.
        type: int
  policy:
    description:
      - Bucket policy, a JSON document (a dict, or a string holding JSON). Compared by meaning, not by
        text. An empty dict or string removes the policy.
    type: raw
  force_destroy:
    description:
      - With O(state=absent), delete every object (and version) of the Space first.
      - Without it, deleting a Space that is not empty is refused before any change.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.spaces
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A public Space for a static site, with CORS for the fonts and a lifecycle rule
  fathom.digitalocean.space:
    name: example-site
    region: ams3
    acl: public-read
    versioning: true
    cors:
      - allowed_origins: ["https://example.com"]
        allowed_methods: [GET, HEAD]
        max_age_seconds: 3600
    lifecycle:
      - id: tmp
        prefix: tmp/
        expiration_days: 7
        abort_incomplete_multipart_days: 1
    spaces_access_key: "{{ spaces_access_key }}"
    spaces_secret_key: "{{ spaces_secret_key }}"

- name: Delete it with everything in it
  fathom.digitalocean.space:
    name: example-site
    region: ams3
    state: absent
    force_destroy: true
"""

RETURN = r"""
space:
  description: The Space after the task (the settings the task manages); empty when it is absent.
  returned: always
  type: dict
  sample: {"name": "example-site", "region": "ams3", "endpoint": "https://example-site.ams3.digitaloceanspaces.com",
           "acl": "public-read", "versioning": true}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: V(space).
      type: str
    identity:
      description: Name and region.
      type: dict
    id:
      description: Name of the Space, when it existed before the task.
      type: raw
    changes:
      description: Each changed setting with its C(before), C(after) and C(via) (the S3 operation).
      type: dict
diff:
  description: The managed settings before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.spaces import SpaceRunner, SpacesModule


def main():
    module = SpacesModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            name=dict(type="str", required=True),
            acl=dict(type="str", choices=["private", "public-read"]),
            versioning=dict(type="bool"),
            cors=dict(type="list", elements="dict", options=dict(
                allowed_origins=dict(type="list", elements="str", required=True),
                allowed_methods=dict(type="list", elements="str", required=True),
                allowed_headers=dict(type="list", elements="str"),
                expose_headers=dict(type="list", elements="str"),
                max_age_seconds=dict(type="int"),
            )),
            lifecycle=dict(type="list", elements="dict", options=dict(
                id=dict(type="str", required=True),
                prefix=dict(type="str", default=""),
                enabled=dict(type="bool", default=True),
                expiration_days=dict(type="int"),
                expiration_date=dict(type="str"),
                abort_incomplete_multipart_days=dict(type="int"),
                noncurrent_version_expiration_days=dict(type="int"),
            )),
            policy=dict(type="raw"),
            force_destroy=dict(type="bool", default=False),
        ),
    )
    module.exit(lambda: SpaceRunner(module.checked_client(), module.params, check_mode=module.ansible.check_mode,
                                    warn=module.ansible.warn).run())


if __name__ == "__main__":
    main()
