"""How a page names a person: every user link may be empty (an account that
was deleted, a row written by the system or by the demo loader)."""

from django import template

register = template.Library()

UNKNOWN = "không rõ"


@register.filter
def person(user, fallback=UNKNOWN):
    """Full name, else username, else `fallback`: {{ report.submitted_by|person:"tài khoản đã xoá" }}."""
    if user is None or not getattr(user, "pk", None):
        return fallback
    return user.get_full_name() or user.get_username() or fallback
