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
