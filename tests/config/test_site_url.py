"""Links in e-mails follow the port the portal serves on (issue 10.9).

`make run` passes PORT to scripts/serve.sh, which exports it to the web server
and to the Celery worker that sends the reminders; without SITE_URL the
settings build http://127.0.0.1:$PORT from it. Each case renders a real
reminder e-mail in a fresh process with that environment.
"""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

RENDER_REMINDER = """
import json
from datetime import date
import django
django.setup()
from django.conf import settings
from campaign.models import Assignment, Plan, Reminder, ReportingPeriod, Task, Unit
from campaign.reminders.emails import item_for, reminder_message
plan = Plan(pk=1, title="Kế hoạch tuyên truyền")
task = Task(pk=2, plan=plan, title="Đăng tin bài")
period = ReportingPeriod(pk=3, task=task, label="Tháng 7/2026", due_on=date(2026, 7, 5))
unit = Unit(pk=4, name="Đảng bộ Phường 1")
assignment = Assignment(pk=5, task=task, unit=unit)
reminder = Reminder(pk=6, assignment=assignment, period=period, due_on=period.due_on, step="before-2",
                    audience=Reminder.Audience.UNIT, channel=Reminder.Channel.EMAIL, recipient="phuong1@example.vn")
item = item_for(reminder, report=None, today=date(2026, 7, 3), to_staff=False)
message = reminder_message(reminder, item=item, greeting_text=unit.name)
print(json.dumps({"site_url": settings.SITE_URL, "body": message.body, "html": message.alternatives[0][0],
                  "message_id": message.extra_headers["Message-ID"]}))
"""


def reminder_under(**env):
    clean = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", RENDER_REMINDER], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_email_links_to_the_port_given():
    mail = reminder_under(PORT="8123")
    assert mail["site_url"] == "http://127.0.0.1:8123"
    assert "Nộp báo cáo tại: http://127.0.0.1:8123/lam-viec/viec-cua-don-vi/5/ky/3/" in mail["body"]
    assert 'href="http://127.0.0.1:8123/lam-viec/viec-cua-don-vi/5/ky/3/"' in mail["html"]
    assert "127.0.0.1:8000" not in mail["body"] + mail["html"]


def test_without_port_the_default_is_that_of_make_run():
    assert reminder_under()["site_url"] == "http://127.0.0.1:8000"


def test_site_url_wins_over_the_port():
    mail = reminder_under(PORT="8123", SITE_URL="https://tuyentruyen.example.vn/")
    assert "Nộp báo cáo tại: https://tuyentruyen.example.vn/lam-viec/viec-cua-don-vi/5/ky/3/" in mail["body"]
    assert mail["message_id"] == "<nhac-han-6@tuyentruyen.example.vn>"


def test_serve_sh_hands_the_port_to_the_server_and_the_worker():
    script = (ROOT / "scripts" / "serve.sh").read_text()
    assert "export PORT=${PORT:-8000}" in script
    assert "PORT=$(PORT)" in (ROOT / "Makefile").read_text()
