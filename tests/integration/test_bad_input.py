"""Bad input across the modules and plugins: a clear error naming the option, and no request.

The cases run in few ansible-playbook runs (each task ``ignore_errors: true``), read back task by
task:

* LOCAL_CASES: input the collection can judge alone. The whole playbook must send NO request at
  all, so every case in it is checked before the first request.
* API_CASES: a region, size or image slug only the API can judge. The simulator answers the create
  with 422; the task fails with the API's message, and the only mutating requests of the playbook
  are those rejected POSTs (one per case, in order).
* INVENTORY_CASES: bad options of the droplets inventory plugin, one ansible-inventory run each;
  a parse error naming the option, and no request.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import MUTATING, PlaybookRun, REPO, ansible_env
from tests.conftest import SimulatorClient
from tests.helpers import self_signed_certificate

LONG_300 = "t" * 300
OTHER_KEY = self_signed_certificate("other.example.com")[0]
LEAF_PEM = self_signed_certificate("api.example.com")[1]
PEM_CERT = "-----BEGIN CERTIFICATE-----\nTUlJQmZha2VjZXJ0\n-----END CERTIFICATE-----\n"
PEM_GARBAGE = "-----BEGIN PRIVATE KEY-----\nnot base64 at all !!\n-----END PRIVATE KEY-----\n"


def case(name, module, args, *expected):
    """One task: `name` is the task name, `expected` the substrings its error message must hold."""
    return pytest.param(name, module, args, expected, id=name)


def lookup(name, expression, *expected):
    return pytest.param(name, "ansible.builtin.debug", {"msg": "{{ %s }}" % expression}, expected, id=name)


DROPLET = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}
LB_RULE = {"entry_protocol": "http", "entry_port": 80, "target_protocol": "http", "target_port": 80}
CLUSTER = {"cluster_name": "db-main"}
FW_SOURCES = {"addresses": ["0.0.0.0/0"]}

LOCAL_CASES = [
    # -- wrong types ------------------------------------------------------------------------------
    case("volume size_gigabytes not an int", "volume",
         {"name": "v1", "region": "nyc3", "size_gigabytes": "big"}, "size_gigabytes", "int"),
    case("droplet ipv6 not a bool", "droplet", dict(DROPLET, ipv6="maybe"), "ipv6", "bool"),
    case("droplet tags not a list of str", "droplet", dict(DROPLET, tags={"a": 1}), "tags"),
    case("firewall droplet_ids not ints", "firewall",
         {"name": "fw", "droplet_ids": ["abc"], "inbound_rules": [{"protocol": "tcp", "ports": "22",
                                                                   "sources": FW_SOURCES}]},
         "droplet_ids"),
    case("domain_record priority not an int", "domain_record",
         {"domain": "example.com", "type": "MX", "name": "@", "data": "mx.example.com", "priority": "high"},
         "priority", "int"),
    case("load_balancer entry_port not an int", "load_balancer",
         {"name": "lb", "region": "nyc3", "forwarding_rules": [dict(LB_RULE, entry_port="eighty")]},
         "entry_port"),
    # -- unknown choices --------------------------------------------------------------------------
    case("droplet state running", "droplet", dict(DROPLET, state="running"),
         "state", "present, active, off, absent", "running"),
    case("volume filesystem_type ntfs", "volume",
         {"name": "v1", "region": "nyc3", "size_gigabytes": 10, "filesystem_type": "ntfs"},
         "filesystem_type", "ext4, xfs", "ntfs"),
    case("cdn_endpoint ttl 5", "cdn_endpoint", {"origin": "static.nyc3.digitaloceanspaces.com", "ttl": 5},
         "ttl", "3600", "5"),
    case("database_cluster engine oracle", "database_cluster",
         {"name": "db-main", "engine": "oracle", "region": "nyc3", "size": "db-s-1vcpu-1gb", "num_nodes": 1},
         "engine", "pg", "oracle"),
    case("database_cluster maintenance day funday", "database_cluster",
         {"name": "db-main", "maintenance_window": {"day": "funday", "hour": "10:00"}}, "day", "monday", "funday"),
    case("database_connection_pool mode bogus", "database_connection_pool",
         dict(CLUSTER, name="pool-1", mode="bogus", size=5, db="defaultdb", user="doadmin"),
         "mode", "transaction", "bogus"),
    case("load_balancer size lb-huge", "load_balancer", {"name": "lb", "region": "nyc3", "size": "lb-huge"},
         "size", "lb-small", "lb-huge"),
    case("certificate type self_signed", "certificate", {"name": "c1", "type": "self_signed"},
         "type", "custom, lets_encrypt", "self_signed"),
    case("project environment Testing", "project", {"name": "p1", "environment": "Testing"},
         "environment", "Development", "Testing"),
    case("snapshot resource_type kubernetes", "snapshot",
         {"name": "s1", "resource_type": "kubernetes", "resource_id": "1"}, "resource_type", "kubernetes"),
    # -- required-one-of / required-together / mutually exclusive ---------------------------------
    case("droplet needs id or name", "droplet", {"region": "nyc3"}, "one of the following is required", "id", "name"),
    case("cdn_endpoint needs id or origin", "cdn_endpoint", {"ttl": 3600}, "one of the following", "origin"),
    case("reserved_ip needs ip, droplet_id or region", "reserved_ip", {"state": "present"},
         "one of the following", "ip", "droplet_id", "region"),
    case("snapshot resource_type without resource_id", "snapshot", {"name": "s1", "resource_type": "droplet"},
         "parameters are required together", "resource_type", "resource_id"),
    case("database_user needs cluster_id or cluster_name", "database_user", {"name": "app"},
         "one of the following", "cluster_id", "cluster_name"),
    case("app spec and spec_file together", "app", {"spec": {"name": "a"}, "spec_file": "/nonexistent.yml"},
         "mutually exclusive", "spec", "spec_file"),
    case("load_balancer droplet_ids and tag together", "load_balancer",
         {"name": "lb", "region": "nyc3", "droplet_ids": [1], "tag": "web", "forwarding_rules": [LB_RULE]},
         "mutually exclusive", "droplet_ids", "tag"),
    case("certificate dns_names and private_key together", "certificate",
         {"name": "c1", "dns_names": ["www.example.com"], "private_key": PEM_GARBAGE},
         "mutually exclusive", "dns_names", "private_key"),
    # -- negative or out-of-range numbers ---------------------------------------------------------
    case("volume negative size", "volume", {"name": "v1", "region": "nyc3", "size_gigabytes": -5},
         "size_gigabytes", "positive", "-5"),
    case("database_cluster negative storage", "database_cluster",
         {"name": "db-main", "storage_size_mib": -1}, "storage_size_mib", "-1"),
    case("database_cluster num_nodes 7", "database_cluster", {"name": "db-main", "num_nodes": 7},
         "num_nodes", "between 1 and 3", "7"),
    case("database_connection_pool size 0", "database_connection_pool",
         dict(CLUSTER, name="pool-1", mode="transaction", size=0, db="defaultdb", user="doadmin"), "size", "0"),
    case("droplet_group negative count", "droplet_group", {"group_tag": "web", "count": -1}, "count", "-1"),
    case("volume negative droplet_id", "volume", {"name": "v1", "droplet_id": -3}, "droplet_id", "-3"),
    # -- names that are too long or malformed ------------------------------------------------------
    case("tag name of 300 characters", "tag", {"name": LONG_300}, "name", "255"),
    case("tag name with a space", "tag", {"name": "bad tag"}, "name", "bad tag"),
    case("droplet name longer than 255", "droplet", dict(DROPLET, name="d" * 256), "name", "255", "256"),
    case("droplet_group group_tag of 300 characters", "droplet_group", {"group_tag": LONG_300, "count": 1},
         "group_tag", "255"),
    case("project name longer than 175", "project", {"name": "p" * 176}, "name", "175"),
    case("database_user name too long", "database_user", dict(CLUSTER, name="u" * 64), "name", "63"),
    case("vpc name with a space", "vpc", {"name": "my vpc", "region": "nyc3"}, "name", "my vpc"),
    case("firewall name with a space", "firewall",
         {"name": "my fw", "inbound_rules": [{"protocol": "tcp", "ports": "22", "sources": FW_SOURCES}]},
         "name", "my fw"),
    # -- fingerprints, keys, certificates --------------------------------------------------------
    case("ssh_key bad fingerprint", "ssh_key", {"fingerprint": "zz:zz:zz"}, "fingerprint", "zz:zz:zz"),
    case("ssh_key public_key not a key", "ssh_key", {"name": "k1", "public_key": "not-a-key"}, "public_key"),
    case("certificate private_key not PEM", "certificate",
         {"name": "c1", "type": "custom", "private_key": "garbage", "leaf_certificate": PEM_CERT},
         "private_key", "PEM"),
    # -- firewall rules: CIDRs, ports, protocols ---------------------------------------------------
    case("firewall CIDR /33", "firewall",
         {"name": "fw", "inbound_rules": [{"protocol": "tcp", "ports": "22",
                                           "sources": {"addresses": ["10.0.0.0/33"]}}]},
         "inbound_rules[0]", "10.0.0.0/33"),
    case("firewall address 300.1.1.1", "firewall",
         {"name": "fw", "outbound_rules": [{"protocol": "tcp", "ports": "443",
                                            "destinations": {"addresses": ["300.1.1.1"]}}]},
         "outbound_rules[0]", "300.1.1.1"),
    case("firewall port 99999", "firewall",
         {"name": "fw", "inbound_rules": [{"protocol": "tcp", "ports": "99999", "sources": FW_SOURCES}]},
         "inbound_rules[0]", "ports", "99999"),
    case("firewall port range backwards", "firewall",
         {"name": "fw", "inbound_rules": [{"protocol": "tcp", "ports": "90-80", "sources": FW_SOURCES}]},
         "inbound_rules[0]", "90-80"),
    case("firewall port not a number", "firewall",
         {"name": "fw", "inbound_rules": [{"protocol": "tcp", "ports": "http", "sources": FW_SOURCES}]},
         "inbound_rules[0]", "ports", "http"),
    case("firewall protocol sctp", "firewall",
         {"name": "fw", "inbound_rules": [{"protocol": "sctp", "ports": "22", "sources": FW_SOURCES}]},
         "protocol", "tcp", "sctp"),
    case("firewall rule without sources", "firewall",
         {"name": "fw", "inbound_rules": [{"protocol": "tcp", "ports": "22"}]}, "sources"),
    case("vpc ip_range /33", "vpc", {"name": "v1", "region": "nyc3", "ip_range": "10.0.0.0/33"},
         "ip_range", "10.0.0.0/33"),
    case("vpc ip_range public", "vpc", {"name": "v1", "region": "nyc3", "ip_range": "8.8.8.0/24"},
         "ip_range", "RFC 1918"),
    case("reserved_ip malformed ip", "reserved_ip", {"ip": "1.2.3"}, "ip", "1.2.3"),
    # -- database firewall rules ------------------------------------------------------------------
    case("database_firewall rule type subnet", "database_firewall",
         dict(CLUSTER, rules=[{"type": "subnet", "value": "10.0.0.0/8"}]), "type", "ip_addr", "subnet"),
    case("database_firewall ip_addr not an address", "database_firewall",
         dict(CLUSTER, rules=[{"type": "ip_addr", "value": "999.1.1.1"}]), "rules[0].value", "999.1.1.1"),
    case("database_firewall droplet not an id", "database_firewall",
         dict(CLUSTER, rules=[{"type": "droplet", "value": "web-1"}]), "rules[0].value", "web-1"),
    # -- load balancer forwarding rules -----------------------------------------------------------
    case("load_balancer entry_protocol ftp", "load_balancer",
         {"name": "lb", "region": "nyc3", "forwarding_rules": [dict(LB_RULE, entry_protocol="ftp")]},
         "forwarding_rules[0].entry_protocol", "ftp"),
    case("load_balancer target_port 70000", "load_balancer",
         {"name": "lb", "region": "nyc3", "forwarding_rules": [dict(LB_RULE, target_port=70000)]},
         "forwarding_rules[0].target_port", "70000"),
    case("load_balancer https without certificate", "load_balancer",
         {"name": "lb", "region": "nyc3", "forwarding_rules": [dict(LB_RULE, entry_protocol="https", entry_port=443)]},
         "forwarding_rules[0]", "certificate_id"),
    case("load_balancer rule without target_port", "load_balancer",
         {"name": "lb", "region": "nyc3", "forwarding_rules": [{"entry_protocol": "http", "entry_port": 80,
                                                                "target_protocol": "http"}]},
         "target_port"),
    case("load_balancer empty forwarding_rules", "load_balancer",
         {"name": "lb", "region": "nyc3", "forwarding_rules": []}, "forwarding_rules"),
    # -- domain records -----------------------------------------------------------------------------
    case("domain_record type XYZ", "domain_record",
         {"domain": "example.com", "type": "XYZ", "name": "www", "data": "1.2.3.4"}, "type", "CNAME", "XYZ"),
    case("domain_record MX priority 70000", "domain_record",
         {"domain": "example.com", "type": "MX", "name": "@", "data": "mx.example.com", "priority": 70000},
         "priority", "70000"),
    case("domain_record A data not an address", "domain_record",
         {"domain": "example.com", "type": "A", "name": "www", "data": "not-an-ip"}, "data", "not-an-ip"),
    case("domain_records record type XYZ", "domain_records",
         {"domain": "example.com", "records": [{"type": "XYZ", "name": "www", "data": "1.2.3.4"}]},
         "type", "XYZ"),
    # -- app spec -----------------------------------------------------------------------------------
    case("app spec is a string", "app", {"spec": "name: web"}, "spec must be a dict"),
    case("app spec is a list", "app", {"spec": [{"name": "web"}]}, "spec must be a dict"),
    case("app spec without name", "app", {"spec": {"region": "nyc"}}, "spec.name"),
    # -- lookups: bad kinds ---------------------------------------------------------------------------
    lookup("resource lookup unknown kind", "query('fathom.digitalocean.resource', 'spaceships')",
           "Unknown kind", "spaceships", "droplets"),
    lookup("resource lookup two kinds", "query('fathom.digitalocean.resource', 'droplets', 'volumes')",
           "exactly one kind"),
    lookup("id lookup unknown kind", "lookup('fathom.digitalocean.id', 'spaceships', 'x')",
           "Unknown kind", "spaceships"),
    lookup("id lookup without a name", "lookup('fathom.digitalocean.id', 'droplets')",
           "a kind and at least one name"),
    # -- common options, checked before any request -----------------------------------------------
    case("droplet wait_timeout 0", "droplet", dict(DROPLET, wait_timeout=0), "wait_timeout must be at least 1", "0"),
    case("droplet wait_timeout negative", "droplet", dict(DROPLET, wait_timeout=-5), "wait_timeout", "-5"),
    case("volume timeout 0", "volume", {"name": "v1", "region": "nyc3", "size_gigabytes": 10, "timeout": 0},
         "timeout must be at least 1"),
    case("droplet api_retries negative", "droplet", dict(DROPLET, api_retries=-1), "api_retries must be at least 0"),
    case("droplet api_retry_max_delay negative", "droplet", dict(DROPLET, api_retry_max_delay=-1),
         "api_retry_max_delay"),
    case("tag_info timeout negative", "tag_info", {"timeout": -3}, "timeout"),
    # -- tag names, as the tag module checks them ------------------------------------------------------
    case("droplet tag with a space", "droplet", dict(DROPLET, tags=["my tag"]), "tags[0]", "my tag"),
    case("droplet second tag with a slash", "droplet", dict(DROPLET, tags=["web", "a/b"]), "tags[1]", "a/b"),
    case("volume tag with a space", "volume", {"name": "v1", "region": "nyc3", "size_gigabytes": 10,
                                               "tags": ["data disk"]}, "tags[0]"),
    case("database_cluster tag with a dot", "database_cluster",
         {"name": "db-main", "engine": "pg", "region": "nyc3", "size": "db-s-1vcpu-1gb", "num_nodes": 1,
          "tags": ["db.main"]}, "tags[0]", "db.main"),
    case("snapshot tag with a space", "snapshot",
         {"name": "s1", "resource_type": "volume", "resource_id": "506f78a4-e098-11e5-ad9f-000f53306ae1",
          "tags": ["nightly backup"]}, "tags[0]"),
    # -- firewall rules that would open every port silently ------------------------------------------
    case("firewall tcp rule without ports", "firewall",
         {"name": "fw", "inbound_rules": [{"protocol": "tcp", "sources": FW_SOURCES}]},
         "inbound_rules[0].ports", "needs ports", "all"),
    case("firewall udp rule with empty ports", "firewall",
         {"name": "fw", "inbound_rules": [{"protocol": "udp", "ports": "", "sources": FW_SOURCES}]},
         "inbound_rules[0].ports", "udp"),
    case("firewall outbound tcp rule without ports", "firewall",
         {"name": "fw", "outbound_rules": [{"protocol": "tcp", "destinations": FW_SOURCES}]},
         "outbound_rules[0].ports"),
    case("database_firewall empty rules without purge", "database_firewall", dict(CLUSTER, rules=[]),
         "rules: []", "purge: true"),
    # -- names the API refuses ------------------------------------------------------------------------
    case("load_balancer name with a space", "load_balancer",
         {"name": "my lb", "region": "nyc3", "forwarding_rules": [LB_RULE]}, "name", "my lb"),
    case("load_balancer name starting with a dash", "load_balancer",
         {"name": "-lb", "region": "nyc3", "forwarding_rules": [LB_RULE]}, "name", "-lb"),
    case("volume name in upper case", "volume", {"name": "Data", "region": "nyc3", "size_gigabytes": 10},
         "name", "lowercase", "Data"),
    case("volume name starting with a digit", "volume", {"name": "1data", "region": "nyc3", "size_gigabytes": 10},
         "name", "start with a letter"),
    case("volume name of 65 characters", "volume", {"name": "v" * 65, "region": "nyc3", "size_gigabytes": 10},
         "name", "64"),
    # -- keys and certificates ------------------------------------------------------------------------
    case("ssh_key private key pasted as public_key", "ssh_key", {"name": "k1", "public_key": PEM_GARBAGE},
         "public_key holds a private key"),
    case("certificate private key of another certificate", "certificate",
         {"name": "api", "private_key": OTHER_KEY, "leaf_certificate": LEAF_PEM}, "private_key does not belong"),
    # -- values a check-mode run left unknown, given to a real run --------------------------------------
    case("droplet vpc_uuid known after apply", "droplet", dict(DROPLET, vpc_uuid="(known after apply)"),
         "vpc_uuid is (known after apply)", "without --check"),
    case("firewall load balancer known after apply", "firewall",
         {"name": "fw", "inbound_rules": [{"protocol": "tcp", "ports": "80",
                                           "sources": {"load_balancer_uids": ["(known after apply)"]}}]},
         "inbound_rules[0].sources.load_balancer_uids[0] is (known after apply)"),
    case("domain_records data known after apply", "domain_records",
         {"domain": "example.com", "records": [{"type": "A", "name": "www", "data": "(known after apply)"}]},
         "records[0].data is (known after apply)"),
    case("cdn_endpoint certificate known after apply", "cdn_endpoint",
         {"origin": "static.nyc3.digitaloceanspaces.com", "certificate_id": "(known after apply)",
          "custom_domain": "cdn.example.com"}, "certificate_id is (known after apply)"),
    case("project_resources urn known after apply", "project_resources", {"resources": ["(known after apply)"]},
         "resources[0] is (known after apply)"),
    case("volume description known after apply", "volume",
         {"name": "v1", "region": "nyc3", "size_gigabytes": 10, "description": "(known after apply)"},
         "description is (known after apply)"),
    # -- one TTL per record set -----------------------------------------------------------------------
    case("domain_records two ttls for one name and type", "domain_records",
         {"domain": "example.com", "records": [{"type": "A", "name": "www", "data": "192.0.2.1", "ttl": 300},
                                               {"type": "A", "name": "www", "data": "192.0.2.2", "ttl": 600}]},
         "records[0] and records[1] (A www)", "300 and 600", "share one TTL"),
    case("domain_records two ttls for the apex", "domain_records",
         {"domain": "example.com", "records": [{"type": "TXT", "name": "@", "data": "a", "ttl": 60},
                                               {"type": "TXT", "name": "example.com.", "data": "b", "ttl": 3600}]},
         "(TXT @)", "60 and 3600"),
    # -- options a module refuses by name ----------------------------------------------------------------
    case("app force_deploy maybe", "app", {"spec": {"name": "web"}, "force_deploy": "maybe"}, "force_deploy",
         "bool"),
    case("database_firewall purge not a bool", "database_firewall", dict(CLUSTER, rules=[], purge="yes please"),
         "purge"),
]

API_CASES = [
    # name, module, args, the request the API rejects with 422, the API's message
    pytest.param("droplet unknown region", "droplet", dict(DROPLET, name="bad-region", region="xx9"),
                 "POST /v2/droplets", "Region is not available", id="droplet unknown region"),
    pytest.param("droplet unknown size", "droplet", dict(DROPLET, name="bad-size", size="s-99vcpu-1tb"),
                 "POST /v2/droplets", "invalid size", id="droplet unknown size"),
    pytest.param("droplet unknown image", "droplet", dict(DROPLET, name="bad-image", image="beos-5"),
                 "POST /v2/droplets", "invalid image", id="droplet unknown image"),
    # The volume look-up filters by region server-side, so the API refuses the region on that GET:
    # the create is never sent.
    pytest.param("volume unknown region", "volume", {"name": "bad-vol", "region": "xx9", "size_gigabytes": 10},
                 "GET /v2/volumes", "region: 'xx9' is not one of", id="volume unknown region"),
    pytest.param("database_cluster unknown size", "database_cluster",
                 {"name": "bad-db-size", "engine": "pg", "region": "nyc3", "size": "db-huge", "num_nodes": 1},
                 "POST /v2/databases", "invalid size", id="database_cluster unknown size"),
    pytest.param("database_cluster unknown region", "database_cluster",
                 {"name": "bad-db-region", "engine": "pg", "region": "xx9", "size": "db-s-1vcpu-1gb",
                  "num_nodes": 1},
                 "POST /v2/databases", "region 'xx9' is not available", id="database_cluster unknown region"),
]

INVENTORY_CASES = [
    pytest.param({"hostnames": ["bogus"]}, ["hostnames", "bogus"], id="hostnames bogus"),
    pytest.param({"hostnames": [""]}, ["hostnames"], id="hostnames empty entry"),
    pytest.param({"concurrency": 0}, ["concurrency", "1 to 10", "0"], id="concurrency 0"),
    pytest.param({"concurrency": 50}, ["concurrency", "1 to 10", "50"], id="concurrency 50"),
    pytest.param({"api_filters": {"region": "nyc3"}}, ["api_filters", "region", "tag_name"], id="api_filters region"),
    pytest.param({"attributes": "some"}, ["attributes", "'default', 'all'"], id="attributes some"),
    pytest.param({"ansible_host_preference": ["floating"]}, ["ansible_host_preference", "floating"],
                 id="ansible_host_preference floating"),
    pytest.param({"default_groups": ["color"]}, ["default_groups", "color"], id="default_groups color"),
]


# -- running the batches ----------------------------------------------------------------------------


def tasks_for(cases):
    tasks = []
    for param in cases:
        name, module, args = param.values[:3]
        if "." not in module:
            module = "fathom.digitalocean." + module
        tasks.append({"name": name, module: args, "ignore_errors": True})
    return tasks


def run_batch(sim_server, tmp_dir, tasks):
    """Run the tasks in one playbook on a freshly reset simulator; return the run and the request log."""
    simulator = SimulatorClient(sim_server, sim_server.url, sim_server.token)
    try:
        simulator.reset()
        play = [{"name": "bad input", "hosts": "localhost", "gather_facts": False, "tasks": tasks}]
        path = tmp_dir / "play.yml"
        path.write_text(yaml.safe_dump(play, sort_keys=False))
        capture = tmp_dir / "results.json"
        environment = ansible_env(simulator)
        environment["RESULT_CAPTURE_FILE"] = str(capture)
        completed = subprocess.run([str(Path(sys.executable).parent / "ansible-playbook"), str(path)],
                                   cwd=str(REPO), env=environment, capture_output=True, text=True,
                                   timeout=600, check=False)
        records = json.loads(capture.read_text()) if capture.exists() else []
        return PlaybookRun(completed.returncode, completed.stdout, completed.stderr, records), simulator.requests()
    finally:
        simulator.http.close()


# Half of the local cases each, so that two test workers run them side by side.
BATCHES = {
    "local-a": LOCAL_CASES[0::2],
    "local-b": LOCAL_CASES[1::2],
    "api": API_CASES,
}
BATCH_OF = dict((param.values[0], name) for name, cases in BATCHES.items() for param in cases)


class Batches:
    """Runs each batch once per test session, even with several xdist workers.

    A worker that needs a batch another worker is running first runs a batch nobody has claimed
    yet, then waits for the result file. Results (task records and request log) are JSON files in
    a directory every worker shares.
    """

    def __init__(self, sim_server, shared, scratch):
        self.sim_server = sim_server
        self.shared = shared
        self.scratch = scratch
        self.loaded = {}

    def _claim(self, name):
        try:
            os.close(os.open(str(self.shared / (name + ".claim")), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return True
        except FileExistsError:
            return False

    def _run(self, name):
        work = self.scratch / name
        work.mkdir(parents=True, exist_ok=True)
        run, requests = run_batch(self.sim_server, work, tasks_for(BATCHES[name]))
        data = {"returncode": run.returncode, "stdout": run.stdout, "stderr": run.stderr,
                "records": run.records, "requests": requests}
        partial = self.shared / (name + ".json.part")
        partial.write_text(json.dumps(data, default=str))
        partial.rename(self.shared / (name + ".json"))

    def get(self, name):
        if name not in self.loaded:
            done = self.shared / (name + ".json")
            if not done.exists() and self._claim(name):
                self._run(name)
            for other in BATCHES:
                if not done.exists() and other != name and not (self.shared / (other + ".json")).exists() \
                        and self._claim(other):
                    self._run(other)
            deadline = time.time() + 600
            while not done.exists():
                assert time.time() < deadline, "batch %s never finished" % name
                time.sleep(0.2)
            data = json.loads(done.read_text())
            self.loaded[name] = (PlaybookRun(data["returncode"], data["stdout"], data["stderr"], data["records"]),
                                 data["requests"])
        return self.loaded[name]


@pytest.fixture(scope="session")
def batches(sim_server, tmp_path_factory, worker_id):
    root = tmp_path_factory.getbasetemp()
    shared = (root.parent if worker_id != "master" else root) / "bad-input-batches"
    shared.mkdir(exist_ok=True)
    return Batches(sim_server, shared, tmp_path_factory.mktemp("bad-input"))


def failure_message(run, name):
    assert run.status(name) == "failed", (name, run.result(name))
    result = run.result(name)
    message = str(result.get("msg", ""))
    assert message, result
    assert "Traceback" not in message and "MODULE FAILURE" not in message, message
    return message


# -- local validation: no request at all -------------------------------------------------------------


@pytest.mark.parametrize("batch", ["local-a", "local-b"])
def test_local_batch_sent_no_request_at_all(batches, batch):
    run, requests = batches.get(batch)
    assert len(run.records) == len(BATCHES[batch]), run.stdout + run.stderr
    assert requests == []


@pytest.mark.parametrize("name, module, args, expected", LOCAL_CASES)
def test_local_validation(batches, name, module, args, expected):
    run, requests = batches.get(BATCH_OF[name])
    message = failure_message(run, name)
    for part in expected:
        assert part in message, "%r not in %r" % (part, message)
    assert requests == []


# -- answered by the API: 422, the API's message, nothing else sent --------------------------------


def test_api_batch_sends_only_the_rejected_posts(batches):
    run, requests = batches.get("api")
    assert len(run.records) == len(API_CASES), run.stdout + run.stderr
    mutating = [("%s %s" % (r["method"], r["path"]), r["status"]) for r in requests if r["method"] in MUTATING]
    assert mutating == [(param.values[3], 422) for param in API_CASES if param.values[3].startswith("POST")]
    # Everything else was a look-up (the find before the create); each rejection ended its task.
    rejected = [("%s %s" % (r["method"], r["path"]), r["status"]) for r in requests if r["status"] >= 400]
    assert rejected == [(param.values[3], 422) for param in API_CASES]


@pytest.mark.parametrize("name, module, args, rejected, api_message", API_CASES)
def test_api_rejection(batches, name, module, args, rejected, api_message):
    run, _requests = batches.get("api")
    message = failure_message(run, name)
    assert "422" in message and rejected in message, message
    assert api_message in message, message
    failure = run.result(name)["failure"]
    assert failure["status"] == 422 and api_message in failure["message"]


# -- inventory plugin options ---------------------------------------------------------------------


@pytest.mark.parametrize("config, expected", INVENTORY_CASES)
def test_inventory_bad_option(simulator, tmp_path, config, expected):
    simulator.seed(count=1)
    simulator.clear_requests()
    path = tmp_path / "bad.droplets.yml"
    path.write_text(yaml.safe_dump(dict({"plugin": "fathom.digitalocean.droplets"}, **config)))
    completed = subprocess.run([str(Path(sys.executable).parent / "ansible-inventory"), "-i", str(path), "--list"],
                               cwd=str(REPO), env=ansible_env(simulator, {"ANSIBLE_INVENTORY_UNPARSED_FAILED": "1"}),
                               capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode != 0
    assert "Traceback" not in completed.stderr
    for part in expected:
        assert part in completed.stderr, "%r not in %r" % (part, completed.stderr)
    assert simulator.requests() == []
