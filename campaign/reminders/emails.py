"""The reminder e-mails: Vietnamese subject and body, plain text and HTML.

Each message carries a Message-ID made from the reminder's id: a reminder that
staff send again by hand (after "không rõ đã gửi") keeps it, so a mail system
that already holds the first copy may recognise the second.
"""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from ..models import (
    Assignment,
    Reminder,
    ReportEvent,
    ReportingPeriod,
)
from ..states import Kind, period_state
from ..templatetags.people import person
from .steps import ReminderAudience


def absolute_url(path):
    return settings.SITE_URL + path


@dataclass
class Item:
    """One task of a reminder e-mail, as of the day it is sent."""

    assignment: Assignment
    period: ReportingPeriod
    audience: str
    state: str
    days_overdue: int
    link: str
    link_label: str
    returned_comment: str

    @property
    def task(self):
        return self.assignment.task

    @property
    def plan(self):
        return self.assignment.task.plan

    @property
    def unit(self):
        return self.assignment.unit

    @property
    def due_on(self):
        return self.period.due_on

    @property
    def is_escalation(self):
        return self.audience == ReminderAudience.ESCALATION


def item_for(reminder, *, report, today, to_staff):
    """What the e-mail says of one reminder: the unit is sent to its filing page,
    staff to the task's page, a parent unit to its notifications."""
    assignment, period = reminder.assignment, reminder.period
    if reminder.audience == ReminderAudience.UNIT:
        link, label = reverse("campaign:report_file", args=[assignment.pk, period.pk]), "Nộp báo cáo tại"
    elif to_staff:
        link, label = reverse("campaign:task", args=[assignment.task_id]), "Xem tình hình nhiệm vụ tại"
    else:
        link, label = reverse("campaign:notifications"), "Xem thông báo tại"
    # Calendar days, without the plan's lock and closing rules: reminders stop before the period locks.
    state = period_state(period.due_on, today=today, status=report.status if report is not None else None)
    returned = state.kind == Kind.RETURNED
    return Item(
        assignment=assignment, period=period, audience=reminder.audience,
        state=state.due_phrase, days_overdue=state.days_overdue,
        link=absolute_url(link), link_label=label, returned_comment=report.review_comment if returned else "",
    )


def greeting(reminder, *, to_staff, parent):
    if reminder.channel == Reminder.Channel.DIGEST:
        return person(reminder.user, reminder.recipient)
    if reminder.audience == ReminderAudience.UNIT:
        return reminder.assignment.unit.name
    if to_staff or parent is None:
        return settings.PORTAL_OWNER
    return parent.name


def _message(reminder, template, context):
    context = {
        **context, "portal_name": settings.PORTAL_NAME, "portal_owner": settings.PORTAL_OWNER,
        "preferences_link": absolute_url(reverse("campaign:notifications")),
    }
    subject = " ".join(render_to_string(f"campaign/emails/{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"campaign/emails/{template}.txt", context),
        to=[reminder.recipient],
        headers={
            "Message-ID": f"<nhac-han-{reminder.pk}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}>",
            "X-Portal-Reminder": str(reminder.pk),
            # RFC 3834: no out-of-office replies to an automatic message.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string(f"campaign/emails/{template}.html", context), "text/html")
    return message


def reminder_message(reminder, *, item, greeting_text):
    return _message(reminder, "reminder", {"reminder": reminder, "item": item, "greeting": greeting_text})


def digest_message(reminder, *, items, greeting_text, today: date):
    return _message(reminder, "digest", {"reminder": reminder, "items": items, "greeting": greeting_text, "today": today})



def review_message(reminder):
    """The e-mail telling the unit that staff accepted or returned its report, with
    the comment and a link to the report's page (where a returned one is filed again)."""
    event, assignment = reminder.event, reminder.assignment
    returned = event.action == ReportEvent.Action.RETURNED
    context = {
        "reminder": reminder, "event": event, "returned": returned,
        "task": assignment.task, "plan": assignment.task.plan, "unit": assignment.unit, "period": reminder.period,
        "greeting": assignment.unit.name,
        "reviewer": event.actor.get_full_name() or event.actor.get_username() if event.actor else "",
        "link": absolute_url(reverse("campaign:report_file", args=[assignment.pk, reminder.period_id])),
        "link_label": "Xem ý kiến và nộp lại báo cáo tại" if returned else "Xem báo cáo tại",
    }
    return _message(reminder, "review", context)
