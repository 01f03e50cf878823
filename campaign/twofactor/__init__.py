"""Two-factor sign-in (issue 15, "Keeps intruders out"): TOTP from an authenticator app, with
one-time recovery codes, on top of the password and django-axes' lockout.

- services.py: who must use it, enrolment, codes, checks, reset.
- views.py: the login (password, then the code), enrolment, QR image, status page.
- middleware.py: a signed-in account that must pass the second step and has not reaches only the
  two-factor pages, logout and static files; staff sessions expire (idle and absolute).
- admin_site.py: the admin site requires a verified session (django-otp's OTPAdminSite).
"""
