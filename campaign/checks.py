"""Start-up check of the demo modules seed_demo runs (run by `manage.py check`, `migrate` and
`runserver`): one that does not import stops the start with a message naming it, not the
first `seed_demo`. The registries by name are checked by config.registries.check_registries.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.checks import Error


def demo_modules(app_configs=None, **kwargs):
    """Every `<app>.demo` that seed_demo will run (settings.LOCAL_APPS) imports and has seed(stdout)."""
    errors = []
    for app in settings.LOCAL_APPS:
        name = f"{app}.demo"
        try:
            if find_spec(name) is None:
                continue
            module = import_module(name)
        except Exception as error:  # whatever stops the import: seed_demo would stop on it too
            errors.append(Error(
                f"LOCAL_APPS: không nạp được «{name}» cho seed_demo ({type(error).__name__}: {error}).",
                id="campaign.E002",
            ))
            continue
        if not callable(getattr(module, "seed", None)):
            errors.append(Error(
                f"LOCAL_APPS: «{name}» không có hàm seed(stdout) mà seed_demo gọi.",
                id="campaign.E002",
            ))
    return errors
