#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: droplet_group
short_description: Keep an exact number of identical DigitalOcean droplets that share a tag
version_added: 0.1.0
description:
  - Converges the droplets tagged O(group_tag) to exactly O(count), like an exact count of
    instances. Every droplet with the tag is a member of the group.
  - Missing members are created with the lowest free index of O(name_template), up to 10 per
    request (one C(POST /v2/droplets) with C(names)). Extra members are deleted - members whose
    name does not follow O(name_template) first, then the highest index.
  - Existing members are reconciled one by one as the M(fathom.digitalocean.droplet) module would,
    for O(size), O(tags), O(backups) and O(ipv6); a change that cannot be made in place
    (O(region), O(image), O(vpc_uuid), O(monitoring)) fails before anything changes.
  - While waiting, the whole group is read with one list request per poll.
  - A create request whose outcome is unknown (a timeout, a dropped connection, a server error) is
    followed by a new look at the group; only the droplets still missing are requested again, so
    no duplicates are made.
options:
  group_tag:
    description: The tag that makes a droplet a member. It is always among the members' tags.
    type: str
    required: true
  count:
    description: How many members the group has. V(0) deletes every member.
    type: int
    required: true
  name_template:
    description:
      - Names of the members. V({index}) (required, once) is the member's number, from 1;
        V({group_tag}) is O(group_tag).
      - The default is V({group_tag}-{index}).
    type: str
  region:
    description: Region slug, for example V(nyc3). Required to create members. Cannot change later.
    type: str
  size:
    description:
      - Size slug, for example V(s-1vcpu-1gb). Required to create members.
      - A change resizes every member, which needs it powered off. That happens only with
        O(allow_resize_power_cycle=true).
    type: str
  image:
    description: Image slug or id. Required to create members. Cannot change later.
    type: str
  ssh_keys:
    description: SSH key ids or fingerprints installed on new members.
    type: list
    elements: str
  tags:
    description:
      - Tags of every member besides O(group_tag), compared as a set. V([]) leaves only
        O(group_tag); leaving it unset leaves existing members' tags alone.
    type: list
    elements: str
  vpc_uuid:
    description: VPC of new members. Cannot change later.
    type: str
  user_data:
    description: Cloud-init user data for new members. Never logged.
    type: str
  monitoring:
    description: Whether new members get the monitoring agent. Cannot change later.
    type: bool
  ipv6:
    description: Whether IPv6 is enabled. It cannot be turned off once enabled.
    type: bool
  backups:
    description: Whether automated backups are enabled.
    type: bool
  with_droplet_agent:
    description: Whether to install the droplet agent on new members.
    type: bool
  allow_resize_power_cycle:
    description: Allow powering running members off to resize them, and back on afterwards.
    type: bool
    default: false
  resize_disk:
    description: Grow the disk too when resizing. This is permanent.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
notes:
  - The result has C(droplet_group), the list of members after the task. C(plan.members) holds one
    plan per member that is created, changed or deleted, and
    C(plan.changes) the group's C(count) and each member's changes as C(<name>.<field>).
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Five web droplets, web-1 to web-5
  fathom.digitalocean.droplet_group:
    group_tag: web
    count: 5
    name_template: "web-{index}"
    region: nyc3
    size: s-1vcpu-1gb
    image: ubuntu-24-04-x64
    ssh_keys: ["3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"]
    tags: [production]
  register: web

- name: Scale down to three (web-5 and web-4 are deleted)
  fathom.digitalocean.droplet_group:
    group_tag: web
    count: 3
    name_template: "web-{index}"
    region: nyc3
    size: s-1vcpu-1gb
    image: ubuntu-24-04-x64

- name: Resize every member
  fathom.digitalocean.droplet_group:
    group_tag: web
    count: 3
    size: s-2vcpu-2gb
    allow_resize_power_cycle: true
"""

RETURN = r"""
droplet_group:
  description: The members after the task (in check mode, as they are), ordered by index.
  returned: always
  type: list
  elements: dict
  sample: [{"id": 3164444, "name": "web-1", "status": "active", "size_slug": "s-1vcpu-1gb",
            "tags": ["production", "web"]}]
plan:
  description: What the task did, or in check mode would do. The drift report reads it.
  returned: always
  type: dict
  contains:
    action:
      description: V(create) (the group was empty), V(update), V(delete) (O(count=0)) or V(none).
      type: str
    resource:
      description: V(droplet_group).
      type: str
    identity:
      description: The group's tag.
      type: dict
    id:
      description: Always null; a group has no id of its own.
      type: str
    changes:
      description: C(count), and each member's changes as C(<name>.<field>), with C(before), C(after) and C(via).
      type: dict
    members:
      description: The plan of each member that is created, changed or deleted.
      type: list
      elements: dict
  sample: {"action": "update", "resource": "droplet_group", "identity": {"group_tag": "web"}, "id": null,
           "changes": {"count": {"before": 2, "after": 3, "via": "create"}},
           "members": [{"action": "create", "resource": "droplet", "identity": {"name": "web-3"}, "id": null,
                        "changes": {"size": {"before": null, "after": "s-1vcpu-1gb", "via": "create"}}}]}
diff:
  description: The group's count and each member's managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet_group import DROPLET_GROUP


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            group_tag=dict(type="str", required=True),
            count=dict(type="int", required=True),
            name_template=dict(type="str"),
            region=dict(type="str"),
            size=dict(type="str"),
            image=dict(type="str"),
            ssh_keys=dict(type="list", elements="str", no_log=False),
            tags=dict(type="list", elements="str"),
            vpc_uuid=dict(type="str"),
            user_data=dict(type="str", no_log=True),
            monitoring=dict(type="bool"),
            ipv6=dict(type="bool"),
            backups=dict(type="bool"),
            with_droplet_agent=dict(type="bool"),
            allow_resize_power_cycle=dict(type="bool", default=False),
            resize_disk=dict(type="bool", default=False),
        ),
    )
    module.run(DROPLET_GROUP)


if __name__ == "__main__":
    main()
