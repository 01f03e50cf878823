"""config/beat.py: beat tries a due task again while the broker is down, and sends it once it answers;
other errors are logged as beat always did. (Against a real Redis killed mid-run: tests/test_faults.py.)"""

from types import SimpleNamespace

import pytest
from celery.beat import SchedulingError
from kombu.exceptions import OperationalError

from config import beat


class Stub:
    """A scheduler whose publish fails `failures` times with `error`, then succeeds."""

    def __init__(self, failures, error):
        self.failures, self.error, self.sent = failures, error, 0

    def apply_async(self, entry, producer=None, advance=True):
        assert advance is False  # beat's tick has already moved the entry on
        if self.failures:
            self.failures -= 1
            try:
                raise self.error
            except Exception as error:
                raise SchedulingError(f"Couldn't apply scheduled task {entry.name}: {error}") from error
        self.sent += 1


ENTRY = SimpleNamespace(name="Quét nhắc hạn hằng ngày", task="campaign.tasks.scan_reminders")


@pytest.fixture
def sleeps(monkeypatch):
    waited = []
    monkeypatch.setattr(beat.time, "sleep", waited.append)
    return waited


def test_a_due_task_waits_for_the_broker_and_is_sent_once(sleeps, settings):
    settings.BEAT_PUBLISH_RETRY_MAX = 10
    stub = Stub(6, OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused."))
    beat.DatabaseScheduler.apply_entry(stub, ENTRY)
    assert stub.sent == 1
    assert sleeps == [1, 2, 4, 8, 10, 10]


def test_a_redis_connection_error_counts_as_the_broker_down(sleeps):
    import redis

    stub = Stub(1, redis.exceptions.ConnectionError("Connection closed by server."))
    beat.DatabaseScheduler.apply_entry(stub, ENTRY)
    assert stub.sent == 1 and sleeps == [1]


def test_any_other_error_is_logged_and_not_tried_again(sleeps, caplog):
    stub = Stub(1, TypeError("Object of type set is not JSON serializable"))
    beat.DatabaseScheduler.apply_entry(stub, ENTRY)
    assert stub.sent == 0 and sleeps == []
    assert "Không gửi được tác vụ định kỳ Quét nhắc hạn hằng ngày" in caplog.text


def test_the_portal_uses_it(settings):
    assert settings.CELERY_BEAT_SCHEDULER == "config.beat:DatabaseScheduler"
