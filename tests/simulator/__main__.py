"""python -m tests.simulator [--host H] [--port P] [--token T] [--realism on|off|fast] [--strict] ..."""
import argparse
import os
import sys
import time


def _switch(text):
    value = text.strip().lower()
    if value in ("on", "true", "yes", "1"):
        return True
    if value in ("off", "false", "no", "0"):
        return False
    raise argparse.ArgumentTypeError("expected on or off, got %r" % text)


def _realism(text):
    value = text.strip().lower()
    if value == "fast":
        return "fast"
    return _switch(value)


def parse(argv=None):
    """The command line as (args, Simulator keyword arguments)."""
    from tests.simulator import realism
    # `python -m tests.simulator` in this checkout, fathom-do-simulator once pip installed.
    installed = os.path.basename(sys.argv[0] or "") == "fathom-do-simulator"
    prog = "fathom-do-simulator" if installed else "python -m tests.simulator"
    parser = argparse.ArgumentParser(prog=prog,
                                     description="DigitalOcean API v2 simulator")
    parser.add_argument("--host", default=os.environ.get("SIM_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("SIM_PORT", "8089")))
    parser.add_argument("--token", default=os.environ.get("SIM_TOKEN", "sim-token"))
    parser.add_argument("--action-seconds", type=float, default=None)
    parser.add_argument("--boot-seconds", type=float, default=None)
    parser.add_argument("--rate-limit-per-minute", type=int, default=None)
    parser.add_argument("--rate-limit-per-hour", type=int, default=None)
    parser.add_argument("--realism", type=_realism, default=True, metavar="on|off|fast",
                        help="the real API's quirks and delays (default on; fast: a tenth of the delays)")
    parser.add_argument("--realism-scale", type=float, default=None,
                        help="multiply the realism delays by this factor")
    parser.add_argument("--strict", action="store_true",
                        help="reject nulls, unknown fields and trailing slashes (default off)")
    for key, (kind, _realistic, _off) in realism.KNOBS.items():
        flag = "--" + key.replace("_", "-")
        if kind == "bool":
            parser.add_argument(flag, type=_switch, default=None, metavar="on|off")
        else:
            parser.add_argument(flag, type=float, default=None, metavar="SECONDS")
    parser.add_argument("--validate-responses", action="store_true",
                        help="check every answer against the spec (slow; see /_sim/response_problems)")
    args = parser.parse_args(argv)
    names = ["action_seconds", "boot_seconds", "rate_limit_per_minute", "rate_limit_per_hour",
             "realism_scale"] + list(realism.KNOBS)
    kwargs = {name: getattr(args, name) for name in names if getattr(args, name) is not None}
    kwargs.update(host=args.host, port=args.port, token=args.token,
                  validate_responses=args.validate_responses, realism=args.realism,
                  strict=args.strict)
    return args, kwargs


def main(argv=None):
    args, kwargs = parse(argv)
    from tests.simulator.server import Simulator
    sim = Simulator(**kwargs)
    sim.start()
    sys.stdout.write("DigitalOcean API simulator listening on %s (realism %s, strict %s)\n"
                     % (sim.url, {True: "on", False: "off"}.get(args.realism, args.realism),
                        "on" if args.strict else "off"))
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
