"""The staff dashboard of a plan, on the page and as a spreadsheet."""

from calendar import monthrange
from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..exports import dashboard_workbook
from ..models import Plan
from ..permissions import staff_required
from ..selectors import counted_unit_figures, plan_dashboard, plan_due_months


def _dashboard_for(request, plan):
    """The dashboard of the month chosen in ?thang=YYYY-MM (or the whole plan)."""
    months = plan_due_months(plan=plan)
    chosen = request.GET.get("thang", "")
    start = end = None
    if chosen:
        try:
            year, month = (int(part) for part in chosen.split("-"))
            if (year, month) not in months:
                raise ValueError
        except ValueError:
            raise Http404("Kỳ không hợp lệ.") from None
        start = date(year, month, 1)
        end = date(year, month, monthrange(year, month)[1])
    board = plan_dashboard(plan=plan, start=start, end=end, counted=counted_unit_figures(plan=plan))
    return board, months, chosen


@staff_required
def dashboard(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    board, months, chosen = _dashboard_for(request, plan)
    chart = {
        "labels": [f"{month:02d}/{year}" for (year, month), _ in board.months],
        "reporting": [tally.reporting_rate for _, tally in board.months],
        "on_time": [tally.on_time_rate for _, tally in board.months],
    }
    context = {
        "plan": plan, "board": board, "months": [(f"{y}-{m:02d}", f"{m:02d}/{y}") for y, m in months],
        "chosen": chosen, "chart": chart,
    }
    return render(request, "campaign/dashboard.html", context)


@staff_required
def dashboard_xlsx(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    board, _, chosen = _dashboard_for(request, plan)
    response = HttpResponse(dashboard_workbook(board), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    suffix = f"-{chosen}" if chosen else ""
    response["Content-Disposition"] = f'attachment; filename="tong-hop-{plan.code}{suffix}.xlsx"'
    return response
