"""The drift_report callback over a --check --diff run against the simulator."""

from __future__ import annotations

import json

WEB = {"name": "web-1", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64"}


def report_env(tmp_path, **extra):
    env = {
        "ANSIBLE_CALLBACKS_ENABLED": "result_capture,fathom.digitalocean.drift_report",
        "DRIFT_REPORT_DIR": str(tmp_path / "report"),
    }
    env.update(extra)
    return env


def desired_tasks(user_data):
    return [
        {"name": "web droplet", "fathom.digitalocean.droplet": {**WEB, "size": "s-2vcpu-2gb",
                                                                "allow_resize_power_cycle": True}},
        {"name": "data volume", "fathom.digitalocean.volume": {"name": "data-1", "region": "nyc3",
                                                               "size_gigabytes": 10}},
        {"name": "old tag", "fathom.digitalocean.tag": {"name": "legacy", "state": "absent"}},
        {"name": "kept tag", "fathom.digitalocean.tag": {"name": "web"}},
        {"name": "secret droplet", "fathom.digitalocean.droplet": {**WEB, "name": "worker-1",
                                                                   "user_data": user_data}},
        {"name": "not ours", "ansible.builtin.debug": {"msg": "ignored by the report"}},
    ]


def test_check_run_reports_exactly_the_drift(simulator, playbook, tmp_path):
    setup = playbook([
        {"name": "web", "fathom.digitalocean.droplet": WEB},
        {"name": "legacy", "fathom.digitalocean.tag": {"name": "legacy"}},
        {"name": "kept", "fathom.digitalocean.tag": {"name": "web"}},
    ])
    assert setup.returncode == 0, setup.stdout
    simulator.clear_requests()

    secret = "#cloud-config\nchpasswd: hunter2-drift\n"
    run = playbook(desired_tasks(secret), check=True, diff=True, env=report_env(tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    assert simulator.mutating_requests() == []

    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    assert report["version"] == 1
    by_task = {resource["task"]: resource for resource in report["resources"]}
    assert set(by_task) == {"web droplet", "data volume", "old tag", "kept tag", "secret droplet"}
    assert by_task["web droplet"]["action"] == "update"
    assert by_task["web droplet"]["changes"] == {"size": {"before": "s-1vcpu-1gb", "after": "s-2vcpu-2gb"}}
    assert by_task["web droplet"]["identity"] == {"name": "web-1", "region": "nyc3"}
    assert by_task["data volume"]["action"] == "create"
    assert by_task["old tag"]["action"] == "delete"
    assert by_task["kept tag"]["action"] == "none"
    assert by_task["secret droplet"]["changes"]["user_data"]["after"] == "(sensitive)"
    assert report["summary"] == {"create": 2, "update": 1, "replace": 0, "delete": 1, "unknown": 0, "none": 1,
                                 "total": 5, "drift": 4}

    markdown = (tmp_path / "report" / "drift.md").read_text()
    assert markdown.rstrip().splitlines()[-1] == "Drift: 2 to create, 1 to change, 1 to delete (1 resources in sync)"
    assert '~ size: "s-1vcpu-1gb" -> "s-2vcpu-2gb"' in markdown
    page = (tmp_path / "report" / "drift.html").read_text()
    assert page.count("<tr class=") == 5
    assert "http://" not in page.replace("http://www.w3.org", "") and "<script src" not in page
    assert "Drift: 2 to create, 1 to change, 1 to delete (1 resources in sync)" in run.stdout

    everything = markdown + page + json.dumps(report) + run.stdout + run.stderr
    assert "hunter2-drift" not in everything


def test_fail_on_drift_sets_exit_status_2(simulator, playbook, tmp_path):
    drift = playbook([{"name": "tag", "fathom.digitalocean.tag": {"name": "missing"}}], check=True,
                     env=report_env(tmp_path, DRIFT_REPORT_FAIL_ON_DRIFT="1"))
    assert drift.returncode == 2
    assert "Drift: 1 to create" in drift.stdout
    assert playbook([{"name": "tag", "fathom.digitalocean.tag": {"name": "missing"}}]).returncode == 0
    in_sync = playbook([{"name": "tag", "fathom.digitalocean.tag": {"name": "missing"}}], check=True,
                       env=report_env(tmp_path, DRIFT_REPORT_FAIL_ON_DRIFT="1"))
    assert in_sync.returncode == 0
    assert "Drift: 0 to create, 0 to change, 0 to delete (1 resources in sync)" in in_sync.stdout
