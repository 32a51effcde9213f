# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The account's read-only facts: the account itself, its actions, its balance, billing history and
invoices; the declarations of account_info, action_info, balance_info, billing_history_info and
invoice_info.

The account and the balance are one object each (Api.single). The API filters none of these lists
server-side. Actions are the account's whole history, so action_info reads only the pages that
hold the newest `limit` actions.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import UUID, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Lookup, ResourceSpec

# The most actions one page of /v2/actions holds.
ACTIONS_PER_PAGE = 200

ACCOUNT = ResourceSpec(
    kind="account",
    api=Api("/v2/account", "account", id_field="uuid", single=True),
    lookup=Lookup(identity=(), id_option=None),
)


def rate_limit(engine, accounts):
    """extras for account_info: the rate limit the API reported with the account's answer."""
    reported = engine.client.last_rate_limit
    return {"rate_limit": {key: int(reported[key]) if reported.get(key) is not None else None
                           for key in ("limit", "remaining", "reset")}}


BALANCE = ResourceSpec(
    kind="balance",
    api=Api("/v2/customers/my/balance", "balance", single=True),
    lookup=Lookup(identity=(), id_option=None),
)

BILLING_HISTORY = ResourceSpec(
    kind="billing_history",
    api=Api("/v2/customers/my/billing_history", "billing_history", plural_key="billing_history"),
    lookup=Lookup(identity=(), id_option=None, names=("description",)),
    label="billing history entry",
)


def check_invoice_filters(params):
    invoice_uuid = params.get("invoice_uuid")
    if invoice_uuid is not None and not UUID.match(invoice_uuid):
        raise PlanError("invoice_uuid must be the UUID of an invoice, got %r" % invoice_uuid)


def with_items(engine, invoice):
    """expand for invoice_info with invoice_uuid: the invoice and every item billed on it."""
    items = engine.client.paginate("%s/%s" % (engine.collection_path, invoice["invoice_uuid"]), "invoice_items")
    return dict(invoice, invoice_items=items)


INVOICE = ResourceSpec(
    kind="invoice",
    api=Api("/v2/customers/my/invoices", "invoice", id_field="invoice_uuid"),
    lookup=Lookup(identity=("invoice_uuid",), id_option=None, names=("invoice_period",)),
    prepare=check_invoice_filters,
)


# -- actions ------------------------------------------------------------------------------------------


def check_action_filters(params):
    if params.get("limit") is not None and params["limit"] < 1:
        raise PlanError("limit must be at least 1, got %d" % params["limit"])


def newest_actions(engine, query):
    """The newest `limit` actions (every action without a limit), newest first.

    The reference does not say in which order /v2/actions lists; the first page tells: when it
    lists oldest first, the newest are read from the last pages instead, so that a limit costs a
    page or two whatever the history's length.
    """
    limit = engine.params.get("limit")
    if limit is None:
        return sorted(engine.client.paginate(engine.collection_path, "actions"), key=_newest_first)
    # Two at least: the order of a page of one says nothing.
    per_page = min(ACTIONS_PER_PAGE, max(limit, 2))
    first = engine.client.get(engine.collection_path, params={"per_page": per_page, "page": 1})
    found = first.get("actions") or []
    total = (first.get("meta") or {}).get("total") or len(found)
    pages = -(-total // per_page)
    ids = [action.get("id") or 0 for action in found]
    if pages > 1 and ids == sorted(ids) and len(set(ids)) > 1:
        found = []
        for page in range(pages, 0, -1):
            answer = engine.client.get(engine.collection_path, params={"per_page": per_page, "page": page})
            found.extend(answer.get("actions") or [])
            if len(found) >= limit:
                break
    return sorted(found, key=_newest_first)[:limit]


def _newest_first(action):
    return -(action.get("id") or 0)


ACTION = ResourceSpec(
    kind="action",
    api=Api("/v2/actions", "action"),
    lookup=Lookup(identity=(), list=newest_actions),
    prepare=check_action_filters,
)
