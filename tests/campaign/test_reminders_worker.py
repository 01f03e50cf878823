"""The reminders against real Redis, real Celery worker processes and PostgreSQL.

The workers run in subprocesses on the test database, with a Redis database
of their own and Django's file e-mail backend (tests/campaign/slow_email_backend.py,
which can make one send slow so that the test kills the worker in the middle
of it). Each message carries the reminder's id in X-Portal-Reminder, so the
files tell how many copies of each reminder left.

What these tests prove (docs/reminders.md):
- a scan produces exactly the expected e-mails;
- twenty scans at once, from four processes, produce each reminder once;
- a worker killed with SIGKILL while connecting to the mail server: its
  reminder is sent by the next worker, once;
- a worker killed with SIGKILL after the server took the message: no second
  copy, and the reminder shows as "không rõ đã gửi" for staff.
"""

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.urls import reverse

from campaign.models import Notification, Reminder, ReminderPreference
from campaign.reminders.selectors import due_reminders
from tests.campaign.reminders_world import add_task, day, make_story
from tests.conftest import ROOT
from tests.factories import UnitFactory, make_officer, make_staff

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SCAN_DAY = day(-3)
EMAIL, DIGEST = Reminder.Channel.EMAIL, Reminder.Channel.DIGEST
CELERY = os.path.join(os.path.dirname(sys.executable), "celery")


def broker_url():
    # A Redis database of its own: no other test's messages reach these workers.
    return urlunsplit(urlsplit(settings.REDIS_URL)._replace(path="/5"))


def database_url():
    db = connection.settings_dict
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def env(tmp_path):
    """The environment of the workers and scans: the test database, seconds instead of minutes."""
    broker = redis.Redis.from_url(broker_url())
    broker.flushdb()
    values = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SLOW_EMAIL_")},
        "DEBUG": "1", "DATABASE_URL": database_url(), "REDIS_URL": broker_url(), "CONN_MAX_AGE": "0",
        "EMAIL_BACKEND": "tests.campaign.slow_email_backend.EmailBackend", "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "SLOW_EMAIL_MARKER": str(tmp_path / "slow-send-started"),
        # A dead worker's claim is abandoned after 2 s, its message handed out again after 4 s.
        "REMINDER_CLAIM_TIMEOUT": "2", "CELERY_VISIBILITY_TIMEOUT": "4", "CELERY_RESTORE_INTERVAL": "1",
        "REMINDER_RETRY_BACKOFF": "1", "REMINDER_RETRY_BACKOFF_MAX": "2",
    }
    yield values
    broker.flushdb()


class Workers:
    def __init__(self, env, tmp_path):
        self.env, self.tmp_path, self.processes = env, tmp_path, []

    def start(self, name, **extra):
        with open(self.tmp_path / f"worker-{name}.log", "w") as log:
            process = subprocess.Popen(
                [CELERY, "-A", "config", "worker", "--pool=solo", "--loglevel=INFO", f"--hostname={name}@%h",
                 "--without-mingle", "--without-gossip", "--without-heartbeat"],
                cwd=ROOT, env={**self.env, **extra}, stdout=log, stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        return process

    def logs(self):
        return "\n".join(path.read_text()[-3000:] for path in sorted(self.tmp_path.glob("worker-*.log")))

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(env, tmp_path):
    workers = Workers(env, tmp_path)
    yield workers
    workers.stop()


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def wait_for(predicate, what, workers, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"Sau {timeout} s vẫn chưa thấy: {what}\n{workers.logs()}")


def copies(tmp_path):
    """{reminder id: number of copies} in the files the workers wrote."""
    counts = Counter()
    for path in (tmp_path / "mail").glob("*.log"):
        counts.update(int(pk) for pk in re.findall(r"^X-Portal-Reminder: (\d+)$", path.read_text(), re.MULTILINE))
    return counts


def email_ids():
    return set(Reminder.objects.filter(channel=EMAIL).values_list("pk", flat=True))


def settled():
    return not Reminder.objects.filter(status__in=("pending", "sending")).exists()


def test_a_scan_sends_exactly_the_expected_emails(env, workers, tmp_path):
    story = make_story()
    add_task(story, "Tổ chức hội nghị", day(0))
    health = UnitFactory(name="Sở Y tế", emails="vanphong@soyte.example")
    add_task(story, "Trao đổi chuyên gia y tế", day(4), unit=health)
    expected = sorted((p.recipient, p.step.name, p.period.task.title) for p in due_reminders(today=SCAN_DAY) if p.channel == EMAIL)
    assert len(expected) == 5

    workers.start("a")
    output = manage(env, "send_reminders", "--date", SCAN_DAY.isoformat())
    assert "ghi nhận 7 nhắc hạn mới (5 e-mail" in output
    wait_for(settled, "mọi nhắc hạn đã gửi", workers)

    sent = sorted(Reminder.objects.filter(channel=EMAIL, status="sent").values_list("recipient", "step", "assignment__task__title"))
    assert sent == expected
    assert copies(tmp_path) == Counter({pk: 1 for pk in email_ids()})
    text = "".join(path.read_text() for path in (tmp_path / "mail").glob("*.log"))
    assert text.count("Hạn nộp: 10/03/2026") == 4 and text.count("Hạn nộp: 14/03/2026") == 1
    assert "Nộp báo cáo tại: http://127.0.0.1:8000/lam-viec/viec-cua-don-vi/" in text
    assert Notification.objects.filter(user=story["alice"]).count() == 2


BURST = """
import json, os, threading, time
import django
django.setup()
from datetime import date
from django.db import connection
from campaign.reminders.services import reminders_scan

day, go = date.fromisoformat(os.environ["SCAN_DAY"]), os.environ["GO_FILE"]
open(os.environ["READY_FILE"], "w").close()
while not os.path.exists(go):
    time.sleep(0.01)
errors, done = [], []

def scan():
    try:
        result = reminders_scan(today=day)
        done.append((result.resumed.queued, result.notifications))
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=scan) for _ in range(int(os.environ["THREADS"]))]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"errors": errors, "done": done}))
"""


def test_twenty_scans_at_once_from_four_processes_send_each_reminder_once(env, workers, tmp_path):
    story = make_story()
    for n in range(10):
        unit = UnitFactory(name=f"Đơn vị {n}", emails=f"vanphong{n}@donvi.example")
        officer = make_officer(unit, username=f"canbo{n}", email=f"canbo{n}@donvi.example")
        for title in ("Tọa đàm", "Triển lãm ảnh", "Giao lưu thanh niên"):
            add_task(story, f"{title} {n}", day(0), unit=unit)
    # One officer takes a daily digest: the scans also race to open and fill it.
    ReminderPreference.objects.create(user=officer, daily_digest=True)
    planned = due_reminders(today=SCAN_DAY)
    assert len(planned) == 3 + 10 * 3 * 3

    go = tmp_path / "go"
    scans = []
    for n in range(4):
        ready = tmp_path / f"ready-{n}"
        scans.append((ready, subprocess.Popen(
            [sys.executable, "-c", BURST], cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**env, "SCAN_DAY": SCAN_DAY.isoformat(), "GO_FILE": str(go), "READY_FILE": str(ready), "THREADS": "5"},
        )))
    wait_for(lambda: all(ready.exists() for ready, _ in scans), "bốn tiến trình quét sẵn sàng", workers)
    go.touch()
    done = []
    for _, process in scans:
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output
        result = json.loads(output.splitlines()[-1])
        assert result["errors"] == [], result
        done += result["done"]
    # Twenty scans ran; between them each e-mail was queued once and each notification written once:
    # 62 e-mails, of which the digest officer's 3 travel in 1 digest.
    assert len(done) == 20
    assert sum(queued for queued, _ in done) == 62 - 3 + 1
    assert sum(notifications for _, notifications in done) == 1 + 10 * 3

    workers.start("a")
    wait_for(settled, "mọi nhắc hạn đã gửi", workers)
    assert Reminder.objects.exclude(channel=DIGEST).count() == len(planned)
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}
    mails = Reminder.objects.filter(channel__in=(EMAIL, DIGEST), digest=None).values_list("pk", flat=True)
    assert copies(tmp_path) == Counter({pk: 1 for pk in mails})
    assert len(mails) == 60
    assert Reminder.objects.get(channel=DIGEST).parts.count() == 3
    assert Notification.objects.count() == 1 + 10 * 3


def kill_during_send(env, workers, tmp_path, phase):
    """Scan, let a worker start the first send slowly, SIGKILL it there, start another worker."""
    make_story()
    manage(env, "send_reminders", "--date", SCAN_DAY.isoformat())
    first = workers.start("a", SLOW_EMAIL_PHASE=phase, SLOW_EMAIL_SECONDS="120")
    wait_for((tmp_path / "slow-send-started").exists, "lần gửi chậm bắt đầu", workers)
    first.kill()
    first.wait()
    stuck = Reminder.objects.get(status="sending")
    workers.start("b")
    wait_for(settled, "không còn nhắc hạn nào đang chờ", workers)
    return Reminder.objects.get(pk=stuck.pk)


def test_a_worker_killed_before_the_smtp_call_leaves_its_reminder_to_the_next_one(env, workers, tmp_path):
    reminder = kill_during_send(env, workers, tmp_path, "open")
    assert reminder.smtp_started_at is not None and reminder.status == "sent" and reminder.attempts == 2
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}
    # No loss, no duplicate: every e-mail once.
    assert copies(tmp_path) == Counter({pk: 1 for pk in email_ids()})


def test_a_worker_killed_after_the_server_took_the_message_sends_no_second_copy(env, workers, tmp_path, client):
    reminder = kill_during_send(env, workers, tmp_path, "after")
    assert reminder.status == "unknown" and reminder.attempts == 1
    assert reminder.last_error.startswith("Tiến trình gửi dừng giữa lúc đang gửi qua SMTP")
    assert set(Reminder.objects.exclude(pk=reminder.pk).values_list("status", flat=True)) == {"sent"}
    # The server had it: one copy, and no second one from the next worker.
    assert copies(tmp_path) == Counter({pk: 1 for pk in email_ids()})
    # Staff see it, with the button to send it again by hand.
    client.force_login(make_staff(username="dung"))
    html = client.get(reverse("campaign:reminder_log"), {"status": "unknown"}).content.decode()
    assert "Không rõ đã gửi" in html and f'action="/lam-viec/nhac-han/{reminder.pk}/gui-lai/"' in html
