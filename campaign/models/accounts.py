"""What the portal keeps about an officer beyond Django's user."""

from django.conf import settings
from django.db import models


class OfficerProfile(models.Model):
    """What the portal keeps about an officer beyond Django's user: the phone number staff call."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="officer_profile")
    phone = models.CharField("số điện thoại", max_length=15, blank=True)

    class Meta:
        verbose_name = "thông tin cán bộ"
        verbose_name_plural = "thông tin cán bộ"

    def __str__(self):
        return str(self.user)
