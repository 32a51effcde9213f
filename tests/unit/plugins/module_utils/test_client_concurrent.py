# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""DigitalOceanClient.paginate_concurrent: same list as paginate(), pages 2..N in parallel."""

from __future__ import annotations

import threading
import time
from urllib.parse import parse_qsl, urlsplit

import pytest

from fakes import API, error, make_client, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanAPIError

PATH = "/v2/droplets"


class PagedApi:
    """Answers GET /v2/droplets like the API: per_page, page, links.pages, meta.total.

    latency: real seconds each answer takes; faults: {page: [outcome, ...]} answered first.
    Records the highest number of requests in flight at once.
    """

    def __init__(self, total, latency=0.0, faults=None):
        self.items = [{"id": i, "name": "d-%d" % i} for i in range(1, total + 1)]
        self.latency = latency
        self.faults = {page: list(outcomes) for page, outcomes in (faults or {}).items()}
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.pages_served = []

    def __call__(self, recorded):
        query = dict(parse_qsl(urlsplit(recorded.url).query))
        query.update({k: str(v) for k, v in (recorded.params or {}).items()})
        page = int(query.get("page", 1))
        per_page = min(int(query.get("per_page", 20)), 200)
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            fault = self.faults.get(page, []).pop(0) if self.faults.get(page) else None
        try:
            if self.latency:
                time.sleep(self.latency)
            if fault is not None:
                return fault
            with self.lock:
                self.pages_served.append(page)
            return reply(200, self.body(page, per_page))
        finally:
            with self.lock:
                self.in_flight -= 1

    def body(self, page, per_page):
        total = len(self.items)
        last = max(1, -(-total // per_page))
        chunk = self.items[(page - 1) * per_page:page * per_page]
        pages = {}
        if page < last:
            pages["next"] = "%s%s?page=%d&per_page=%d" % (API, PATH, page + 1, per_page)
            pages["last"] = "%s%s?page=%d&per_page=%d" % (API, PATH, last, per_page)
        if page > 1:
            pages["first"] = "%s%s?page=1&per_page=%d" % (API, PATH, per_page)
        return {"droplets": chunk, "links": {"pages": pages} if pages else {}, "meta": {"total": total}}


def client_for(api, **kwargs):
    client, session, clock = make_client(**kwargs)
    session.on("GET", PATH, api)
    return client, session, clock


@pytest.mark.parametrize("total", [0, 1, 200, 201, 1000, 1999])
def test_same_list_as_sequential_and_ceil_n_over_200_requests(total):
    sequential, seq_session, _clock = client_for(PagedApi(total))
    concurrent, con_session, _clock = client_for(PagedApi(total))
    expected = sequential.paginate(PATH, "droplets")
    got = concurrent.paginate_concurrent(PATH, "droplets", workers=4)
    assert got == expected
    assert [d["id"] for d in got] == list(range(1, total + 1))
    pages = max(1, -(-total // 200))
    assert len(con_session.requests) == pages == len(seq_session.requests)
    assert concurrent.request_count == pages
    assert all(r.params is None or r.params.get("per_page") == 200 for r in con_session.requests)


def test_pages_overlap_under_latency_and_stay_in_order():
    api = PagedApi(2000, latency=0.05)
    client, session, _clock = client_for(api)
    started = time.monotonic()
    got = client.paginate_concurrent(PATH, "droplets", workers=4)
    elapsed = time.monotonic() - started
    assert [d["id"] for d in got] == list(range(1, 2001))
    assert api.max_in_flight == 4
    # 1 + ceil(9 / 4) rounds of 50 ms, well under the 10 x 50 ms a sequential walk takes.
    assert elapsed < 0.4
    assert len(session.requests) == 10


def test_workers_bound_the_concurrency():
    api = PagedApi(3000, latency=0.02)
    client, _session, _clock = client_for(api)
    client.paginate_concurrent(PATH, "droplets", workers=2)
    assert api.max_in_flight == 2


def test_one_worker_walks_the_next_links():
    api = PagedApi(450)
    client, session, _clock = client_for(api)
    got = client.paginate_concurrent(PATH, "droplets", workers=1)
    assert len(got) == 450
    assert session.requests[1].params is None and "page=2" in session.requests[1].url


def test_faults_are_retried_and_the_result_is_identical():
    faults = {
        2: [error(503, "service_unavailable")],
        4: [reply(429, {"id": "too_many_requests", "message": "slow down"}, retry_after=1)],
        7: [error(500), error(502)],
    }
    api = PagedApi(1600, latency=0.01, faults=faults)
    client, session, clock = client_for(api)
    reference, _session, _clock = client_for(PagedApi(1600))
    got = client.paginate_concurrent(PATH, "droplets", workers=4)
    assert got == reference.paginate(PATH, "droplets")
    assert sorted(api.pages_served) == list(range(1, 9))
    assert len(session.requests) == 8 + 4
    assert client.request_count == 12
    assert 1.0 in clock.sleeps  # the 429's retry-after was honoured


def test_a_page_that_keeps_failing_raises_the_api_error():
    api = PagedApi(1000, faults={3: [error(403, "forbidden", "no access")] * 3})
    client, _session, _clock = client_for(api)
    with pytest.raises(DigitalOceanAPIError) as caught:
        client.paginate_concurrent(PATH, "droplets", workers=4)
    assert caught.value.status == 403


def test_items_added_while_paging_are_followed_like_a_sequential_walk():
    api = PagedApi(400)
    client, session, _clock = client_for(api)

    original = api.body

    def growing(page, per_page):
        if page == 2 and len(api.items) == 400:
            api.items.append({"id": 401, "name": "late"})
        return original(page, per_page)

    api.body = growing
    got = client.paginate_concurrent(PATH, "droplets", workers=4)
    assert [d["id"] for d in got] == list(range(1, 402))
