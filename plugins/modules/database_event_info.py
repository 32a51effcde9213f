#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_event_info
short_description: List the events of a DigitalOcean database cluster
version_added: 0.2.0
description:
  - Lists the events of one managed database cluster (created, updated, maintenance performed, a replica
    promoted...) and never changes anything.
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Events of the backend cluster
  fathom.digitalocean.database_event_info:
    cluster_name: backend
  register: events
"""

RETURN = r"""
database_events:
  description: The events, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "pe8u2huh", "cluster_name": "backend", "event_type": "cluster_create",
            "create_time": "2024-01-31T03:00:00Z"}]
cluster_id:
  description: Id of the cluster.
  returned: always
  type: str
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import (
    CLUSTER_CHOICE,
    cluster_argument_spec,
)
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_info import DATABASE_EVENT


def main():
    module = DigitalOceanModule(argument_spec=cluster_argument_spec(), waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_EVENT)


if __name__ == "__main__":
    main()
