# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Waiting for asynchronous work: actions, status fields and deletion.

Every wait polls with a capped exponential backoff that starts near one second.
"""

from __future__ import annotations

import time

from ansible_collections.fathom.digitalocean.plugins.module_utils.client import DigitalOceanAPIError, DigitalOceanError

FIRST_DELAY = 1.0
BACKOFF_FACTOR = 1.5
MAX_DELAY = 10.0
# A wait longer than PROGRESS_AFTER seconds reports itself every PROGRESS_EVERY seconds, when the
# caller can show progress (the controller path; a module's output only exists at its end).
PROGRESS_AFTER = 15.0
PROGRESS_EVERY = 20.0


class WaitError(DigitalOceanError):
    """Asynchronous work failed or did not finish in time."""

    def __init__(self, message, details=None):
        self.details = details or {}
        super().__init__(message)


class WaitTimeout(WaitError):
    pass


class ActionFailed(WaitError):
    pass


class Poller:
    """Calls a probe until it reports done, sleeping 1 s, 1.5 s, 2.25 s ... up to MAX_DELAY."""

    def __init__(self, timeout, sleep=time.sleep, clock=time.monotonic,
                 first_delay=FIRST_DELAY, factor=BACKOFF_FACTOR, max_delay=MAX_DELAY, progress=None):
        """progress(line), when given, receives a line about a long wait now and then."""
        self.timeout = float(timeout)
        self.sleep = sleep
        self.clock = clock
        self.first_delay = first_delay
        self.factor = factor
        self.max_delay = max_delay
        self.progress = progress

    def delays(self):
        delay = self.first_delay
        while True:
            yield delay
            delay = min(delay * self.factor, self.max_delay)

    def poll(self, probe, describe):
        """Run probe() until it returns (True, value); return value.

        probe may raise WaitError to stop early. describe() gives the text for a timeout.
        """
        started = self.clock()
        deadline = started + self.timeout
        next_report = started + PROGRESS_AFTER
        for delay in self.delays():
            done, value = probe()
            if done:
                return value
            now = self.clock()
            remaining = deadline - now
            if remaining <= 0:
                raise WaitTimeout("Timed out after %ss waiting for %s" % (int(self.timeout), describe()))
            if self.progress is not None and now >= next_report:
                self.progress("waiting for %s, %s of %s" % (describe(), duration(now - started), duration(self.timeout)))
                next_report = now + PROGRESS_EVERY
            self.sleep(min(delay, remaining))
        return None  # pragma: no cover - the generator never ends


def duration(seconds):
    """130 -> '2m10s', 1800 -> '30m', 9 -> '9s'."""
    minutes, seconds = divmod(int(seconds), 60)
    if not minutes:
        return "%ds" % seconds
    return "%dm%02ds" % (minutes, seconds) if seconds else "%dm" % minutes


def wait_for_action(client, action, poller, idle=None):
    """Wait until an action is completed. `action` is the action object the API returned.

    Returns the final action object; raises ActionFailed on `errored`. The API may answer 404 for
    an action it has just started: then idle() (the resource shows no work in progress) says
    whether it is over; without idle, a 404 is "not yet".
    """
    state = {"action": action, "fresh": True}
    action_path = "/v2/actions/%s" % action["id"]

    def probe():
        # The first look uses the object the POST returned; later looks GET it again.
        if not state["fresh"]:
            found = client.get_or_none(action_path)
            if found is None:
                return bool(idle and idle()), state["action"]
            state["action"] = found.get("action") or state["action"]
        state["fresh"] = False
        current = state["action"]
        status = current.get("status")
        if status == "errored":
            raise ActionFailed(
                "DigitalOcean action %s (%s) on %s %s errored"
                % (current.get("id"), current.get("type"), current.get("resource_type"), current.get("resource_id")),
                {"action": current},
            )
        return status == "completed", current

    def describe():
        current = state["action"]
        return "action %s (%s) on %s %s, last status %s" % (
            current.get("id"), current.get("type"), current.get("resource_type"),
            current.get("resource_id"), current.get("status"))

    return poller.poll(probe, describe)


def wait_for_status(fetch, is_ready, poller, describe, failed=None):
    """Poll fetch() until is_ready(obj). failed(obj) may return a message to stop with an error."""
    state = {"obj": None}

    def probe():
        obj = fetch()
        state["obj"] = obj
        if failed is not None:
            message = failed(obj)
            if message:
                raise WaitError(message, {"resource": obj})
        return bool(is_ready(obj)), obj

    return poller.poll(probe, lambda: describe(state["obj"]))


def wait_for_deletion(client, path, poller, describe):
    """Poll GET path until the API answers 404."""

    def probe():
        return client.get_or_none(path) is None, None

    poller.poll(probe, describe)


def wait_while_refused(send, refused, poller, describe):
    """Send until the API stops refusing, and return its answer.

    refused(exc) says which answers mean "not yet" (a droplet with a pending event, a delete that
    dependants block for a while); any other error is raised at once. Sending again after such an
    answer is safe: the API did nothing. Polls with the poller's backoff within its timeout, then
    raises WaitTimeout naming what was waited for and the last refusal.
    """
    state = {"last": None}

    def probe():
        try:
            return True, send()
        except DigitalOceanAPIError as exc:
            if not refused(exc):
                raise
            state["last"] = exc
            return False, None

    return poller.poll(probe, lambda: "%s; the API still answers: %s" % (describe(), state["last"]))


def pending_event(exc):
    """The API's answer to an action on a droplet that is busy with another event."""
    return exc.status == 422 and "pending event" in (exc.api_message or "").lower()
