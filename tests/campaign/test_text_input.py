"""Text and numbers typed into the campaign's forms (issue 11.5 and 11.8): invisible text is
no text, a report has a length limit, figures are read in ASCII digits, dates are plausible."""

import unicodedata
from datetime import date

import pytest
from django.urls import reverse

from campaign.models import REPORT_MAX_VISIBLE, DueDateChange, LockException, ProgressReport, ReminderPolicy, ReportFigure

pytestmark = pytest.mark.django_db


def file_report(client, world, **changes):
    data = {"text": "<p>Đã đăng 5 bài.</p>", "links": "", f"measure_{world['measure'].pk}": "5", "caption": ""}
    data.update(changes)
    return client.post(reverse("campaign:report_file", args=[world["assignment_a"].pk, world["july"].pk]), data)


def assert_refused(response, message, world):
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressReport.objects.filter(assignment=world["assignment_a"]).exists()


@pytest.mark.parametrize("text", [
    "<p>\u200b</p>", "<p>\u200b\u200c\u200d\u2060\ufeff</p>", "<p>\u202e</p>", "<p>&#8203;</p>",
    "<p><strong>&nbsp;</strong></p><p><br></p>", "<script>alert(1)</script>",
])
def test_a_report_body_with_nothing_visible_is_refused_as_empty(alice, world, text):
    assert_refused(file_report(alice, world, text=text), "Nội dung báo cáo không được để trống.", world)


def test_a_report_body_of_200007_characters_is_refused(alice, world):
    text = "<p>" + "a" * 200_000 + "</p>"
    assert len(text) == 200_007
    assert_refused(file_report(alice, world, text=text), "vượt giới hạn 20.000 ký tự", world)


def test_a_report_body_heavy_with_formatting_is_refused(alice, world):
    text = "<p><strong><em><u>x</u></em></strong></p>" * 3_000  # 3,000 characters to read, 117 KB of HTML
    assert_refused(file_report(alice, world, text=text), "phần định dạng vượt 100.000 ký tự", world)


def test_a_report_body_at_the_limit_is_stored(alice, world):
    response = file_report(alice, world, text="<p>" + "ă" * REPORT_MAX_VISIBLE + "</p>")
    assert response.status_code == 302
    assert len(ProgressReport.objects.get(assignment=world["assignment_a"]).text) == REPORT_MAX_VISIBLE + 7


def test_a_report_body_is_stored_nfc_without_invisible_characters(alice, world):
    text = unicodedata.normalize("NFD", "<p>Hội nghị\u200b báo cáo viên\u202e</p>")
    assert file_report(alice, world, text=text).status_code == 302
    assert ProgressReport.objects.get(assignment=world["assignment_a"]).text == "<p>Hội nghị báo cáo viên</p>"


@pytest.mark.parametrize("typed, stored", [("１２", 12), ("1.200", 1200), ("1 200", 1200), ("٣", 3)])
def test_figures_are_read_in_ascii_digits(alice, world, typed, stored):
    assert file_report(alice, world, **{f"measure_{world['measure'].pk}": typed}).status_code == 302
    assert ReportFigure.objects.get(report__assignment=world["assignment_a"]).value == stored


@pytest.mark.parametrize("typed", ["1,5", "12a", "1_000", "²"])
def test_a_figure_that_is_not_a_whole_number_is_refused(alice, world, typed):
    assert_refused(file_report(alice, world, **{f"measure_{world['measure'].pk}": typed}), "Nhập một số nguyên.", world)


def test_a_photo_caption_and_links_lose_their_invisible_characters(alice, world):
    response = file_report(alice, world, links="\u200bhttps://example.vn/bai-1\u200b\n\n", caption="\u202eHội nghị\u200b")
    assert response.status_code == 302
    report = ProgressReport.objects.get(assignment=world["assignment_a"])
    assert report.links == "https://example.vn/bai-1"


def test_returning_a_report_with_an_invisible_comment_is_refused(carol, world):
    report = world["report_b"]
    response = carol.post(reverse("campaign:report", args=[report.pk]), {"decision": "return", "comment": "\u200b\u2060 \u202e"})
    assert "Vui lòng ghi ý kiến để đơn vị biết cần bổ sung gì." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED


@pytest.mark.parametrize("typed", ["01/01/1800", "31/12/9999"])
def test_an_implausible_due_date_is_refused(carol, world, typed):
    response = carol.post(reverse("campaign:period_due_date", args=[world["july"].pk]), {"new_due_on": typed, "reason": ""})
    assert "Ngày không hợp lệ" in response.content.decode()
    assert not DueDateChange.objects.exists()
    world["july"].refresh_from_db()
    assert world["july"].due_on == date(2022, 8, 5)


def test_an_implausible_lock_exception_is_refused(carol, world):
    url = reverse("campaign:lock_exception", args=[world["assignment_a"].pk, world["july"].pk])
    response = carol.post(url, {"until": "31/12/9999", "reason": "Đơn vị xin nộp bù"})
    assert "Ngày không hợp lệ" in response.content.decode()
    assert not LockException.objects.exists()


def test_reminder_days_in_other_digits_are_read_and_superscripts_refused(world):
    from campaign.models import parse_day_list

    assert parse_day_list("７, ３, 1") == [7, 3, 1]
    with pytest.raises(Exception, match="không hợp lệ"):
        parse_day_list("²")
    assert ReminderPolicy  # the policy form validates with parse_day_list


def test_a_task_title_of_invisible_characters_is_refused_and_a_real_one_is_normalised(carol, world):
    from campaign.models import Task
    from tests.campaign.test_views_bad_input import create_task

    tasks = Task.objects.count()
    response = create_task(carol, world, title="\u200b\u2060\u202e")
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert Task.objects.count() == tasks
    nfd = unicodedata.normalize("NFD", "\u202eBáo cáo tiến độ\u200b quý")
    assert create_task(carol, world, title=nfd, description="Dòng một\u200b\r\n\r\n\r\nDòng hai").status_code == 302
    task = Task.objects.get(title="Báo cáo tiến độ quý")
    assert task.description == "Dòng một\n\nDòng hai"
