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

Every row goes through campaign's ensure (Tally): a run adds what is missing
and leaves what exists as it is, whatever staff and participants did since
(rounds rescheduled, questions edited, attempts taken). The demo contest keeps
the dates of the day it was first loaded.
"""

import random
import uuid
import zlib
from datetime import date, datetime, time, timedelta

from campaign.deadlines import VIETNAM, local_today
from campaign.demo_plans import DA_LAT_CODE, Tally
from campaign.models import ReferenceSection, Theme, Unit

from . import services
from .demo_questions import QUESTIONS
from .models import Attempt, AttemptQuestion, Choice, Contest, Participant, Prize, Question, Round

CONTEST_TITLE = "Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam – Lào, Lào – Việt Nam"
REAL_CODE = "tim-hieu-quan-he-dac-biet-viet-nam-lao-2022"
DEMO_CODE = "thi-thu-quan-he-dac-biet-viet-nam-lao"
PLAN_REF = "Kế hoạch tuyên truyền “Năm Hữu nghị Việt Nam – Campuchia 2022” và “Năm Đoàn kết hữu nghị Việt Nam – Lào 2022” của Thành ủy Đà Lạt"
REPORT_REF = "Báo cáo số 04/BC-UBND ngày 12/01/2026 của UBND tỉnh Gia Lai"
LAOS_APPENDIX = "phu-luc-quan-he-viet-nam-lao-2017-2022"
PREDICTION = "Theo bạn, có bao nhiêu người trả lời đúng cả 10 câu hỏi của đợt thi này?"

# 1 × 3,000,000 đ, 2 × 2,000,000 đ, 5 × 1,000,000 đ a week.
PRIZES = [("Giải Nhất", 3_000_000, 1), ("Giải Nhì", 2_000_000, 2), ("Giải Ba", 1_000_000, 5)]

REAL_RULES = (
    "<p>Cuộc thi trắc nghiệm trực tuyến gồm 12 đợt thi hằng tuần, từ ngày 13/6/2022 đến ngày 05/9/2022; "
    "mỗi đợt bắt đầu lúc 16 giờ thứ Hai và kết thúc lúc 15 giờ thứ Hai tuần sau.</p>"
    "<ul><li>Mỗi lượt thi có 10 câu hỏi trắc nghiệm, mỗi câu 3 phương án A, B, C; chỉ một phương án đúng.</li>"
    "<li>Người dự thi được thi nhiều lần trong mỗi đợt; lượt thi có kết quả cao nhất, thời gian sớm nhất được tính.</li>"
    "<li>Câu hỏi dự đoán: có bao nhiêu người trả lời đúng cả 10 câu hỏi của đợt thi.</li>"
    "<li>Xếp giải: số câu đúng, rồi dự đoán gần đúng nhất, rồi thời gian làm bài ngắn nhất, rồi thời điểm nộp bài sớm nhất.</li>"
    "<li>Mỗi đợt có 8 giải: 01 giải Nhất 3.000.000 đồng, 02 giải Nhì 2.000.000 đồng, 05 giải Ba 1.000.000 đồng.</li></ul>"
)
REAL_NOTES = (
    "Số liệu đã công bố: mỗi tuần từ 36.000 đến 91.000 người dự thi, cao nhất 148.000 lượt thi một tuần; "
    "từ 43% đến 59% người dự thi trả lời đúng cả 10 câu, nên câu dự đoán và thời gian làm bài quyết định "
    "hầu hết các giải.\n"
    "Thời gian làm bài mỗi lượt không có trong nguồn; cổng ghi 15 phút. Câu hỏi, đáp án dự đoán và danh "
    "sách đoạt giải từng đợt chưa có trong cổng."
)
REAL_SOURCE = (
    f"Tên cuộc thi: {PLAN_REF}, mục IV.1 và IV.4. Lịch thi, thể lệ, giải thưởng và số liệu tham gia: "
    "mô tả cuộc thi năm 2022 trong yêu cầu xây dựng cổng (không có trong hai văn bản nguồn)."
)

DEMO_RULES = (
    "<p><strong>Dữ liệu minh họa.</strong> Cuộc thi thử theo thể lệ của cuộc thi năm 2022, với câu hỏi soạn "
    "từ Phụ lục tình hình và quan hệ hợp tác Việt Nam – Lào giai đoạn 2017–2022, Kế hoạch tuyên truyền năm 2022 "
    "của Thành ủy Đà Lạt và Báo cáo 04/BC-UBND của UBND tỉnh Gia Lai; mỗi câu hỏi ghi rõ nguồn.</p>"
    "<ul><li>Mỗi lượt thi 10 câu hỏi rút ngẫu nhiên từ ngân hàng câu hỏi, mỗi câu 3 phương án; thứ tự câu hỏi "
    "và phương án được xáo trộn cho từng lượt.</li>"
    "<li>Thời gian làm bài 10 phút, tính theo đồng hồ của máy chủ; câu trả lời được lưu ngay khi chọn.</li>"
    "<li>Đợt 2 cho phép tối đa 3 lượt thi mỗi người; lượt có kết quả tốt nhất được tính.</li>"
    "<li>Xếp giải: số câu đúng, rồi dự đoán gần đúng nhất, rồi thời gian làm bài ngắn nhất, rồi thời điểm nộp bài sớm nhất.</li></ul>"
)

# Demo participants of the closed round: (full name, locality, unit code or None).
DEMO_PEOPLE = [
    ("Nguyễn Thị Hoa", "Phường 1, Đà Lạt, Lâm Đồng", "db-phuong-1"),
    ("Trần Văn Nam", "Phường 3, Đà Lạt, Lâm Đồng", "db-phuong-3"),
    ("Lê Minh Tuấn", "Xã Tà Nung, Đà Lạt, Lâm Đồng", "db-xa-ta-nung"),
    ("Phạm Thu Trang", "Phường 1, Đà Lạt, Lâm Đồng", "thanh-doan-da-lat"),
    ("Hoàng Văn Đức", "Phường 3, Đà Lạt, Lâm Đồng", "hccb-da-lat"),
    ("Vũ Thị Mai", "Phường 1, Đà Lạt, Lâm Đồng", "hlhpn-da-lat"),
    ("Đặng Quốc Bảo", "Phường 3, Đà Lạt, Lâm Đồng", "ttvhtttt-da-lat"),
    ("Bùi Ngọc Ánh", "Quy Nhơn, Gia Lai", "dh-quy-nhon"),
    ("Đỗ Văn Hùng", "Pleiku, Gia Lai", "so-ngoai-vu-gl"),
    ("Ngô Thị Lan Anh", "Pleiku, Gia Lai", "tinh-doan-gl"),
    ("Dương Minh Khoa", "Quy Nhơn, Gia Lai", None),
    ("Lý Thị Thanh", "Xã Tà Nung, Đà Lạt, Lâm Đồng", None),
]


def _at(day, hour):
    return datetime.combine(day, time(hour), tzinfo=VIETNAM)


def _uuid(*parts):
    """Stable ids for demo rows, so a second run finds them."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "portal-demo:" + ":".join(str(p) for p in parts))


def _put_prizes(tally, contest):
    for order, (name, amount, count) in enumerate(PRIZES, start=1):
        tally.put(Prize, {"contest": contest, "order": order}, {"name": name, "amount": amount, "count": count})


def seed_real_contest(tally):
    contest = tally.put(Contest, {"code": REAL_CODE}, {
        "title": CONTEST_TITLE,
        "organiser": "Ban Tổ chức cuộc thi",
        "rules": REAL_RULES,
        "eligibility": "",
        "min_age": None,
        "requires_id_number": False,
        "starts_on": date(2022, 6, 13),
        "ends_on": date(2022, 9, 5),
        "is_published": True,
        "is_demo": False,
        "source": REAL_SOURCE,
        "notes": REAL_NOTES,
    })
    _put_prizes(tally, contest)
    first_monday = date(2022, 6, 13)
    for number in range(1, 13):
        opens = first_monday + timedelta(weeks=number - 1)
        tally.put(Round, {"contest": contest, "number": number}, {
            "opens_at": _at(opens, 16),
            "closes_at": _at(opens + timedelta(weeks=1), 15),
            "question_count": 10,
            "time_limit_seconds": 15 * 60,
            "max_attempts": None,
            "prediction_question": PREDICTION,
            "prediction_kind": Round.PredictionKind.ALL_CORRECT,
        })
    return contest


def _source(kind, ref):
    """(source_document, source_section, source_note, theme codes) of a question's source."""
    if kind == "lao":
        section = ReferenceSection.objects.select_related("document").get(document__code=LAOS_APPENDIX, code=ref)
        return section.document, section, "", ["2.1"]
    if kind == "plan":
        note = f"{PLAN_REF}, mục II.{ref}" if ref else f"{PLAN_REF}, phần Thời gian và mục IV"
        return None, None, note, [ref] if ref else []
    return None, None, f"{REPORT_REF}, {'phần ' if ref == 'mở đầu' else 'mục '}{ref}", []


def seed_questions(tally, contest):
    themes = {t.code: t for t in Theme.objects.filter(plan__code=DA_LAT_CODE)}
    for code, text, correct, wrong, explanation, (kind, ref), difficulty in QUESTIONS:
        document, section, note, theme_codes = _source(kind, ref)
        question, outcome = tally.ensure(Question, {"contest": contest, "code": code}, {
            "text": text,
            "difficulty": difficulty,
            "source_document": document,
            "source_section": section,
            "source_note": note,
            "explanation": explanation,
            "is_active": True,
            "is_demo": False,
        }, m2m={"themes": [themes[c] for c in theme_codes if c in themes]})
        if outcome == "kept":  # staff may have edited its choices: adding one could make two correct
            continue
        # The correct answer sits at a fixed but varied place in the bank;
        # attempts shuffle the choices anyway.
        place = zlib.crc32(code.encode()) % 3
        texts = list(wrong)
        texts.insert(place, correct)
        rows = [(order, text, order == place) for order, text in enumerate(texts)]
        # Wrong ones first: the one-correct-choice index must hold after every row.
        for order, text, is_correct in sorted(rows, key=lambda row: row[2]):
            tally.put(Choice, {"question": question, "order": order}, {"text": text, "is_correct": is_correct})


def seed_demo_contest(tally):
    today = local_today()
    contest = tally.put(Contest, {"code": DEMO_CODE}, {
        "title": f"{CONTEST_TITLE} (thi thử)",
        "organiser": "Ban Tuyên giáo Thành ủy Đà Lạt",
        "rules": DEMO_RULES,
        "eligibility": "Công dân Việt Nam và người nước ngoài từ 14 tuổi trở lên.",
        "min_age": 14,
        "requires_id_number": False,
        "starts_on": today - timedelta(days=8),
        "ends_on": today + timedelta(days=13),
        "is_published": True,
        "is_demo": True,
        "source": f"Câu hỏi: Phụ lục Việt Nam – Lào 2017–2022, {PLAN_REF}, {REPORT_REF}. Lịch thi và thí sinh: dữ liệu minh họa.",
        "notes": "Dữ liệu minh họa: lịch các đợt thi tính từ ngày nạp dữ liệu; thí sinh và bài thi của đợt 1 là minh họa.",
    })
    _put_prizes(tally, contest)
    seed_questions(tally, contest)
    schedule = [
        (1, today - timedelta(days=8), None),
        (2, today - timedelta(days=1), 3),
        (3, today + timedelta(days=6), 3),
    ]
    rounds = {}
    for number, opens, max_attempts in schedule:
        rounds[number] = tally.put(Round, {"contest": contest, "number": number}, {
            "opens_at": _at(opens, 16),
            "closes_at": _at(opens + timedelta(weeks=1), 15),
            "question_count": 10,
            "time_limit_seconds": 10 * 60,
            "max_attempts": max_attempts,
            "prediction_question": PREDICTION,
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
    for index, (name, locality, unit_code) in enumerate(DEMO_PEOPLE, start=1):
        participant = tally.put(Participant, {"contest": contest, "phone": f"0900000{index:03d}"}, {
            "full_name": name,
            "date_of_birth": date(1975 + index * 2, 1 + index % 12, 1 + index),
            "email": "",
            "locality": locality,
            "unit": units.get(unit_code),
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
