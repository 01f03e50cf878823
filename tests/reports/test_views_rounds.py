"""The rounds' pages (reports.views.rounds): the sở officer's form, staff review and compile, and who reaches what."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from campaign.models import LockException, ProgressReport, ReportEvent
from reports.models import IndicatorValue, RoundIndicator, SectorNarrative, SectorSubmission
from tests.factories import make_officer


def trade_item(submission):
    return RoundIndicator.objects.get(round=submission.round, sector__number=6, indicator__name="Kim ngạch thương mại hai chiều")


def item_in(submission):
    """The first indicator of the submission's sectors, and its previous value for all four (if any)."""
    return RoundIndicator.objects.filter(round=submission.round, sector__in=submission.sectors.all()).order_by(
        "sector__number", "order").first()


def form_data(submission, values=None, submit=False, **extra):
    data = {"year": submission.round.year, "note": ""}
    for sector in submission.sectors.all():
        data[f"narrative_{sector.pk}"] = f"<p>Năm {submission.round.year}, lĩnh vực {sector.number} tiếp tục được triển khai.</p>"
    for (item, partner_id), text in (values or {}).items():
        data[f"value_{item.pk}_{partner_id or 0}"] = text
    data.update(extra)
    data["submit" if submit else "draft"] = "1"
    return data


@pytest.fixture
def trade(round_2026):
    """(submission, officer, item) of Sở Công Thương, sector 6 – trade: 47,9 triệu USD in 2023."""
    submission = SectorSubmission.objects.get(round=round_2026, assignment__unit__code="so-cong-thuong-gl")
    officer = make_officer(submission.assignment.unit, username="socongthuong")
    return submission, officer, trade_item(submission)


def test_form_shows_last_period_and_change(client, trade):
    submission, officer, item = trade
    client.force_login(officer)
    url = submission.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Kim ngạch thương mại hai chiều" in html and "Kỳ trước (2023): 47,9" in html
    assert "Cách nhập số:" in html and "1.234,5" in html and "73 triệu" in html
    response = client.post(url, form_data(submission, {(item, None): "52,69"}))
    assert response.status_code == 302
    value = IndicatorValue.objects.get(submission=submission)
    assert (value.number, value.year_start, value.partner, value.report) == (Decimal("52.69"), 2026, None, submission.round.report)
    html = client.get(url).content.decode()
    assert 'value="52,69"' in html and "thay đổi 10%" in html
    assert SectorSubmission.objects.get(pk=submission.pk).status == "draft"
    assert not ProgressReport.objects.filter(assignment=submission.assignment).exists()


def test_form_queries_do_not_grow_with_indicators(client, trade, round_2026, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    submission, officer, _ = trade
    client.force_login(officer)
    url = submission.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    # session, user, the two-factor device (django-otp), groups; submission, sectors, items, partners, last values,
    # values, narratives; the menu's 4
    assert len(few.captured_queries) <= 15
    # Give the unit every indicator of the round (sectors 2–14): the form grows, the queries do not.
    submission.sectors.set(round_2026.report.values.model._meta.get_field("sector").related_model.objects.all())
    many_items = RoundIndicator.objects.filter(round=round_2026).count()
    assert many_items > 4 * RoundIndicator.objects.filter(round=round_2026, sector__number=6).count()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_an_outlier_needs_confirmation_and_a_comment(client, trade):
    submission, officer, item = trade
    client.force_login(officer)
    url = submission.get_absolute_url()
    response = client.post(url, form_data(submission, {(item, None): "750"}, submit=True))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Số 750 lớn hơn 10 lần kỳ trước (47,9 (2023))" in html and "Xác nhận số liệu khác thường" in html
    assert not IndicatorValue.objects.filter(submission=submission).exists()
    response = client.post(url, form_data(submission, {(item, None): "750"}, submit=True, **{f"confirm_{item.pk}": "on"}))
    assert response.status_code == 200 and "ghi giải thích" in response.content.decode()
    response = client.post(url, form_data(submission, {(item, None): "750"}, submit=True, **{
        f"confirm_{item.pk}": "on", f"why_{item.pk}": "Dự án điện gió xuất khẩu điện năm 2026"}))
    assert response.status_code == 302
    value = IndicatorValue.objects.get(submission=submission)
    assert value.confirmed_outlier and value.outlier_note == "Dự án điện gió xuất khẩu điện năm 2026"
    assert SectorSubmission.objects.get(pk=submission.pk).status == "submitted"


@pytest.mark.parametrize("typed, message", [
    ("nhiều", "không phải là số"),
    ("-3", "không nhận số âm"),
    ("12 tấn", "Đơn vị «tấn» không khớp đơn vị tính của chỉ tiêu («triệu USD»)"),
    ("73 triệu", "đã là «triệu USD»"),
    ("1,234.5", "dấu chấm chỉ dùng tách nhóm 3 chữ số"),
])
def test_bad_numbers_refused_at_the_field(client, trade, typed, message):
    submission, officer, item = trade
    client.force_login(officer)
    response = client.post(submission.get_absolute_url(), form_data(submission, {(item, None): typed}))
    assert response.status_code == 200 and message in response.content.decode()
    assert not IndicatorValue.objects.filter(submission=submission).exists()


def test_count_and_percentage_rules_at_the_field(client, round_2026):
    submission = SectorSubmission.objects.get(round=round_2026, assignment__unit__code="so-gddt-gl")
    officer = make_officer(submission.assignment.unit, username="sogddt")
    client.force_login(officer)
    items = RoundIndicator.objects.filter(round=round_2026, sector__number=3).select_related("indicator")
    count = next(i for i in items if i.indicator.kind == "count")
    response = client.post(submission.get_absolute_url(), form_data(submission, {(count, None): "2,5"}))
    assert "phải là số nguyên" in response.content.decode()


def test_percentage_over_100_refused(client, round_2026):
    from reports.models import Indicator

    share = Indicator.objects.create(code="ty-le-thu", name="Tỷ lệ hoàn thành", unit="%", kind="percentage")
    submission = SectorSubmission.objects.get(round=round_2026, assignment__unit__code="so-cong-thuong-gl")
    item = RoundIndicator.objects.create(round=round_2026, sector=submission.sectors.get(), indicator=share, order=999)
    officer = make_officer(submission.assignment.unit, username="sct2")
    client.force_login(officer)
    response = client.post(submission.get_absolute_url(), form_data(submission, {(item, None): "120"}))
    assert "không quá 100%" in response.content.decode()


def test_year_outside_the_period_refused(client, trade):
    submission, officer, item = trade
    client.force_login(officer)
    response = client.post(submission.get_absolute_url(), form_data(submission, {(item, None): "50"}, year=2025))
    assert "Năm 2025 nằm ngoài kỳ báo cáo (2026)." in response.content.decode()


def test_submit_return_refile_accept_and_the_public_page(client, trade, staff):
    submission, officer, item = trade
    client.force_login(officer)
    url = submission.get_absolute_url()
    champasak = submission.round.report.values.model._meta.get_field("partner").related_model.objects.get(code="champasak")
    client.post(url, form_data(submission, {(item, None): "52,7", (item, champasak.pk): "20"}, submit=True))
    report = ProgressReport.objects.get(assignment=submission.assignment, period=submission.round.period)
    assert "Kim ngạch thương mại hai chiều với 4 tỉnh Nam Lào năm 2026 đạt 52,7 triệu USD." in report.text
    public = reverse("reports:detail", args=[submission.round.report.code])
    html = client.get(public).content.decode()
    assert "52,7 triệu USD" not in html  # not accepted yet
    assert "đang thu thập số liệu từ các sở, ngành" in html
    assert "III. ĐÁNH GIÁ CHUNG" not in html and "GIAI ĐOẠN None" not in html and 'href="#phuong-huong"' not in html

    client.force_login(staff)
    review = reverse("rounds:review", args=[submission.pk])
    html = client.get(review).content.decode()
    assert "Kỳ trước (2023): 47,9" in html and "52,7" in html
    assert client.post(review, {"decision": "return", "comment": ""}).status_code == 200
    client.post(review, {"decision": "return", "comment": "Bổ sung số của tỉnh Salavan."})
    assert SectorSubmission.objects.get(pk=submission.pk).status == "returned"

    client.force_login(officer)
    assert "Bổ sung số của tỉnh Salavan." in client.get(url).content.decode()
    salavan = champasak.__class__.objects.get(code="salavan")
    client.post(url, form_data(submission, {(item, None): "52,7", (item, champasak.pk): "20", (item, salavan.pk): "5"}, submit=True))
    assert SectorSubmission.objects.get(pk=submission.pk).status == "submitted"
    assert list(report.events.values_list("action", flat=True).order_by("at", "pk")) == [
        ReportEvent.Action.SUBMITTED, ReportEvent.Action.RETURNED, ReportEvent.Action.RESUBMITTED]

    client.force_login(staff)
    client.post(review, {"decision": "accept", "comment": ""})
    assert SectorSubmission.objects.get(pk=submission.pk).status == "accepted"
    html = client.get(public).content.decode()
    assert "52,7 triệu USD" in html and "lĩnh vực 6 tiếp tục được triển khai" in html

    client.force_login(officer)
    assert "đã được Ban Tuyên giáo chấp nhận" in client.get(url).content.decode()
    assert client.post(url, form_data(submission, {(item, None): "1"}, submit=True)).status_code == 403
    assert IndicatorValue.objects.get(submission=submission, partner=None).number == Decimal("52.7")

    client.force_login(staff)
    client.post(reverse("rounds:compile", args=[submission.round.pk]))
    narrative = SectorNarrative.objects.get(report=submission.round.report, sector__number=6)
    assert "Kim ngạch thương mại hai chiều với tỉnh Champasak năm 2026 đạt 20 triệu USD." in narrative.figures_text
    submission.round.report.refresh_from_db()
    assert submission.round.report.status == "compiled"
    assert "với tỉnh Salavan năm 2026 đạt 5 triệu USD." in client.get(public).content.decode()


def test_campaign_form_sends_the_unit_to_the_rounds_form(client, trade):
    submission, officer, _ = trade
    client.force_login(officer)
    url = reverse("campaign:report_file", args=[submission.assignment.pk, submission.round.period.pk])
    assert client.get(url).url == submission.get_absolute_url()
    assert client.post(url, {"text": "<p>Nộp vòng ngoài</p>"}).url == submission.get_absolute_url()
    assert not ProgressReport.objects.filter(assignment=submission.assignment).exists()
    html = client.get(reverse("campaign:my_work")).content.decode()
    assert url in html


# Who reaches what ----------------------------------------------------------------------


def test_other_units_submissions_are_404_by_every_url_and_post(client, trade, round_2026, foreign_affairs):
    submission, officer, item = trade
    other, _ = foreign_affairs
    client.force_login(officer)
    url = other.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(other, {}, submit=True)).status_code == 404
    assert not ProgressReport.objects.filter(assignment=other.assignment).exists()
    for name in ("rounds:review", "rounds:round", "rounds:compile"):
        pk = other.pk if name == "rounds:review" else round_2026.pk
        assert client.get(reverse(name, args=[pk])).status_code in (403, 405)
        assert client.post(reverse(name, args=[pk]), {"decision": "accept"}).status_code == 403
    assert client.get(reverse("rounds:open")).status_code == 403
    assert client.post(reverse("rounds:open"), {}).status_code == 403
    assert client.get(reverse("rounds:list")).status_code == 403


def test_sectors_of_another_unit_cannot_be_posted_into_ones_own_form(client, trade, round_2026):
    submission, officer, _ = trade
    foreign_item = RoundIndicator.objects.filter(round=round_2026, sector__number=2).first()
    client.force_login(officer)
    data = form_data(submission, {}, submit=False)
    data[f"value_{foreign_item.pk}_0"] = "5"
    data[f"narrative_{foreign_item.sector_id}"] = "<p>Ghi đè</p>"
    assert client.post(submission.get_absolute_url(), data).status_code == 302
    assert not IndicatorValue.objects.filter(report=round_2026.report, sector_id=foreign_item.sector_id).exists()
    assert not SectorNarrative.objects.filter(report=round_2026.report, sector_id=foreign_item.sector_id).exists()


def test_anonymous_and_staff_cannot_fill(client, trade, staff):
    submission, _, _ = trade
    url = submission.get_absolute_url()
    assert client.get(url).status_code == 302 and "/tai-khoan/dang-nhap/" in client.get(url).url
    client.force_login(staff)
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(submission)).status_code == 404


def test_other_rounds_are_404_for_the_officer(client, trade, staff, round_2026):
    from reports import rounds as service
    from reports.models import Report

    submission, officer, _ = trade
    round_2026.report.status = Report.Status.ISSUED
    round_2026.report.save()
    nxt = service.round_open(previous=round_2026.report, year=2027, due_on=date(2027, 12, 15), plan=round_2026.task.plan, by=staff)
    other_round = nxt.submissions.exclude(assignment__unit=submission.assignment.unit).first()
    client.force_login(officer)
    assert client.get(other_round.get_absolute_url()).status_code == 404
    own_next = nxt.submissions.get(assignment__unit=submission.assignment.unit)
    assert client.get(own_next.get_absolute_url()).status_code == 200


def test_locked_period_refuses_every_post(client, trade):
    submission, officer, item = trade
    plan = submission.round.task.plan
    plan.lock_after_days = 0
    plan.save()
    period = submission.round.period
    period.due_on = date.today() - timedelta(days=3)
    period.save()
    client.force_login(officer)
    url = submission.get_absolute_url()
    html = client.get(url).content.decode()
    assert "đã khóa sổ" in html and 'name="submit"' not in html
    response = client.post(url, form_data(submission, {(item, None): "50"}, submit=True))
    assert response.status_code == 403 and "đã khóa sổ" in response.content.decode()
    assert not IndicatorValue.objects.filter(submission=submission).exists()
    LockException.objects.create(assignment=submission.assignment, period=period, until=date.today() + timedelta(days=2),
                                 reason="Bổ sung")
    assert client.post(url, form_data(submission, {(item, None): "50"}, submit=True)).status_code == 302
