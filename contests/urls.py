from django.urls import path

from . import views

app_name = "contests"

urlpatterns = [
    path("", views.contest_index, name="index"),
    path("bai-thi/<uuid:key>/", views.attempt_page, name="attempt"),
    path("bai-thi/<uuid:key>/luu/", views.attempt_autosave, name="autosave"),
    path("bai-thi/<uuid:key>/nop/", views.attempt_submit, name="submit"),
    path("bai-thi/<uuid:key>/ket-qua/", views.attempt_result, name="result"),
    path("chia-se/<uuid:share_key>/", views.attempt_share, name="share"),
    path("quan-ly/<slug:code>/", views.statistics, name="statistics"),
    path("quan-ly/<slug:code>/dot/<int:number>/xep-hang.xlsx", views.ranking_xlsx, name="ranking_xlsx"),
    path("quan-ly/<slug:code>/cau-hoi.xlsx", views.questions_xlsx, name="questions_xlsx"),
    path("quan-ly/<slug:code>/nhap-cau-hoi/", views.questions_import, name="questions_import"),
    path("quan-ly/<slug:code>/dot/<int:number>/", views.round_manage, name="round_manage"),
    path("quan-ly/<slug:code>/dot/<int:number>/tinh-ket-qua/", views.round_compute, name="round_compute"),
    path("quan-ly/<slug:code>/cau-hoi/", views.question_list, name="question_list"),
    path("quan-ly/<slug:code>/cau-hoi/moi/", views.question_edit, name="question_create"),
    path("quan-ly/<slug:code>/cau-hoi/<int:pk>/", views.question_edit, name="question_edit"),
    path("<slug:code>/", views.contest_detail, name="contest"),
    path("<slug:code>/dang-ky/", views.register, name="register"),
    path("<slug:code>/dang-ky-cua-toi/", views.my_registration, name="my_registration"),
    path("<slug:code>/dung-lai-dang-ky/", views.restore, name="restore"),
    path("<slug:code>/dot/<int:number>/bat-dau/", views.attempt_start, name="start"),
    path("<slug:code>/dot/<int:number>/ket-qua/", views.round_results, name="round_results"),
]
