"""The reporting rounds in the workspace, under /lam-viec/bao-cao-hop-tac/ (reports.views.rounds)."""

from django.urls import path

from .views import rounds

app_name = "rounds"

urlpatterns = [
    path("", rounds.round_list, name="list"),
    path("mo-dot/", rounds.round_open, name="open"),
    path("dot/<int:pk>/", rounds.round_detail, name="round"),
    path("dot/<int:pk>/tong-hop/", rounds.round_compile, name="compile"),
    path("phan-bao-cao/<int:pk>/", rounds.submission_edit, name="submission"),
    path("phan-bao-cao/<int:pk>/duyet/", rounds.submission_review, name="review"),
]
