"""Celery entry points of the quiz: ids in, a service called, safe to run twice."""

from celery import shared_task

from . import selectors, services
from .models import Participant, Round


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
    """Run by Celery beat: score abandoned attempts, show the answers of rounds that closed, then rank them."""
    for attempt_id in selectors.expired_attempt_ids():
        attempt_close_expired.delay(attempt_id)
    for round_id in selectors.rounds_due_for_reveal().values_list("pk", flat=True):
        round_reveal_answers.delay(round_id)
    for round_id in selectors.rounds_due_for_results().values_list("pk", flat=True):
        round_compute_results.delay(round_id)


@shared_task
def round_reveal_answers(round_id):
    """Show a closed round's answers and retire its drawn questions from later draws; once."""
    round = Round.objects.filter(pk=round_id).first()
    if round is None:
        return
    try:
        services.round_reveal_answers(round=round)
    except services.ServiceError:
        return  # not past its close yet: the periodic task asks again


@shared_task
def participant_mail_recovery_code(participant_id, code):
    """Mail the code shown at registration; nothing if the registration was deleted meanwhile.

    The code travels in the task's message (the broker is ours, the message is
    gone once the task has run): the database keeps only its HMAC, so the
    worker could not read it back from there.
    """
    participant = Participant.objects.select_related("contest").filter(pk=participant_id).first()
    if participant is None or not participant.email:
        return
    services.participant_mail_recovery_code(participant=participant, code=code)
