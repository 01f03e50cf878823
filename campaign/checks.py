"""Start-up checks of the two registries by name (run by `manage.py check`, `migrate` and
`runserver`): a wrong name in settings stops the start with a message naming it, not the
first dashboard or the first `seed_demo`.

The registries are names rather than imports so that dependencies point one way: campaign
imports no other app, and the other apps plug their part in by being named in settings.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.checks import Error
from django.utils.module_loading import import_string


def _functions(setting, *, hint, error_id):
    """Every dotted path of the registry `setting` names a function."""
    errors = []
    for path in getattr(settings, setting):
        try:
            source = import_string(path)
        except ImportError as error:
            errors.append(Error(f"{setting}: không tìm thấy «{path}» ({error}).",
                                hint=f"Ghi đường dẫn đầy đủ tới hàm. {hint}", id=error_id))
            continue
        if not callable(source):
            errors.append(Error(f"{setting}: «{path}» không phải là một hàm.", hint=hint, id=error_id))
    return errors


def unit_figure_sources(app_configs=None, **kwargs):
    """CAMPAIGN_UNIT_FIGURE_SOURCES and CAMPAIGN_FILING_FORMS name functions."""
    return _functions(
        "CAMPAIGN_UNIT_FIGURE_SOURCES", error_id="campaign.E001",
        hint="Mỗi nguồn là một hàm nhận plan=… và trả về danh sách (tên số liệu, đơn vị tính, {đơn vị: số}), "
             "ví dụ «contests.selectors.plan_unit_quiz_figures».",
    ) + _functions(
        "CAMPAIGN_FILING_FORMS", error_id="campaign.E001",
        hint="Mỗi mục là một hàm nhận assignment=…, period=… và trả về đường dẫn tới trang nộp của ứng dụng khác "
             "(hoặc None), ví dụ «reports.rounds.filing_form_url».",
    )


def accepted_report_actions(app_configs=None, **kwargs):
    return _functions(
        "CAMPAIGN_ACCEPTED_REPORT_ACTIONS", error_id="campaign.E003",
        hint="Mỗi mục là một hàm nhận (report, user) và trả về danh sách {label, url}.",
    )


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
