"""`make bench`, quiz section: figures measured on a throw-away test database,
each beside a ceiling measured in the same run.

- start + submit: THREADS threads, each a citizen starting an attempt and
  submitting it with 10 answers (attempt_start + attempt_submit, the services
  the views call), for SECONDS seconds; attempts per second and p50/p99
  latency. The ceiling: the same threads doing one INSERT in a transaction.
- ranking: a round with 1,000,000 submitted attempts of 100,000 people,
  generated in SQL (PostgreSQL; 100,000 attempts on SQLite), ranked by
  round_compute_results; then the time of a top-20 read, which is a range of
  the (round, rank) index.
"""

import statistics
import threading
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import connection, connections, transaction
from django.utils import timezone

THREADS = 8
SECONDS = 5.0


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def load(work, threads=THREADS, seconds=SECONDS):
    """Run work(thread_index, n) in threads for `seconds`; return (per second, p50 ms, p99 ms)."""
    latencies = [[] for _ in range(threads)]
    stop = time.perf_counter() + seconds

    def run(index):
        n = 0
        try:
            while time.perf_counter() < stop:
                started = time.perf_counter()
                work(index, n)
                latencies[index].append(time.perf_counter() - started)
                n += 1
        finally:
            connections.close_all()

    began = time.perf_counter()
    pool = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - began
    every = [value for values in latencies for value in values]
    return len(every) / elapsed, percentile(every, 0.5), percentile(every, 0.99)


class Command(BaseCommand):
    help = "Đo hiệu năng cuộc thi (bắt đầu + nộp bài, xếp hạng) trên một cơ sở dữ liệu thử tạm thời."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=SECONDS, help="thời gian đo mỗi phần (giây)")
        parser.add_argument("--attempts", type=int, default=None,
                            help="số lượt thi của đợt được xếp hạng (mặc định 1.000.000 trên PostgreSQL, 100.000 trên SQLite)")
        parser.add_argument("--people", type=int, default=None, help="số người của đợt được xếp hạng (mặc định 1/10 số lượt)")

    def handle(self, *args, seconds, attempts, people, **options):
        self.seconds = seconds
        self.sizes = (attempts, people)
        old_name = connection.settings_dict["NAME"]
        if connection.vendor == "postgresql":
            # A database of its own: the test suite's test_<name> may be in use.
            connection.settings_dict.setdefault("TEST", {})["NAME"] = f"test_{old_name}_bench_contests"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            self.run()
        finally:
            connections.close_all()
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def run(self):
        from contests import services
        from contests.models import Choice, Contest, Participant, Prize, Question, Round

        self.stdout.write(f"Cơ sở dữ liệu: {connection.vendor}")
        now = timezone.now()
        contest = Contest.objects.create(
            code="bench", title="Cuộc thi đo", organiser="BTG", starts_on=date(2022, 1, 1), ends_on=date(2030, 1, 1),
        )
        for order, count in enumerate((1, 2, 5), start=1):
            Prize.objects.create(contest=contest, order=order, name=f"Giải {order}", amount=1_000_000, count=count)
        questions = Question.objects.bulk_create(
            Question(contest=contest, code=f"q{i}", text=f"Câu {i}") for i in range(60)
        )
        Choice.objects.bulk_create(
            Choice(question=q, text=f"Phương án {k}", is_correct=k == 0, order=k) for q in questions for k in range(3)
        )
        correct = dict(Choice.objects.filter(is_correct=True).values_list("question_id", "pk"))
        round = Round.objects.create(
            contest=contest, number=1, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=6),
            question_count=10, time_limit_seconds=900,
        )
        people = Participant.objects.bulk_create(
            Participant(contest=contest, full_name=f"Người {i}", date_of_birth=date(2000, 1, 1), phone=f"09{i:08d}",
                        consent_rules=True, consent_personal_data=True)
            for i in range(THREADS * 5000)
        )

        def start_and_submit(index, n):
            person = people[index * 5000 + n]
            attempt = services.attempt_start(round=round, participant=person)
            answers = [(qid, correct[qid]) for qid in attempt.items.values_list("question_id", flat=True)]
            services.attempt_submit(attempt=attempt, participant=person, answers=answers, prediction=n)

        def one_insert(index, n):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO bench_insert (value) VALUES (%s)", [n])

        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_insert (id %s, value integer)" % (
                "bigserial PRIMARY KEY" if connection.vendor == "postgresql" else "integer PRIMARY KEY AUTOINCREMENT"))
        # SQLite has one writer at a time (and the test database lives in
        # memory, shared between threads): one thread there.
        threads = THREADS if connection.vendor == "postgresql" else 1
        rate, p50, p99 = load(start_and_submit, threads, self.seconds)
        ceiling, c50, c99 = load(one_insert, threads, self.seconds)
        self.stdout.write(
            f"Bắt đầu + nộp bài gọi thẳng dịch vụ ({threads} luồng trong một tiến trình, chung GIL, 10 câu; "
            f"đo qua HTTP: bench_contests_http): {rate:.0f} lượt/giây, p50 {p50:.1f} ms, p99 {p99:.1f} ms | "
            f"trần (một INSERT trong một giao dịch): {ceiling:.0f} lần/giây, p50 {c50:.1f} ms, p99 {c99:.1f} ms "
            f"→ {100 * rate / ceiling:.0f}% trần"
        )
        self.rank(services, contest, round)

    def rank(self, services, contest, round):
        from contests.models import Round, RoundResult

        big = connection.vendor == "postgresql"
        attempts, people = self.sizes
        attempts = attempts or (1_000_000 if big else 100_000)
        people = people or max(1, attempts // 10)
        closed = Round.objects.create(
            contest=contest, number=2, opens_at=timezone.now() - timedelta(days=8),
            closes_at=timezone.now() - timedelta(days=1), question_count=10, time_limit_seconds=900,
        )
        started = time.perf_counter()
        self.generate(contest, closed, attempts, people)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        services.round_compute_results(round=closed)
        ranked = time.perf_counter() - started
        if big:
            # As autovacuum would after a ranking: the planner then knows the table's size.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {RoundResult._meta.db_table}")
        top = RoundResult.objects.filter(round=closed).order_by("rank")[:20]
        runs = []
        for _ in range(50):
            began = time.perf_counter()
            list(top.values_list("participant_id", "score", "prediction_error", "duration_ms"))
            runs.append(time.perf_counter() - began)
        plan = top.explain(analyze=True) if big else top.explain()
        self.stdout.write(
            f"Xếp hạng một đợt {attempts:,} lượt thi của {people:,} người (tạo bằng SQL trong {generated:.1f} s): "
            f"{ranked:.1f} s; top 20: {statistics.median(runs) * 1000:.2f} ms (đo từ Python)".replace(",", ".")
        )
        self.stdout.write("Kế hoạch truy vấn top 20: " + " | ".join(line.strip() for line in plan.splitlines()[:4]))

    def generate(self, contest, round, attempts, people):
        """Participants and submitted attempts in bulk SQL: scores skewed to 10/10 as in 2022."""
        from contests.models import Attempt, Participant

        per_person = attempts // people
        # Measuring tools, not the quiz: their SQL stays here (contests/sql.py holds the quiz's).
        participants, attempt_table = Participant._meta.db_table, Attempt._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"""INSERT INTO {participants} (contest_id, full_name, date_of_birth, phone, email, id_number,
                           locality, consent_rules, consent_personal_data, registered_at, recovery_code_hash, is_demo)
                       SELECT %s, 'Người ' || i, DATE '2000-01-01', '08' || lpad(i::text, 8, '0'), '', '', '', true, true, now(), '',
                              false
                       FROM generate_series(1, %s) AS i""",
                    [contest.pk, people],
                )
                cursor.execute(
                    f"""INSERT INTO {attempt_table} (round_id, participant_id, number, key, share_key, started_at, deadline_at,
                           submitted_at, closed_by_clock, score, duration_ms, prediction)
                       SELECT %(round)s, pid, n, md5(pid || '-' || n)::uuid, md5('s' || pid || '-' || n)::uuid,
                              t, t + interval '15 minutes', t + d * interval '1 millisecond', false,
                              CASE WHEN random() < 0.5 THEN 10 ELSE floor(random() * 10)::int END,
                              d, floor(random() * 100000)::int
                       FROM (
                           SELECT p.id AS pid, n, %(opens)s + random() * interval '6 days' AS t,
                                  60000 + floor(random() * 800000)::int AS d
                           FROM {participants} p CROSS JOIN generate_series(1, %(per)s) AS n
                           WHERE p.contest_id = %(contest)s AND p.phone LIKE '08%%'
                       ) AS generated""",
                    {"round": round.pk, "opens": round.opens_at, "per": per_person, "contest": contest.pk},
                )
                cursor.execute(f"ANALYZE {attempt_table}")
            else:
                Participant.objects.bulk_create(
                    (Participant(contest=contest, full_name=f"Người {i}", date_of_birth=date(2000, 1, 1), phone=f"08{i:08d}",
                                 consent_rules=True, consent_personal_data=True) for i in range(people)),
                    batch_size=5000,
                )
                import random
                import uuid

                rng = random.Random(1)
                ids = list(Participant.objects.filter(phone__startswith="08").values_list("pk", flat=True))
                at = round.opens_at + timedelta(hours=1)
                Attempt.objects.bulk_create(
                    (Attempt(round=round, participant_id=pid, number=n, key=uuid.uuid4(), share_key=uuid.uuid4(),
                             started_at=at, deadline_at=at + timedelta(minutes=15),
                             submitted_at=at + timedelta(milliseconds=rng.randint(60_000, 860_000)),
                             score=10 if rng.random() < 0.5 else rng.randint(0, 9),
                             duration_ms=rng.randint(60_000, 860_000), prediction=rng.randint(0, 100_000))
                     for pid in ids for n in range(1, per_person + 1)),
                    batch_size=5000,
                )
