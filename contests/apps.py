from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = "Cuộc thi trực tuyến"

    def ready(self):
        from . import bank

        bank.connect()
