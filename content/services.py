"""Writes of the editorial workflow: nháp → chờ duyệt → đã xuất bản, and gỡ bài.

Who may do what is two Django permissions, given to roles (campaign/signals.py):
`content.submit_article` writes and sends for review (unit officers, staff),
`content.approve_article` approves, publishes, returns and unpublishes (staff).
A writer without the approval permission edits only their own or their units'
drafts, never a published article. Each move is a conditional UPDATE on the
expected status, so two approvers clicking at once publish once.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from campaign.roles import is_propaganda_staff
from campaign.services import ServiceError

from . import cache as page_cache
from . import revisions
from .models import Article

Status = Article.Status
SUBMIT = "content.submit_article"
APPROVE = "content.approve_article"


def can_write(user):
    return user.is_active and (user.has_perm(SUBMIT) or user.has_perm(APPROVE))


def can_approve(user):
    return user.is_active and user.has_perm(APPROVE)


def can_draft_from_reports(user):
    """A draft from a unit's progress report copies its text and private photos: only approvers who
    are also Ban Tuyên giáo staff, who may read every report (an approver outside it may not)."""
    return can_approve(user) and is_propaganda_staff(user)


def writable_articles(user):
    """The articles `user` may open in the editorial pages."""
    if can_approve(user):
        return Article.objects.all()
    if not can_write(user):
        return Article.objects.none()
    return Article.objects.filter(Q(created_by=user) | Q(unit__members=user)).distinct()


def can_edit(user, article):
    if can_approve(user):
        return True
    return can_write(user) and article.status in (Status.DRAFT, Status.PENDING) and (
        article.created_by_id == user.pk or (article.unit_id and article.unit.members.filter(pk=user.pk).exists())
    )


def available_actions(user, article):
    """Which workflow buttons `user` gets on `article` (the services check again on POST)."""
    editable, approver = can_edit(user, article), can_approve(user)
    return {
        "edit": editable,
        "submit": editable and article.status == Status.DRAFT,
        "approve": approver and article.status != Status.PUBLISHED,
        "return": approver and article.status == Status.PENDING,
        "withdraw": approver and article.status == Status.PUBLISHED,
    }


def _move(article, *, by, expected, to, **fields):
    changed = Article.objects.filter(pk=article.pk, status__in=expected).update(status=to, updated_at=timezone.now(), **fields)
    if changed != 1:
        raise ServiceError("Tin bài đã được người khác chuyển sang trạng thái khác; hãy tải lại trang.")
    article.refresh_from_db()
    page_cache.bump()  # a queryset update sends no post_save
    revisions.record(article, by=by)  # an UPDATE sends no signal
    return article


@transaction.atomic
def article_save(*, article, by, save_m2m=None):
    """Save what a writer typed (and its themes, by `save_m2m`), as one revision. A new article is
    a draft of its writer; a writer without the approval permission cannot change a published or
    withdrawn one."""
    if article.pk is None:
        article.created_by = by
        if not can_approve(by):
            article.status = Status.DRAFT
    elif not can_edit(by, Article.objects.select_related("unit").get(pk=article.pk)):
        raise ServiceError("Bạn không được sửa tin bài này.")
    revisions.save_with_revision(article, by=by, save_m2m=save_m2m)
    return article


@transaction.atomic
def article_restore(*, article, revision, by):
    """Bring back an old revision's text as a new revision (content.revisions.restore_revision)."""
    if not can_edit(by, article):
        raise ServiceError("Bạn không được sửa tin bài này.")
    if revision.id != article.pk:
        raise ServiceError("Phiên bản này không phải của tin bài này.")
    return revisions.restore_revision(article=article, revision=revision, by=by, approver=can_approve(by))


def article_submit(*, article, by):
    if not can_edit(by, article):
        raise ServiceError("Bạn không được gửi duyệt tin bài này.")
    return _move(article, by=by, expected=[Status.DRAFT], to=Status.PENDING)


def article_approve(*, article, by, publish_at=None, now=None):
    """Publish now, or at `publish_at` (a scheduled article shows nowhere before then)."""
    if not can_approve(by):
        raise ServiceError("Bạn không có quyền duyệt tin bài.")
    now = now or timezone.now()
    return _move(article, by=by, expected=[Status.DRAFT, Status.PENDING, Status.WITHDRAWN], to=Status.PUBLISHED,
                 approved_by=by, approved_at=now, published_at=publish_at or article.published_at or now)


def article_return(*, article, by):
    """Send a pending article back to its writer as a draft."""
    if not can_approve(by):
        raise ServiceError("Bạn không có quyền duyệt tin bài.")
    return _move(article, by=by, expected=[Status.PENDING], to=Status.DRAFT)


def article_withdraw(*, article, by):
    """Gỡ bài: the article leaves every public page, feed and the sitemap; its row stays."""
    if not can_approve(by):
        raise ServiceError("Bạn không có quyền gỡ tin bài.")
    return _move(article, by=by, expected=[Status.PUBLISHED], to=Status.WITHDRAWN)
