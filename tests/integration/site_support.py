"""What the fault tests (test_faults.py) and the soak benchmark (tests/bench/soak.py) share.

``snapshot(client)`` counts, by name, everything playbooks/site.yml builds, read through the API
of the simulator (``client`` is a tests.conftest.SimulatorClient); ``recap(stdout)`` reads the
PLAY RECAP line.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "playbooks" / "site.yml"
TEARDOWN = REPO / "playbooks" / "teardown.yml"
ANSIBLE_PLAYBOOK = Path(sys.executable).parent / "ansible-playbook"
RECAP = re.compile(r"^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)"
                   r"\s+skipped=(\d+)\s+rescued=(\d+)\s+ignored=(\d+)", re.M)
RECAP_FIELDS = ("ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored")


def recap(stdout):
    """{ok, changed, unreachable, failed, skipped, rescued, ignored} of the last PLAY RECAP, or None."""
    found = RECAP.findall(stdout or "")
    return dict(zip(RECAP_FIELDS, (int(n) for n in found[-1]))) if found else None


def listing(client, path, key):
    status, body = client.api("GET", path, params={"per_page": 200})
    assert status == 200, (path, status, body)
    return body[key]


def counted(values):
    return dict(sorted(Counter(str(value) for value in values).items()))


def snapshot(client):
    """{what: {name: count}} for every kind of resource the site playbook manages.

    Ids differ between runs, so resources are counted by name (domain records by type, name and
    data, with a load balancer's address shown as its name; database firewall rules by type and
    value). A duplicate shows as a count of 2. The simulator settles first: counted is what the API
    shows once its lists have caught up.
    """
    client.settle()
    snap = {
        # Kubernetes workers are named anew on each run: their clusters' pools count them (below).
        "droplets": counted(d["name"] for d in listing(client, "/v2/droplets", "droplets")
                            if "k8s" not in (d.get("tags") or [])),
        "vpcs": counted(v["name"] for v in listing(client, "/v2/vpcs", "vpcs")),
        "ssh_keys": counted(k["name"] for k in listing(client, "/v2/account/keys", "ssh_keys")),
        "firewalls": counted(f["name"] for f in listing(client, "/v2/firewalls", "firewalls")),
        "load_balancers": counted(lb["name"] for lb in listing(client, "/v2/load_balancers", "load_balancers")),
        "certificates": counted(c["name"] for c in listing(client, "/v2/certificates", "certificates")),
        "apps": counted(a["spec"]["name"] for a in listing(client, "/v2/apps", "apps")),
        "cdn_endpoints": counted(e["origin"] for e in listing(client, "/v2/cdn/endpoints", "endpoints")),
    }
    snap["volumes"] = counted(v["name"] for v in listing(client, "/v2/volumes", "volumes"))
    clusters = listing(client, "/v2/kubernetes/clusters", "kubernetes_clusters")
    snap["kubernetes_clusters"] = counted(c["name"] for c in clusters)
    for cluster in clusters:
        snap["node pools of %s" % cluster["name"]] = counted(p["name"] for p in cluster.get("node_pools") or [])
    # Addresses differ between runs: an A record's data is shown as the load balancer it points at.
    balancers = {lb["ip"]: "load balancer " + lb["name"]
                 for lb in listing(client, "/v2/load_balancers", "load_balancers") if lb.get("ip")}
    domains = listing(client, "/v2/domains", "domains")
    snap["domains"] = counted(d["name"] for d in domains)
    for domain in domains:
        records = listing(client, "/v2/domains/%s/records" % domain["name"], "domain_records")
        snap["records of %s" % domain["name"]] = counted(
            "%s %s %s" % (r["type"], r["name"], balancers.get(r["data"], r["data"])) for r in records)
    clusters = listing(client, "/v2/databases", "databases")
    snap["database_clusters"] = counted(c["name"] for c in clusters)
    for cluster in clusters:
        base = "/v2/databases/%s" % cluster["id"]
        snap["dbs of %s" % cluster["name"]] = counted(d["name"] for d in listing(client, base + "/dbs", "dbs"))
        snap["users of %s" % cluster["name"]] = counted(u["name"] for u in listing(client, base + "/users", "users"))
        snap["pools of %s" % cluster["name"]] = counted(p["name"] for p in listing(client, base + "/pools", "pools"))
        snap["firewall of %s" % cluster["name"]] = counted(
            "%s %s" % (r["type"], r["value"]) for r in listing(client, base + "/firewall", "rules"))
    return snap


def duplicates(snap):
    """[(what, name, count)] of everything present more than once."""
    return [(what, name, count) for what, names in snap.items() for name, count in names.items() if count > 1]
