#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: space_object
short_description: Upload files, directories or content to a DigitalOcean Space, and delete objects
version_added: 0.3.0
description:
  - Uploads a file, every file of a directory (or of a glob), or O(content) to a Space through the S3
    protocol, and deletes objects.
  - An object is uploaded only when it differs, by MD5 against the object's ETag (uploads in several parts
    included), or by size and modification time with O(compare=size_mtime). For one object, a different
    content type or cache control uploads it again too.
  - With O(delete), a directory sync deletes the keys under O(prefix) that have no local file.
  - In check mode the plan lists what would be uploaded and deleted.
options:
  state:
    description: Whether the objects exist.
    type: str
    choices: [present, absent]
    default: present
  bucket:
    description: Name of the Space.
    type: str
    required: true
  key:
    description:
      - Key of the one object to upload (O(content), or O(src) naming one file) or to delete.
      - For a file without O(key), the key is O(prefix) followed by the file's name.
    type: str
  src:
    description:
      - A file, a directory (every file under it, recursively) or a glob pattern (C(site/**/*.html)).
      - The key of each file of a directory or glob is O(prefix) followed by its path relative to the
        directory (or to the glob's fixed part).
    type: path
  content:
    description: Text to upload to O(key), as UTF-8.
    type: str
  prefix:
    description:
      - Prefix of the keys of a directory upload, and the keys O(delete) considers.
      - With O(state=absent) and no O(key), every key under it is deleted.
    type: str
    default: ""
  delete:
    description: Delete the keys under O(prefix) that are not among the uploaded files.
    type: bool
    default: false
  acl:
    description: Canned ACL given to uploaded objects.
    type: str
    choices: [private, public-read]
  content_type:
    description: Content type of uploaded objects; guessed from each key's extension when unset.
    type: str
  cache_control:
    description: C(Cache-Control) header of uploaded objects.
    type: str
  compare:
    description: How a local file is compared with its object.
    type: str
    choices: [etag, size_mtime]
    default: etag
extends_documentation_fragment:
  - fathom.digitalocean.spaces
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Publish the site, removing what is no longer in it
  fathom.digitalocean.space_object:
    bucket: example-site
    region: ams3
    src: "{{ role_path }}/files/site/"
    acl: public-read
    cache_control: max-age=300
    delete: true
  register: published

- name: A robots.txt
  fathom.digitalocean.space_object:
    bucket: example-site
    region: ams3
    key: robots.txt
    content: "User-agent: *\n"
    acl: public-read

- name: Remove the old release
  fathom.digitalocean.space_object:
    bucket: example-site
    region: ams3
    prefix: releases/1.0/
    state: absent
"""

RETURN = r"""
space_object:
  description: What the task uploaded and deleted (in check mode, would upload and delete).
  returned: always
  type: dict
  contains:
    bucket:
      description: Name of the Space.
      type: str
    uploaded:
      description: Keys uploaded.
      type: list
      elements: str
    deleted:
      description: Keys deleted.
      type: list
      elements: str
    url:
      description: Base URL of the Space.
      type: str
  sample: {"bucket": "example-site", "uploaded": ["index.html"], "deleted": [],
           "url": "https://example-site.ams3.digitaloceanspaces.com/"}
plan:
  description: What the task did, or in check mode would do; C(changes) has one entry per key, its ETag
    before and MD5 after. The drift report reads it.
  returned: always
  type: dict
diff:
  description: The ETags of the changed keys before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.spaces import ObjectRunner, SpacesModule


def main():
    module = SpacesModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            bucket=dict(type="str", required=True),
            key=dict(type="str", no_log=False),
            src=dict(type="path"),
            content=dict(type="str"),
            prefix=dict(type="str", default=""),
            delete=dict(type="bool", default=False),
            acl=dict(type="str", choices=["private", "public-read"]),
            content_type=dict(type="str"),
            cache_control=dict(type="str"),
            compare=dict(type="str", default="etag", choices=["etag", "size_mtime"]),
        ),
        mutually_exclusive=[("src", "content")],
    )
    module.exit(lambda: ObjectRunner(module.checked_client(), module.params,
                                     check_mode=module.ansible.check_mode).run())


if __name__ == "__main__":
    main()
