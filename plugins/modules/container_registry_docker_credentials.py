#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: container_registry_docker_credentials
short_description: Get docker credentials for the DigitalOcean container registry
version_added: 0.2.0
description:
  - Returns the docker config JSON (C(GET /v2/registry/docker-credentials)) for the account's
    container registry, read-only or read-write, with an optional expiry, for
    C(community.docker.docker_login) or a Kubernetes C(kubernetes.io/dockerconfigjson) secret.
  - The credentials are masked in the output. Register the result in a task with C(no_log) set to true to
    use them in later tasks.
  - This is a module, not a lookup, on purpose. Each request mints a new credential. A lookup runs
    again every time its variable is templated, so one play would mint many. A registered module
    result is fetched once, in the task's order, and works in check mode.
  - The task never reports a change, as minting a credential changes nothing that Ansible manages.
options:
  read_write:
    description: Credentials that can also push and delete, not only pull.
    type: bool
    default: false
  expiry_seconds:
    description: Lifetime of the credentials in seconds. Without it (or V(0)) they do not expire.
    type: int
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.info_attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: Pull credentials valid for an hour
  fathom.digitalocean.container_registry_docker_credentials:
    expiry_seconds: 3600
  register: registry_auth
  no_log: true

- name: Store them as an image pull secret
  kubernetes.core.k8s:
    kubeconfig: "{{ playbook_dir }}/kubeconfig-prod"
    definition:
      apiVersion: v1
      kind: Secret
      type: kubernetes.io/dockerconfigjson
      metadata:
        name: registry-acme
        namespace: default
      data:
        .dockerconfigjson: "{{ registry_auth.container_registry_docker_credentials | to_json | b64encode }}"
  no_log: true
"""

RETURN = r"""
container_registry_docker_credentials:
  description: The docker config JSON. Its C(auth) values are masked in the output.
  returned: always
  type: dict
  sample: {"auths": {"registry.digitalocean.com": {"auth": "(masked)"}}}
registry:
  description: The registry host name, for C(docker_login).
  returned: always
  type: str
  sample: registry.digitalocean.com
plan:
  description: Always action V(none); reading credentials changes nothing Ansible manages.
  returned: always
  type: dict
diff:
  description: Empty; nothing is compared.
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.container_registry import (
    CONTAINER_REGISTRY_DOCKER_CREDENTIALS)


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            read_write=dict(type="bool", default=False),
            expiry_seconds=dict(type="int"),
        ),
        waits=False,
    )
    module.run(CONTAINER_REGISTRY_DOCKER_CREDENTIALS)


if __name__ == "__main__":
    main()
