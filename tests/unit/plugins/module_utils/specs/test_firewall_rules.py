# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Firewall rule normalization: rules that mean the same compare equal; bad rules name their option."""

from __future__ import annotations

import pytest

from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.firewall import (
    RuleError,
    normalize_address,
    normalize_ports,
    normalize_rules,
    to_api_rule,
)


@pytest.mark.parametrize("ports", ["all", "ALL", "0", 0, "1-65535", "", None, " all "])
def test_every_spelling_of_all_ports_is_all(ports):
    assert normalize_ports("tcp", ports) == "all"


@pytest.mark.parametrize("ports, expected", [("22", "22"), (22, "22"), ("80-80", "80"), ("8000-9000", "8000-9000"),
                                             ("1-1024", "1-1024"), ("65535", "65535")])
def test_ports_and_ranges(ports, expected):
    assert normalize_ports("udp", ports) == expected


@pytest.mark.parametrize("ports", ["65536", "0-80", "90-80", "http", "22,80", "-5", "1-2-3", True, "22-"])
def test_bad_ports_are_errors_naming_the_option(ports):
    with pytest.raises(RuleError) as error:
        normalize_ports("tcp", ports, "inbound_rules[1].ports")
    assert str(error.value).startswith("inbound_rules[1].ports: ")


def test_icmp_has_no_ports():
    assert normalize_ports("icmp", None) is None
    assert normalize_ports("icmp", "0") is None
    assert normalize_ports("icmp", "all") is None
    with pytest.raises(RuleError, match="icmp rules have no ports"):
        normalize_ports("icmp", "22", "outbound_rules[0].ports")


@pytest.mark.parametrize("address, expected", [
    ("0.0.0.0/0", "0.0.0.0/0"),
    ("::/0", "::/0"),
    ("0::0/0", "::/0"),
    ("10.0.0.1", "10.0.0.1"),
    ("10.0.0.1/32", "10.0.0.1"),
    ("2001:DB8::1/128", "2001:db8::1"),
    ("2001:0db8:0000::/32", "2001:db8::/32"),
    ("192.0.2.7/24", "192.0.2.0/24"),
])
def test_addresses_have_one_spelling(address, expected):
    assert normalize_address(address) == expected


@pytest.mark.parametrize("address", ["10.0.0.256", "10.0.0.0/33", "nonsense", "::/129", ""])
def test_bad_addresses_are_errors(address):
    with pytest.raises(RuleError, match="not an IPv4 or IPv6 address"):
        normalize_address(address)


def test_equal_rules_compare_equal_whatever_the_spelling():
    from_task = [
        {"protocol": "TCP", "ports": "all", "sources": {
            "addresses": ["::/0", "0.0.0.0/0", "0.0.0.0/0"], "tags": ["web", "api"], "droplet_ids": None,
            "load_balancer_uids": [], "kubernetes_ids": None}},
        {"protocol": "icmp", "ports": None, "sources": {"droplet_ids": [3, 1, 2]}},
        {"protocol": "udp", "ports": 53, "sources": {"addresses": ["10.0.0.1/32"]}},
    ]
    from_api = [
        {"protocol": "udp", "ports": "53", "sources": {"addresses": ["10.0.0.1"]}},
        {"protocol": "icmp", "ports": "0", "sources": {"droplet_ids": [1, 2, 3]}},
        {"protocol": "tcp", "ports": "0", "sources": {"addresses": ["0.0.0.0/0", "::/0"], "tags": ["api", "web"]}},
    ]
    assert normalize_rules(from_task, "inbound_rules") == normalize_rules(from_api, "inbound_rules")


def test_rules_are_a_set_and_sorted_canonically():
    rule = {"protocol": "tcp", "ports": "22", "sources": {"addresses": ["192.0.2.0/24"]}}
    normalized = normalize_rules([rule, dict(rule, protocol="TCP"), rule], "inbound_rules")
    assert normalized == [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["192.0.2.0/24"]}}]
    other = {"protocol": "udp", "ports": "53", "sources": {"addresses": ["192.0.2.0/24"]}}
    assert normalize_rules([other, rule], "inbound_rules") == normalize_rules([rule, other], "inbound_rules")


def test_an_extra_rule_is_a_difference():
    rule = {"protocol": "tcp", "ports": "22", "destinations": {"addresses": ["0.0.0.0/0"]}}
    extra = {"protocol": "tcp", "ports": "80", "destinations": {"addresses": ["0.0.0.0/0"]}}
    assert normalize_rules([rule], "outbound_rules") != normalize_rules([rule, extra], "outbound_rules")


def test_addresses_sort_by_family_and_value():
    [rule] = normalize_rules([{"protocol": "tcp", "ports": "22", "sources": {
        "addresses": ["::/0", "10.0.0.0/8", "9.0.0.0/8", "0.0.0.0/0"]}}], "inbound_rules")
    assert rule["sources"]["addresses"] == ["0.0.0.0/0", "9.0.0.0/8", "10.0.0.0/8", "::/0"]


def test_error_paths_name_the_option():
    with pytest.raises(RuleError, match=r"^inbound_rules\[1\]\.ports: "):
        normalize_rules([{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["1.2.3.4"]}},
                         {"protocol": "tcp", "ports": "99999", "sources": {"addresses": ["1.2.3.4"]}}],
                        "inbound_rules")
    with pytest.raises(RuleError, match=r"^outbound_rules\[0\]\.protocol: must be one of tcp, udp, icmp"):
        normalize_rules([{"protocol": "gre", "destinations": {"addresses": ["1.2.3.4"]}}], "outbound_rules")
    with pytest.raises(RuleError, match=r"^inbound_rules\[0\]\.sources\.addresses\[1\]: '1\.2\.3' is not"):
        normalize_rules([{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["1.2.3.4", "1.2.3"]}}], "inbound_rules")
    with pytest.raises(RuleError, match=r"^inbound_rules\[0\]\.sources: needs at least one of addresses"):
        normalize_rules([{"protocol": "tcp", "ports": "22", "sources": {"addresses": []}}], "inbound_rules")


def test_lenient_mode_accepts_an_api_rule_without_targets():
    rules = normalize_rules([{"protocol": "tcp", "ports": "22", "sources": {}}], "inbound_rules", strict=False)
    assert rules == [{"protocol": "tcp", "ports": "22", "sources": {}}]


def test_normalizing_twice_changes_nothing():
    once = normalize_rules([{"protocol": "ICMP", "sources": {"addresses": ["0::0/0"], "tags": ["b", "a"]}},
                            {"protocol": "tcp", "ports": "1-65535", "sources": {"load_balancer_uids": ["x"]}}],
                           "inbound_rules")
    assert normalize_rules(once, "inbound_rules") == once


def test_api_shape_sends_zero_for_every_port_and_for_icmp():
    [icmp, tcp] = normalize_rules([
        {"protocol": "icmp", "destinations": {"addresses": ["::/0"]}},
        {"protocol": "tcp", "ports": "all", "destinations": {"tags": ["web"]}}], "outbound_rules")
    assert to_api_rule(icmp, "outbound_rules") == {"protocol": "icmp", "ports": "0",
                                                   "destinations": {"addresses": ["::/0"]}}
    assert to_api_rule(tcp, "outbound_rules")["ports"] == "0"
    [ranged] = normalize_rules([{"protocol": "udp", "ports": "8000-9000", "sources": {"tags": ["a"]}}],
                               "inbound_rules")
    assert to_api_rule(ranged, "inbound_rules")["ports"] == "8000-9000"
