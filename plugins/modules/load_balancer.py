#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: load_balancer
short_description: Create, update and delete DigitalOcean load balancers
version_added: 0.1.0
description:
  - Reconciles one load balancer, regional or global, found by O(id) or by O(name) and O(region), to the
    declared state.
  - Every change is made with one C(PUT) of the load balancer's full representation, built from the
    load balancer as it is with the managed options laid over it, because the API resets whatever
    the body leaves out.
  - Options left unset are not managed. Lists (O(forwarding_rules), O(droplet_ids), firewall rules)
    are compared as sets; V([]) means none.
  - A change to O(region), O(vpc_uuid), O(network), O(network_stack) or O(type) fails with an error
    naming the field; nothing is changed.
  - After a create the task waits until the load balancer is C(active).
  - O(type=GLOBAL) makes a global load balancer - it sends traffic to the regional load balancers of
    O(target_load_balancer_ids), as O(glb_settings) says, for its O(domains). These fields are carried
    into every C(PUT), so an update never resets them. The options only regional load balancers have
    (O(droplet_ids), O(tag), O(size), O(size_unit), O(vpc_uuid), O(network=INTERNAL)) are refused on a
    global one, and O(glb_settings), O(target_load_balancer_ids) and O(domains) on a regional one, before
    any request. The API still wants O(region) to create it.
options:
  state:
    description: Whether the load balancer exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: Id (UUID) of the load balancer. When set, the load balancer is found by id.
    type: str
  name:
    description: Name of the load balancer. Together with O(region) it identifies the load balancer.
    type: str
  region:
    description: Region slug, for example V(nyc3). Cannot change.
    type: str
  size_unit:
    description:
      - Number of nodes, 1 to 100. Mutually exclusive with O(size).
    type: int
  size:
    description:
      - Size slug, only for the regions without O(size_unit) (ams2, nyc2, sfo1). Deprecated by the API.
    type: str
    choices: [lb-small, lb-medium, lb-large]
  droplet_ids:
    description:
      - Ids of the Droplets behind the load balancer, compared as a set. V([]) means none.
      - Mutually exclusive with O(tag). Setting it on a load balancer that selects Droplets by tag
        switches it to this list.
    type: list
    elements: int
  tag:
    description:
      - Send traffic to the Droplets with this tag. Mutually exclusive with O(droplet_ids).
    type: str
  forwarding_rules:
    description:
      - How traffic is forwarded, compared as a set of complete rules. Required to create.
      - Protocols are compared in lower case.
    type: list
    elements: dict
    suboptions:
      entry_protocol:
        description: Protocol of the traffic the load balancer receives.
          One of V(http), V(https), V(http2), V(http3), V(tcp), V(udp).
        type: str
        required: true
      entry_port:
        description: Port the load balancer listens on.
        type: int
        required: true
      target_protocol:
        description: Protocol of the traffic sent to the Droplets.
          One of V(http), V(https), V(http2), V(tcp), V(udp).
        type: str
        required: true
      target_port:
        description: Port on the Droplets.
        type: int
        required: true
      certificate_id:
        description:
          - Id or name of the certificate for an V(https), V(http2) or V(http3) entry.
          - A name is looked up on every run, so a Let's Encrypt certificate, which gets a new id
            each time it renews, is followed.
        type: str
      tls_passthrough:
        description: Pass TLS through to the Droplets instead of terminating it.
        type: bool
        default: false
  health_check:
    description:
      - How the Droplets are checked. Sub-options left unset take the API's defaults (shown below),
        so the health check is always compared as a whole.
    type: dict
    suboptions:
      protocol:
        description: V(http), V(https) or V(tcp). API default V(http).
        type: str
      port:
        description: Port on the Droplets. API default V(80).
        type: int
      path:
        description: Path of HTTP(S) checks. API default V(/). Not used for V(tcp).
        type: str
      check_interval_seconds:
        description: Seconds between two checks. API default V(10).
        type: int
      response_timeout_seconds:
        description: Seconds to wait for an answer. API default V(5).
        type: int
      healthy_threshold:
        description: Successes before a Droplet is healthy again. API default V(3).
        type: int
      unhealthy_threshold:
        description: Failures before a Droplet is unhealthy. API default V(5).
        type: int
  sticky_sessions:
    description: Sticky sessions. V(type=none) turns them off.
    type: dict
    suboptions:
      type:
        description: V(cookies) or V(none).
        type: str
        choices: [cookies, none]
        default: none
      cookie_name:
        description: Name of the cookie, required with V(type=cookies).
        type: str
      cookie_ttl_seconds:
        description: Lifetime of the cookie, required with V(type=cookies).
        type: int
  redirect_http_to_https:
    description: Redirect HTTP on port 80 to HTTPS on port 443.
    type: bool
  enable_proxy_protocol:
    description: Use the PROXY protocol towards the Droplets.
    type: bool
  enable_backend_keepalive:
    description: Keep HTTP connections to the Droplets alive.
    type: bool
  http_idle_timeout_seconds:
    description: Idle timeout of HTTP requests to the Droplets, 30 to 600 seconds.
    type: int
  firewall:
    description: Rules such as V(ip:1.2.3.4) or V(cidr:10.0.0.0/16); each list is compared as a set.
    type: dict
    suboptions:
      allow:
        description: Sources allowed to reach the load balancer.
        type: list
        elements: str
      deny:
        description: Sources denied.
        type: list
        elements: str
  disable_lets_encrypt_dns_records:
    description: Do not create DNS records for the Let's Encrypt certificates the load balancer uses.
    type: bool
  tls_cipher_policy:
    description: TLS cipher suites offered.
    type: str
    choices: [DEFAULT, STRONG]
  vpc_uuid:
    description: VPC of the load balancer; the region's default VPC when unset at creation. Cannot change.
    type: str
  project_id:
    description: Project the load balancer is created in (the default project when unset). Used only at creation.
    type: str
  network:
    description: V(EXTERNAL) (public IP) or V(INTERNAL) (VPC only). Cannot change.
    type: str
    choices: [EXTERNAL, INTERNAL]
  network_stack:
    description: V(IPV4) or V(DUALSTACK). Cannot change.
    type: str
    choices: [IPV4, DUALSTACK]
  type:
    description: V(REGIONAL) (HTTP), V(REGIONAL_NETWORK) (TCP/UDP) or V(GLOBAL). Cannot change.
    type: str
    choices: [REGIONAL, REGIONAL_NETWORK, GLOBAL]
  glb_settings:
    description:
      - How a GLOBAL load balancer reaches its targets. O(glb_settings.target_protocol) and
        O(glb_settings.target_port) are required to create one.
      - Compared on the sub-options the task sets; O(glb_settings.region_priorities) as a whole.
    type: dict
    suboptions:
      target_protocol:
        description: Protocol of the traffic to the target load balancers.
        type: str
        choices: [http, https, http2]
      target_port:
        description: Port of the target load balancers.
        type: int
      region_priorities:
        description: Region slug to priority (V(1) first) of the targets, for failover.
        type: dict
      failover_threshold:
        description: Percentage of failing targets of a region at which traffic fails over.
        type: int
      cdn:
        description: The CDN in front of the global load balancer.
        type: dict
        suboptions:
          is_enabled:
            description: Whether responses are cached at the edge.
            type: bool
  target_load_balancer_ids:
    description: Ids of the regional load balancers a GLOBAL load balancer sends traffic to, as a set.
    type: list
    elements: str
  domains:
    description: Domains a GLOBAL load balancer serves, as a set (names compared in lower case).
    type: list
    elements: dict
    suboptions:
      name:
        description: Domain name.
        type: str
        required: true
      is_managed:
        description: Whether the domain's DNS is managed by DigitalOcean.
        type: bool
      certificate_id:
        description: Id or name of the certificate for the domain.
        type: str
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean
  - fathom.digitalocean.digitalocean.wait
  - fathom.digitalocean.digitalocean.attributes
author:
  - fathom.digitalocean maintainers (@fathom-digitalocean)
"""

EXAMPLES = r"""
- name: An HTTPS load balancer in front of two Droplets
  fathom.digitalocean.load_balancer:
    name: web-lb
    region: nyc3
    size_unit: 1
    droplet_ids: [3164444, 3164445]
    forwarding_rules:
      - entry_protocol: https
        entry_port: 443
        target_protocol: http
        target_port: 80
        certificate_id: "{{ cert.certificate.id }}"
      - entry_protocol: http
        entry_port: 80
        target_protocol: http
        target_port: 80
    redirect_http_to_https: true
    health_check:
      protocol: http
      port: 80
      path: /healthz

- name: Target the Droplets tagged web instead
  fathom.digitalocean.load_balancer:
    name: web-lb
    region: nyc3
    tag: web

- name: Delete it
  fathom.digitalocean.load_balancer:
    name: web-lb
    region: nyc3
    state: absent

- name: A global load balancer in front of the regional ones
  fathom.digitalocean.load_balancer:
    name: web-global
    region: nyc3
    type: GLOBAL
    forwarding_rules:
      - entry_protocol: http
        entry_port: 80
        target_protocol: http
        target_port: 80
    glb_settings:
      target_protocol: http
      target_port: 80
      region_priorities:
        nyc3: 1
        ams3: 2
      failover_threshold: 50
    target_load_balancer_ids:
      - "{{ web_nyc3.load_balancer.id }}"
      - "{{ web_ams3.load_balancer.id }}"
    domains:
      - name: www.example.com
        is_managed: true
"""

RETURN = r"""
load_balancer:
  description: The load balancer as the API returns it after the task; empty when it is absent.
  returned: always
  type: dict
  sample: {"id": "4de7ac8b-495b-4884-9a69-1050c6793cd6", "name": "web-lb", "ip": "104.131.186.241",
           "status": "active", "region": {"slug": "nyc3"}, "droplet_ids": [3164444, 3164445], "tag": "",
           "forwarding_rules": [{"entry_protocol": "http", "entry_port": 80, "target_protocol": "http",
                                 "target_port": 80, "certificate_id": "", "tls_passthrough": false}]}
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
      description: Each changed field with its C(before), C(after) and C(via) (how it changes).
      type: dict
diff:
  description: The managed fields before and after, as shown by C(--diff).
  returned: always
  type: dict
"""

from ansible_collections.fathom.digitalocean.plugins.module_utils.module import DigitalOceanModule
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.load_balancer import LOAD_BALANCER


def main():
    module = DigitalOceanModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            id=dict(type="str"),
            name=dict(type="str"),
            region=dict(type="str"),
            size_unit=dict(type="int"),
            size=dict(type="str", choices=["lb-small", "lb-medium", "lb-large"]),
            droplet_ids=dict(type="list", elements="int"),
            tag=dict(type="str"),
            forwarding_rules=dict(type="list", elements="dict", options=dict(
                entry_protocol=dict(type="str", required=True),
                entry_port=dict(type="int", required=True),
                target_protocol=dict(type="str", required=True),
                target_port=dict(type="int", required=True),
                certificate_id=dict(type="str"),
                tls_passthrough=dict(type="bool", default=False),
            )),
            health_check=dict(type="dict", options=dict(
                protocol=dict(type="str"),
                port=dict(type="int"),
                path=dict(type="str"),
                check_interval_seconds=dict(type="int"),
                response_timeout_seconds=dict(type="int"),
                healthy_threshold=dict(type="int"),
                unhealthy_threshold=dict(type="int"),
            )),
            sticky_sessions=dict(type="dict", options=dict(
                type=dict(type="str", choices=["cookies", "none"], default="none"),
                cookie_name=dict(type="str"),
                cookie_ttl_seconds=dict(type="int"),
            )),
            redirect_http_to_https=dict(type="bool"),
            enable_proxy_protocol=dict(type="bool"),
            enable_backend_keepalive=dict(type="bool"),
            http_idle_timeout_seconds=dict(type="int"),
            firewall=dict(type="dict", options=dict(
                allow=dict(type="list", elements="str"),
                deny=dict(type="list", elements="str"),
            )),
            disable_lets_encrypt_dns_records=dict(type="bool"),
            tls_cipher_policy=dict(type="str", choices=["DEFAULT", "STRONG"]),
            vpc_uuid=dict(type="str"),
            project_id=dict(type="str"),
            network=dict(type="str", choices=["EXTERNAL", "INTERNAL"]),
            network_stack=dict(type="str", choices=["IPV4", "DUALSTACK"]),
            type=dict(type="str", choices=["REGIONAL", "REGIONAL_NETWORK", "GLOBAL"]),
            glb_settings=dict(type="dict", options=dict(
                target_protocol=dict(type="str", choices=["http", "https", "http2"]),
                target_port=dict(type="int"),
                region_priorities=dict(type="dict"),
                failover_threshold=dict(type="int"),
                cdn=dict(type="dict", options=dict(is_enabled=dict(type="bool"))),
            )),
            target_load_balancer_ids=dict(type="list", elements="str"),
            domains=dict(type="list", elements="dict", options=dict(
                name=dict(type="str", required=True),
                is_managed=dict(type="bool"),
                certificate_id=dict(type="str"),
            )),
        ),
        required_one_of=[("id", "name")],
        mutually_exclusive=[("droplet_ids", "tag"), ("size", "size_unit")],
    )
    module.run(LOAD_BALANCER)


if __name__ == "__main__":
    main()
