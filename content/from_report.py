"""A draft article from an accepted progress report, in one click: the units' activities are the
portal's best news.

The campaign's report page shows the button through its registry
`settings.CAMPAIGN_ACCEPTED_REPORT_ACTIONS` (campaign imports no content): `accepted_report_actions`
below is named there. The draft carries the report's text, its photos as figures (copied from the
private storage into the public media, with their captions; the first one also as the cover), the
unit, the task's theme and section, and `source_report`, the link back; a report has one draft, so a
second click opens it.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator

from campaign.images import new_photo_name
from campaign.models import ProgressReport
from campaign.services import ServiceError
from campaign.text import visible_text

from . import revisions, services
from .models import Article, Section


def accepted_report_actions(report, user):
    """The report page's buttons for content (registry CAMPAIGN_ACCEPTED_REPORT_ACTIONS)."""
    if report.status != ProgressReport.Status.ACCEPTED or not services.can_draft_from_reports(user):
        return []
    exists = Article.objects.filter(source_report=report).exists()
    return [{
        "label": "Mở bản nháp tin bài viết từ báo cáo này" if exists else "Viết tin bài từ báo cáo này",
        "url": reverse("content:staff_article_from_report", args=[report.pk]),
    }]


def _section_for(theme):
    """The section of the task's theme or of a theme above it, else the first section."""
    while theme is not None:
        section = Section.objects.filter(theme=theme).first()
        if section:
            return section
        theme = theme.parent
    return Section.objects.first()


def _copy_photo(photo):
    """The report photo's bytes, stored as a public media file; its URL."""
    with photo.image.open("rb") as source:
        data = source.read()
    return default_storage.save(f"tin-bai/anh/{new_photo_name()}", ContentFile(data)), data


def _figure(url, caption):
    caption = escape(caption)
    return f'<figure class="image"><img src="{url}" alt="{caption}">' + (
        f"<figcaption>{caption}</figcaption>" if caption else "") + "</figure>"


def article_from_report(*, report, by):
    """(the report's draft, whether it was made now). Only staff approvers; only an accepted report."""
    if not services.can_draft_from_reports(by):
        raise ServiceError("Bạn không có quyền viết tin bài từ báo cáo.")
    existing = Article.objects.filter(source_report=report).first()
    if existing is not None:
        return existing, False
    if report.status != ProgressReport.Status.ACCEPTED:
        raise ServiceError("Chỉ viết tin bài từ báo cáo đã được chấp nhận.")
    task, unit = report.assignment.task, report.assignment.unit
    section = _section_for(task.theme)
    if section is None:
        raise ServiceError("Chưa có chuyên mục nào: hãy tạo một chuyên mục trước.")
    article = Article(
        title=Truncator(f"{unit.name}: {task.title}").chars(300),
        summary=Truncator(visible_text(report.text)).chars(300),
        section=section, unit=unit, status=Article.Status.DRAFT, source_report=report,
        source=Truncator(f"Báo cáo tiến độ của {unit.name}, {report.period.label}").chars(300),
        created_by=by,
    )
    figures = []
    for index, photo in enumerate(report.photos.all()):
        name, data = _copy_photo(photo)
        figures.append(_figure(default_storage.url(name), photo.caption))
        if index == 0:
            article.cover.save(new_photo_name(), ContentFile(data), save=False)
            article.cover_caption = article.cover_alt = photo.caption
    article.body = report.text + "".join(figures)
    try:
        with transaction.atomic():
            revisions.save_with_revision(
                article, by=by, reason="Tạo từ báo cáo tiến độ",
                save_m2m=lambda: article.themes.set([task.theme]) if task.theme_id else None,
            )
    except IntegrityError:  # another click made it first
        return Article.objects.get(source_report=report), False
    return article, True
