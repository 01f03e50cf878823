"""Who changed what: django-simple-history on the portal's staff-side models (issue 15).

Each audited model declares `history = AuditHistory()`; every save, create and delete through the
ORM then leaves a row in its historical table, with the signed-in user of the request
(`simple_history.middleware.HistoryRequestMiddleware`). A change outside a request (a Celery
task, a management command) has no user; `system_change` names why, and the row keeps that as
its change reason. The administrators' page reading these tables is `campaign.audit`.
"""

import threading
from contextlib import contextmanager

from django.utils.text import format_lazy
from simple_history.manager import HistoryDescriptor
from simple_history.models import HistoricalRecords

_state = threading.local()


REASON_MAX = 100  # simple-history's history_change_reason


def history_reason(text):
    """`text` cut to what a historical row keeps as its reason."""
    return text if len(text) <= REASON_MAX else text[:REASON_MAX - 1] + "…"


def current_reason():
    reasons = getattr(_state, "reasons", None)
    return reasons[-1] if reasons else ""


@contextmanager
def system_change(reason):
    """Within the block, a historical row with no reason of its own gets `reason`."""
    reasons = getattr(_state, "reasons", None)
    if reasons is None:
        reasons = _state.reasons = []
    reasons.append(reason)
    try:
        yield
    finally:
        reasons.pop()


def push_reason(reason):
    """For Celery's task_prerun/task_postrun (campaign.apps), which cannot hold a `with` block."""
    if getattr(_state, "reasons", None) is None:
        _state.reasons = []
    _state.reasons.append(reason)


def pop_reason():
    if getattr(_state, "reasons", None):
        _state.reasons.pop()


class _HistoryDescriptor(HistoryDescriptor):
    """simple-history's descriptor builds a new manager class (`from_queryset`) on every access,
    once per recorded save: a third of the cost of recording one (measured on seed_demo). Built once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.manager_with_queryset = self.manager_class.from_queryset(self.queryset_class)

    def __get__(self, instance, owner):
        return self.manager_with_queryset(self.model, instance)


class AuditHistory(HistoricalRecords):
    """HistoricalRecords with Vietnamese names ("lịch sử …") and the reason of `system_change`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("user_related_name", "+")
        super().__init__(**kwargs)

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is not self.cls:  # every model's class_prepared reaches every HistoricalRecords
            return
        sender._audit_history = self
        plain = sender.__dict__[self.manager_name]
        setattr(sender, self.manager_name, _HistoryDescriptor(plain.model, manager=plain.manager_class,
                                                              queryset=plain.queryset_class))

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        if not self.user_set_verbose_name:
            options["verbose_name"] = format_lazy("lịch sử {}", model._meta.verbose_name)
            options["verbose_name_plural"] = format_lazy("lịch sử {}", model._meta.verbose_name_plural)
        return options

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or current_reason() or None


def record_change(instance, *, reason=""):
    """A historical row for `instance` as it is now, after a change made by a conditional
    UPDATE (which sends no signal): the user of the request, else `reason` or the current one."""
    if reason:
        instance._change_reason = history_reason(reason)
    try:
        type(instance)._audit_history.create_historical_record(instance, "~")
    finally:
        if reason:
            del instance._change_reason
