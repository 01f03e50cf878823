"""Staff pages for officer accounts, under /lam-viec/tai-khoan/. Every view is staff-only; an
account outside `officers()` (staff, superusers, people without the officer role) is a 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..models import Unit
from ..permissions import staff_required
from ..services import ServiceError
from . import services
from .forms import AccountFilterForm, OfficerCreateForm, OfficerForm, OfficerImportForm
from .sheets import accounts_workbook, template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filtered(request):
    form = AccountFilterForm(request.GET or None)
    accounts = services.officers().select_related("officer_profile").prefetch_related("units")
    unit = None
    if form.is_valid():
        unit = form.cleaned_data["don_vi"]
        if unit is not None:
            accounts = accounts.filter(units=unit)
        if q := form.cleaned_data["q"].strip():
            accounts = accounts.filter(Q(first_name__icontains=q) | Q(email__icontains=q) | Q(username__icontains=q))
    elif form.is_bound:
        # A unit code that does not exist lists (and exports) nobody, rather than everybody.
        accounts = accounts.none()
    return form, unit, accounts.order_by("-is_active", "first_name", "username")


def _posted(request):
    # An empty POST still binds the form, so it answers with its Vietnamese errors.
    return request.POST if request.method == "POST" else None


def _officer(pk):
    return get_object_or_404(services.officers().select_related("officer_profile"), pk=pk)


@staff_required
def account_list(request):
    form, unit, accounts = _filtered(request)
    page = Paginator(accounts, 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "campaign/accounts/account_list.html", {
        "form": form, "unit": unit, "page": page, "query": query.urlencode(),
    })


@staff_required
def accounts_xlsx(request):
    _, unit, accounts = _filtered(request)
    name = f"tai-khoan-{unit.code}.xlsx" if unit else "tai-khoan-can-bo.xlsx"
    return _xlsx(accounts_workbook(accounts, unit=unit), name)


def _send_link(request, officer):
    try:
        services.officer_send_password_link(officer=officer, by=request.user)
    except ServiceError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Đã gửi thư đặt mật khẩu tới {officer.email}.")


@staff_required
def account_create(request):
    initial = {}
    if unit := Unit.objects.active().filter(code=request.GET.get("don_vi", "")).first():
        initial["units"] = [unit]
    form = OfficerCreateForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            officer = services.officer_create(
                full_name=data["full_name"], email=data["email"], phone=data["phone"], units=data["units"], by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã tạo tài khoản {officer.username} cho {officer.first_name}.")
            if data["send_link"]:
                _send_link(request, officer)
            return redirect("campaign:account", pk=officer.pk)
    return render(request, "campaign/accounts/account_form.html", {"form": form})


@staff_required
def account_detail(request, pk):
    officer = _officer(pk)
    profile = getattr(officer, "officer_profile", None)
    initial = {
        "full_name": officer.first_name, "email": officer.email, "phone": profile.phone if profile else "",
        "units": list(officer.units.all()),
    }
    form = OfficerForm(_posted(request), initial=initial, officer=officer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.officer_update(
                officer=officer, full_name=data["full_name"], email=data["email"], phone=data["phone"],
                units=data["units"], by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã lưu tài khoản {officer.username}.")
            return redirect("campaign:account", pk=officer.pk)
    return render(request, "campaign/accounts/account_detail.html", {
        "officer": officer, "form": form, "has_password": officer.has_usable_password(),
        "inactive_units": officer.units.filter(is_active=False),
    })


@staff_required
@require_POST
def account_send_link(request, pk):
    _send_link(request, _officer(pk))
    return redirect("campaign:account", pk=pk)


def _set_active(request, pk, service, done):
    """Lock or reopen an account through its service; the refusal or `done` as the message."""
    officer = _officer(pk)
    try:
        service(officer=officer, by=request.user)
    except ServiceError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done.format(username=officer.username))
    return redirect("campaign:account", pk=pk)


@staff_required
@require_POST
def account_deactivate(request, pk):
    return _set_active(
        request, pk, services.officer_deactivate, "Đã khóa tài khoản {username}: người này không đăng nhập được nữa.",
    )


@staff_required
@require_POST
def account_activate(request, pk):
    return _set_active(request, pk, services.officer_activate, "Đã mở lại tài khoản {username}.")


@staff_required
def accounts_import(request):
    form = OfficerImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.officers_import(rows=form.rows, by=request.user)
        except ServiceError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"Đã tạo {len(created)} tài khoản cán bộ.")
            if form.cleaned_data["send_links"]:
                sent, failed = services.officer_send_password_links(officers=created, by=request.user)
                messages.success(request, f"Đã gửi {sent} thư đặt mật khẩu.")
                if failed:
                    messages.error(request, "Chưa gửi được thư tới: " + ", ".join(failed) + ". Hãy gửi lại từ trang của từng tài khoản.")
            return redirect("campaign:accounts")
    return render(request, "campaign/accounts/account_import.html", {"form": form})


@staff_required
def accounts_import_template(request):
    return _xlsx(template_workbook(), "mau-nhap-can-bo.xlsx")
