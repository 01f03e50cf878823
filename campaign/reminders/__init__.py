"""Deadline reminders: who is reminded of which due date, when, and how.

- `selectors.due_reminders`: what a day's scan would send (reads only).
- `services.reminders_scan`: records those reminders and queues their e-mails;
  `services.reminder_send`: sends one e-mail at most once;
  `services.reminders_resume`: picks up what a dead worker or broker left.
- `steps`: the kinds of step ('before-3', 'due', 'overdue-6', 'escalate-7'...),
  their audiences and labels.
- `emails`: the Vietnamese messages; `forms`: the staff policy and the
  officer's digest preference; `views`: the staff log and policy page,
  everyone's notifications.

The policy (steps before and after a due date) is `campaign.models.ReminderPolicy` (campaign/models/reminders.py);
the Celery entry points are in `campaign/tasks.py`; the why of it all is in
docs/reminders.md.
"""
