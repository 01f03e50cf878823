import json
from io import StringIO

import pytest
from django.core.management import call_command

from reports.demo import FACTS, REPORT_CODE
from reports.models import Report


@pytest.fixture
def facts():
    return json.loads(FACTS.read_text(encoding="utf-8"))


@pytest.fixture
def seeded(db, eager_celery):
    call_command("seed_demo", stdout=StringIO())
    return Report.objects.get(code=REPORT_CODE)


@pytest.fixture
def staff(db):
    from tests.factories import make_staff

    return make_staff(username="btg")


@pytest.fixture
def round_2026(seeded, staff):
    """The 2026 round opened by staff in the Gia Lai 2026–2030 plan, due 15/12/2026."""
    from datetime import date

    from campaign.demo.plans import GIA_LAI_CODE
    from campaign.models import Plan
    from reports.rounds import round_open

    return round_open(previous=seeded, year=2026, due_on=date(2026, 12, 15),
                      plan=Plan.objects.get(code=GIA_LAI_CODE), by=staff)


@pytest.fixture
def foreign_affairs(round_2026):
    """(submission, officer) of Sở Ngoại vụ (sectors 2, 5, 10, 11)."""
    from reports.models import SectorSubmission
    from tests.factories import make_officer

    submission = SectorSubmission.objects.get(round=round_2026, assignment__unit__code="so-ngoai-vu-gl")
    return submission, make_officer(submission.assignment.unit, username="songoaivu")
