"""View decorators for the staff/officer area.

Anonymous visitors are sent to the login page; a signed-in user without the
role gets 403 (a redirect to login would loop).
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import can_view_audit_log, is_propaganda_staff, is_unit_officer


def _require(test):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = _require(is_propaganda_staff)
workspace_required = _require(lambda user: is_propaganda_staff(user) or is_unit_officer(user))
audit_log_required = _require(can_view_audit_log)
