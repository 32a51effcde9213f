"""The fathom.digitalocean.resource and fathom.digitalocean.id lookups through ansible-playbook."""

from __future__ import annotations


def debug(name, expression):
    return {"name": name, "ansible.builtin.debug": {"msg": "{{ %s }}" % expression}}


def test_resource_lookup_lists_with_server_side_filters_and_attribute(simulator, playbook):
    simulator.seed(count=3, tags=["web"], name_prefix="web")
    simulator.seed(count=2, tags=["db"], name_prefix="db")
    simulator.seed(kind="ssh_keys", count=2)
    run = playbook([
        debug("web", "query('fathom.digitalocean.resource', 'droplets', tag_name='web', attribute='name')"),
        debug("one", "lookup('fathom.digitalocean.resource', 'droplet', name='db-2', wantlist=True)"),
        debug("keys", "query('fathom.digitalocean.resource', 'ssh_keys') | map(attribute='name') | list"),
        debug("regions", "query('fathom.digitalocean.resource', 'regions', attribute='slug')"),
    ])
    assert run.returncode == 0, run.stdout
    assert run.result("web")["msg"] == ["web-1", "web-2", "web-3"]
    one = run.result("one")["msg"]
    assert isinstance(one, list) and len(one) == 1 and one[0]["name"] == "db-2"
    assert run.result("keys")["msg"] == ["seed-1", "seed-2"]
    assert "nyc3" in run.result("regions")["msg"]
    droplet_lists = [r for r in simulator.requests() if r["path"] == "/v2/droplets"]
    assert [r["query"].get("tag_name") or r["query"].get("name") for r in droplet_lists] in (
        [["web"], ["db-2"]], ["web", "db-2"])


def test_resource_lookup_client_side_filter(simulator, playbook):
    simulator.seed(count=2, name_prefix="ny", region="nyc3")
    simulator.seed(count=1, name_prefix="sf", region="sfo3")
    run = playbook([debug("sf", "query('fathom.digitalocean.resource', 'droplets', region='sfo3', attribute='name')")])
    assert run.returncode == 0, run.stdout
    assert run.result("sf")["msg"] == ["sf-1"]


def test_id_lookup_resolves_names(simulator, playbook):
    ids = simulator.seed(count=2, name_prefix="app")
    simulator.seed(kind="ssh_keys", count=1)
    _status, keys = simulator.api("GET", "/v2/account/keys")
    fingerprint = keys["ssh_keys"][0]["fingerprint"]
    run = playbook([
        debug("droplet", "lookup('fathom.digitalocean.id', 'droplet', 'app-2')"),
        debug("key", "lookup('fathom.digitalocean.id', 'ssh_key', 'seed-1')"),
        debug("size", "lookup('fathom.digitalocean.id', 'sizes', 's-1vcpu-1gb')"),
        debug("many", "query('fathom.digitalocean.id', 'droplets', 'app-1', 'app-2')"),
    ])
    assert run.returncode == 0, run.stdout
    assert run.result("droplet")["msg"] == ids[1]
    assert run.result("key")["msg"] == fingerprint
    assert run.result("size")["msg"] == "s-1vcpu-1gb"
    assert run.result("many")["msg"] == ids


def test_id_lookup_with_region_for_vpcs(simulator, playbook):
    made = {}
    for name, region, cidr in (("prod-vpc", "nyc3", "10.10.0.0/20"), ("prod-vpc-sf", "sfo3", "10.20.0.0/20")):
        status, body = simulator.api("POST", "/v2/vpcs", json={"name": name, "region": region, "ip_range": cidr})
        assert status in (200, 201), body
        made[name] = body["vpc"]["id"]
    run = playbook([
        debug("vpc", "lookup('fathom.digitalocean.id', 'vpc', 'prod-vpc', region='nyc3')"),
        debug("elsewhere", "lookup('fathom.digitalocean.id', 'vpc', 'prod-vpc', region='sfo3')"),
    ])
    assert run.result("vpc")["msg"] == made["prod-vpc"]
    message = run.result("elsewhere")["msg"]
    assert "No vpcs named 'prod-vpc' region=sfo3; candidates: prod-vpc-sf (id %s, region sfo3)" % made["prod-vpc-sf"] \
        in message


def test_id_lookup_more_than_one_match_lists_them(simulator, playbook):
    ny = simulator.seed(count=1, name_prefix="web", region="nyc3")
    sf = simulator.seed(count=1, name_prefix="web", region="sfo3")
    run = playbook([debug("narrowed", "lookup('fathom.digitalocean.id', 'droplet', 'web-1', region='sfo3')")])
    assert run.result("narrowed")["msg"] == sf[0]
    run = playbook([debug("ambiguous", "lookup('fathom.digitalocean.id', 'droplet', 'web-1')")])
    message = run.result("ambiguous")["msg"]
    assert "2 droplets are named 'web-1'" in message
    assert "web-1 (id %d, region nyc3)" % ny[0] in message and "web-1 (id %d, region sfo3)" % sf[0] in message


def test_id_lookup_not_found_lists_candidates(simulator, playbook):
    simulator.seed(kind="ssh_keys", count=2)
    run = playbook([debug("missing", "lookup('fathom.digitalocean.id', 'ssh_key', 'laptop')")])
    assert run.returncode != 0
    message = run.result("missing")["msg"]
    assert "No ssh_keys named 'laptop'" in message
    assert "seed-1 (fingerprint" in message and "seed-2 (fingerprint" in message


def test_lookup_errors_are_clear(simulator, playbook):
    run = playbook([
        debug("kind", "query('fathom.digitalocean.resource', 'spaceships')"),
    ])
    assert "Unknown kind 'spaceships'; known kinds: " in run.result("kind")["msg"]
    run = playbook([debug("token", "query('fathom.digitalocean.resource', 'tags', token='dop_v1_SECRET_77')")])
    message = run.result("token")["msg"]
    assert "401" in message and "check the token" in message and "SECRET_77" not in message
