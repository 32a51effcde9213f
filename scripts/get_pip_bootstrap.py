"""Stand-in for ansible-test's pip bootstrap script: pip from ensurepip, then the pinned pip."""

import subprocess
import sys

subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade", "--default-pip"])
wanted = [arg for arg in sys.argv[1:] if not arg.startswith("-")] or ["pip==24.2"]
subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + wanted)
