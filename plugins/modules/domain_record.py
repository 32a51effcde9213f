#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: domain_record
short_description: Create, update and delete one DNS record of a DigitalOcean domain
version_added: 0.1.0
description:
  - Reconciles one record of O(domain), found by O(id), or else by its identity with one list
    request filtered by type and name on the API side.
  - "Identity: for the single-valued types V(CNAME) and V(SOA), O(domain), O(type) and O(name). For
    the multi-valued types V(A), V(AAAA), V(MX), V(NS), V(SRV) and V(TXT), also O(data): several
    records can share a name, and a different O(data) means a different record, so changing it adds
    a record (remove the old one with O(state=absent), or manage the whole set with
    M(fathom.digitalocean.domain_records)). For V(CAA), O(data) and O(tag)."
  - O(ttl), O(priority), O(port), O(weight) and O(flags), and O(data) of a V(CNAME), change in
    place with one PATCH request. A record found by O(id) can also change its O(name), O(data) and
    O(tag) in place. O(type) never changes; a different O(type) is an error.
  - Names are normalized. V(@), V(example.com) and V(example.com.) name the apex of the domain
    V(example.com); V(www), V(www.example.com) and V(www.example.com.) name the same record.
  - The SOA record comes with the domain; only its O(ttl) can be managed, and it cannot be deleted.
  - Options that do not apply to O(type) (for example O(priority) on an V(A) record) and values out
    of range fail before any request.
options:
  state:
    description: Whether the record exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the record. When set, the record is found by id.
    type: int
  domain:
    description: The domain the record belongs to, for example V(example.com).
    type: str
    required: true
  type:
    description: The record type.
    type: str
    required: true
    choices: [A, AAAA, CAA, CNAME, MX, NS, SOA, SRV, TXT]
  name:
    description:
      - Host name of the record, relative to the domain (V(www)), fully qualified (V(www.example.com)
        or V(www.example.com.)), or V(@) for the domain itself.
      - Required unless O(id) is set; V(@) for an V(SOA) record.
    type: str
  data:
    description:
      - The value of the record. V(A) an IPv4 address, V(AAAA) an IPv6 address, V(CNAME), V(MX), V(NS)
        and V(SRV) a fully qualified host name (the trailing dot is optional; V(@) means the domain
        itself), V(TXT) any text, V(CAA) the value for O(tag) (a CA's domain, or a URL for V(iodef)).
      - Required to create the record, and to find a record of a multi-valued type without O(id).
      - Not allowed for V(SOA).
    type: str
  ttl:
    description:
      - Time to live in seconds, at least 30. Left unset, an existing record keeps its ttl and a new one
        gets the API's default (1800).
    type: int
  priority:
    description: Priority of an V(MX) or V(SRV) record, 0 to 65535. Required to create one.
    type: int
  port:
    description: Port of an V(SRV) record, 0 to 65535. Required to create one.
    type: int
  weight:
    description: Weight of an V(SRV) record, 0 to 65535. Required to create one.
    type: int
  flags:
    description: Flags of a V(CAA) record, 0 to 255. Required to create one.
    type: int
  tag:
    description: Tag of a V(CAA) record. Part of its identity; required to create or find one.
    type: str
    choices: [issue, issuewild, iodef]
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Point www at a droplet
  fathom.digitalocean.domain_record:
    domain: example.com
    type: A
    name: www
    data: 192.0.2.10
    ttl: 300

- name: Alias blog to www (a CNAME's target changes in place)
  fathom.digitalocean.domain_record:
    domain: example.com
    type: CNAME
    name: blog.example.com
    data: www.example.com.

- name: Mail exchanger for the apex
  fathom.digitalocean.domain_record:
    domain: example.com
    type: MX
    name: "@"
    data: mail.example.com
    priority: 10

- name: Only Let's Encrypt may issue certificates
  fathom.digitalocean.domain_record:
    domain: example.com
    type: CAA
    name: "@"
    tag: issue
    flags: 0
    data: letsencrypt.org

- name: Shorter ttl on the SOA record
  fathom.digitalocean.domain_record:
    domain: example.com
    type: SOA
    ttl: 600

- name: Remove an old address of www
  fathom.digitalocean.domain_record:
    domain: example.com
    type: A
    name: www
    data: 192.0.2.9
    state: absent
"""

RETURN = r"""
domain_record:
  description: The record as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": 28448433, "type": "A", "name": "www", "data": "192.0.2.10", "priority": null,
           "port": null, "ttl": 300, "weight": null, "flags": null, "tag": null}
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
      description: The options that identify the record (domain, type, name, and data or tag where they apply).
      type: dict
    id:
      description: Id of the record, when it existed before the task.
      type: raw
    changes:
      description: Each changed field with its C(before), C(after) and C(via) (how it changes).
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import CAA_TAGS, RECORD_TYPES
from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain_record import record_spec


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="int"),
            domain=dict(type="str", required=True),
            type=dict(type="str", required=True, choices=list(RECORD_TYPES)),
            name=dict(type="str"),
            data=dict(type="str"),
            ttl=dict(type="int"),
            priority=dict(type="int"),
            port=dict(type="int"),
            weight=dict(type="int"),
            flags=dict(type="int"),
            tag=dict(type="str", choices=list(CAA_TAGS)),
        ),
        waits=False,
    )
    module.run(record_spec(module.params["domain"], module.params["type"]))


if __name__ == "__main__":
    main()
