from django.contrib.auth.models import Group, Permission

from .roles import OFFICER_GROUP, STAFF_GROUP

# The apps whose data Ban Tuyên giáo staff manage in the admin. Named by label,
# not imported, so that campaign depends on none of them.
STAFF_MANAGED_APPS = ("campaign", "content", "contests", "reports", "django_celery_beat")
# What unit officers may do beyond their units' work, as "app_label.codename" (named, not
# imported, for the same reason): write news of their units and send it for approval.
OFFICER_PERMISSIONS = ("content.submit_article",)
# Administrators' only, even on the portal's apps: a superuser gives them to a person or group.
ADMIN_PERMISSIONS = ("view_auditlog",)


def ensure_role_groups(**kwargs):
    """After each migrate: the two role groups exist, and staff hold every
    permission on the portal's own models (new models included)."""
    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    officer, _ = Group.objects.get_or_create(name=OFFICER_GROUP)
    wanted = set(
        Permission.objects.filter(content_type__app_label__in=STAFF_MANAGED_APPS)
        .exclude(codename__in=ADMIN_PERMISSIONS).values_list("pk", flat=True)
    )
    have = set(staff.permissions.values_list("pk", flat=True))
    if wanted - have:
        staff.permissions.add(*(wanted - have))
    for name in OFFICER_PERMISSIONS:
        app_label, codename = name.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            officer.permissions.add(permission)
