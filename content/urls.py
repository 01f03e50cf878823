from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, staff_views, views, views_search
from .cache import public_page
from .models import Page
from .sitemaps import SITEMAPS

app_name = "content"

urlpatterns = [
    path("tin-bai/", views.article_list, name="articles"),
    path("tin-bai/rss/", public_page(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("tin-bai/atom/", public_page(feeds.LatestArticlesAtom()), name="feed_atom"),
    path("tin-bai/<slug:slug>/", views.article_detail, name="article"),
    path("chuyen-muc/<slug:slug>/", views.section_detail, name="section"),
    path("chuyen-muc/<slug:slug>/rss/", public_page(feeds.SectionFeed()), name="section_rss"),
    path("chuyen-muc/<slug:slug>/atom/", public_page(feeds.SectionAtom()), name="section_atom"),
    path("ngay-ky-niem/", views.key_dates, name="key_dates"),
    path("tim-kiem/", views_search.search_page, name="search"),
    path("tai-lieu/", views.material_list, name="materials"),
    path("tai-lieu/<slug:code>/", views.material_detail, name="material"),
    path("tai-lieu/<slug:code>/tai-ve/", views.material_download, name="material_download"),
    *[path(f"{slug}/", views.page, {"slug": slug}, name=f"page-{slug}") for slug in Page.Slug.values],
    path("lam-viec/tin-bai/", staff_views.article_list, name="staff_articles"),
    path("lam-viec/tin-bai/moi/", staff_views.article_edit, name="staff_article_create"),
    path("lam-viec/tin-bai/tu-bao-cao/<int:report_pk>/", staff_views.article_from_report,
         name="staff_article_from_report"),
    path("lam-viec/tin-bai/anh/", staff_views.editor_image_upload, name="editor_image_upload"),
    path("lam-viec/tin-bai/<int:pk>/", staff_views.article_preview, name="staff_article_preview"),
    path("lam-viec/tin-bai/<int:pk>/sua/", staff_views.article_edit, name="staff_article_edit"),
    path("lam-viec/tin-bai/<int:pk>/phien-ban/", staff_views.revision_list, name="staff_article_revisions"),
    path("lam-viec/tin-bai/<int:pk>/phien-ban/so-sanh/", staff_views.revision_compare, name="staff_article_compare"),
    path("lam-viec/tin-bai/<int:pk>/phien-ban/<int:history_id>/khoi-phuc/", staff_views.revision_restore,
         name="staff_article_restore"),
    path("lam-viec/tin-bai/<int:pk>/<slug:action>/", staff_views.article_action, name="staff_article_action"),
    path("sitemap.xml", public_page(sitemap_views.sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
