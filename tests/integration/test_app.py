"""app and app_info through ansible-playbook against the simulator."""

from __future__ import annotations

import json
import time

import yaml

from tests.helpers import mutations

IMAGE = {"registry_type": "DOCKER_HUB", "registry": "library", "repository": "nginx"}


def app_spec(**changes):
    spec = {
        "name": "web-app",
        "disable_edge_cache": False,
        "services": [{"name": "api", "image": dict(IMAGE),
                      "envs": [{"key": "MODE", "value": "prod"},
                               {"key": "TOKEN", "value": "very-secret-value", "type": "SECRET"}]}],
        "workers": [{"name": "queue", "image": dict(IMAGE), "run_command": "work"}],
    }
    spec.update(changes)
    return spec


def app_task(task="app", **options):
    return {"name": task, "fathom.digitalocean.app": dict(options)}


def create_app(simulator, spec):
    """Create an app straight through the API (test setup) and wait for its first deployment."""
    response = simulator.http.post(simulator.url + "/v2/apps", json={"spec": spec}, timeout=60, headers={
        "Authorization": "Bearer %s" % simulator.token, "Accept": "application/json"})
    assert response.status_code == 200, response.text
    app = response.json()["app"]
    simulator.settle()
    deadline = time.time() + 10
    while time.time() < deadline:
        status, body = simulator.api("GET", "/v2/apps/%s" % app["id"])
        if body["app"].get("active_deployment"):
            return body["app"]
        time.sleep(0.2)
    raise AssertionError("the app's first deployment did not become active")


def stored_apps(simulator):
    status, body = simulator.api("GET", "/v2/apps")
    assert status == 200, body
    return body["apps"]


def test_create_noop_update_and_check_mode(simulator, playbook):
    run = playbook([app_task(spec=app_spec())])
    assert run.returncode == 0, run.stdout
    result = run.result("app")
    assert result["changed"] is True and result["plan"]["action"] == "create"
    assert result["deployment"]["phase"] == "ACTIVE"
    assert result["live_url"].startswith("https://web-app-") and result["live_url"] == result["app"]["live_url"]
    assert result["app"]["active_deployment"]["id"] == result["deployment"]["id"]
    # The secret never reaches the output; the plan shows it as sensitive.
    assert "very-secret-value" not in run.stdout + json.dumps(run.records)
    assert result["plan"]["changes"]["spec"]["after"]["services"][0]["envs"][1]["value"] == "(sensitive)"
    [stored] = stored_apps(simulator)
    # The API added defaults that the task never set.
    service = stored["spec"]["services"][0]
    assert service["instance_count"] == 1 and service["http_port"] == 8080 and stored["spec"]["region"] == "nyc"
    assert service["envs"][1]["value"].startswith("EV[")

    simulator.clear_requests()
    again = playbook([app_task(spec=app_spec())])
    assert again.result("app")["changed"] is False, again.result("app")["plan"]
    assert simulator.mutating_requests() == []
    assert [(e["method"], e["path"]) for e in simulator.requests()] == [("GET", "/v2/apps")]
    assert again.result("app")["deployment"]["id"] == result["deployment"]["id"]

    # Check mode with diff: the plan names the change, shows the live spec limited to the keys
    # the task sets, and sends nothing.
    bigger = app_spec(services=[dict(app_spec()["services"][0], instance_count=3)])
    check = playbook([app_task(spec=bigger)], check=True, diff=True)
    planned = check.result("app")
    assert planned["changed"] is True and planned["plan"]["action"] == "update"
    change = planned["plan"]["changes"]["spec"]
    assert change["via"] == "PUT"
    assert change["before"]["services"][0]["instance_count"] == 1
    assert change["after"]["services"][0]["instance_count"] == 3
    assert "instance_size_slug" not in change["before"]["services"][0]
    assert planned["diff"]["before"]["spec"]["services"][0]["instance_count"] == 1
    assert planned["diff"]["after"]["spec"]["services"][0]["instance_count"] == 3
    assert simulator.mutating_requests() == []

    simulator.clear_requests()
    updated = playbook([app_task(spec=bigger)])
    assert updated.returncode == 0, updated.stdout
    result = updated.result("app")
    assert result["changed"] is True
    assert result["deployment"]["phase"] == "ACTIVE"
    assert result["deployment"]["id"] == result["app"]["active_deployment"]["id"]
    assert result["app"]["spec"]["services"][0]["instance_count"] == 3
    assert mutations(simulator) == [("PUT", "/v2/apps/%s" % result["app"]["id"])]
    # The task waited for the deployment the PUT started.
    polls = [e for e in simulator.requests() if "/deployments/" in e["path"]]
    assert polls and all(e["path"].endswith(result["deployment"]["id"]) for e in polls)

    simulator.clear_requests()
    assert playbook([app_task(spec=bigger)]).result("app")["changed"] is False
    assert simulator.mutating_requests() == []


def test_removed_component_is_a_change(simulator, playbook):
    create_app(simulator, app_spec())
    without_worker = app_spec()
    del without_worker["workers"][0]
    simulator.clear_requests()
    check = playbook([app_task(spec=without_worker)], check=True, diff=True)
    change = check.result("app")["plan"]["changes"]["spec"]
    assert change["before"]["workers"][0]["name"] == "queue" and change["after"]["workers"] == []
    assert simulator.mutating_requests() == []
    run = playbook([app_task(spec=without_worker)])
    assert run.result("app")["changed"] is True
    assert "workers" not in stored_apps(simulator)[0]["spec"]


def test_spec_file_force_deploy_and_delete(simulator, playbook, tmp_path):
    spec_file = tmp_path / "app.yaml"
    spec_file.write_text(yaml.safe_dump({"spec": app_spec(name="file-app")}))
    created = playbook([app_task(spec_file=str(spec_file))])
    assert created.returncode == 0, created.stdout
    first = created.result("app")["deployment"]["id"]

    simulator.clear_requests()
    forced = playbook([app_task(spec_file=str(spec_file), force_deploy=True)])
    result = forced.result("app")
    assert result["changed"] is True
    assert result["plan"]["changes"] == {"deployment": {
        "before": first, "after": "(new deployment)", "via": "POST /v2/apps/{id}/deployments"}}
    assert result["deployment"]["phase"] == "ACTIVE" and result["deployment"]["id"] != first
    app_id = result["app"]["id"]
    assert mutations(simulator) == [("POST", "/v2/apps/%s/deployments" % app_id)]

    simulator.clear_requests()
    check = playbook([app_task(spec_file=str(spec_file), force_deploy=True)], check=True)
    assert check.result("app")["changed"] is True
    assert simulator.mutating_requests() == []

    gone = playbook([app_task(spec={"name": "file-app"}, state="absent"),
                     app_task(task="again", spec={"name": "file-app"}, state="absent")])
    assert gone.result("app")["plan"]["action"] == "delete"
    assert gone.result("again")["changed"] is False
    assert stored_apps(simulator) == []
    assert mutations(simulator) == [("DELETE", "/v2/apps/%s" % app_id)]


def test_failed_deployment_reports_its_id_and_step(simulator, playbook):
    create_app(simulator, app_spec())
    broken = app_spec(workers=[{"name": "queue", "image": dict(IMAGE), "run_command": "exit 1"}])
    # The same failure when the first deployment of a new app fails (an env var switch).
    env_fail = app_spec(name="env-fail", envs=[{"key": "SIM_FAIL_DEPLOY", "value": "1"}])
    run = playbook([dict(app_task(spec=broken), ignore_errors=True),
                    dict(app_task(task="new", spec=env_fail), ignore_errors=True)])
    assert run.status("app") == "failed" and run.status("new") == "failed"
    result = run.result("app")
    deployment = result["failure"]["deployment"]
    assert deployment["phase"] == "ERROR"
    assert result["msg"].startswith("app %s (id " % broken["name"])
    assert result["msg"].endswith(
        "App Platform deployment %s ended in phase ERROR, failing at step wait of component queue: "
        "[DeployContainerExitNonZero] Your deploy failed because your container exited with a "
        "non-zero exit code." % deployment["id"])
    assert "ended in phase ERROR, failing at step wait of component api" in run.result("new")["msg"]


def test_bad_input_fails_before_any_request(simulator, playbook, tmp_path):
    bad_file = tmp_path / "bad.yaml"
    bad_file.write_text("- just\n- a list\n")
    run = playbook([
        dict(app_task(task="not a dict", spec=["name", "web-app"]), ignore_errors=True),
        dict(app_task(task="no name", spec={"region": "nyc"}), ignore_errors=True),
        dict(app_task(task="bad file", spec_file=str(bad_file)), ignore_errors=True),
        dict(app_task(task="missing file", spec_file=str(tmp_path / "nope.yaml")), ignore_errors=True),
        dict(app_task(task="both", spec=app_spec(), spec_file=str(bad_file)), ignore_errors=True),
    ])
    assert len(run.failed) == 5
    assert run.result("not a dict")["msg"].startswith("spec must be a dict")
    assert "spec.name is required" in run.result("no name")["msg"]
    assert "must hold an app spec" in run.result("bad file")["msg"]
    assert "cannot be read" in run.result("missing file")["msg"]
    assert "mutually exclusive" in run.result("both")["msg"]
    assert simulator.requests() == []


def test_app_info(simulator, playbook):
    create_app(simulator, app_spec())
    other = create_app(simulator, app_spec(name="other-app"))
    run = playbook([
        {"name": "all", "fathom.digitalocean.app_info": {}},
        {"name": "one", "fathom.digitalocean.app_info": {"name": "other-app"}},
        {"name": "id", "fathom.digitalocean.app_info": {"id": other["id"]}},
    ])
    assert len(run.result("all")["apps"]) == 2
    assert [a["spec"]["name"] for a in run.result("one")["apps"]] == ["other-app"]
    assert run.result("one")["changed"] is False
    assert [a["id"] for a in run.result("id")["apps"]] == [other["id"]]
