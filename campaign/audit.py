"""The administrators' change log ("Nhật ký thay đổi", /lam-viec/nhat-ky/): every audited model's
history (django-simple-history, campaign/history.py) merged in one list, newest first.

The audited models are found, not named: every installed model with a simple-history manager
(`_meta.simple_history_manager_attribute`), so campaign imports none of the other apps. A page is
read in a bounded number of queries whatever the number of rows: one UNION ALL over the history
tables for the page's (kind, id, time) and one to count, then per kind on the page its rows with
the id of the row before each (a subquery), those rows before, the objects as they are now, and
per related model the names its foreign keys point to.
"""

from datetime import datetime, time, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import CharField, OuterRef, Subquery, Value
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .text import visible_text

ACTIONS = {"+": "Tạo", "~": "Sửa", "-": "Xoá"}
# Kept in the history (so a restore or a later reader has them) but not shown as a change:
# they move on every save or only mirror another field.
NOT_SHOWN = {"updated_at", "cover_sizes", "search_title", "search_text", "search_exact",
             "cover_width", "cover_height"}
TEXT_PREVIEW = 120


def audited_models():
    """{label ("campaign.plan"): model} of every model with a history, by verbose name."""
    found = [model for model in apps.get_models() if getattr(model._meta, "simple_history_manager_attribute", None)]
    found.sort(key=lambda model: str(model._meta.verbose_name))
    return {model._meta.label_lower: model for model in found}


def upper_first(text):
    """"ý kiến của Ban Tuyên giáo" → "Ý kiến của Ban Tuyên giáo" (str.capitalize would lower the rest)."""
    text = str(text)
    return text[:1].upper() + text[1:]


def kind_choices():
    return [(label, upper_first(model._meta.verbose_name)) for label, model in audited_models().items()]


def _history(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def entries(*, kind="", user_id=None, date_from=None, date_to=None):
    """The merged (kind, history_id, history_date) of every audited change that passes the
    filters, newest first: a queryset (UNION ALL) the paginator counts and slices."""
    chosen = audited_models()
    if kind:
        chosen = {kind: chosen[kind]} if kind in chosen else {}
    parts = []
    for label, model in chosen.items():
        rows = _history(model).objects.all()
        if user_id:
            rows = rows.filter(history_user_id=user_id)
        if date_from:
            rows = rows.filter(history_date__gte=_day_start(date_from))
        if date_to:
            rows = rows.filter(history_date__lt=_day_start(date_to + timedelta(days=1)))
        parts.append(rows.annotate(audit_kind=Value(label, output_field=CharField()))
                     .values("history_date", "history_id", "audit_kind").order_by())
    if not parts:
        return _history(next(iter(audited_models().values()))).objects.none().values("history_date", "history_id")
    merged = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return merged.order_by("-history_date", "-history_id")


def _shown(field, value, names):
    """A stored value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, value), f"#{value} (đã xoá)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Có" if value else "Không"
    if isinstance(field, models.DateTimeField):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(field, models.DateField):
        return f"{value:%d/%m/%Y}"
    if isinstance(field, models.TextField):
        text = visible_text(value)
        return text if len(text) <= TEXT_PREVIEW else text[:TEXT_PREVIEW - 1] + "…"
    return str(value)


def _compared_fields(model, history):
    kept = {field.attname for field in history._meta.concrete_fields}
    return [field for field in model._meta.concrete_fields
            if field.attname in kept and field.name not in NOT_SHOWN and not field.primary_key]


def _changes(fields, row, before):
    """[(field, old value, new value)] of the fields that differ between two historical rows."""
    return [(field, getattr(before, field.attname), getattr(row, field.attname))
            for field in fields if getattr(before, field.attname) != getattr(row, field.attname)]


def _admin_url(model, pk):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


class Entry:
    """One line of the log: when, who, which object, what was done, what changed."""

    def __init__(self, *, model, row, action, obj_label, url, changes, reason):
        self.model, self.row = model, row
        self.when = row.history_date
        self.user = row.history_user
        self.kind_label = upper_first(model._meta.verbose_name)
        self.action, self.obj_label, self.url = action, obj_label, url
        self.changes, self.reason = changes, reason


def page_entries(items):
    """The page's (kind, history_id, history_date) dicts as Entry objects, in their order."""
    models_by_label = audited_models()
    by_kind = {}
    for item in items:
        by_kind.setdefault(item["audit_kind"], []).append(item["history_id"])
    built = {}
    for label, ids in by_kind.items():
        model = models_by_label[label]
        history = _history(model)
        pk_name = model._meta.pk.attname
        before = history.objects.filter(**{pk_name: OuterRef(pk_name)}, history_id__lt=OuterRef("history_id"))
        rows = list(history.objects.filter(history_id__in=ids).select_related("history_user")
                    .annotate(before_id=Subquery(before.order_by("-history_id").values("history_id")[:1])))
        befores = history.objects.in_bulk([row.before_id for row in rows if row.before_id and row.history_type == "~"])
        pks = {getattr(row, pk_name) for row in rows}
        # As the object is now: select_related() follows the non-null foreign keys its name uses.
        current = {obj.pk: obj for obj in model._default_manager.select_related().filter(pk__in=pks)}
        fields = _compared_fields(model, history)
        changes = {row.history_id: _changes(fields, row, befores[row.before_id])
                   for row in rows if row.before_id in befores}
        names = _foreign_names(changes.values())
        for row in rows:
            pk = getattr(row, pk_name)
            obj = current.get(pk)
            built[(label, row.history_id)] = Entry(
                model=model, row=row, action=ACTIONS.get(row.history_type, row.history_type),
                obj_label=str(obj) if obj is not None else f"#{pk} (đã xoá)",
                url=_admin_url(model, pk) if obj is not None else "",
                changes=[{"label": upper_first(field.verbose_name), "old": _shown(field, old, names),
                          "new": _shown(field, new, names)}
                         for field, old, new in changes.get(row.history_id, [])],
                reason=row.history_change_reason or "",
            )
    return [built[(item["audit_kind"], item["history_id"])] for item in items]


def _foreign_names(change_lists):
    """{(related model, pk): name} for every foreign key value in the changes: one query per
    related model."""
    wanted = {}
    for changes in change_lists:
        for field, old, new in changes:
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field.related_model, set()).update(v for v in (old, new) if v is not None)
    names = {}
    for model, pks in wanted.items():
        for obj in model._default_manager.select_related().filter(pk__in=pks):
            names[(model, obj.pk)] = _person(obj) if model is get_user_model() else str(obj)
    return names


def _person(user):
    return user.get_full_name() or user.get_username()
