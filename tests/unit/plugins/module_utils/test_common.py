# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Shared definitions: exactly one by name, plurals, secrets in API objects."""

from __future__ import annotations

import pytest

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import (
    SENSITIVE,
    TAG_NAME,
    UUID,
    PlanError,
    exactly_one,
    plural,
    secrets_in,
)


def test_exactly_one_returns_the_item_or_none():
    assert exactly_one([{"id": 1}], "things", "are named a") == {"id": 1}
    assert exactly_one([], "things", "are named a") is None


def test_exactly_one_refuses_several_listing_their_ids_and_how_to_choose():
    with pytest.raises(PlanError) as caught:
        exactly_one([{"id": 1}, {"id": 2}], "database clusters", "are named backend", hint="Give cluster_id.")
    assert str(caught.value) == "2 database clusters are named backend: ids 1, 2. Give cluster_id."


def test_exactly_one_names_the_id_field_and_takes_another_error_class():
    class Refused(Exception):
        pass

    with pytest.raises(Refused, match=r"^2 reserved IPs are free: 1\.1\.1\.1, 2\.2\.2\.2\. Give the ip to choose one\.$"):
        exactly_one([{"ip": "1.1.1.1"}, {"ip": "2.2.2.2"}], "reserved IPs", "are free", id_field="ip",
                    error=Refused, ids_prefix="")


@pytest.mark.parametrize("kind, expected", [
    ("vpc", "vpcs"), ("database_cluster", "database_clusters"),
    ("monitoring_alert_policy", "monitoring_alert_policies"),
    ("ssh_key", "ssh_keys"), ("address", "addresses"), ("gateway", "gateways"),
    ("database_options", "database_options"), ("nfs", "nfs"), ("nfs_snapshot", "nfs_snapshots"),
    ("reserved_ipv6", "reserved_ipv6s"),
])
def test_plural(kind, expected):
    assert plural(kind) == expected


def test_secrets_in_finds_passwords_and_uris_at_any_depth():
    cluster = {"name": "db", "connection": {"password": "p1", "uri": "postgres://u:p1@h", "user": "doadmin"},
               "users": [{"name": "app", "password": "p2"}, {"name": "x", "password": SENSITIVE}],
               "private_connection": {"password": ""}}
    assert sorted(secrets_in(cluster)) == ["p1", "p2", "postgres://u:p1@h"]


def test_secrets_in_leaves_the_keys_a_spec_declares_public():
    key = {"name": "deploy", "access_key": "DO00ID", "secret_key": "s", "nested": [{"access_key": "DO01"}]}
    assert secrets_in(key) == ["DO00ID", "DO01"]
    assert secrets_in(key, public=("access_key",)) == []
    assert secrets_in({"user": {"access_key": "pem", "password": "p"}}, public=("access_key",)) == ["p"]


def test_patterns():
    assert UUID.match("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30") and not UUID.match("backend")
    assert TAG_NAME.match("k8s:web_1-a") and not TAG_NAME.match("my tag")
