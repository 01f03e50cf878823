from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from campaign.twofactor import views as twofactor
from campaign.views import calendars as campaign_calendars, workspace as campaign_workspace
from content import views as content_views

from .health import healthz

admin.site.site_header = "Quản trị cổng thông tin tuyên truyền"
admin.site.site_title = "Quản trị"
admin.site.index_title = "Dữ liệu của cổng"

urlpatterns = [
    path("", content_views.home, name="home"),
    path("", include("content.urls")),
    path("cuoc-thi/", include("contests.urls")),
    path("captcha/", include("captcha.urls")),
    path("bao-cao-hop-tac/", include("reports.urls")),
    path("lam-viec/", campaign_workspace.workspace, name="workspace"),
    path("lam-viec/bao-cao-hop-tac/", include("reports.urls_rounds")),
    path("lam-viec/", include("campaign.urls")),
    path("tai-khoan/dang-nhap/", twofactor.PortalLoginView.as_view(), name="login"),
    # Two-factor sign-in (campaign/twofactor): the code after the password, enrolment, status.
    path("tai-khoan/dang-nhap/ma-xac-thuc/", twofactor.verify, name="twofactor_verify"),
    path("tai-khoan/xac-thuc-hai-buoc/", twofactor.status, name="twofactor"),
    path("tai-khoan/xac-thuc-hai-buoc/bat/", twofactor.enrol, name="twofactor_enrol"),
    path("tai-khoan/xac-thuc-hai-buoc/ma-qr.svg", twofactor.qr_code, name="twofactor_qr"),
    path("tai-khoan/xac-thuc-hai-buoc/ma-du-phong/", twofactor.recovery_codes, name="twofactor_recovery_codes"),
    path("tai-khoan/xac-thuc-hai-buoc/tat/", twofactor.turn_off, name="twofactor_turn_off"),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # The set-password link staff send to a new officer (campaign.accounts) is Django's reset confirm.
    path("tai-khoan/dat-mat-khau/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("tai-khoan/dat-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("quan-tri/", admin.site.urls),
    # No include("django_ckeditor_5.urls"): its upload view would store an is_staff user's file as
    # sent (name, metadata); the editor uploads through content:editor_image_upload
    # (CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME). tests/security/test_permission_sweep.py.
    path("lich/<str:token>.ics", campaign_calendars.calendar_feed, name="calendar_feed"),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"), permanent=True)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What an exception outside a view gets (a middleware's, e.g. the session's read while the database
# restarts): the portal's Vietnamese 500 page, or 503 when the database cannot be reached.
handler500 = "config.middleware.server_error"
