# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The account's read-only declarations (specs/account.py) through their _info modules: the account
with the rate limit of its answer, the balance, the billing history, invoices (one with its items),
and actions (one by id, or the newest ones, whatever order the API lists them in)."""

from __future__ import annotations

import pytest

from fakes import listing, module_info, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError

INVOICE = "22737513-0ea7-4206-8ceb-98a575af7681"
OTHER_INVOICE = "fdabb512-6faf-443c-ba2e-665452332a9e"


def test_account_info_reads_the_account_and_the_rate_limit_of_that_answer():
    account = {"uuid": "b6fr89dbf6d9156cace5f3c78dc9851d957381ef", "email": "sammy@example.com", "droplet_limit": 25}
    result, session = module_info("account_info", lambda s: s.on("GET", "/v2/account", reply(
        200, {"account": account}, ratelimit_limit=5000, ratelimit_remaining=4816, ratelimit_reset=1444931833)))
    assert result == {"changed": False, "accounts": [account],
                      "rate_limit": {"limit": 5000, "remaining": 4816, "reset": 1444931833}}
    assert session.calls == ["GET /v2/account"]


def test_balance_info_reads_the_balance_as_a_list_of_one():
    balance = {"month_to_date_balance": "23.44", "account_balance": "12.23", "month_to_date_usage": "11.21",
               "generated_at": "2019-07-09T15:01:12Z"}
    result, session = module_info("balance_info", lambda s: s.on("GET", "/v2/customers/my/balance",
                                                                 reply(200, balance)))
    assert result["balances"] == [balance]
    assert session.calls == ["GET /v2/customers/my/balance"]


def history(session):
    session.on("GET", "/v2/customers/my/billing_history", listing(
        "billing_history", {"description": "Invoice for May 2018", "amount": "12.34", "type": "Invoice"},
        {"description": "Payment (MC 2018)", "amount": "-12.34", "type": "Payment"}))


def test_billing_history_info_filters_the_type_on_the_list():
    result, _session = module_info("billing_history_info", history, type="Payment")
    assert [entry["description"] for entry in result["billing_histories"]] == ["Payment (MC 2018)"]
    result, _session = module_info("billing_history_info", history)
    assert len(result["billing_histories"]) == 2


def invoices(session):
    session.on("GET", "/v2/customers/my/invoices", listing(
        "invoices", {"invoice_uuid": INVOICE, "amount": "12.34", "invoice_period": "2025-12"},
        {"invoice_uuid": OTHER_INVOICE, "amount": "11.20", "invoice_period": "2025-11"}))
    session.on("GET", "/v2/customers/my/invoices/" + INVOICE, listing(
        "invoice_items", {"product": "Droplets", "amount": "11.34"}, {"product": "Volumes", "amount": "1.00"}))


def test_invoice_info_lists_invoices_and_matches_a_period():
    result, session = module_info("invoice_info", invoices, invoice_period="2025-11")
    assert [invoice["invoice_uuid"] for invoice in result["invoices"]] == [OTHER_INVOICE]
    assert session.calls == ["GET /v2/customers/my/invoices"]


def test_invoice_info_by_uuid_returns_that_invoice_with_its_items():
    result, session = module_info("invoice_info", invoices, invoice_uuid=INVOICE)
    assert result["invoices"] == [{"invoice_uuid": INVOICE, "amount": "12.34", "invoice_period": "2025-12",
                                   "invoice_items": [{"product": "Droplets", "amount": "11.34"},
                                                     {"product": "Volumes", "amount": "1.00"}]}]
    assert session.calls == ["GET /v2/customers/my/invoices", "GET /v2/customers/my/invoices/" + INVOICE]


def test_invoice_info_refuses_what_is_not_a_uuid_before_any_request():
    with pytest.raises(PlanError, match="^invoice_uuid must be the UUID of an invoice"):
        module_info("invoice_info", lambda session: None, invoice_uuid="december")


def paged_actions(session, total, newest_first):
    """GET /v2/actions as the API pages it, listing ids 1..total oldest or newest first."""
    ids = list(range(total, 0, -1)) if newest_first else list(range(1, total + 1))

    def answer(request):
        per_page, page = request.params["per_page"], request.params["page"]
        chunk = ids[(page - 1) * per_page:page * per_page]
        return reply(200, {"actions": [{"id": i, "type": "reboot", "status": "completed",
                                        "resource_type": "droplet" if i % 2 else "volume"} for i in chunk],
                           "links": {}, "meta": {"total": total}})

    session.on("GET", "/v2/actions", answer)


@pytest.mark.parametrize("newest_first", [True, False])
def test_action_info_reads_the_newest_actions_in_a_page_or_two_whatever_the_order(newest_first):
    result, session = module_info("action_info", lambda s: paged_actions(s, 450, newest_first), limit=5)
    assert [item["id"] for item in result["actions"]] == [450, 449, 448, 447, 446]
    pages = [request.params["page"] for request in session.requests]
    assert pages == ([1] if newest_first else [1, 90])


def test_action_info_filters_the_actions_read():
    result, _session = module_info("action_info", lambda s: paged_actions(s, 10, True), limit=4,
                                   resource_type="volume")
    assert [item["id"] for item in result["actions"]] == [10, 8]


def test_action_info_without_a_limit_reads_every_action_newest_first():
    def every(session):
        session.on("GET", "/v2/actions", listing("actions", {"id": 1}, {"id": 3}, {"id": 2}))

    result, _session = module_info("action_info", every)
    assert [item["id"] for item in result["actions"]] == [3, 2, 1]


def test_action_info_reads_one_action_by_id():
    result, session = module_info("action_info", lambda s: s.on("GET", "/v2/actions/36804636", reply(
        200, {"action": {"id": 36804636, "status": "completed"}})), id=36804636)
    assert result["actions"] == [{"id": 36804636, "status": "completed"}]
    assert session.calls == ["GET /v2/actions/36804636"]


def test_action_info_refuses_a_limit_below_one():
    with pytest.raises(PlanError, match="^limit must be at least 1, got 0"):
        module_info("action_info", lambda session: None, limit=0)
