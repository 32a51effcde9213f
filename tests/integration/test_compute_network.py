"""Compute and network resources through ansible-playbook against the simulator: the secrets of
this family (an autoscale pool's user data, a functions access key's secret, a BYOIP signature)
kept out of every output at -v with --diff, and a second run that changes nothing and sends no
mutating request."""

from __future__ import annotations

from tests.helpers import mutations

USER_DATA = "#cloud-config\npassword: pool-user-data-SECRET-71c2\n"
SIGNATURE = "byoip-signature-SECRET-5e0a"


def tasks():
    return [
        {"name": "namespace", "fathom.digitalocean.function_namespace": {"label": "reports", "region": "nyc1"}},
        {"name": "key", "fathom.digitalocean.function_key": {"namespace": "reports", "name": "ci"}},
        {"name": "pool", "fathom.digitalocean.droplet_autoscale_pool": {
            "name": "web", "config": {"target_number_instances": 1},
            "droplet_template": {"region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-24-04-x64",
                                 "user_data": USER_DATA}}},
        {"name": "prefix", "fathom.digitalocean.byoip_prefix": {"prefix": "198.51.100.0/24", "region": "nyc3",
                                                                "signature": SIGNATURE}},
    ]


def test_secrets_stay_out_of_the_output_and_a_rerun_changes_nothing(simulator, playbook):
    first = playbook(tasks(), diff=True, verbosity=1)
    assert first.returncode == 0, first.stdout + first.stderr
    assert [record["task"] for record in first.changed] == ["namespace", "key", "pool", "prefix"]
    namespace = simulator.api("GET", "/v2/functions/namespaces")[1]["namespaces"][0]["namespace"]
    keys = simulator.api("GET", "/v2/functions/namespaces/%s/keys" % namespace)[1]["access_keys"]
    assert [k["name"] for k in keys] == ["ci"]
    secret = first.result("key")["function_key"]["secret"]
    output = first.stdout + first.stderr
    for value in (USER_DATA.strip().splitlines()[1], SIGNATURE):
        assert value.split(": ")[-1] not in output
    # What Ansible keeps of the key's secret and the pool's user data is masked.
    assert secret and not secret.startswith("dof_v1_secret_")
    assert "SECRET-71c2" not in str(first.result("pool"))
    assert SIGNATURE not in str(first.result("prefix"))

    simulator.clear_requests()
    second = playbook(tasks(), diff=True)
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.changed == [] and mutations(simulator) == []
