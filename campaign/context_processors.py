from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .roles import is_propaganda_staff, is_unit_officer, role_label
from .selectors import open_work_count


def portal(request):
    user = request.user
    officer = is_unit_officer(user)
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_OWNER": settings.PORTAL_OWNER,
        "is_propaganda_staff": is_propaganda_staff(user),
        "is_unit_officer": officer,
        "role_label": role_label(user),
        # Lazy: counted only on pages that show the officer's menu.
        "open_work_count": SimpleLazyObject(lambda: open_work_count(user=user)) if officer else 0,
    }
