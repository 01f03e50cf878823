"""The reminder pages: the staff log and each plan's policy, everyone's notifications (the bell)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..models import Notification, Plan, Reminder, ReminderPolicy
from ..permissions import staff_required, workspace_required
from ..services import ServiceError
from . import selectors as reminder_selectors, services as reminder_services
from .forms import DigestPreferenceForm, ReminderLogFilterForm, ReminderPolicyForm


@staff_required
def reminder_log(request):
    form = ReminderLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    reminders = reminder_selectors.reminder_log(
        status=filters.get("status", ""), channel=filters.get("channel", ""), query=filters.get("q", ""),
    )
    context = {
        "form": form,
        "page": Paginator(reminders, 50).get_page(request.GET.get("trang")),
        "counts": reminder_selectors.reminder_status_counts(),
        "schedules": reminder_selectors.beat_schedules(),
        "policies": reminder_selectors.plan_policies(),
    }
    return render(request, "campaign/reminder_log.html", context)


@staff_required
@require_POST
def reminder_resend(request, pk):
    reminder = get_object_or_404(Reminder, pk=pk)
    try:
        reminder_services.reminder_resend(reminder=reminder, by=request.user)
        messages.success(request, f"Đã đưa nhắc hạn gửi {reminder.recipient} vào hàng đợi để gửi lại.")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("campaign:reminder_log")


@staff_required
def reminder_policy(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    policy = ReminderPolicy.for_plan(plan)
    # The policy in force, described before a refused form changes the instance.
    description = policy.describe(lock_after_days=plan.lock_after_days)
    form = ReminderPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        reminder_services.reminder_policy_save(policy=form.save(commit=False), by=request.user)
        messages.success(request, "Đã lưu chính sách nhắc hạn.")
        return redirect("campaign:reminder_policy", pk=plan.pk)
    return render(request, "campaign/reminder_policy.html", {"plan": plan, "form": form, "description": description})


@workspace_required
def notifications(request):
    user = request.user
    # Bound on any POST: an unticked box alone sends no field at all.
    form = DigestPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"daily_digest": reminder_selectors.wants_daily_digest(user=user)},
    )
    if request.method == "POST" and form.is_valid():
        reminder_services.reminder_preference_set(user=user, daily_digest=form.cleaned_data["daily_digest"])
        messages.success(request, "Đã lưu cách nhận thư nhắc hạn.")
        return redirect("campaign:notifications")
    context = {
        "form": form,
        "page": Paginator(reminder_selectors.user_notifications(user=user), 30).get_page(request.GET.get("trang")),
        "unread": reminder_selectors.unread_notification_count(user=user),
    }
    return render(request, "campaign/notifications.html", context)


@workspace_required
@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    reminder_services.notification_mark_read(notification=notification)
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts={request.get_host()}):
        return redirect(notification.link)
    return redirect("campaign:notifications")


@workspace_required
@require_POST
def notifications_read_all(request):
    count = reminder_services.notifications_mark_all_read(user=request.user)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("campaign:notifications")
