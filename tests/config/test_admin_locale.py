"""The admin speaks Vietnamese for django-axes and django-celery-beat too.

Neither app ships a Vietnamese catalogue; ours is locale/vi/LC_MESSAGES/django.po,
compiled to the committed django.mo and found through LOCALE_PATHS.
"""

import re

import pytest
from django_celery_beat.models import IntervalSchedule

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "/quan-tri/"

# What each app shows in English without our catalogue.
ENGLISH = (
    "Access attempts",
    "Access logs",
    "Access failures",
    "Periodic tasks",
    "Periodic Tasks",
    "Crontabs",
    "Intervals",
    "Solar events",
)

# Changelist URL -> the Vietnamese model name shown in its title and breadcrumbs.
CHANGELISTS = {
    "axes/accessattempt/": "Lượt đăng nhập",
    "axes/accesslog/": "Nhật ký truy cập",
    "axes/accessfailurelog/": "Lượt đăng nhập thất bại",
    "django_celery_beat/periodictask/": "Tác vụ định kỳ",
    "django_celery_beat/intervalschedule/": "Khoảng thời gian",
    "django_celery_beat/crontabschedule/": "Lịch crontab",
    "django_celery_beat/clockedschedule/": "Lịch theo thời điểm",
    "django_celery_beat/solarschedule/": "Sự kiện mặt trời",
}


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _assert_no_english(html, url):
    # Inline scripts hold JavaScript names such as readableCrontabs: not text.
    visible = re.sub(r"<script\b.*?</script>", "", html, flags=re.DOTALL)
    for english in ENGLISH:
        assert english not in visible, f"{english!r} still in English on {url}"


def test_admin_index_names_both_apps_in_vietnamese(admin_client):
    html = _page(admin_client, ADMIN)
    # django-celery-beat's app name, then every model of both apps.
    assert "Tác vụ định kỳ" in html
    for name in CHANGELISTS.values():
        assert name in html
    _assert_no_english(html, ADMIN)


@pytest.mark.parametrize(("path", "name"), CHANGELISTS.items(), ids=list(CHANGELISTS))
def test_changelist_is_vietnamese(admin_client, path, name):
    url = ADMIN + path
    html = _page(admin_client, url)
    assert f"Chọn {name.lower()} để thay đổi" in html  # title: "Select … to change"
    assert f"&rsaquo; {name}" in html  # breadcrumbs
    _assert_no_english(html, url)


def test_axes_columns_and_filters_are_vietnamese(admin_client):
    # Logging in writes an AccessLog row, so the table (and its headers) render.
    html = _page(admin_client, ADMIN + "axes/accesslog/")
    for label in ("Thời điểm đăng nhập", "Thời điểm đăng xuất", "Địa chỉ IP", "Tên đăng nhập", "Đường dẫn"):
        assert label in html
    assert "Attempt Time" not in html and "IP Address" not in html

    html = _page(admin_client, ADMIN + "axes/accessattempt/")
    assert "Bị khóa" in html  # the "Locked Out" filter
    assert "Locked Out" not in html


def test_celery_beat_schedule_and_form_are_vietnamese(admin_client):
    IntervalSchedule.objects.create(every=5, period=IntervalSchedule.MINUTES)
    html = _page(admin_client, ADMIN + "django_celery_beat/intervalschedule/")
    assert "mỗi 5 phút" in html
    assert "every 5 minutes" not in html

    url = ADMIN + "django_celery_beat/periodictask/add/"
    html = _page(admin_client, url)
    for label in ("Lịch chạy", "Tham số", "Tùy chọn thực thi", "Lịch theo khoảng thời gian", "Đang bật"):
        assert label in html
    assert "Execution Options" not in html and "Interval Schedule" not in html
    _assert_no_english(html, url)
