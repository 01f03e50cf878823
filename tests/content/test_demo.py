"""content.demo: the sections, materials, articles and pages of the demo, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from campaign.demo.plans import DA_LAT_CODE, GIA_LAI_CODE
from campaign.models import Theme
from content import demo
from content.models import Article, Material, Page, Section

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"),
                                                        PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")):
        call_command("seed_demo", stdout=StringIO())
        yield
        for model in (Article, Material, Section, Page):
            model.objects.all().delete()
        call_command("flush", interactive=False, verbosity=0)


def test_one_section_per_top_level_theme_and_two_more(seeded):
    themes = Theme.objects.filter(parent=None, plan__code__in=(DA_LAT_CODE, GIA_LAI_CODE))
    assert Section.objects.filter(theme__in=themes).count() == themes.count() == 8
    assert set(Section.objects.filter(theme=None).values_list("name", flat=True)) == {
        "Cuộc thi tìm hiểu", "Hợp tác Gia Lai – Nam Lào"}
    assert Section.objects.get(theme__plan__code=DA_LAT_CODE, theme__code="2").slug == "nam-doan-ket-huu-nghi-viet-nam-lao-2022"


def test_at_least_twelve_public_demo_articles_with_sources_and_themes(seeded):
    articles = Article.objects.published()
    assert articles.count() >= 12 and not articles.filter(is_demo=False).exists()
    assert not articles.filter(source="").exists() and articles.filter(featured=True).count() == 4
    assert all(article.themes.exists() for article in articles)
    # The figures come from the sources, as printed there.
    assert articles.filter(body__contains="9,3 tỷ USD").exists() and articles.filter(body__contains="300 suất").exists()


def test_the_materials_with_their_files_and_the_books_without(seeded):
    plan = Material.objects.get(slug="ke-hoach-tuyen-truyen-viet-lao-campuchia-2022")
    assert plan.file.name == "tai-lieu/ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md" and plan.size > 60_000
    books = Material.objects.filter(kind=Material.Kind.BOOK)
    assert books.count() == 2 and not any(book.file for book in books)
    assert all(book.reference and book.year == 2017 for book in books)
    assert Material.objects.filter(kind=Material.Kind.APPENDIX, reference__sections__isnull=False).distinct().count() == 2


def test_the_three_pages(seeded):
    assert set(Page.objects.values_list("slug", flat=True)) == set(Page.Slug.values)


def test_a_second_run_changes_nothing_people_did(seeded):
    article = Article.objects.order_by("pk").first()
    article.slug = "duong-dan-moi"
    article.title = "Tiêu đề đã sửa"
    article.save()
    Section.objects.filter(slug="cuoc-thi-tim-hieu").update(name="Cuộc thi (đã đổi tên)")
    count = Article.objects.count()
    out = StringIO()
    demo.seed(out)
    assert "Tin bài minh họa: 0 tạo mới" in out.getvalue()
    assert Article.objects.count() == count
    assert Section.objects.get(slug="cuoc-thi-tim-hieu").name == "Cuộc thi (đã đổi tên)"
    assert Article.objects.get(pk=article.pk).title == "Tiêu đề đã sửa"
