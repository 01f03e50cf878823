"""Query counts of the public pages: bounded, and the same with 5 or 60 articles per section."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import KeyDate, Plan, Theme

from .factories import make_article, make_section

pytestmark = pytest.mark.django_db

# session-less anonymous visits: the page's own reads, plus the page cache's one read of the
# next scheduled publish time (content.cache.next_scheduled) on a first visit.
LIMITS = {name: limit + 1 for name, limit in {
    "home": 6, "section": 4, "article": 3, "feed": 1, "section_feed": 2, "list": 3, "sitemap": 7, "key_dates": 2, "materials": 2,
}.items()}


def world(per_section):
    plan = Plan.objects.create(code="kh", title="Kế hoạch", issuing_body="THÀNH ỦY", starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31))
    theme = Theme.objects.create(plan=plan, code="1", title="Nội dung", order=1)
    KeyDate.objects.create(plan=plan, kind=KeyDate.Kind.EVENT, date=date(1962, 9, 5), title="Thiết lập quan hệ ngoại giao")
    sections = [make_section(f"Chuyên mục {n}") for n in range(3)]
    articles = []
    for section in sections:
        for number in range(per_section):
            article = make_article(section, f"{section.name} bài {number}", ago=timedelta(hours=number + 1), featured=number == 0)
            article.themes.add(theme)
            articles.append(article)
    return sections[0], articles[1]


def urls(section, article):
    return {
        "home": "/", "section": section.get_absolute_url(), "article": article.get_absolute_url(),
        "feed": "/tin-bai/rss/", "section_feed": f"{section.get_absolute_url()}atom/", "list": "/tin-bai/",
        "sitemap": "/sitemap.xml", "key_dates": "/ngay-ky-niem/", "materials": "/tai-lieu/",
    }


def counts(client, section, article):
    found = {}
    for name, url in urls(section, article).items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        found[name] = len(queries)
    return found


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_public_pages_read_a_bounded_number_of_times(client, django_assert_max_num_queries, name):
    section, article = world(per_section=5)
    with django_assert_max_num_queries(LIMITS[name]):
        client.get(urls(section, article)[name])


def test_the_counts_do_not_grow_with_the_articles(client):
    small = counts(client, *world(per_section=5))
    from content.models import Article, Section

    Article.objects.all().delete()
    Section.objects.all().delete()
    Plan.objects.all().delete()
    large = counts(client, *world(per_section=60))
    assert small == large, (small, large)
