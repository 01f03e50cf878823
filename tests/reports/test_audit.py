"""The cooperation report in the administrators' change log: a sở officer's figures, saved through
the round's form in bulk, are recorded with the officer; seed_demo's rows say they came from it."""

import re

import pytest

from reports.models import IndicatorValue, Report, SectorSubmission
from tests.factories import UserFactory
from tests.reports.test_views_rounds import form_data, trade  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_figures_saved_by_the_officer_are_in_the_log_with_the_officer(client, trade):
    submission, officer, item = trade
    client.force_login(officer)
    assert client.post(submission.get_absolute_url(), form_data(submission, {(item, None): "52,69"})).status_code == 302
    value = IndicatorValue.objects.get(submission=submission)
    assert IndicatorValue.history.get(id=value.pk).history_user == officer
    assert SectorSubmission.history.filter(id=submission.pk).first().history_user == officer

    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    html = client.get("/lam-viec/nhat-ky/", {"user": officer.pk}).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Số liệu Kim ngạch thương mại hai chiều" in text and "Tạo" in text
    assert "Phần báo cáo của sở, ngành" in text and "Người lưu : — → " in text


def test_seed_demo_rows_say_where_they_came_from(seeded):
    row = Report.history.filter(id=seeded.pk).earliest("history_date")
    assert row.history_user is None and row.history_change_reason == "Nạp dữ liệu minh họa (seed_demo)"
