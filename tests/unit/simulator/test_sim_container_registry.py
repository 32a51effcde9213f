"""The container registry, GA generation (resources/container_registry.py): one registry per
account, its subscription, credentials, repositories and garbage collections; every answer checked
against the spec."""
import base64

from tests.helpers import Checker


def test_registry_lifecycle_subscription_credentials(simulator):
    c = Checker(simulator)
    c.call("GET", "/v2/registry", "/v2/registry", expect=404)
    created = c.call("POST", "/v2/registry", "/v2/registry",
                     {"name": "acme", "region": "fra1", "subscription_tier_slug": "starter"}, expect=201)["registry"]
    assert created["name"] == "acme" and created["subscription"]["tier"]["slug"] == "starter"
    status, _answer = simulator.api("POST", "/v2/registry", json={"name": "other", "subscription_tier_slug": "basic"})
    assert status == 409
    sub = c.call("POST", "/v2/registry/subscription", "/v2/registry/subscription", {"tier_slug": "basic"},
                 expect=200)["subscription"]
    assert sub["tier"]["slug"] == "basic"
    assert c.call("GET", "/v2/registry/subscription", "/v2/registry/subscription",
                  expect=200)["subscription"]["tier"]["slug"] == "basic"
    options = c.call("GET", "/v2/registry/options", "/v2/registry/options", expect=200)["options"]
    assert "fra1" in options["available_regions"]
    creds = c.call("GET", "/v2/registry/docker-credentials", "/v2/registry/docker-credentials",
                   params={"read_write": "true", "expiry_seconds": 3600}, expect=200)
    auth = base64.b64decode(creds["auths"]["registry.digitalocean.com"]["auth"]).decode()
    assert ":" in auth
    c.call("POST", "/v2/registry/validate-name", "/v2/registry/validate-name", {"name": "free"}, expect=204)
    c.call("DELETE", "/v2/registry", "/v2/registry", expect=204)
    c.call("GET", "/v2/registry", "/v2/registry", expect=404)


def test_repositories_tags_and_garbage_collection(simulator):
    c = Checker(simulator)
    c.call("POST", "/v2/registry", "/v2/registry", {"name": "acme", "subscription_tier_slug": "basic"}, expect=201)
    simulator.seed("registry_images", count=2, repository="web", untagged=1)
    simulator.seed("registry_images", count=1, repository="api", untagged=0)
    repos = c.call("GET", "/v2/registry/acme/repositoriesV2", "/v2/registry/{registry_name}/repositoriesV2",
                   expect=200)["repositories"]
    assert [(r["name"], r["manifest_count"]) for r in repos] == [("api", 1), ("web", 3)]
    tags = c.call("GET", "/v2/registry/acme/repositories/web/tags",
                  "/v2/registry/{registry_name}/repositories/{repository_name}/tags", expect=200)["tags"]
    assert len(tags) == 2
    status, body = simulator.api("POST", "/v2/registry/subscription", json={"tier_slug": "starter"})
    assert status == 422 and "allows 1 repositories" in body["message"]
    gc = c.call("POST", "/v2/registry/acme/garbage-collection", "/v2/registry/{registry_name}/garbage-collection",
                {"type": "untagged manifests and unreferenced blobs"}, expect=201)["garbage_collection"]
    assert gc["status"] == "requested"
    status, _answer = simulator.api("POST", "/v2/registry/acme/garbage-collection", json={})
    assert status == 409
    c.call("GET", "/v2/registry/acme/garbage-collection", "/v2/registry/{registry_name}/garbage-collection",
           expect=200)
    simulator._ctl("POST", "clock", {"advance": 1})
    listed = c.call("GET", "/v2/registry/acme/garbage-collections",
                    "/v2/registry/{registry_name}/garbage-collections", expect=200)["garbage_collections"]
    assert listed[0]["uuid"] == gc["uuid"] and listed[0]["status"] == "succeeded"
    assert listed[0]["freed_bytes"] == 1048576 and listed[0]["blobs_deleted"] == 1
    c.call("GET", "/v2/registry/acme/garbage-collection", "/v2/registry/{registry_name}/garbage-collection",
           expect=404)
    repos = c.call("GET", "/v2/registry/acme/repositoriesV2", "/v2/registry/{registry_name}/repositoriesV2",
                   expect=200)["repositories"]
    assert [(r["name"], r["manifest_count"]) for r in repos] == [("api", 1), ("web", 2)]
    c.call("DELETE", "/v2/registry/acme/repositories/web/tags/v1",
           "/v2/registry/{registry_name}/repositories/{repository_name}/tags/{repository_tag}", expect=204)
