"""The administrators' change log: who changed what in the audited models (campaign.audit)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import audit
from ..forms import AuditLogFilterForm
from ..permissions import audit_log_required

PER_PAGE = 50


@audit_log_required
@require_GET
def audit_log(request):
    form = AuditLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    user = filters.get("user")
    rows = audit.entries(kind=filters.get("kind", ""), user_id=user.pk if user else None,
                         date_from=filters.get("date_from"), date_to=filters.get("date_to"))
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "campaign/audit_log.html", {
        "form": form, "page": page, "entries": audit.page_entries(list(page.object_list)),
    })
