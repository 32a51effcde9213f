# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The real API's timing and quirks, each scripted on a fake session, and what the engine does.

Eventual consistency (a 404 and lists that leave a new resource out), busy droplets (422 "pending
event"), deletes blocked by dependants, case-insensitive tags, one TTL per record set, reserved IPs
as floatingip URNs, null for empty lists, failed firewalls, late database transitions, and
certificates that a load balancer names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fakes import action, error, listing, module_engine, reply, serve_actions, writes

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.certificate import CERTIFICATE
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.database import DATABASE_CLUSTER
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain_record import DOMAIN_RECORDS
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.domain_record import record_spec
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet import DROPLET
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.droplet_group import DROPLET_GROUP
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.firewall import FIREWALL
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.load_balancer import LOAD_BALANCER
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.project import PROJECT
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.project import PROJECT_RESOURCES
from ansible_collections.fathom.digitalocean.plugins.module_utils.specs.vpc import VPC
from ansible_collections.fathom.digitalocean.plugins.module_utils.waiters import WaitError, WaitTimeout

NOT_FOUND = error(404, "not_found", "The resource you were accessing could not be found.")
BUSY = error(422, "unprocessable_entity", "Droplet already has a pending event.")
CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"
CERT_ID = "4c1d3e5a-0a4b-4d0e-9a1f-2b3c4d5e6f70"


def droplet(status="active", locked=False, public_ip=True, tags=("web",), size="s-1vcpu-1gb"):
    networks = {"v4": [{"ip_address": "192.0.2.10", "type": "public"}] if public_ip else [], "v6": []}
    return {"id": 1, "name": "web-1", "status": status, "locked": locked, "size_slug": size,
            "region": {"slug": "nyc3"}, "image": {"id": 148000000, "slug": "ubuntu-24-04-x64"},
            "features": [], "tags": list(tags), "volume_ids": [], "networks": networks}


def droplet_task(check_mode=False, **options):
    options.setdefault("name", "web-1")
    options.setdefault("region", "nyc3")
    return module_engine(DROPLET, "droplet", check_mode=check_mode, **options)


CREATE = dict(size="s-1vcpu-1gb", image="ubuntu-24-04-x64")


# -- eventual consistency ----------------------------------------------------------------------------


def test_a_404_right_after_the_create_is_not_yet_and_readiness_waits_for_the_public_address():
    engine, session, clock = droplet_task(**CREATE)
    session.on("GET", "/v2/droplets", listing("droplets"))
    session.on("POST", "/v2/droplets", reply(202, {"droplet": droplet(status="new", public_ip=False)}))
    session.on("GET", "/v2/droplets/1", NOT_FOUND, NOT_FOUND, reply(200, {"droplet": droplet(public_ip=False)}),
               reply(200, {"droplet": droplet(locked=True)}), reply(200, {"droplet": droplet()}))
    result = engine.run()
    assert result["droplet"]["networks"]["v4"][0]["ip_address"] == "192.0.2.10"
    assert session.calls.count("GET /v2/droplets/1") == 5
    assert len(session.sent("POST")) == 1


def test_a_droplet_that_never_becomes_visible_times_out_naming_it():
    engine, session, clock = droplet_task(wait_timeout=30, **CREATE)
    session.on("GET", "/v2/droplets", listing("droplets"))
    session.on("POST", "/v2/droplets", reply(202, {"droplet": droplet(status="new")}))
    session.on("GET", "/v2/droplets/1", NOT_FOUND)
    with pytest.raises(WaitTimeout, match="^Timed out after 30s waiting for droplet web-1 \\(id 1\\)"):
        engine.run()


def test_a_404_of_a_resource_this_run_did_not_create_is_an_error():
    engine, session, clock = droplet_task(id=1, name=None, size="s-2vcpu-2gb", state="off")
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(status="off")}), NOT_FOUND)
    serve_actions(session, "/v2/droplets/1/actions")
    with pytest.raises(Exception, match="404"):
        engine.run()


def test_droplet_group_waits_for_the_ids_it_created_not_for_what_the_tag_list_shows():
    engine, session, clock = module_engine(DROPLET_GROUP, "droplet_group", group_tag="web", count=2,
                                           region="nyc3", **CREATE)
    web1 = dict(droplet(), id=11, name="web-1", tags=["web"])
    web2 = dict(droplet(), id=12, name="web-2", tags=["web"])
    session.on("GET", "/v2/droplets", listing("droplets"), listing("droplets"), listing("droplets", web1),
               listing("droplets", web1, web2))
    session.on("POST", "/v2/droplets", reply(202, {"droplets": [dict(web1, status="new"), dict(web2, status="new")]}))
    result = engine.run()
    assert [d["name"] for d in result["droplet_group"]] == ["web-1", "web-2"]
    assert session.calls.count("GET /v2/droplets") == 4


# -- busy droplets ---------------------------------------------------------------------------------


def test_an_action_on_a_busy_droplet_is_sent_again_until_the_droplet_accepts_it():
    engine, session, clock = droplet_task(state="off")
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    session.on("POST", "/v2/droplets/1/actions", BUSY, BUSY, reply(201, {"action": action(5, "power_off")}))
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(status="off")}))
    engine.run()
    assert len(session.sent("POST")) == 3


def test_a_droplet_busy_for_longer_than_wait_timeout_fails_clearly():
    engine, session, clock = droplet_task(state="off", wait_timeout=20)
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    session.on("POST", "/v2/droplets/1/actions", BUSY)
    with pytest.raises(WaitTimeout) as caught:
        engine.run()
    assert str(caught.value).startswith("Timed out after 20s waiting for droplet web-1 (id 1) to accept the "
                                        "power_off action; the API still answers: DigitalOcean API 422")


def test_a_failed_resize_powers_the_droplet_back_on_before_failing():
    engine, session, clock = droplet_task(size="s-2vcpu-2gb", allow_resize_power_cycle=True)
    session.on("GET", "/v2/droplets", listing("droplets", droplet()))
    posted = []

    def answer(request):
        posted.append(request.json["type"])
        status = "errored" if request.json["type"] == "resize" else "completed"
        return reply(201, {"action": action(len(posted), request.json["type"], status)})

    session.on("POST", "/v2/droplets/1/actions", answer)
    with pytest.raises(WaitError, match="resize"):
        engine.run()
    assert posted == ["power_off", "resize", "power_on"]


# -- deletes blocked for a while by dependants --------------------------------------------------------


@pytest.mark.parametrize("spec, module, path, key, obj, refusal", [
    (VPC, "vpc", "/v2/vpcs", "vpcs", {"id": "v1", "name": "app", "region": "nyc3", "default": False},
     error(409, "conflict", "Can not delete VPC with members")),
    (PROJECT, "project", "/v2/projects", "projects", {"id": "p1", "name": "app", "is_default": False},
     error(412, "precondition_failed", "cannot delete a project with resources")),
])
def test_a_delete_refused_while_dependants_let_go_is_sent_again(spec, module, path, key, obj, refusal):
    engine, session, clock = module_engine(spec, module, name="app", region="nyc3", state="absent") \
        if module == "vpc" else module_engine(spec, module, name="app", state="absent")
    session.on("GET", path, listing(key, obj))
    session.on("GET", "%s/%s/%s" % (path, obj["id"], "members" if module == "vpc" else "resources"),
               listing("members" if module == "vpc" else "resources"))
    session.on("DELETE", "%s/%s" % (path, obj["id"]), refusal, refusal, reply(204))
    assert engine.run()["changed"] is True
    assert len(session.sent("DELETE")) == 3


def test_a_certificate_in_use_is_refused_in_the_plan_and_one_just_released_is_deleted_when_the_api_lets_go():
    cert = {"id": CERT_ID, "name": "api", "type": "custom", "state": "verified", "sha1_fingerprint": "ab" * 20}
    engine, session, clock = module_engine(CERTIFICATE, "certificate", name="api", state="absent")
    session.on("GET", "/v2/certificates", listing("certificates", cert))
    session.on("GET", "/v2/load_balancers", listing("load_balancers", {
        "name": "web-lb", "forwarding_rules": [{"certificate_id": CERT_ID}]}))
    with pytest.raises(PlanError, match="load balancer\\(s\\) web-lb use it"):
        engine.run()
    assert session.mutating == []

    engine, session, clock = module_engine(CERTIFICATE, "certificate", name="api", state="absent")
    session.on("GET", "/v2/certificates", listing("certificates", cert))
    session.on("GET", "/v2/load_balancers", listing("load_balancers"))
    session.on("DELETE", "/v2/certificates/" + CERT_ID, error(403, "forbidden", "in use"), reply(204))
    assert engine.run()["changed"] is True


# -- tags are case-insensitive and case-stable -------------------------------------------------------------


def test_tags_that_differ_only_in_case_are_no_change():
    engine, session, clock = droplet_task(tags=["WEB"])
    session.on("GET", "/v2/droplets", listing("droplets", droplet(tags=["web"])))
    assert engine.run()["changed"] is False
    assert session.mutating == []


def test_a_new_tag_is_tagged_with_the_name_the_api_keeps():
    engine, session, clock = droplet_task(tags=["web", "DB"])
    session.on("GET", "/v2/droplets", listing("droplets", droplet(tags=["web"])))
    session.on("POST", "/v2/tags", reply(201, {"tag": {"name": "db"}}))
    session.on("POST", "/v2/tags/db/resources", reply(204))
    session.on("GET", "/v2/droplets/1", reply(200, {"droplet": droplet(tags=["web", "db"])}))
    engine.run()
    assert [(method, path) for method, path, _body in writes(session)] == [
        ("POST", "/v2/tags"), ("POST", "/v2/tags/db/resources")]


# -- one TTL per record set --------------------------------------------------------------------------


def test_records_of_one_name_and_type_with_different_ttls_are_refused_before_any_request():
    engine, session, clock = module_engine(DOMAIN_RECORDS, "domain_records", domain="example.com", records=[
        {"type": "A", "name": "www", "data": "192.0.2.1", "ttl": 300},
        {"type": "A", "name": "www", "data": "192.0.2.2", "ttl": 600}])
    with pytest.raises(PlanError, match="^records\\[0\\] and records\\[1\\] \\(A www\\) ask for different ttl "
                                        "values, 300 and 600"):
        engine.run()
    assert session.requests == []


def test_a_new_record_joins_its_set_with_the_set_s_ttl():
    spec = record_spec("example.com", "A")
    engine, session, clock = module_engine(spec, "domain_record", domain="example.com", type="A", name="www",
                                           data="192.0.2.2")
    path = "/v2/domains/example.com/records"
    session.on("GET", path, listing("domain_records", {"id": 1, "type": "A", "name": "www", "data": "192.0.2.1",
                                                       "ttl": 300}))
    session.on("POST", path, reply(201, {"domain_record": {"id": 2, "type": "A", "name": "www",
                                                           "data": "192.0.2.2", "ttl": 300}}))
    engine.run()
    assert session.sent("POST")[0].json["ttl"] == 300


# -- reserved IPs in projects, null lists, failed firewalls ---------------------------------------------


@pytest.mark.parametrize("given", ["do:reservedip:192.0.2.7", "192.0.2.7", {"kind": "reserved_ip", "id": "192.0.2.7"},
                                   "do:floatingip:192.0.2.7"])
def test_a_reserved_ip_is_sent_and_compared_as_a_floatingip_urn(given):
    engine, session, clock = module_engine(PROJECT_RESOURCES, "project_resources", project=CLUSTER_ID,
                                           resources=[given])
    session.on("GET", "/v2/projects/%s" % CLUSTER_ID, reply(200, {"project": {"id": CLUSTER_ID, "name": "app"}}))
    session.on("GET", "/v2/projects/%s/resources" % CLUSTER_ID, listing("resources", {"urn": "do:floatingip:192.0.2.7"}))
    assert engine.run()["changed"] is False


def test_null_lists_read_as_empty():
    firewall = {"id": "f1", "name": "web", "status": "succeeded", "droplet_ids": None, "tags": None,
                "inbound_rules": [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["0.0.0.0/0"]}}],
                "outbound_rules": []}
    engine, session, clock = module_engine(FIREWALL, "firewall", name="web", droplet_ids=[], tags=[])
    session.on("GET", "/v2/firewalls", listing("firewalls", firewall))
    assert engine.run()["changed"] is False


def test_a_firewall_that_fails_to_apply_fails_the_task_showing_what_is_pending():
    failed = {"id": "f1", "name": "web", "status": "failed", "droplet_ids": [3], "tags": [],
              "inbound_rules": [], "outbound_rules": [],
              "pending_changes": [{"droplet_id": 3, "removing": False, "status": "failed"}]}
    engine, session, clock = module_engine(FIREWALL, "firewall", name="web", droplet_ids=[3], inbound_rules=[
        {"protocol": "tcp", "ports": "22", "sources": {"addresses": ["0.0.0.0/0"]}}])
    session.on("GET", "/v2/firewalls", listing("firewalls"))
    session.on("POST", "/v2/firewalls", reply(202, {"firewall": dict(failed, status="waiting")}))
    session.on("GET", "/v2/firewalls/f1", reply(200, {"firewall": failed}))
    with pytest.raises(WaitError, match="^firewall web \\(id f1\\) failed to apply its rules; pending changes: "
                                        "droplet 3: failed$"):
        engine.run()


# -- database clusters ---------------------------------------------------------------------------------


def cluster(status="online", size="db-s-1vcpu-2gb", window=None):
    return {"id": CLUSTER_ID, "name": "backend", "engine": "pg", "version": "16", "size": size, "num_nodes": 1,
            "region": "nyc3", "status": status, "tags": None, "maintenance_window": window}


def test_the_maintenance_window_is_sent_once_the_cluster_is_online():
    engine, session, clock = module_engine(
        DATABASE_CLUSTER, "database_cluster", name="backend", engine="pg", version="16", size="db-s-1vcpu-2gb",
        num_nodes=1, region="nyc3", maintenance_window={"day": "Sunday", "hour": "03:00"})
    session.on("GET", "/v2/databases", listing("databases"))
    session.on("POST", "/v2/databases", reply(201, {"database": cluster(status="creating")}))
    session.on("GET", "/v2/databases/" + CLUSTER_ID, NOT_FOUND, reply(200, {"database": cluster(status="creating")}),
               reply(200, {"database": cluster()}))
    session.on("PUT", "/v2/databases/%s/maintenance" % CLUSTER_ID, reply(204))
    engine.run()
    assert session.calls[-1] == "PUT /v2/databases/%s/maintenance" % CLUSTER_ID
    assert session.calls.count("GET /v2/databases/" + CLUSTER_ID) == 3


def test_a_resize_is_waited_for_even_when_the_cluster_still_reads_online_right_after_the_request():
    engine, session, clock = module_engine(DATABASE_CLUSTER, "database_cluster", name="backend",
                                           size="db-s-2vcpu-4gb")
    session.on("GET", "/v2/databases", listing("databases", cluster()))
    session.on("PUT", "/v2/databases/%s/resize" % CLUSTER_ID, reply(202))
    session.on("GET", "/v2/databases/" + CLUSTER_ID, reply(200, {"database": cluster()}),
               reply(200, {"database": cluster(status="resizing")}),
               reply(200, {"database": cluster(size="db-s-2vcpu-4gb")}))
    result = engine.run()
    assert result["database_cluster"]["size"] == "db-s-2vcpu-4gb"
    # Online with the old size, resizing, then online with the new size: the last read is the result.
    assert session.calls.count("GET /v2/databases/" + CLUSTER_ID) == 3


def test_clusters_and_apps_wait_longer_by_default():
    for name in ("database_cluster", "app"):
        source = (Path(__file__).resolve().parents[4] / "plugins" / "modules" / ("%s.py" % name)).read_text()
        assert "wait_timeout=1800" in source and "default: 1800" in source, name


# -- certificates a load balancer names ------------------------------------------------------------------


def test_a_load_balancer_may_name_its_certificate_and_is_sent_the_id():
    rule = {"entry_protocol": "https", "entry_port": 443, "target_protocol": "http", "target_port": 80,
            "certificate_id": "api-cert"}
    engine, session, clock = module_engine(LOAD_BALANCER, "load_balancer", name="web-lb", region="nyc3",
                                           forwarding_rules=[rule], droplet_ids=[1])
    session.on("GET", "/v2/certificates", listing("certificates", {"id": CERT_ID, "name": "api-cert"}))
    session.on("GET", "/v2/load_balancers", listing("load_balancers"))
    session.on("POST", "/v2/load_balancers", reply(202, {"load_balancer": {"id": "lb1", "name": "web-lb",
                                                                           "status": "active"}}))
    engine.run()
    assert session.requests[0].params == {"name": "api-cert", "per_page": 200}
    assert session.sent("POST")[0].json["forwarding_rules"][0]["certificate_id"] == CERT_ID


def test_an_unknown_certificate_name_is_an_error_naming_the_option():
    rule = {"entry_protocol": "https", "entry_port": 443, "target_protocol": "http", "target_port": 80,
            "certificate_id": "nope"}
    engine, session, clock = module_engine(LOAD_BALANCER, "load_balancer", name="web-lb", region="nyc3",
                                           forwarding_rules=[rule])
    session.on("GET", "/v2/certificates", listing("certificates"))
    with pytest.raises(PlanError, match="^forwarding_rules\\[0\\].certificate_id: no certificate is named nope"):
        engine.run()
    assert session.mutating == []
