"""The realism and strict settings: defaults, presets, reset, the command line and the clock."""
import pytest
import requests

from tests.simulator import realism
from tests.simulator.__main__ import parse
from tests.simulator.server import DEFAULT_CONFIG, Simulator

# knob -> its value for users (Simulator() / the command line without flags)
USER_DEFAULTS = {
    "consistency_seconds": 2.0,
    "busy_droplets": True,
    "busy_after_seconds": 2.0,
    "ipv4_delay_seconds": 2.0,
    "dependant_errors": True,
    "dependant_release_seconds": 3.0,
    "case_insensitive_tags": True,
    "record_set_ttl": True,
    "reserved_ip_projects": True,
    "null_empty_lists": True,
    "firewall_apply_seconds": 2.0,
    "database_create_seconds": 6.0,
    "database_transition_delay_seconds": 1.0,
    "special_rate_limits": True,
}
OFF = {"consistency_seconds": 0.0, "busy_droplets": False, "busy_after_seconds": 0.0,
       "ipv4_delay_seconds": 0.0, "dependant_errors": False, "dependant_release_seconds": 0.0,
       "case_insensitive_tags": False, "record_set_ttl": False, "reserved_ip_projects": False,
       "null_empty_lists": False, "firewall_apply_seconds": 0.0, "database_create_seconds": None,
       "database_transition_delay_seconds": 0.0, "special_rate_limits": False}


def test_every_knob_is_tested_here():
    assert set(USER_DEFAULTS) == set(realism.KNOBS) == set(OFF)


def test_users_get_realism_on_and_strict_off():
    sim = Simulator(port=0, token="t")          # not started: only its configuration
    assert sim.config["realism"] is True and sim.config["strict"] is False
    for key, value in USER_DEFAULTS.items():
        assert sim.config[key] == value, key
    assert DEFAULT_CONFIG == sim.config
    assert sim.config["action_seconds"] == 0.5 and sim.config["boot_seconds"] == 1.0


def test_constructor_presets_and_knobs():
    off = Simulator(realism=False, strict=True).config
    assert off["realism"] is False and off["strict"] is True
    assert {key: off[key] for key in OFF} == OFF
    fast = Simulator(realism="fast").config
    assert fast["consistency_seconds"] == pytest.approx(0.2)
    assert fast["database_create_seconds"] == pytest.approx(0.6)
    assert fast["busy_droplets"] is True
    scaled = Simulator(realism_scale=0.5, consistency_seconds=7).config
    assert scaled["busy_after_seconds"] == pytest.approx(1.0) and scaled["consistency_seconds"] == 7.0
    with pytest.raises(TypeError):
        Simulator(no_such_knob=1)
    with pytest.raises(ValueError):
        Simulator(realism="sometimes")
    with pytest.raises(ValueError):
        Simulator(busy_droplets=3)


def test_put_config_presets_then_knobs_and_reset_restores_start_up(simulator):
    # the fixture starts the simulator with realism off and strict on
    start = simulator.config()
    assert start["realism"] is False and start["strict"] is True
    assert {key: start[key] for key in OFF} == OFF
    on = simulator.config(realism=True, null_empty_lists=False)
    assert on["consistency_seconds"] == 2.0 and on["null_empty_lists"] is False
    fast = simulator.config(realism="fast")
    assert fast["consistency_seconds"] == pytest.approx(0.2) and fast["null_empty_lists"] is True
    scaled = simulator.config(realism_scale=0.5)         # re-applies the current preset
    assert scaled["consistency_seconds"] == pytest.approx(0.1)
    assert simulator.config(dependant_release_seconds=9)["dependant_release_seconds"] == 9.0
    assert simulator.config(database_create_seconds=None)["database_create_seconds"] is None
    for bad in ({"realism": "maybe"}, {"strict": 1}, {"busy_after_seconds": -1},
                {"realism_scale": 0}, {"nope": True}):
        resp = requests.put(simulator.url + "/_sim/config", json=bad)
        assert resp.status_code == 400, bad
    simulator.reset()
    assert simulator.config() == start


def test_command_line_flags():
    _args, kwargs = parse([])
    assert kwargs["realism"] is True and kwargs["strict"] is False
    assert not set(kwargs) & set(realism.KNOBS)
    _args, kwargs = parse(["--realism", "fast", "--strict", "--consistency-seconds", "4",
                           "--busy-droplets", "off", "--realism-scale", "2"])
    assert kwargs["realism"] == "fast" and kwargs["strict"] is True
    assert kwargs["consistency_seconds"] == 4.0 and kwargs["busy_droplets"] is False
    config = Simulator(**kwargs).config
    assert config["consistency_seconds"] == 4.0 and config["busy_after_seconds"] == pytest.approx(0.4)
    _args, kwargs = parse(["--realism", "off"])
    assert Simulator(**kwargs).config["special_rate_limits"] is False


def test_clock_moves_simulated_time_and_reset_rewinds_it(simulator):
    [droplet_id] = simulator.seed("droplets", count=1)
    status, body = simulator.api("POST", "/v2/droplets/%d/actions" % droplet_id,
                                 json={"type": "power_off"})
    assert status == 201 and body["action"]["status"] == "in-progress"
    resp = requests.post(simulator.url + "/_sim/clock", json={"advance": 60})
    assert resp.status_code == 200 and resp.json()["offset"] == 60
    assert simulator.api("GET", "/v2/actions/%d" % body["action"]["id"])[1]["action"]["status"] == "completed"
    assert requests.post(simulator.url + "/_sim/clock", json={"advance": -1}).status_code == 400
    simulator.reset()
    assert simulator.server.clock_offset == 0.0
