"""Demo data of the content app: sections, materials, articles and the fixed pages.

The text is in data/content.yaml (its header names the sources and what is demo
data); this package loads it. The sections follow the plans' top-level themes,
read from the campaign's models by plan code. Every article is flagged `is_demo`
and its page says "Dữ liệu minh họa".

Idempotent as the other demos (config.seeding): what exists is kept as people
left it; an article whose slug staff changed is found by its old slug.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from campaign.models import Plan, ReferenceDocument, Theme
from config.seeding import Tally, at, data_folder

from .. import previews
from ..models import Article, ArticleSlugRedirect, Material, Page, Section
from ..slugs import vietnamese_slug

data = data_folder(Path(__file__).parent / "data")  # data("content") is data/content.yaml, read once
SOURCES = Path(settings.BASE_DIR) / "docs" / "sources"
PUBLISH_HOUR = 8


def _paragraphs(items):
    return "".join(f"<p>{text}</p>" for text in items)


def _theme_key(theme):
    return f"{theme.plan.code}/{theme.code}"


def seed_sections():
    tally, sections = Tally(), {}
    names = {item.text("theme"): item.text("name") for item in data("content")["theme_sections"]}
    plan_codes = {key.split("/")[0] for key in names}
    themes = (Theme.objects.filter(plan__code__in=plan_codes, parent=None).select_related("plan")
              .order_by("-plan__starts_on", "order", "code"))
    for order, theme in enumerate(themes, start=1):
        key = _theme_key(theme)
        name = names.get(key, theme.title)
        sections[key] = tally.put(Section, {"theme": theme}, {
            "name": name, "slug": vietnamese_slug(name, 120), "order": order,
            "description": f"Tin bài về nội dung “{theme.title}” của kế hoạch “{theme.plan.title}”.",
        })
    for order, item in enumerate(data("content")["other_sections"], start=len(sections) + 1):
        sections[item.text("key")] = tally.put(Section, {"slug": item.text("slug")}, {
            "name": item.text("name"), "description": item.text("description"), "order": order,
        })
    return tally, sections


def _source_file(name):
    """A docs/sources file as a material's file: the same bytes already in the media folder are reused."""
    path = SOURCES / name
    if not path.exists():
        return None
    content = path.read_bytes()
    stored = f"tai-lieu/{name}"
    if default_storage.exists(stored):
        with default_storage.open(stored, "rb") as existing:
            if hashlib.sha256(existing.read()).digest() == hashlib.sha256(content).digest():
                return stored
    return ContentFile(content, name=name)


def seed_materials(sections):
    tally = Tally()
    for order, item in enumerate(data("content")["materials"], start=1):
        slug, code = item.text("slug"), item.get("reference")
        reference = ReferenceDocument.objects.filter(code=code).first() if code else None
        if Material.objects.filter(slug=slug).exists() or (reference and Material.objects.filter(reference=reference).exists()):
            tally.counts["kept"] += 1
            continue
        material = Material(
            # A reference keeps the title as the plan prints it, so one document has one name.
            slug=slug, title=reference.title if reference else item.text("title"), kind=item.choice("kind", Material.Kind),
            reference=reference, source=item.text("source"), order=order, section=sections.get(item.get("section")),
            authors=reference.authors if reference else "", publisher=reference.publisher if reference else "",
            year=reference.year if reference else None,
        )
        stored = _source_file(item.get("file")) if item.get("file") else None
        if isinstance(stored, str):
            material.file.name = stored
        elif stored is not None:
            material.file = stored
        material.save()  # a PDF gets its first-page preview here (content.previews)
        tally.counts["created"] += 1
    # A material kept from an earlier run, made before previews existed: its preview now, once.
    for material in Material.objects.filter(file__iendswith=".pdf", preview=""):
        if previews.add_pdf_preview(material):
            Material.objects.filter(pk=material.pk).update(preview=material.preview.name)
    return tally


def seed_articles(sections):
    tally = Tally()
    themes = {_theme_key(theme): theme for theme in Theme.objects.select_related("plan")}
    for item in data("content")["articles"]:
        title = item.text("title")
        slug = vietnamese_slug(title, 220)
        if Article.objects.filter(slug=slug).exists() or ArticleSlugRedirect.objects.filter(old_slug=slug).exists():
            tally.counts["kept"] += 1
            continue
        article = Article.objects.create(
            slug=slug, title=title, summary=item.text("summary"), body=_paragraphs(item.texts("paragraphs")),
            section=sections[item.text("section")], author="Ban biên tập", source=item.text("source"),
            status=Article.Status.PUBLISHED, published_at=at(item.day("published"), PUBLISH_HOUR),
            featured=item.flag("featured"), is_demo=True,
        )
        article.themes.set([themes[key] for key in item.texts("themes") if key in themes])
        tally.counts["created"] += 1
    return tally


def seed_pages():
    tally = Tally()
    for item in data("content")["pages"]:
        tally.put(Page, {"slug": item.choice("slug", Page.Slug)},
                  {"title": item.text("title"), "body": _paragraphs(item.texts("paragraphs"))})
    return tally


def seed(stdout):
    sections_tally, sections = seed_sections()
    stdout.write(sections_tally.line("Chuyên mục"))
    stdout.write(seed_materials(sections).line("Tài liệu tuyên truyền"))
    stdout.write(seed_articles(sections).line("Tin bài minh họa"))
    stdout.write(seed_pages().line("Trang thông tin"))
