from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Tin bài và tài liệu"

    def ready(self):
        from . import cache

        cache.connect_signals()
