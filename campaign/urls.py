from django.urls import path

from . import views

app_name = "campaign"

urlpatterns = [
    path("don-vi/", views.unit_list, name="units"),
    path("ke-hoach/", views.plan_list, name="plans"),
    path("ke-hoach/them/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/trang-thai/", views.plan_status, name="plan_status"),
    path("ke-hoach/<int:pk>/van-ban.docx", views.plan_docx, name="plan_docx"),
    path("ke-hoach/<int:pk>/van-ban-goc/", views.plan_original, name="plan_original"),
    path("ke-hoach/<int:pk>/van-ban-goc/tai-ve/", views.plan_original_download, name="plan_original_download"),
    path("ke-hoach/<int:pk>/tong-hop/", views.dashboard, name="dashboard"),
    path("ke-hoach/<int:pk>/tong-hop.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("ke-hoach/<int:pk>/nhiem-vu/them/", views.task_create, name="task_create"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/giao/", views.task_assign, name="task_assign"),
    path("ky-bao-cao/<int:pk>/doi-han/", views.period_due_date, name="period_due_date"),
    path("nhiem-vu-don-vi/<int:assignment_pk>/ky/<int:period_pk>/mo-khoa/", views.lock_exception, name="lock_exception"),
    path("viec-cua-don-vi/", views.my_work, name="my_work"),
    path("viec-cua-don-vi/<int:assignment_pk>/ky/<int:period_pk>/", views.report_file, name="report_file"),
    path("bao-cao/", views.review_queue, name="review_queue"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report"),
    path("lich/", views.calendar_links, name="calendar_links"),
    # Deadline reminders
    path("nhac-han/", views.reminder_log, name="reminder_log"),
    path("nhac-han/<int:pk>/gui-lai/", views.reminder_resend, name="reminder_resend"),
    path("ke-hoach/<int:pk>/nhac-han/", views.reminder_policy, name="reminder_policy"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/<int:pk>/da-doc/", views.notification_read, name="notification_read"),
    path("thong-bao/da-doc-het/", views.notifications_read_all, name="notifications_read_all"),
]
