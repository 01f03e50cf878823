"""Run a bench command in a subprocess, as `make bench` runs it: the command makes and drops a
database of its own and starts gunicorn, which a test's transaction must not see."""

import os
import subprocess
import sys

from django.conf import settings


def run_bench(project_root, command, *args, postgres=True, timeout):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    if postgres:
        env["DATABASE_URL"] = settings.DATABASE_URL
    return subprocess.run(
        [sys.executable, "manage.py", command, *args],
        cwd=project_root, env={**env, "DEBUG": "1"}, capture_output=True, text=True, timeout=timeout, check=False,
    )
