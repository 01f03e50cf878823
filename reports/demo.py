"""Demo data of the reports app: report 04/BC-UBND of Gia Lai (12/01/2026), whole.

A fact-checker can follow every row to its source:
- figures, lists, agreements, friendship works, assessment and directions come from
  docs/sources/gia-lai-nam-lao-facts.json (FACTS), read as it is: no number is typed here;
- the sectors' narratives, the preamble and the opening of part I are the sections of
  docs/sources/bao-cao-gia-lai-nam-lao-2021-2025.md (RESTORED), rendered as the plan's original is.
What this module adds is said where it is added: the indicator a figure belongs to
(one series for one measure, so years can be summed and charted: SAME_INDICATOR), which
sở, ngành writes each sector (SECTOR_UNITS: the units the report names, else "minh họa"),
the years read from the printed period (years_of), and the links to the plan's tasks.

Idempotent: config.seeding.ensure creates what is missing and never changes a row.
"""

import hashlib
import json
import re
from datetime import date
from pathlib import Path

from django.utils.text import slugify

from campaign.demo.plans import GIA_LAI_CODE
from campaign.formats import IssuerKind
from campaign.models import Plan, Task, Unit
from campaign.originals import render_markdown
from config.seeding import ensure

from .models import (
    Agreement,
    AssessmentItem,
    Direction,
    DirectionItem,
    FriendshipWork,
    Indicator,
    IndicatorValue,
    PartnerProvince,
    Report,
    ReportingEntity,
    Sector,
    SectorNarrative,
)

SOURCES = Path(__file__).resolve().parent.parent / "docs" / "sources"
FACTS = SOURCES / "gia-lai-nam-lao-facts.json"
RESTORED = SOURCES / "bao-cao-gia-lai-nam-lao-2021-2025.md"
REPORT_CODE = "04-bc-ubnd-2026"

PARTNER_UNITS = {"Attapeu": "attapeu", "Champasak": "champasak", "Salavan": "salavan", "Sekong": "sekong"}
ENTITY_CODES = {
    "tỉnh Bình Định (trước sáp nhập)": "binh-dinh-truoc-sap-nhap",
    "tỉnh Gia Lai (cũ)": "gia-lai-cu",
    "tỉnh Gia Lai (mới)": "gia-lai-moi",
}
# sector number → (responsible unit, co-units, basis). The report names the body for some
# sectors (as the campaign's units record); for the others the choice is ours.
SECTOR_UNITS = {
    1: ("so-vhttdl-gl", [], "Dữ liệu minh họa: báo cáo không nêu đơn vị; giao Sở VHTTDL (báo chí, thông tin)."),
    2: ("so-ngoai-vu-gl", [], "Dữ liệu minh họa: Sở Ngoại vụ, cơ quan đầu mối (mục I.10)."),
    3: ("so-gddt-gl", ["dh-quy-nhon", "cd-ktcn-quy-nhon", "cd-y-te-gl", "cd-su-pham-gl"],
        "Dữ liệu minh họa: báo cáo nêu các trường (mục I.3), không nêu sở."),
    4: ("so-y-te-gl", [], "Dữ liệu minh họa: báo cáo không nêu tên sở."),
    5: ("so-ngoai-vu-gl", [], "Dữ liệu minh họa: báo cáo không nêu đơn vị; giao cơ quan đầu mối."),
    6: ("so-cong-thuong-gl", [], "Báo cáo, mục I.6."),
    7: ("so-nnmt-gl", [], "Báo cáo, mục I.7."),
    8: ("so-khcn-gl", [], "Báo cáo, mục I.8."),
    9: ("so-vhttdl-gl", [], "Báo cáo, mục I.9."),
    10: ("so-ngoai-vu-gl", ["lhhn-gl", "hhn-vn-lao-gl"], "Báo cáo, mục I.10."),
    11: ("so-ngoai-vu-gl", [], "Báo cáo, mục I.11 (UBND tỉnh giao Sở Ngoại vụ chuyển kinh phí)."),
    12: ("so-tu-phap-gl", [], "Báo cáo, mục I.12."),
    13: ("bchqs-gl", ["cong-an-gl"], "Báo cáo, mục I.13."),
    14: ("tinh-doan-gl", [], "Báo cáo, mục I.14."),
}
# One measure printed with two names in two years: one indicator, so the years form a series.
SAME_INDICATOR = {"Kim ngạch giao thương hàng hóa hai chiều": "Kim ngạch thương mại hai chiều"}
# The figures the home page shows (reports.headlines), by their name in the facts file.
HEADLINES = [
    "Tổng kinh phí thực hiện các nội dung hợp tác",
    "Tổng kinh phí hỗ trợ xây dựng các công trình hữu nghị (chủ trương được UBND tỉnh thống nhất)",
    "Tổng số suất học bổng toàn phần đã cấp cho sinh viên 4 tỉnh Nam Lào",
    "Kim ngạch giao thương hàng hóa hai chiều",
]
# Part IV sub-items of direction 3 are the plan's tasks IV.3.a, IV.3.b, … in order.
SUB_ITEM_LETTERS = "abcdefghijklm"


def load_facts():
    return json.loads(FACTS.read_text(encoding="utf-8"))


def indicator_name(fact):
    return SAME_INDICATOR.get(fact["name"], fact["name"])


def indicator_code(name, unit):
    digest = hashlib.sha1(f"{name}|{unit}".encode()).hexdigest()[:8]
    return f"{slugify(name)[:100]}-{digest}"


def years_of(printed):
    """(first, last) year of a printed period, from the years outside any parenthesis.

    '2022' → (2022, 2022); 'năm học 2021-2022 đến năm học 2025-2026' → (2021, 2026);
    '2022 (Năm Đoàn kết …)' → (2022, 2022); 'không nêu năm', 'mỗi khóa' → (None, None).
    """
    outside = re.sub(r"\([^)]*\)", " ", printed or "")
    years = [int(y) for y in re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", outside)]
    return (min(years), max(years)) if years else (None, None)


def sections_of(markdown):
    """The restored text's parts: preamble, opening of part I, and {sector number: text}."""
    text = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    preamble = re.search(r"^## Kết quả hợp tác.*?\n(.*?)^## I\.", text, re.S | re.M).group(1)
    part_one = re.search(r"^## I\. [^\n]*\n(.*?)^## III\.", text, re.S | re.M).group(1)
    intro, *rest = re.split(r"^### (\d+)\. [^\n]*\n", part_one, flags=re.M)
    sectors = {int(number): body.strip() for number, body in zip(rest[::2], rest[1::2])}
    closing = re.search(r"^(Trên đây là [^\n]*)$", text, re.M).group(1)
    return preamble.strip(), intro.strip(), sectors, closing.strip()


class Tally:
    def __init__(self):
        self.counts = {}

    def put(self, model, lookup, values=None):
        obj, outcome = ensure(model, lookup, values or {})
        counts = self.counts.setdefault(model._meta.verbose_name_plural, {"created": 0, "kept": 0})
        counts[outcome] += 1
        return obj, outcome == "created"


def seed_catalogues(tally, facts):
    partners = {}
    for order, item in enumerate(facts["partner_provinces"], start=1):
        partners[item["name"]], _ = tally.put(PartnerProvince, {"code": slugify(item["name"])}, {
            "name": item["name"], "country": item["country"], "country_full": item["country_full"],
            "unit": Unit.objects.filter(code=PARTNER_UNITS[item["name"]]).first(), "order": order,
        })
    entities = {}
    for order, item in enumerate(facts["reporting_entities"], start=1):
        entities[item["name"]], _ = tally.put(ReportingEntity, {"code": ENTITY_CODES[item["name"]]},
                                             {"name": item["name"], "note": item["note"], "order": order})
    units = {unit.code: unit for unit in Unit.objects.all()}
    sectors = {}
    for item in facts["sectors"]:
        lead, co_units, basis = SECTOR_UNITS[item["number"]]
        sector, created = tally.put(Sector, {"number": item["number"]}, {
            "title": item["title"], "responsible_unit": units.get(lead), "responsible_note": basis,
        })
        if created:
            sector.co_units.set([units[code] for code in co_units if code in units])
        sectors[item["number"]] = sector
    return partners, entities, sectors


def seed_report(tally, facts, preamble, intro, closing):
    document = facts["document"]
    number, symbol = document["number"].split("/", 1)
    basis = document["basis_plan"]
    signature = document["signature_block"].split("(")[0]
    *authority, title = [part.strip().upper() for part in signature.split("—")]
    report, _ = tally.put(Report, {"code": REPORT_CODE}, {
        "issuer": document["issuer"],
        "issuer_unit": Unit.objects.filter(code="ubnd-gia-lai").first(),
        "issuer_kind": IssuerKind.STATE,
        "number": number,
        "symbol": symbol,
        "issued_on": date.fromisoformat(document["date"]),
        "place": document["date_as_printed"].split(",")[0],
        "title": document["title"],
        "basis_plan": Plan.objects.filter(code=GIA_LAI_CODE).first(),
        "basis_text": f"Kế hoạch số {basis['number']} {basis['date_as_printed']} – {basis['title']}",
        "period_start_year": 2021,
        "period_end_year": 2025,
        "outlook_start_year": 2026,
        "outlook_end_year": 2030,
        "preamble": render_markdown(preamble),
        "results_intro": render_markdown(intro),
        "directions_preamble": facts["directions_preamble"],
        "closing": closing,
        "recipients": "\n".join(document["recipients"]),
        "signer_authority": " ".join(authority),
        "signer_title": title,
        "status": Report.Status.ISSUED,
        "source": f"{RESTORED.name}; {FACTS.name}",
        "notes": "\n".join(facts["notes"] + [document["structure_note"], document["signature_block"]]),
    })
    return report


def partners_named(text, partners):
    if "các tỉnh Nam Lào" in text or "4 tỉnh Nam Lào" in text:
        return list(partners.values())
    return [partner for name, partner in partners.items() if name in text]


def seed_items(tally, facts, report, partners, entities, sectors, narratives):
    for order, item in enumerate(facts["agreements"], start=1):
        agreement, created = tally.put(Agreement, {"report": report, "order": order}, {
            "name": item["name"], "parties": "\n".join(item["parties"]),
            "signed_on": date.fromisoformat(item["signed_on"]) if item["signed_on"] else None,
            "place": item["place"] or "", "period": item["period"] or "", "note": item["note"] or "",
        })
        if created:
            agreement.partners.set(partners_named(" ".join(item["parties"]), partners))

    summaries = {item["number"]: item["summary_one_line"] for item in facts["sectors"]}
    for number, sector in sectors.items():
        tally.put(SectorNarrative, {"report": report, "sector": sector},
                  {"summary": summaries[number], "text": render_markdown(narratives[number])})

    indicators = {}
    for order, fact in enumerate(facts["indicators"], start=1):
        name = indicator_name(fact)
        if (name, fact["unit"]) not in indicators:
            indicators[name, fact["unit"]], _ = tally.put(Indicator, {"code": indicator_code(name, fact["unit"])}, {
                "name": name, "unit": fact["unit"], "kind": Indicator.kind_for_unit(fact["unit"]), "order": order,
            })
        first, last = years_of(fact["year_or_period"])
        tally.put(IndicatorValue, {"report": report, "order": order}, {
            "indicator": indicators[name, fact["unit"]],
            "sector": sectors.get(fact["sector_number"]),
            "section": fact["section"],
            "entity": entities[fact["entity"]],
            "partner": partners.get(fact["partner"]),
            "partner_scope": fact["partner"],
            "year_start": first,
            "year_end": last,
            "period_label": fact["year_or_period"],
            "number": str(fact["value"]),
            "number_max": str(fact["value_max"]) if fact.get("value_max") is not None else None,
            "qualifier": fact["qualifier"] or "",
            "as_printed": fact["value_as_printed"],
            "source_sentence": fact["source_sentence"],
            "is_headline": fact["name"] in HEADLINES,
        })

    for order, item in enumerate(facts["friendship_works"], start=1):
        completion = item["completed"]
        status = (FriendshipWork.Status.COMPLETED if completion.startswith("Đã")
                  else FriendshipWork.Status.NOT_STATED)
        tally.put(FriendshipWork, {"report": report, "order": order}, {
            "partner": partners[item["partner"]], "sector": sectors.get(item["sector_number"]),
            "name": item["name"], "funding": item["funding"], "funding_vnd": item["funding_vnd"],
            "funder": item["funded_by"], "status": status, "completion": completion, "note": item["note"] or "",
        })

    Kind = AssessmentItem.Kind
    texts = (
        [(Kind.RESULT, text) for text in facts["achievements_summary"]]
        + [(Kind.SUCCESS_FACTOR, text) for text in facts["success_factors"]]
        + [(Kind.LIMITATION if item["kind"] == "hạn chế chung" else Kind.DIFFICULTY, item["text"])
           for item in facts["difficulties"]]
        + [(Kind.OBJECTIVE_CAUSE, text) for text in facts["causes"]["objective"]]
        + [(Kind.SUBJECTIVE_CAUSE, text) for text in facts["causes"]["subjective"]]
    )
    for order, (kind, text) in enumerate(texts, start=1):
        tally.put(AssessmentItem, {"report": report, "order": order}, {"kind": kind, "text": text})

    tasks = {task.code: task for task in Task.objects.filter(plan__code=GIA_LAI_CODE)}
    for item in facts["directions_2026_2030"]:
        direction, created = tally.put(Direction, {"report": report, "number": item["number"]}, {"text": item["text"]})
        if created and f"IV.{item['number']}" in tasks:
            direction.tasks.set([tasks[f"IV.{item['number']}"]])
        for order, text in enumerate(item["sub_items"], start=1):
            sub_item, created = tally.put(DirectionItem, {"direction": direction, "order": order}, {"text": text})
            code = f"IV.{item['number']}.{SUB_ITEM_LETTERS[order - 1]}"
            if created and code in tasks:
                sub_item.tasks.set([tasks[code]])


def seed(stdout):
    facts = load_facts()
    preamble, intro, narratives, closing = sections_of(RESTORED.read_text(encoding="utf-8"))
    tally = Tally()
    partners, entities, sectors = seed_catalogues(tally, facts)
    report = seed_report(tally, facts, preamble, intro, closing)
    seed_items(tally, facts, report, partners, entities, sectors, narratives)
    for name, counts in tally.counts.items():
        stdout.write(f"Báo cáo hợp tác – {name}: {counts['created']} tạo mới, {counts['kept']} đã có (giữ nguyên).")
