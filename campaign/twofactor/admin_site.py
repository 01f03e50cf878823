"""The admin site of the portal: django-otp's OTPAdminSite, so that only a session verified by a
second factor gets in, under the name "admin" (the URLs stay admin:…).

The admin's own login form is not used: /quan-tri/login/ sends visitors to the portal's login (one
password form, followed by the code page), is_staff accounts already in to the index, others 403.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.admin import OTPAdminSite


class PortalAdminSite(OTPAdminSite):
    def __init__(self, name="admin"):
        super().__init__(name)

    def login(self, request, extra_context=None):
        index = reverse("admin:index", current_app=self.name)
        target = request.GET.get("next") or index
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = index
        if not request.user.is_authenticated:
            return redirect_to_login(target)
        if self.has_permission(request):
            return redirect(target)
        raise PermissionDenied
