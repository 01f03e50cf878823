"""Celery beat's scheduler (CELERY_BEAT_SCHEDULER): django-celery-beat's, which never drops a due task
because the broker is down.

Celery beat marks an entry as run before it publishes its message, and only logs a publish that
fails ("Message Error"): a daily task whose minute falls while Redis is down is then gone until
the next day (the 07:00 reminder scan, found by `make faults`, docs/decisions.md issue 15). Here
a publish that fails for want of a broker is tried again, one second after the first failure,
doubling to at most BEAT_PUBLISH_RETRY_MAX seconds, until the broker answers; beat sends nothing
else meanwhile (nothing could be sent), and the entries that came due while it waited follow at
once, each once. Any other error (a task that cannot be serialised) is logged as beat always did.
"""

import logging
import time

from celery.beat import logger as beat_logger
from django.conf import settings
from django_celery_beat.schedulers import DatabaseScheduler as BaseScheduler
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def broker_is_down(error):
    """True if `error` (or what it wraps) is a failure to reach the broker."""
    while error is not None:
        if isinstance(error, (OperationalError, ConnectionError, TimeoutError)):
            return True
        name = type(error).__module__.split(".")[0]
        if name == "redis" and type(error).__name__ in {"ConnectionError", "TimeoutError", "BusyLoadingError"}:
            return True
        error = error.__cause__ or error.__context__
    return False


class DatabaseScheduler(BaseScheduler):
    def apply_entry(self, entry, producer=None):
        beat_logger.info("Scheduler: Sending due task %s (%s)", entry.name, entry.task)
        delay, waited, began = 1.0, 0, time.monotonic()
        while True:
            try:
                self.apply_async(entry, producer=producer, advance=False)
            except Exception as error:  # beat's own apply_entry logs every error the same way
                if not broker_is_down(error):
                    logger.error("Không gửi được tác vụ định kỳ %s: %s", entry.name, error, exc_info=True)
                    return
                waited += 1
                if waited == 1:
                    logger.warning("Không gửi được tác vụ định kỳ %s (broker không trả lời): thử lại đến khi được. %s",
                                   entry.name, error)
                time.sleep(delay)
                delay = min(delay * 2, settings.BEAT_PUBLISH_RETRY_MAX)
                continue
            if waited:
                logger.warning("Đã gửi tác vụ định kỳ %s sau %.0f giây chờ broker.", entry.name, time.monotonic() - began)
            return
