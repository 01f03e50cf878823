from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from campaign.deadlines import local_today
from campaign.originals import content_type

from . import keydates, selectors
from .cache import keep_until, public_page
from .models import Article, Page, Section

PER_PAGE = 12
HOME_KEY_DATES = 3


def absolute(path):
    """The public address of a path (canonical links, Open Graph, feeds' share links)."""
    return f"{settings.SITE_URL}{path}"


@public_page
def home(request):
    now = timezone.now()
    featured = selectors.featured_articles(now)
    banners = selectors.home_banners()
    keep_until(request, [banner.get("closes_at") for banner in banners])
    return render(request, "content/home.html", {
        "featured": featured,
        "sections": selectors.latest_by_section(now, exclude=featured),
        "key_dates": keydates.upcoming(local_today(), limit=HOME_KEY_DATES),
        "banners": banners,
        "figures": selectors.headline_figures(),
        "canonical": absolute("/"),
    })


def _page_of(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("trang"))


@public_page
def article_list(request):
    page = _page_of(request, Article.objects.published().for_lists())
    return render(request, "content/article_list.html", {
        "page": page, "sections": Section.objects.all(), "canonical": absolute(request.path),
    })


@public_page
def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = _page_of(request, Article.objects.published().for_lists().filter(section=section))
    return render(request, "content/section_detail.html", {
        "section": section, "page": page, "canonical": absolute(section.get_absolute_url()),
        "materials": section.materials.filter(is_published=True),
    })


@public_page
def article_detail(request, slug):
    article, moved_to = selectors.article_for_page(slug)
    if moved_to:
        return redirect("content:article", slug=moved_to, permanent=True)
    if article is None:
        raise Http404("Không có tin bài này.")
    canonical = absolute(article.get_absolute_url())
    return render(request, "content/article_detail.html", {
        "article": article,
        "related": selectors.related_articles(article),
        "cover": article.cover_sources,
        "canonical": canonical,
        "og_image": absolute(article.cover_sources["src"]) if article.cover else "",
    })


@public_page
def key_dates(request):
    today = local_today()
    return render(request, "content/key_dates.html", {
        "upcoming": keydates.upcoming(today), "timeline": keydates.timeline(today),
        "canonical": absolute(request.path),
    })


@public_page
def material_list(request):
    """The one list of materials: the content app's, and the campaign's reference documents."""
    return render(request, "content/material_list.html", {
        "materials": selectors.material_list(), "canonical": absolute(request.path),
    })


@public_page
def material_detail(request, code):
    material = selectors.material_for_page(code)
    if material is None:
        raise Http404("Không có tài liệu này.")
    return render(request, "content/material_detail.html", {
        "material": material, "sections": material.reference_sections,
        "canonical": absolute(material.get_absolute_url()),
    })


def material_download(request, code):
    material = selectors.material_for_page(code)
    if material is None or not material.file:
        raise Http404("Tài liệu này không có tệp để tải về.")
    name = material.file.name.rsplit("/", 1)[-1]
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=name,
                        content_type=content_type(name))


@public_page
def page(request, slug):
    fixed = get_object_or_404(Page, slug=slug)
    return render(request, "content/page.html", {"page_obj": fixed, "canonical": absolute(fixed.get_absolute_url())})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /lam-viec/",
        "Disallow: /quan-tri/",
        "Disallow: /tai-khoan/",
        "Disallow: /captcha/",
        f"Sitemap: {absolute('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
