"""The three roles of the portal.

- Site administrators: Django superusers (the admin site, accounts).
- Ban Tuyên giáo staff: members of the STAFF_GROUP group; they manage everything.
- Unit officers: members of the OFFICER_GROUP group and of one or more units
  (`Unit.members`); they see and change only their units' work.

The groups and their permissions are kept in place after every migrate
(`campaign.signals.ensure_role_groups`).
"""

STAFF_GROUP = "Cán bộ Ban Tuyên giáo"
OFFICER_GROUP = "Cán bộ đơn vị"


def _group_names(user):
    # Cached on the user object: the menu, the views and the templates all ask.
    if not hasattr(user, "_portal_group_names"):
        user._portal_group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._portal_group_names


def is_site_admin(user):
    return user.is_authenticated and user.is_active and user.is_superuser


def is_propaganda_staff(user):
    """Ban Tuyên giáo staff; site administrators may do everything staff do."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or STAFF_GROUP in _group_names(user)


def is_unit_officer(user):
    if not (user.is_authenticated and user.is_active):
        return False
    return OFFICER_GROUP in _group_names(user)


def can_view_audit_log(user):
    """Site administrators, and whoever a superuser gave `campaign.view_auditlog` (never the staff
    group as such: campaign.signals keeps it out)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm("campaign.view_auditlog")


def role_label(user):
    if is_site_admin(user):
        return "Quản trị hệ thống"
    if is_propaganda_staff(user):
        return "Cán bộ Ban Tuyên giáo"
    if is_unit_officer(user):
        return "Cán bộ đơn vị"
    return ""
