"""Staff pages: statistics, and the ranking and winners as Excel."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from contests import services
from tests.contests.conftest import entry, make_round
from tests.factories import UnitFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked(contest, people):
    now = timezone.now()
    closed = make_round(contest, 1, opens_at=now - timedelta(days=8), closes_at=now - timedelta(hours=1))
    unit = UnitFactory(name="Thành Đoàn Đà Lạt")
    people[0].unit = unit
    people[0].save()
    for i, person in enumerate(people[:4]):
        entry(closed, person, score=5 - i, prediction=3, duration_ms=61_234 + i, offset_ms=i)
    services.round_compute_results(round=closed)
    return closed


def test_ranking_and_winners_workbook(client, contest, ranked, people):
    client.force_login(make_staff())
    response = client.get(reverse("contests:ranking_xlsx", args=[contest.code, 1]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Đoạt giải", "Xếp hạng", "Thông tin"]
    winners = list(book["Đoạt giải"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[12], r[13]) for r in winners] == [
        (1, "Người 1", "Giải Nhất", 3_000_000), (2, "Người 2", "Giải Nhì", 2_000_000), (3, "Người 3", "Giải Nhì", 2_000_000),
    ]
    first = winners[0]
    assert first[3] == people[0].phone and first[6] == "Thành Đoàn Đà Lạt" and first[10] == 61.234
    assert first[11].endswith(".000") or len(first[11].split(".")[-1]) == 3  # to the millisecond
    assert len(list(book["Xếp hạng"].iter_rows(min_row=2))) == 4


def test_statistics_page(client, contest, ranked):
    client.force_login(make_staff())
    html = client.get(reverse("contests:statistics", args=[contest.code])).content.decode()
    for text in ("Theo đợt thi", "Lượt thi theo ngày", "Phân bố điểm", "Thành Đoàn Đà Lạt", "Câu hỏi khó nhất", "Tải Excel"):
        assert text in html


def test_statistics_bars_read_attempts_people_and_scores(client, contest, ranked):
    # Both charts come from one bar (contests/bar.html): the day's bar names people, the score's does not.
    client.force_login(make_staff())
    html = client.get(reverse("contests:statistics", args=[contest.code])).content.decode()
    day = timezone.localtime(ranked.opens_at + timedelta(hours=1)).strftime("%d/%m/%Y")
    assert (
        f'<li><span class="bar-chart__label">{day}</span><span class="bar-chart__bar" style="--share: 100%"></span>'
        '<span class="bar-chart__value">4 lượt · 4 người</span></li>'
    ) in html
    for score in (2, 3, 4, 5):
        assert (
            f'<li><span class="bar-chart__label">{score} câu đúng</span><span class="bar-chart__bar" style="--share: 100%">'
            '</span><span class="bar-chart__value">1 lượt</span></li>'
        ) in html
    assert html.count('class="bar-chart__bar"') == 5


def test_officers_are_refused(client, contest, ranked):
    client.force_login(make_officer(UnitFactory()))
    assert client.get(reverse("contests:statistics", args=[contest.code])).status_code == 403
    assert client.get(reverse("contests:ranking_xlsx", args=[contest.code, 1])).status_code == 403


def test_a_name_typed_as_a_formula_reaches_the_ranking_as_text(client, contest, ranked, people):
    from tests.sheets import PAYLOAD, assert_no_formulas, text_cells

    people[0].full_name = PAYLOAD
    people[0].save()
    client.force_login(make_staff())
    book = assert_no_formulas(client.get(reverse("contests:ranking_xlsx", args=[contest.code, 1])).content)
    cells = text_cells(book, PAYLOAD)
    assert [c.parent.title for c in cells] == ["Đoạt giải", "Xếp hạng"]
    assert book["Xếp hạng"]["A2"].value == 1 and book["Xếp hạng"]["H2"].value == 5
