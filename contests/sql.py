"""Every SQL statement the quiz writes out, each with why it is not the ORM and where it runs.

The rest of contests/ asks the ORM. These statements are the exceptions, on the
busiest requests (the read before an autosave or a submit, autosave, submit) and
on the ranking of a round; services.py and selectors.py run them, this module
only writes their text. Table and column names come from the models' _meta,
quoted for the database in use, so a renamed table or column cannot leave a
statement behind.

Autosave and submit have two paths that must leave the same rows (issue 12.6):

- "one_statement" (PostgreSQL): one prepared statement each (contests/prepared.py),
  atomic by itself, one round trip;
- "portable" (any database, SQLite in development): a transaction of plain
  statements (autosave through the ORM, submit in three statements below).

path() says which one runs; FORCE_PATH makes the tests run both on PostgreSQL
(the `marking_path` fixture in tests/contests/conftest.py). How a submit marks the
answers is written once (the marking rule, below) and both submit paths are
built from it.

Names are built once per process (functools.cache): a process talks to one database.
"""

import functools
from typing import NamedTuple

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connection

from .models import Attempt, AttemptQuestion, Choice, Contest, Participant, Round, RoundResult

PORTABLE, ONE_STATEMENT = "portable", "one_statement"

# None: the database decides (one statement on PostgreSQL, portable elsewhere). Tests set
# PORTABLE to run the portable path on PostgreSQL as well; nothing else sets it.
FORCE_PATH = None


def path():
    """Which path autosave and submit take: ONE_STATEMENT on PostgreSQL, PORTABLE elsewhere,
    unless FORCE_PATH says otherwise."""
    postgres = connection.vendor == "postgresql"
    chosen = FORCE_PATH or (ONE_STATEMENT if postgres else PORTABLE)
    if chosen == ONE_STATEMENT and not postgres:
        raise ImproperlyConfigured(f"contests.sql.FORCE_PATH = {chosen!r} cần PostgreSQL (đang dùng {connection.vendor}).")
    return chosen


class _Names:
    """A model's names for SQL text: str() is its quoted table, an attribute its quoted column
    (A.submitted_at, A.round_id: a field's name or its attname)."""

    def __init__(self, model):
        self._model = model

    def __str__(self):
        return connection.ops.quote_name(self._model._meta.db_table)

    def __getattr__(self, name):
        try:
            field = self._model._meta.get_field(name)
        except FieldDoesNotExist:
            raise AttributeError(f"{self._model.__name__} has no field {name}") from None
        return connection.ops.quote_name(field.column)


A, R, Q, C, RR, P, K = (
    _Names(model) for model in (Attempt, Round, AttemptQuestion, Choice, RoundResult, Participant, Contest)
)


class Prepared(NamedTuple):
    """A statement run by name (contests/prepared.py): its name, its parameters' types, its text ($1, $2, …)."""

    name: str
    types: tuple
    text: str


# The read before an autosave or a submit ---------------------------------------------------------


@functools.cache
def attempt_read():
    """SELECT of an attempt by its key, with its round's contest and its sheet's layout, one row
    per question (selectors.attempt_for_answers); the key's placeholder is left to the caller.

    Raw because the ORM spent more CPU building this query (a join, a reverse join, eleven
    columns) than the database spent running it, on the quiz's busiest requests.
    Any database; prepared on PostgreSQL (attempt_read_prepared).
    """
    return (
        f"SELECT a.{A.id}, a.{A.participant_id}, a.{A.round_id}, a.{A.number}, a.{A.started_at}, "
        f"a.{A.deadline_at}, a.{A.submitted_at}, r.{R.contest_id}, q.{Q.position}, q.{Q.question_id}, "
        f"q.{Q.choice_order} "
        f"FROM {A} a JOIN {R} r ON r.{R.id} = a.{A.round_id} LEFT JOIN {Q} q ON q.{Q.attempt_id} = a.{A.id} "
        f"WHERE a.{A.key} = "
    )


@functools.cache
def attempt_read_prepared():
    """attempt_read() with the key as $1, planned once per PostgreSQL connection."""
    return Prepared("contests_attempt_read", ("uuid",), attempt_read() + "$1")


# The answer page -------------------------------------------------------------------------------------


@functools.cache
def attempt_page_read():
    """SELECT of an attempt by its key with what its answer page shows: its round (number,
    prediction question), its contest (title, code, bank version) and one row per question in
    their order (selectors.attempt_for_page). Parameter: the key.

    Raw for the reason attempt_read is: the ORM's two queries (a select_related of three tables,
    then the sheet) cost the page more CPU than the database spent on them; the page follows
    every start. Prepared on PostgreSQL (prepared.run)."""
    return Prepared("contests_attempt_page", ("uuid",), (
        f"SELECT a.{A.id}, a.{A.participant_id}, a.{A.round_id}, a.{A.number}, a.{A.started_at}, a.{A.deadline_at}, "
        f"a.{A.submitted_at}, a.{A.prediction}, r.{R.number}, r.{R.prediction_question}, r.{R.contest_id}, "
        f"k.{K.title}, k.{K.code}, k.{K.bank_version}, q.{Q.position}, q.{Q.question_id}, q.{Q.choice_order}, q.{Q.chosen_id} "
        f"FROM {A} a JOIN {R} r ON r.{R.id} = a.{A.round_id} JOIN {K} k ON k.{K.id} = r.{R.contest_id} "
        f"LEFT JOIN {Q} q ON q.{Q.attempt_id} = a.{A.id} WHERE a.{A.key} = %s ORDER BY q.{Q.position}"
    ))


# The start -----------------------------------------------------------------------------------------
#
# A start is the request everyone makes at once when a round opens (docs/decisions.md, issue 15).
# Through the ORM it cost more CPU building its statements than the database spent running them,
# and two round trips more (a savepoint and its release, the attempt and its questions apart).
# These run in services.attempt_start's transaction, in this order; each has %s placeholders
# (any database) and runs prepared on PostgreSQL (prepared.run).


@functools.cache
def start_round():
    """The round a start is for, by its contest's code and its number, if the contest is published:
    the fields the start reads (selectors.round_for_start). Parameters: code, number."""
    return Prepared("contests_start_round", ("text", "integer"), (
        f"SELECT r.{R.id}, r.{R.contest_id}, r.{R.number}, r.{R.opens_at}, r.{R.closes_at}, r.{R.question_count}, "
        f"r.{R.time_limit_seconds}, r.{R.max_attempts} FROM {R} r JOIN {K} k ON k.{K.id} = r.{R.contest_id} "
        f"WHERE k.{K.code} = %s AND k.{K.is_published} AND r.{R.number} = %s"
    ))


@functools.cache
def start_lock():
    """Lock the participant if registered in the contest, reading the contest's bank version as
    this transaction sees it (FOR UPDATE OF the participant only): two starts of one person queue
    here. Parameters: participant, contest. (SQLite has no row locks: its writers queue for the
    whole database, as the ORM's select_for_update leaves it.)"""
    lock = " FOR UPDATE OF p" if connection.features.has_select_for_update_of else ""
    return Prepared("contests_start_lock", ("bigint", "bigint"), (
        f"SELECT k.{K.bank_version} FROM {P} p JOIN {K} k ON k.{K.id} = p.{P.contest_id} "
        f"WHERE p.{P.id} = %s AND p.{P.contest_id} = %s{lock}"
    ))


@functools.cache
def start_attempts():
    """The person's attempts of the round, after the lock (a statement of its own: its snapshot sees
    an attempt that a start queued before this one committed). Parameters: round, participant."""
    return Prepared("contests_start_attempts", ("bigint", "bigint"), (
        f"SELECT {A.id}, {A.number}, {A.deadline_at}, {A.submitted_at} FROM {A} "
        f"WHERE {A.round_id} = %s AND {A.participant_id} = %s ORDER BY {A.number}"
    ))


@functools.cache
def start_insert():
    """The attempt and its drawn questions in one statement (a data-modifying CTE; PostgreSQL only,
    its portable twin is the ORM's create and bulk_create in services.attempt_start); the attempt's
    id comes back. Parameters: round, participant, number, key, share key, started, deadline, the
    drawn question ids in their order (position = place in the array), their choice orders (one
    JSON array of arrays, in the same order)."""
    types = ("bigint", "bigint", "integer", "uuid", "uuid", "timestamptz", "timestamptz", "bigint[]", "jsonb")
    return Prepared("contests_start_insert", types, (
        f"WITH a AS (INSERT INTO {A} ({A.round_id}, {A.participant_id}, {A.number}, {A.key}, {A.share_key}, "
        f"{A.started_at}, {A.deadline_at}, {A.closed_by_clock}) VALUES (%s, %s, %s, %s, %s, %s, %s, FALSE) RETURNING {A.id}) "
        f"INSERT INTO {Q} ({Q.attempt_id}, {Q.question_id}, {Q.position}, {Q.choice_order}) "
        f"SELECT a.{A.id}, s.question_id, s.position, o.choice_order FROM a, "
        f"unnest(%s::bigint[]) WITH ORDINALITY AS s (question_id, position) "
        f"JOIN jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS o (choice_order, position) ON o.position = s.position "
        f"RETURNING {Q.attempt_id}"
    ))


# Autosave ------------------------------------------------------------------------------------------


@functools.cache
def save_answer():
    """Autosave of one answer in one statement: lock the attempt if it is still unsubmitted, then
    store the choice and its moment; no row comes back if it was submitted (services.attempt_save_answer).

    Raw because the ORM cannot lock a row and update another table in one statement (a CTE
    with FOR UPDATE); autosave is the most frequent request (one per answer), and this saves a
    round trip and a BEGIN/COMMIT. PostgreSQL only (prepared). Its portable twin is the ORM's
    select_for_update() and update() in services.attempt_save_answer.
    """
    # $1 attempt id, $2 question id, $3 choice id, $4 now.
    return Prepared("contests_save_answer_kept", ("bigint", "bigint", "bigint", "timestamptz"), (
        f"WITH locked AS (SELECT {A.id} FROM {A} WHERE {A.id} = $1 AND {A.submitted_at} IS NULL FOR UPDATE) "
        f"UPDATE {Q} q SET {Q.chosen_id} = $3, "
        f"{Q.answered_at} = CASE WHEN q.{Q.chosen_id} IS NOT DISTINCT FROM $3 THEN q.{Q.answered_at} ELSE $4 END FROM locked "
        f"WHERE q.{Q.attempt_id} = locked.{A.id} AND q.{Q.question_id} = $2 RETURNING q.{Q.id}"
    ))


# The marking rule ----------------------------------------------------------------------------------
#
# How a submitted attempt's answers are marked, written once; both ways of submitting are built
# from these three functions (submit_in_one_statement, and the portable claim, mark and score):
#
# - the choice sent with the submit replaces the autosaved one; a question not sent keeps it;
# - a question is answered when it has a chosen choice; answered_at moves to the submit's moment
#   only when the choice changes (an unchanged or missing answer keeps its time, or none);
# - a question is correct when its chosen choice is the question's correct choice
#   (Choice.is_correct, one per question); an unanswered question is not correct (FALSE, not NULL);
# - the score is the number of correct questions, one point each;
# - the prediction sent replaces the autosaved one; none sent keeps it.
#
# The correct choice is read by the database in the same statement that stores the answer, so the
# marks and the stored answers can never disagree.


def _mark_assignments(row, sent, now):
    """The SET list that stores and marks one answer row.

    row: how the statement names the AttemptQuestion row (an alias, or the table); sent: the
    choice sent for its question, NULL if none; now: the submit's moment."""
    stored = f"{row}.{Q.chosen_id}"
    chosen = f"COALESCE({sent}, {stored})"
    correct = f"(SELECT c.{C.id} FROM {C} c WHERE c.{C.question_id} = {row}.{Q.question_id} AND c.{C.is_correct})"
    return (
        f"{Q.answered_at} = CASE WHEN {sent} IS NOT NULL AND ({stored} IS NULL OR {stored} <> {sent}) "
        f"THEN {now} ELSE {row}.{Q.answered_at} END, "
        f"{Q.chosen_id} = {chosen}, "
        f"{Q.is_correct} = COALESCE({chosen} = {correct}, FALSE)"
    )


def _score(rows, where=""):
    """The attempt's score counted from its marked rows."""
    return f"(SELECT COUNT(*) FROM {rows} WHERE {where}{Q.is_correct})"


def _prediction(sent, stored):
    return f"COALESCE({sent}, {stored})"


# Submit in one statement (PostgreSQL) ------------------------------------------------------------


@functools.cache
def submit_in_one_statement():
    """Submit in one statement (services._finish_in_one_statement): lock the attempt if it is still
    unsubmitted, store and mark its answers, mark it submitted with its score; no row comes back
    if it was submitted already.

    Raw because the ORM cannot write two tables in one statement (data-modifying CTEs), nor
    take the answers as two arrays (unnest) so that the text is fixed and can be prepared:
    submit is the busiest write, and this is one round trip instead of five, without a BEGIN
    and COMMIT of its own. PostgreSQL only. Its portable twin: claim(), mark(), score() below,
    built from the same marking rule; tests compare the rows both leave.
    """
    # $1 attempt id, $2/$3 the answers sent (question ids, choice ids), $4 now,
    # $5 submitted_at, $6 duration_ms, $7 closed_by_clock, $8 prediction (NULL: keep the autosaved one),
    # $9 the submit's key (Attempt.submit_key; NULL without the page's script).
    types = ("bigint", "bigint[]", "bigint[]", "timestamptz", "timestamptz", "integer", "boolean", "integer", "uuid")
    return Prepared("contests_submit_keyed", types, (
        f"WITH locked AS (SELECT {A.id} FROM {A} WHERE {A.id} = $1 AND {A.submitted_at} IS NULL FOR UPDATE), "
        f"sent AS (SELECT q.{Q.id} AS row_id, s.choice_id FROM {Q} q JOIN locked ON q.{Q.attempt_id} = locked.{A.id} "
        f"         LEFT JOIN unnest($2, $3) AS s (question_id, choice_id) ON s.question_id = q.{Q.question_id}), "
        f"marked AS (UPDATE {Q} q SET {_mark_assignments('q', 'sent.choice_id', '$4')} "
        f"  FROM sent WHERE q.{Q.id} = sent.row_id RETURNING q.{Q.is_correct}) "
        f"UPDATE {A} a SET {A.submitted_at} = $5, {A.duration_ms} = $6, {A.closed_by_clock} = $7, {A.submit_key} = $9, "
        f"  {A.prediction} = {_prediction('$8', f'a.{A.prediction}')}, {A.score} = {_score('marked')} "
        f"FROM locked WHERE a.{A.id} = locked.{A.id} RETURNING a.{A.prediction}, a.{A.score}"
    ))


# Submit in three statements (any database) --------------------------------------------------------
#
# Run in this order in one transaction (services._finish_in_steps), with named parameters.
# Raw SQL rather than ORM expressions: built through the ORM (Case, When, Subquery, Coalesce),
# the mark statement cost more CPU than the rest of a submit; written out, the three also read
# as the one statement above does.


@functools.cache
def claim():
    """Mark the attempt submitted, once: the conditional UPDATE takes its row lock, so every writer
    of an attempt's answers queues behind it; no row comes back if it was submitted already.

    Parameters: attempt, submitted_at, duration_ms, closed_by_clock, submit_key, prediction (None: keep).
    The score is 0 until score() counts it: the table's check wants a submitted attempt scored.
    """
    return (
        f"UPDATE {A} SET {A.submitted_at} = %(submitted_at)s, {A.duration_ms} = %(duration_ms)s, "
        f"{A.closed_by_clock} = %(closed_by_clock)s, {A.submit_key} = %(submit_key)s, "
        f"{A.prediction} = {_prediction('%(prediction)s', A.prediction)}, {A.score} = 0 "
        f"WHERE {A.id} = %(attempt)s AND {A.submitted_at} IS NULL RETURNING {A.prediction}"
    )


def mark(question_ids):
    """Store the answers sent and mark every question of the attempt, by the marking rule.

    question_ids: the questions answered with the submit, in the order of the parameters
    q0/c0, q1/c1, … (question id, choice id); also: attempt, now. The text depends on how many
    answers were sent, so it is built for each submit (and never prepared)."""
    if question_ids:
        whens = " ".join(f"WHEN %(q{i})s THEN %(c{i})s" for i in range(len(question_ids)))
        sent = f"(CASE {Q}.{Q.question_id} {whens} END)"
    else:
        sent = "NULL"
    return f"UPDATE {Q} SET {_mark_assignments(str(Q), sent, '%(now)s')} WHERE {Q.attempt_id} = %(attempt)s"


def mark_params(answers):
    """The q0/c0, q1/c1, … parameters of mark() for answers {question_id: choice_id}."""
    params = {}
    for i, (question_id, choice_id) in enumerate(answers.items()):
        params[f"q{i}"], params[f"c{i}"] = question_id, choice_id
    return params


@functools.cache
def score():
    """Store the attempt's score, counted from its marked rows; parameter: attempt."""
    return (
        f"UPDATE {A} SET {A.score} = {_score(Q, f'{Q.attempt_id} = %(attempt)s AND ')} "
        f"WHERE {A.id} = %(attempt)s RETURNING {A.score}"
    )


# Ranking of a round --------------------------------------------------------------------------------


@functools.cache
def ranking():
    """Best attempt per person, then the round's ranking, in one INSERT … SELECT into RoundResult
    (services.round_compute_results); parameters: round, actual (the prediction question's answer).

    Raw because the ORM has no INSERT … SELECT: a round of the 2022 contest had up to 148,000
    attempts, which the database ranks in one pass instead of shipping them to Python and back.
    Window functions run on PostgreSQL and on SQLite (3.25+). Order: score, then a prediction
    before none, then the closest prediction, the shortest time, the earliest submission; the
    attempt id makes the order total.
    """
    no_prediction = f"CASE WHEN a.{A.prediction} IS NULL THEN 1 ELSE 0 END"
    error = f"ABS(a.{A.prediction} - %(actual)s)"
    return (
        f"INSERT INTO {RR} ({RR.round_id}, {RR.participant_id}, {RR.attempt_id}, {RR.rank}, {RR.score}, "
        f"{RR.prediction_error}, {RR.duration_ms}, {RR.submitted_at}) "
        f"SELECT round_id, participant_id, attempt_id, "
        f"ROW_NUMBER() OVER (ORDER BY score DESC, no_prediction, prediction_error, duration_ms, submitted_at, attempt_id), "
        f"score, prediction_error, duration_ms, submitted_at "
        f"FROM ("
        f"SELECT a.{A.id} AS attempt_id, a.{A.round_id} AS round_id, a.{A.participant_id} AS participant_id, "
        f"a.{A.score} AS score, a.{A.duration_ms} AS duration_ms, a.{A.submitted_at} AS submitted_at, "
        f"{no_prediction} AS no_prediction, {error} AS prediction_error, "
        f"ROW_NUMBER() OVER (PARTITION BY a.{A.participant_id} "
        f"ORDER BY a.{A.score} DESC, {no_prediction}, {error}, a.{A.duration_ms}, a.{A.submitted_at}, a.{A.id}) AS nth "
        f"FROM {A} a WHERE a.{A.round_id} = %(round)s AND a.{A.submitted_at} IS NOT NULL"
        f") best WHERE nth = 1"
    )
