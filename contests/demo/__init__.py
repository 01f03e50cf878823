"""Demo data of the quiz, loaded by `python manage.py seed_demo` after campaign's.

1. The 2022 contest "Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam – Lào, Lào –
   Việt Nam" as it ran: 12 weekly rounds from 13/6 to 5/9/2022, 16:00 Monday
   to 15:00 the next Monday, 10 questions × 3 choices, unlimited attempts, the
   prediction of how many answer all 10 correctly, 8 prizes a week. The plan
   (mục IV.1, IV.4) names the contest; the schedule, prizes and published
   figures come from the contest's own description (issue 6), not from the
   two source documents. Its questions and winners are not known: none are
   invented.
2. A demo contest (flagged "Dữ liệu minh họa") with 74 questions built from
   the facts of the plan's appendix, the plan and the Gia Lai report, each
   citing its source; a round that closed a day ago, with demo participants,
   attempts and results, one open now and one to come, dated from today.

The texts are in data/contests.yaml and data/questions.yaml; this package
loads them. Every row goes through config.seeding's Tally: a run adds what is
missing and leaves what exists as it is, whatever staff and participants did
since (rounds rescheduled, questions edited, attempts taken). The demo contest
keeps the dates of the day it was first loaded.
"""

import random
import uuid
import zlib
from datetime import date, timedelta
from pathlib import Path

from campaign.deadlines import local_today
from campaign.models import ReferenceSection, Theme, Unit
from config.seeding import Tally, at, data_folder

from .. import services
from ..models import Attempt, AttemptQuestion, Choice, Contest, Participant, Prize, Question, Round

data = data_folder(Path(__file__).parent / "data")  # data("questions") is data/questions.yaml, read once
REAL_CODE = "tim-hieu-quan-he-dac-biet-viet-nam-lao-2022"
DEMO_CODE = "thi-thu-quan-he-dac-biet-viet-nam-lao"
LAOS_APPENDIX = "phu-luc-quan-he-viet-nam-lao-2017-2022"

# The demo contest's rounds, dated from the day of the first load:
# (number, days from today to its opening Monday, attempts allowed or None).
DEMO_SCHEDULE = [(1, -8, None), (2, -1, 3), (3, 6, 3)]
DEMO_STARTS, DEMO_ENDS = -8, 13  # days from today
DEMO_MINUTES = 10
DEMO_HOURS = (16, 15)  # a round opens at 16:00 and closes a week later at 15:00
DIFFICULTIES = ("easy", "medium", "hard")


def _rules(section):
    """The rules as HTML: a paragraph, then the list; the data may hold inline HTML (<strong>)."""
    items = "".join(f"<li>{item}</li>" for item in section.texts("items"))
    return f"<p>{section.text('paragraph')}</p><ul>{items}</ul>"


def _uuid(*parts):
    """Stable ids for demo rows, so a second run finds them."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "portal-demo:" + ":".join(str(p) for p in parts))


def _put_prizes(tally, contest):
    for order, row in enumerate(data("contests")["prizes"], start=1):
        tally.put(Prize, {"contest": contest, "order": order},
                  {"name": row.text("name"), "amount": row.number("amount"), "count": row.number("count")})


def seed_real_contest(tally):
    source = data("contests")
    real = source["contest_2022"]
    contest = tally.put(Contest, {"code": REAL_CODE}, {
        "title": source.text("title"),
        "organiser": real.text("organiser"),
        "rules": _rules(real["rules"]),
        "eligibility": "",
        "min_age": None,
        "requires_id_number": False,
        "starts_on": real.day("starts_on"),
        "ends_on": real.day("ends_on"),
        "is_published": True,
        "is_demo": False,
        "source": real.text("source"),
        "notes": real.text("notes"),
    })
    _put_prizes(tally, contest)
    rounds = real["rounds"]
    first_monday = rounds.day("first_opens_on")
    for number in range(1, 1 + rounds.number("count")):
        opens = first_monday + timedelta(weeks=number - 1)
        tally.put(Round, {"contest": contest, "number": number}, {
            "opens_at": at(opens, rounds.number("opens_at_hour")),
            "closes_at": at(opens + timedelta(weeks=1), rounds.number("closes_at_hour")),
            "question_count": rounds.number("question_count"),
            "time_limit_seconds": rounds.number("minutes") * 60,
            "max_attempts": rounds["max_attempts"],
            "prediction_question": source.text("prediction_question"),
            "prediction_kind": Round.PredictionKind.ALL_CORRECT,
        })
    return contest


def _source(row):
    """(source_document, source_section, source_note, theme codes) of a question's source."""
    cited_as = data("contests")["cited_as"]
    source = row["source"]
    kind, ref = source.text("document"), source.get("section")
    if kind == "lao":
        section = ReferenceSection.objects.select_related("document").filter(document__code=LAOS_APPENDIX, code=ref).first()
        if section is None:
            raise source.fail("section", f"không có mục «{ref}» trong phụ lục {LAOS_APPENDIX}.")
        return section.document, section, "", ["2.1"]
    if kind == "plan":
        plan_ref = cited_as.text("plan")
        note = f"{plan_ref}, mục II.{ref}" if ref else f"{plan_ref}, phần Thời gian và mục IV"
        return None, None, note, [ref] if ref else []
    if kind == "gl":
        return None, None, f"{cited_as.text('report')}, {'phần ' if ref == 'mở đầu' else 'mục '}{ref}", []
    raise source.fail("document", f"phải là lao, plan hoặc gl (đang là «{kind}»).")


def seed_questions(tally, contest):
    themes = {t.code: t for t in Theme.objects.filter(plan__code=data("contests").text("plan"))}
    for row in data("questions")["questions"]:
        code = row.text("code")
        document, section, note, theme_codes = _source(row)
        difficulty = row.text("difficulty")
        if difficulty not in DIFFICULTIES:
            raise row.fail("difficulty", f"phải là một trong: {', '.join(DIFFICULTIES)} (đang là «{difficulty}»).")
        question, outcome = tally.ensure(Question, {"contest": contest, "code": code}, {
            "text": row.text("question"),
            "difficulty": difficulty,
            "source_document": document,
            "source_section": section,
            "source_note": note,
            "explanation": row.text("explanation"),
            "is_active": True,
            "is_demo": False,
        }, m2m={"themes": [themes[c] for c in theme_codes if c in themes]})
        if outcome == "kept":  # staff may have edited its choices: adding one could make two correct
            continue
        # The correct answer sits at a fixed but varied place in the bank;
        # attempts shuffle the choices anyway.
        place = zlib.crc32(code.encode()) % 3
        texts = row.texts("wrong")
        texts.insert(place, row.text("correct"))
        rows = [(order, text, order == place) for order, text in enumerate(texts)]
        # Wrong ones first: the one-correct-choice index must hold after every row.
        for order, text, is_correct in sorted(rows, key=lambda row: row[2]):
            tally.put(Choice, {"question": question, "order": order}, {"text": text, "is_correct": is_correct})


def seed_demo_contest(tally):
    today = local_today()
    source = data("contests")
    demo = source["demo_contest"]
    contest = tally.put(Contest, {"code": DEMO_CODE}, {
        "title": demo.text("title"),
        "organiser": demo.text("organiser"),
        "rules": _rules(demo["rules"]),
        "eligibility": demo.text("eligibility"),
        "min_age": demo.number("min_age"),
        "requires_id_number": False,
        "starts_on": today + timedelta(days=DEMO_STARTS),
        "ends_on": today + timedelta(days=DEMO_ENDS),
        "is_published": True,
        "is_demo": True,
        "source": demo.text("source"),
        "notes": demo.text("notes"),
    })
    _put_prizes(tally, contest)
    seed_questions(tally, contest)
    rounds = {}
    opens_hour, closes_hour = DEMO_HOURS
    for number, days, max_attempts in DEMO_SCHEDULE:
        opens = today + timedelta(days=days)
        rounds[number] = tally.put(Round, {"contest": contest, "number": number}, {
            "opens_at": at(opens, opens_hour),
            "closes_at": at(opens + timedelta(weeks=1), closes_hour),
            "question_count": 10,
            "time_limit_seconds": DEMO_MINUTES * 60,
            "max_attempts": max_attempts,
            "prediction_question": source.text("prediction_question"),
            "prediction_kind": Round.PredictionKind.ALL_CORRECT,
        })
    created_before = tally.created
    seed_closed_round(tally, contest, rounds[1])
    closed = rounds[1]
    if tally.created > created_before or closed.results_computed_at is None:
        services.round_compute_results(round=closed, now=closed.closes_at + timedelta(hours=1))
        tally.counts["created"] += 1
    return contest


ROUND_ONE_BANK = 24


def seed_closed_round(tally, contest, round):
    """Demo participants and their attempts in a closed round, drawn from a fixed seed."""
    rng = random.Random(2022)
    units = {u.code: u for u in Unit.objects.all()}
    # Round 1 drew from a part of the bank only: its answers are public now, so the
    # questions it drew are no longer drawn (issue 11.3), and the rounds still to come
    # keep fresh ones (the round's page for staff shows how many).
    questions = list(Question.objects.filter(contest=contest).order_by("code").values_list("pk", flat=True))[:ROUND_ONE_BANK]
    choices = {}
    for question_id, choice_id, is_correct in Choice.objects.filter(question__contest=contest).order_by("order").values_list("question_id", "pk", "is_correct"):
        choices.setdefault(question_id, []).append((choice_id, is_correct))
    for index, person in enumerate(data("contests")["demo_contest"]["people"], start=1):
        participant = tally.put(Participant, {"contest": contest, "phone": f"0900000{index:03d}"}, {
            "full_name": person.text("name"),
            "date_of_birth": date(1975 + index * 2, 1 + index % 12, 1 + index),
            "email": "",
            "locality": person.text("locality"),
            "unit": units.get(person.get("unit")),
            "consent_rules": True,
            "consent_personal_data": True,
            "registered_at": round.opens_at + timedelta(minutes=30 * index),
            "is_demo": True,
        })
        for number in range(1, 1 + rng.choice([1, 1, 2, 3])):
            started = round.opens_at + timedelta(hours=rng.randint(1, 150), seconds=rng.randint(0, 3599))
            drawn = rng.sample(questions, round.question_count)
            skill = rng.choice([0.7, 0.85, 0.95, 1.0, 1.0])
            taken = timedelta(seconds=rng.randint(70, 540), milliseconds=rng.randint(0, 999))
            items = []
            for position, question_id in enumerate(drawn, start=1):
                order = [choice_id for choice_id, _ in choices[question_id]]
                rng.shuffle(order)
                correct = next(choice_id for choice_id, ok in choices[question_id] if ok)
                chosen = correct if rng.random() < skill else rng.choice([c for c in order if c != correct])
                items.append((position, question_id, order, chosen, chosen == correct))
            # Scored here as attempt_submit scores, so that every value is
            # known up front and a second run finds nothing to change.
            attempt, outcome = tally.ensure(Attempt, {"round": round, "participant": participant, "number": number}, {
                "key": _uuid(DEMO_CODE, index, number, "key"),
                "share_key": _uuid(DEMO_CODE, index, number, "share"),
                "started_at": started,
                "deadline_at": started + timedelta(seconds=round.time_limit_seconds),
                "submitted_at": started + taken,
                "score": sum(1 for item in items if item[4]),
                "duration_ms": int(taken.total_seconds() * 1000),
                "closed_by_clock": False,
                "prediction": rng.randint(2, 12),
            })
            if outcome == "kept":
                continue
            for position, question_id, order, chosen, is_correct in items:
                tally.put(AttemptQuestion, {"attempt": attempt, "position": position}, {
                    "question_id": question_id, "choice_order": order, "chosen_id": chosen,
                    "answered_at": started + taken * position / round.question_count, "is_correct": is_correct,
                })


def seed(stdout):
    tally = Tally()
    seed_real_contest(tally)
    seed_demo_contest(tally)
    stdout.write(tally.line("Cuộc thi (cuộc thi năm 2022 và cuộc thi thử)"))
