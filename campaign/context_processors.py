from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .reminders.selectors import unread_notification_count
from .roles import is_propaganda_staff, is_unit_officer, role_label
from .selectors import open_work_count


def portal(request):
    user = request.user
    officer = is_unit_officer(user)
    staff = is_propaganda_staff(user)
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_OWNER": settings.PORTAL_OWNER,
        "is_propaganda_staff": staff,
        "is_unit_officer": officer,
        "role_label": role_label(user),
        # Lazy: counted only on pages that show the officer's menu.
        "open_work_count": SimpleLazyObject(lambda: open_work_count(user=user)) if officer else 0,
        # The bell: lazy too, counted on the workspace pages only.
        "unread_notification_count": (
            SimpleLazyObject(lambda: unread_notification_count(user=user)) if officer or staff else 0
        ),
    }
