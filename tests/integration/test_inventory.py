"""The fathom.digitalocean.droplets inventory plugin through ansible-inventory against the simulator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, ansible_env

PLUGIN = "fathom.digitalocean.droplets"


def plain(value):
    """ansible-inventory marks API strings as unsafe ({"__ansible_unsafe": "x"}); compare the values."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


class Inventory:
    def __init__(self, completed):
        self.returncode = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr
        try:
            self.data = plain(json.loads(completed.stdout)) if completed.returncode == 0 else {}
        except ValueError:  # --graph
            self.data = {}

    @property
    def hostvars(self):
        return self.data.get("_meta", {}).get("hostvars", {})

    @property
    def hosts(self):
        return sorted(self.hostvars)

    def group(self, name):
        return sorted(self.data.get(name, {}).get("hosts", []))


@pytest.fixture
def inventory(simulator, tmp_path):
    """inventory(config, name='test.droplets.yml', env=None) runs ansible-inventory --list."""

    def run(config, name="test.droplets.yml", env=None, args=("--list",)):
        path = tmp_path / name
        path.write_text(yaml.safe_dump(dict({"plugin": PLUGIN}, **config), sort_keys=False))
        command = [str(Path(sys.executable).parent / "ansible-inventory"), "-i", str(path)] + list(args)
        completed = subprocess.run(command, cwd=str(REPO), env=ansible_env(simulator, env), capture_output=True,
                                   text=True, timeout=300, check=False)
        return Inventory(completed)

    return run


def list_requests(simulator, path="/v2/droplets"):
    return [r for r in simulator.requests() if r["path"] == path]


def test_default_hostvars_groups_and_one_request(simulator, inventory):
    simulator.seed(count=2, tags=["web", "prod"], name_prefix="web", region="nyc3")
    simulator.seed(count=1, tags=["db"], name_prefix="db", region="sfo3", size="s-2vcpu-4gb", ipv6=True)
    inv = inventory({})
    assert inv.returncode == 0, inv.stderr
    assert inv.hosts == ["db-1", "web-1", "web-2"]
    db = inv.hostvars["db-1"]
    assert db["do_region"] == "sfo3"
    assert db["do_size"] == "s-2vcpu-4gb"
    assert db["do_image"] == "ubuntu-24-04-x64"
    assert db["do_distribution"] == "Ubuntu"
    assert db["do_status"] == "active"
    assert db["do_tags"] == ["db"]
    assert db["do_ipv6"] and db["do_public_ipv4"] and db["do_private_ipv4"]
    assert db["ansible_host"] == db["do_public_ipv4"]
    assert set(db) >= {"do_id", "do_name", "do_vpc_uuid", "do_memory", "do_vcpus", "do_disk", "do_created_at"}
    assert "do_networks" not in db and "tags" not in db
    assert inv.group("region_nyc3") == ["web-1", "web-2"]
    assert inv.group("region_sfo3") == ["db-1"]
    assert inv.group("tag_prod") == ["web-1", "web-2"]
    assert inv.group("tag_db") == ["db-1"]
    assert inv.group("size_s_2vcpu_4gb") == ["db-1"]
    assert inv.group("status_active") == ["db-1", "web-1", "web-2"]
    requests = simulator.requests()
    assert [(r["method"], r["path"]) for r in requests] == [("GET", "/v2/droplets")]
    assert requests[0]["query"].get("per_page") in ("200", ["200"])


def test_compose_groups_keyed_groups_and_client_filters(simulator, inventory):
    simulator.seed(count=2, tags=["web"], name_prefix="web", region="nyc3")
    simulator.seed(count=2, tags=["db"], name_prefix="db", region="sfo3")
    inv = inventory({
        "filters": ["'web' in do_tags or do_name == 'db-2'"],
        "compose": {"ansible_user": "'admin'", "short": "do_name | replace('-', '')"},
        "groups": {"webservers": "'web' in do_tags"},
        "keyed_groups": [{"key": "do_distribution | lower", "prefix": "os"}],
        "default_groups": [],
        "attributes": ["id", "name", "tags", "distribution", "networks"],
        "var_prefix": "dig_",
        "ansible_host_preference": ["private_ipv4"],
    })
    assert inv.returncode == 0, inv.stderr
    # var_prefix applies: the filter written for do_ sees no do_ vars, so use the new prefix below
    assert inv.hosts == []
    inv = inventory({
        "filters": ["'web' in dig_tags or dig_name == 'db-2'"],
        "compose": {"ansible_user": "'admin'", "short": "dig_name | replace('-', '')"},
        "groups": {"webservers": "'web' in dig_tags"},
        "keyed_groups": [{"key": "dig_distribution | lower", "prefix": "os"}],
        "default_groups": [],
        "attributes": ["id", "name", "tags", "distribution", "networks"],
        "var_prefix": "dig_",
        "ansible_host_preference": ["private_ipv4"],
    })
    assert inv.returncode == 0, inv.stderr
    assert inv.hosts == ["db-2", "web-1", "web-2"]
    web = inv.hostvars["web-1"]
    assert web["ansible_user"] == "admin" and web["short"] == "web1"
    assert set(web) == {"dig_id", "dig_name", "dig_tags", "dig_distribution", "dig_networks",
                        "ansible_host", "ansible_user", "short"}
    assert web["ansible_host"].startswith("10.")
    assert inv.group("webservers") == ["web-1", "web-2"]
    assert inv.group("os_ubuntu") == ["db-2", "web-1", "web-2"]
    assert "region_nyc3" not in inv.data


def test_attributes_all(simulator, inventory):
    simulator.seed(count=1)
    inv = inventory({"attributes": "all", "default_groups": ["region"]})
    assert inv.returncode == 0, inv.stderr
    host = inv.hostvars["seed-1"]
    assert host["do_region"] == "nyc3"
    assert host["do_region_info"]["slug"] == "nyc3"
    assert host["do_size_info"]["slug"] == "s-1vcpu-1gb"
    assert "v4" in host["do_networks"]
    assert "do_features" in host and "do_volume_ids" in host


def test_server_side_filters(simulator, inventory):
    simulator.seed(count=3, tags=["web"], name_prefix="web")
    simulator.seed(count=2, tags=["db"], name_prefix="db")
    inv = inventory({"api_filters": {"tag_name": "web"}})
    assert inv.hosts == ["web-1", "web-2", "web-3"]
    assert list_requests(simulator)[-1]["query"]["tag_name"] in ("web", ["web"])
    simulator.clear_requests()
    inv = inventory({"api_filters": {"name": "db-2"}})
    assert inv.hosts == ["db-2"]
    assert list_requests(simulator)[-1]["query"]["name"] in ("db-2", ["db-2"])
    simulator.clear_requests()
    # The API cannot combine name and tag_name: the tag filters server-side, the name client-side.
    inv = inventory({"api_filters": {"tag_name": "web", "name": "WEB-3"}})
    assert inv.hosts == ["web-3"]
    query = list_requests(simulator)[-1]["query"]
    assert "name" not in query and query["tag_name"] in ("web", ["web"])


def test_duplicate_names_become_distinct_hosts_with_a_warning(simulator, inventory):
    first = simulator.seed(count=2, name_prefix="web")
    second = simulator.seed(count=1, name_prefix="web", region="sfo3")
    inv = inventory({})
    assert inv.returncode == 0, inv.stderr
    assert inv.hosts == sorted(["web-1_%d" % first[0], "web-1_%d" % second[0], "web-2"])
    assert "web-1" in inv.stderr and "share the hostname" in inv.stderr
    assert inv.hostvars["web-1_%d" % second[0]]["do_region"] == "sfo3"


def test_hostname_preferences(simulator, inventory):
    ids = simulator.seed(count=2, name_prefix="app")
    inv = inventory({"hostnames": ["do_name ~ '.example.com'"]})
    assert inv.hosts == ["app-1.example.com", "app-2.example.com"]
    inv = inventory({"hostnames": ["id"]})
    assert inv.hosts == sorted(str(i) for i in ids)
    inv = inventory({"hostnames": ["ipv6", "private_ipv4"]})  # no IPv6: falls through
    assert all(host.startswith("10.") for host in inv.hosts) and len(inv.hosts) == 2


def _project(simulator, name, droplet_ids):
    status, body = simulator.api("POST", "/v2/projects", json={"name": name, "purpose": "Web Application"})
    assert status == 201, body
    project_id = body["project"]["id"]
    status, body = simulator.api("POST", "/v2/projects/%s/resources" % project_id,
                                 json={"resources": ["do:droplet:%d" % i for i in droplet_ids]})
    assert status == 200, body
    return project_id


def test_project_filter_by_name_and_id(simulator, inventory):
    prod = simulator.seed(count=3, name_prefix="prod")
    simulator.seed(count=250, name_prefix="other")
    project_id = _project(simulator, "production", prod[:2])
    simulator.clear_requests()
    inv = inventory({"api_filters": {"project": "production"}})
    assert inv.returncode == 0, inv.stderr
    assert inv.hosts == ["prod-1", "prod-2"]
    paths = [r["path"] for r in simulator.requests()]
    assert paths.count("/v2/projects") == 1
    assert paths.count("/v2/projects/%s/resources" % project_id) == 1
    assert paths.count("/v2/droplets") == 2  # ceil(253 / 200)
    assert len(paths) == 4
    simulator.clear_requests()
    inv = inventory({"api_filters": {"project": project_id, "tag_name": "none-such"}})
    assert inv.returncode == 0, inv.stderr and inv.hosts == []
    inv = inventory({"api_filters": {"project": project_id}})
    assert inv.hosts == ["prod-1", "prod-2"]
    inv = inventory({"api_filters": {"project": "nope"}}, env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "1"})
    assert inv.returncode != 0
    assert "no project named 'nope'" in inv.stderr and "production" in inv.stderr


def test_cache_hit_sends_no_request(simulator, inventory, tmp_path):
    simulator.seed(count=230, tags=["web"])
    config = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile",
              "cache_connection": str(tmp_path / "cache"), "cache_timeout": 3600}
    first = inventory(config)
    assert first.returncode == 0, first.stderr
    assert len(simulator.requests()) == 2
    simulator.clear_requests()
    second = inventory(config)
    assert second.returncode == 0, second.stderr
    assert simulator.requests() == []
    assert second.data == first.data and len(second.hosts) == 230
    # --flush-cache refreshes it; changing the server-side filters never serves the old answer.
    flushed = inventory(config, args=("--list", "--flush-cache"))
    assert flushed.data == first.data and len(simulator.requests()) == 2
    simulator.clear_requests()
    filtered = inventory(dict(config, api_filters={"name": "seed-7"}))
    assert filtered.hosts == ["seed-7"] and len(simulator.requests()) == 1


@pytest.mark.parametrize("count, pages", [(1, 1), (200, 1), (201, 2), (5000, 25)])
def test_request_count_is_ceil_n_over_200(simulator, inventory, count, pages):
    simulator.config(rate_limit_per_minute=0)
    simulator.seed(count=count, name_prefix="n")
    # --graph: the same parse without dumping every host's variables as JSON.
    inv = inventory({"default_groups": []}, args=("--graph",))
    assert inv.returncode == 0, inv.stderr
    assert len([line for line in inv.stdout.splitlines() if "--n-" in line]) == count
    requests = simulator.requests()
    assert len(requests) == pages
    assert all(r["path"] == "/v2/droplets" and r["status"] == 200 for r in requests)


def test_concurrent_pages_match_a_sequential_fetch_under_latency_and_faults(simulator, inventory):
    simulator.config(rate_limit_per_minute=0)
    simulator.seed(count=1000, tags=["web"], name_prefix="f")
    sequential = inventory({"concurrency": 1, "default_groups": []})
    assert sequential.returncode == 0, sequential.stderr
    simulator.faults(latency_ms=100, rate=0.3, statuses=[500, 503], path_regex="^/v2/droplets$", seed=7)
    simulator.clear_requests()
    concurrent = inventory({"concurrency": 4, "default_groups": [], "api_retry_max_delay": 1})
    assert concurrent.returncode == 0, concurrent.stderr
    assert concurrent.data == sequential.data
    log = simulator.requests()
    assert sorted(r["status"] for r in log if r["status"] != 200)  # faults did happen and were retried
    assert len([r for r in log if r["status"] == 200]) == 5


# -- errors ----------------------------------------------------------------------------------------

def _failed(inv):
    assert "Traceback" not in inv.stderr
    assert inv.hosts == []


def test_wrong_token_is_a_clear_parse_error(simulator, inventory):
    simulator.seed(count=3)
    inv = inventory({"token": "dop_v1_bogus_SECRET_0042"})
    _failed(inv)
    assert "401" in inv.stderr and "unauthorized" in inv.stderr and "check the token" in inv.stderr
    assert "SECRET_0042" not in inv.stderr
    strict = inventory({"token": "dop_v1_bogus_SECRET_0042"}, env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "1"})
    assert strict.returncode != 0 and "Traceback" not in strict.stderr


def test_templated_token_and_api_url(simulator, inventory):
    simulator.seed(count=1)
    inv = inventory({"token": "{{ lookup('env', 'MY_DO_TOKEN') }}", "api_url": "{{ lookup('env', 'MY_DO_URL') }}"},
                    env={"MY_DO_TOKEN": simulator.token, "MY_DO_URL": simulator.url + "/v2",
                         "DIGITALOCEAN_ACCESS_TOKEN": "", "DIGITALOCEAN_API_URL": "https://invalid.example"})
    assert inv.returncode == 0, inv.stderr
    assert inv.hosts == ["seed-1"]


def test_unreachable_api_is_a_clear_parse_error(simulator, inventory):
    inv = inventory({"api_url": "http://127.0.0.1:9", "api_retries": 1, "api_retry_max_delay": 1, "timeout": 2},
                    env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "1"})
    assert inv.returncode != 0
    _failed(inv)
    assert "Could not reach the DigitalOcean API at http://127.0.0.1:9" in inv.stderr


def test_server_errors_on_a_later_page_leave_no_partial_inventory(simulator, inventory):
    simulator.config(rate_limit_per_minute=0)
    simulator.seed(count=700)
    simulator.faults(rate=1.0, statuses=[500], path_regex="^/v2/droplets$", methods=["GET"])
    inv = inventory({"api_retries": 1, "api_retry_max_delay": 1})
    _failed(inv)
    assert "500" in inv.stderr and "Could not list the Droplets" in inv.stderr


@pytest.mark.parametrize("config, message", [
    ({"concurrency": 0}, "concurrency must be an integer from 1 to 10"),
    ({"api_filters": {"region": "nyc3"}}, "unknown filter(s) region"),
    ({"attributes": "some"}, "attributes must be 'default', 'all' or a list"),
    ({"default_groups": ["color"]}, "default_groups"),
    ({"ansible_host_preference": ["floating"]}, "ansible_host_preference"),
])
def test_bad_options_fail_before_any_request(simulator, inventory, config, message):
    inv = inventory(config, env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "1"})
    assert inv.returncode != 0
    assert message in inv.stderr, inv.stderr
    assert "Traceback" not in inv.stderr
    assert simulator.requests() == []


def test_file_name_must_match(simulator, inventory):
    simulator.seed(count=1)
    inv = inventory({}, name="inventory.yml")
    assert inv.hosts == []
    assert inventory({}, name="prod.do.yml").hosts == ["seed-1"]


def test_a_name_filter_matches_alike_with_or_without_tag_name(simulator, inventory):
    simulator.seed(count=3, tags=["web"], name_prefix="web")
    for filters in ({"name": "WEB-2"}, {"name": "WEB-2", "tag_name": "web"}):
        assert inventory({"api_filters": filters}).hosts == ["web-2"], filters
    for filters in ({"name": "web-2"}, {"name": "web-2", "tag_name": "web"}):
        assert inventory({"api_filters": filters}).hosts == ["web-2"], filters
    # An exact name is found with one request, as before.
    simulator.clear_requests()
    inventory({"api_filters": {"name": "web-2"}})
    assert len(list_requests(simulator)) == 1
