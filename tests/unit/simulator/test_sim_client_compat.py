"""Real clients work unchanged (percent-encoded paths, trailing slashes, null for "not given")
unless strict mode is on; strict mode also rejects fields the spec does not declare.  And the
special rate limits of the reference (knob special_rate_limits)."""
import requests

from tests.simulator.resources.ssh_keys import make_public_key
from sim_realism_support import DROPLET, INBOUND, advance, created


def lenient(simulator):
    assert simulator.config(strict=False)["strict"] is False


def test_percent_encoded_paths_are_decoded(simulator):
    key = created(simulator, "/v2/account/keys", {"name": "k", "public_key": make_public_key("pe")},
                  "ssh_key")
    encoded = key["fingerprint"].replace(":", "%3A")
    for strict in (True, False):
        simulator.config(strict=strict)
        resp = requests.get(simulator.url + "/v2/account/keys/" + encoded,
                            headers={"Authorization": "Bearer " + simulator.token})
        assert resp.status_code == 200 and resp.json()["ssh_key"]["id"] == key["id"]


def test_trailing_slash_is_tolerated_unless_strict(simulator):
    assert simulator.api("POST", "/v2/domains/", json={"name": "example.com"})[0] == 404   # strict
    lenient(simulator)
    status, body = simulator.api("POST", "/v2/domains/", json={"name": "example.com"})
    assert status == 201 and body["domain"]["name"] == "example.com"
    assert simulator.api("GET", "/v2/domains/example.com/")[0] == 200
    assert simulator.api("GET", "/v2/account/")[0] == 200


def test_null_means_not_given_unless_strict(simulator):
    body = dict(DROPLET, ssh_keys=None, vpc_uuid=None, user_data=None, tags=None)
    status, answer = simulator.api("POST", "/v2/droplets", json=body)
    assert status == 422 and "ssh_keys" in answer["message"]        # strict: today's answer
    rule = [{"protocol": "tcp", "ports": "22",
             "sources": {"addresses": ["0.0.0.0/0"], "droplet_ids": None, "tags": None}}]
    fw = {"name": "fw", "inbound_rules": rule, "droplet_ids": None}
    assert simulator.api("POST", "/v2/firewalls", json=fw)[0] == 422
    lenient(simulator)
    status, answer = simulator.api("POST", "/v2/droplets", json=body)
    assert status == 202, answer
    droplet = answer["droplet"]
    assert droplet["tags"] == [] and droplet["vpc_uuid"]
    status, answer = simulator.api("POST", "/v2/firewalls", json=fw)
    assert status == 202, answer
    assert answer["firewall"]["inbound_rules"][0]["sources"] == {"addresses": ["0.0.0.0/0"]}
    # a field the spec declares nullable keeps its null (a TXT record's flags and tag)
    assert simulator.api("POST", "/v2/domains", json={"name": "example.com"})[0] == 201
    status, answer = simulator.api("POST", "/v2/domains/example.com/records", json={
        "type": "TXT", "name": "@", "data": "x", "flags": None, "tag": None})
    assert status == 201 and answer["domain_record"]["flags"] is None
    # required fields stay required
    status, answer = simulator.api("POST", "/v2/droplets", json=dict(DROPLET, size=None))
    assert status == 422 and "size" in answer["message"]


def test_strict_rejects_unknown_fields(simulator):
    status, body = simulator.api("POST", "/v2/droplets", json=dict(DROPLET, colour="blue"))
    assert status == 422 and body["message"] == "colour: is not a field of this request (strict mode)"
    rule = [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["0.0.0.0/0"], "cidr": "x"}}]
    status, body = simulator.api("POST", "/v2/firewalls", json={"name": "fw", "inbound_rules": rule})
    assert status == 422 and "inbound_rules[0].sources.cidr" in body["message"]
    # declared fields of every branch pass: a discriminated action body, an app spec
    [droplet_id] = simulator.seed("droplets", count=1)
    assert simulator.api("POST", "/v2/droplets/%d/actions" % droplet_id,
                         json={"type": "resize", "size": "s-2vcpu-2gb", "disk": False})[0] in (201, 422)
    status, body = simulator.api("POST", "/v2/droplets/%d/actions" % droplet_id,
                                 json={"type": "power_off", "size": "s-2vcpu-2gb"})
    assert status == 422 and "size" in body["message"]              # size belongs to resize only
    lenient(simulator)
    status, _body = simulator.api("POST", "/v2/droplets", json=dict(DROPLET, colour="blue"))
    assert status == 202                                             # ignored, like the real API


def test_special_rate_limit_on_listing_ssh_keys(simulator):
    simulator.config(special_rate_limits=True)
    for _request in range(10):
        assert simulator.api("GET", "/v2/account/keys")[0] == 200
    resp = requests.get(simulator.url + "/v2/account/keys",
                        headers={"Authorization": "Bearer " + simulator.token})
    assert resp.status_code == 429 and resp.json()["id"] == "too_many_requests"
    assert 1 <= int(resp.headers["retry-after"]) <= 60
    key = created(simulator, "/v2/account/keys", {"name": "k", "public_key": make_public_key("rl")},
                  "ssh_key")
    assert simulator.api("GET", "/v2/account/keys/%d" % key["id"])[0] == 200   # only the list counts
    advance(simulator, 60)
    assert simulator.api("GET", "/v2/account/keys")[0] == 200


def test_special_rate_limit_on_reserved_and_floating_ip_creates(simulator):
    simulator.config(special_rate_limits=True)
    for i in range(12):
        path = "/v2/reserved_ips" if i % 2 else "/v2/floating_ips"
        assert simulator.api("POST", path, json={"region": "nyc3"})[0] == 202
    for path in ("/v2/reserved_ips", "/v2/floating_ips"):
        resp = requests.post(simulator.url + path, json={"region": "nyc3"},
                             headers={"Authorization": "Bearer " + simulator.token})
        assert resp.status_code == 429 and "retry-after" in resp.headers
    assert simulator.api("GET", "/v2/reserved_ips")[1]["meta"]["total"] == 12
    advance(simulator, 60)
    assert simulator.api("POST", "/v2/reserved_ips", json={"region": "nyc3"})[0] == 202


def test_special_rate_limits_off_and_default(simulator):
    for _request in range(15):
        assert simulator.api("GET", "/v2/account/keys")[0] == 200
    for _request in range(13):
        assert simulator.api("POST", "/v2/reserved_ips", json={"region": "nyc3"})[0] == 202
    simulator.reset()
    assert simulator.config(realism=True)["special_rate_limits"] is True
    codes = [simulator.api("GET", "/v2/account/keys")[0] for _request in range(11)]
    assert codes == [200] * 10 + [429]


def test_reset_clears_the_special_windows(simulator):
    simulator.config(special_rate_limits=True)
    for _request in range(10):
        simulator.api("GET", "/v2/account/keys")
    assert simulator.api("GET", "/v2/account/keys")[0] == 429
    simulator.reset()
    simulator.config(special_rate_limits=True)
    assert simulator.api("GET", "/v2/account/keys")[0] == 200


def test_fixture_strict_still_answers_firewall_rules_with_unknown_sources(simulator):
    # strict mode is what the collection's tests run against: the fields a client may send are
    # exactly the spec's (INBOUND is a valid body)
    assert created(simulator, "/v2/firewalls", {"name": "ok", "inbound_rules": INBOUND}, "firewall")
