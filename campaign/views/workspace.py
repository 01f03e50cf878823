"""The workspace home and the unit tree."""

from django.contrib.auth import get_user_model
from django.shortcuts import render

from ..models import Plan, ProgressReport, Unit
from ..permissions import workspace_required
from ..roles import OFFICER_GROUP, is_propaganda_staff
from ..selectors import unit_tree


@workspace_required
def workspace(request):
    user = request.user
    context = {"my_units": Unit.objects.filter(members=user).order_by("order", "name")}
    if is_propaganda_staff(user):
        context["unit_count"] = Unit.objects.active().count()
        context["officer_count"] = get_user_model().objects.filter(groups__name=OFFICER_GROUP, is_active=True).count()
        context["plans"] = Plan.objects.exclude(status=Plan.Status.CLOSED).order_by("-starts_on")
        context["waiting_reports"] = ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED).count()
    return render(request, "campaign/workspace.html", context)


@workspace_required
def unit_list(request):
    return render(request, "campaign/unit_list.html", {"rows": unit_tree(user=request.user)})
