#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: spaces_key
short_description: Create, update and delete DigitalOcean Spaces access keys
version_added: 0.3.0
description:
  - Reconciles one Spaces access key, found by O(access_key) (exact) or by O(name).
  - The key's O(grants) are a set of buckets and permissions; they change in place, together with the name,
    with one C(PUT). The API cannot turn a full access key into a scoped one or the reverse; the task
    refuses that before any request.
  - The secret key is in the answer to the key's creation only. The task returns it under
    C(spaces_key.secret_key), masked in the output, and writes it to O(secret_path) when given.
    Later runs cannot return it again.
options:
  state:
    description: Whether the key exists.
    type: str
    choices: [present, absent]
    default: present
  name:
    description:
      - Name of the key. Without O(access_key) it identifies the key; two keys of the same name are an
        error that lists their access keys.
      - With O(access_key), a different name renames the key.
    type: str
  access_key:
    description: Access key (the key's id, C(DO...)). When set, the key is found by it and O(name) can change.
    type: str
  grants:
    description:
      - What the key may do, as a set (order and duplicates do not matter). Unset, the grants are not managed.
      - A V(fullaccess) grant has no bucket and covers every bucket; it cannot be mixed with bucket grants.
    type: list
    elements: dict
    suboptions:
      bucket:
        description: Name of the bucket (Space). Required unless O(grants[].permission=fullaccess).
        type: str
      permission:
        description: What the key may do in the bucket.
        type: str
        required: true
        choices: [read, readwrite, fullaccess]
  secret_path:
    description:
      - File that receives the new key's access key and secret as JSON (C(access_key_id),
        C(secret_access_key)) when the task creates the key. It is written with mode C(0600) and
        replaced atomically; its directory must exist.
      - Nothing is written when the key exists already (the API cannot return its secret again); the task
        warns when the file is missing then.
    type: path
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: A key that can write the site bucket and read the logs
  fathom.digitalocean.spaces_key:
    name: site-deploy
    grants:
      - {bucket: example-site, permission: readwrite}
      - {bucket: example-logs, permission: read}
    secret_path: "{{ lookup('env', 'HOME') }}/.config/spaces/site-deploy.json"
  register: deploy_key

- name: Rename the key, found by its access key
  fathom.digitalocean.spaces_key:
    access_key: "{{ deploy_key.spaces_key.access_key }}"
    name: site-deploy-2024

- name: Remove it
  fathom.digitalocean.spaces_key:
    name: site-deploy-2024
    state: absent
"""

RETURN = r"""
spaces_key:
  description:
    - The key as the API returns it after the task; empty when it is absent.
    - C(access_key) is the key's identifier; it is not masked.
    - C(secret_key) only in the run that created it, masked in the output (it never appears in plans, diffs
      or the drift report); use O(secret_path) to keep it.
  returned: always
  type: dict
  sample: {"name": "site-deploy", "access_key": "DO00EXAMPLEKEY0000AB", "secret_key": "(masked)",
           "grants": [{"bucket": "example-site", "permission": "readwrite"}], "created_at": "2024-05-02T08:12:44Z"}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: One of V(create), V(update), V(delete) or V(none).
      type: str
    resource:
      description: The kind of resource.
      type: str
    identity:
      description: The options that identify the resource.
      type: dict
    id:
      description: Access key of the resource, when it existed before the task.
      type: raw
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (how it changes).
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.spaces_key import SPACES_KEY


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            name=dict(type="str"),
            access_key=dict(type="str", no_log=False),
            grants=dict(type="list", elements="dict", options=dict(
                bucket=dict(type="str"),
                permission=dict(type="str", required=True, choices=["read", "readwrite", "fullaccess"]),
            )),
            secret_path=dict(type="path", no_log=False),
        ),
        waits=False,
        required_one_of=[("access_key", "name")],
    )
    module.run(SPACES_KEY)


if __name__ == "__main__":
    main()
