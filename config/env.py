"""Small helpers that read settings from the environment and fail loudly.

As in Healthchecks' settings, a bad value stops start-up with one line that
names the variable; `manage.py`, `wsgi.py`, `asgi.py` and `celery.py` print
`ConfigError` without a traceback.
"""

import os
from urllib.parse import urlsplit

import environ


class ConfigError(Exception):
    """A setting in the environment is missing or malformed."""


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}={raw!r} không hợp lệ: dùng 1/0, true/false, yes/no hoặc on/off.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} không hợp lệ: phải là một số nguyên.") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}


def database_from_url(name, url):
    """Django DATABASES entry for a postgres:// or sqlite:// URL, or ConfigError.

    Messages never repeat the URL: it may hold a password.
    """
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a non-numeric port
    except ValueError:
        raise ConfigError(f"{name} không hợp lệ: cổng (port) phải là số, ví dụ postgres://user@127.0.0.1:5432/portal.") from None
    scheme = parts.scheme.lower()
    if scheme in POSTGRES_SCHEMES:
        if not parts.hostname or not parts.path.strip("/"):
            raise ConfigError(
                f"{name} không hợp lệ: cần máy chủ và tên cơ sở dữ liệu, ví dụ postgres://postgres@127.0.0.1:5432/portal."
            )
    elif scheme == "sqlite":
        if not parts.path:
            raise ConfigError(f"{name} không hợp lệ: cần đường dẫn tệp, ví dụ sqlite:////srv/portal/db.sqlite3.")
    else:
        raise ConfigError(
            f"{name} không hợp lệ: chỉ hỗ trợ postgres:// hoặc sqlite://, nhận được {scheme + '://' if scheme else 'một chuỗi không phải URL'}."
        )
    config = environ.Env.db_url_config(url)
    if port is not None:
        config["PORT"] = port
    return config


def redis_url(name, url):
    """Return the URL if it is a usable redis:// or rediss:// URL, else ConfigError."""
    try:
        parts = urlsplit(url)
        parts.port
    except ValueError:
        raise ConfigError(f"{name} không hợp lệ: cổng (port) phải là số, ví dụ redis://127.0.0.1:6379/0.") from None
    if parts.scheme not in {"redis", "rediss"} or not parts.hostname:
        raise ConfigError(f"{name} không hợp lệ: cần dạng redis://máy-chủ:6379/0.")
    db = parts.path.strip("/")
    if db and not db.isdigit():
        raise ConfigError(f"{name} không hợp lệ: số cơ sở dữ liệu Redis phải là số, nhận được {db!r}.")
    return url
