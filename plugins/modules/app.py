#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: app
short_description: Create, update, redeploy and delete DigitalOcean App Platform apps
version_added: 0.1.0
description:
  - Reconciles one App Platform app, found by O(id) or by the name in its spec, to the declared
    app spec.
  - The desired spec is compared with the live one after normalizing, so the defaults the API
    adds (C(instance_count), C(instance_size_slug), C(http_port), C(routes), ...) and the zero
    values it leaves out never show as changes. Only the keys the task sets are compared; lists
    of components (C(services), C(workers), C(jobs), C(static_sites), ...) are matched by C(name),
    env vars by C(key) and domains by C(domain), in any order; every other list the task sets is
    compared item by item, so an added or removed item is a change.
  - A change sends the whole O(spec) with one C(PUT /v2/apps/{id}). App Platform replaces the app's
    spec with it, so the spec should describe the whole app. The task then waits for the deployment
    the update started to become C(ACTIVE); a deployment that ends in C(ERROR) or C(CANCELED) fails
    the task with the deployment id and the failing step.
  - Creating an app waits for its first deployment the same way.
  - The value of an env var of type C(SECRET) comes back encrypted, so it is not compared; it is
    shown as C((sensitive)) in plans and diffs and kept out of the task's output.
options:
  wait_timeout:
    description:
      - Seconds to wait for asynchronous work before failing the task. A first deployment builds the app and can take many minutes.
    default: 1800
  state:
    description: Whether the app exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id of the app. When set, the app is found by id instead of by the C(name) in O(spec).
    type: str
  spec:
    description:
      - The app spec as a dict, for example C(name), C(region), C(services), C(static_sites),
        C(workers), C(jobs), C(databases), C(domains), C(envs), C(ingress), C(alerts).
      - C(name) is required; it identifies the app.
      - Mutually exclusive with O(spec_file). A value that is not a dict is an error.
    type: raw
  spec_file:
    description:
      - Path to a YAML (or JSON) file holding the app spec, as C(doctl apps spec get) writes it.
        A file whose only key is C(spec), holding the spec, is read too.
      - Mutually exclusive with O(spec).
    type: path
  project_id:
    description: Id of the project the app is assigned to at creation. Not compared afterwards.
    type: str
  force_deploy:
    description:
      - Start a new deployment (with a fresh build) of an app whose spec is unchanged, and report
        a change. When the spec changes, the update's own deployment is the new deployment.
    type: bool
    default: false
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
notes:
  - A deployment that fails leaves the new spec on the app; the next run then finds nothing to
    change. Fix the spec (a new update deploys again) or use O(force_deploy).
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Deploy an app from a container image
  fathom.digitalocean.app:
    spec:
      name: web-app
      region: nyc
      services:
        - name: api
          image:
            registry_type: DOCKER_HUB
            registry: library
            repository: nginx
            tag: latest
          instance_count: 2
          envs:
            - key: API_TOKEN
              value: "{{ vault_api_token }}"
              type: SECRET
  register: web

- name: Show where it answers
  ansible.builtin.debug:
    msg: "{{ web.live_url }} runs deployment {{ web.deployment.id }}"

- name: Deploy the spec kept next to the code
  fathom.digitalocean.app:
    spec_file: .do/app.yaml

- name: Redeploy without changing the spec
  fathom.digitalocean.app:
    spec_file: .do/app.yaml
    force_deploy: true

- name: Delete the app
  fathom.digitalocean.app:
    spec:
      name: web-app
    state: absent
"""

RETURN = r"""
app:
  description: The app as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "c2a93513-8d9b-4223-9d61-5e7272c81cf5", "spec": {"name": "web-app", "region": "nyc"},
           "live_url": "https://web-app-zyhgn.ondigitalocean.app", "default_ingress": "https://web-app-zyhgn.ondigitalocean.app"}
live_url:
  description: The URL the app answers on; empty until a first deployment is active.
  returned: always
  type: str
  sample: https://web-app-zyhgn.ondigitalocean.app
deployment:
  description:
    - The deployment the task waited for (C(ACTIVE)), or the one it started when O(wait=false),
      or else the app's active deployment. Empty when the app is absent.
  returned: always
  type: dict
  sample: {"id": "991dfa59-6a23-459f-86d6-67dfa2c6f1e3", "phase": "ACTIVE", "cause": "manual"}
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
        - For C(spec), C(before) is the live spec limited to the keys the task sets.
        - C(deployment) appears when O(force_deploy) starts a deployment.
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.app import APP


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            spec=dict(type="raw"),
            spec_file=dict(type="path"),
            project_id=dict(type="str"),
            force_deploy=dict(type="bool", default=False),
        ),
        mutually_exclusive=[("spec", "spec_file")],
        required_one_of=[("spec", "spec_file", "id")],
        wait_timeout=1800,
        secrets=APP.secrets,
    )
    module.run(APP)


if __name__ == "__main__":
    main()
