"""Billing: the balance, the billing history and invoices under /v2/customers/my/.

Fixed, plausible data (the simulator bills nothing): three monthly invoices of the past months,
each paid, a preview of the current month, and the history of those invoices and payments, newest
first as the reference's samples show. The balance is ``generated_at`` the simulated now.
"""
from tests.simulator.routing import route
from tests.simulator.state import iso, not_found

BALANCE = {"month_to_date_balance": "23.44", "account_balance": "12.23", "month_to_date_usage": "11.21"}

INVOICES = [
    {"invoice_uuid": "22737513-0ea7-4206-8ceb-98a575af7681", "invoice_id": "8012345", "amount": "12.34",
     "invoice_period": "2025-12", "updated_at": "2026-01-01T08:00:01Z"},
    {"invoice_uuid": "fdabb512-6faf-443c-ba2e-665452332a9e", "invoice_id": "7912345", "amount": "11.20",
     "invoice_period": "2025-11", "updated_at": "2025-12-01T08:00:02Z"},
    {"invoice_uuid": "9c4d6a8f-0e1b-4e3a-8b2c-5d7f1a2b3c4d", "invoice_id": "7812345", "amount": "9.80",
     "invoice_period": "2025-10", "updated_at": "2025-11-01T08:00:00Z"},
]
PREVIEW = {"invoice_uuid": "1afe95e6-0958-4eb0-8d9a-9c5060d3ef03", "invoice_id": "", "amount": "23.44",
           "invoice_period": "2026-01", "updated_at": "2026-01-15T12:00:00Z"}


def _items(period, droplet_amount, volume_amount):
    start, end = "%s-01T00:00:00Z" % period, "%s-28T23:59:59Z" % period
    return [
        {"product": "Droplets", "resource_uuid": "711157cb-37c8-4817-b371-44fa3504a39c", "resource_id": "2353624",
         "group_description": "", "description": "web-1 (s-1vcpu-1gb)", "amount": droplet_amount,
         "duration": "672", "duration_unit": "Hours", "start_time": start, "end_time": end,
         "project_name": "web"},
        {"product": "Volumes", "resource_uuid": "6f8c3a1e-2b4d-4e5f-9a0b-1c2d3e4f5a6b", "resource_id": "",
         "group_description": "", "description": "web-data (10 GiB)", "amount": volume_amount,
         "duration": "672", "duration_unit": "Hours", "start_time": start, "end_time": end,
         "project_name": "web"},
    ]


ITEMS = {
    INVOICES[0]["invoice_uuid"]: _items("2025-12", "11.34", "1.00"),
    INVOICES[1]["invoice_uuid"]: _items("2025-11", "10.20", "1.00"),
    INVOICES[2]["invoice_uuid"]: _items("2025-10", "8.80", "1.00"),
    PREVIEW["invoice_uuid"]: _items("2026-01", "22.44", "1.00"),
}

HISTORY = []
for _invoice in INVOICES:
    _year, _month = _invoice["invoice_period"].split("-")
    HISTORY.append({"description": "Invoice for %s %s" % (_month, _year), "amount": _invoice["amount"],
                    "invoice_id": _invoice["invoice_id"], "invoice_uuid": _invoice["invoice_uuid"],
                    "date": _invoice["updated_at"], "type": "Invoice"})
    HISTORY.append({"description": "Payment (MC 2665)", "amount": "-%s" % _invoice["amount"],
                    "date": _invoice["updated_at"].replace("T08", "T10"), "type": "Payment"})


def _same(item):
    return dict(item)


def _invoice_or_404(invoice_uuid):
    for invoice in INVOICES + [PREVIEW]:
        if invoice["invoice_uuid"] == invoice_uuid:
            return invoice
    raise not_found()


@route("GET", "/v2/customers/my/balance")
def get_balance(ctx):
    return 200, dict(BALANCE, generated_at=iso(ctx.now))


@route("GET", "/v2/customers/my/billing_history")
def list_billing_history(ctx):
    return 200, ctx.paginate("billing_history", HISTORY, _same)


@route("GET", "/v2/customers/my/invoices")
def list_invoices(ctx):
    body = ctx.paginate("invoices", INVOICES, _same)
    body["invoice_preview"] = dict(PREVIEW)
    return 200, body


@route("GET", "/v2/customers/my/invoices/{invoice_uuid}")
def list_invoice_items(ctx, invoice_uuid):
    invoice = _invoice_or_404(invoice_uuid)
    return 200, ctx.paginate("invoice_items", ITEMS[invoice["invoice_uuid"]], _same)


@route("GET", "/v2/customers/my/invoices/{invoice_uuid}/summary")
def get_invoice_summary(ctx, invoice_uuid):
    invoice = _invoice_or_404(invoice_uuid)
    items = ITEMS[invoice["invoice_uuid"]]
    return 200, {
        "invoice_uuid": invoice["invoice_uuid"], "invoice_id": invoice["invoice_id"],
        "billing_period": invoice["invoice_period"], "amount": invoice["amount"],
        "user_name": "Sammy the Simulated Shark", "user_email": "sammy@example.com", "user_company": "",
        "product_charges": {"name": "Product usage charges", "amount": invoice["amount"],
                            "items": [{"name": item["product"], "amount": item["amount"], "count": "1"}
                                      for item in items]},
        "overages": {"name": "Overages", "amount": "0"},
        "taxes": {"name": "Taxes", "amount": "0"},
        "credits_and_adjustments": {"name": "Credits & adjustments", "amount": "0"},
    }
