#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: domain_records
short_description: Reconcile a whole set of DNS records of a DigitalOcean domain in one task
version_added: 0.1.0
description:
  - Reads the records of O(domain) with one list request, then creates, updates (PATCH) and, with
    O(purge), deletes only the records that differ from O(records).
  - Each item of O(records) is matched to an existing record by the same identity as
    M(fathom.digitalocean.domain_record) uses. For V(CNAME) and V(SOA) it is type and name; for the
    multi-valued types V(A), V(AAAA), V(MX), V(NS), V(SRV) and V(TXT) it is type, name and data; for
    V(CAA) it is type, name, tag and data. A changed O(records[].data) of a multi-valued type is
    therefore a new record, and with O(purge) the old one is deleted (with O(exclusive_names) it is
    changed in place).
  - Names are normalized (V(@), V(example.com) and V(example.com.) are the apex; V(www),
    V(www.example.com) and V(www.example.com.) are the same record).
  - Every item is checked before the first request, and the whole plan is computed before the first
    change. Check mode computes the same plan and sends only the list request.
  - Deletes that a new record needs first (a V(CNAME) cannot share its name with another record) run
    first, then updates and creates, then the remaining deletes, so that replaced addresses keep
    resolving meanwhile.
options:
  domain:
    description: The domain, for example V(example.com). It must exist (see M(fathom.digitalocean.domain)).
    type: str
    required: true
  records:
    description:
      - The records the domain should have. Fields left unset on an existing record are not managed.
    type: list
    elements: dict
    required: true
    suboptions:
      type:
        description: The record type.
        type: str
        required: true
        choices: [A, AAAA, CAA, CNAME, MX, NS, SOA, SRV, TXT]
      name:
        description:
          - Host name, relative to the domain, fully qualified, or V(@) for the domain itself.
          - Required, except for V(SOA) (always V(@)).
        type: str
      data:
        description:
          - The value of the record (see M(fathom.digitalocean.domain_record)). Required, except for
            V(SOA), which only has its O(records[].ttl) managed.
        type: str
      ttl:
        description: Time to live in seconds, at least 30. Unset keeps an existing record's ttl.
        type: int
      priority:
        description: Priority of an V(MX) or V(SRV) record, 0 to 65535.
        type: int
      port:
        description: Port of an V(SRV) record, 0 to 65535.
        type: int
      weight:
        description: Weight of an V(SRV) record, 0 to 65535.
        type: int
      flags:
        description: Flags of a V(CAA) record, 0 to 255.
        type: int
      tag:
        description: Tag of a V(CAA) record.
        type: str
        choices: [issue, issuewild, iodef]
  purge:
    description:
      - Delete the records of the domain that O(records) does not list.
      - The SOA record is never deleted (the API keeps it as long as the domain exists).
      - The NS records of the apex (V(@)) are kept too, unless O(records) lists at least one apex NS
        record; then the apex NS records are managed like any other and the unlisted ones are deleted.
    type: bool
    default: false
  exclusive_names:
    description:
      - The listed records are the only records of their type and name. An existing record of a
        listed type and name that no item matches is changed in place (PATCH) into a listed record
        that does not exist yet; any left over are deleted. Records of other types or names are kept
        (unless O(purge)).
      - Use it for names that must point only at the given addresses, for example V(www) at a load
        balancer; without it, a changed O(records[].data) of a multi-valued type adds a record beside
        the old one.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: The zone of example.com, and nothing else (SOA and DigitalOcean's NS records are kept)
  fathom.digitalocean.domain_records:
    domain: example.com
    purge: true
    records:
      - {type: A, name: "@", data: 192.0.2.10}
      - {type: A, name: www, data: 192.0.2.10, ttl: 300}
      - {type: AAAA, name: www, data: "2001:db8::10"}
      - {type: CNAME, name: blog, data: www.example.com.}
      - {type: MX, name: "@", data: mx1.example.net, priority: 10}
      - {type: MX, name: "@", data: mx2.example.net, priority: 20}
      - {type: TXT, name: "@", data: "v=spf1 include:example.net -all"}
      - {type: CAA, name: "@", tag: issue, flags: 0, data: letsencrypt.org}
      - {type: SRV, name: _sip._tcp, data: sip.example.com, priority: 10, weight: 5, port: 5060}

- name: Add records without touching the others
  fathom.digitalocean.domain_records:
    domain: example.com
    records:
      - {type: A, name: api, data: 192.0.2.20}
  register: result

- name: www and the apex point only at the load balancer; a changed address is updated in place
  fathom.digitalocean.domain_records:
    domain: example.com
    exclusive_names: true
    records:
      - {type: A, name: "@", data: 192.0.2.30}
      - {type: A, name: www, data: 192.0.2.30}

- name: How many records changed
  ansible.builtin.debug:
    msg: "{{ result.counts }}"
"""

RETURN = r"""
domain_records:
  description: Every record of the domain after the task, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": 28448433, "type": "A", "name": "www", "data": "192.0.2.10", "priority": null,
            "port": null, "ttl": 300, "weight": null, "flags": null, "tag": null}]
counts:
  description: How many records the task created, updated and deleted, and how many listed records were already right.
  returned: always
  type: dict
  sample: {"created": 2, "updated": 1, "deleted": 0, "unchanged": 6}
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: V(update) when any record changes, else V(none).
      type: str
    resource:
      description: V(domain_records).
      type: str
    identity:
      description: The domain.
      type: dict
    id:
      description: The domain name.
      type: str
    changes:
      description:
        - One entry per changed record, keyed by a label such as C(MX @ mx1.example.net), with its
          C(before) and C(after) (null when it does not exist) and C(via) (C(POST), C(PATCH) or C(DELETE)).
      type: dict
    records:
      description:
        - The plan of each changed record, in the shape every module returns (C(action), C(resource),
          C(identity), C(id), C(changes)).
      type: list
      elements: dict
diff:
  description: The managed records before and after, keyed by label, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.dns import CAA_TAGS, RECORD_TYPES
from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain_record import DOMAIN_RECORDS


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            domain=dict(type="str", required=True),
            records=dict(type="list", elements="dict", required=True, options=dict(
                type=dict(type="str", required=True, choices=list(RECORD_TYPES)),
                name=dict(type="str"),
                data=dict(type="str"),
                ttl=dict(type="int"),
                priority=dict(type="int"),
                port=dict(type="int"),
                weight=dict(type="int"),
                flags=dict(type="int"),
                tag=dict(type="str", choices=list(CAA_TAGS)),
            )),
            purge=dict(type="bool", default=False),
            exclusive_names=dict(type="bool", default=False),
        ),
        waits=False,
    )
    module.run(DOMAIN_RECORDS)


if __name__ == "__main__":
    main()
