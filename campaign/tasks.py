"""Celery entry points of the campaign app: ids and plain values in, a service
called, safe to run twice (messages are acknowledged late: see settings)."""

from datetime import date

from celery import shared_task

from .reminders import services


@shared_task
def scan_reminders(day=None):
    """Run by Celery beat every morning ("Quét nhắc hạn hằng ngày"); `day` as YYYY-MM-DD."""
    services.reminders_scan(today=date.fromisoformat(day) if day else None)


@shared_task
def resume_reminders():
    """Run by Celery beat every ten minutes ("Gửi tiếp nhắc hạn còn treo")."""
    services.reminders_resume()


@shared_task(bind=True, max_retries=None)
def send_reminder(self, reminder_id):
    # The number of tries is counted on the reminder's row, not by Celery: a
    # reminder may also be queued again by reminders_resume.
    outcome = services.reminder_send(reminder_id=reminder_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
