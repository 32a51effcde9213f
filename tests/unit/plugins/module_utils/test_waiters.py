# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pollers and waits, on a fake clock: the delays are recorded, never slept."""

from __future__ import annotations

import pytest

from fakes import START, FakeClock, action, error, make_client, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanAPIError
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import (
    MAX_DELAY,
    ActionFailed,
    Poller,
    WaitError,
    WaitTimeout,
    wait_for_action,
    pending_event,
    wait_for_deletion,
    wait_for_status,
    wait_while_refused,
)

BACKOFF = [1.0, 1.5, 2.25, 3.375, 5.0625, 7.59375, 10.0, 10.0, 10.0, 10.0]


def setup(timeout=600, **client_kwargs):
    clock = FakeClock()
    client, session, _clock = make_client(clock=clock, **client_kwargs)
    poller = Poller(timeout, sleep=clock.sleep, clock=clock)
    return client, session, clock, poller


def test_delays_start_at_one_second_and_are_capped_at_ten():
    poller = Poller(600)
    delays = poller.delays()
    assert [next(delays) for _attempt in range(10)] == pytest.approx(BACKOFF)
    assert MAX_DELAY == 10.0


def test_completed_action_returns_without_a_request():
    client, session, clock, poller = setup()
    done = action(42, "power_off", "completed")
    assert wait_for_action(client, done, poller) == done
    assert session.requests == []
    assert clock.sleeps == []


def test_in_progress_action_is_polled_after_a_second_with_backoff():
    client, session, clock, poller = setup()
    session.on("GET", "/v2/actions/42",
               reply(200, {"action": action(42, "resize", "in-progress")}),
               reply(200, {"action": action(42, "resize", "in-progress")}),
               reply(200, {"action": action(42, "resize", "completed")}))
    final = wait_for_action(client, action(42, "resize", "in-progress"), poller)
    assert final["status"] == "completed"
    assert session.calls == ["GET /v2/actions/42"] * 3
    assert clock.sleeps == [1.0, 1.5, 2.25]
    # The first GET comes only after the first one-second wait.
    assert [r.at - START for r in session.requests] == [1.0, 2.5, 4.75]


def test_long_action_backoff_is_capped():
    client, session, clock, poller = setup()
    session.on("GET", "/v2/actions/7",
               *[reply(200, {"action": action(7, "snapshot", "in-progress")})] * 10,
               reply(200, {"action": action(7, "snapshot", "completed")}))
    wait_for_action(client, action(7, "snapshot", "in-progress"), poller)
    assert clock.sleeps == pytest.approx(BACKOFF + [10.0])
    assert max(clock.sleeps) == 10.0


def test_errored_action_at_once_fails_with_id_and_type():
    client, session, clock, poller = setup()
    with pytest.raises(ActionFailed) as caught:
        wait_for_action(client, action(31, "enable_ipv6", "errored"), poller)
    assert "31" in str(caught.value)
    assert "enable_ipv6" in str(caught.value)
    assert caught.value.details["action"]["id"] == 31
    assert session.requests == []


def test_action_that_errors_later_fails():
    client, session, clock, poller = setup()
    session.on("GET", "/v2/actions/55",
               reply(200, {"action": action(55, "rebuild", "in-progress")}),
               reply(200, {"action": action(55, "rebuild", "errored")}))
    with pytest.raises(ActionFailed, match=r"action 55 \(rebuild\) on droplet 1 errored"):
        wait_for_action(client, action(55, "rebuild", "in-progress"), poller)
    assert len(session.requests) == 2
    assert clock.sleeps == [1.0, 1.5]


def test_action_timeout():
    client, session, clock, poller = setup(timeout=5)
    session.on("GET", "/v2/actions/8", reply(200, {"action": action(8, "power_on", "in-progress")}))
    with pytest.raises(WaitTimeout) as caught:
        wait_for_action(client, action(8, "power_on", "in-progress"), poller)
    assert isinstance(caught.value, WaitError)
    message = str(caught.value)
    assert message.startswith("Timed out after 5s")
    assert "action 8 (power_on)" in message
    assert "in-progress" in message
    # Never sleeps past the deadline: 1 + 1.5 + 2.25 + 0.25.
    assert clock.sleeps == pytest.approx([1.0, 1.5, 2.25, 0.25])
    assert clock.slept == pytest.approx(5.0)
    assert len(session.requests) == 4


def test_api_error_while_polling_propagates():
    client, session, clock, poller = setup(retries=0)
    session.on("GET", "/v2/actions/8", error(403, "forbidden"))
    with pytest.raises(DigitalOceanAPIError):
        wait_for_action(client, action(8, "power_on", "in-progress"), poller)


def test_an_action_the_api_does_not_find_yet_is_waited_for_then_judged_by_its_resource():
    client, session, clock, poller = setup()
    session.on("GET", "/v2/actions/8", error(404, "not_found"))
    looks = iter([False, False, True])
    final = wait_for_action(client, action(8, "power_on", "in-progress"), poller, idle=lambda: next(looks))
    assert final["id"] == 8
    assert session.calls == ["GET /v2/actions/8"] * 3
    assert len(clock.sleeps) == 3


def test_an_action_the_api_does_not_find_without_a_resource_to_ask_is_not_yet_over():
    client, session, clock, poller = setup()
    session.on("GET", "/v2/actions/8", error(404, "not_found"), error(404, "not_found"),
               reply(200, {"action": action(8, "power_on", "completed")}))
    assert wait_for_action(client, action(8, "power_on", "in-progress"), poller)["status"] == "completed"
    assert session.calls == ["GET /v2/actions/8"] * 3


def test_wait_while_refused_sends_again_until_the_refusal_stops():
    client, session, clock, poller = setup()
    busy = error(422, "unprocessable_entity", "Droplet already has a pending event.")
    session.on("POST", "/v2/droplets/1/actions", busy, busy, reply(201, {"action": action(5, "reboot")}))
    answer = wait_while_refused(lambda: client.post("/v2/droplets/1/actions", {"type": "reboot"}), pending_event,
                                poller, lambda: "droplet 1 to accept the reboot action")
    assert answer["action"]["id"] == 5
    assert session.calls == ["POST /v2/droplets/1/actions"] * 3
    assert clock.sleeps == [1.0, 1.5]


def test_wait_while_refused_raises_other_errors_at_once_and_times_out_naming_the_last_refusal():
    client, session, clock, poller = setup()
    session.on("POST", "/v2/droplets/1/actions", error(422, "unprocessable_entity", "size is not valid"))
    with pytest.raises(DigitalOceanAPIError, match="size is not valid"):
        wait_while_refused(lambda: client.post("/v2/droplets/1/actions", {}), pending_event, poller, lambda: "x")
    assert clock.sleeps == []

    client, session, clock, _poller = setup()
    session.on("DELETE", "/v2/vpcs/v1", error(409, "conflict", "Can not delete VPC with members"))
    with pytest.raises(WaitTimeout) as caught:
        wait_while_refused(lambda: client.delete("/v2/vpcs/v1"), lambda exc: exc.status == 409,
                           Poller(20, sleep=clock.sleep, clock=clock), lambda: "vpc v1 to be free")
    assert str(caught.value).startswith("Timed out after 20s waiting for vpc v1 to be free; the API still answers: "
                                        "DigitalOcean API 409 conflict: Can not delete VPC with members")


def test_wait_for_status_until_ready():
    clock = FakeClock()
    poller = Poller(600, sleep=clock.sleep, clock=clock)
    answers = iter([{"status": "new"}, {"status": "new"}, {"status": "active", "id": 1}])
    seen = []

    def fetch():
        obj = next(answers)
        seen.append(clock.now)
        return obj

    obj = wait_for_status(fetch, lambda o: o["status"] == "active", poller, lambda last: "ready")
    assert obj == {"status": "active", "id": 1}
    assert clock.sleeps == [1.0, 1.5]
    assert [at - START for at in seen] == [0.0, 1.0, 2.5]


def test_wait_for_status_failed_stops_with_its_message():
    clock = FakeClock()
    poller = Poller(600, sleep=clock.sleep, clock=clock)
    answers = iter([{"status": "creating"}, {"status": "error"}])
    with pytest.raises(WaitError) as caught:
        wait_for_status(lambda: next(answers), lambda o: o["status"] == "online", poller,
                        lambda last: "x", failed=lambda o: "it broke" if o["status"] == "error" else None)
    assert str(caught.value) == "it broke"
    assert caught.value.details == {"resource": {"status": "error"}}
    assert clock.sleeps == [1.0]


def test_wait_for_status_timeout_describes_the_last_object():
    clock = FakeClock()
    poller = Poller(3, sleep=clock.sleep, clock=clock)
    with pytest.raises(WaitTimeout, match="status still new"):
        wait_for_status(lambda: {"status": "new"}, lambda o: False, poller,
                        lambda last: "droplet, status still %s" % last["status"])
    assert clock.slept == pytest.approx(3.0)


def test_wait_for_deletion_until_404():
    client, session, clock, poller = setup()
    session.on("GET", "/v2/droplets/1",
               reply(200, {"droplet": {"id": 1}}),
               reply(200, {"droplet": {"id": 1}}),
               error(404, "not_found"))
    assert wait_for_deletion(client, "/v2/droplets/1", poller, lambda: "droplet 1") is None
    assert session.calls == ["GET /v2/droplets/1"] * 3
    assert clock.sleeps == [1.0, 1.5]


def test_wait_for_deletion_timeout():
    client, session, clock, poller = setup(timeout=2)
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": {"id": 1}}))
    with pytest.raises(WaitTimeout, match="droplet 1 to be deleted"):
        wait_for_deletion(client, "/v2/droplets/1", poller, lambda: "droplet 1 to be deleted")
    assert clock.slept == pytest.approx(2.0)


def test_wait_for_deletion_other_errors_propagate():
    client, session, clock, poller = setup(retries=0)
    session.on("GET", "/v2/droplets/1", error(403, "forbidden"))
    with pytest.raises(DigitalOceanAPIError) as caught:
        wait_for_deletion(client, "/v2/droplets/1", poller, lambda: "droplet 1")
    assert caught.value.status == 403
