"""sitemap.xml: public articles, sections, materials, and the fixed pages of the portal.

The quiz's and the cooperation report's pages are named by URL name, so that
content imports neither contests nor reports; their index pages link the rest.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors
from .models import Article, Page, Section


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Section.objects.all()


class MaterialSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return selectors.material_list()


class FixedPagesSitemap(Sitemap):
    changefreq = "weekly"
    NAMES = ["home", "content:articles", "content:materials", "content:key_dates", "contests:index", "reports:index"]

    def items(self):
        return self.NAMES + [f"content:page-{slug}" for slug in Page.objects.values_list("slug", flat=True)]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "trang": FixedPagesSitemap, "chuyen-muc": SectionSitemap, "tin-bai": ArticleSitemap, "tai-lieu": MaterialSitemap,
}
