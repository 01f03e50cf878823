"""Django's own messages reach users in Vietnamese, gaps included.

Django 5.2's Vietnamese catalogues leave some messages untranslated or fuzzy
and lack the msgids of newer releases (the admin's "Skip to main content",
"Toggle theme", "Show counts"…). locale/vi/LC_MESSAGES/django.po (LOCALE_PATHS,
which takes precedence) fills them, djangojs.po does the same for the admin's
JavaScript, and config.apps.AxesConfig gives django-axes a Vietnamese name.
"""

import re
from pathlib import Path

import django
import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.forms import formset_factory
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext
from django_celery_beat.models import IntervalSchedule

from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "/quan-tri/"
AXES_NAME = "Chống dò mật khẩu"

# Shown in English on the admin pages before the gaps were filled.
ENGLISH = (
    "Skip to main content",
    "Toggle theme",
    "Toggle navigation",
    "Filter navigation items",
    "Model name",
    "Add link",
    "Change or view list link",
    "Breadcrumbs",
    "Sidebar",
    "Show counts",
    "Hide counts",
    "Select this object for an action",
    "Select all objects on this page",
    "Models in the",
    ">Axes<",
    # Django's Vietnamese wording, wrong ("mô models") or awkward ("Bởi").
    "Các mô models",
    "Bởi ",
)


@pytest.fixture
def vi():
    with translation.override("vi"):
        yield


def _messages(callable_, *args):
    with pytest.raises(ValidationError) as caught:
        callable_(*args)
    return caught.value.messages


# Forms ----------------------------------------------------------------------


def test_uuid_field_error_is_vietnamese(vi):
    assert _messages(forms.UUIDField().clean, "khong-phai-uuid") == ["Nhập UUID hợp lệ."]


def test_json_field_error_is_vietnamese(vi):
    assert _messages(forms.JSONField().clean, "{chưa đóng") == ["Nhập JSON hợp lệ."]


def test_duration_field_errors_are_vietnamese(vi):
    field = forms.DurationField()
    assert _messages(field.clean, "ba ngày") == ["Nhập khoảng thời gian hợp lệ."]
    (message,) = _messages(field.clean, "1000000000 00:00:00")
    assert message.startswith("Số ngày phải nằm trong khoảng từ ")


def test_formset_minimum_is_vietnamese(vi):
    class NameForm(forms.Form):
        name = forms.CharField()

    NameFormSet = formset_factory(NameForm, min_num=2, validate_min=True, extra=0)
    data = {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"}
    formset = NameFormSet(data)
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Vui lòng gửi ít nhất 2 biểu mẫu."]

    broken = formset_factory(NameForm)({"form-0-name": "A"})  # no management form
    assert not broken.is_valid()
    (error,) = broken.non_form_errors()
    assert error.startswith("Dữ liệu ManagementForm bị thiếu hoặc đã bị sửa đổi trái phép.")
    assert "form-TOTAL_FORMS, form-INITIAL_FORMS" in error


# Models ---------------------------------------------------------------------


def test_integer_field_full_clean_is_vietnamese(vi):
    schedule = IntervalSchedule(every="năm", period=IntervalSchedule.MINUTES)
    with pytest.raises(ValidationError) as caught:
        schedule.full_clean()
    assert caught.value.message_dict["every"] == ["Giá trị “năm” phải là số nguyên."]


def test_model_field_messages_are_vietnamese(vi):
    from django.db import models

    assert _messages(models.UUIDField().clean, "x", None) == ["“x” không phải là UUID hợp lệ."]
    assert _messages(models.BooleanField().clean, "có", None) == ["Giá trị “có” phải là True (đúng) hoặc False (sai)."]
    (message,) = _messages(models.DateField().clean, "31/12/2025", None)
    assert message.startswith("Giá trị “31/12/2025” sai định dạng ngày.")


# Pagination -----------------------------------------------------------------


def test_paginator_errors_are_vietnamese(vi):
    paginator = Paginator(["a", "b"], per_page=1)
    with pytest.raises(PageNotAnInteger, match="^Số trang không phải là số nguyên$"):
        paginator.validate_number("hai")
    with pytest.raises(EmptyPage, match="^Số trang nhỏ hơn 1$"):
        paginator.validate_number(0)
    with pytest.raises(EmptyPage, match="^Trang này không có kết quả nào$"):
        paginator.validate_number(3)


# Other messages -------------------------------------------------------------


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Forbidden", "Không có quyền truy cập"),
        ("CSRF verification failed. Request aborted.", "Xác minh CSRF không thành công. Yêu cầu đã bị hủy."),
        ("Messages", "Thông báo"),
        ("Duration", "Thời lượng"),
        ("Algerian Arabic", "Tiếng Ả Rập Algeria"),
        ("Skip to main content", "Bỏ qua, đến nội dung chính"),
        ("Set password", "Đặt mật khẩu"),
        ("Sessions", "Phiên làm việc"),
    ],
)
def test_messages_are_vietnamese(vi, english, vietnamese):
    assert gettext(english) == vietnamese


def test_plural_and_contextual_messages_keep_their_placeholders(vi):
    assert ngettext("%(num)d day", "%(num)d days", 3) % {"num": 3} == "3 ngày"
    assert ngettext("Please submit %d or more forms.", "Please submit %d or more forms.", 2) % 2 == (
        "Vui lòng gửi từ 2 biểu mẫu trở lên."
    )
    assert pgettext("naturaltime-past", "%(num)d hour") == "%(num)d giờ"
    assert pgettext("ordinal 1", "{}st").format(1) == "thứ 1"
    assert gettext("The number of days must be between {min_days} and {max_days}.").format(
        min_days=-1, max_days=1
    ) == "Số ngày phải nằm trong khoảng từ -1 đến 1."


def test_no_gap_left_in_djangos_vietnamese_catalogues(vi):
    """Every untranslated or fuzzy entry of Django's installed catalogues now reads Vietnamese."""
    polib = pytest.importorskip("polib")
    root = Path(django.__file__).parent
    installed = {config.name for config in apps.get_app_configs()}
    catalogues = [root / "conf/locale/vi/LC_MESSAGES/django.po"] + [
        root / "contrib" / name.rsplit(".", 1)[1] / "locale/vi/LC_MESSAGES/django.po"
        for name in sorted(installed)
        if name.startswith("django.contrib.")
    ]
    # Translations that legitimately equal the English text.
    same = {"IPv4", "IPv6", "…", "%(truncated_text)s…"}
    gaps = []
    for path in catalogues:
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags) or entry.msgid in same:
                continue
            if entry.msgid_plural:
                text = ngettext(entry.msgid, entry.msgid_plural, 1)
                if entry.msgctxt:
                    text = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
            else:
                text = pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else gettext(entry.msgid)
            if text == entry.msgid:
                gaps.append(f"{path.parts[-5]}: {entry.msgid!r}")
    assert not gaps


# Admin ----------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def _visible(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return re.sub(r"<script\b.*?</script>", "", html, flags=re.DOTALL)


def _assert_no_english(html, url):
    for english in ENGLISH:
        assert english not in html, f"{english!r} still on {url}"


def test_axes_app_has_a_vietnamese_name():
    config = apps.get_app_config("axes")
    assert config.verbose_name.startswith(AXES_NAME)
    assert config.name == "axes"  # same label, models and migrations as before


def test_admin_index_is_vietnamese(admin_client):
    html = _visible(admin_client, ADMIN)
    assert AXES_NAME in html
    assert "Bỏ qua, đến nội dung chính" in html
    assert "Các mô hình dữ liệu trong ứng dụng" in html
    _assert_no_english(html, ADMIN)


def test_admin_changelist_is_vietnamese(admin_client):
    UnitFactory()
    url = ADMIN + "campaign/unit/"
    html = _visible(admin_client, url)
    assert AXES_NAME in html  # the sidebar lists every app
    assert "Hiện số lượng" in html
    assert "Chọn đối tượng này để thực hiện thao tác" in html
    assert "Theo loại đơn vị" in html  # a filter's title
    _assert_no_english(html, url)

    html = _visible(admin_client, url + "?_facets=True")
    assert "Ẩn số lượng" in html
    _assert_no_english(html, url)


def test_admin_user_page_is_vietnamese(admin_client):
    user = UserFactory(username="khach")
    url = f"{ADMIN}auth/user/{user.pk}/change/"
    html = _visible(admin_client, url)
    assert "Đặt lại mật khẩu" in html
    for english in ("Reset password", "Raw passwords are not stored", "Password-based authentication"):
        assert english not in html


def test_admin_javascript_catalogue_is_vietnamese(admin_client):
    response = admin_client.get(ADMIN + "jsi18n/")
    assert response.status_code == 200
    script = response.content.decode()
    assert "Ch\\u1ee7 nh\\u1eadt" in script or "Chủ nhật" in script  # "Sunday"
