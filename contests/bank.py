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
import uuid

from django.db import connections, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape

from .models import Choice, Contest, Question, bank_changed


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


@functools.lru_cache(maxsize=64)
def escaped_texts(contest_id, version):
    """texts() as the answer page writes them, HTML-escaped once per bank version rather than on
    every page (templatetags.contests.quiz_sheet)."""
    questions, answers = texts(contest_id, version)
    return (
        {pk: (escape(text), escape(image)) for pk, (text, image) in questions.items()},
        {pk: escape(text) for pk, text in answers.items()},
    )


def _question_changed(sender, instance, **kwargs):
    bank_changed([instance.contest_id])


class _ChoicesChanged:
    """The questions whose choices changed in the current transaction, made new banks once, on
    commit: a question saved with its four choices gives its contest one new version (its own
    save's), plus one for all the choices, not one query and one version per choice. Outside a
    transaction it runs at once, as on_commit does."""

    def __init__(self, using):
        self.using, self.question_ids = using, set()

    def __call__(self):
        contests = Question.objects.using(self.using).filter(pk__in=self.question_ids).values("contest_id")
        Contest.objects.using(self.using).filter(pk__in=contests).update(bank_version=uuid.uuid4())


def _choice_changed(sender, instance, using, **kwargs):
    # The callback still waiting for this transaction's commit, if one is (a commit runs it, a
    # rollback drops it: either way the next change registers a new one).
    pending = next((f for _, f, _ in connections[using].run_on_commit if isinstance(f, _ChoicesChanged)), None)
    if pending is None:
        pending = _ChoicesChanged(using)
        pending.question_ids.add(instance.question_id)
        transaction.on_commit(pending, using=using)
    else:
        pending.question_ids.add(instance.question_id)


def connect():
    """Called once by the app's ready()."""
    for signal in (post_save, post_delete):
        signal.connect(_question_changed, sender=Question, dispatch_uid=f"contests.bank.question.{signal}")
        signal.connect(_choice_changed, sender=Choice, dispatch_uid=f"contests.bank.choice.{signal}")
