"""The campaign's models, one module per concern (as Wagtail's and Zulip's):

- units.py: units and their members;
- plans.py: the plan and its parts (themes, channels, key dates, references, measures);
- tasks.py: tasks, reporting periods, assignments, progress reports and their
  figures, photos and history, lock exceptions, due-date changes;
- reminders.py: the reminder policy, reminders, notifications, the digest
  preference (their step kinds and audiences: campaign/reminders/steps.py);
- accounts.py: the officer's profile.

Every name is re-exported here, so `from campaign.models import Unit` works
everywhere, migrations included; the models keep the app label "campaign".
"""

from .units import Unit, UnitQuerySet, split_emails, validate_email_list
from .plans import Channel, KeyDate, Measure, Plan, ReferenceDocument, ReferenceSection, Theme
from .tasks import (
    REPORT_MAX_HTML,
    REPORT_MAX_VISIBLE,
    Assignment,
    AssignmentQuerySet,
    DueDateChange,
    LockException,
    ProgressReport,
    ReportEvent,
    ReportFigure,
    ReportingPeriod,
    ReportPhoto,
    Task,
    report_photo_path,
)
from .reminders import (
    Notification,
    NotificationQuerySet,
    Reminder,
    ReminderPolicy,
    ReminderPreference,
    ReminderQuerySet,
    parse_day_list,
    validate_day_list,
)
from .accounts import OfficerProfile

__all__ = [
    "REPORT_MAX_HTML",
    "REPORT_MAX_VISIBLE",
    "Assignment",
    "AssignmentQuerySet",
    "Channel",
    "DueDateChange",
    "KeyDate",
    "LockException",
    "Measure",
    "Notification",
    "NotificationQuerySet",
    "OfficerProfile",
    "Plan",
    "ProgressReport",
    "ReferenceDocument",
    "ReferenceSection",
    "Reminder",
    "ReminderPolicy",
    "ReminderPreference",
    "ReminderQuerySet",
    "ReportEvent",
    "ReportFigure",
    "ReportPhoto",
    "ReportingPeriod",
    "Task",
    "Theme",
    "Unit",
    "UnitQuerySet",
    "parse_day_list",
    "report_photo_path",
    "split_emails",
    "validate_day_list",
    "validate_email_list",
]
