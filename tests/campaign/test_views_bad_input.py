"""Bad and hostile input on the campaign pages: refused in Vietnamese, nothing stored.

alice files for unit A; carol (Ban Tuyên giáo staff) reviews, changes due
dates, unlocks periods and creates tasks.
"""

import os
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from campaign import services
from campaign.deadlines import local_today
from campaign.models import (
    DueDateChange,
    LockException,
    ProgressReport,
    ReportEvent,
    ReportFigure,
    ReportPhoto,
    Task,
)

pytestmark = pytest.mark.django_db

PHOTO_LIMIT = 1024 * 1024


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    # Both roots under tmp_path: "nothing stored" looks at the public and the private one.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    settings.PHOTO_MAX_BYTES = PHOTO_LIMIT
    return tmp_path


def filing_url(world, period="july"):
    return reverse("campaign:report_file", args=[world["assignment_a"].pk, world[period].pk])


def report_data(world, **changes):
    data = {
        "text": "<p>Đã đăng 5 bài trên trang thông tin điện tử.</p>", "links": "https://example.vn/bai-5",
        f"measure_{world['measure'].pk}": "5", "caption": "Hội nghị báo cáo viên",
    }
    data.update(changes)
    return data


# Image files ---------------------------------------------------------------------


def image_bytes(fmt="JPEG", size=(60, 40), colour="red", **save):
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt, **save)
    return out.getvalue()


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def photo():
    return upload("hoi-nghi.jpg", image_bytes())


def noisy_png(size):
    out = BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(out, format="PNG")
    return out.getvalue()


def truncated_jpeg():
    out = BytesIO()
    Image.frombytes("RGB", (400, 300), os.urandom(400 * 300 * 3)).save(out, format="JPEG", quality=90)
    data = out.getvalue()
    return data[: len(data) // 2]


def jpeg_with_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 80D"
    exif[ExifTags.Base.Orientation] = 6  # taken with the phone turned: shown rotated 90°
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (11.0, 56.0, 30.0), 3: "E", 4: (108.0, 26.0, 0.0)}
    content = image_bytes(size=(900, 600), exif=exif.tobytes())
    with Image.open(BytesIO(content)) as original:
        assert original.getexif()[ExifTags.Base.Make] == "Canon"
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return content


def stored_files(media_root):
    root = Path(media_root)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def assert_nothing_stored(world, media_root):
    assert not ProgressReport.objects.filter(assignment=world["assignment_a"]).exists()
    assert ProgressReport.objects.count() == 1  # bob's
    assert ReportPhoto.objects.count() == 0
    assert ReportFigure.objects.count() == 1
    assert ReportEvent.objects.count() == 1
    assert stored_files(media_root) == []


# Refused reports ----------------------------------------------------------------

# case: (changes to the valid report, the exact Vietnamese message). Cases that do
# not test photos still send a good one, so "no file written" means something.
BAD_REPORTS = {
    "text_named_jpg": (
        lambda w: {"photos": [upload("anh.jpg", "Đây là văn bản, không phải ảnh.\n".encode() * 20)]},
        "Tệp “anh.jpg” không phải là ảnh hợp lệ hoặc đã bị hỏng.",
    ),
    "eleven_photos": (
        lambda w: {"photos": [upload(f"anh-{n}.png", image_bytes("PNG"), "image/png") for n in range(11)]},
        "Mỗi báo cáo có tối đa 10 ảnh; bạn đã chọn 11 ảnh.",
    ),
    "negative_figure": (
        lambda w: {f"measure_{w['measure'].pk}": "-3", "photos": [photo()]},
        "Số liệu không được âm.",
    ),
    "figure_not_a_number": (
        lambda w: {f"measure_{w['measure'].pk}": "năm", "photos": [photo()]},
        "Nhập một số nguyên.",
    ),
    "empty_text": (
        lambda w: {"text": "<p>&nbsp;</p>", "photos": [photo()]},
        "Nội dung báo cáo không được để trống.",
    ),
    "javascript_link": (
        lambda w: {"links": "https://example.vn/bai-1\njavascript:alert(1)", "photos": [photo()]},
        "Đường dẫn không hợp lệ: javascript:alert(1)",
    ),
    "not_a_url": (
        lambda w: {"links": "bai-viet-tren-trang-so", "photos": [photo()]},
        "Đường dẫn không hợp lệ: bai-viet-tren-trang-so",
    ),
}


@pytest.mark.parametrize("case", list(BAD_REPORTS))
def test_bad_report_is_refused_in_vietnamese_and_nothing_is_stored(alice, world, media, case):
    changes, message = BAD_REPORTS[case]
    response = alice.post(filing_url(world), report_data(world, **changes(world)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert_nothing_stored(world, media)


def test_photo_over_the_size_limit_is_refused(alice, world, media):
    content = noisy_png((800, 800))
    assert len(content) > PHOTO_LIMIT
    response = alice.post(filing_url(world), report_data(world, photos=[upload("to.png", content, "image/png")]))
    assert response.status_code == 200
    size = f"{len(content) / 1024 / 1024:.1f}".replace(".", ",")
    message = f"Tệp “to.png” nặng {size} MB, vượt giới hạn 1 MB."
    assert message in response.content.decode()
    assert_nothing_stored(world, media)


def test_truncated_jpeg_is_refused(alice, world, media):
    # The good photo first: nothing of it may be written either.
    photos = [photo(), upload("hong.jpg", truncated_jpeg())]
    response = alice.post(filing_url(world), report_data(world, photos=photos))
    assert response.status_code == 200
    assert "Tệp “hong.jpg” không phải là ảnh hợp lệ hoặc đã bị hỏng." in response.content.decode()
    assert_nothing_stored(world, media)


# Accepted input, cleaned -----------------------------------------------------------


def test_photo_is_stored_reencoded_without_exif_with_a_thumbnail(alice, world, media):
    original = jpeg_with_exif()
    response = alice.post(filing_url(world), report_data(world, photos=[upload("hoi-nghi.jpg", original)]))
    assert response.status_code == 302
    stored = ReportPhoto.objects.get(report__assignment=world["assignment_a"])
    assert stored.caption == "Hội nghị báo cáo viên"
    assert Path(stored.image.path).is_relative_to(media / "private_media")
    saved = Path(stored.image.path).read_bytes()
    assert saved != original
    assert b"Canon" not in saved and b"EOS 80D" not in saved
    with Image.open(stored.image.path) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.size == (600, 900)  # turned upright as the EXIF orientation said
    with Image.open(stored.thumbnail.path) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert dict(thumbnail.getexif()) == {}
        assert max(thumbnail.size) <= 320
    assert len(stored_files(media)) == 2


def test_rich_text_is_stored_cleaned(alice, world):
    hostile = (
        '<p style="color:red">Đã tổ chức <strong>hội nghị báo cáo viên</strong> cho 120 đảng viên.'
        "<script>alert('xss')</script>"
        '<img src="x" onerror="alert(2)">'
        '<a href="javascript:alert(3)" onclick="alert(4)">xem chi tiết</a></p>'
        '<p><a href="https://example.vn/bai-1">Bài đã đăng</a></p>'
    )
    response = alice.post(filing_url(world), report_data(world, text=hostile))
    assert response.status_code == 302
    text = ProgressReport.objects.get(assignment=world["assignment_a"]).text
    for bad in ("<script", "alert", "onerror", "onclick", "style=", "javascript:", "<img"):
        assert bad not in text
    assert "Đã tổ chức <strong>hội nghị báo cáo viên</strong> cho 120 đảng viên." in text
    assert "xem chi tiết" in text
    assert 'href="https://example.vn/bai-1"' in text


# Locked periods and lock exceptions ------------------------------------------------


def lock_ten_days_ago(world):
    plan, period = world["plan"], world["july"]
    plan.lock_after_days = 0
    plan.save(update_fields=["lock_after_days"])
    period.due_on = local_today() - timedelta(days=10)
    period.starts_on = period.due_on - timedelta(days=30)
    period.save(update_fields=["due_on", "starts_on"])
    return period


def test_filing_after_the_lock_is_refused_until_staff_grant_an_exception(alice, carol, world, media):
    period = lock_ten_days_ago(world)
    locked_on = period.due_on + timedelta(days=1)
    refusal = (
        f"Kỳ báo cáo “Tháng 7/2022” đã khóa sổ từ {locked_on:%d/%m/%Y}. "
        "Vui lòng liên hệ Ban Tuyên giáo nếu cần nộp bổ sung."
    )
    page = alice.get(filing_url(world))
    assert refusal in page.content.decode()
    assert "Nộp báo cáo</button>" not in page.content.decode()

    response = alice.post(filing_url(world), report_data(world, photos=[photo()]))
    assert response.status_code == 200
    assert refusal in response.content.decode()
    assert_nothing_stored(world, media)

    unlock = reverse("campaign:lock_exception", args=[world["assignment_a"].pk, period.pk])
    today = local_today()
    response = carol.post(unlock, {"until": f"{today:%d/%m/%Y}", "reason": "Đơn vị gửi văn bản xin nộp bổ sung"})
    assert response.status_code == 302
    exception = LockException.objects.get(assignment=world["assignment_a"], period=period)
    assert exception.granted_by == world["carol"]
    assert exception.reason == "Đơn vị gửi văn bản xin nộp bổ sung"
    assert exception.until == today

    response = alice.post(filing_url(world), report_data(world))
    assert response.status_code == 302
    report = ProgressReport.objects.get(assignment=world["assignment_a"], period=period)
    assert report.submitted_by == world["alice"]
    assert list(report.events.values_list("action", flat=True)) == [ReportEvent.Action.SUBMITTED]


def test_lock_exception_ending_in_the_past_is_refused(carol, world):
    period = lock_ten_days_ago(world)
    unlock = reverse("campaign:lock_exception", args=[world["assignment_a"].pk, period.pk])
    yesterday = local_today() - timedelta(days=1)
    response = carol.post(unlock, {"until": f"{yesterday:%d/%m/%Y}", "reason": "Muộn"})
    assert response.status_code == 200
    assert "Ngày hết hạn ngoại lệ phải từ hôm nay trở đi." in response.content.decode()
    assert not LockException.objects.exists()


# Reviews ----------------------------------------------------------------------------


def test_an_accepted_report_cannot_be_edited(alice, world):
    report = services.progress_report_submit(
        assignment=world["assignment_a"], period=world["july"], by=world["alice"], text="<p>Bản đã duyệt.</p>",
    )
    services.progress_report_accept(report=report, by=world["carol"])
    events = ReportEvent.objects.count()
    response = alice.post(filing_url(world), report_data(world, text="<p>Sửa sau khi duyệt.</p>"))
    assert response.status_code == 200
    assert "Báo cáo đã được Ban Tuyên giáo chấp nhận." in response.content.decode()
    report.refresh_from_db()
    assert report.text == "<p>Bản đã duyệt.</p>"
    assert report.status == ProgressReport.Status.ACCEPTED
    assert ReportEvent.objects.count() == events


def test_returning_a_report_needs_a_comment(carol, world):
    report = world["report_b"]
    response = carol.post(reverse("campaign:report", args=[report.pk]), {"decision": "return", "comment": "   "})
    assert response.status_code == 200
    assert "Vui lòng ghi ý kiến để đơn vị biết cần bổ sung gì." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.reviewed_by is None
    assert ReportEvent.objects.filter(report=report).count() == 1


# Due dates -------------------------------------------------------------------------


def change_due_date(client, period, new_due_on, reason="Trùng dịp lễ"):
    return client.post(reverse("campaign:period_due_date", args=[period.pk]), {"new_due_on": new_due_on, "reason": reason})


def test_due_date_change_to_the_same_date_is_refused(carol, world):
    response = change_due_date(carol, world["july"], "05/08/2022")
    assert response.status_code == 200
    assert "Hạn mới trùng với hạn hiện tại." in response.content.decode()
    assert not DueDateChange.objects.exists()


def test_due_date_that_does_not_exist_is_refused(carol, world):
    response = change_due_date(carol, world["july"], "31/02/2022")
    assert response.status_code == 200
    assert "Nhập một ngày hợp lệ." in response.content.decode()
    assert not DueDateChange.objects.exists()
    world["july"].refresh_from_db()
    assert world["july"].due_on == date(2022, 8, 5)


def test_due_date_change_is_recorded(carol, world):
    response = change_due_date(carol, world["july"], "12/08/2022")
    assert response.status_code == 302
    change = DueDateChange.objects.get(period=world["july"])
    assert (change.old_due_on, change.new_due_on) == (date(2022, 8, 5), date(2022, 8, 12))
    assert change.changed_by == world["carol"]
    assert change.reason == "Trùng dịp lễ"
    world["july"].refresh_from_db()
    assert world["july"].due_on == date(2022, 8, 12)


# Task creation ---------------------------------------------------------------------


def task_data(world, **changes):
    data = {
        "code": "IV.2", "title": "Báo cáo số tin bài hằng tháng", "description": "", "theme": world["theme"].pk,
        "unit_group": "", "schedule": Task.Schedule.MONTHLY, "weight": "",
        "units": [world["unit_a"].pk, world["unit_b"].pk],
        "due_on": "", "first_month": "01/07/2022", "last_month": "30/09/2022", "due_day": "5", "final_due_on": "",
    }
    data.update(changes)
    return data


def create_task(client, world, **changes):
    return client.post(reverse("campaign:task_create", args=[world["plan"].pk]), task_data(world, **changes))


def test_task_without_units_is_refused(carol, world):
    tasks = Task.objects.count()
    response = create_task(carol, world, units=[])
    assert response.status_code == 200
    assert "Chọn ít nhất một đơn vị." in response.content.decode()
    assert Task.objects.count() == tasks


def test_monthly_task_needs_its_first_and_last_month(carol, world):
    tasks = Task.objects.count()
    response = create_task(carol, world, first_month="", last_month="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập tháng của kỳ báo cáo đầu tiên." in html
    assert "Nhập tháng của kỳ báo cáo cuối cùng." in html
    assert Task.objects.count() == tasks


def test_monthly_task_gets_one_period_a_month_and_one_assignment_per_unit(carol, world):
    response = create_task(carol, world)
    assert response.status_code == 302
    task = Task.objects.get(title="Báo cáo số tin bài hằng tháng")
    assert response["Location"] == reverse("campaign:task", args=[task.pk])
    periods = list(task.periods.order_by("due_on").values_list("label", "starts_on", "ends_on", "due_on"))
    assert periods == [
        ("Tháng 7/2022", date(2022, 7, 1), date(2022, 7, 31), date(2022, 8, 5)),
        ("Tháng 8/2022", date(2022, 8, 1), date(2022, 8, 31), date(2022, 9, 5)),
        ("Tháng 9/2022", date(2022, 9, 1), date(2022, 9, 30), date(2022, 10, 5)),
    ]
    assignments = task.assignments.order_by("unit__order")
    assert [a.unit for a in assignments] == [world["unit_a"], world["unit_b"]]
    assert {a.assigned_by for a in assignments} == {world["carol"]}
