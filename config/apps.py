"""App configurations the portal overrides.

django-axes names its app "Axes" (no translatable verbose_name), so the admin
index showed that English word to users who read only Vietnamese. Subclassing
keeps axes' own ready() (logging and signal handlers) unchanged.
"""

from axes.apps import AppConfig as BaseAxesConfig


class AxesConfig(BaseAxesConfig):
    verbose_name = "Chống dò mật khẩu (đăng nhập sai)"
