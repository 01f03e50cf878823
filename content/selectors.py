"""Reads for the public pages; each runs a fixed number of queries whatever the number of articles."""

from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber

from campaign.models import ReferenceDocument, ReferenceSection
from config.registries import functions

from .models import Article, Material, Section

FEATURED_COUNT = 4
LATEST_PER_SECTION = 3
RELATED_COUNT = 4


def featured_articles(now=None):
    return list(Article.objects.published(now).for_lists().filter(featured=True)[:FEATURED_COUNT])


def latest_by_section(now=None, per_section=LATEST_PER_SECTION, exclude=()):
    """[(section, [articles])] for the sections that have public articles: two queries."""
    ranked = (Article.objects.published(now).for_lists().exclude(pk__in=[a.pk for a in exclude])
              .annotate(rank=Window(RowNumber(), partition_by=F("section_id"), order_by=[F("published_at").desc(), F("pk").desc()]))
              .filter(rank__lte=per_section))
    by_section = {}
    for article in ranked:
        by_section.setdefault(article.section_id, []).append(article)
    sections = Section.objects.filter(pk__in=by_section)
    return [(section, sorted(by_section[section.pk], key=lambda a: a.rank)) for section in sections]


def related_articles(article, now=None):
    """Public articles of the same section or sharing a theme, newest first: one query."""
    theme_ids = [theme.pk for theme in article.themes.all()]
    return list(Article.objects.published(now).for_lists()
                .filter(Q(section_id=article.section_id) | Q(themes__in=theme_ids)).exclude(pk=article.pk)
                .distinct()[:RELATED_COUNT])


def article_for_page(slug, now=None):
    """(article, None) for a public article, (None, new slug) for an old slug of one, (None, None) otherwise."""
    article = (Article.objects.published(now).select_related("section", "unit")
               .prefetch_related("themes").filter(slug=slug).first())
    if article is not None:
        return article, None
    moved = Article.objects.published(now).filter(old_slugs__old_slug=slug).values_list("slug", flat=True).first()
    return None, moved


def headline_figures():
    """The figures other apps offer the home page (settings.HOME_HEADLINE_FIGURE_SOURCES)."""
    return [figure for source in functions("HOME_HEADLINE_FIGURE_SOURCES") for figure in source()]


def home_banners():
    """Banners other apps put on the home page while something is open (settings.HOME_BANNER_SOURCES)."""
    return [banner for source in functions("HOME_BANNER_SOURCES") for banner in source()]


def material_list():
    """The one list of materials: every public Material, and each campaign ReferenceDocument
    that no material links yet, shown as a material (unsaved, never written). Two queries."""
    materials = list(Material.objects.filter(is_published=True).select_related("reference")
                     .annotate(section_count=Count("reference__sections")))
    unlinked = ReferenceDocument.objects.filter(material=None).annotate(section_count=Count("sections"))
    materials += [Material.from_reference(document) for document in unlinked]
    materials.sort(key=lambda m: (m.order, m.title))
    return materials


def material_for_page(slug):
    """A public material by slug, else a reference document no material links by its code; or None."""
    material = (Material.objects.filter(is_published=True, slug=slug).select_related("reference")
                .prefetch_related(Prefetch("reference__sections", queryset=ReferenceSection.objects.order_by("order"))).first())
    if material is not None:
        return material
    document = (ReferenceDocument.objects.filter(code=slug, material=None)
                .prefetch_related(Prefetch("sections", queryset=ReferenceSection.objects.order_by("order"))).first())
    return Material.from_reference(document) if document else None
