"""python -m tests.simulator [--host H] [--port P] [--token T] ..."""
import argparse
import os
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.simulator",
                                     description="DigitalOcean API v2 simulator")
    parser.add_argument("--host", default=os.environ.get("SIM_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("SIM_PORT", "8089")))
    parser.add_argument("--token", default=os.environ.get("SIM_TOKEN", "sim-token"))
    parser.add_argument("--action-seconds", type=float, default=None)
    parser.add_argument("--boot-seconds", type=float, default=None)
    parser.add_argument("--rate-limit-per-minute", type=int, default=None)
    parser.add_argument("--rate-limit-per-hour", type=int, default=None)
    parser.add_argument("--validate-responses", action="store_true",
                        help="check every answer against the spec (slow; see /_sim/response_problems)")
    args = parser.parse_args(argv)
    from tests.simulator.server import Simulator
    config = {k: v for k, v in (("action_seconds", args.action_seconds),
                                ("boot_seconds", args.boot_seconds),
                                ("rate_limit_per_minute", args.rate_limit_per_minute),
                                ("rate_limit_per_hour", args.rate_limit_per_hour))
              if v is not None}
    sim = Simulator(host=args.host, port=args.port, token=args.token,
                    validate_responses=args.validate_responses, **config)
    sim.start()
    sys.stdout.write("DigitalOcean API simulator listening on %s\n" % sim.url)
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
