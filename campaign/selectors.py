import calendar
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property

from django.db.models import Count, Prefetch, Q, Sum

from config.registries import functions

from .deadlines import local_today
from .formats import plan_outline
from .models import (
    Assignment,
    KeyDate,
    Measure,
    Plan,
    ProgressReport,
    ReportFigure,
    ReportingPeriod,
    Theme,
    Unit,
)
from .progress import assignment_progress, mean, weighted_mean
from .richtext import html_to_text
from .states import DUE_SOON_DAYS, FILED, period_state, plan_period_state
from .trees import subtree_keys, tree_rows


def unit_tree(*, user):
    """The units this user may see, as (unit, depth) in tree order.

    Two queries whatever the number of units: the units with their member
    counts, and nothing per row. An officer's units are shown as roots when
    their parent is outside what they may see.
    """
    units = list(
        Unit.objects.for_user(user)
        .annotate(member_count=Count("members", filter=Q(members__is_active=True), distinct=True))
        .order_by("order", "name")
    )
    return tree_rows(units)


# Tasks of a unit officer --------------------------------------------------------


# Officers work on issued plans only: a draft is not theirs yet, a closed plan is history.
ACTIVE_PLAN_STATUSES = Plan.ACTIVE_STATUSES


@dataclass
class WorkItem:
    """One (assignment, period) pair as the officer sees it; what it says comes from campaign.states."""

    assignment: Assignment
    period: ReportingPeriod
    report: ProgressReport | None
    today: object

    @cached_property
    def state(self):
        return plan_period_state(self.period, self.assignment.task.plan, self.report, self.today)

    @property
    def is_filed(self):
        return self.state.is_filed

    @property
    def is_overdue(self):
        return self.state.is_overdue

    @property
    def days_left(self):
        return self.state.days_left

    @property
    def days_overdue(self):
        return self.state.days_overdue

    @property
    def is_due_soon(self):
        return self.state.is_due_soon


def work_items(*, user, today=None, units=None):
    """Every (assignment, period) of the user's units in issued plans, open work first.

    Open items are sorted by due date (so overdue ones come first, then the
    ones due soonest); filed ones follow, newest due date first. Three
    queries, whatever the number of tasks.
    """
    today = today or local_today()
    assignments = Assignment.objects.for_user(user).select_related("task__plan", "unit")
    if units is not None:
        assignments = assignments.filter(unit__in=units)
    assignments = list(
        assignments.filter(task__plan__status__in=ACTIVE_PLAN_STATUSES).prefetch_related(
            Prefetch("task__periods", queryset=ReportingPeriod.objects.order_by("due_on", "order"))
        )
    )
    reports = {
        (report.assignment_id, report.period_id): report
        for report in ProgressReport.objects.filter(assignment__in=assignments)
    }
    items = [
        WorkItem(assignment, period, reports.get((assignment.pk, period.pk)), today)
        for assignment in assignments
        for period in assignment.task.periods.all()
    ]
    open_items = sorted((i for i in items if not i.is_filed), key=lambda i: (i.period.due_on, i.assignment.unit.name))
    filed_items = sorted((i for i in items if i.is_filed), key=lambda i: i.period.due_on, reverse=True)
    return open_items, filed_items


def open_work_count(*, user, today=None):
    """Overdue or due within a week and not filed: the number on the menu. Three small queries."""
    today = today or local_today()
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    assignments = list(
        Assignment.objects.filter(
            unit__members=user, task__plan__status__in=ACTIVE_PLAN_STATUSES,
        ).values_list("pk", "task_id")
    )
    if not assignments:
        return 0
    periods_by_task = {}
    for period_id, task_id in ReportingPeriod.objects.filter(
        task_id__in={task_id for _, task_id in assignments}, due_on__lte=horizon,
    ).values_list("pk", "task_id"):
        periods_by_task.setdefault(task_id, []).append(period_id)
    pairs = {(a, p) for a, task_id in assignments for p in periods_by_task.get(task_id, [])}
    filed = set(
        ProgressReport.objects.filter(
            assignment_id__in=[a for a, _ in assignments], status__in=FILED,
        ).values_list("assignment_id", "period_id")
    )
    return len(pairs - filed)


# The staff dashboard ------------------------------------------------------------


def rate(part, whole):
    return round(100 * part / whole) if whole else None


@dataclass
class Tally:
    expected: int = 0
    reported: int = 0
    on_time: int = 0
    overdue: int = 0

    @property
    def reporting_rate(self):
        return rate(self.reported, self.expected)

    @property
    def on_time_rate(self):
        return rate(self.on_time, self.reported)

    # What to write where a rate has nothing to count: the dashboard and the Excel say why.
    @property
    def reporting_rate_text(self):
        if not self.expected:
            return "không có hạn"
        return f"{self.reporting_rate} %"

    @property
    def on_time_rate_text(self):
        if not self.expected:
            return "không có hạn"
        if not self.reported:
            return "chưa có lượt nộp" if self.overdue else "chưa đến hạn"
        return f"{self.on_time_rate} %"


@dataclass
class UnitRow:
    unit: Unit
    tally: Tally = field(default_factory=Tally)
    progress: int = 0
    figures: list = field(default_factory=list)
    overdue_items: list = field(default_factory=list)
    counted: list = field(default_factory=list)


@dataclass
class ThemeRow:
    theme: Theme
    depth: int
    progress: int = 0
    figures: list = field(default_factory=list)


@dataclass
class Dashboard:
    plan: Plan
    start: object
    end: object
    today: object
    total: Tally
    measures: list
    unit_rows: list
    theme_rows: list
    months: list
    next_key_dates: list
    plan_progress: int
    counted_labels: list = field(default_factory=list)

    @property
    def overdue_note(self):
        """Up to which day the overdue days are counted (campaign.deadlines.overdue_counted_until)."""
        closed_on = self.plan.counting_ends_on
        if closed_on is not None:
            note = f"ngày kế hoạch tổng kết ({closed_on:%d/%m/%Y})"
        else:
            note = f"hôm nay ({self.today:%d/%m/%Y})"
        if self.plan.lock_after_days is not None:
            note += f"; kỳ đã khóa sổ ({self.plan.lock_after_days} ngày sau hạn) thì tính đến ngày khóa sổ"
        return note


def month_key(day):
    return (day.year, day.month)


def month_span(keys):
    """(year, month) keys from the earliest to the latest of `keys`, none skipped."""
    if not keys:
        return []
    (year, month), last = min(keys), max(keys)
    span = []
    while (year, month) <= last:
        span.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return span


def counted_unit_figures(*, plan):
    """Figures other apps count for each unit (e.g. quiz entries), as
    [(label, unit label, {unit_id: value})]. The sources are named in
    settings.CAMPAIGN_UNIT_FIGURE_SOURCES and imported by name, so campaign
    imports none of the apps that provide them; config/registries.py refuses a
    wrong name at start-up."""
    figures = []
    for source in functions("CAMPAIGN_UNIT_FIGURE_SOURCES"):
        figures.extend(source(plan=plan))
    return figures


def filing_form_url(*, assignment, period):
    """The page of another app where this assignment files for this period, or None (the campaign's
    own form). The apps are named in settings.CAMPAIGN_FILING_FORMS (e.g. the cooperation report's
    rounds, whose units file figures per partner province): campaign imports none of them."""
    for form in functions("CAMPAIGN_FILING_FORMS"):
        url = form(assignment=assignment, period=period)
        if url:
            return url
    return None


def plan_dashboard(*, plan, start=None, end=None, today=None, counted=()):
    """Reporting and on-time rates, overdue work, figures and progress of a plan.

    `start`/`end` bound the due dates counted (None: the whole plan). Counted
    as an auditor would: expected = (unit, period) pairs assigned with a due
    date in the range; reported = a report submitted or accepted (a returned
    report is not counted); on time = first submitted before local midnight
    after the due day plus the plan's grace days. A fixed number of queries.
    """
    today = today or local_today()
    all_periods = list(ReportingPeriod.objects.filter(task__plan=plan).select_related("task").order_by("due_on"))
    in_range = [
        p for p in all_periods if (start is None or p.due_on >= start) and (end is None or p.due_on <= end)
    ]
    periods_by_task = {}
    for period in all_periods:
        periods_by_task.setdefault(period.task_id, []).append(period)
    in_range_by_task = {}
    for period in in_range:
        in_range_by_task.setdefault(period.task_id, []).append(period)

    assignments = list(Assignment.objects.filter(task__plan=plan).select_related("unit", "task"))
    reports = {
        (r["assignment_id"], r["period_id"]): r
        for r in ProgressReport.objects.filter(assignment__task__plan=plan).values(
            "assignment_id", "period_id", "status", "first_submitted_at"
        )
    }
    measures = list(Measure.objects.filter(plan=plan))
    themes = list(Theme.objects.filter(plan=plan).order_by("order", "code"))

    rules = {"today": today, "grace_days": plan.grace_days, "lock_after_days": plan.lock_after_days, "closed_on": plan.counting_ends_on}
    unfiled = {p.pk: period_state(p.due_on, **rules) for p in in_range}  # the same for every unit without a report
    total = Tally()
    unit_rows = {}
    months = {}
    assignment_progress_by_id = {}
    for assignment in assignments:
        row = unit_rows.setdefault(assignment.unit_id, UnitRow(assignment.unit))
        statuses = [
            (reports.get((assignment.pk, p.pk)) or {}).get("status") for p in periods_by_task.get(assignment.task_id, [])
        ]
        assignment_progress_by_id[assignment.pk] = assignment_progress(statuses, assignment.progress_override)
        for period in in_range_by_task.get(assignment.task_id, []):
            report = reports.get((assignment.pk, period.pk))
            if report is None:
                state = unfiled[period.pk]
            else:
                state = period_state(period.due_on, status=report["status"], first_submitted_at=report["first_submitted_at"], **rules)
            filed, on_time, overdue = state.is_filed, state.is_on_time, state.is_overdue
            month = months.setdefault(month_key(period.due_on), Tally())
            for tally in (total, row.tally, month):
                tally.expected += 1
                tally.reported += filed
                tally.on_time += on_time
                tally.overdue += overdue
            if overdue:
                row.overdue_items.append((assignment.task, period, state.days_overdue))

    # Progress: unit = mean of its assignments; theme and plan = task means, weighted.
    by_unit = {}
    by_task = {}
    for assignment in assignments:
        by_unit.setdefault(assignment.unit_id, []).append(assignment_progress_by_id[assignment.pk])
        by_task.setdefault(assignment.task_id, []).append(assignment_progress_by_id[assignment.pk])
    tasks = {a.task_id: a.task for a in assignments}
    task_progress = {task_id: mean(values) for task_id, values in by_task.items()}
    for unit_id, row in unit_rows.items():
        row.progress = mean(by_unit[unit_id])

    figure_rows = ReportFigure.objects.filter(
        report__assignment__task__plan=plan, report__status__in=FILED, report__period__in=in_range,
    ).values("report__assignment__unit_id", "report__assignment__task__theme_id", "measure_id").annotate(total=Sum("value"))
    by_unit_measure = {}
    by_theme_measure = {}
    for fig in figure_rows:
        key = (fig["report__assignment__unit_id"], fig["measure_id"])
        by_unit_measure[key] = by_unit_measure.get(key, 0) + fig["total"]
        key = (fig["report__assignment__task__theme_id"], fig["measure_id"])
        by_theme_measure[key] = by_theme_measure.get(key, 0) + fig["total"]
    for unit_id, row in unit_rows.items():
        row.figures = [by_unit_measure.get((unit_id, m.pk), 0) for m in measures]

    theme_rows = []
    theme_tree = tree_rows(themes)
    for index, (theme, depth) in enumerate(theme_tree):
        ids = set(subtree_keys(theme_tree, index))
        pairs = [(task_progress[t.pk], t.weight) for t in tasks.values() if t.theme_id in ids and t.pk in task_progress]
        theme_rows.append(
            ThemeRow(
                theme, depth, weighted_mean(pairs),
                [sum(by_theme_measure.get((tid, m.pk), 0) for tid in ids) for m in measures],
            )
        )
    plan_progress = weighted_mean((task_progress[t.pk], t.weight) for t in tasks.values() if t.pk in task_progress)
    next_key_dates = [
        (kd, (kd.date - today).days) for kd in KeyDate.objects.filter(plan=plan, date__gte=today).order_by("date")[:5]
    ]
    for unit_id, row in unit_rows.items():
        row.counted = [values.get(unit_id, 0) for _, _, values in counted]
    unit_list = sorted(unit_rows.values(), key=lambda r: (r.unit.order, r.unit.name))
    # Every month from the first due month to the last, so the timeline has no silent gaps:
    # a month with nothing due reads "không có hạn" (Tally.reporting_rate_text).
    month_list = [(key, months.get(key, Tally())) for key in month_span([month_key(p.due_on) for p in in_range])]
    return Dashboard(
        plan, start, end, today, total, measures, unit_list, theme_rows, month_list, next_key_dates, plan_progress,
        [f"{label} ({unit_label})" for label, unit_label, _ in counted],
    )


def plan_due_months(*, plan):
    """The months in which the plan has due dates, for the dashboard's period filter."""
    days = ReportingPeriod.objects.filter(task__plan=plan).values_list("due_on", flat=True).distinct()
    return sorted({month_key(day) for day in days})


@dataclass
class CalendarDay:
    day: object
    in_month: bool
    key_dates: list
    due: list


def month_grids(key_dates, due_dates):
    """Month grids (Monday first) of the months that hold a key date or a due date."""
    marks = {}
    for key_date in key_dates:
        last = key_date.end_date or key_date.date
        day = key_date.date
        while day <= last:
            marks.setdefault(day, []).append(key_date)
            day += timedelta(days=1)
    months = sorted({month_key(day) for day in list(marks) + list(due_dates)})
    grids = []
    for year, month in months:
        weeks = [
            [CalendarDay(day, day.month == month, marks.get(day, []), due_dates.get(day, [])) for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        grids.append({"year": year, "month": month, "weeks": weeks})
    return grids


def plan_document(*, plan):
    """The plan page: themes as a tree, channels, key dates by month, tasks grouped by unit group."""
    tree = tree_rows(list(plan.themes.order_by("order", "code")))
    tasks = list(
        plan.tasks.select_related("theme").prefetch_related(
            Prefetch("periods", queryset=ReportingPeriod.objects.order_by("due_on", "order")),
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit").order_by("unit__order", "unit__name")),
        )
    )
    groups = {}
    for task in tasks:
        groups.setdefault(task.unit_group or "Nhiệm vụ khác", []).append(task)
    key_dates = list(plan.key_dates.select_related("theme").order_by("date"))
    by_month = {}
    for key_date in key_dates:
        by_month.setdefault(month_key(key_date.date), []).append(key_date)
    due_dates = {}
    for task in tasks:
        for period in task.periods.all():
            due_dates.setdefault(period.due_on, []).append(f"Hạn: {task.title} – {period.label}")
    channels = list(plan.channels.all())
    outline = plan_outline(
        plan.document_format,
        purposes=bool(html_to_text(plan.purposes)), requirements=bool(html_to_text(plan.requirements)),
        themes=bool(tree), channels=bool(channels), tasks=True,
    )
    return {
        "calendar": month_grids(key_dates, due_dates),
        "outline": outline,
        "doc_format": plan.document_format,
        "issuer_lines": plan.issuer_lines,
        "themes": tree,
        "channels": channels,
        "task_groups": list(groups.items()),
        "key_date_months": sorted(by_month.items()),
        "references": list(plan.references.prefetch_related("themes")),
        "measures": list(plan.measures.all()),
    }
