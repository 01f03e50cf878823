from datetime import date, timedelta

import pytest
from django.utils import timezone

from campaign.models import KeyDate, Plan, ReferenceDocument
from content.models import Article, Material, Page

from .factories import jpeg_bytes, make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def appendix():
    document = ReferenceDocument.objects.create(
        code="phu-luc-viet-lao", title="Phụ lục: Tình hình và quan hệ hợp tác Việt Nam-Lào giai đoạn 2017-2022",
        subtitle="Phụ lục kèm theo Kế hoạch", description="<p>Trong giai đoạn 2017-2022…</p>", order=1,
    )
    document.sections.create(code="1", heading="Quan hệ chính trị", body="<p>Hai bên thường xuyên trao đổi đoàn.</p>", order=1)
    document.sections.create(code="2", heading="Hợp tác quốc phòng - an ninh", body="<p>Trụ cột trong quan hệ.</p>", order=2)
    return document


def test_materials_list_the_reference_documents(client, appendix):
    html = client.get("/tai-lieu/").content.decode()
    assert "Phụ lục: Tình hình và quan hệ hợp tác Việt Nam-Lào giai đoạn 2017-2022" in html
    assert "2 mục" in html and f'href="/tai-lieu/{appendix.code}/"' in html


def test_a_material_reads_whole_with_anchors_for_citing(client, appendix, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(f"/tai-lieu/{appendix.code}/")
    html = response.content.decode()
    assert 'id="muc-2"' in html and "Trụ cột trong quan hệ." in html and 'href="#muc-1"' in html


def test_unknown_material_is_a_vietnamese_404(client):
    response = client.get("/tai-lieu/khong-co/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_no_material_yet_says_so(client):
    assert "Chưa có tài liệu nào được đăng." in client.get("/tai-lieu/").content.decode()


# The public portal (issue 13) ------------------------------------------------------


@pytest.fixture
def section():
    return make_section()


def test_home_shows_featured_latest_per_section_and_marks_demo(client, section):
    make_article(section, "Tin nổi bật hôm nay", featured=True, is_demo=True)
    make_article(section, "Tin thường")
    make_article(section, "Tin hẹn giờ", ago=-timedelta(days=1), featured=True)
    html = client.get("/").content.decode()
    assert "Tin nổi bật" in html and "Tin nổi bật hôm nay" in html and "Tin thường" in html
    assert "Tin hẹn giờ" not in html
    assert "Dữ liệu minh họa" in html
    assert f'href="{section.get_absolute_url()}"' in html


def test_section_page_is_paginated(client, section):
    for number in range(14):
        make_article(section, f"Bài số {number}", ago=timedelta(hours=number + 1))
    first = client.get(section.get_absolute_url()).content.decode()
    assert "Bài số 0" in first and "Bài số 13" not in first and "Trang 1/2" in first
    second = client.get(section.get_absolute_url(), {"trang": 2}).content.decode()
    assert "Bài số 13" in second


def test_article_page_has_what_a_shared_link_needs(client, section):
    article = make_article(section, "Năm Đoàn kết hữu nghị Việt Nam – Lào 2022", summary="Tóm tắt để chia sẻ.")
    html = client.get("/tin-bai/nam-doan-ket-huu-nghi-viet-nam-lao-2022/").content.decode()
    url = "http://127.0.0.1:8000/tin-bai/nam-doan-ket-huu-nghi-viet-nam-lao-2022/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:title" content="Năm Đoàn kết hữu nghị Việt Nam – Lào 2022">' in html
    assert '<meta property="og:description" content="Tóm tắt để chia sẻ.">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert "facebook.com/sharer/sharer.php?u=http%3A%2F%2F127.0.0.1%3A8000%2Ftin-bai%2F" in html
    assert "https://sp.zalo.me/share_inline?url=http" in html and "Sao chép liên kết" in html
    assert "phút đọc" in html and 'aria-label="Đường dẫn"' in html
    # No third-party script: every script is ours.
    assert "<script" not in html.replace('<script src="/static/', "")
    assert article.section.name in html


def test_related_articles_share_the_section_or_a_theme(client, section):
    article = make_article(section, "Bài chính")
    make_article(section, "Cùng chuyên mục")
    make_article(make_section("Khác"), "Chuyên mục khác")
    make_article(section, "Bài nháp cùng chuyên mục", status=Article.Status.DRAFT)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Cùng chuyên mục" in html and "Chuyên mục khác" not in html and "Bài nháp" not in html


def test_a_cover_is_offered_as_webp_with_jpeg_fallback(client, section):
    from django.core.files.base import ContentFile

    article = make_article(section, cover=ContentFile(jpeg_bytes(1800, 900), name="a.jpg"), cover_alt="Lễ kỷ niệm")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="/media/tin-bai/' in html and "-480.webp 480w" in html and "-1600.webp 1600w" in html
    assert '<source type="image/jpeg"' in html and 'alt="Lễ kỷ niệm"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:image" content="http://127.0.0.1:8000/media/tin-bai/' in html


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.WITHDRAWN])
def test_an_unpublished_article_is_a_404_everywhere(client, section, status):
    article = make_article(section, "Bài không công khai", status=status)
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in ("/", "/tin-bai/", section.get_absolute_url(), "/tin-bai/rss/", "/tin-bai/atom/", "/sitemap.xml",
                f"{section.get_absolute_url()}rss/"):
        assert "Bài không công khai" not in client.get(url).content.decode(), url
        assert article.slug not in client.get(url).content.decode(), url


def test_a_scheduled_article_never_shows_early_even_by_its_old_slug(client, section):
    article = make_article(section, "Bài hẹn giờ", ago=-timedelta(hours=3))
    article.slug = "bai-hen-gio-moi"
    article.save()
    assert client.get("/tin-bai/bai-hen-gio/").status_code == 404
    assert client.get("/tin-bai/bai-hen-gio-moi/").status_code == 404
    for url in ("/", "/tin-bai/rss/", "/sitemap.xml"):
        assert "bai-hen-gio" not in client.get(url).content.decode()


def test_an_old_slug_redirects_permanently(client, section):
    article = make_article(section, "Tiêu đề cũ")
    article.slug = "tieu-de-moi"
    article.save()
    response = client.get("/tin-bai/tieu-de-cu/")
    assert response.status_code == 301 and response["Location"] == "/tin-bai/tieu-de-moi/"


def test_bad_urls_are_vietnamese_404s(client):
    for url in ("/tin-bai/khong-co/", "/chuyen-muc/khong-co/", "/chuyen-muc/khong-co/rss/", "/tai-lieu/khong-co/tai-ve/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Không tìm thấy trang" in response.content.decode(), url


def test_feeds_rss_and_atom(client, section):
    make_article(section, "Tin trong nguồn cấp", summary="Tóm tắt & chi tiết")
    rss = client.get("/tin-bai/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml") and "Tin trong nguồn cấp" in rss.content.decode()
    atom = client.get(f"{section.get_absolute_url()}atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Tin trong nguồn cấp" in atom.content.decode() and "Tóm tắt &amp; chi tiết" in atom.content.decode()


def test_sitemap_and_robots(client, section):
    article = make_article(section)
    Page.objects.create(slug=Page.Slug.ABOUT, title="Giới thiệu", body="<p>x</p>")
    Material.objects.create(title="Kế hoạch năm 2022")
    xml = client.get("/sitemap.xml").content.decode()
    for path in (article.get_absolute_url(), section.get_absolute_url(), "/tai-lieu/ke-hoach-nam-2022/", "/cuoc-thi/",
                 "/bao-cao-hop-tac/", "/gioi-thieu/", "/ngay-ky-niem/"):
        assert f"{path}</loc>" in xml, path
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /lam-viec/" in robots and "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots


def test_fixed_pages(client):
    Page.objects.create(slug=Page.Slug.PRIVACY, title="Chính sách dữ liệu cá nhân", body="<p>Chúng tôi giữ dữ liệu.</p>")
    html = client.get("/chinh-sach-du-lieu-ca-nhan/").content.decode()
    assert "Chúng tôi giữ dữ liệu." in html
    assert client.get("/lien-he/").status_code == 404


@pytest.fixture
def plan():
    return Plan.objects.create(code="kh", title="Kế hoạch", issuing_body="THÀNH ỦY", starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31))


def test_key_dates_timeline_counts_down_to_the_next_anniversary(client, plan):
    KeyDate.objects.create(plan=plan, kind=KeyDate.Kind.EVENT, date=date(1962, 9, 5), title="Việt Nam – Lào thiết lập quan hệ ngoại giao")
    KeyDate.objects.create(plan=plan, kind=KeyDate.Kind.ACTIVITY, date=date(2022, 7, 18), title="Đưa tin điện mừng")
    html = client.get("/ngay-ky-niem/").content.decode()
    today = timezone.localdate()
    next_year = today.year if (today.month, today.day) <= (9, 5) else today.year + 1
    assert f"Kỷ niệm {next_year - 1962} năm: Việt Nam – Lào thiết lập quan hệ ngoại giao" in html
    assert "data-countdown-seconds=" in html and "Đưa tin điện mừng" in html and "timeline__item--past" in html
    assert '<script src="/static/js/content.js" defer></script>' in html
    assert "Kỷ niệm" in client.get("/").content.decode()


def test_material_list_holds_materials_and_unlinked_references_in_one_list(client, appendix):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Material.objects.create(title="Sách tham khảo", kind=Material.Kind.BOOK, year=2017)
    Material.objects.create(title="Bản nháp", is_published=False)
    html = client.get("/tai-lieu/").content.decode()
    assert "Sách tham khảo" in html and appendix.title in html and "Bản nháp" not in html
    assert "Cổng thông tin không có bản của tài liệu này" in html
    # Once a material links the reference, the reference shows once.
    Material.objects.create(title=appendix.title, reference=appendix,
                            file=SimpleUploadedFile("phu-luc.md", "# Phụ lục".encode()))
    html = client.get("/tai-lieu/").content.decode()
    assert html.count(appendix.title) == 1 and "MD, 1 KB" in html
    detail = client.get(f"/tai-lieu/{appendix.code}/").content.decode()
    assert 'id="muc-2"' in detail and "Tải về" in detail
    download = client.get(f"/tai-lieu/{appendix.code}/tai-ve/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_the_content_pages_carry_the_csp_and_no_inline_script(client, section):
    article = make_article(section)
    for url in ("/", article.get_absolute_url(), section.get_absolute_url(), "/ngay-ky-niem/", "/tai-lieu/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        html = response.content.decode()
        assert html.count("<script") == html.count("<script src="), url


def test_a_section_lists_its_reference_materials(client, section):
    Material.objects.create(title="Quan hệ đặc biệt Việt Nam - Lào (1930 - 2017)", kind=Material.Kind.BOOK, section=section)
    Material.objects.create(title="Chưa công khai", section=section, is_published=False)
    html = client.get(section.get_absolute_url()).content.decode()
    assert "Tài liệu tham khảo" in html and "Quan hệ đặc biệt Việt Nam - Lào (1930 - 2017)" in html and "Chưa công khai" not in html
