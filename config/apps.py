"""App configurations the portal overrides.

django-axes names its app "Axes" (no translatable verbose_name), so the admin
index showed that English word to users who read only Vietnamese. Subclassing
keeps axes' own ready() (logging and signal handlers) unchanged.
"""

from axes.apps import AppConfig as BaseAxesConfig


class AxesConfig(BaseAxesConfig):
    verbose_name = "Chống dò mật khẩu (đăng nhập sai)"


from django.contrib.admin.apps import AdminConfig  # noqa: E402


class PortalAdminConfig(AdminConfig):
    """The admin with the portal's site: it requires a session verified by a second factor
    (campaign.twofactor.admin_site)."""

    default_site = "campaign.twofactor.admin_site.PortalAdminSite"
