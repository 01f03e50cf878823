"""seed_demo holds report 04/BC-UBND as the facts file gives it, figure by figure."""

from decimal import Decimal

from reports.demo import years_of
from reports.models import AssessmentItem, FriendshipWork, Indicator, PartnerProvince, ReportingEntity, Sector

Kind = AssessmentItem.Kind


def test_every_figure_is_a_number_with_its_unit_and_sentence(seeded, facts):
    values = list(seeded.values.select_related("indicator", "sector", "entity", "partner").order_by("order"))
    assert len(values) == len(facts["indicators"]) == 92
    for value, fact in zip(values, facts["indicators"]):
        assert value.number == Decimal(str(fact["value"])), fact["name"]
        assert value.indicator.unit == fact["unit"]
        assert value.qualifier == (fact["qualifier"] or "")
        assert value.as_printed == fact["value_as_printed"]
        assert value.source_sentence == fact["source_sentence"]
        assert value.section == fact["section"]
        assert value.entity.name == fact["entity"]
        assert value.partner_scope == fact["partner"]
        assert (value.partner.name if value.partner else None) == (
            fact["partner"] if fact["partner"] in {"Attapeu", "Champasak", "Salavan", "Sekong"} else None)
        assert (value.sector.number if value.sector else None) == fact["sector_number"]
        assert value.period_label == fact["year_or_period"]
        assert (value.year_start, value.year_end) == years_of(fact["year_or_period"])
        if fact.get("value_max") is not None:
            assert value.number_max == Decimal(str(fact["value_max"]))
        assert value.indicator.kind == Indicator.kind_for_unit(fact["unit"])


def test_trade_of_gia_lai_cu_is_one_series_that_sums(seeded):
    trade = seeded.values.filter(indicator__name="Kim ngạch thương mại hai chiều", entity__code="gia-lai-cu")
    assert {value.year_start: value.number for value in trade} == {2022: Decimal("73"), 2023: Decimal("47.9")}
    assert sum(value.number for value in trade) == Decimal("120.9")
    assert {value.indicator.unit for value in trade} == {"triệu USD"}


def test_years_read_from_the_printed_period():
    assert years_of("2022") == (2022, 2022)
    assert years_of("năm học 2021-2022 đến năm học 2025-2026") == (2021, 2026)
    assert years_of("2022 (Năm Đoàn kết Hữu nghị Việt Nam - Lào)") == (2022, 2022)
    assert years_of("giai đoạn 2025-2030 (nguyên văn; theo ngữ cảnh có lẽ là 2021-2025)") == (2025, 2030)
    assert years_of("không nêu năm") == (None, None)


def test_catalogues_and_header(seeded, facts):
    assert list(PartnerProvince.objects.values_list("name", flat=True)) == [p["name"] for p in facts["partner_provinces"]]
    assert all(partner.unit and partner.unit.name.endswith("(Lào)") for partner in PartnerProvince.objects.all())
    assert list(ReportingEntity.objects.values_list("name", flat=True)) == [e["name"] for e in facts["reporting_entities"]]
    assert [(s.number, s.title) for s in Sector.objects.all()] == [(s["number"], s["title"]) for s in facts["sectors"]]
    assert all(sector.responsible_unit for sector in Sector.objects.all())
    document = facts["document"]
    assert seeded.reference == f"Số: {document['number']}"
    assert seeded.issued_on.isoformat() == document["date"]
    assert seeded.title == document["title"]
    assert seeded.basis_plan.code == "phuong-huong-gia-lai-nam-lao-2026-2030"
    assert "149/KH-UBND ngày 23/12/2025" in seeded.basis_text
    # As printed: "- Bộ Ngoại giao;" … "- Lưu: VT, VI, N1, X1, T2."
    assert [line.removeprefix("- ").rstrip(";.") for line in seeded.recipient_lines] == document["recipients"]
    assert seeded.recipient_lines[0] == "- Bộ Ngoại giao;" and seeded.recipient_lines[-1].endswith("T2.")
    assert seeded.signature_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_every_list_item(seeded, facts):
    agreements = list(seeded.agreements.all())
    assert [(a.name, a.party_list, a.place, a.period) for a in agreements] == [
        (a["name"], a["parties"], a["place"] or "", a["period"] or "") for a in facts["agreements"]]
    assert [a.signed_on.isoformat() if a.signed_on else None for a in agreements] == [a["signed_on"] for a in facts["agreements"]]
    assert [p.name for p in agreements[1].partners.all()] == ["Champasak"]

    works = list(seeded.friendship_works.select_related("partner"))
    assert [(w.partner.name, w.name, w.funding, w.funding_vnd, w.funder, w.completion) for w in works] == [
        (w["partner"], w["name"], w["funding"], w["funding_vnd"], w["funded_by"], w["completed"])
        for w in facts["friendship_works"]]
    assert [w.status for w in works].count(FriendshipWork.Status.COMPLETED) == 4

    narratives = {n.sector.number: n for n in seeded.narratives.select_related("sector")}
    assert len(narratives) == 14
    assert {number: n.summary for number, n in narratives.items()} == {s["number"]: s["summary_one_line"] for s in facts["sectors"]}
    assert "251 sinh viên" in narratives[3].text and "47,9 triệu USD" in narratives[6].text

    def texts(kind):
        return list(seeded.assessment_items.filter(kind=kind).values_list("text", flat=True))
    assert texts(Kind.RESULT) == facts["achievements_summary"]
    assert texts(Kind.SUCCESS_FACTOR) == facts["success_factors"]
    assert texts(Kind.LIMITATION) + texts(Kind.DIFFICULTY) == [d["text"] for d in facts["difficulties"]]
    assert len(texts(Kind.LIMITATION)) == 4 and len(texts(Kind.DIFFICULTY)) == 5
    assert texts(Kind.OBJECTIVE_CAUSE) == facts["causes"]["objective"]
    assert texts(Kind.SUBJECTIVE_CAUSE) == facts["causes"]["subjective"]

    directions = list(seeded.directions.prefetch_related("items", "tasks", "items__tasks"))
    assert [(d.number, d.text, [i.text for i in d.items.all()]) for d in directions] == [
        (d["number"], d["text"], d["sub_items"]) for d in facts["directions_2026_2030"]]
    assert seeded.directions_preamble == facts["directions_preamble"]
    assert [t.code for t in directions[0].tasks.all()] == ["IV.1"]
    assert [t.code for item in directions[2].items.all() for t in item.tasks.all()] == [
        f"IV.3.{letter}" for letter in "abcdefghijklm"]
