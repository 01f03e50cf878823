"""Entry points call `run` so that a bad setting prints one clear line, not a traceback."""

import sys

from .env import ConfigError


def run(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except ConfigError as error:
        sys.stderr.write(f"Lỗi cấu hình: {error}\n")
        sys.exit(2)
