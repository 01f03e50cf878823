"""Start-up check of the home page's two registries (HOME_HEADLINE_FIGURE_SOURCES,
HOME_BANNER_SOURCES) and the search's (SEARCH_EXTRA_SOURCES): a wrong name stops `manage.py check`, `migrate` and `runserver`
with a message naming it, as campaign/checks.py does for its own registry."""

from django.conf import settings
from django.core.checks import Error
from django.utils.module_loading import import_string

REGISTRIES = ("HOME_HEADLINE_FIGURE_SOURCES", "HOME_BANNER_SOURCES", "SEARCH_EXTRA_SOURCES")


def home_sources(app_configs=None, **kwargs):
    errors = []
    for setting in REGISTRIES:
        for path in getattr(settings, setting, []):
            try:
                source = import_string(path)
            except ImportError as error:
                errors.append(Error(f"{setting}: không tìm thấy «{path}» ({error}).", id="content.E001"))
                continue
            if not callable(source):
                errors.append(Error(f"{setting}: «{path}» không phải là một hàm.", id="content.E001"))
    return errors
