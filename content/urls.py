from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("tin-bai/", views.article_list, name="articles"),
    path("tai-lieu/", views.material_list, name="materials"),
    path("tai-lieu/<slug:code>/", views.material_detail, name="material"),
]
