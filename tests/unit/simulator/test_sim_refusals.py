"""What the real API refuses, the simulator refuses: volume and load balancer names, and a
certificate whose private key is another certificate's."""
import pytest

from tests.helpers import Checker, self_signed_certificate

RULE = {"entry_protocol": "http", "entry_port": 80, "target_protocol": "http", "target_port": 80}


@pytest.mark.parametrize("name", ["Data", "1data", "data_disk", "v" * 65])
def test_volume_names_outside_the_spec_s_rule_are_refused(simulator, name):
    body = Checker(simulator).call("POST", "/v2/volumes", "/v2/volumes",
                                   {"name": name, "region": "nyc3", "size_gigabytes": 10}, expect=422)
    assert body["message"].startswith("name: must be lowercase")


def test_a_lowercase_volume_name_is_taken(simulator):
    Checker(simulator).call("POST", "/v2/volumes", "/v2/volumes",
                            {"name": "data-1", "region": "nyc3", "size_gigabytes": 10}, expect=201)


@pytest.mark.parametrize("name", ["my lb", "-lb", "lb/1"])
def test_load_balancer_names_with_other_characters_are_refused(simulator, name):
    body = Checker(simulator).call("POST", "/v2/load_balancers", "/v2/load_balancers",
                                   {"name": name, "region": "nyc3", "forwarding_rules": [RULE], "droplet_ids": []},
                                   expect=422)
    assert "alphanumeric characters, dashes, and periods" in body["message"]


def test_a_certificate_whose_key_is_not_its_own_is_refused(simulator):
    other_key = self_signed_certificate("other.example.com")[0]
    key, leaf, _fingerprint = self_signed_certificate("api.example.com")
    checker = Checker(simulator)
    body = checker.call("POST", "/v2/certificates", "/v2/certificates",
                        {"name": "api", "type": "custom", "private_key": other_key, "leaf_certificate": leaf},
                        expect=422)
    assert body["message"] == "private_key: the private key does not match the leaf certificate"
    checker.call("POST", "/v2/certificates", "/v2/certificates",
                 {"name": "api", "type": "custom", "private_key": key, "leaf_certificate": leaf}, expect=201)
