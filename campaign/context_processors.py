from django.conf import settings

from .roles import is_propaganda_staff, is_unit_officer, role_label


def portal(request):
    user = request.user
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_OWNER": settings.PORTAL_OWNER,
        "is_propaganda_staff": is_propaganda_staff(user),
        "is_unit_officer": is_unit_officer(user),
        "role_label": role_label(user),
    }
