"""The editorial pages (/lam-viec/tin-bai/): write, send for review, approve, unpublish.

Thin views: the permission is a Django permission (content.services), the
moves are services; an article a user may not open is a 404.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from campaign.images import prepare_photo
from campaign.models import ProgressReport

from . import from_report, revisions, services
from .forms import ApproveForm, ArticleWriteForm
from .models import Article

ACTIONS = {
    "submit": (services.article_submit, "Đã gửi tin bài chờ duyệt."),
    "return": (services.article_return, "Đã trả tin bài về nháp cho người viết."),
    "withdraw": (services.article_withdraw, "Đã gỡ tin bài khỏi cổng thông tin."),
}


def _writer(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.can_write(request.user):
        raise PermissionDenied
    return None


def _article(request, pk):
    article = services.writable_articles(request.user).select_related("section", "unit", "approved_by").filter(pk=pk).first()
    if article is None:
        raise Http404("Không tìm thấy tin bài.")
    return article


def article_list(request):
    if (refusal := _writer(request)) is not None:
        return refusal
    status = request.GET.get("trang-thai", "")
    articles = services.writable_articles(request.user).select_related("section", "unit").defer("body").order_by("-updated_at")
    if status in Article.Status.values:
        articles = articles.filter(status=status)
    return render(request, "content/staff/article_list.html", {
        "page": Paginator(articles, 30).get_page(request.GET.get("trang")),
        "statuses": Article.Status.choices, "status": status,
        "approver": services.can_approve(request.user),
    })


def article_edit(request, pk=None):
    if (refusal := _writer(request)) is not None:
        return refusal
    article = _article(request, pk) if pk else Article()
    approver = services.can_approve(request.user)
    if pk and not services.can_edit(request.user, article):
        messages.info(request, "Tin bài đã xuất bản hoặc đã gỡ: chỉ người duyệt sửa được.")
        return redirect("content:staff_article_preview", pk=article.pk)
    form = ArticleWriteForm(request.POST or None, request.FILES or None, instance=article, user=request.user, approver=approver)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_save(article=form.save(commit=False), by=request.user, save_m2m=form.save_m2m)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã lưu tin bài.")
            return redirect("content:staff_article_preview", pk=article.pk)
    return render(request, "content/staff/article_form.html", {"form": form, "article": article if pk else None})


def article_preview(request, pk):
    if (refusal := _writer(request)) is not None:
        return refusal
    article = _article(request, pk)
    return render(request, "content/staff/article_preview.html", {
        "article": article, "cover": article.cover_sources, "approve_form": ApproveForm(),
        "actions": services.available_actions(request.user, article),
    })


@require_POST
def article_action(request, pk, action):
    if (refusal := _writer(request)) is not None:
        return refusal
    article = _article(request, pk)
    try:
        if action == "approve":
            form = ApproveForm(request.POST)
            if not form.is_valid():
                messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
                return redirect("content:staff_article_preview", pk=pk)
            article = services.article_approve(article=article, by=request.user, publish_at=form.cleaned_data["publish_at"])
            messages.success(request, "Đã xuất bản tin bài." if article.is_public else
                             f"Đã duyệt; tin bài sẽ tự xuất bản lúc {article.published_at:%H:%M %d/%m/%Y}.")
        elif action in ACTIONS:
            service, done = ACTIONS[action]
            service(article=article, by=request.user)
            messages.success(request, done)
        else:
            raise Http404("Không có thao tác này.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("content:staff_article_preview", pk=pk)


@require_POST
def editor_image_upload(request):
    """CKEditor 5's image upload (settings.CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME): the photo is checked
    and re-encoded like the portal's other photos (campaign.images: Pillow, size and pixel limits,
    no metadata, at most 2000 px) and stored under a name the portal makes."""
    if not (request.user.is_authenticated and services.can_write(request.user)):
        return JsonResponse({"error": {"message": "Bạn không có quyền tải ảnh lên."}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": "Chưa chọn ảnh."}}, status=400)
    try:
        full, _thumb = prepare_photo(upload).files()
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    name = default_storage.save(f"tin-bai/anh/{full.name}", full)
    return JsonResponse({"url": default_storage.url(name)})


def _editable_article(request, pk):
    """An article the user may edit, whose revisions they may therefore see; else 404."""
    article = _article(request, pk)
    if not services.can_edit(request.user, article):
        raise Http404("Không tìm thấy tin bài.")
    return article


def revision_list(request, pk):
    if (refusal := _writer(request)) is not None:
        return refusal
    article = _editable_article(request, pk)
    return render(request, "content/staff/revision_list.html", {
        "article": article, "revisions": revisions.revision_list(article),
    })


def revision_compare(request, pk):
    if (refusal := _writer(request)) is not None:
        return refusal
    article = _editable_article(request, pk)
    # isascii() too: "²".isdigit() is True, and int() refuses it; at most 18 digits, what a bigint holds.
    ids = [int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else 0
           for value in (request.GET.get("cu", ""), request.GET.get("moi", ""))]
    found = {revision.history_id: revision for revision in Article.history.filter(id=article.pk, history_id__in=ids)}
    old, new = found.get(ids[0]), found.get(ids[1])
    if old is None or new is None:
        raise Http404("Không tìm thấy phiên bản.")
    if old.history_date > new.history_date:
        old, new = new, old
    return render(request, "content/staff/revision_compare.html", {
        "article": article, "old": old, "new": new, "rows": revisions.compare(old, new),
    })


@require_POST
def revision_restore(request, pk, history_id):
    if (refusal := _writer(request)) is not None:
        return refusal
    article = _editable_article(request, pk)
    revision = Article.history.filter(id=article.pk, history_id=history_id).first()
    if revision is None:
        raise Http404("Không tìm thấy phiên bản.")
    try:
        services.article_restore(article=article, revision=revision, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã khôi phục phiên bản cũ; việc khôi phục được lưu thành một phiên bản mới."
                         + (" Tin bài chuyển về chờ duyệt." if article.status == Article.Status.PENDING else ""))
    return redirect("content:staff_article_revisions", pk=article.pk)


@require_POST
def article_from_report(request, report_pk):
    """The report page's button: a draft from the accepted report, or the one it already has."""
    if (refusal := _writer(request)) is not None:
        return refusal
    if not services.can_draft_from_reports(request.user):
        raise PermissionDenied
    report = get_object_or_404(ProgressReport.objects.select_related("assignment__unit", "assignment__task__theme", "period"),
                               pk=report_pk)
    try:
        article, created = from_report.article_from_report(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("campaign:report", pk=report.pk)
    messages.success(request, "Đã tạo bản nháp tin bài từ báo cáo." if created else "Báo cáo này đã có bản nháp tin bài.")
    return redirect("content:staff_article_edit", pk=article.pk)
