"""RSS 2.0 and Atom feeds of the public articles, for all sections and per section."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from .models import Article, Section

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = "Tin bài mới – Cổng thông tin tuyên truyền"
    link = "/tin-bai/"
    description = "Tin bài mới nhất về quan hệ Việt Nam – Lào, Việt Nam – Campuchia và hợp tác Gia Lai – Nam Lào."
    language = "vi"

    def items(self):
        return Article.objects.published().for_lists()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.section.name]

    def item_author_name(self, item):
        return item.author or None


class LatestArticlesAtom(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return f"{section.name} – Cổng thông tin tuyên truyền"

    def link(self, section):
        return section.get_absolute_url()

    def description(self, section):
        return section.description or f"Tin bài của chuyên mục {section.name}."

    def items(self, section):
        return Article.objects.published().for_lists().filter(section=section)[:FEED_SIZE]


class SectionAtom(SectionFeed):
    feed_type = Atom1Feed

    def subtitle(self, section):
        return self.description(section)
