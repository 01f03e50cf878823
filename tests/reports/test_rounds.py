"""Reporting rounds (reports.rounds): opening on the campaign's deadline engine, filling, review, compile."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from campaign.demo.plans import GIA_LAI_CODE
from campaign.models import Assignment, Plan, ProgressReport, ReportEvent
from campaign.services import ServiceError
from reports import rounds
from reports.models import IndicatorValue, Report, Round, RoundIndicator, Sector, SectorNarrative, SectorSubmission


def test_staff_open_a_round_in_a_few_clicks(client, seeded, staff):
    client.force_login(staff)
    form = client.get(reverse("rounds:open")).content.decode()
    assert 'value="2026"' in form and 'value="15/12/2026"' in form
    plan = Plan.objects.get(code=GIA_LAI_CODE)
    response = client.post(reverse("rounds:open"), {"previous": seeded.pk, "year": 2026, "due_on": "15/12/2026",
                                                    "plan": plan.pk})
    round_ = Round.objects.get()
    assert response.status_code == 302 and response.url == round_.get_absolute_url()
    report = round_.report
    assert report.status == Report.Status.COLLECTING and (report.period_start_year, report.period_end_year) == (2026, 2026)
    assert (report.issuer, report.symbol, report.place, report.recipients, report.signer_name) == (
        seeded.issuer, seeded.symbol, seeded.place, seeded.recipients, seeded.signer_name)
    assert report.number == "" and report.issued_on is None
    # The campaign's engine: one task of the plan, one period, one assignment per responsible unit.
    task = round_.task
    assert task.plan == plan and task.schedule == "yearly"
    period = task.periods.get()
    assert (period.label, period.starts_on, period.ends_on, period.due_on) == (
        "Năm 2026", date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 15))
    units = {s.responsible_unit_id for s in Sector.objects.all()}
    assert set(Assignment.objects.filter(task=task).values_list("unit_id", flat=True)) == units
    assert round_.submissions.count() == len(units)
    foreign = round_.submissions.get(assignment__unit__code="so-ngoai-vu-gl")
    assert sorted(foreign.sectors.values_list("number", flat=True)) == [2, 5, 10, 11]
    # Structure: the sectors' indicators of the previous report.
    expected = set(seeded.values.filter(sector__isnull=False).values_list("sector_id", "indicator_id"))
    assert set(round_.indicators.values_list("sector_id", "indicator_id")) == expected
    html = client.get(round_.get_absolute_url()).content.decode()
    assert "Sở Ngoại vụ tỉnh Gia Lai" in html and "Đang soạn (chưa nộp)" in html


def test_round_opening_refusals(seeded, staff, round_2026):
    plan = round_2026.task.plan
    with pytest.raises(ServiceError, match="Đã mở đợt báo cáo năm 2026"):
        rounds.round_open(previous=seeded, year=2026, due_on=date(2026, 12, 15), plan=plan, by=staff)
    with pytest.raises(ServiceError, match="phải sau kỳ của báo cáo trước"):
        rounds.round_open(previous=seeded, year=2025, due_on=date(2025, 12, 15), plan=plan, by=staff)
    with pytest.raises(ServiceError, match="ngoài thời gian của kế hoạch"):
        rounds.round_open(previous=seeded, year=2031, due_on=date(2031, 12, 15), plan=plan, by=staff)
    with pytest.raises(ServiceError, match="không được trước ngày bắt đầu"):
        rounds.round_open(previous=seeded, year=2027, due_on=date(2026, 12, 15), plan=plan, by=staff)
    plan.status = Plan.Status.CLOSED
    plan.save()
    with pytest.raises(ServiceError, match="không nhận báo cáo"):
        rounds.round_open(previous=seeded, year=2027, due_on=date(2027, 12, 15), plan=plan, by=staff)


def test_next_round_follows_the_previous_rounds_structure(seeded, staff, round_2026):
    round_2026.report.status = Report.Status.ISSUED
    round_2026.report.save()
    nxt = rounds.round_open(previous=round_2026.report, year=2027, due_on=date(2027, 12, 15),
                            plan=round_2026.task.plan, by=staff)
    assert list(nxt.indicators.values_list("sector_id", "indicator_id")) == list(
        round_2026.indicators.values_list("sector_id", "indicator_id"))


def item_of(submission, indicator_name):
    return RoundIndicator.objects.get(round=submission.round, sector__in=submission.sectors.all(),
                                      indicator__name=indicator_name)


def test_previous_value_is_the_latest_year_for_the_same_partner(round_2026):
    trade = RoundIndicator.objects.filter(round=round_2026, indicator__name="Kim ngạch thương mại hai chiều").first()
    found = rounds.previous_values(round_2026, {trade.indicator_id})
    assert found[trade.indicator_id, None].year_start == 2023 and found[trade.indicator_id, None].number == Decimal("47.9")


def test_outlier_message():
    last = IndicatorValue(number=Decimal(10), year_start=2025, year_end=2025)
    assert rounds.outlier_message(Decimal(101), last).startswith("Số 101 lớn hơn 10 lần kỳ trước (10 (2025))")
    assert rounds.outlier_message(Decimal("0.9"), last).startswith("Số 0,9 nhỏ hơn 1/10 kỳ trước")
    assert rounds.outlier_message(Decimal(100), last) == "" and rounds.outlier_message(Decimal(1), last) == ""
    assert rounds.outlier_message(Decimal(5), None) == ""
    assert rounds.change_percent(Decimal(15), last) == 50


def test_sentences_by_kind(round_2026):
    from reports.models import Indicator, PartnerProvince

    money = Indicator(name="Kim ngạch xuất nhập khẩu", unit="triệu USD", kind="money")
    assert rounds.value_sentence(money, None, 2026, Decimal("75.2")) == (
        "Kim ngạch xuất nhập khẩu với 4 tỉnh Nam Lào năm 2026 đạt 75,2 triệu USD.")
    count = Indicator(name="Số suất học bổng", unit="suất", kind="count")
    partner = PartnerProvince.objects.get(code="champasak")
    assert rounds.value_sentence(count, partner, 2026, Decimal(120)) == "Số suất học bổng với tỉnh Champasak năm 2026: 120 suất."
    share = Indicator(name="Tỷ lệ giải ngân", unit="%", kind="percentage")
    assert rounds.value_sentence(share, None, 2026, Decimal(95)) == "Tỷ lệ giải ngân với 4 tỉnh Nam Lào năm 2026 đạt 95%."


def entry_for(submission, number, partner=None):
    item = RoundIndicator.objects.filter(round=submission.round, sector__in=submission.sectors.all()).select_related(
        "indicator", "sector").first()
    return rounds.Entry(item=item, partner=partner, number=Decimal(number))


def test_service_rules_hold_without_the_form(round_2026, foreign_affairs):
    submission, officer = foreign_affairs
    other = SectorSubmission.objects.get(round=round_2026, assignment__unit__code="so-cong-thuong-gl")
    with pytest.raises(ServiceError, match="không thuộc lĩnh vực của đơn vị"):
        rounds.submission_save(submission=submission, by=officer, year=2026, narratives={}, entries=[entry_for(other, 5)])
    with pytest.raises(ServiceError, match="Lĩnh vực không thuộc đơn vị"):
        rounds.submission_save(submission=submission, by=officer, year=2026,
                               narratives={other.sectors.get(): "<p>x</p>"}, entries=[])
    with pytest.raises(ServiceError, match="không nhận số âm"):
        rounds.submission_save(submission=submission, by=officer, year=2026, narratives={}, entries=[entry_for(submission, -1)])
    with pytest.raises(ServiceError, match="nằm ngoài kỳ báo cáo"):
        rounds.submission_save(submission=submission, by=officer, year=2027, narratives={}, entries=[])
    assert not IndicatorValue.objects.filter(submission=submission).exists()


def test_submitted_part_changes_only_by_filing_again(round_2026, foreign_affairs, staff):
    submission, officer = foreign_affairs
    rounds.submission_save(submission=submission, by=officer, year=2026, narratives={}, entries=[entry_for(submission, 3)],
                           submit=True)
    submission.refresh_from_db()
    assert submission.status == "submitted" and submission.progress_report.status == ProgressReport.Status.SUBMITTED
    with pytest.raises(ServiceError, match="bấm «Nộp lại»"):
        rounds.submission_save(submission=submission, by=officer, year=2026, narratives={}, entries=[], submit=False)
    rounds.submission_save(submission=submission, by=officer, year=2026, narratives={}, entries=[entry_for(submission, 4)],
                           submit=True)
    assert [e.action for e in submission.progress_report.events.order_by("pk")] == [
        ReportEvent.Action.SUBMITTED, ReportEvent.Action.UPDATED]
    rounds.submission_accept(submission=submission, by=staff)
    submission.refresh_from_db()
    assert submission.status == "accepted"
    with pytest.raises(ServiceError, match="đã được Ban Tuyên giáo chấp nhận"):
        rounds.submission_save(submission=submission, by=officer, year=2026, narratives={}, entries=[], submit=True)
    assert IndicatorValue.objects.get(submission=submission).number == 4


def test_a_draft_cannot_be_reviewed(foreign_affairs, staff):
    submission, _ = foreign_affairs
    with pytest.raises(ServiceError, match="chưa nộp"):
        rounds.submission_accept(submission=submission, by=staff)
    with pytest.raises(ServiceError, match="chưa nộp"):
        rounds.submission_return(submission=submission, by=staff, comment="Bổ sung")


def test_filing_form_url_only_for_a_rounds_assignment(foreign_affairs):
    submission, _ = foreign_affairs
    assert rounds.filing_form_url(assignment=submission.assignment, period=submission.round.period) == submission.get_absolute_url()
    other_assignment = Assignment.objects.exclude(pk__in=SectorSubmission.objects.values("assignment")).select_related("task").first()
    assert rounds.filing_form_url(assignment=other_assignment, period=other_assignment.task.periods.first()) is None


def test_the_round_task_gets_the_campaign_reminders_and_they_lead_to_the_form(round_2026, foreign_affairs, client):
    # The round is a campaign task: the same reminder engine scans it (no second engine), and the
    # reminder's link – the campaign's filing page – leads the officer to the round's form.
    from datetime import timedelta

    from campaign.models import Notification, Reminder
    from campaign.reminders.services import reminders_scan

    submission, officer = foreign_affairs
    due = round_2026.period.due_on
    for days_before in range(14, -1, -1):
        reminders_scan(today=due - timedelta(days=days_before))
    mine = Reminder.objects.filter(assignment=submission.assignment, period=round_2026.period)
    assert mine.exists()
    notification = Notification.objects.filter(user=officer).latest("pk")
    assert "Báo cáo kết quả hợp tác với 4 tỉnh Nam Lào năm 2026" in notification.text
    client.force_login(officer)
    response = client.get(notification.link)
    assert response.status_code == 302
    assert response["Location"] == reverse("rounds:submission", args=[submission.pk])
    # After the due date: the unit that filed gets nothing more, a unit that did not is chased.
    rounds.submission_save(submission=submission, by=officer, year=2026, narratives={}, entries=[entry_for(submission, 3)],
                           submit=True)
    silent = SectorSubmission.objects.exclude(pk=submission.pk).filter(round=round_2026).first()
    counts = {s.pk: Reminder.objects.filter(assignment=s.assignment).count() for s in (submission, silent)}
    for days_after in range(1, 11):
        reminders_scan(today=due + timedelta(days=days_after))
    assert Reminder.objects.filter(assignment=submission.assignment).count() == counts[submission.pk]
    assert Reminder.objects.filter(assignment=silent.assignment).count() > counts[silent.pk]
