"""Search (/tim-kiem/): without diacritics, đ = d, NFD = NFC, ranked, highlighted, paginated, bounded.

The same tests run on SQLite (LIKE on the folded column) and on PostgreSQL (the
full-text GIN index over it): DATABASE_URL=postgres://… REQUIRE_SERVICES=1.
"""

import unicodedata
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from campaign.models import ReferenceDocument
from content import cache as page_cache
from content.models import Article, Material
from content.search import (
    FTS_DOCUMENT, MAX_RESULTS, OTHER_CANDIDATES_KEY, OTHER_CANDIDATES_SECONDS, PER_PAGE, Query, search,
)
from content.searchtext import fold
from reports.models import Report, Sector, SectorNarrative
from tests.content.factories import make_article, make_section

pytestmark = pytest.mark.django_db

NFD = "NFD"


def titles(raw, **kwargs):
    return [hit.title for hit in search(raw, **kwargs).page.object_list]


def page_html(client, raw, **params):
    response = client.get("/tim-kiem/", {"q": raw, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def section():
    return make_section()


# Folding ------------------------------------------------------------------------------

def test_fold_drops_diacritics_maps_d_and_splits_hyphens_and_dashes():
    assert fold("Chủ tịch Cay-xỏn Phôm-vi-hản") == "chu tich cay xon phom vi han"
    assert fold("Đại hội Đảng") == "dai hoi dang"
    assert fold("quan hệ Việt – Lào, Việt—Lào") == "quan he viet lao viet lao"
    assert fold(unicodedata.normalize(NFD, "Phôm-vi-hản Đ")) == fold("Phôm-vi-hản Đ") == "phom vi han d"
    assert fold("Số 04/BC-UBND\u200b") == "so 04 bc ubnd"


# The three examples of the issue ------------------------------------------------------

def test_the_issues_three_queries_find_what_is_written_with_diacritics(client, section):
    make_article(section, "Tăng cường quan hệ Việt – Lào trong tình hình mới", body="<p>Bài viết.</p>")
    make_article(section, "Tìm hiểu về cuộc đời Chủ tịch Cay-xỏn Phôm-vi-hản", body="<p>Bài viết.</p>")
    make_article(section, "Học tập Nghị quyết", body="<p>Quán triệt Nghị quyết Đại hội Đảng lần thứ XIII.</p>")
    make_article(section, "Tin thể thao", body="<p>Không liên quan.</p>")

    assert titles("quan he viet lao") == ["Tăng cường quan hệ Việt – Lào trong tình hình mới"]
    assert titles("cay xon phom vi han") == ["Tìm hiểu về cuộc đời Chủ tịch Cay-xỏn Phôm-vi-hản"]
    assert titles("dai hoi dang") == ["Học tập Nghị quyết"]
    html = page_html(client, "cay xon phom vi han")
    assert "Cay-xỏn Phôm-vi-hản" in html.replace("<mark>", "").replace("</mark>", "")
    assert "1 tin bài khớp" in html


def test_every_word_is_a_word_of_the_text_the_last_may_be_its_start(section):
    make_article(section, "Quan hệ hữu nghị Việt Nam – Lào", body="<p>…</p>")
    assert titles("huu ngh") == ["Quan hệ hữu nghị Việt Nam – Lào"]  # a word being typed
    assert titles("hu nghi") == []  # only the last word may be partial
    assert titles("quan he campuchia") == []  # every word, not any
    assert titles("uan") == []  # inside a word: not a match
    assert titles("lao v") == []  # a one-letter word is whole, even the last
    assert search("Q").page is None and search("Q").query.hint  # one letter alone is too short


def test_d_matches_d_with_stroke_both_ways(section):
    make_article(section, "Đoàn đại biểu Đảng bộ tỉnh", body="<p>…</p>")
    make_article(section, "Dân ca dân vũ", body="<p>…</p>")
    assert titles("doan dai bieu dang") == ["Đoàn đại biểu Đảng bộ tỉnh"]
    assert titles("ĐOÀN ĐẠI BIỂU") == ["Đoàn đại biểu Đảng bộ tỉnh"]
    assert titles("dan ca") == ["Dân ca dân vũ"]


def test_combining_and_precomposed_forms_match_both_ways(section):
    nfd_title = unicodedata.normalize(NFD, "Hội thảo về Chủ tịch Xu-pha-nu-vông")
    make_article(section, nfd_title, body=unicodedata.normalize(NFD, "<p>Lễ kỷ niệm ở Viêng Chăn.</p>"))
    make_article(section, "Lễ kỷ niệm ở Hà Nội", body="<p>…</p>")
    assert titles("Xu-pha-nu-vông") == [unicodedata.normalize("NFC", nfd_title)]
    assert titles("xu pha nu vo") == [unicodedata.normalize("NFC", nfd_title)]  # the last word being typed
    assert titles(unicodedata.normalize(NFD, "Viêng Chăn")) == [unicodedata.normalize("NFC", nfd_title)]
    assert titles("viêng chăn") == titles("vieng chan") == titles(unicodedata.normalize(NFD, "vieng chăn"))


# Ranking --------------------------------------------------------------------------------

def test_title_above_body_then_newer_above_older(section):
    make_article(section, "Tin cũ có Lào trong tiêu đề", body="<p>…</p>", ago=timedelta(days=30))
    make_article(section, "Tin mới", body="<p>Nói về Lào trong nội dung.</p>", ago=timedelta(hours=1))
    make_article(section, "Tin mới có Lào trong tiêu đề", body="<p>…</p>", ago=timedelta(days=2))
    assert titles("lao") == ["Tin mới có Lào trong tiêu đề", "Tin cũ có Lào trong tiêu đề", "Tin mới"]


def test_exact_diacritics_above_folded_ones(section):
    make_article(section, "Nhân dân đang chờ đón", body="<p>…</p>", ago=timedelta(hours=1))
    make_article(section, "Nghị quyết của Đảng", body="<p>…</p>", ago=timedelta(days=5))
    make_article(section, "Đăng ký dự thi", body="<p>…</p>", ago=timedelta(hours=2))
    assert titles("Đảng") == ["Nghị quyết của Đảng", "Nhân dân đang chờ đón", "Đăng ký dự thi"]
    assert titles("đăng") == ["Đăng ký dự thi", "Nhân dân đang chờ đón", "Nghị quyết của Đảng"]
    # Typed without diacritics: no preference, newer first.
    assert titles("dang") == ["Nhân dân đang chờ đón", "Đăng ký dự thi", "Nghị quyết của Đảng"]


def test_the_python_rank_of_materials_is_the_sql_rank_of_articles(section):
    query = Query.parse("Đảng")
    assert query.rank("Nghị quyết của Đảng", "") == 3
    assert query.rank("Nghị quyết", "đang học") == 0
    assert query.rank("Nghị quyết", "", lead="Đảng viên") == 1
    assert query.rank("Nghị quyết", "Đảng viên") == 0  # the body's diacritics do not count
    assert query.rank("Nghị quyết", "") is None


# Highlight ------------------------------------------------------------------------------

def test_matched_words_are_marked_in_the_original_text_and_escaped(client, section):
    body = "<p>" + "Mở đầu bài viết. " * 30 + "Chủ tịch Cay-xỏn Phôm-vi-hản &lt;b&gt;thăm&lt;/b&gt; tỉnh. " + "Kết. " * 60 + "</p>"
    make_article(section, "Người bạn lớn <i>của</i> Việt Nam", body=body)
    hit = search("cay xon viet").page.object_list[0]
    assert hit.title_html == "Người bạn lớn &lt;i&gt;của&lt;/i&gt; <mark>Việt</mark> Nam"
    assert "<mark>Cay</mark>-<mark>xỏn</mark> Phôm-vi-hản &lt;b&gt;thăm&lt;/b&gt;" in hit.snippet
    assert hit.snippet.startswith("… ") and hit.snippet.endswith(" …") and len(hit.snippet) < 400
    html = page_html(client, "cay xon viet")
    assert "<mark>Cay</mark>-<mark>xỏn</mark>" in html and "<i>của</i>" not in html


# Only what the public may see -------------------------------------------------------------

def test_drafts_pending_withdrawn_and_scheduled_articles_are_not_found(section):
    make_article(section, "Lào công khai", body="<p>…</p>")
    for status in (Article.Status.DRAFT, Article.Status.PENDING, Article.Status.WITHDRAWN):
        make_article(section, f"Lào {status}", body="<p>…</p>", status=status)
    make_article(section, "Lào hẹn giờ", body="<p>…</p>", ago=-timedelta(hours=1))
    assert titles("lao") == ["Lào công khai"]
    assert search("lao").count == 1


# Materials and the cooperation report -----------------------------------------------------

def test_materials_and_report_sectors_are_found(client, section):
    document = ReferenceDocument.objects.create(code="phu-luc", title="Phụ lục kế hoạch")
    document.sections.create(code="1", heading="Quan hệ chính trị", body="<p>Chủ tịch Cay-xỏn Phôm-vi-hản.</p>", order=1)
    Material.objects.create(title="Phụ lục: quan hệ Việt – Lào", reference=document, year=2022)
    Material.objects.create(title="Tài liệu nội bộ về Cay-xỏn", is_published=False)
    report = Report.objects.create(code="04-bc-ubnd", issuer="UBND tỉnh Gia Lai", number="04", symbol="BC-UBND",
                                   title="Báo cáo hợp tác", issued_on=date(2026, 1, 12), period_start_year=2021, period_end_year=2025,
                                   status=Report.Status.ISSUED)
    draft = Report.objects.create(code="nhap", issuer="UBND", title="Nháp", period_start_year=2026, period_end_year=2026)
    sector = Sector.objects.create(number=6, title="Giáo dục, đào tạo")
    SectorNarrative.objects.create(report=report, sector=sector, text="<p>Đào tạo cán bộ theo tên Chủ tịch Cay-xỏn.</p>")
    SectorNarrative.objects.create(report=draft, sector=sector, text="<p>Cay-xỏn trong bản nháp.</p>")

    book = ReferenceDocument.objects.create(code="sach-cay-xon", title="Sách về Chủ tịch Cay-xỏn Phôm-vi-hản", year=2020)

    others = search("cay xon").others
    # The book by its title first, then by their text the report (2026) and the appendix (2022).
    assert [hit.kind for hit in others] == ["Tài liệu", "Báo cáo hợp tác", "Tài liệu"]
    assert others[0].url == f"/tai-lieu/{book.code}/"  # a reference document no material links: one list
    assert others[1].url == "/bao-cao-hop-tac/04-bc-ubnd/#linh-vuc-6"
    assert "<mark>Cay</mark>-<mark>xỏn</mark>" in others[2].snippet
    html = page_html(client, "quan he viet lao")
    assert "Tài liệu và báo cáo" in html and "/tai-lieu/phu-luc/" in html
    assert "Không tìm thấy" not in html



def test_materials_and_sectors_are_read_once_a_minute_and_a_new_material_shows_at_once(
        section, django_assert_num_queries):
    Material.objects.create(title="Sách về Chủ tịch Cay-xỏn", year=2020)
    assert [hit.title for hit in search("cay xon").others] == ["Sách về Chủ tịch Cay-xỏn"]
    with django_assert_num_queries(2):  # the two capped reads of articles; materials and sectors from the cache
        assert [hit.title for hit in search("cay xon").others] == ["Sách về Chủ tịch Cay-xỏn"]
    Material.objects.create(title="Ảnh tư liệu Cay-xỏn", year=2021)  # a save sets a new generation of the pages
    assert [hit.title for hit in search("cay xon").others] == ["Ảnh tư liệu Cay-xỏn", "Sách về Chủ tịch Cay-xỏn"]
    # A report's sector (another app, no generation) shows once the minute has passed.
    report = Report.objects.create(code="04-bc-ubnd", issuer="UBND tỉnh Gia Lai", title="Báo cáo hợp tác",
                                   issued_on=date(2026, 1, 12), period_start_year=2021, period_end_year=2025,
                                   status=Report.Status.ISSUED)
    SectorNarrative.objects.create(report=report, sector=Sector.objects.create(number=6, title="Giáo dục, đào tạo"),
                                   text="<p>Đào tạo cán bộ theo tên Chủ tịch Cay-xỏn.</p>")
    assert "Báo cáo hợp tác" not in [hit.kind for hit in search("cay xon").others]
    assert OTHER_CANDIDATES_SECONDS == 60
    cache.delete(OTHER_CANDIDATES_KEY.format(generation=page_cache.generation()))  # as its timeout would
    assert "Báo cáo hợp tác" in [hit.kind for hit in search("cay xon").others]

# Pagination and bad input -----------------------------------------------------------------

def test_results_are_paginated_and_bad_page_numbers_give_a_page(client, section):
    for i in range(PER_PAGE * 2 + 3):
        make_article(section, f"Giao lưu Việt – Lào số {i}", body="<p>…</p>", ago=timedelta(hours=i + 1))
    assert titles("giao luu")[0] == "Giao lưu Việt – Lào số 0"
    assert titles("giao luu", page_number=3) == ["Giao lưu Việt – Lào số 20", "Giao lưu Việt – Lào số 21",
                                                   "Giao lưu Việt – Lào số 22"]
    assert titles("giao luu", page_number="abc") == titles("giao luu")
    assert titles("giao luu", page_number=99) == titles("giao luu", page_number=3)
    assert titles("giao luu", page_number=-1) == titles("giao luu", page_number=3)
    html = page_html(client, "giao luu", trang=2)
    assert "Trang 2/3" in html and "trang=3" in html and "q=giao+luu" in html


@pytest.mark.parametrize("raw, hint", [
    ("", "Nhập từ cần tìm"), ("   ", "Nhập từ cần tìm"), ("%_%", "Nhập từ cần tìm"), ("\u200b", "Nhập từ cần tìm"),
    ("a", "quá ngắn"), ("đ", "quá ngắn"),
])
def test_an_empty_or_too_short_query_gives_a_vietnamese_hint(client, section, raw, hint):
    make_article(section, "Một bài", body="<p>a đ %</p>")
    html = page_html(client, raw)
    assert hint in html and "Một bài" not in html


def test_a_long_query_is_cut_to_its_bounds(client, section):
    make_article(section, "Quan hệ Việt – Lào", body="<p>…</p>")
    query = Query.parse("quan he viet lao " + "rat " * 50)
    assert len(query.words) <= 8 and query.cut
    query = Query.parse("x" * 5000)
    assert len(query.text) == 100 and query.cut
    html = page_html(client, "quan he " + "y" * 500)
    assert "Chỉ tìm theo 100 ký tự và 8 từ đầu" in html


def test_wildcards_and_markup_in_the_query_are_plain_text(client, section):
    make_article(section, "Quan hệ Việt – Lào", body="<p>…</p>")
    assert titles("quan%") == ["Quan hệ Việt – Lào"]  # % separates, as any punctuation
    assert titles("q_an") == []
    html = page_html(client, '<script>alert(1)</script> lao')
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_query_count_does_not_grow_with_the_articles(client, section, django_assert_max_num_queries):
    def run():
        with django_assert_max_num_queries(10):
            assert "tin bài khớp" in page_html(client, "hop tac")

    for i in range(3):
        make_article(section, f"Hợp tác số {i}", body="<p>Hợp tác.</p>")
    run()
    for i in range(3, 30):
        make_article(section, f"Hợp tác số {i}", body="<p>Hợp tác.</p>")
    run()


def test_ranking_among_candidates_keeps_the_older_title_matches(section, monkeypatch):
    monkeypatch.setattr("content.search.MAX_CANDIDATES", 3)
    make_article(section, "Lào trong tiêu đề, bài cũ", body="<p>…</p>", ago=timedelta(days=400))
    for i in range(5):
        make_article(section, f"Tin mới {i}", body="<p>Có Lào trong nội dung.</p>", ago=timedelta(hours=i + 1))
    ranked = titles("lao")
    assert ranked[0] == "Lào trong tiêu đề, bài cũ"
    assert ranked[1:] == ["Tin mới 0", "Tin mới 1", "Tin mới 2"]  # the newest 3 body matches
    assert [a.title for a in Query.parse("lao").articles()][1:] == [f"Tin mới {i}" for i in range(5)]  # uncapped


def test_the_count_stops_at_its_cap(section, monkeypatch):
    monkeypatch.setattr("content.search.MAX_RESULTS", 5)
    monkeypatch.setattr("content.search.MAX_CANDIDATES", 5)
    for i in range(7):
        make_article(section, f"Lào {i}", body="<p>…</p>")
    result = search("lao")
    assert result.count == 5 and result.capped
    assert MAX_RESULTS == 200


@pytest.mark.postgres
def test_postgresql_answers_from_the_full_text_index(section):
    """The WHERE of Query.articles is the expression of the GIN index the migration creates."""
    make_article(section, "Quan hệ Việt – Lào", body="<p>…</p>")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN SELECT id FROM content_article WHERE {FTS_DOCUMENT} @@ to_tsquery('simple', %s)",
                       [Query.parse("quan he").tsquery()])
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "content_article_search_fts" in plan
    assert FTS_DOCUMENT in str(Query.parse("quan he").articles().query)


def _buffers(sql, params):
    """The shared buffers (hit + read) PostgreSQL touched to run one statement."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0][0]["Plan"]
    return plan["Shared Hit Blocks"] + plan["Shared Read Blocks"]


@pytest.mark.postgres
def test_postgresql_checks_an_articles_vector_without_reading_toast(section):
    """The vector stays inside the row (migration 0004, STORAGE MAIN): checking it costs no TOAST read,
    while the body, as long as it is, lives in TOAST (reading it costs more)."""
    import random
    import string

    rng = random.Random(4)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(9)) for _ in range(500)]
    article = make_article(section, "Quan hệ Việt – Lào", body=f"<p>{' '.join(words)}</p>")
    by_id = "FROM content_article WHERE id = %s"
    row_only = _buffers(f"SELECT id, status {by_id}", [article.pk])
    vector = _buffers(f"SELECT {FTS_DOCUMENT} @@ to_tsquery('simple', 'quan & he') {by_id}", [article.pk])
    body = _buffers(f"SELECT length(body) {by_id}", [article.pk])
    assert vector == row_only
    assert body > row_only
