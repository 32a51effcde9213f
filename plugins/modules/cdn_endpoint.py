#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cdn_endpoint
short_description: Create, update, purge and delete DigitalOcean CDN endpoints
version_added: 0.1.0
description:
  - Reconciles one CDN endpoint, found by O(id) or by its O(origin), to the declared state.
  - O(ttl), O(certificate_id) and O(custom_domain) change in place with one C(PUT).
    A change to O(origin) fails with an error naming the field; nothing is changed.
  - O(purge) purges paths from the endpoint's cache and always reports a change.
  - The API allows only 5 requests per 10 seconds under C(/v2/cdn/endpoints). The module sends
    as few as it can (a run that changes nothing sends one request) and waits as the API's
    C(retry-after) says when the limit is reached.
options:
  state:
    description: Whether the endpoint exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id (UUID) of the endpoint. When set, the endpoint is found by id.
    type: str
  origin:
    description:
      - Fully qualified domain name of the origin, a Space, for example
        V(static-images.nyc3.digitaloceanspaces.com). It identifies the endpoint.
      - Or the Space as a dict of C(space) (its name) and C(region), which stands for the Space's host
        name.
    type: raw
  ttl:
    description: Seconds the edge servers cache content. The API's default is V(3600).
    type: int
    choices: [60, 600, 3600, 86400, 604800]
  certificate_id:
    description:
      - Id or name of a DigitalOcean managed certificate for O(custom_domain). A name is looked up
        on every run, so a Let's Encrypt certificate, which gets a new id each time it renews, is
        followed.
      - Removing the custom domain (O(custom_domain) V("")) removes the certificate with it.
    type: str
  custom_domain:
    description:
      - Fully qualified domain name of a custom subdomain for the endpoint. Needs O(certificate_id).
      - V("") removes the custom domain.
    type: str
  purge:
    description:
      - Paths to purge from the cache, for example V(assets/css/*); V(*) purges everything.
      - At most 50 paths (the API's limit). A purge always reports a change; in check mode
        nothing is sent. Nothing is purged on the run that creates the endpoint.
    type: list
    elements: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Serve a Space through the CDN, cached for a day
  fathom.digitalocean.cdn_endpoint:
    origin: static-images.nyc3.digitaloceanspaces.com
    ttl: 86400

- name: The same, with the Space given by name and region
  fathom.digitalocean.cdn_endpoint:
    origin: {space: static-images, region: nyc3}
    ttl: 86400

- name: Add a custom domain
  fathom.digitalocean.cdn_endpoint:
    origin: static-images.nyc3.digitaloceanspaces.com
    custom_domain: static.example.com
    certificate_id: "{{ cert.certificate.id }}"

- name: Purge the stylesheets after a release
  fathom.digitalocean.cdn_endpoint:
    origin: static-images.nyc3.digitaloceanspaces.com
    purge:
      - assets/css/*

- name: Delete the endpoint
  fathom.digitalocean.cdn_endpoint:
    origin: static-images.nyc3.digitaloceanspaces.com
    state: absent
"""

RETURN = r"""
cdn_endpoint:
  description: The endpoint as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "19f06b6a-3ace-4315-b086-499a0e521b76", "origin": "static-images.nyc3.digitaloceanspaces.com",
           "endpoint": "static-images.nyc3.cdn.digitaloceanspaces.com", "ttl": 3600,
           "created_at": "2018-07-19T15:04:16Z"}
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
      description: Id of the resource, when it existed before the task.
      type: raw
    changes:
      description:
        - Each changed field with its C(before), C(after) and C(via) (how it changes).
        - A purge shows as C(purge) with the paths as C(after).
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.cdn_endpoint import CDN_ENDPOINT, TTLS


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            origin=dict(type="raw"),
            ttl=dict(type="int", choices=list(TTLS)),
            certificate_id=dict(type="str"),
            custom_domain=dict(type="str"),
            purge=dict(type="list", elements="str"),
        ),
        waits=False,
        required_one_of=[("id", "origin")],
    )
    module.run(CDN_ENDPOINT)


if __name__ == "__main__":
    main()
