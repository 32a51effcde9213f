# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""run_action under faults: a dropped answer to a volume action, an action that ends errored."""

from __future__ import annotations

import pytest
import requests

from fakes import FakeClock, action, make_client, reply

from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceEngine
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import ActionFailed
from ansible_collections.fathom.digitalocean.plugins.modules.droplet import DROPLET

PARAMS = dict(state="present", id=None, name="web-1", region="nyc3", wait=True, wait_timeout=600)
WEB_1 = {"id": 1, "name": "web-1", "region": {"slug": "nyc3"}, "status": "active"}


def engine():
    clock = FakeClock()
    client, session, _ = make_client(clock=clock)
    return ResourceEngine(DROPLET, client, dict(PARAMS), sleep=clock.sleep), session


def test_a_volume_action_whose_answer_was_lost_is_found_by_its_listed_type():
    # POST .../actions {"type": "attach"} is listed by the API as type attach_volume.
    eng, session = engine()
    path = "/v2/volumes/vol-1/actions"
    session.on("POST", path, requests.ConnectionError("Connection aborted."))
    session.on("GET", path, reply(200, {"actions": [action(7, "attach_volume", "completed", resource_type="volume")],
                                        "links": {}}))
    found = eng.run_action(WEB_1, {"type": "attach", "droplet_id": 1, "region": "nyc3"}, path=path)
    assert found["id"] == 7
    assert len(session.sent("POST")) == 1


def test_an_errored_action_names_the_resource_it_ran_on():
    eng, session = engine()
    session.on("POST", "/v2/droplets/1/actions", reply(201, {"action": action(9, "resize", "errored")}))
    with pytest.raises(ActionFailed) as caught:
        eng.run_action(WEB_1, {"type": "resize", "size": "s-2vcpu-2gb"})
    message = str(caught.value)
    assert message.startswith("droplet web-1 (id 1): ")
    assert "action 9 (resize)" in message and "errored" in message
    assert caught.value.details["action"]["status"] == "errored"
