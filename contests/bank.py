"""The question bank as the quiz's busiest requests read it, kept in each process's memory.

Every start draws from the contest's bank, and every attempt page shows the texts of its
questions and choices. Read from the database each time, that was the start's costliest query
(every choice of every question in use, a few thousand rows for a national bank) and two of the
page's three. Here each process keeps them under the contest's bank_version, which every start
and page read anyway (with the round, or the attempt): any change of a question or a choice
gives the contest a new version (models.bank_changed, from the signals below and from
QuestionQuerySet's update and bulk_create), so the next request of every process, on every
host, reads the bank again. The texts are public once drawn; the correct choice is not kept.
"""

import functools

from django.db.models.signals import post_delete, post_save

from .models import Choice, Question, bank_changed


@functools.lru_cache(maxsize=64)
def choices(contest_id, version, *, revealed):
    """{question_id: (choice ids)} of the contest's questions in use whose answers were shown or
    not (revealed), at that bank version."""
    found = {}
    bank = Choice.objects.filter(
        question__contest_id=contest_id, question__is_active=True, question__revealed_at__isnull=not revealed,
    ).order_by("question_id", "order")
    for question_id, choice_id in bank.values_list("question_id", "pk"):
        found.setdefault(question_id, []).append(choice_id)
    return {question_id: tuple(ids) for question_id, ids in found.items()}


@functools.lru_cache(maxsize=64)
def texts(contest_id, version):
    """({question_id: (text, image url)}, {choice_id: text}) of every question of the contest,
    in use or not (an attempt keeps the questions it drew), at that bank version."""
    questions = {
        pk: (text, Question.image.field.storage.url(image) if image else "")
        for pk, text, image in Question.objects.filter(contest_id=contest_id).values_list("pk", "text", "image")
    }
    answers = dict(Choice.objects.filter(question__contest_id=contest_id).values_list("pk", "text"))
    return questions, answers


def _question_changed(sender, instance, **kwargs):
    bank_changed([instance.contest_id])


def _choice_changed(sender, instance, **kwargs):
    contest_id = Question.objects.filter(pk=instance.question_id).values_list("contest_id", flat=True).first()
    if contest_id is not None:
        bank_changed([contest_id])


def connect():
    """Called once by the app's ready()."""
    for signal in (post_save, post_delete):
        signal.connect(_question_changed, sender=Question, dispatch_uid=f"contests.bank.question.{signal}")
        signal.connect(_choice_changed, sender=Choice, dispatch_uid=f"contests.bank.choice.{signal}")
