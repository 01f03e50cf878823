"""Issue 10.14: every admin page staff use reads Vietnamese, django-celery-beat's too
("SCHEDULER", "Theo Task Name" were English: plain strings the catalogue cannot reach,
see campaign/beat_admin.py)."""

import re

import pytest
from django.contrib import admin
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from campaign.models import Unit
from campaign.roles import STAFF_GROUP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STAFF_APPS = ("campaign", "content", "contests", "reports", "django_celery_beat")
# Words the admin showed in English, from the apps' plain strings, cron-descriptor and Django's defaults.
ENGLISH = re.compile(
    r"\b(Scheduler|Task Name|Crontab translation|Human readable|Translation|Exchange|Every minute|At \d\d:\d\d|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|object \(\d+\)|Add|Change|Delete|Save|Search|"
    r"Filter|Action|Select|History|Name|Enabled|Interval|Schedule|Periodic|Arguments|Description)\b"
)


@pytest.fixture
def staff_client(client):
    from django.contrib.auth.models import Group

    user = UserFactory(username="canbo.btg", is_staff=True)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    client.force_login(user)
    return client


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    # The task and timezone pickers list code names (campaign.tasks.…, Asia/Ho_Chi_Minh): not prose.
    html = re.sub(r'<select name="(regtask|timezone)".*?</select>', "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def staff_admin_urls():
    urls = ["/quan-tri/"]
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in STAFF_APPS:
            base = f"/quan-tri/{model._meta.app_label}/{model._meta.model_name}/"
            urls.append(base)
            urls.append(base + "add/")
    return urls


@pytest.fixture
def beat_rows():
    crontab = CrontabSchedule.objects.create(minute="0", hour="7", timezone="Asia/Ho_Chi_Minh")
    interval = IntervalSchedule.objects.create(every=5, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.create(name="Nhắc hạn buổi sáng", task="campaign.tasks.scan_reminders", crontab=crontab)
    PeriodicTask.objects.create(name="Nhịp cuộc thi", task="contests.tasks.contests_tick", interval=interval)
    return crontab, interval


def test_every_staff_admin_list_and_add_page_reads_vietnamese(staff_client, beat_rows):
    Unit.objects.create(code="btg", name="Ban Tuyên giáo", kind=Unit.Kind.PARTY_BOARD)
    checked = 0
    for url in staff_admin_urls():
        response = staff_client.get(url)
        if response.status_code == 403:  # results and attempts are written by the portal, never added by hand
            continue
        assert response.status_code == 200, url
        found = ENGLISH.findall(visible_text(response.content.decode()))
        assert not found, f"{url} shows English: {sorted(set(found))}"
        checked += 1
    assert checked >= 38  # history rows (due-date changes, lock exceptions) are never added by hand


def test_the_change_pages_of_the_schedules_read_vietnamese(staff_client, beat_rows):
    crontab, interval = beat_rows
    task = PeriodicTask.objects.get(name="Nhắc hạn buổi sáng")
    for url in (
        f"/quan-tri/django_celery_beat/periodictask/{task.pk}/change/",
        f"/quan-tri/django_celery_beat/crontabschedule/{crontab.pk}/change/",
        f"/quan-tri/django_celery_beat/intervalschedule/{interval.pk}/change/",
    ):
        text = visible_text(staff_client.get(url).content.decode())
        assert not ENGLISH.findall(text), url
    text = visible_text(staff_client.get(f"/quan-tri/django_celery_beat/crontabschedule/{crontab.pk}/change/").content.decode())
    assert "tên tác vụ" in text.lower() and "Tác vụ định kỳ dùng lịch này" in text


def test_the_periodic_task_list_names_its_columns_and_filters_in_vietnamese(staff_client, beat_rows):
    html = staff_client.get("/quan-tri/django_celery_beat/periodictask/").content.decode()
    text = visible_text(html)
    assert "Theo tên tác vụ" in text and "Theo Task Name" not in text
    assert "Lịch chạy" in text and "Scheduler" not in text
    assert "Lúc 07:00 (giờ Asia/Ho_Chi_Minh)" in text
    assert "mỗi 5 phút" in text


def test_crontabs_are_read_out_in_vietnamese():
    from campaign.beat_admin import crontab_in_words

    assert crontab_in_words(CrontabSchedule(minute="30", hour="6", day_of_week="1-5", timezone="Asia/Ho_Chi_Minh")) == (
        "Lúc 06:30, từ thứ Hai đến thứ Sáu (giờ Asia/Ho_Chi_Minh)"
    )
    assert crontab_in_words(CrontabSchedule(minute="*", hour="*", timezone="UTC")) == "Mỗi phút (giờ UTC)"


def test_inline_rows_are_named_in_vietnamese_not_model_object_n():
    from datetime import datetime, timezone

    from campaign.models import Measure, ReportEvent, ReportFigure
    from contests.models import AttemptQuestion

    at = datetime(2022, 8, 5, 2, 30, tzinfo=timezone.utc)
    assert str(ReportEvent(action=ReportEvent.Action.RETURNED, at=at)) == "Trả lại để bổ sung lúc 09:30 05/08/2022"
    assert str(ReportFigure(measure=Measure(name="Số tin, bài viết"), value=12)) == "Số tin, bài viết: 12"
    assert str(AttemptQuestion(position=3)) == "Câu 3"
