from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string


def test_headline_figures_named_in_settings(settings, seeded):
    (path,) = settings.HOME_HEADLINE_FIGURE_SOURCES
    with CaptureQueriesContext(connection) as queries:
        figures = import_string(path)()
    assert len(queries) == 1
    assert [(f["number"], f["unit"]) for f in figures] == [
        ("300", "suất"), ("73", "triệu USD"), ("60", "tỷ đồng"), ("gần 116", "tỷ đồng")]
    trade = figures[1]
    assert trade["label"] == "Kim ngạch thương mại hai chiều" and trade["period"] == "2022"
    assert trade["url"].startswith("/bao-cao-hop-tac/04-bc-ubnd-2026/#nguon-")
    assert trade["source"] == "Số: 04/BC-UBND"


def test_no_public_report_no_figures(db):
    from reports.headlines import headline_figures
    assert headline_figures() == []
