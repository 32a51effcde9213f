"""The account's read-only facts (resources/billing.py, resources/one_clicks.py, the catalog): the
balance, billing history, invoices and their items, 1-Click apps, and a catalog that is not uniform;
every answer checked against the spec."""
from tests.helpers import Checker


def test_balance_history_and_invoices(simulator):
    c = Checker(simulator)
    balance = c.call("GET", "/v2/customers/my/balance", "/v2/customers/my/balance", expect=200)
    assert balance["month_to_date_usage"] == "11.21" and balance["generated_at"].endswith("Z")
    history = c.call("GET", "/v2/customers/my/billing_history", "/v2/customers/my/billing_history",
                     params={"per_page": 2}, expect=200)
    assert len(history["billing_history"]) == 2 and history["meta"]["total"] == 6
    assert "next" in history["links"]["pages"]
    listed = c.call("GET", "/v2/customers/my/invoices", "/v2/customers/my/invoices", expect=200)
    assert [i["invoice_period"] for i in listed["invoices"]] == ["2025-12", "2025-11", "2025-10"]
    assert listed["invoice_preview"]["invoice_period"] == "2026-01"
    uuid = listed["invoices"][0]["invoice_uuid"]
    items = c.call("GET", "/v2/customers/my/invoices/" + uuid, "/v2/customers/my/invoices/{invoice_uuid}",
                   expect=200)
    assert [item["product"] for item in items["invoice_items"]] == ["Droplets", "Volumes"]
    assert sum(float(item["amount"]) for item in items["invoice_items"]) == float(listed["invoices"][0]["amount"])
    summary = c.call("GET", "/v2/customers/my/invoices/%s/summary" % uuid,
                     "/v2/customers/my/invoices/{invoice_uuid}/summary", expect=200)
    assert summary["amount"] == listed["invoices"][0]["amount"]
    c.call("GET", "/v2/customers/my/invoices/0f0f0f0f-0000-4000-8000-000000000000",
           "/v2/customers/my/invoices/{invoice_uuid}", expect=404)


def test_one_clicks_by_type(simulator):
    c = Checker(simulator)
    everything = c.call("GET", "/v2/1-clicks", "/v2/1-clicks", expect=200)["1_clicks"]
    kubernetes = c.call("GET", "/v2/1-clicks", "/v2/1-clicks", params={"type": "kubernetes"}, expect=200)["1_clicks"]
    assert {app["type"] for app in kubernetes} == {"kubernetes"} and len(kubernetes) < len(everything)


def test_the_catalog_is_not_uniform(simulator):
    regions = {r["slug"]: r for r in simulator.api("GET", "/v2/regions", params={"per_page": 200})[1]["regions"]}
    assert regions["nyc2"]["available"] is False and regions["nyc2"]["sizes"] == []
    assert "image_transfer" not in regions["syd1"]["features"] and "image_transfer" in regions["nyc3"]["features"]
    sizes = {s["slug"]: s for s in simulator.api("GET", "/v2/sizes", params={"per_page": 200})[1]["sizes"]}
    assert sizes["s-3vcpu-1gb"]["available"] is False
    assert "nyc2" not in sizes["s-1vcpu-1gb"]["regions"]
    body = {"name": "x", "region": "nyc2", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}
    status, body = simulator.api("POST", "/v2/droplets", json=body)
    assert status == 422 and body["message"] == "Region is not available"
    body = {"name": "x", "region": "nyc3", "size": "s-3vcpu-1gb", "image": "ubuntu-24-04-x64"}
    status, body = simulator.api("POST", "/v2/droplets", json=body)
    assert status == 422


def test_application_images_are_listed_by_type(simulator):
    c = Checker(simulator)
    apps = c.call("GET", "/v2/images", "/v2/images", params={"type": "application"}, expect=200)["images"]
    assert {image["slug"] for image in apps} == {"docker-20-04", "lamp-20-04", "wordpress-20-04"}
    distributions = simulator.api("GET", "/v2/images", params={"type": "distribution", "per_page": 200})[1]["images"]
    assert not {image["slug"] for image in apps} & {image["slug"] for image in distributions}
    assert c.call("GET", "/v2/images/docker-20-04", "/v2/images/{image_id}", expect=200)["image"]["public"] is True
