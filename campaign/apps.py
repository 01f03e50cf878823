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
