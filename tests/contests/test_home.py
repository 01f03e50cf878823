"""contests.home: the quiz banner the portal's home page shows while a round is open."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contests.home import open_round_banners

from .conftest import make_contest, make_round

pytestmark = pytest.mark.django_db


def test_only_open_rounds_of_published_contests(client, django_assert_max_num_queries):
    now = timezone.now()
    contest = make_contest()
    make_round(contest, 1, opens_at=now - timedelta(days=10), closes_at=now - timedelta(days=3))
    make_round(contest, 2, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=6))
    hidden = make_contest(code="an", is_published=False)
    make_round(hidden, 1, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=6))
    with django_assert_max_num_queries(1):
        banners = open_round_banners()
    assert [b["url"] for b in banners] == ["/cuoc-thi/thi-thu/"]
    assert banners[0]["text"].startswith("Đợt 2 đang mở, đóng lúc")
    html = client.get("/").content.decode()
    assert "Vào thi" in html and 'href="/cuoc-thi/thi-thu/"' in html


def test_no_banner_when_no_round_is_open(client):
    make_round(make_contest(), 1, opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=8))
    assert open_round_banners() == []
    assert "Vào thi" not in client.get("/").content.decode()
