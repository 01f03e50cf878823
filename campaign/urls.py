from django.urls import path

from . import photos
from .accounts import views as account_views
from .reminders import views as reminder_views
from .views import audit, calendars, dashboard, plans, reports, tasks, workspace

app_name = "campaign"

urlpatterns = [
    path("don-vi/", workspace.unit_list, name="units"),
    path("ke-hoach/", plans.plan_list, name="plans"),
    path("ke-hoach/them/", plans.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", plans.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/sua/", plans.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/trang-thai/", plans.plan_status, name="plan_status"),
    path("ke-hoach/<int:pk>/van-ban.docx", plans.plan_docx, name="plan_docx"),
    path("ke-hoach/<int:pk>/van-ban-goc/", plans.plan_original, name="plan_original"),
    path("ke-hoach/<int:pk>/van-ban-goc/tai-ve/", plans.plan_original_download, name="plan_original_download"),
    path("ke-hoach/<int:pk>/tong-hop/", dashboard.dashboard, name="dashboard"),
    path("ke-hoach/<int:pk>/tong-hop.xlsx", dashboard.dashboard_xlsx, name="dashboard_xlsx"),
    path("ke-hoach/<int:pk>/nhiem-vu/them/", tasks.task_create, name="task_create"),
    path("nhiem-vu/<int:pk>/", tasks.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/giao/", tasks.task_assign, name="task_assign"),
    path("ky-bao-cao/<int:pk>/doi-han/", tasks.period_due_date, name="period_due_date"),
    path("nhiem-vu-don-vi/<int:assignment_pk>/ky/<int:period_pk>/mo-khoa/", tasks.lock_exception, name="lock_exception"),
    path("viec-cua-don-vi/", reports.my_work, name="my_work"),
    path("viec-cua-don-vi/<int:assignment_pk>/ky/<int:period_pk>/", reports.report_file, name="report_file"),
    path("bao-cao/", reports.review_queue, name="review_queue"),
    path("bao-cao/<int:pk>/", reports.report_detail, name="report"),
    path("anh/<int:pk>/", photos.report_photo, name="report_photo"),
    path("anh/<int:pk>/nho/", photos.report_photo_thumbnail, name="report_photo_thumbnail"),
    path("lich/", calendars.calendar_links, name="calendar_links"),
    # Deadline reminders
    path("nhac-han/", reminder_views.reminder_log, name="reminder_log"),
    path("nhat-ky/", audit.audit_log, name="audit_log"),
    path("nhac-han/<int:pk>/gui-lai/", reminder_views.reminder_resend, name="reminder_resend"),
    path("ke-hoach/<int:pk>/nhac-han/", reminder_views.reminder_policy, name="reminder_policy"),
    path("thong-bao/", reminder_views.notifications, name="notifications"),
    path("thong-bao/<int:pk>/da-doc/", reminder_views.notification_read, name="notification_read"),
    path("thong-bao/da-doc-het/", reminder_views.notifications_read_all, name="notifications_read_all"),
    # Officer accounts (issue 10.4)
    path("tai-khoan/", account_views.account_list, name="accounts"),
    path("tai-khoan/them/", account_views.account_create, name="account_create"),
    path("tai-khoan/nhap/", account_views.accounts_import, name="accounts_import"),
    path("tai-khoan/mau-nhap.xlsx", account_views.accounts_import_template, name="accounts_import_template"),
    path("tai-khoan/danh-sach.xlsx", account_views.accounts_xlsx, name="accounts_xlsx"),
    path("tai-khoan/<int:pk>/", account_views.account_detail, name="account"),
    path("tai-khoan/<int:pk>/gui-thu/", account_views.account_send_link, name="account_send_link"),
    path("tai-khoan/<int:pk>/khoa/", account_views.account_deactivate, name="account_deactivate"),
    path("tai-khoan/<int:pk>/mo-lai/", account_views.account_activate, name="account_activate"),
]
