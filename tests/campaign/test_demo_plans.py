"""seed_demo loads both plans whole as data, and running it again changes nothing."""

from datetime import date, time, timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import timezone
from simple_history.models import HistoricalChanges

from campaign.demo import plans as demo_plans
from campaign.deadlines import VIETNAM, local_today
from campaign.models import (
    Channel,
    KeyDate,
    Plan,
    ProgressReport,
    ReferenceDocument,
    ReportEvent,
    ReportingPeriod,
    Task,
    Theme,
)

pytestmark = pytest.mark.django_db

DA_LAT = "ke-hoach-viet-lao-campuchia-2022"
GIA_LAI = "phuong-huong-gia-lai-nam-lao-2026-2030"
DANG_BO = {"db-phuong-1", "db-phuong-3", "db-xa-ta-nung"}
MTTQ_DOAN_THE = {"mttq-da-lat", "thanh-doan-da-lat", "hlhpn-da-lat", "hnd-da-lat", "hccb-da-lat", "ldld-da-lat"}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # seed_demo creates the demo accounts; the default hasher would take most of each test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot():
    """Every field of every row of every campaign model, many-to-many included."""
    rows = {}
    for model in apps.get_app_config("campaign").get_models():
        for obj in model.objects.all():
            fields = {field.attname: getattr(obj, field.attname) for field in model._meta.concrete_fields}
            rows[(model.__name__, obj.pk)] = model_to_dict(obj) | fields
    return rows


def plan_line(output, code):
    return next(line for line in output.splitlines() if code in line)


@pytest.fixture
def da_lat():
    seed()
    return Plan.objects.get(code=DA_LAT)


@pytest.fixture
def gia_lai():
    seed()
    return Plan.objects.get(code=GIA_LAI)


# -- Plan 1: Thành ủy Đà Lạt, 2022 --------------------------------------------


def test_the_2022_plan_carries_its_header_and_closing(da_lat):
    assert da_lat.title == (
        "Triển khai tuyên truyền về “Năm Hữu nghị Việt Nam - Campuchia 2022” và “Năm Đoàn kết hữu nghị Việt Nam - Lào 2022”"
    )
    assert (da_lat.parent_body, da_lat.issuing_body, da_lat.place) == ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "THÀNH ỦY ĐÀ LẠT", "Đà Lạt")
    assert (da_lat.symbol, da_lat.number, da_lat.issued_on) == ("KH/TU", "", None)
    assert "không in số" in da_lat.notes and "không in ngày ban hành" in da_lat.notes
    assert da_lat.basis.startswith("<p>Thực hiện Hướng dẫn số 86-HD/BTGTU, ngày 09/6/2022 của Ban Tuyên giáo Tỉnh ủy Lâm Đồng")
    assert da_lat.purposes.count("<li>") == 5 and da_lat.requirements.count("<li>") == 2
    assert "<li>Đấu tranh, phản bác các luận điệu xuyên tạc" in da_lat.purposes
    assert "cao điểm từ đầu tháng 7 đến hết tháng 9 năm 2022" in da_lat.time_frame
    assert (da_lat.starts_on, da_lat.ends_on) == (date(2022, 1, 1), date(2022, 12, 31))
    assert (da_lat.peak_start, da_lat.peak_end) == (date(2022, 7, 1), date(2022, 9, 30))
    assert da_lat.status == Plan.Status.CLOSED
    assert da_lat.recipient_list[0] == "Ban Tuyên giáo Tỉnh ủy (b/c),"
    assert da_lat.recipient_list[-1] == "Lưu: VT."
    assert len(da_lat.recipient_list) == 8
    assert (da_lat.signer_authority, da_lat.signer_title, da_lat.signer_name) == (
        "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Đặng Quang Tú",
    )
    assert da_lat.closing.startswith("<p>Trên đây là Kế hoạch triển khai tuyên truyền")
    assert (da_lat.grace_days, da_lat.lock_after_days) == (0, 15)
    assert da_lat.source == "ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md"


def test_the_eight_themes_come_in_order(da_lat):
    themes = list(da_lat.themes.order_by("order"))
    assert [t.code for t in themes] == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3"]
    parents = {t.code: t.parent.code if t.parent else None for t in themes}
    assert parents == {"1": None, "1.1": "1", "1.2": "1", "1.3": "1", "2": None, "2.1": "2", "2.2": "2", "2.3": "2"}
    assert themes[0].title == "Tuyên truyền về “Năm Hữu nghị Việt Nam - Campuchia 2022”"
    assert themes[4].title == "Tuyên truyền về “Năm Đoàn kết hữu nghị Việt Nam - Lào 2022”"
    assert themes[1].title == (
        "Tuyên truyền về lịch sử quan hệ Việt Nam - Campuchia và các thành tựu hợp tác của hai nước trong giai đoạn hiện nay"
    )


SAMPLE_BULLETS = {
    "1.1": [
        "<li>Thông tin về lịch sử quan hệ hai nước, các dấu mốc lịch sử quan trọng, những kết quả, thành tựu đã đạt "
        "được trong 55 năm thiết lập quan hệ ngoại giao Việt Nam - Campuchia (24/6/1967 - 24/6/2022).</li>",
        # Split by footnote 1 in the source, joined back.
        "công nhận thành quả 84% công tác phân giới, cắm mốc trên thực địa và công tác quản lý tuyến biên giới theo "
        "các văn bản đã ký kết.",
    ],
    "1.2": ["Tăng cường các sự kiện, án phẩm góp phần quảng bá hình ảnh đất nước, thiên nhiên, con người, văn hóa của hai nước."],
    "1.3": ["<li>Giới thiệu các tấm gương tiêu biểu người Campuchia đã tham gia, đóng góp tích cực, hiệu quả, vun đắp"],
    "2.1": [
        "Chủ tịch Hồ Chí Minh và Chủ tịch Cay-xón Phôm-vi-hản, Chủ tịch Xu-pha-nu-vông xây dựng",
        "trên tất cả các lĩnh vực chính trị, ngoại giao, an ninh, quốc phòng, kinh tế, văn hóa, giáo dục..",
        "góp phần làm sâu sắc hơn quan hệ đặc biệt Việt Nam - Lào<sup>3</sup>;",
    ],
    "2.2": [
        "Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào (18/7/1977).",
        "Trong đó, Hiệp ước Hữu nghị và Hợp tác toàn diện mang tính chiến lược lâu dài",
        "văn hóa của hai nước<sup>4</sup>.",
    ],
    "2.3": ["<li>Giới thiệu vẻ đẹp của thiên nhiên, đất nước, con người; truyền thống văn hóa, lịch sử; các thành tựu "
            "phát triển kinh tế - xã hội của Lào.</li>"],
}


def test_each_theme_body_holds_the_source_bullets_verbatim(da_lat):
    themes = {t.code: t for t in da_lat.themes.all()}
    for code, samples in SAMPLE_BULLETS.items():
        for sample in samples:
            assert sample in themes[code].body, (code, sample)
    assert themes["1.1"].body.count("<li>") == 5
    assert themes["1.2"].body.count("<li>") == 4
    assert themes["2.1"].body.count("<li>") == 4
    assert themes["2.2"].body.count("<li>") == 2
    for theme in themes.values():
        assert "*" not in theme.body and "---" not in theme.body
        assert "Đề nghị tham khảo" not in theme.body  # footnotes are kept apart
    assert themes["1"].body == "" and themes["2"].body == ""


def test_footnotes_sit_with_the_themes_that_cite_them(da_lat):
    themes = {t.code: t for t in da_lat.themes.all()}
    assert themes["1.1"].footnotes.startswith("<p><sup>1</sup> Đề nghị tham khảo Tài liệu tuyên truyền bao gồm: "
                                              "Sách Quan hệ hữu nghị Việt Nam - Campuchia (1930 - 2017)")
    assert "<sup>2</sup> Đề nghị tham khảo" in themes["2.1"].footnotes
    assert "<sup>3</sup> Nổi bật là các chuyến thăm Lào của Tổng Bí thư" in themes["2.1"].footnotes
    assert "<sup>4</sup> Danh mục các hoạt động “Năm Đoàn kết hữu nghị Việt Nam - Lào 2022”" in themes["2.2"].footnotes
    assert "Quyết định số 05-QĐ/BCĐ" in themes["2.2"].footnotes
    assert all(not themes[code].footnotes for code in ("1", "1.2", "1.3", "2", "2.3"))


def test_the_three_channels_of_section_iii(da_lat):
    channels = list(Channel.objects.filter(plan=da_lat).order_by("order"))
    assert [c.title for c in channels] == [
        "Phương tiện truyền thông đại chúng, mạng xã hội",
        "Bài viết, tọa đàm, hội thảo, triển lãm",
        "Cộng đồng người Việt Nam ở nước ngoài",
    ]
    assert channels[0].body.startswith("<p>Triển khai các hình thức tuyên truyền phong phú, sáng tạo và hiệu quả;")
    assert "nhất là thế hệ trẻ.</p>" in channels[2].body


def test_key_dates_and_their_anniversaries(da_lat):
    dates = KeyDate.objects.filter(plan=da_lat)
    event = dates.get(kind=KeyDate.Kind.EVENT, date=date(1967, 6, 24))
    assert "26/6/1967" in event.note and event.theme.code == "1.2"
    assert not dates.filter(date=date(1967, 6, 26)).exists()
    for origin, anniversary_on, years, theme in [
        (date(1967, 6, 24), date(2022, 6, 24), 55, "1.2"),
        (date(1962, 9, 5), date(2022, 9, 5), 60, "2.2"),
        (date(1977, 7, 18), date(2022, 7, 18), 45, "2.2"),
    ]:
        assert dates.get(kind=KeyDate.Kind.EVENT, date=origin).theme.code == theme
        anniversary = dates.get(kind=KeyDate.Kind.ANNIVERSARY, date=anniversary_on)
        assert (anniversary.origin_date, anniversary.anniversary, anniversary.theme.code) == (origin, years, theme)
    programmes = dates.filter(kind=KeyDate.Kind.PROGRAMME).order_by("date")
    assert [(p.date, p.end_date) for p in programmes] == [
        (date(2022, 7, 11), date(2022, 7, 17)),
        (date(2022, 8, 29), date(2022, 9, 4)),
    ]
    activities = dates.filter(kind=KeyDate.Kind.ACTIVITY)
    assert activities.filter(date=date(2022, 9, 5), title__contains="phỏng vấn").exists()
    assert activities.filter(date=date(2022, 7, 18), title__contains="điện mừng").exists()
    assert activities.filter(date=date(2022, 9, 5), title__contains="điện mừng").exists()
    undated = activities.filter(end_date__isnull=False)
    assert undated.count() == 3
    assert all((a.date, a.end_date) == (date(2022, 1, 1), date(2022, 12, 31)) for a in undated)
    assert all("05-QĐ/BCĐ" in a.source for a in activities)
    assert set(dates.values_list("theme__code", flat=True)) == {"1.2", "2.2"}


def test_appendices_have_their_sections_and_themes(da_lat):
    cambodia = ReferenceDocument.objects.get(code="phu-luc-quan-he-viet-nam-campuchia-2017-2022")
    laos = ReferenceDocument.objects.get(code="phu-luc-quan-he-viet-nam-lao-2017-2022")
    assert cambodia.title == "Phụ lục: Tình hình và kết quả quan hệ Việt Nam - Campuchia (giai đoạn 2017-2022)"
    assert cambodia.plan == da_lat and laos.plan == da_lat
    assert [t.code for t in cambodia.themes.all()] == ["1.1"]
    assert [t.code for t in laos.themes.all()] == ["2.1"]
    assert list(cambodia.sections.values_list("code", flat=True)) == ["1", "2", "3", "4"]
    assert list(laos.sections.values_list("code", flat=True)) == ["1", "2", "3", "4", "5"]
    assert cambodia.sections.get(code="1").heading == (
        "Quan hệ chính trị tiếp tục được duy trì, giữ vai trò nòng cốt, định hướng trong quan hệ hai nước"
    )
    assert cambodia.description.startswith("<p>Trong giai đoạn 2017-2022, dưới sự lãnh đạo, chỉ đạo của hai Đảng")
    # Paragraphs split by a footnote block are joined back; the footnote follows the section's text.
    section = cambodia.sections.get(code="3").body
    assert "Hoạt động đầu tư của Việt Nam tại Campuchia đã có mặt ở 18/25 tỉnh/thành" in section
    assert "<p><sup>2</sup> Việt Nam hưởng thuế xuất nhập khẩu 0%" in section
    section = laos.sections.get(code="2").body
    assert "cửa khẩu biên giới trên đất liền Việt Nam - Lào”; nâng cấp" in section
    assert section.count("<p><sup>") == 4
    section = laos.sections.get(code="3").body
    assert "hai bên hoàn thành dự án công trình Nhà Quốc hội mới của Lào" in section
    assert "tỉnh Hủa-phăn. Hai bên ký kết" in section and "ä" not in section
    assert "<sup>5</sup> Phía Lào ghi nhận đã có 4,4 tỷ USD" in section
    assert "thành công Đại hội đại biểu toàn quốc của mỗi Đảng và bầu cử đại biểu Quốc hội ở mỗi nước trong năm 2021; " \
           "duy trì các chuyến thăm" in laos.sections.get(code="1").body


def test_the_books_of_footnotes_1_and_2_are_references(da_lat):
    books = ReferenceDocument.objects.filter(plan=da_lat, sections__isnull=True)
    assert {(b.title, tuple(b.themes.values_list("code", flat=True))) for b in books} == {
        ("Quan hệ hữu nghị Việt Nam - Campuchia (1930 - 2017)", ("1.1",)),
        ("Quan hệ đặc biệt Việt Nam - Lào (1930 - 2017)", ("2.1",)),
    }


# code: (units, the bullet's beginning, schedule)
SECTION_IV = {
    "IV.1.a": (DANG_BO, "Chỉ đạo cơ quan, đơn vị, đoàn thể ở cấp mình xây dựng kế hoạch", Task.Schedule.MONTHLY),
    "IV.1.b": (DANG_BO, "Tích cực, chủ động tuyên truyền và đôn đốc tham gia cuộc thi", Task.Schedule.ONCE),
    "IV.2.a": (MTTQ_DOAN_THE, "Xây dựng kế hoạch, tổ chức tuyên truyền đến cán bộ, đoàn viên", Task.Schedule.MONTHLY),
    "IV.2.b": (MTTQ_DOAN_THE, "Kịp thời nắm bắt tình hình tư tưởng của các tầng lớp Nhân dân", Task.Schedule.ONCE),
    "IV.3.a": ({"btg-tu-da-lat"}, "Tham mưu giúp cấp ủy xây dựng kế hoạch chỉ đạo", Task.Schedule.ONCE),
    "IV.3.b": ({"btg-tu-da-lat"}, "Chỉ đạo, hướng dẫn, định hướng tuyên truyền trên các phương tiện", Task.Schedule.MONTHLY),
    "IV.3.c": ({"btg-tu-da-lat"}, "Định hướng tốt dư luận, chuẩn bị phương án đấu tranh phản bác", Task.Schedule.ONCE),
    "IV.4.a": ({"ttvhtttt-da-lat"}, "Triển khai các hoạt động tuyên truyền cụ thể nhân dịp 02 ngày lễ lớn",
               Task.Schedule.MONTHLY),
    "IV.4.b": ({"ttvhtttt-da-lat"}, "Chủ động xây dựng các chuyên trang, chuyên mục tuyên truyền", Task.Schedule.ONCE),
}


def test_every_section_iv_bullet_is_a_task_for_its_units(da_lat):
    tasks = {t.code: t for t in da_lat.tasks.all()}
    assert set(tasks) == set(SECTION_IV)
    for code, (units, beginning, schedule) in SECTION_IV.items():
        task = tasks[code]
        assert task.description.startswith(beginning), code
        assert set(task.assignments.values_list("unit__code", flat=True)) == units, code
        assert task.schedule == schedule and task.is_demo
        assert task.source == f"Kế hoạch, mục {code[:4]}"
        assert task.periods.exists()
        for period in task.periods.all():
            for day in (period.starts_on, period.ends_on, period.due_on):
                assert date(2022, 1, 1) <= day <= date(2022, 12, 31), (code, period.label)
    assert tasks["IV.1.a"].unit_group == "Các tổ chức cơ sở Đảng trực thuộc Thành ủy"
    assert tasks["IV.4.b"].theme.code == "2.1"


def test_monthly_tasks_report_over_the_peak_and_at_the_end(da_lat):
    task = da_lat.tasks.get(code="IV.3.b")
    periods = [(p.label, p.due_on, p.is_final) for p in task.periods.all()]
    assert periods == [
        ("Tháng 7/2022", date(2022, 8, 5), False),
        ("Tháng 8/2022", date(2022, 9, 5), False),
        ("Tháng 9/2022", date(2022, 10, 5), False),
        ("Báo cáo tổng kết", date(2022, 12, 15), True),
    ]
    assert da_lat.tasks.get(code="IV.1.a").periods.first().due_on == date(2022, 6, 30)
    assert da_lat.tasks.get(code="IV.2.b").periods.get().due_on == date(2022, 9, 10)


def test_demo_reports_of_2022_show_every_state(da_lat):
    pairs = sum(t.assignments.count() * t.periods.count() for t in da_lat.tasks.all())
    reports = ProgressReport.objects.filter(period__task__plan=da_lat)
    assert reports.count() == round(pairs * 0.7)
    statuses = list(reports.values_list("status", flat=True))
    assert statuses.count(ProgressReport.Status.RETURNED) == 2
    assert 0 < statuses.count(ProgressReport.Status.SUBMITTED) < statuses.count(ProgressReport.Status.ACCEPTED)
    late = on_time = 0
    for report in reports.select_related("period"):
        assert report.text.startswith("Dữ liệu minh họa.")
        local = timezone.localtime(report.submitted_at, VIETNAM)
        assert local.time() == time(9) and report.first_submitted_at == report.submitted_at
        days_late = (local.date() - report.period.due_on).days
        assert days_late <= 5
        late, on_time = late + (days_late > 0), on_time + (days_late <= 0)
        assert report.figures.count() == 5
        actions = list(report.events.values_list("action", "at"))
        if report.status == ProgressReport.Status.SUBMITTED:
            assert actions == [(ReportEvent.Action.SUBMITTED, report.submitted_at)] and report.reviewed_at is None
        else:
            assert actions == [(ReportEvent.Action.SUBMITTED, report.submitted_at), (report.status, report.reviewed_at)]
            assert report.reviewed_at > report.submitted_at
        assert bool(report.review_comment) == (report.status == ProgressReport.Status.RETURNED)
    assert late and on_time


# -- Plan 2: Gia Lai, 2026 - 2030 ---------------------------------------------


def test_the_gia_lai_directions_are_a_plan(gia_lai):
    assert gia_lai.title == "Phương hướng, nội dung hợp tác giữa tỉnh Gia Lai với 4 tỉnh Nam Lào giai đoạn 2026 - 2030"
    assert (gia_lai.issuing_body, gia_lai.symbol, gia_lai.place) == ("ỦY BAN NHÂN DÂN TỈNH GIA LAI", "KH-UBND", "Gia Lai")
    assert "Kế hoạch số 149/KH-UBND ngày 23/12/2025" in gia_lai.basis
    assert "Báo cáo số 04/BC-UBND ngày 12/01/2026" in gia_lai.basis
    assert (gia_lai.starts_on, gia_lai.ends_on, gia_lai.status) == (date(2026, 1, 1), date(2030, 12, 31), "in_progress")
    themes = list(gia_lai.themes.order_by("order"))
    assert [t.code for t in themes] == ["1", "2", "3", "4", "5", "6"]
    assert themes[2].body.count("<li>") == 13
    assert "<li>Tỉnh Gia Lai tiếp tục cấp học bổng cho sinh viên các tỉnh Nam Lào" in themes[2].body
    assert themes[5].body.startswith("<p>Tổ chức tổng kết, đánh giá kết quả hợp tác giai đoạn 2026-2030")
    assert list(gia_lai.measures.values_list("code", flat=True)) == ["so-doan", "so-hoat-dong", "kinh-phi", "so-nguoi"]
    tasks = {t.code: t for t in gia_lai.tasks.all()}
    assert len(tasks) == 18 and all(t.is_demo for t in tasks.values())
    assert set(tasks["IV.3.l"].assignments.values_list("unit__code", flat=True)) == {"bchqs-gl", "cong-an-gl"}
    assert tasks["IV.3.b"].assignments.get().unit.code == "so-gddt-gl"
    assert tasks["IV.5"].assignments.get().unit.code == "so-ngoai-vu-gl"


def test_gia_lai_periods_are_overdue_due_soon_and_later(gia_lai):
    today = local_today()
    due = list(ReportingPeriod.objects.filter(task__plan=gia_lai).values_list("due_on", flat=True))
    assert any(d < today for d in due)
    assert any(today <= d <= today + timedelta(days=7) for d in due)
    assert any(d > today + timedelta(days=7) for d in due)
    yearly = ReportingPeriod.objects.filter(task__plan=gia_lai, label=f"Báo cáo năm {today.year}")
    assert yearly.count() == 18 and {p.due_on for p in yearly} == {date(today.year, 12, 31)}
    reports = ProgressReport.objects.filter(period__task__plan=gia_lai)
    assert sorted(reports.values_list("status", flat=True)) == ["accepted", "returned"]
    assert all(r.period.due_on < today and r.text.startswith("Dữ liệu minh họa.") for r in reports)


def test_gia_lai_labels_state_the_real_dates(monkeypatch):
    monkeypatch.setattr(demo_plans, "local_today", lambda: date(2026, 11, 27))
    seed()
    periods = ReportingPeriod.objects.filter(task__plan__code=GIA_LAI, task__code="IV.1")
    assert [(p.label, p.starts_on, p.ends_on, p.due_on) for p in periods] == [
        ("Quý IV/2026", date(2026, 10, 1), date(2026, 12, 31), date(2026, 11, 7)),
        ("Báo cáo năm 2026", date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 31)),
        ("Quý I/2027", date(2027, 1, 1), date(2027, 3, 31), date(2027, 2, 7)),
    ]
    assert ReportingPeriod.objects.get(task__plan__code=GIA_LAI, task__code="IV.3.d", order=1).label == "Quý I/2027"


# -- Both ---------------------------------------------------------------------


def test_every_row_is_valid():
    seed()
    for model in apps.get_app_config("campaign").get_models():
        if issubclass(model, HistoricalChanges):
            continue  # the audit log's rows: written by simple-history, never by a form (no user for seed_demo)
        for obj in model.objects.all():
            obj.full_clean()


def test_second_run_changes_nothing():
    seed()
    before = snapshot()
    output = seed()
    assert snapshot() == before
    for code in (DA_LAT, GIA_LAI):
        assert "0 tạo mới," in plan_line(output, code)


@pytest.mark.parametrize("shift", [3, 45, 400, -30])
def test_a_run_on_another_day_changes_nothing(monkeypatch, shift):
    seed()
    before = snapshot()
    later = local_today() + timedelta(days=shift)
    monkeypatch.setattr(demo_plans, "local_today", lambda: later)
    output = seed()
    assert snapshot() == before
    assert "0 tạo mới," in plan_line(output, GIA_LAI)


def test_a_theme_changed_by_staff_is_kept():
    seed()
    Theme.objects.filter(plan__code=DA_LAT, code="1.3").update(title="Đã sửa")
    output = seed()
    assert Theme.objects.get(plan__code=DA_LAT, code="1.3").title == "Đã sửa"
    assert "0 tạo mới," in plan_line(output, DA_LAT)


def test_each_plan_carries_its_source_document_as_the_original_file():
    seed()
    plan = Plan.objects.get(code="ke-hoach-viet-lao-campuchia-2022")
    with plan.original_file.open("rb") as original:
        assert "Năm Đoàn kết hữu nghị Việt Nam - Lào 2022" in original.read().decode("utf-8")
    gia_lai = Plan.objects.get(code="phuong-huong-gia-lai-nam-lao-2026-2030")
    assert gia_lai.original_file.name.endswith(".md")


# -- Issue 10: rule set, filled fields, stored originals, the two books ------------------------


def media_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_the_gia_lai_plan_is_a_state_document_and_the_da_lat_plan_a_party_one(gia_lai):
    from io import BytesIO

    from docx import Document

    from campaign.documents import plan_docx

    assert gia_lai.issuer_kind == "state" and gia_lai.reference == "Số: …/KH-UBND"
    assert Plan.objects.get(code=DA_LAT).issuer_kind == "party"
    document = Document(BytesIO(plan_docx(gia_lai)))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            texts.extend(p.text for p in cell.paragraphs)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts and "Số: …/KH-UBND" in texts
    assert not any("ĐẢNG CỘNG SẢN" in text for text in texts)
    # Mục đích from the report's aim clause; no Yêu cầu and no channels in the source: no heading.
    assert "I. MỤC ĐÍCH" in texts and "1. Mục đích" in texts and "2. Thời gian" in texts
    assert "2. Yêu cầu" not in texts and not any("HÌNH THỨC TUYÊN TRUYỀN" in text for text in texts)
    assert "- Khai thác hiệu quả tiềm năng, lợi thế của mỗi bên phục vụ phát triển kinh tế – xã hội trong thời gian tới." in texts
    left, right = document.tables[-1].rows[0].cells
    assert [p.text for p in left.paragraphs][:2] == ["Nơi nhận:", "- Bộ Ngoại giao;"]
    assert left.paragraphs[-1].text == "- Lưu: VT, VI, N1, X1, T2."
    assert [p.text for p in right.paragraphs if p.text] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    # What the source does not give is said to be demo data, not invented.
    assert "Dữ liệu minh họa: nơi nhận và thẩm quyền ký lấy theo Báo cáo số 04/BC-UBND" in gia_lai.notes
    assert gia_lai.signer_name == ""


def test_seed_fills_the_new_plan_fields_only_while_blank(gia_lai):
    Plan.objects.filter(pk=gia_lai.pk).update(recipients="Sở Ngoại vụ;\nLưu: VT.", purposes="")
    seed()
    gia_lai.refresh_from_db()
    assert gia_lai.recipients == "Sở Ngoại vụ;\nLưu: VT."
    assert "Khai thác hiệu quả tiềm năng" in gia_lai.purposes


def test_seed_stores_each_source_file_once(settings):
    media_root = settings.PRIVATE_MEDIA_ROOT  # plans' originals are private (staff documents)
    seed()
    assert media_files(media_root) == [
        "plans/bao-cao-gia-lai-nam-lao-2021-2025.md", "plans/ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md",
    ]
    seed()
    # A new database on the same media folder (the plans are loaded again) reuses the stored files.
    Plan.objects.filter(code__in=[DA_LAT, GIA_LAI]).update(original_file="")
    seed()
    assert media_files(media_root) == [
        "plans/bao-cao-gia-lai-nam-lao-2021-2025.md", "plans/ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md",
    ]
    assert Plan.objects.get(code=DA_LAT).original_file.name == "plans/ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md"


def test_a_stored_file_with_other_content_is_not_reused(settings):
    media_root = settings.PRIVATE_MEDIA_ROOT
    (media_root / "plans").mkdir(parents=True)
    (media_root / "plans" / "ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md").write_text("Tệp khác")
    seed()
    plan = Plan.objects.get(code=DA_LAT)
    assert plan.original_file.name != "plans/ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md"
    with plan.original_file.open("rb") as original:
        assert original.read() == (demo_plans.SOURCES / "ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md").read_bytes()
    assert (media_root / "plans" / "ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md").read_text() == "Tệp khác"


def test_the_two_books_say_what_the_plan_says_and_that_the_portal_has_no_copy(da_lat, client):
    book = ReferenceDocument.objects.get(code="sach-quan-he-dac-biet-viet-nam-lao-1930-2017")
    assert (book.publisher, book.year, book.authors) == ("Ban Tuyên giáo Trung ương; Nxb. Chính trị quốc gia Sự thật", 2017, "")
    html = client.get(f"/tai-lieu/{book.code}/").content.decode()
    assert "Quan hệ đặc biệt Việt Nam - Lào (1930 - 2017)" in html
    assert "Nxb. Chính trị quốc gia Sự thật" in html and "2017" in html
    assert "Nguồn không ghi tên tác giả." in html
    assert "quan hệ đặc biệt Việt Nam - Lào từ năm 1930 đến năm 2017" in html
    assert "Tuyên truyền về lịch sử quan hệ đặc biệt Việt Nam - Lào và các thành tựu hợp tác" in html
    assert "Cổng thông tin không có bản của tài liệu này." in html
    other = ReferenceDocument.objects.get(code="sach-quan-he-huu-nghi-viet-nam-campuchia-1930-2017")
    assert other.year == 2017 and "nội dung 1.1" in other.description
    listing = client.get("/tai-lieu/").content.decode()
    assert listing.count("Cổng thông tin không có bản của tài liệu này") == 2
    appendix = client.get("/tai-lieu/phu-luc-quan-he-viet-nam-lao-2017-2022/").content.decode()
    assert "không có bản của tài liệu này" not in appendix
