# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: droplets
short_description: DigitalOcean Droplets as a dynamic inventory
version_added: "0.1.0"
author: fathom.digitalocean maintainers (@fathom-digitalocean)
description:
  - Lists the account's Droplets through the DigitalOcean API v2 and makes every Droplet a host.
  - The inventory file name must end in C(droplets.yml), C(droplets.yaml), C(.do.yml) or C(.do.yaml).
  - Pages of 200 Droplets; once the first page tells the total, the other pages are fetched
    concurrently (O(concurrency) at a time), with the modules' retries and rate-limit handling,
    and assembled in order. N Droplets take exactly ceil(N/200) list requests.
  - All API requests happen before the first host is added, so a failed request never leaves a
    partial inventory behind. An error names its cause (wrong token, unreachable API, bad option).
  - Set O(cache=true) to reuse the last answer (a parse served from the cache sends no request).
    The cache is kept per API URL, token and O(api_filters), and another token never gets the hosts
    cached for the previous one. The cache holds a hash of the token, never the token.
requirements:
  - requests
extends_documentation_fragment:
  - fathom.digitalocean.digitalocean_plugin
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks the file as this plugin's configuration.
    required: true
    type: str
    choices: ['fathom.digitalocean.droplets']
  api_filters:
    description:
      - Server-side filters, applied by the API (or, for O(api_filters.project), through the
        project's resources) before any host is built.
    type: dict
    default: {}
    suboptions:
      tag_name:
        description: Only Droplets with this tag.
        type: str
      name:
        description:
          - Only Droplets with this name, compared without regard to case; when some Droplets
            have exactly this name, only they are taken. The same with or without
            O(api_filters.tag_name).
          - The API cannot combine C(name) with C(tag_name); given both, the tag filters
            server-side and the name client-side.
        type: str
      project:
        description:
          - Only Droplets assigned to this project, given by name or id.
          - Costs one request to list the projects (only when a name is given) plus one per page
            of the project's resources.
        type: str
  filters:
    description:
      - Client-side filters, Jinja expressions over a host's variables (with O(var_prefix)).
        A Droplet becomes a host only when every expression is true.
      - An expression that fails to evaluate excludes the host, or fails the parse with O(strict=true).
    type: list
    elements: str
    default: []
  hostnames:
    description:
      - Ordered preferences for the inventory hostname; the first that gives a non-empty value wins.
      - Each entry is one of V(name), V(id), V(public_ipv4), V(private_ipv4), V(ipv6), or a Jinja
        expression over the host's variables.
      - When two Droplets end up with the same hostname, both become hosts named
        C(<hostname>_<id>) (for example C(web-1_123456)) and a warning lists them; one never
        silently replaces the other.
    type: list
    elements: str
    default: [name]
  ansible_host_preference:
    description:
      - Ordered preferences for C(ansible_host); the first address the Droplet has is used.
      - An empty list leaves C(ansible_host) unset (use O(compose) for anything else).
    type: list
    elements: str
    choices: [public_ipv4, private_ipv4, ipv6]
    default: [public_ipv4, private_ipv4, ipv6]
  attributes:
    description:
      - Which host variables to set, each with the O(var_prefix).
      - V(default) sets C(id), C(name), C(region) (slug), C(size) (slug), C(image) (slug),
        C(distribution), C(status), C(tags), C(vpc_uuid), C(public_ipv4), C(private_ipv4),
        C(ipv6), C(memory), C(vcpus), C(disk) and C(created_at).
      - V(all) adds every other field of the API's Droplet object under its own name (for
        example C(networks), C(features), C(volume_ids), C(backup_ids)) and the full
        C(region_info), C(size_info) and C(image_info) objects.
      - A list picks names from those.
    type: raw
    default: default
  var_prefix:
    description:
      - Prefix of every host variable the plugin sets from the API (C(tags) becomes C(do_tags)),
        so they never clash with Ansible's reserved names.
    type: str
    default: do_
  default_groups:
    description:
      - Groups every host joins without any O(keyed_groups), namely C(region_<slug>), C(tag_<tag>) (one
        per tag), C(size_<slug>) and C(status_<status>).
      - Set V([]) to create none; O(groups) and O(keyed_groups) add to these.
    type: list
    elements: str
    choices: [region, tag, size, status]
    default: [region, tag, size, status]
  kubernetes_groups:
    description:
      - Put the worker Droplets of DigitalOcean Kubernetes clusters in a group C(k8s_<cluster name>), from the
        C(k8s:<cluster id>) tag DOKS puts on them. The cluster names take one more request
        (C(GET /v2/kubernetes/clusters)); a Droplet of a cluster that is gone joins C(k8s_<cluster id>).
      - Off by default.
    type: bool
    default: false
  concurrency:
    description:
      - How many pages are fetched at the same time once the first page tells the total.
      - V(1) fetches pages one by one. The result is the same list either way.
    type: int
    default: 4
"""

EXAMPLES = r"""
# do.droplets.yml - every Droplet, grouped by region, tag, size and status.
# ansible-inventory -i do.droplets.yml --graph
plugin: fathom.digitalocean.droplets

# prod.droplets.yml - the web servers of one project, reached over the private network.
plugin: fathom.digitalocean.droplets
token: "{{ vault_do_token }}"
api_filters:
  tag_name: web
  project: production
filters:
  - do_status == "active"
hostnames: [name, id]
ansible_host_preference: [private_ipv4, public_ipv4]
compose:
  ansible_user: "'root' if do_distribution == 'Ubuntu' else 'core'"
keyed_groups:
  - key: do_distribution | lower
    prefix: os
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible-inventory
cache_timeout: 600
"""

import hashlib
import json
import re

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanAPIError
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import UUID, PlanError, exactly_one
from ansible_collections.fathom.digitalocean.plugins.plugin_utils.base import api_errors, build_client
from ansible_collections.fathom.digitalocean.plugins.plugin_utils.base import connection_options

HOSTNAME_KEYWORDS = ("name", "id", "public_ipv4", "private_ipv4", "ipv6")
ADDRESS_KEYWORDS = ("public_ipv4", "private_ipv4", "ipv6")
DEFAULT_ATTRIBUTES = ("id", "name", "region", "size", "image", "distribution", "status", "tags", "vpc_uuid",
                      "public_ipv4", "private_ipv4", "ipv6", "memory", "vcpus", "disk", "created_at")
INFO_ATTRIBUTES = ("region_info", "size_info", "image_info")
GROUP_KINDS = ("region", "tag", "size", "status")
API_FILTERS = ("tag_name", "name", "project")
MAX_CONCURRENCY = 10
IDENTIFIER_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
CACHE_FORMAT = 1


def _first_address(droplet, family, kind):
    for net in ((droplet.get("networks") or {}).get(family) or []):
        if net.get("type") == kind and net.get("ip_address"):
            return net["ip_address"]
    return None


def k8s_cluster_ids(droplet):
    """The ids of the Kubernetes clusters a Droplet is a worker of, from the k8s:<cluster id> tags."""
    return [tag[4:] for tag in droplet.get("tags") or [] if str(tag).startswith("k8s:") and UUID.match(tag[4:])]


def named(droplets, name):
    """The droplets with exactly this name, else those with this name in any case."""
    exact = [d for d in droplets if d.get("name") == name]
    return exact or [d for d in droplets if str(d.get("name", "")).lower() == name.lower()]


def flatten(droplet):
    """The documented default attributes of one Droplet (without prefix)."""
    region = droplet.get("region")
    size = droplet.get("size")
    image = droplet.get("image") or {}
    return {
        "id": droplet.get("id"),
        "name": droplet.get("name"),
        "region": region.get("slug") if isinstance(region, dict) else region,
        "size": droplet.get("size_slug") or (size.get("slug") if isinstance(size, dict) else size),
        "image": image.get("slug") if isinstance(image, dict) else image,
        "distribution": image.get("distribution") if isinstance(image, dict) else None,
        "status": droplet.get("status"),
        "tags": list(droplet.get("tags") or []),
        "vpc_uuid": droplet.get("vpc_uuid"),
        "public_ipv4": _first_address(droplet, "v4", "public"),
        "private_ipv4": _first_address(droplet, "v4", "private"),
        "ipv6": _first_address(droplet, "v6", "public") or _first_address(droplet, "v6", "private"),
        "memory": droplet.get("memory"),
        "vcpus": droplet.get("vcpus"),
        "disk": droplet.get("disk"),
        "created_at": droplet.get("created_at"),
    }


def all_attributes(droplet):
    attributes = flatten(droplet)
    for key, value in droplet.items():
        if key in ("region", "size", "image"):
            attributes[key + "_info"] = value
        elif key not in attributes:
            attributes[key] = value
    return attributes


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "fathom.digitalocean.droplets"

    def verify_file(self, path):
        if not super().verify_file(path):
            return False
        if path.endswith(("droplets.yml", "droplets.yaml", ".do.yml", ".do.yaml")):
            return True
        self.display.vvv("fathom.digitalocean.droplets: skipping %s, the file name must end in "
                         "droplets.yml, droplets.yaml, .do.yml or .do.yaml" % path)
        return False

    # -- parse -------------------------------------------------------------------------------------

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache=cache)
        self._read_config_data(path)
        settings = self._settings()

        cache_key = self.get_cache_key(path)
        fingerprint = self._fingerprint(settings)
        use_cache = self.get_option("cache") and cache
        update_cache = self.get_option("cache") and not cache
        droplets = None
        if use_cache:
            try:
                cached = self._cache[cache_key]
            except KeyError:
                cached = None
            if isinstance(cached, dict) and cached.get("fingerprint") == fingerprint:
                droplets = cached.get("droplets")
                settings["k8s_clusters"] = cached.get("k8s_clusters") or {}
            update_cache = droplets is None
        if droplets is None:
            droplets = self._fetch(settings)
        if update_cache:
            self._cache[cache_key] = {"format": CACHE_FORMAT, "fingerprint": fingerprint, "droplets": droplets,
                                      "k8s_clusters": settings.get("k8s_clusters") or {}}
        self._populate_all(droplets, settings)

    # -- options -----------------------------------------------------------------------------------

    def _settings(self):
        """Validate every option before any API request; a bad value is a parse error naming it."""
        api_filters = self.get_option("api_filters") or {}
        if not isinstance(api_filters, dict):
            raise AnsibleParserError("Option api_filters must be a dictionary, got %r" % (api_filters,))
        unknown = sorted(set(api_filters) - set(API_FILTERS))
        if unknown:
            raise AnsibleParserError("Option api_filters: unknown filter(s) %s; supported: %s"
                                     % (", ".join(unknown), ", ".join(API_FILTERS)))
        api_filters = dict((key, value) for key, value in api_filters.items() if value not in (None, ""))
        for key, value in api_filters.items():
            if not isinstance(value, (str, int)):
                raise AnsibleParserError("Option api_filters.%s must be a string, got %r" % (key, value))
            api_filters[key] = str(value)

        hostnames = self.get_option("hostnames") or ["name"]
        for entry in hostnames:
            if not isinstance(entry, str) or not entry.strip():
                raise AnsibleParserError("Option hostnames: every entry must be one of %s or a Jinja expression, "
                                         "got %r" % (", ".join(HOSTNAME_KEYWORDS), entry))

        attributes = self.get_option("attributes")
        if attributes in (None, "default"):
            attributes = list(DEFAULT_ATTRIBUTES)
        elif attributes == "all":
            attributes = "all"
        elif isinstance(attributes, list) and all(isinstance(a, str) and a for a in attributes):
            attributes = list(attributes)
        else:
            raise AnsibleParserError("Option attributes must be 'default', 'all' or a list of attribute names, "
                                     "got %r" % (attributes,))

        concurrency = self.get_option("concurrency")
        if not isinstance(concurrency, int) or not 1 <= concurrency <= MAX_CONCURRENCY:
            raise AnsibleParserError("Option concurrency must be an integer from 1 to %d, got %r"
                                     % (MAX_CONCURRENCY, concurrency))
        var_prefix = self.get_option("var_prefix")
        if var_prefix is None:
            var_prefix = ""
        if not isinstance(var_prefix, str):
            raise AnsibleParserError("Option var_prefix must be a string, got %r" % (var_prefix,))
        self._check_hostnames(hostnames, attributes, var_prefix)
        return {
            "api_filters": api_filters,
            "filters": self.get_option("filters") or [],
            "hostnames": hostnames,
            "host_preference": self.get_option("ansible_host_preference") or [],
            "attributes": attributes,
            "var_prefix": var_prefix,
            "default_groups": self.get_option("default_groups") or [],
            "concurrency": concurrency,
            "strict": self.get_option("strict"),
            "kubernetes_groups": bool(self.get_option("kubernetes_groups")),
        }

    @staticmethod
    def _check_hostnames(hostnames, attributes, var_prefix):
        """A bare name in hostnames must be a keyword or a variable the plugin sets: anything else
        would be undefined for every Droplet and silently leave the inventory empty."""
        if attributes == "all":
            if not var_prefix:
                return
            known = None
        else:
            known = sorted(var_prefix + name for name in attributes)
        for entry in hostnames:
            name = entry.strip()
            if name in HOSTNAME_KEYWORDS or not IDENTIFIER_RE.match(name):
                continue
            if known is None and name.startswith(var_prefix):
                continue
            if known is not None and name in known:
                continue
            raise AnsibleParserError(
                "Option hostnames: %r is neither one of %s nor a host variable this plugin sets (%s); "
                "give a keyword or a Jinja expression over those variables"
                % (entry, ", ".join(HOSTNAME_KEYWORDS),
                   ", ".join(known) if known is not None else "%s<attribute>" % var_prefix))

    def _fingerprint(self, settings):
        """What the cached answer depends on: the API endpoint, the token and the server-side filters.

        Another token (another account's, or the same account's after the old one was revoked) is
        another answer, never the cached one. Only a hash of the token goes into the cache.
        """
        token, api_url = connection_options(self.get_option, templar=self.templar, variables=self._vars or {},
                                            error_class=AnsibleParserError)
        raw = json.dumps({"api_url": api_url, "token": hashlib.sha256(token.encode("utf-8")).hexdigest(),
                          "filters": settings["api_filters"],
                          "kubernetes_groups": settings.get("kubernetes_groups", False)}, sort_keys=True)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    # -- API ---------------------------------------------------------------------------------------

    def _fetch(self, settings):
        """Every Droplet the filters select. Only API requests here, no inventory changes."""
        client = build_client(self.get_option, templar=self.templar, variables=self._vars or {},
                              warn=self.display.warning, error_class=AnsibleParserError)
        filters = settings["api_filters"]
        params = {}
        name = filters.get("name")
        if filters.get("tag_name"):
            params["tag_name"] = filters["tag_name"]
        elif name:
            params["name"] = name
            name = None  # done server-side
        project_ids = None
        if filters.get("project"):
            with api_errors("Could not read project %r" % filters["project"], AnsibleParserError):
                project_ids = self._project_droplet_ids(client, filters["project"])
        with api_errors("Could not list the Droplets", AnsibleParserError):
            droplets = client.paginate_concurrent("/v2/droplets", "droplets", params=params,
                                                  workers=settings["concurrency"])
            if params.get("name") and not droplets:
                # The API's name filter is exact: look for the name in another case too.
                name = params.pop("name")
                droplets = client.paginate_concurrent("/v2/droplets", "droplets", params=params,
                                                      workers=settings["concurrency"])
        if name:
            droplets = named(droplets, name)
        if project_ids is not None:
            droplets = [d for d in droplets if d.get("id") in project_ids]
        if settings.get("kubernetes_groups"):
            settings["k8s_clusters"] = {}
            if any(k8s_cluster_ids(droplet) for droplet in droplets):
                with api_errors("Could not list the Kubernetes clusters", AnsibleParserError):
                    settings["k8s_clusters"] = dict(
                        (cluster.get("id"), cluster.get("name"))
                        for cluster in client.paginate("/v2/kubernetes/clusters", "kubernetes_clusters"))
        self.display.vvv("fathom.digitalocean.droplets: %d Droplets in %d API requests"
                         % (len(droplets), client.request_count))
        return droplets

    @staticmethod
    def _project_droplet_ids(client, project):
        if UUID.match(project):
            project_id = project
        else:
            projects = client.paginate("/v2/projects", "projects")
            try:
                found = exactly_one([p for p in projects if p.get("name") == project], "projects",
                                    "are named %r" % project, hint="Give the id instead.")
            except PlanError as exc:
                raise AnsibleParserError("Option api_filters.project: %s" % exc) from None
            if found is None:
                raise AnsibleParserError(
                    "Option api_filters.project: no project named %r; projects: %s"
                    % (project, ", ".join(sorted(str(p.get("name")) for p in projects)) or "none"))
            project_id = found["id"]
        try:
            resources = client.paginate("/v2/projects/%s/resources" % project_id, "resources")
        except DigitalOceanAPIError as exc:
            if exc.status == 404:
                raise AnsibleParserError("Option api_filters.project: no project with id %s" % project_id) from None
            raise
        ids = set()
        urns = [r.get("urn") for r in resources]
        for urn in urns:
            parts = str(urn or "").split(":")
            if len(parts) == 3 and parts[0] == "do" and parts[1] == "droplet" and parts[2].isdigit():
                ids.add(int(parts[2]))
        return ids

    # -- inventory ---------------------------------------------------------------------------------

    def _populate_all(self, droplets, settings):
        """Add the hosts; on any failure, take back what was added so nothing partial remains."""
        hosts_before = set(self.inventory.hosts)
        groups_before = set(self.inventory.groups)
        try:
            self._populate(droplets, settings)
        except Exception as exc:
            for host in set(self.inventory.hosts) - hosts_before:
                self.inventory.remove_host(self.inventory.hosts[host])
            for group in set(self.inventory.groups) - groups_before:
                self.inventory.remove_group(group)
            if isinstance(exc, AnsibleError):
                raise
            raise AnsibleParserError("fathom.digitalocean.droplets: %s" % to_native(exc)) from None

    def _host_vars(self, droplet, settings):
        prefix = settings["var_prefix"]
        wanted = settings["attributes"]
        if wanted == "all":
            values = all_attributes(droplet)
        else:
            values = flatten(droplet)
            extra = [a for a in wanted if a not in values]
            if extra:
                full = all_attributes(droplet)
                values.update((a, full[a]) for a in extra if a in full)
            values = dict((a, values[a]) for a in wanted if a in values)
        return dict((prefix + key, value) for key, value in values.items()), flatten(droplet)

    def _hostname(self, flat, host_vars, settings):
        for entry in settings["hostnames"]:
            if entry in HOSTNAME_KEYWORDS:
                value = flat.get(entry)
            else:
                try:
                    value = self._compose(entry, host_vars)
                except Exception as exc:
                    if settings["strict"]:
                        raise AnsibleParserError("Could not evaluate hostnames entry %r for Droplet %s: %s"
                                                 % (entry, flat.get("id"), to_native(exc)))
                    value = None
            if value not in (None, ""):
                return str(value)
        return None

    def _passes(self, host_vars, flat, settings):
        for expression in settings["filters"]:
            try:
                if not self._compose(expression, host_vars):
                    return False
            except Exception as exc:
                if settings["strict"]:
                    raise AnsibleParserError("Could not evaluate filter %r for Droplet %s: %s"
                                             % (expression, flat.get("id"), to_native(exc)))
                return False
        return True

    def _populate(self, droplets, settings):
        selected = []
        for droplet in droplets:
            host_vars, flat = self._host_vars(droplet, settings)
            if settings["filters"] and not self._passes(host_vars, flat, settings):
                continue
            hostname = self._hostname(flat, host_vars, settings)
            if hostname is None:
                self.display.warning("fathom.digitalocean.droplets: Droplet %s has no value for any of the "
                                     "hostnames %s; skipped" % (flat.get("id"), settings["hostnames"]))
                continue
            selected.append((hostname, host_vars, flat))

        counts = {}
        for hostname, _vars, _flat in selected:
            counts[hostname] = counts.get(hostname, 0) + 1
        duplicates = sorted(name for name, count in counts.items() if count > 1)
        if duplicates:
            shown = ", ".join(duplicates[:20])
            if len(duplicates) > 20:
                shown += " and %d more" % (len(duplicates) - 20)
            self.display.warning(
                "fathom.digitalocean.droplets: several Droplets share the hostname(s) %s; each of them is "
                "added as <hostname>_<id>" % shown)

        inventory = self.inventory
        sanitize = self._sanitize_group_name
        groups_seen = {}
        strict = settings["strict"]
        compose = self.get_option("compose")
        groups = self.get_option("groups")
        keyed_groups = self.get_option("keyed_groups")
        for hostname, host_vars, flat in selected:
            if counts[hostname] > 1:
                hostname = "%s_%s" % (hostname, flat.get("id"))
            host = inventory.add_host(hostname)
            # Straight onto the Host: the API's values are plain data, never trusted as templates,
            # and the names were checked once; 10,000 hosts x 16 variables stay fast.
            host_obj = inventory.get_host(host)
            for key, value in host_vars.items():
                host_obj.set_variable(key, value)
            address_set = None
            for preference in settings["host_preference"]:
                address = flat.get(preference)
                if address:
                    inventory.set_variable(host, "ansible_host", address)
                    address_set = address
                    break
            for kind in settings["default_groups"]:
                values = (flat.get("tags") or []) if kind == "tag" else [flat.get(kind)]
                for value in values:
                    if value in (None, ""):
                        continue
                    raw = "%s_%s" % (kind, value)
                    group = groups_seen.get(raw)
                    if group is None:
                        group = groups_seen[raw] = inventory.add_group(sanitize(raw))
                    inventory.add_child(group, host)
            if settings.get("kubernetes_groups"):
                for cluster_id in k8s_cluster_ids(flat):
                    raw = "k8s_%s" % ((settings.get("k8s_clusters") or {}).get(cluster_id) or cluster_id)
                    group = groups_seen.get(raw)
                    if group is None:
                        group = groups_seen[raw] = inventory.add_group(sanitize(raw))
                    inventory.add_child(group, host)
            if compose:
                variables = host_vars
                if address_set:
                    variables = dict(host_vars, ansible_host=address_set)
                self._set_composite_vars(compose, variables, host, strict=strict)
            if groups:
                self._add_host_to_composed_groups(groups, host_vars, host, strict=strict)
            if keyed_groups:
                self._add_host_to_keyed_groups(keyed_groups, host_vars, host, strict=strict)
