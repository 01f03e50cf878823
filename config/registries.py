"""Registries by name: settings that list the dotted paths of functions other apps plug in.

Names rather than imports, so that dependencies point one way: campaign imports no other
app, content imports neither contests nor reports; each app adds its part by being named
in settings. Every registry is read by `functions(setting)` (imported once per list of
names, so a test's override_settings is seen) and checked at start-up by
`check_registries` (run by `manage.py check`, `migrate` and `runserver`): a wrong name stops
the start with a Vietnamese message naming it, not the first page that would call it.
"""

import functools

from django.conf import settings
from django.core.checks import Error
from django.utils.module_loading import import_string

# setting → (check id, what each function takes and returns: the hint of an error)
REGISTRIES = {
    "CAMPAIGN_UNIT_FIGURE_SOURCES": (
        "campaign.E001",
        "Mỗi nguồn là một hàm nhận plan=… và trả về danh sách (tên số liệu, đơn vị tính, {đơn vị: số}), "
        "ví dụ «contests.selectors.plan_unit_quiz_figures».",
    ),
    "CAMPAIGN_FILING_FORMS": (
        "campaign.E001",
        "Mỗi mục là một hàm nhận assignment=…, period=… và trả về đường dẫn tới trang nộp của ứng dụng khác "
        "(hoặc None), ví dụ «reports.rounds.filing_form_url».",
    ),
    "CAMPAIGN_ACCEPTED_REPORT_ACTIONS": (
        "campaign.E003",
        "Mỗi mục là một hàm nhận (report, user) và trả về danh sách {label, url}.",
    ),
    "HOME_HEADLINE_FIGURE_SOURCES": (
        "content.E001",
        "Mỗi nguồn là một hàm không đối số trả về danh sách số liệu nổi bật cho trang chủ.",
    ),
    "HOME_BANNER_SOURCES": (
        "content.E001",
        "Mỗi nguồn là một hàm không đối số trả về danh sách băng rôn cho trang chủ.",
    ),
    "SEARCH_EXTRA_SOURCES": (
        "content.E001",
        "Mỗi nguồn là một hàm không đối số trả về danh sách {title, text, url, kind, date} để tìm kiếm.",
    ),
}


@functools.lru_cache(maxsize=64)
def _imported(paths):
    return tuple(import_string(path) for path in paths)


def functions(setting):
    """The functions the registry `setting` names, in its order."""
    return _imported(tuple(getattr(settings, setting, ())))


def check_registries(app_configs=None, **kwargs):
    """Every dotted path of every registry names a function."""
    errors = []
    for setting, (error_id, hint) in REGISTRIES.items():
        for path in getattr(settings, setting, ()):
            try:
                source = import_string(path)
            except ImportError as error:
                errors.append(Error(f"{setting}: không tìm thấy «{path}» ({error}).",
                                    hint=f"Ghi đường dẫn đầy đủ tới hàm. {hint}", id=error_id))
                continue
            if not callable(source):
                errors.append(Error(f"{setting}: «{path}» không phải là một hàm.", hint=hint, id=error_id))
    return errors
