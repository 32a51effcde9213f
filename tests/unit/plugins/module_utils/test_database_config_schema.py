# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""database_config_schema.py is what scripts/generate_database_config_schema.py makes of the spec:
regenerated from the simulator's derived copy (always in the repository) and, when it is next to
the checkout, from the official bundle, it must be the table the modules read."""

from __future__ import annotations

import importlib.util
import json
import os

import pytest

from ansible_collections.fathom.digitalocean.plugins.module_utils import database_config_schema

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
DERIVED = os.path.join(REPO, "tests", "simulator", "spec", "digitalocean-v2.derived.json")
OFFICIAL = os.path.join(REPO, "..", "shared", "openapi", "digitalocean-v2.openapi.json")


def generator():
    spec = importlib.util.spec_from_file_location(
        "generate_database_config_schema", os.path.join(REPO, "scripts", "generate_database_config_schema.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("source", [DERIVED, OFFICIAL], ids=["derived", "official"])
def test_the_table_matches_the_spec(source):
    if not os.path.exists(source):
        pytest.skip("%s is not next to this checkout" % source)
    with open(source) as handle:
        engines, topic = generator().build(json.load(handle))
    assert engines == database_config_schema.ENGINE_CONFIG
    assert topic == database_config_schema.KAFKA_TOPIC_CONFIG


def test_the_file_is_what_the_generator_writes():
    with open(DERIVED) as handle:
        rendered = generator().render(*generator().build(json.load(handle)))
    with open(database_config_schema.__file__) as handle:
        assert handle.read() == rendered


def test_every_engine_has_its_settings():
    assert sorted(database_config_schema.ENGINE_CONFIG) == ["kafka", "mongodb", "mysql", "opensearch", "pg", "redis",
                                                            "valkey"]
    pg = database_config_schema.ENGINE_CONFIG["pg"]
    assert pg["work_mem"] == {"type": "integer", "minimum": 1, "maximum": 1024}
    assert pg["pgbouncer"]["properties"]["autodb_pool_mode"]["enum"] == ["session", "transaction", "statement"]
    assert database_config_schema.KAFKA_TOPIC_CONFIG["min_cleanable_dirty_ratio"]["maximum"] == 1
