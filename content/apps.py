from django.apps import AppConfig
from django.core import checks


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Tin bài và tài liệu"

    def ready(self):
        from . import cache, checks as content_checks

        checks.register(content_checks.home_sources)
        cache.connect_signals()
