"""Staff write, issue and close plans, and give tasks to units, through pages."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document

from campaign.models import Assignment, Plan, ReportingPeriod, Task
from tests.campaign.world import make_plan
from tests.factories import UnitFactory, make_staff

pytestmark = pytest.mark.django_db

PLAN_DATA = {
    "title": "Tuyên truyền kỷ niệm 65 năm quan hệ ngoại giao Việt Nam - Lào",
    "number": "", "symbol": "KH/TU", "parent_body": "ĐẢNG BỘ TỈNH LÂM ĐỒNG", "issuing_body": "THÀNH ỦY ĐÀ LẠT",
    "place": "Đà Lạt", "issued_on": "", "basis": "<p>Thực hiện Hướng dẫn của Ban Tuyên giáo Tỉnh ủy.</p>",
    "purposes": "<ul><li>Giáo dục truyền thống.</li></ul><script>alert(1)</script>",
    "requirements": "<p>Thiết thực, hiệu quả.</p>", "time_frame": "<p>Cả năm 2027.</p>",
    "starts_on": "01/01/2027", "ends_on": "31/12/2027", "peak_start": "01/07/2027", "peak_end": "30/09/2027",
    "closing": "", "recipients": "Ban Tuyên giáo Tỉnh ủy (b/c)\nLưu: VT", "signer_authority": "T/M BAN THƯỜNG VỤ",
    "signer_title": "PHÓ BÍ THƯ", "signer_name": "Nguyễn Văn A", "grace_days": "0", "lock_after_days": "",
}


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff())
    return client


def test_staff_create_a_plan_as_a_draft_with_cleaned_rich_text(staff_client):
    response = staff_client.post("/lam-viec/ke-hoach/them/", PLAN_DATA)
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.DRAFT
    assert plan.code.startswith("tuyen-truyen-ky-niem-65-nam")
    assert "<script>" not in plan.purposes and "Giáo dục truyền thống." in plan.purposes
    assert plan.peak_start == date(2027, 7, 1)
    page = staff_client.get(response["Location"]).content.decode()
    assert "Số …-KH/TU" in page and "ĐẢNG CỘNG SẢN VIỆT NAM" in page and "Tháng 7/2027" not in page


def test_peak_outside_the_plan_is_refused_in_vietnamese(staff_client):
    data = {**PLAN_DATA, "peak_start": "01/12/2026", "peak_end": "30/09/2027"}
    response = staff_client.post("/lam-viec/ke-hoach/them/", data)
    assert response.status_code == 200
    assert "Thời gian cao điểm phải nằm trong thời gian của kế hoạch." in response.content.decode()
    assert Plan.objects.count() == 0


def test_end_before_start_is_refused(staff_client):
    response = staff_client.post("/lam-viec/ke-hoach/them/", {**PLAN_DATA, "ends_on": "01/12/2026", "peak_start": "", "peak_end": ""})
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert Plan.objects.count() == 0


def test_original_file_must_be_a_document(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {**PLAN_DATA, "original_file": SimpleUploadedFile("ke-hoach.exe", b"MZ...")}
    response = staff_client.post("/lam-viec/ke-hoach/them/", data)
    assert "Văn bản gốc phải là tệp PDF, DOC, DOCX hoặc ODT." in response.content.decode()
    assert Plan.objects.count() == 0


def test_edit_issue_start_and_close_a_plan(staff_client):
    plan = make_plan(status=Plan.Status.DRAFT)
    response = staff_client.post(f"/lam-viec/ke-hoach/{plan.pk}/sua/", {**PLAN_DATA, "title": "Tên mới"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Tên mới"
    for status in ("issued", "in_progress", "closed"):
        response = staff_client.post(f"/lam-viec/ke-hoach/{plan.pk}/trang-thai/", {"status": status}, follow=True)
        assert f"Kế hoạch chuyển sang “{Plan.Status(status).label}”." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CLOSED


def test_a_jump_in_status_is_refused(staff_client):
    plan = make_plan(status=Plan.Status.DRAFT)
    response = staff_client.post(f"/lam-viec/ke-hoach/{plan.pk}/trang-thai/", {"status": "closed"}, follow=True)
    assert "Không thể chuyển kế hoạch từ “Dự thảo” sang “Đã tổng kết”." in response.content.decode()
    response = staff_client.post(f"/lam-viec/ke-hoach/{plan.pk}/trang-thai/", {"status": "xoa"}, follow=True)
    assert "Trạng thái không hợp lệ." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_assign_a_monthly_task_to_many_units_at_once(staff_client):
    plan = make_plan()
    units = [UnitFactory(), UnitFactory(), UnitFactory()]
    response = staff_client.post(f"/lam-viec/ke-hoach/{plan.pk}/nhiem-vu/them/", {
        "code": "IV.4.a", "title": "Đưa tin các hoạt động kỷ niệm", "description": "", "theme": "", "unit_group": "Trung tâm",
        "schedule": "monthly", "weight": "", "units": [u.pk for u in units], "first_month": "01/07/2022",
        "last_month": "30/09/2022", "due_day": "5", "final_due_on": "15/12/2022",
    })
    assert response.status_code == 302
    task = Task.objects.get()
    assert Assignment.objects.filter(task=task).count() == 3
    assert list(ReportingPeriod.objects.filter(task=task).values_list("label", "due_on")) == [
        ("Tháng 7/2022", date(2022, 8, 5)), ("Tháng 8/2022", date(2022, 9, 5)), ("Tháng 9/2022", date(2022, 10, 5)),
        ("Báo cáo tổng kết", date(2022, 12, 15)),
    ]
    page = staff_client.get(response["Location"]).content.decode()
    assert page.count("Chưa đến hạn") + page.count("Quá hạn") == 12


def test_word_export_reads_like_the_plan(staff_client):
    plan = make_plan(number="45", title="Triển khai tuyên truyền Năm Đoàn kết hữu nghị")
    response = staff_client.get(f"/lam-viec/ke-hoach/{plan.pk}/van-ban.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "Triển khai tuyên truyền Năm Đoàn kết hữu nghị" in text
    tables = "\n".join(cell.text for t in Document(BytesIO(response.content)).tables for row in t.rows for cell in row.cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in tables and "Số 45-KH/TU" in tables


@pytest.mark.parametrize("schedule, expected", [
    ("half_yearly", [("6 tháng đầu năm 2022", date(2022, 7, 5)), ("6 tháng cuối năm 2022", date(2023, 1, 5))]),
    ("yearly", [("Năm 2022", date(2023, 1, 5))]),
])
def test_half_yearly_and_yearly_tasks_from_the_page_to_the_matrix(staff_client, schedule, expected):
    """The two kinds added for the cooperation report, end to end: form, service, periods, task page."""
    plan = make_plan()
    plan.ends_on = date(2023, 12, 31)
    plan.save()
    units = [UnitFactory(), UnitFactory()]
    response = staff_client.post(f"/lam-viec/ke-hoach/{plan.pk}/nhiem-vu/them/", {
        "code": "", "title": "Báo cáo kết quả hợp tác", "description": "", "theme": "", "unit_group": "",
        "schedule": schedule, "weight": "", "units": [u.pk for u in units], "first_month": "01/03/2022",
        "last_month": "31/12/2022", "due_day": "5", "final_due_on": "",
    })
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.schedule == schedule and task.get_schedule_display() in ("6 tháng một lần", "Hằng năm")
    assert list(ReportingPeriod.objects.filter(task=task).order_by("due_on").values_list("label", "due_on")) == expected
    page = staff_client.get(response["Location"]).content.decode()
    for label, _ in expected:
        assert label in page


def test_a_half_yearly_task_without_its_months_is_refused(staff_client):
    plan = make_plan()
    response = staff_client.post(f"/lam-viec/ke-hoach/{plan.pk}/nhiem-vu/them/", {
        "title": "Báo cáo 6 tháng", "schedule": "half_yearly", "units": [UnitFactory().pk], "due_day": "5",
    })
    assert response.status_code == 200
    assert "Nhập tháng của kỳ báo cáo đầu tiên." in response.content.decode()
    assert not Task.objects.exists()
