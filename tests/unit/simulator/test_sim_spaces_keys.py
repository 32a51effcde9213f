"""Spaces access keys (resources/spaces_keys.py): the rules of the reference, every answer checked
against the spec."""
from tests.helpers import Checker

COLLECTION = "/v2/spaces/keys"
ITEM = "/v2/spaces/keys/{access_key}"


def test_key_created_with_secret_once_listed_filtered_updated_and_deleted(simulator):
    c = Checker(simulator)
    created = c.call("POST", COLLECTION, COLLECTION, {"name": "deploy", "grants": [
        {"bucket": "site", "permission": "readwrite"}]}, expect=201)["key"]
    assert created["access_key"].startswith("DO") and len(created["secret_key"]) >= 32
    assert created["grants"] == [{"bucket": "site", "permission": "readwrite"}]
    path = COLLECTION + "/" + created["access_key"]
    got = c.call("GET", path, ITEM, expect=200)["key"]
    assert "secret_key" not in got and got["name"] == "deploy"
    c.call("POST", COLLECTION, COLLECTION, {"name": "other", "grants": [
        {"bucket": "logs", "permission": "read"}]}, expect=201)
    assert [k["name"] for k in c.call("GET", COLLECTION, COLLECTION, params={"name": "deploy"},
                                      expect=200)["keys"]] == ["deploy"]
    assert [k["name"] for k in c.call("GET", COLLECTION, COLLECTION, params={"bucket": "logs"},
                                      expect=200)["keys"]] == ["other"]
    assert c.call("GET", COLLECTION, COLLECTION, expect=200)["meta"]["total"] == 2
    updated = c.call("PUT", path, ITEM, {"name": "deploy-2", "grants": [
        {"bucket": "site", "permission": "read"}, {"bucket": "assets", "permission": "readwrite"}]},
        expect=200)["key"]
    assert updated["name"] == "deploy-2" and len(updated["grants"]) == 2
    patched = c.call("PATCH", path, ITEM, {"name": "deploy-3"}, expect=200)["key"]
    assert patched["name"] == "deploy-3" and patched["grants"] == updated["grants"]
    assert c.call("DELETE", path, ITEM, expect=204) is None
    c.call("GET", path, ITEM, expect=404)
    c.call("DELETE", path, ITEM, expect=404)


def test_full_access_wins_and_cannot_be_converted(simulator):
    c = Checker(simulator)
    full = c.call("POST", COLLECTION, COLLECTION, {"name": "admin", "grants": [
        {"bucket": "site", "permission": "read"}, {"bucket": "", "permission": "fullaccess"}]}, expect=201)["key"]
    assert full["grants"] == [{"bucket": "", "permission": "fullaccess"}]
    path = COLLECTION + "/" + full["access_key"]
    body = c.call("PUT", path, ITEM, {"grants": [{"bucket": "site", "permission": "read"}]}, expect=400)
    assert "fullaccess" in body["message"]


def test_bad_input_refused(simulator):
    c = Checker(simulator)
    assert "permission" in c.call("POST", COLLECTION, COLLECTION, {"name": "x", "grants": [
        {"bucket": "site", "permission": "write"}]}, expect=400)["message"]
    assert "bucket" in c.call("POST", COLLECTION, COLLECTION, {"name": "x", "grants": [
        {"bucket": "", "permission": "read"}]}, expect=400)["message"]
    assert "name" in c.call("POST", COLLECTION, COLLECTION, {"name": "", "grants": []}, expect=400)["message"]
    assert simulator.api("GET", COLLECTION)[1]["keys"] == []
