"""Celery entry points of the quiz: ids in, a service called, safe to run twice."""

from celery import shared_task

from . import selectors, services
from .models import Round


@shared_task
def round_compute_results(round_id):
    """Rank one closed round; running it again gives the same results."""
    round = Round.objects.filter(pk=round_id).first()
    if round is None:
        return
    try:
        services.round_compute_results(round=round)
    except services.ServiceError:
        # Not closed yet, or its actual answer not entered: the periodic
        # task asks again later.
        return


@shared_task
def attempt_close_expired(attempt_id):
    services.attempt_close_expired(attempt_id=attempt_id)


@shared_task
def contests_tick():
    """Run by Celery beat: score abandoned attempts, then rank rounds that closed."""
    for attempt_id in selectors.expired_attempt_ids():
        attempt_close_expired.delay(attempt_id)
    for round_id in selectors.rounds_due_for_results().values_list("pk", flat=True):
        round_compute_results.delay(round_id)
