from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from campaign.models import ReferenceDocument
from content.models import Article, ArticleSlugRedirect, Material, Section

from .factories import jpeg_bytes, make_article, make_section

pytestmark = pytest.mark.django_db


def test_a_section_gets_its_slug_from_its_name():
    assert make_section("Hợp tác Gia Lai – Nam Lào").slug == "hop-tac-gia-lai-nam-lao"
    assert make_section("Hợp tác Gia Lai – Nam Lào").slug == "hop-tac-gia-lai-nam-lao-2"


def test_an_article_gets_a_slug_without_diacritics():
    article = make_article(title="Năm Đoàn kết hữu nghị Việt Nam – Lào 2022")
    assert article.slug == "nam-doan-ket-huu-nghi-viet-nam-lao-2022"


def test_a_renamed_slug_keeps_the_old_one_as_a_redirect():
    article = make_article(title="Tiêu đề cũ")
    article.slug = "tieu-de-moi"
    article.save()
    assert ArticleSlugRedirect.objects.get(old_slug="tieu-de-cu").article == article
    # Renamed back: the live slug is no longer an old one, the other is.
    article = Article.objects.get(pk=article.pk)
    article.slug = "tieu-de-cu"
    article.save()
    assert list(ArticleSlugRedirect.objects.values_list("old_slug", flat=True)) == ["tieu-de-moi"]


def test_published_hides_drafts_pending_withdrawn_and_scheduled():
    section = make_section()
    public = make_article(section, "Đã đăng")
    make_article(section, "Hẹn giờ", ago=-timedelta(hours=2))
    for status in (Article.Status.DRAFT, Article.Status.PENDING, Article.Status.WITHDRAWN):
        make_article(section, f"Bài {status}", status=status)
    assert list(Article.objects.published()) == [public]
    assert Article.objects.published(now=timezone.now() + timedelta(hours=3)).count() == 2


def test_publishing_without_a_time_publishes_now():
    article = make_article(published_at=None)
    assert article.published_at is not None and article.is_public


@pytest.mark.parametrize("payload", [
    '<p>a</p><script>alert(1)</script>',
    '<p onclick="alert(1)">a</p>',
    '<a href="javascript:alert(1)">a</a>',
    '<img src="x" onerror="alert(1)">',
    '<img src="https://evil.example/x.png">',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<img src="//evil.example/x.png">',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"></svg>',
    '<p style="background:url(javascript:alert(1))">a</p>',
    '<a href="jAvAsCrIpT:alert(1)">a</a>',
    '<a href="&#106;avascript:alert(1)">a</a>',
    '<a href="java\tscript:alert(1)">a</a>',
    '<img src="/media/x.jpg" onerror="alert(1)">',
    '<img src="/media/../lam-viec/evil.example">',
    '<img src="/media/%2e%2e/lam-viec/evil.example">',
    '<img src="/media/..%5clam-viec/evil.example">',
    '<img src="/media/\\evil.example/x.png">',
    '<img src="/media/x.png" srcset="https://evil.example/x.png 2x">',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<a href="https://example.vn" onmouseover="alert(1)">a</a>',
])
def test_the_body_is_cleaned_in_the_model_whatever_writes_it(payload):
    article = make_article(body=payload)
    stored = Article.objects.values_list("body", flat=True).get(pk=article.pk)
    for bad in ("<script", "onclick", "onerror", "javascript:", "data:", "evil.example", "<iframe", "<svg", "style="):
        assert bad not in stored
    Article.objects.filter(pk=article.pk).update(body=payload)
    assert "alert" not in Article.objects.values_list("body", flat=True).get(pk=article.pk).replace("<p>a</p>", "")


def test_the_body_keeps_our_own_images_with_captions():
    html = '<figure class="image"><img src="/media/tin-bai/a.jpg" alt="Lễ kỷ niệm" width="800" height="600"><figcaption>Chú thích</figcaption></figure>'
    article = make_article(body=html)
    assert article.body == '<figure><img src="/media/tin-bai/a.jpg" alt="Lễ kỷ niệm" width="800" height="600"><figcaption>Chú thích</figcaption></figure>'


def test_reading_time_counts_words():
    assert make_article(body="<p>" + "chữ " * 450 + "</p>").reading_minutes == 3
    assert make_article(title="Ngắn", body="<p>Một dòng.</p>").reading_minutes == 1


def test_a_cover_gets_webp_and_jpeg_copies_in_three_widths():
    article = make_article(cover=ContentFile(jpeg_bytes(2000, 1000), name="anh.jpg"), cover_alt="Ảnh")
    article.refresh_from_db()
    assert article.cover_sizes == [480, 960, 1600]
    sources = article.cover_sources
    assert sources["webp"].count("w,") == 2 and sources["webp"].endswith("-1600.webp 1600w")
    assert "-480.jpg 480w" in sources["jpeg"] and sources["src"].endswith("-960.jpg")
    storage = article.cover.storage
    stem = article.cover.name.rsplit(".", 1)[0]
    with storage.open(f"{stem}-960.webp") as copy, Image.open(copy) as image:
        assert image.format == "WEBP" and image.size == (960, 480)


def test_a_small_cover_gets_only_its_own_width():
    article = make_article(cover=ContentFile(jpeg_bytes(300, 200), name="nho.jpg"))
    article.refresh_from_db()
    assert article.cover_sizes == [300]


def test_a_material_measures_its_file_and_its_pdf_pages():
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=200, height=200)
    out = BytesIO()
    writer.write(out)
    material = Material.objects.create(title="Kế hoạch", file=SimpleUploadedFile("ke-hoach.pdf", out.getvalue()))
    assert material.page_count == 3 and material.size == len(out.getvalue())
    assert material.slug == "ke-hoach" and material.extension == ".pdf"
    assert Material.objects.create(title="Sách không có tệp").size is None


def test_a_material_of_a_reference_takes_its_code():
    document = ReferenceDocument.objects.create(code="sach-quan-he", title="Quan hệ đặc biệt")
    material = Material.objects.create(title=document.title, reference=document)
    assert material.slug == "sach-quan-he"


def test_a_section_may_follow_a_theme():
    assert Section._meta.get_field("theme").null


def test_a_typed_slug_is_normalised_and_never_collides():
    make_article(title="Hợp tác Nam Lào")
    second = make_article(title="Bài khác", slug="Hop-Tac-Nam-Lao")
    assert second.slug == "hop-tac-nam-lao-2"
    second.save()
    assert Article.objects.get(pk=second.pk).slug == "hop-tac-nam-lao-2"
