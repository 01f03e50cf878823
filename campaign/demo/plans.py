"""Demo data of the two plans, loaded by `python manage.py seed_demo` after the units.

1. The plan of Thành ủy Đà Lạt for "Năm Hữu nghị Việt Nam - Campuchia 2022" and
   "Năm Đoàn kết hữu nghị Việt Nam - Lào 2022"
   (data/ke-hoach-viet-lao-campuchia-2022.yaml, from
   ../shared/seeds/ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md), whole:
   themes with footnotes, channels, key dates, both appendices, section IV as
   tasks for units, and demo progress reports for 2022.
2. The directions 2026 - 2030 of Gia Lai's cooperation with the four southern
   Lao provinces (part IV of report 04/BC-UBND;
   data/phuong-huong-gia-lai-nam-lao-2026-2030.yaml), with tasks for the sở,
   ngành whose reporting periods fall around the day the demo is first loaded.

The texts are in the data files; this module turns them into rows. Rich-text
fields get simple HTML (<p>, <ul><li>, <sup>); other fields plain text.

Every row goes through `config.seeding.ensure`: a run adds what is missing and
leaves every row that exists as it is, whatever people did with it since (a
report returned and filed again, a due date moved, a theme retitled). The
sources give no deadlines, so tasks are flagged `is_demo`, progress reports
start with "Dữ liệu minh họa." and are drawn from a fixed random seed.
"""

import calendar
import hashlib
import random
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils.html import escape

from config.seeding import Tally, at

from ..deadlines import local_today
from ..formats import IssuerKind
from ..models import (
    Assignment,
    Channel,
    KeyDate,
    Measure,
    Plan,
    ProgressReport,
    ReferenceDocument,
    ReferenceSection,
    ReportEvent,
    ReportFigure,
    ReportingPeriod,
    Task,
    Theme,
    Unit,
)
from ..periods import period_of
from . import DEMO_STAFF, data, demo_submitter

# Every demo report's text starts with it (the data files' templates must too);
# name_demo_submitters finds the demo's reports by it.
DEMO_MARK = "Dữ liệu minh họa."

# The plans' codes; each plan's data is data/<code>.yaml.
DA_LAT_CODE = "ke-hoach-viet-lao-campuchia-2022"
GIA_LAI_CODE = "phuong-huong-gia-lai-nam-lao-2026-2030"

# The Đà Lạt demo reports: drawn from this seed; about 30 % filed 1-5 days
# late, the others on time or up to 6 days early, reviewed 1-4 days later.
DA_LAT_SEED = 2022
LATE_SHARE = 0.3

# Days from the first run to each Gia Lai task's current quarterly due date,
# dealt to the tasks in turn, so that the demo has overdue, due-soon and later work.
DUE_OFFSETS = (-20, -3, 2, 6, 30, 75)

SOURCES = Path(__file__).resolve().parent.parent.parent / "docs" / "sources"


# -- Text to HTML --


def _text(text):
    """Our data as HTML text: escaped, but for the footnote marks <sup>n</sup>."""
    return escape(text).replace("&lt;sup&gt;", "<sup>").replace("&lt;/sup&gt;", "</sup>")


def _paragraphs(texts):
    return "".join(f"<p>{_text(text)}</p>" for text in texts)


def _bullets(items):
    """A list; an item that is itself a list is a bullet followed by paragraphs of its own."""
    if not items:
        return ""
    rows = []
    for item in items:
        if isinstance(item, list):
            rows.append(f"<li>{_paragraphs(item)}</li>")
        else:
            rows.append(f"<li>{_text(item)}</li>")
    return f"<ul>{''.join(rows)}</ul>"


def _footnotes(notes):
    return "".join(f"<p><sup>{number}</sup> {_text(text)}</p>" for number, text in notes.items())


def _fill(section, key, values):
    """The template at `key` with its {placeholders} filled; it must start with DEMO_MARK."""
    template = section.text(key)
    if not template.startswith(DEMO_MARK):
        raise section.fail(key, f"phải bắt đầu bằng «{DEMO_MARK}».")
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError) as error:
        raise section.fail(key, f"có chỗ điền không biết ({error}); được dùng: {', '.join(values)}.") from None


def _pick(section, key, known, what):
    """known[section[key]], or SeedDataError naming the key if it is not one of them."""
    value = section[key]
    if value not in known:
        raise section.fail(key, f"không phải mã của {what} nào (đang là «{value}»).")
    return known[value]


# -- Shared by both plans --


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _ensure_periods(tally, task, periods):
    """Create a task's periods the first time; later runs leave them where they are.

    A period found by its label, or by its place in the task, is kept: staff
    may have moved its due date or renamed it. (The Gia Lai dates also come
    from the day of the first run, so a later run would compute others.)
    """
    found = []
    for order, (label, starts_on, ends_on, due_on, is_final) in enumerate(periods, start=1):
        period = task.periods.filter(label=label).first() or task.periods.filter(order=order).first()
        if period is not None:
            tally.counts["kept"] += 1
        else:
            period = tally.put(ReportingPeriod, {"task": task, "label": label}, {
                "starts_on": starts_on, "ends_on": ends_on, "due_on": due_on, "is_final": is_final, "order": order,
            })
        found.append(period)
    return found


def _units(codes):
    """The units of a task; a group unit (Nhóm đơn vị) stands for its active children."""
    units = []
    for code in codes:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:  # deleted by hand: its tasks go to the others
            continue
        if unit.kind == Unit.Kind.GROUP:
            units.extend(unit.children.active().order_by("order", "code"))
        else:
            units.append(unit)
    return units


def _measures(tally, plan, rows):
    measures = {}
    for order, row in enumerate(rows, start=1):
        code = row.text("code")
        measures[code] = tally.put(Measure, {"plan": plan, "code": code},
                                   {"name": row.text("name"), "unit_label": row.text("unit_label"), "order": order})
    return measures


def _figures(section, measures):
    figures = section["figures"]
    for code in figures.keys():
        if code not in measures:
            raise figures.fail(code, "không phải mã của chỉ tiêu nào trong measures.")
    return figures.plain()


def _save_report(tally, assignment, period, *, status, text, first_submitted_at, submitted_by,
                 reviewed_at, reviewer, comment, figures, measures):
    """A demo report with its figures and history, once.

    A report that exists, the demo's or one a unit filed itself, is left with
    everything people did to it since (returned, filed again, accepted).
    """
    report, outcome = tally.ensure(ProgressReport, {"assignment": assignment, "period": period}, {
        "status": status,
        "text": text,
        "first_submitted_at": first_submitted_at,
        "submitted_at": first_submitted_at,
        "submitted_by": submitted_by,
        "reviewed_at": reviewed_at,
        "reviewed_by": reviewer if reviewed_at else None,
        "review_comment": comment,
    })
    if outcome == "kept":
        return report
    for code, value in figures.items():
        tally.put(ReportFigure, {"report": report, "measure": measures[code]}, {"value": value})
    events = [ReportEvent(report=report, action=ReportEvent.Action.SUBMITTED, actor=submitted_by, at=first_submitted_at)]
    if status != ProgressReport.Status.SUBMITTED:
        events.append(ReportEvent(report=report, action=ReportEvent.Action(status), actor=reviewer, at=reviewed_at, comment=comment))
    ReportEvent.objects.bulk_create(events)
    tally.counts["created"] += len(events)
    return report


def name_demo_submitters(tally):
    """Demo reports loaded before the units had demo officers name none: fill only
    that empty submitter, and the empty actor of their first filing."""
    for report in ProgressReport.objects.filter(submitted_by=None, text__startswith=DEMO_MARK).select_related("assignment__unit"):
        submitter = demo_submitter(report.assignment.unit)
        if submitter is None:
            continue
        ProgressReport.objects.filter(pk=report.pk, submitted_by=None).update(submitted_by=submitter)
        report.events.filter(action=ReportEvent.Action.SUBMITTED, actor=None).update(actor=submitter)
        tally.counts["created"] += 1


def _plan_values(header, fields):
    """The plan's header fields of the data file, as the Plan row takes them."""
    values = {}
    for name in fields:
        if name in ("basis", "purposes", "requirements", "time_frame", "closing"):
            values[name] = (_bullets if name in ("purposes", "requirements") else _paragraphs)(header.texts(name))
        elif name == "recipients":
            values[name] = "\n".join(header.texts(name))
        elif name in ("issued_on", "starts_on", "ends_on", "peak_start", "peak_end"):
            values[name] = header.day(name)
        elif name in ("grace_days", "lock_after_days"):
            values[name] = header.number(name)
        elif name == "issuer_kind":
            values[name] = header.choice(name, IssuerKind)
        elif name == "status":
            values[name] = header.choice(name, Plan.Status)
        else:
            values[name] = header.text(name)
    return values


# -- Plan 1 --

DA_LAT_FIELDS = (
    "number", "symbol", "title", "parent_body", "issuing_body", "issuer_kind", "place", "issued_on", "basis",
    "purposes", "requirements", "time_frame", "starts_on", "ends_on", "peak_start", "peak_end", "closing",
    "status", "recipients", "signer_authority", "signer_title", "signer_name", "grace_days", "lock_after_days",
    "source", "notes",
)


def _period(row):
    return (row.text("label"), row.day("starts_on"), row.day("ends_on"), row.day("due_on"), row.flag("is_final"))


def seed_da_lat_plan():
    source = data(DA_LAT_CODE)
    tally = Tally()
    header = source["plan"]
    plan = tally.put(Plan, {"code": DA_LAT_CODE}, _plan_values(header, DA_LAT_FIELDS))
    attach_original(tally, plan, header.text("source"))

    footnotes = source["footnotes"]
    themes = {}
    for order, row in enumerate(source["themes"], start=1):
        code = row.text("code")
        parent = row.get("parent")
        if parent is not None and parent not in themes:
            raise row.fail("parent", f"phải là mã của một chủ đề ghi phía trên (đang là «{parent}»).")
        notes = {}
        for number in row["footnotes"]:
            if number not in footnotes:
                raise row.fail("footnotes", f"nêu chú thích {number}, không có trong footnotes.")
            notes[number] = footnotes.text(number)
        themes[code] = tally.put(Theme, {"plan": plan, "code": code}, {
            "parent": themes.get(parent),
            "title": row.text("title"),
            "body": _bullets(row["bullets"].plain()),
            "footnotes": _footnotes(notes),
            "order": order,
        })

    for order, row in enumerate(source["channels"], start=1):
        tally.put(Channel, {"plan": plan, "code": row.text("code")},
                  {"title": row.text("title"), "body": _paragraphs([row.text("body")]), "order": order})

    for row in source["key_dates"]:
        tally.put(KeyDate, {"plan": plan, "title": row.text("title")}, {
            "theme": _pick(row, "theme", themes, "chủ đề"),
            "kind": row.choice("kind", KeyDate.Kind),
            "date": row.day("date"),
            "end_date": row.day("end_date"),
            "description": row.text("description"),
            "origin_date": row.day("origin_date"),
            "anniversary": row["anniversary"],
            "note": row.text("note"),
            "source": row.text("source"),
        })

    for order, row in enumerate(source["references"], 1):
        book = row.get("book")
        document = tally.put(ReferenceDocument, {"code": row.text("code")}, {
            "plan": plan,
            "title": row.text("title"),
            "subtitle": row.text("subtitle"),
            "description": _paragraphs(row.texts("description")),
            "source": row.text("source"),
            "order": order,
            **(book.plain() if book is not None else {}),
        }, m2m={"themes": [themes[code] for code in row.texts("themes")]})
        for section_order, section in enumerate(row["sections"], start=1):
            tally.put(ReferenceSection, {"document": document, "code": section.text("code")}, {
                "heading": section.text("heading"),
                "body": _paragraphs(section.texts("paragraphs")) + _footnotes(section["footnotes"].plain()),
                "order": section_order,
            })

    measures = _measures(tally, plan, source["measures"])

    named_periods = {name: _period(row) for name, row in source["reporting_periods"].items()}
    reports = source["demo_reports"]
    profiles = reports["figures"]
    cited_as = source.text("cited_as")
    pairs = []
    order = 0
    for group in source["section_iv"]:
        group_code = group.text("code")
        for row in group["tasks"]:
            order += 1
            theme = row.get("theme")
            task = tally.put(Task, {"plan": plan, "code": row.text("code")}, {
                "theme": _pick(row, "theme", themes, "chủ đề") if theme is not None else None,
                "title": row.text("title"),
                "description": row.text("description"),
                "unit_group": group.text("heading"),
                "schedule": row.choice("schedule", Task.Schedule),
                "order": order,
                "is_demo": True,
                "source": f"{cited_as}, mục {group_code}",
            })
            periods = []
            for index, period in enumerate(row["periods"]):
                if isinstance(period, str):
                    if period not in named_periods:
                        raise row.fail("periods", f"mục {index + 1}: không có kỳ «{period}» trong reporting_periods.")
                    periods.append(named_periods[period])
                else:
                    periods.append(_period(period))
            task_periods = _ensure_periods(tally, task, periods)
            profile = _pick(row, "figures", profiles, "bộ số liệu trong demo_reports.figures")
            for unit in _units(group.texts("units")):
                assignment = tally.put(Assignment, {"task": task, "unit": unit})
                pairs.extend((assignment, period, profile) for period in task_periods)

    _seed_da_lat_reports(tally, pairs, measures, reports, unit_plan=named_periods["unit_plan"][0])
    return tally


def _seed_da_lat_reports(tally, pairs, measures, reports, *, unit_plan):
    """Reports for a share (about 70 %) of the (assignment, period) pairs, the same ones on every run."""
    rng = random.Random(DA_LAT_SEED)
    rng.shuffle(pairs)
    chosen = pairs[: round(len(pairs) * reports.number("share"))]
    returned_comments = reports.texts("returned_comments")
    submitted_count = reports.number("submitted")
    reviewer = _user(DEMO_STAFF)
    for index, (assignment, period, profile) in enumerate(chosen):
        if index < len(returned_comments):
            status, comment = ProgressReport.Status.RETURNED, returned_comments[index]
        elif index < len(returned_comments) + submitted_count:
            status, comment = ProgressReport.Status.SUBMITTED, ""
        else:
            status, comment = ProgressReport.Status.ACCEPTED, ""
        # Most units file on time or a few days early; some 1-5 days late.
        late = rng.random() < LATE_SHARE
        days = rng.randint(1, 5) if late else -rng.randint(0, 6)
        review_days = rng.randint(1, 4)
        # A unit's own plan counts a third of a month's figures, the final report three times them.
        scale = 3 if period.is_final else (1 / 3 if period.label == unit_plan else 1)
        figures = {code: round(rng.randint(low, high) * scale) for code, (low, high) in profile.plain().items()}
        first_submitted_at = at(period.due_on, 9, days)
        reviewed = status != ProgressReport.Status.SUBMITTED
        unit = assignment.unit
        submitted_by = demo_submitter(unit)
        text = _fill(reports, "text", {
            "unit": unit.name, "task": assignment.task.title, "period": period.label, **figures,
        })
        _save_report(
            tally, assignment, period,
            status=status, text=text, first_submitted_at=first_submitted_at, submitted_by=submitted_by,
            reviewed_at=at(first_submitted_at.date(), 15, review_days) if reviewed else None,
            reviewer=reviewer, comment=comment, figures=figures, measures=measures,
        )


# -- Plan 2 --

GIA_LAI_FIELDS = (
    "number", "symbol", "title", "parent_body", "issuing_body", "issuer_kind", "place", "issued_on", "basis",
    "time_frame", "starts_on", "ends_on", "status", "grace_days", "source", "notes",
)
GIA_LAI_BLANK_FIELDS = ("purposes", "recipients", "signer_authority", "signer_title")


def _three_months_later(day):
    month = day.month + 3
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _gia_lai_periods(index, today, year_label):
    """A task's periods as first computed: its current quarter, the next one, the year's report.

    The quarterly report is due within its quarter, as a quarterly report
    under Nghị định 09/2019/NĐ-CP may be.
    """
    due = today + timedelta(days=DUE_OFFSETS[index % len(DUE_OFFSETS)])
    periods = []
    for due_on in (due, _three_months_later(due)):
        label, first, last = period_of(Task.Schedule.QUARTERLY, due_on)
        periods.append((label, first, last, due_on, False))
    year_end = date(today.year, 12, 31)
    periods.append((year_label.format(year=today.year), date(today.year, 1, 1), year_end, year_end, False))
    return periods


def _gia_lai_tasks(directions):
    """(theme code, task data, its description): a direction's task, or one task per item of direction 3."""
    for number, direction in enumerate(directions, start=1):
        if "items" in direction:
            for item in direction["items"]:
                yield str(number), item["task"], item.text("text")
        else:
            yield str(number), direction["task"], direction.text("text")


def seed_gia_lai_plan():
    source = data(GIA_LAI_CODE)
    tally = Tally()
    header = source["plan"]
    plan = tally.put(Plan, {"code": GIA_LAI_CODE}, _plan_values(header, GIA_LAI_FIELDS))
    fill_blank_fields(tally, plan, _plan_values(source["filled_when_blank"], GIA_LAI_BLANK_FIELDS))
    attach_original(tally, plan, header.text("source"))

    directions = source["directions"]
    themes = {}
    for number, direction in enumerate(directions, start=1):
        items = [item.text("text") for item in direction["items"]] if "items" in direction else []
        themes[str(number)] = tally.put(Theme, {"plan": plan, "code": str(number)}, {
            "parent": None,
            "title": direction.text("title"),
            "body": _paragraphs([direction.text("text")]) + _bullets(items),
            "order": number,
        })

    measures = _measures(tally, plan, source["measures"])

    today = local_today()
    year_label = source.text("year_report")
    cited_as = source.text("cited_as")
    assignments = {}
    for order, (theme, row, description) in enumerate(_gia_lai_tasks(directions), start=1):
        code = row.text("code")
        unit_codes = row.texts("units")
        task = tally.put(Task, {"plan": plan, "code": code}, {
            "theme": themes[theme],
            "title": row.text("title"),
            "description": description,
            "unit_group": ", ".join(Unit.objects.filter(code__in=unit_codes).values_list("name", flat=True)),
            "schedule": Task.Schedule.QUARTERLY,
            "order": order,
            "is_demo": True,
            "source": f"{cited_as}.{theme}",
        })
        _ensure_periods(tally, task, _gia_lai_periods(order - 1, today, year_label))
        assignments[code] = [tally.put(Assignment, {"task": task, "unit": unit}) for unit in _units(unit_codes)]

    reports = source["demo_reports"]
    return_comment = reports.text("returned_comment")
    reviewer = _user(DEMO_STAFF)
    for row in reports["reports"]:
        task_assignments = _pick(row, "task", assignments, "nhiệm vụ")
        status = row.choice("status", ProgressReport.Status)
        figures = _figures(row, measures)
        # The task's current quarter, wherever it lies now: the first run dated it.
        period = task_assignments[0].task.periods.filter(order=1).first() if task_assignments else None
        if period is None:  # its units or its first period were removed by hand
            continue
        assignment = task_assignments[0]
        returned = status == ProgressReport.Status.RETURNED
        submitted_at = at(period.due_on, 9, -1 if returned else -2)
        submitted_by = demo_submitter(assignment.unit)
        _save_report(
            tally, assignment, period,
            status=status,
            text=_fill(reports, "text", {"unit": assignment.unit.name, "period": period.label, **figures}),
            first_submitted_at=submitted_at, submitted_by=submitted_by,
            reviewed_at=at(period.due_on, 15, 0 if returned else 1),
            reviewer=reviewer, comment=return_comment if returned else "",
            figures=figures, measures=measures,
        )
    return tally


def fill_blank_fields(tally, plan, values):
    """Give the plan these values where its field is still blank: a user's text is never replaced."""
    blank = [name for name, value in values.items() if not getattr(plan, name)]
    for name in blank:
        setattr(plan, name, values[name])
    if blank:
        plan.save(update_fields=[*blank, "updated_at"])
        tally.counts["created"] += 1


def attach_original(tally, plan, filename):
    """The source document as the plan's original file, stored once.

    A plan that already points to a stored file keeps it. Otherwise a stored
    file of the same name and the same bytes (left by an earlier run on
    another database) is reused instead of saving a copy beside it.
    """
    storage = plan.original_file.storage
    if plan.original_file and storage.exists(plan.original_file.name):
        return
    content = (SOURCES / filename).read_bytes()
    name = plan.original_file.field.generate_filename(plan, filename)
    if not (storage.exists(name) and _file_digest(storage, name) == hashlib.sha256(content).hexdigest()):
        name = storage.save(name, ContentFile(content))
    plan.original_file.name = name
    plan.save(update_fields=["original_file", "updated_at"])
    tally.counts["created"] += 1


def _file_digest(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def seed(stdout):
    for name, loader in (
        (f"Kế hoạch {DA_LAT_CODE} (Thành ủy Đà Lạt, 2022)", seed_da_lat_plan),
        (f"Kế hoạch {GIA_LAI_CODE} (UBND tỉnh Gia Lai)", seed_gia_lai_plan),
    ):
        stdout.write(loader().line(name))
    tally = Tally()
    name_demo_submitters(tally)
    stdout.write(f"Người nộp các báo cáo minh họa: {tally.created} báo cáo được ghi tên người nộp.")
