"""Checks of `manage.py check --deploy` about running on several processes or hosts."""

from django.conf import settings
from django.core import checks


def shared_cache(app_configs, **kwargs):
    """A real database without REDIS_URL: the cache (public pages, the quiz's rate limits) is each
    process's memory, so gunicorn's workers and the other hosts do not share it (docs/deploy.md)."""
    if settings.EMBEDDED or settings.REDIS_URL:
        return []
    return [
        checks.Warning(
            "Chưa đặt REDIS_URL: bộ nhớ đệm (trang công khai, giới hạn tần suất của cuộc thi) nằm trong bộ nhớ "
            "của từng tiến trình, nên các worker gunicorn và các máy chủ web khác không dùng chung; tác vụ Celery "
            "chạy ngay trong tiến trình web.",
            hint="Đặt REDIS_URL=redis://…/0 (docs/deploy.md, “More hosts behind a load balancer”).",
            id="portal.W001",
        )
    ]
