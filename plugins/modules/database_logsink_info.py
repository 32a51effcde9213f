#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: database_logsink_info
short_description: List the log sinks of a DigitalOcean database cluster
version_added: 0.2.0
description:
  - Lists the log sinks of one managed database cluster and never changes anything.
  - The password in a sink's URL and an rsyslog client key are masked by Ansible's C(no_log) handling, unless
    the task runs with C(no_log) set to true, which hides the whole result from the output instead.
options:
  id:
    description: Only the sink with this id (read directly, one request).
    type: str
  name:
    description: Only the sinks with this name.
    type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.database
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Log sinks of the backend cluster
  fathom.digitalocean.database_logsink_info:
    cluster_name: backend
  register: sinks
"""

RETURN = r"""
database_logsinks:
  description: The sinks, as the API returns them (secrets masked).
  returned: always
  type: list
  elements: dict
  sample: [{"sink_id": "dfcc9f57d86bf58e321c2c6c31c7a971be244ac7", "sink_name": "logs", "sink_type": "opensearch",
            "config": {"url": "https://logger:********@search.example.com:25060", "index_prefix": "backend"}}]
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
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database_logsink import (
    DATABASE_LOGSINK,
    mask_sink,
)


def main():
    argument_spec = cluster_argument_spec()
    argument_spec.update(id=dict(type="str"), name=dict(type="str"))
    module = DigitalOceanModule(argument_spec=argument_spec, waits=False, **CLUSTER_CHOICE)
    module.run_info(DATABASE_LOGSINK, filters={"name": module.params.get("name")}, expand=mask_sink)


if __name__ == "__main__":
    main()
