from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = "Kế hoạch tuyên truyền"

    def ready(self):
        from config.registries import check_registries

        from . import checks as campaign_checks
        from .signals import ensure_role_groups

        checks.register(check_registries)
        checks.register(campaign_checks.demo_modules)
        # The project's own deploy check (config is no app of its own), registered here once.
        from config import checks as config_checks

        checks.register(config_checks.shared_cache, checks.Tags.caches, deploy=True)

        # No sender: permissions of apps migrated after campaign exist only
        # once their own post_migrate has run.
        post_migrate.connect(ensure_role_groups, dispatch_uid="campaign_role_groups")

        # What a Celery task changes in an audited model is recorded without a user, the task named
        # as the reason (campaign/history.py). Run eagerly inside a request, the request's user stays.
        from celery.signals import task_postrun, task_prerun

        from .history import pop_reason, push_reason

        task_prerun.connect(lambda task=None, **kwargs: push_reason(f"Tác vụ nền {task.name}"),
                            weak=False, dispatch_uid="campaign_history_task_start")
        task_postrun.connect(lambda **kwargs: pop_reason(), weak=False, dispatch_uid="campaign_history_task_end")
